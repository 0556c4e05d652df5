"""Holes that mutation testing of the data core found (tests/MUTASJON.md): each test here failed
with a surviving mutant of `make mutasjon PROVE=200` and passes with the real code."""
from __future__ import annotations

from pathlib import Path

from macros.core.catalog import load_site
from macros.core.yamlsrc import parse


def test_line_numbers_after_an_invisible_line_break_in_quotes_are_the_editors():
    """YAML counts U+2028 (from Word) inside quotes as a line break; an editor does not. The lines
    given for the fields after it are the editor's."""
    text = 'navn: "a\u2028b"\nkommunenummer: \'1804\'\nfylke: x\n'
    src, problem = parse(text, "data/kommuner/x.yml")
    assert problem is None
    assert src.data["navn"] == "a\u2028b"
    assert src.lines == {(): 1, ("navn",): 1, ("kommunenummer",): 2, ("fylke",): 3}


def test_a_bad_tag_inside_a_recursive_alias_is_found_and_named():
    """The search for the tagged value visits each node once, also when an alias points back at its
    own list (it would otherwise never end)."""
    src, problem = parse("b: 1\na: &a [*a, *a, !!int x]\n", "data/kommuner/x.yml")
    assert src is None
    assert (problem.line, problem.field) == (2, "a[3]")
    assert problem.message.startswith("fant «!!int x»; taggen passer ikke til verdien")


def test_a_missing_data_folder_is_reported_not_a_traceback(tmp_path: Path):
    catalog, problems = load_site(tmp_path / "finnes-ikke")
    assert catalog is None
    assert any(str(p).startswith("finnes-ikke/kommuneregister.yml:1: filen mangler; den skal ligge i data/")
               for p in problems)


def test_the_forms_enum_messages_are_what_sjekk_says(tmp_path: Path):
    """The case form's message for a value outside a list (a fixed list in the model, or ids from a
    data file) is, filled in, the message `kulturskole sjekk` gives for the same value."""
    from macros.core.catalog import validate
    from macros.core.formrules import browser_rules, fill
    from macros.core.load import load_dataset
    from macros.core.messages import _found

    from .conftest import copy_fixture_data

    data = copy_fixture_data(tmp_path)
    skjema = browser_rules(load_dataset(data))["skjema"]
    path = data / "kommuner" / "bodo.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("program: kulturskole-3-0", "program: dans") + "sprak: en\nfokusomrade: dans\n",
                    encoding="utf-8")
    said = {p.field: p.message for p in validate(data)[1]}
    rules = browser_rules(load_dataset(data))
    programme = next(r for r in rules["kryssregler"] if r["id"] == "ks_program_finnes")  # the cross-file table
    assert said["program"] == fill(programme["meldinger"]["mal"], {
        "verdi": "dans", "tillatt": ", ".join(rules["tabeller"]["programmer"])})
    assert said["sprak"] == fill(skjema["properties"]["sprak"]["x-meldinger"]["enum"], {"fant": _found("en")})
    assert said["fokusomrade"] == fill(skjema["properties"]["fokusomrade"]["anyOf"][0]["x-meldinger"]["enum"],
                                       {"verdi": "dans"})
    assert "fant «en»; tillatt er: nb, nn" in said["sprak"]


def test_the_forms_date_and_list_messages_are_what_sjekk_says(tmp_path: Path):
    """The same for a date that is not a date, and a list that must not be empty; and a field with a
    maximum count (none in the model today) gets sjekk's message for a list that is too long."""
    from pydantic import Field

    from macros.core import model
    from macros.core.catalog import validate
    from macros.core.formrules import browser_rules, fill
    from macros.core.load import load_dataset
    from macros.core.messages import _found, describe
    from macros.core.schema import data_ids_from, schema_for

    from .conftest import copy_fixture_data

    data = copy_fixture_data(tmp_path)
    ds = load_dataset(data)
    skjema = browser_rules(ds)["skjema"]
    path = data / "kommuner" / "bodo.yml"
    text = path.read_text(encoding="utf-8")
    bad = text.replace("oppdatert: 2026-10-01", "oppdatert: 2026-1-01")
    bad = bad.replace("deltakelse:\n  - status: valgt\n    dato: 2021-04-22\n", "deltakelse: []\n")
    path.write_text(bad, encoding="utf-8")
    said = {p.field: p.message for p in validate(data)[1]}
    meldinger = skjema["properties"]["oppdatert"]["x-meldinger"]
    assert said["oppdatert"] == fill(meldinger["format"], {"fant": _found("2026-1-01")})
    assert said["oppdatert"].startswith("ugyldig dato «2026-1-01»")
    # A date in the right shape that is not in the calendar has its own message.
    path.write_text(text.replace("oppdatert: 2026-10-01", "oppdatert: 2026-13-01"), encoding="utf-8")
    said = {p.field: p.message for p in validate(data)[1]}
    assert said["oppdatert"] == fill(meldinger["finnes"], {"fant": _found("2026-13-01")})
    assert said["oppdatert"] == "fant «2026-13-01», en dato som ikke finnes; sjekk dag og måned"
    path.write_text(bad, encoding="utf-8")
    said = {p.field: p.message for p in validate(data)[1]}
    assert said["deltakelse"] == skjema["properties"]["deltakelse"]["x-meldinger"]["minItems"]

    class Utvidet(model.Kommunecase):
        lenker: list[str] = Field([], max_length=2, description="Inntil to lenker.")

    own = schema_for("kommunecase.schema.json", data_ids_from(data), record=Utvidet)
    node = browser_rules(ds, Utvidet, own)["skjema"]["properties"]["lenker"]
    assert node["maxItems"] == 2
    assert node["x-meldinger"]["maxItems"] == describe(
        Utvidet, {"type": "too_long", "loc": ("lenker",), "input": ["a", "b", "c"], "ctx": {"max_length": 2}})


def test_cases_of_a_municipality(tmp_path: Path):
    from macros.core.catalog import validate

    from .conftest import copy_fixture_data

    cat, problems = validate(copy_fixture_data(tmp_path))
    assert problems == []
    assert [c.slug for c in cat.cases_of_kommune("1804")] == ["bodo", "bodo-regionale-utviklingsprogram"]
    assert cat.cases_of_kommune("0301") == []  # no case: an empty list, not an error


def test_sjekk_names_the_allowed_fields_of_a_sub_record_and_four_digit_numbers_in_lists(tmp_path: Path):
    """An unknown field inside a sub-record (kontakt) lists that record's fields, with a suggestion;
    a municipality number in a list (a gathering's kommuner) gets the four-digit advice."""
    from macros.core.catalog import validate

    from .conftest import copy_fixture_data

    data = copy_fixture_data(tmp_path)
    path = data / "kommuner" / "bodo.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  rolle: kulturskolerektor\n",
                                                             "  rolle: kulturskolerektor\n  rolel: x\n"),
                    encoding="utf-8")
    samlinger = data / "samlinger.yml"
    samlinger.write_text(samlinger.read_text(encoding="utf-8").replace('kommuner: ["4647"]', 'kommuner: ["464"]'),
                         encoding="utf-8")
    said = {(p.file.rsplit("/", 1)[-1], p.field): p.message for p in validate(data)[1]}
    assert said[("bodo.yml", "kontakt.rolel")].startswith("ukjent felt; mente du «rolle»? tillatte felt her er: rolle, ")
    assert said[("samlinger.yml", "[1].kommuner[1]")] == \
        'fant «464»; skriv kommunenummeret med fire siffer, f.eks. 1804'


def test_the_forms_message_for_a_status_the_programme_does_not_use_is_sjekks(tmp_path: Path):
    from macros.core.catalog import validate
    from macros.core.formrules import browser_rules, fill
    from macros.core.load import load_dataset

    from .conftest import copy_fixture_data

    data = copy_fixture_data(tmp_path)
    ds = load_dataset(data)
    rules = browser_rules(ds)
    program = rules["programmer"]["kulturskole-3-0"]
    assert "sokt" not in program["statuser"]
    path = data / "kommuner" / "bodo.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: valgt", "status: sokt"), encoding="utf-8")
    said = [p.message for p in validate(data)[1]]
    status = next(r for r in rules["kryssregler"] if r["test"] == "i_programmet")
    assert said == [fill(status["meldinger"]["mal"], {
        "verdi": "sokt", "program": "kulturskole-3-0", "tittel": program["tittel"],
        "tillatt": ", ".join(program["statuser"])})]


def test_a_year_that_is_not_a_whole_number(tmp_path: Path):
    from macros.core.catalog import validate

    from .conftest import copy_fixture_data

    data = copy_fixture_data(tmp_path)
    path = data / "programmer.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("fra: 2021", "fra: [2021]", 1)
                    .replace("til: 2022", "til: tjue", 1), encoding="utf-8")
    said = {(p.file, p.line, p.field): p.message for p in validate(data)[1]}
    assert said == {("data/programmer.yml", 6, "[1].fra"): "fant en liste; skriv et heltall",
                    ("data/programmer.yml", 7, "[1].til"): "fant «tjue»; skriv et heltall"}


def test_control_characters_in_a_message_are_shown_as_escapes(tmp_path: Path):
    """A value with a bell or an invisible line separator is shown as \\u0007 / \\u2028 in the one-line
    message, not dropped and not printed raw."""
    from macros.core.catalog import validate

    from .conftest import copy_fixture_data

    data = copy_fixture_data(tmp_path)
    path = data / "kommuner" / "bodo.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("sprak: nb\n", "")
                    + 'sprak: "n\\a\\tb\\u2028"\n', encoding="utf-8")
    said = [str(p) for p in validate(data)[1]]
    assert said == ['data/kommuner/bodo.yml:14: sprak: fant «n\\u0007\\tb\\u2028»; tillatt er: nb, nn',
                    'data/kommuner/bodo.yml:14: sprak: teksten har et usynlig kontrolltegn (U+0007), som ikke er lov '
                    'i noe felt; slett det (det kommer ofte med når tekst kopieres fra et annet program)']


def test_two_files_for_one_municipality_without_a_programme(tmp_path: Path):
    """Both files are named, each on its own municipality number, with what to do."""
    from macros.core.catalog import validate

    from .conftest import copy_fixture_data

    data = copy_fixture_data(tmp_path)
    for name in ("bodo.yml", "bodo-regionale-utviklingsprogram.yml"):
        path = data / "kommuner" / name
        path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                                if not line.startswith("program:")), encoding="utf-8")
    said = [str(p) for p in validate(data)[1]]
    for here, other in (("bodo-regionale-utviklingsprogram.yml:3", "bodo.yml"),
                        ("bodo.yml:2", "bodo-regionale-utviklingsprogram.yml")):
        assert (f"data/kommuner/{here}: kommunenummer: kommune 1804 har også en fil i data/kommuner/{other}; skriv "
                "hvilket program hver case hører til (program:), én case per program") in said


def test_years_between_1900_and_2100_are_accepted():
    import pytest
    from pydantic_core import PydanticCustomError

    from macros.core.model import _year

    assert (_year(1900), _year(2100)) == (1900, 2100)
    for bad in (1899, 2101):
        with pytest.raises(PydanticCustomError, match=f"fant «{bad}»; skriv årstallet med fire siffer"):
            _year(bad)


def test_the_form_register_refuses_name_variants_that_differ_from_register_py(monkeypatch):
    """register_data() checks its name variants against register.py's and stops with an error naming
    the municipality, instead of giving the form a register that disagrees with sjekk."""
    import pytest

    from macros.core.formrules import TemplateError, register_data
    from macros.core.load import load_dataset
    from macros.core.register import RegisterIndex

    from .conftest import ROOT

    reg = RegisterIndex(load_dataset(ROOT / "data").register)
    real = reg.name_variants
    monkeypatch.setattr(reg, "name_variants", lambda navn: real(navn) | {"bodø by"} if navn == "Bodø" else real(navn))
    with pytest.raises(TemplateError, match="navnevariantene for Bodø stemmer ikke med register.py"):
        register_data(reg)
