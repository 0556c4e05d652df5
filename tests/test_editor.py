"""The editor's path: `kulturskole ny`, the JSON Schemas and VS Code, the guide under /bidra/, edit
links on every record page, and the pull-request flow on GitHub (workflows, template, form,
CODEOWNERS)."""
from __future__ import annotations

import datetime as dt
import fnmatch
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from macros.core.catalog import validate
from macros.site.editor_pages import PATTERN_WORDS
from macros.core.model import Kommunecase
from macros.site.render import dato
from macros.editor.scaffold import PLACEHOLDER_NOTE, SCHEMA_LINE, codeowners_for, new_case
from macros.core.schema import VALIDATORS, all_schemas, data_ids_from, dumps, schemas

from .conftest import FIXTURE_DATA, ROOT, build, make_project, read

# A repository address for the builds that need one (REPO_URL); a test value, never visited.
REPO = "https://github.com/eksempel-eier/kulturskole-test"


def kulturskole(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros.editor.cli", *args], capture_output=True, text=True, cwd=ROOT)


def real_data_copy(dest: Path) -> Path:
    shutil.copytree(ROOT / "data", dest)
    return dest


class Article(HTMLParser):
    """Visible text of <article>, its links, element ids, and the page's edit link."""

    def __init__(self):
        super().__init__()
        self.depth, self.parts, self.links, self.ids, self.edit = 0, [], [], set(), None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.depth += 1
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("rel") == "edit":
            self.edit = a.get("href")
        elif tag == "a" and self.depth and a.get("href"):
            self.links.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def article(site: Path, url: str) -> Article:
    parser = Article()
    parser.feed(read(site, url))
    return parser


# --- kulturskole ny -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stord(tmp_path_factory):
    """From a fresh copy of the project: `kulturskole ny Stord`, then `sjekk`, then a real build."""
    root = tmp_path_factory.mktemp("stord")
    data = real_data_copy(root / "data")
    made = kulturskole("ny", "Stord", "--data", str(data))
    checked = kulturskole("sjekk", "--data", str(data))
    project = root / "prosjekt"
    project.mkdir()
    site = build(make_project(project, data), env={"REPO_URL": REPO})
    return data, made, checked, site


def test_ny_creates_the_file_and_says_what_to_do_next(stord):
    data, made, _, _ = stord
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines() == [
        "Laget data/kommuner/stord.yml for Stord (kommunenummer 4614, Vestland) i programmet egen-utvikling "
        "(Egen utvikling).",
        "Neste steg:",
        "  1. Sjekk programmet (program:), og fyll inn deltakelse: riktig status og dato i stedet for plassholderen "
        "«Utkast».",
        "  2. Ta i bruk flere felt: skriv kommunens egne opplysninger og fjern «# » foran linjene.",
        "  3. Kjør «kulturskole sjekk», og se siden med «make serve» på http://127.0.0.1:8000/kommuner/stord/",
    ]
    text = (data / "kommuner" / "stord.yml").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == SCHEMA_LINE
    assert "## Fylke: Vestland (fylkesnummer 46). Kommunenummer i pilotperioden (2020–2023): 4614 (Vestland)." in lines
    assert 'kommunenummer: "4614"' in lines and "navn: Stord" in lines
    # The programme, with every programme and its statuses explained, and a status that fits it.
    assert lines.index("program: egen-utvikling") > lines.index("sprak: nb")
    assert "##   kulturskole-3-0: Piloten (2021–2022). Statuser: valgt, aktiv, fullfort, trukket." in lines
    assert "##   egen-utvikling: Egen utvikling. Statuser: planlagt, aktiv, avsluttet." in lines
    assert "  - status: planlagt" in lines
    assert f"oppdatert: {dt.date.today().isoformat()}" in lines


def test_new_file_passes_sjekk(stord):
    _, _, checked, _ = stord
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.startswith("Alt i orden: 17 kommunecaser")


def test_new_file_builds_into_its_page(stord):
    _, _, _, site = stord
    page = article(site, "kommuner/stord")
    assert "Stord Kommunenummer 4614 Fylke Vestland" in page.text
    assert "Program Egen utvikling" in page.text
    assert f"Deltakelse Planlagt . {PLACEHOLDER_NOTE}" in page.text  # the placeholder says it is unfinished
    assert f"Sist oppdatert {dato(dt.date.today())}" in page.text
    assert page.edit.endswith("/edit/main/data/kommuner/stord.yml")


def test_ny_twice_refuses_and_leaves_the_file_alone(tmp_path):
    data = real_data_copy(tmp_path / "data")
    assert kulturskole("ny", "Stord", "--data", str(data)).returncode == 0
    path = data / "kommuner" / "stord.yml"
    path.write_text(path.read_text(encoding="utf-8") + "# mitt eget arbeid\n", encoding="utf-8")
    before = path.read_bytes()
    again = kulturskole("ny", "4614", "--data", str(data))
    assert again.returncode == 1
    assert again.stderr == ("kulturskole ny: Stord (4614) har allerede en case i programmet egen-utvikling: "
                            "data/kommuner/stord.yml; rediger den filen i stedet, eller velg et annet program med "
                            "--program (kulturskole-3-0, regionale-utviklingsprogram) (ingenting er endret)\n")
    assert path.read_bytes() == before


def test_ny_for_a_municipality_with_a_case_makes_its_further_case(tmp_path):
    data = real_data_copy(tmp_path / "data")
    # Bodø has its pilot case (bodo.yml): another case in the pilot is refused ...
    result = kulturskole("ny", "Bodø", "--program", "kulturskole-3-0", "--data", str(data))
    assert result.returncode == 1
    assert result.stderr == ("kulturskole ny: Bodø (1804) har allerede en case i programmet kulturskole-3-0: "
                             "data/kommuner/bodo.yml; rediger den filen i stedet, eller velg et annet program med "
                             "--program (regionale-utviklingsprogram, egen-utvikling) (ingenting er endret)\n")
    # ... a case in another programme gets <kommune>-<program>.yml, next to the first one.
    made = kulturskole("ny", "Bodø", "--program", "regionale-utviklingsprogram", "--data", str(data))
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines()[:2] == [
        "Laget data/kommuner/bodo-regionale-utviklingsprogram.yml for Bodø (kommunenummer 1804, Nordland) i "
        "programmet regionale-utviklingsprogram (Regionale utviklingsprogram).",
        "Bodø har også casen data/kommuner/bodo.yml.",
    ]
    text = (data / "kommuner" / "bodo-regionale-utviklingsprogram.yml").read_text(encoding="utf-8")
    assert "program: regionale-utviklingsprogram\n" in text and "  - status: sokt\n" in text
    assert "data/kommuner/bodo-regionale-utviklingsprogram.md (samme navn" in text
    catalog, found = validate(data)
    assert found == []
    assert [c.slug for c in catalog.cases_of_kommune("1804")] == ["bodo", "bodo-regionale-utviklingsprogram"]
    assert (data / "kommuner" / "bodo.yml").read_bytes() == (ROOT / "data" / "kommuner" / "bodo.yml").read_bytes()


def test_ny_with_an_unknown_programme_names_the_ones_there_are(tmp_path):
    data = real_data_copy(tmp_path / "data")
    result = kulturskole("ny", "Stord", "--program", "regional", "--data", str(data))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == ("kulturskole ny: fant ikke programmet «regional» i data/programmer.yml; tillatt er: "
                             "kulturskole-3-0, regionale-utviklingsprogram, egen-utvikling\n")
    assert not (data / "kommuner" / "stord.yml").exists()


@pytest.mark.parametrize("query,message", [
    ("Stordd", "fant ingen kommune som heter «Stordd» i kommuneregisteret for 2024; mente du «Stord», «Strand» "
               "eller «Storfjord - Omasvuotna - Omasvuono»?"),
    ("Xyzzy", "fant ingen kommune som heter «Xyzzy» i kommuneregisteret for 2024; skriv navnet slik det står i "
              "registeret, eller kommunenummeret med fire siffer"),
    ("Herøy", "«Herøy» er navnet på flere kommuner: Herøy (1515, Møre og Romsdal), Herøy (1818, Nordland); skriv "
              "kommunenummeret i stedet, f.eks. «kulturskole ny 1515»"),
    ("3030", "3030 er kommunenummeret fra 2020–2023 (Lillestrøm); bruk 2024-nummeret: 3205 (Lillestrøm)"),
])
def test_ny_explains_what_it_could_not_find(tmp_path, query, message):
    data = real_data_copy(tmp_path / "data")
    result = kulturskole("ny", query, "--data", str(data))
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"kulturskole ny: {message}\n")
    assert sorted(p.name for p in (data / "kommuner").iterdir()) == sorted(
        p.name for p in (ROOT / "data" / "kommuner").iterdir())


def test_ny_takes_a_sami_name_variant(tmp_path):
    data = real_data_copy(tmp_path / "data")
    made = new_case(data, "Nesseby")
    assert made.name == "data/kommuner/unjarga-nesseby.yml"
    _, found = validate(data)
    assert found == []


def uncomment(text: str) -> str:
    """What an editor does to take every example into use: remove «# » in front of it."""
    return "\n".join(line[2:] if line.startswith("# ") and line != SCHEMA_LINE else line
                     for line in text.splitlines()) + "\n"


def test_every_commented_example_is_valid_once_taken_into_use(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    shutil.copy(ROOT / "data" / "kommuneregister.yml", data)
    made = new_case(data, "Stord", today=dt.date(2026, 11, 26))
    made.path.write_text(uncomment(made.path.read_text(encoding="utf-8")), encoding="utf-8")
    catalog, found = validate(data)
    assert [str(p) for p in found] == []
    record = next(c.record for c in catalog.cases if c.slug == "stord")
    # Every field of the model is in the file, as a value or an example (eksempel is for examples only).
    assert record.model_fields_set == set(Kommunecase.model_fields) - {"eksempel"}


def test_new_file_explains_each_field_with_the_models_description(tmp_path):
    data = real_data_copy(tmp_path / "data")
    text = new_case(data, "Stord").path.read_text(encoding="utf-8")
    for name, info in Kommunecase.model_fields.items():
        if name != "eksempel":
            assert f"## {name}: {info.description}\n" in text, name


# --- JSON Schemas and VS Code ---------------------------------------------------------------------


def real_schemas() -> dict:
    """The schemas as `kulturskole skjema` writes them: with the ids from the project's data."""
    return all_schemas(data_ids_from(ROOT / "data"))


def test_committed_schemas_are_current():
    stale = [name for name, schema in real_schemas().items()
             if not (ROOT / "schema" / name).exists()
             or (ROOT / "schema" / name).read_text(encoding="utf-8") != dumps(schema)]
    assert stale == [], "Kjør «kulturskole skjema» og legg de oppdaterte filene i schema/ inn i endringen."
    assert sorted(p.name for p in (ROOT / "schema").glob("*.json")) == sorted(all_schemas())


def test_cli_writes_the_schemas(tmp_path):
    result = kulturskole("skjema", "--ut", str(tmp_path / "ut"))
    assert result.returncode == 0
    written = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "ut").iterdir()}
    assert written == real_schemas()


def test_schema_speaks_norwegian_and_knows_the_values():
    case = schemas()["kommunecase.schema.json"]
    assert case["title"] == "Kommunecase (data/kommuner/<kommune>.yml)"
    assert case["required"] == ["navn", "kommunenummer", "program", "deltakelse", "oppdatert"]
    status = case["$defs"]["Deltakelse"]["properties"]["status"]
    assert list(zip(status["enum"], status["enumDescriptions"])) == [
        ("sokt", "Søkt"), ("planlagt", "Planlagt"), ("valgt", "Valgt ut"), ("aktiv", "Aktiv"),
        ("fullfort", "Fullført"), ("avsluttet", "Avsluttet"), ("trukket", "Ikke lenger med")]
    program = schemas()["programmer.schema.json"]
    assert program["type"] == "array" and program["title"] == "Program (data/programmer.yml)"
    assert program["items"]["required"] == ["id", "tittel", "kort", "beskrivelse", "eier", "statuser"]
    assert case["$defs"]["Casekilde"]["properties"]["url"]["anyOf"][0]["patternErrorMessage"] == (
        "Lenken må være en fullstendig adresse som begynner med https://")
    # No English from the code reaches an editor: no docstrings, no auto-titles like «Slik Vil Vi Fremsta».
    text = json.dumps(schemas(), ensure_ascii=False)
    assert "municipality" not in text.lower() and "Slik Vil Vi" not in text


@pytest.mark.parametrize("validator,value", [
    ("_https", "https://example.org/side"), ("_https", "http://example.org"), ("_https", "javascript:alert(1)"),
    ("_https", "https://"), ("_no_markup", "Kulturskolen i barnehagen"), ("_no_markup", "a < b"),
    ("_no_markup", "{{ x }}"), ("_no_markup", "{% for %}"), ("_no_markup", "Ett { og én }"),
    ("_not_blank", "tekst"), ("_not_blank", "   "),
])
def test_schema_patterns_agree_with_the_model(validator, value):
    """What VS Code underlines is what `kulturskole sjekk` refuses."""
    import macros.core.model as model
    func = getattr(model, validator)
    try:
        func(value)
        model_ok = True
    except Exception:
        model_ok = False
    # JSON Schema patterns are ECMAScript; these use only syntax Python's re reads the same way.
    assert bool(re.search(VALIDATORS[func]["pattern"], value)) == model_ok


def test_every_pattern_is_explained_in_the_field_guide():
    found = set()

    def walk(node):
        if isinstance(node, dict):
            if "pattern" in node:
                found.add(node["pattern"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(schemas())
    import macros.core.model as model
    assert found - set(PATTERN_WORDS) == {VALIDATORS[model._not_blank]["pattern"]}  # «tekst»


def test_vscode_maps_each_data_file_to_the_schema_its_first_lines_name():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert sorted(Path(s).name for s in mapping) == sorted(schemas())
    files = sorted((ROOT / "data").glob("*.yml")) + sorted((ROOT / "data" / "kommuner").glob("*.yml"))
    checked = 0
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        matches = [Path(s).name for s, glob in mapping.items() if fnmatch.fnmatch(rel, glob)]
        modeline = re.search(r"^# yaml-language-server: \$schema=(\S+)$", path.read_text(encoding="utf-8"), re.M)
        if modeline:
            target = (path.parent / modeline.group(1)).resolve()
            assert target.exists(), rel
            assert matches == [target.name], rel
            checked += 1
    assert checked >= 17  # every case file and the list files carry the line


# --- The guide and the field reference ----------------------------------------------------------


def model_fields() -> list[tuple[str, str, str]]:
    """(record, field, description) for every field an editor can write, read from the pydantic
    models themselves (not from the guide's own code, so the guide cannot drop a field unseen)."""
    import typing

    from pydantic import BaseModel

    from macros.core import model as m

    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()

    def nested(ann) -> list[type]:
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            return [ann]
        return [c for a in typing.get_args(ann) for c in nested(a)]

    def walk(cls) -> None:
        if cls.__name__ in seen:
            return
        seen.add(cls.__name__)
        for name, info in cls.model_fields.items():
            out.append((cls.__name__.lower(), name, info.description or ""))
            for sub in nested(info.annotation):
                walk(sub)

    for cls in (m.Kommunecase, m.Fokusomrade, m.Suksesskriterium, m.Samling, m.Ressurs):
        walk(cls)
    return out


def test_field_reference_lists_every_field_with_its_description(stord):
    _, _, _, site = stord
    page = article(site, "bidra/felter")
    expected = model_fields()
    assert len(expected) > 60
    for record, name, description in expected:
        assert record in page.ids
        assert f"{record}-{name}" in page.ids, (record, name)
        assert " ".join(description.split()) in page.text, (record, name)
    assert "status Ja ett av disse: sokt (Søkt) planlagt (Planlagt) valgt (Valgt ut) aktiv (Aktiv) fullfort " \
        "(Fullført) avsluttet (Avsluttet) trukket (Ikke lenger med)" \
        in page.text
    assert "sprak Nei ett av disse: nb (bokmål) nn (nynorsk) Utelatt betyr nb ." in page.text
    assert "kilder Nei en liste; hvert punkt er kilde" in page.text
    # Every in-page link leads to a section on the page.
    assert {h[1:] for h in page.links if h.startswith("#")} <= page.ids
    assert "../eksempel/" in page.links


def test_guide_links_the_example_and_fields_and_shows_template_syntax_as_text(stord):
    _, _, _, site = stord
    page = article(site, "bidra")
    assert {"eksempel/", "felter/"} <= set(page.links)
    assert f"{REPO}/tree/main/data/kommuner" in page.links
    assert f"{REPO}/issues/new?template=foresla-case.yml" in page.links
    assert f"git clone {REPO}.git cd kulturskole-test" in page.text
    assert "Skriver noen {{ cycler.__init__.__globals__.os.getcwd() }} i en kommunefil" in page.text
    assert "4–6 roller" in page.text and "samtykke: true" in page.text
    example = article(site, "bidra/eksempel")
    assert "Eksempel – fiktivt innhald" in example.text


RECORD_PAGES = re.compile(r"^(kommuner|fokusomrader|suksesskriterier)/[^/]+/index\.html$|^bidra/eksempel/index\.html$")


def test_every_record_page_edits_its_own_source_and_shows_when_it_was_updated(stord):
    _, _, _, site = stord
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html")
                   if RECORD_PAGES.match(p.relative_to(site).as_posix()))
    assert len(pages) >= 17 + 4 + 1 + 1
    cases = {c.slug: c.record for c in validate(ROOT / "data")[0].ds.cases}
    for name in pages:
        page = article(site, name.removesuffix("index.html"))
        source = page.edit.split("/edit/main/", 1)[1]
        assert (ROOT / source).exists() or source == "data/kommuner/stord.yml", name
        slug = name.split("/")[1]
        if name.startswith("kommuner/"):
            assert source == f"data/kommuner/{slug}.yml"
            if slug in cases:
                assert f"Sist oppdatert {dato(cases[slug].oppdatert)}" in page.text, name
        elif name.startswith("bidra/"):
            assert source == "data/kommuner/eksempelkommune.yml"
        else:
            assert source == f"data/{name.split('/')[0]}.yml"


# --- Pull requests on GitHub ----------------------------------------------------------------------


def workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def triggers(wf: dict) -> dict:
    return wf.get("on", wf.get(True))  # PyYAML reads the key «on» as true (YAML 1.1)


def runs(job: dict) -> list[str]:
    return [s["run"].strip() for s in job["steps"] if "run" in s]


def uses(job: dict) -> list[str]:
    return [s["uses"].split("@")[0] for s in job["steps"] if "uses" in s]


def ci_commands() -> list[str]:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith(("#", "set ", "cd "))]


def test_pull_requests_run_the_same_commands_as_ci():
    wf = workflow("kontroll.yml")
    assert set(triggers(wf)) == {"pull_request", "workflow_dispatch"}
    [job] = wf["jobs"].values()
    commands = runs(job)
    assert ci_commands() == ["make test"]
    assert ".ci/run" in commands  # the tests: exactly what CI runs
    assert ".venv/bin/kulturskole sjekk --github" in commands
    assert "make site" in commands  # strict: mkdocs.yml has strict: true and the Makefile adds --strict
    assert commands.index(".venv/bin/kulturskole sjekk --github") < commands.index("make site") < commands.index(".ci/run")


def test_pull_request_jobs_get_no_secrets_and_only_read_access():
    for path in (ROOT / ".github" / "workflows").glob("*.yml"):
        assert "pull_request_target" not in triggers(yaml.safe_load(path.read_text(encoding="utf-8"))), path.name
    wf = workflow("kontroll.yml")
    assert wf["permissions"] == {"contents": "read"}
    text = (ROOT / ".github" / "workflows" / "kontroll.yml").read_text(encoding="utf-8")
    assert "secrets." not in text
    [job] = wf["jobs"].values()
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_main_is_built_for_its_pages_address_and_deployed_with_the_official_actions():
    wf = workflow("publiser.yml")
    assert triggers(wf)["push"] == {"branches": ["main"]}
    assert wf["permissions"] == {"contents": "read"}
    bygg, publiser = wf["jobs"]["bygg"], wf["jobs"]["publiser"]
    assert uses(bygg) == ["actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact"]
    assert uses(publiser) == ["actions/deploy-pages"]
    build_step = next(s for s in bygg["steps"] if s.get("run") == "make site")
    assert build_step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert next(s for s in bygg["steps"] if s.get("id") == "pages")["uses"].startswith("actions/configure-pages@")
    assert publiser["needs"] == "bygg"
    assert publiser["permissions"] == {"pages": "write", "id-token": "write"}
    assert publiser["environment"]["name"] == "github-pages"


def test_sjekk_github_mode_adds_an_annotation_per_error(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    shutil.copy(ROOT / "data" / "kommuneregister.yml", data)
    bodo = data / "kommuner" / "bodo.yml"
    bodo.write_text(bodo.read_text(encoding="utf-8").replace("status: valgt", "status: ferdig"), encoding="utf-8")
    result = kulturskole("sjekk", "--data", str(data), "--github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "data/kommuner/bodo.yml:5: deltakelse[1].status: fant «ferdig»; tillatt i programmet kulturskole-3-0 "
        "(Piloten) er: valgt, aktiv, fullfort, trukket",
        "::error file=data/kommuner/bodo.yml,line=5,title=deltakelse[1].status%3A feil i datafilen::fant «ferdig»; "
        "tillatt i programmet kulturskole-3-0 (Piloten) er: valgt, aktiv, fullfort, trukket",
    ]


def test_pull_request_template_is_a_norwegian_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert len(items) >= 6
    assert any(PLACEHOLDER_NOTE in item for item in items)
    assert any("4–6 roller" in item for item in items) and any("samtykke: true" in item for item in items)


def test_issue_form_asks_for_a_case_without_git():
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "foresla-case.yml").read_text(encoding="utf-8"))
    assert form["name"] == "Foreslå en kommunecase"
    fields = {b["id"]: b for b in form["body"] if "id" in b}
    assert {"kommune", "status", "kilder", "bekreftelser"} <= set(fields)
    assert fields["kommune"]["validations"]["required"] is True
    assert all(b["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"} for b in form["body"])


def owners(text: str, path: str) -> list[str]:
    """GitHub's rule: the last matching line wins."""
    found: list[str] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *teams = line.split()
        if pattern == "*" or (pattern.endswith("/") and ("/" + path).startswith(pattern)) or \
                fnmatch.fnmatch("/" + path, pattern):
            found = teams
    return found


def test_codeowners_example_is_current_and_routes_each_county():
    text = (ROOT / ".github" / "CODEOWNERS.eksempel").read_text(encoding="utf-8")
    assert text == codeowners_for(ROOT / "data"), "Kjør «kulturskole kodeeiere»."
    assert text.startswith("# EKSEMPEL")
    assert owners(text, "data/kommuner/bodo.yml") == ["@kulturskoleradet/nordland"]
    assert owners(text, "data/kommuner/sunnfjord.md") == ["@kulturskoleradet/vestland"]
    assert owners(text, "data/kommuner/stord.yml") == ["@kulturskoleradet/vestland"]  # not there yet: routed anyway
    assert owners(text, "data/kommuner/heroy-more-og-romsdal.yml") == ["@kulturskoleradet/more-og-romsdal"]
    assert owners(text, "data/kommuner/heroy-nordland.yml") == ["@kulturskoleradet/nordland"]
    assert owners(text, "data/kommuner/trondheim.yml") == ["@kulturskoleradet/trondelag"]
    assert owners(text, "data/kommuner/trondheim-traante.yml") == ["@kulturskoleradet/trondelag"]
    # A municipality's further cases (<kommune>-<program>.*) go to the same county team.
    assert owners(text, "data/kommuner/bodo-regionale-utviklingsprogram.yml") == ["@kulturskoleradet/nordland"]
    assert owners(text, "data/kommuner/heroy-nordland-egen-utvikling.md") == ["@kulturskoleradet/nordland"]
    assert owners(text, "data/kommuner/heroy-more-og-romsdal-egen-utvikling.yml") == [
        "@kulturskoleradet/more-og-romsdal"]
    assert owners(text, "macros/render.py") == ["@kulturskoleradet/utviklere"]
    assert owners(text, "data/samlinger.yml") == ["@kulturskoleradet/redaksjon"]


def test_github_annotations_escape_percent_line_breaks_colons_and_commas():
    from macros.core.yamlsrc import Problem
    from macros.editor.cli import _github_annotation

    p = Problem("data/kommuner/a,b:c.yml", 3, "kilder[1].url", "fant «100%»")
    assert _github_annotation(p) == ("::error file=data/kommuner/a%2Cb%3Ac.yml,line=3,title=kilder[1].url%3A feil "
                                     "i datafilen::fant «100%25»")
    p.message = "to\nlinjer\r"  # a Problem shows line breaks as \n; the annotation escapes real ones too
    assert _github_annotation(p).endswith("::to%0Alinjer%0D")
    assert _github_annotation(Problem("data/x.yml", 1, "", "tom")) == \
        "::error file=data/x.yml,line=1,title=Feil i datafilen::tom"


def test_kodeeiere_writes_the_example_where_asked(tmp_path):
    out = tmp_path / "eiere" / "CODEOWNERS"
    result = kulturskole("kodeeiere", "--ut", str(out), "--org", "testorg", "--data", str(ROOT / "data"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Skrev {out}.\n"
    text = out.read_text(encoding="utf-8")
    assert text == codeowners_for(ROOT / "data", "testorg")
    assert owners(text, "data/kommuner/bodo.yml") == ["@testorg/nordland"]
    # Without --ut: .github/CODEOWNERS.eksempel beside the data folder.
    data = real_data_copy(tmp_path / "prosjekt" / "data")
    assert kulturskole("kodeeiere", "--data", str(data)).returncode == 0
    assert (tmp_path / "prosjekt" / ".github" / "CODEOWNERS.eksempel").read_text(encoding="utf-8") == \
        codeowners_for(ROOT / "data")


def test_kodeeiere_without_a_register_says_so(tmp_path):
    (tmp_path / "data").mkdir()
    result = kulturskole("kodeeiere", "--ut", str(tmp_path / "x"), "--data", str(tmp_path / "data"))
    assert result.returncode == 1
    assert result.stderr == ("kulturskole kodeeiere: fant ikke et gyldig kommuneregister; kjør «kulturskole sjekk» "
                             "for detaljer\n")
    assert not (tmp_path / "x").exists()
