"""Every file in data/ is checked the same way (issue 22, item 6): core/datafiles.py lists each with
its model and schema, `kulturskole sjekk` reads them all (the statement and the generated files too),
a file no line describes is an error, and a broken file others rely on is reported first, once,
while the errors that would only follow from it wait. `make site` never ends in a traceback."""
from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.core import model
from macros.core.catalog import validate
from macros.core.datafiles import DATA_FILES, STORY, entry_for
from macros.core.schema import all_schemas
from macros.editor.cli import main

from .conftest import ROOT, make_project


def sjekk(data: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["sjekk", "--data", str(data)])
    return code, out.getvalue().splitlines()


def test_every_file_in_data_has_a_line_a_model_and_a_schema():
    files = [p.relative_to(ROOT / "data").as_posix() for p in (ROOT / "data").rglob("*") if p.is_file()]
    assert files and [f for f in files if entry_for(f) is None] == []
    schemas = all_schemas()
    for entry in DATA_FILES:
        if entry.form == STORY:
            continue  # Markdown beside a case: block text (core/textrules.story_problems)
        assert entry.model is not None and entry.schema in schemas, entry
        assert (ROOT / "schema" / entry.schema).exists(), entry.schema
    # A list file the model module still names is in the table too.
    assert set(model.LIST_FILES) <= {e.pattern for e in DATA_FILES}


def test_a_file_with_no_model_is_an_error(data):
    (data / "notat.txt").write_text("huskeliste\n", encoding="utf-8")
    (data / "kart" / "gammel.json").write_text("{}", encoding="utf-8")
    (data / ".skjult").write_text("editor state", encoding="utf-8")  # hidden files are not data
    code, lines = sjekk(data)
    assert code == 1
    unknown = [line for line in lines if "filen er ukjent" in line]
    assert [line.split(":")[0] for line in unknown] == ["data/kart/gammel.json", "data/notat.txt"]
    assert unknown[0].endswith("flytt den ut av data/, eller gi den en modell (én linje i macros/core/datafiles.py)")


def test_the_statement_is_read_by_sjekk(data):
    path = data / "tilgjengelighet.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: delvis", "status: delvis\n  feil: [") ,
                    encoding="utf-8")
    code, lines = sjekk(data)
    assert code == 1 and lines[0].startswith("data/tilgjengelighet.yml:"), lines
    assert "ugyldig YAML" in lines[0]
    path.write_text(path.read_text(encoding="utf-8").replace("\n  feil: [", "\nstatuss: ja"), encoding="utf-8")
    code, lines = sjekk(data)
    assert code == 1 and any("data/tilgjengelighet.yml:" in line and ": statuss: ukjent felt" in line for line in lines)


def test_generated_files_are_checked_too(data):
    results = data / "tilgjengelighet-resultater.json"
    results.write_text('{"dato": "2026-12-01", "sider": [}', encoding="utf-8")
    code, lines = sjekk(data)
    assert code == 1
    assert lines[0] == ("data/tilgjengelighet-resultater.json:1: ugyldig JSON (feil i kolonne 34); filen lages av "
                        "scripts/update_a11y_results.py: kjør det på nytt")
    results.write_text(json.dumps({"dato": "i går", "sider": []}), encoding="utf-8")
    code, lines = sjekk(data)
    assert code == 1 and lines[0].startswith("data/tilgjengelighet-resultater.json:1: dato: ugyldig dato «i går»")


def test_a_broken_file_others_rely_on_comes_first_once_and_what_follows_waits(data):
    path = data / "programmer.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    bad_line = next(i for i, line in enumerate(lines) if line.startswith("  tittel:"))
    lines[bad_line] += " : ["
    path.write_text("\n".join(lines), encoding="utf-8")
    code, shown = sjekk(data)
    assert code == 1
    assert len(shown) == 1, shown  # not one «fant kulturskole-3-0, som ikke finnes» per case
    assert shown[0].startswith(f"data/programmer.yml:{bad_line + 1}: ugyldig YAML")
    assert shown[0].endswith("– rett denne først: kommunecasene (program og status) bygger på filen, så feil som bare "
                             "følger av den, vises når den er rettet")
    # The same for the focus areas: the cases' and resources' focus ids are not called unknown.
    path = data / "fokusomrader.yml"
    path.write_text("- {id: x\n", encoding="utf-8")
    code, shown = sjekk(data)
    assert [s.split(":")[0] for s in shown] == ["data/fokusomrader.yml", "data/programmer.yml"]
    assert all("rett denne først" in s for s in shown) and not any("som ikke finnes" in s for s in shown)


def test_a_file_with_errors_in_one_record_still_names_the_others(data):
    """Only a file that cannot be read at all holds the others back: ids as written still count."""
    path = data / "programmer.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("statuser:", "statuser_:", 1), encoding="utf-8")
    _, problems = validate(data)
    assert problems and not any("rett denne først" in p.message for p in problems)


@pytest.mark.parametrize("file,text", [
    ("tilgjengelighet.yml", "status: [\n"),
    ("programmer.yml", "- id: x\n  tittel: [\n"),
    ("kommuneregister.yml", "fylker: !!binary x\n"),
    ("kart/norge.json", "{"),
    ("kommuner/bodo.yml", "navn: !!binary aGVp\n"),
])
def test_make_site_never_shows_a_traceback_for_bad_data(tmp_path, data, file, text):
    (data / file).write_text(text, encoding="utf-8")
    (tmp_path / "prosjekt").mkdir()
    project = make_project(tmp_path / "prosjekt", data)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "ut")],
                            cwd=project, capture_output=True, text=True, timeout=600,
                            env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": str(tmp_path)})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output[-3000:]
    assert re.search(rf"data/{re.escape(file)}:\d+: ", output), output[-3000:]
    assert "Datafilene har" in output and "nettstedet bygges ikke før de er rettet" in output


def test_the_real_data_passes():
    assert validate(ROOT / "data")[1] == []
