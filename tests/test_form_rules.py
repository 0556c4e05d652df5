"""The JSON Schema carries every rule it can, and the case form gets sjekk's own messages (issue 9.3).

- check-jsonschema (pinned) validates the data files against the schemas the way VS Code picks
  them (.vscode/settings.json, the modeline in each file): every real file passes, and bad inputs
  the schema can express are refused;
- every validator in model.py has its schema keywords (schema.VALIDATORS), and so has every
  whole-record rule of recordrules.RULES that JSON Schema can express (schema.RULES);
- the form's messages come from the Python code (formrules.py), and the form is made from the
  model: a new field in the model reaches the form's data without anyone editing the form;
- the form's YAML comments are `kulturskole ny`'s.

The browser side (the same bad inputs through the form, the round trip) is in
tests/browser/test_form.py.
"""
from __future__ import annotations

import fnmatch
import json
import shutil
import subprocess
import sys
from pathlib import Path
from textwrap import dedent

import pytest
from pydantic import Field

from macros.core import model
from macros.core.catalog import validate
from macros.core.formrules import browser_rules, fill, pilot_number, register_data
from macros.core.load import load_dataset
from macros.core.register import RegisterIndex
from macros.core.schema import RULES, VALIDATORS, EditorSchema, FILES, data_ids_from, dumps, schema_for, schemas
from macros.editor import scaffold
from macros.site import form

from .conftest import ROOT

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"

GOOD = dedent("""\
    navn: Stord
    kommunenummer: "4614"
    program: egen-utvikling
    deltakelse:
      - status: aktiv
        dato: 2025-01-15
    kommunegruppe:
      - rolle: kulturskolerektor
        sektor: kulturskole
      - rolle: rektor på en barneskole
        sektor: skole
      - rolle: leder i frivilligsentralen
        sektor: frivillighet
      - rolle: kommunalsjef for oppvekst
        sektor: kommuneledelse
    kontakt:
      rolle: kulturskolerektor
    kilder:
      - tittel: Kommunens side
        url: https://example.org/stord
    oppdatert: 2026-11-26
    """)


def vscode_schema_for(rel: str) -> Path:
    """The schema VS Code uses for a data file: .vscode/settings.json's glob (the modeline agrees,
    tests/test_editor.py checks that)."""
    mapping = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    hits = [schema for schema, glob in mapping.items() if fnmatch.fnmatch(rel, glob)]
    assert len(hits) == 1, rel
    return (ROOT / hits[0]).resolve()


def check_jsonschema(schema: Path, files: list[Path]) -> subprocess.CompletedProcess:
    assert CHECK_JSONSCHEMA.exists(), "check-jsonschema mangler; «make test» installerer det (pyproject.toml, test)"
    return subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *map(str, files)],
                          capture_output=True, text=True, check=False)


# --- the schema as VS Code uses it ------------------------------------------------------------------

def test_every_real_data_file_passes_check_jsonschema_with_the_schema_vscode_picks():
    files = sorted((ROOT / "data").glob("*.yml")) + sorted((ROOT / "data" / "kommuner").glob("*.yml"))
    by_schema: dict[Path, list[Path]] = {}
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        if rel in ("data/kommuneregister.yml", "data/tilgjengelighet.yml"):
            continue  # generated / not an editor's record file; no schema maps them
        by_schema.setdefault(vscode_schema_for(rel), []).append(path)
    assert len(by_schema) == len(FILES)
    for schema, group in by_schema.items():
        result = check_jsonschema(schema, group)
        assert result.returncode == 0, result.stdout + result.stderr


# The same case in the pilot, whose call asked for a group of 4–6 (Stord was not in it: a test case).
PILOT = GOOD.replace("program: egen-utvikling", "program: kulturskole-3-0").replace("status: aktiv", "status: valgt")

SCHEMA_CATCHES = [
    # (what is wrong, YAML text) – each refused by sjekk, and by the schema alone
    ("kommunegruppe med tre i piloten", PILOT.replace("  - rolle: kommunalsjef for oppvekst\n    sektor: kommuneledelse\n", "")),
    ("kommunegruppe med sju i piloten", PILOT.replace("kontakt:", "".join(
        f"  - rolle: rolle {i}\n    sektor: skole\n" for i in range(3)) + "kontakt:")),
    ("bare kulturskolen", GOOD.replace("sektor: skole", "sektor: kulturskole").replace(
        "sektor: frivillighet", "sektor: kulturskole").replace("sektor: kommuneledelse", "sektor: kulturskole")),
    ("ukjent fokusområde", GOOD + "fokusomrade: helse-og-trivsel\n"),
    ("ukjent suksesskriterium", GOOD + "suksesskriterier:\n  - id: vaer-modig\n    belegg: Noe.\n"),
    ("nummer som ikke finnes", GOOD.replace('"4614"', '"4699"')),
    ("nummer fra 2020", GOOD.replace('"4614"', '"1221"')),
    ("eksempel med ekte nummer", GOOD + "eksempel: true\n"),
    ("http-lenke", GOOD.replace("https://example.org", "http://example.org")),
    ("ugyldig dato", GOOD.replace("dato: 2025-01-15", "dato: 15.01.2025")),
    ("navn uten samtykke", GOOD.replace("  rolle: kulturskolerektor\nkilder", "  rolle: kulturskolerektor\n  navn: Kari\nkilder")),
    ("deltakelse uten dato og merknad", GOOD.replace("    dato: 2025-01-15\n", "")),
    ("tegn som ikke er lov i tittel", GOOD.replace("tittel: Kommunens side", "tittel: <b>Kommunens side</b>")),
    ("tom rolle", GOOD.replace("rolle: rektor på en barneskole", 'rolle: "  "')),
    ("ukjent felt", GOOD + "fokusomrad: helhetlig-oppvekst\n"),
    ("påstander uten kilder", GOOD.split("kilder:")[0] + "oppdatert: 2026-11-26\n"),
    ("tolkning uten fokusområde", GOOD + "fokusomrade_tolkning: Redaksjonens lesning.\n"),
]


@pytest.fixture(scope="module")
def case_schema() -> Path:
    return vscode_schema_for("data/kommuner/stord.yml")


def test_the_good_case_passes_both(tmp_path, case_schema):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "kommuner" / "stord.yml").write_text(GOOD, encoding="utf-8")
    assert [str(p) for p in validate(data)[1]] == []
    assert check_jsonschema(case_schema, [data / "kommuner" / "stord.yml"]).returncode == 0


def test_the_schema_refuses_what_sjekk_refuses(tmp_path, case_schema):
    """Each bad input: `kulturskole sjekk` refuses it, and so does check-jsonschema with the schema
    alone (one run of each over all the files)."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    files = {}
    for i, (what, text) in enumerate(SCHEMA_CATCHES):
        path = tmp_path / "feil" / f"tilfelle{i}.yml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files[what] = path
        (data / "kommuner" / "stord.yml").write_text(text, encoding="utf-8")
        assert validate(data)[1], f"{what}: sjekk godtok filen"
    result = check_jsonschema(case_schema, list(files.values()))
    assert result.returncode == 1
    passed = [what for what, path in files.items() if f"{path}::" not in result.stdout]
    assert passed == [], f"skjemaet godtok: {passed}\n{result.stdout}"


def test_every_validator_in_the_model_is_in_the_schema():
    seen: set[str] = set()

    class Recorder(EditorSchema):
        def function_after_schema(self, schema):
            function = schema["function"]["function"]
            seen.add(getattr(getattr(function, "__func__", function), "__qualname__", ""))
            return super().function_after_schema(schema)

    for record, _, _ in FILES.values():
        record.model_json_schema(schema_generator=Recorder)
    covered = {f.__qualname__ for f in VALIDATORS}
    assert seen and seen <= covered, f"validatorer uten skjemaregel: {sorted(seen - covered)}"


def test_schema_rules_are_the_whole_record_rules():
    """One definition: each schema rule is a row of recordrules.RULES, with its message; every row
    JSON Schema can express is there, on the node its path names."""
    from macros.core import recordrules
    table = {r.id: r for r in recordrules.RULES}
    assert {r.code for r in RULES} == {r.id for r in recordrules.RULES if recordrules.json_schema(r)}
    assert {"ks_gruppe_storrelse", "ks_gruppe_ekstern", "ks_samtykke", "ks_dato_merknad"} <= {r.code for r in RULES}
    for rule in RULES:
        assert (rule.model, rule.path, rule.message) == (table[rule.code].model, table[rule.code].path,
                                                         table[rule.code].message)
    case = schema_for("kommunecase.schema.json")
    group = case["properties"]["kommunegruppe"]["anyOf"][0]
    assert {e["x-regel"] for e in group["allOf"]} == {"ks_gruppe_ekstern"}
    # The group size binds the pilot only (its call): on the record, if program is the pilot.
    size = [e for e in case["allOf"] if e.get("x-regel") == "ks_gruppe_storrelse"]
    assert [e["if"]["properties"]["program"] for e in size] == [{"enum": ["kulturskole-3-0"]}]
    assert size[0]["then"]["properties"]["kommunegruppe"]["minItems"] == 4
    assert [e["x-regel"] for e in case["$defs"]["Kontakt"]["allOf"]] == ["ks_samtykke"]
    assert [(e["x-regel"], e["x-ved"]) for e in case["$defs"]["Deltakelse"]["allOf"]] == [("ks_dato_merknad", "dato")]
    # Run on every value, next to field errors, as `kulturskole sjekk` runs them (no x-etter).
    entries = [e for node in (group, case["$defs"]["Kontakt"], case["$defs"]["Deltakelse"]) for e in node["allOf"]] + size
    assert len(entries) == 4 and not any("x-etter" in e for e in entries)


def test_schema_without_data_ids_has_no_data_enums_and_same_field_rules():
    plain = schema_for("kommunecase.schema.json")
    assert "enum" not in json.dumps(plain["properties"]["fokusomrade"])
    full = schema_for("kommunecase.schema.json", data_ids_from(ROOT / "data"))
    assert full["properties"]["fokusomrade"]["anyOf"][0]["enum"] == [
        f.id for f in load_dataset(ROOT / "data").fokusomrader]
    assert set(plain["properties"]) == set(full["properties"]) == set(model.Kommunecase.model_fields)


# --- what the form gets --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rules():
    return browser_rules(load_dataset(ROOT / "data"))


def test_messages_are_sjekks_own(rules, data):
    """Each template, filled in, is the message `kulturskole sjekk` prints for the same input."""
    m = rules["meldinger"]
    text = (data / "kommuner" / "bodo.yml").read_text(encoding="utf-8")

    def sjekk(new_text: str) -> list[str]:
        (data / "kommuner" / "bodo.yml").write_text(new_text, encoding="utf-8")
        return [p.message for p in validate(data)[1]]

    navn = next(r for r in rules["kryssregler"] if r["id"] == "ks_navn_register")["meldinger"]["mal"]
    assert sjekk(text.replace("navn: Bodø", "navn: Narvik")) == [
        fill(navn, {"verdi": "Narvik", "nr": "1804", "offisielt": "Bodø"})]
    assert sjekk(text.replace('"1804"', '"3030"')) == [rules["register"]["gamle"]["3030"]]
    group = "kommunegruppe:\n" + "".join(f"  - rolle: r{i}\n    sektor: kulturskole\n" for i in range(3))
    assert sjekk(text + group) == [fill(m["ks_gruppe_storrelse"], {"n": 3}), m["ks_gruppe_ekstern"]]


def test_register_data_matches_register_py():
    reg = RegisterIndex(load_dataset(ROOT / "data").register)
    data = register_data(reg)
    assert len(data["kommuner"]) == len(reg.kommuner) == 357
    for nr, navn, fylke, variants, pilot in data["kommuner"]:
        assert set(variants) == reg.name_variants(navn)
        assert all(reg.case_slug(nr, written) == slug for written, slug in
                   ((v, s) for v, s in variants.items()) if reg.name_matches(nr, written))
        assert pilot == scaffold.pilot_number(reg, reg.kommuner[nr])
    assert data["gamle"]["3030"] == reg.unknown_number_message("3030")


def test_a_new_field_in_the_model_reaches_the_form_without_editing_the_form(cat):
    """The form is built from the schema: a model with one more field gives rules with that field,
    its title falls back to its name, and its description is the help text."""
    class Utvidet(model.Kommunecase):
        nettside_for_kulturskolen: model.HttpsUrl | None = Field(
            None, description="Lenke til kulturskolens egen side.")

    schema = schema_for("kommunecase.schema.json", data_ids_from(ROOT / "data"), record=Utvidet)
    data = form.rules_json(cat, Utvidet, schema)
    prop = data["skjema"]["properties"]["nettside_for_kulturskolen"]
    assert prop["description"] == "Lenke til kulturskolens egen side."
    assert list(data["skjema"]["properties"])[-1] == "nettside_for_kulturskolen"
    assert data["kommentarer"]["nettside_for_kulturskolen"] == [
        "nettside_for_kulturskolen: Lenke til kulturskolens egen side."]
    assert "ks_https" in json.dumps(prop)  # the validator's rule came along


def test_comments_are_kulturskole_nys():
    for name in model.Kommunecase.model_fields:
        assert form.field_comments()[name] == scaffold.field_help(model.Kommunecase, name)
    assert form.SCHEMA_LINE == scaffold.SCHEMA_LINE


def test_without_a_repository_the_form_offers_no_github(tmp_path):
    html = str(form.form_block("bidra/skjema/", "", "edit/main/"))
    assert 'data-repo=""' in html and 'data-sak=""' in html and "github" not in html.lower()
    html = str(form.form_block("bidra/skjema/", "https://github.com/eier/repo/", "edit/trunk/"))
    assert 'data-repo="https://github.com/eier/repo"' in html and 'data-gren="trunk"' in html
    # Without JavaScript the page links the issue form too.
    assert '<a href="https://github.com/eier/repo/issues/new?template=foresla-case.yml">' in html
    # Not a GitHub address: no GitHub options (never a guessed one).
    assert 'data-repo=""' in str(form.form_block("bidra/skjema/", "https://gitlab.com/eier/repo", "edit/main/"))


def test_committed_schema_is_what_the_form_uses(rules):
    committed = json.loads((ROOT / "schema" / "kommunecase.schema.json").read_text(encoding="utf-8"))

    def strip(node):
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k != "x-meldinger"}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node
    from macros.core.formrules import _drop_record_rules
    _drop_record_rules(committed)  # the form gets those as their table (postregler)
    assert strip(rules["skjema"]) == committed
