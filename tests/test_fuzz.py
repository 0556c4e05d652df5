"""Fuzzing the YAML reader, the loader and `kulturskole sjekk` with Hypothesis (issue 13.1).

What must hold for any input an editor (or a form, or a copy from Word) can produce:
- never a traceback, and `kulturskole sjekk` exits with 0 or 1;
- every error is one line «file:line: field: what is wrong; what is allowed», in Norwegian, naming
  a file that exists and a line that file has (as an editor counts lines);
- a valid record is always accepted, whatever YAML style, line endings, byte-order mark or Unicode
  normalisation it is written in, and loads to exactly the values it holds.

`make test` runs a short, deterministic pass (derandomized: the same examples every run);
`make fuzz MINUTER=30` runs the same properties with fresh random examples for as long as asked
(tests/fuzz_lang.py). Each finding is pinned as a plain regression test in test_fuzz_funn.py.
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

from macros.core import model as m
from macros.core.catalog import validate
from macros.core.datafiles import DATA_FILES, LIST, RECORD
from macros.core.yamlsrc import parse
from macros.editor.cli import main

from . import fuzzkit as fk
from .conftest import MUTATION, ROOT

LONG = os.environ.get("KS_FUZZ") == "lang"
_COMMON = dict(deadline=None, print_blob=LONG,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
# make test: the same examples every run and no shrinking (on a loaded machine it can take minutes;
# the failing example is printed as it is, and `make fuzz` shrinks it).
settings.register_profile("ks-kort", derandomize=True, database=None,
                          phases=[Phase.explicit, Phase.reuse, Phase.generate], **_COMMON)
settings.register_profile("ks-lang", derandomize=False,
                          database=DirectoryBasedExampleDatabase(str(ROOT / ".hypothesis")), **_COMMON)
PROFILE = settings.get_profile("ks-lang" if LONG else "ks-kort")
ROUND = int(os.environ.get("KS_FUZZ_RUNDE", "2"))  # a long run's round is this many short runs


def examples(n: int) -> settings:
    return settings(PROFILE, max_examples=n * ROUND if LONG else max(5, n // 4) if MUTATION else n)


CASES: Counter = Counter()  # examples run per property (read by tests/fuzz_lang.py)

# One data folder per process, reused by every example (each example restores what it changes).
_TMP = Path(tempfile.mkdtemp(prefix="ks-fuzz-"))
DATA = fk.make_data(_TMP / "muter")
ROOT_DIR = DATA.parent
# Every data file of the folder (cases, lists, the statement, the register, generated JSON): each line of
# core/datafiles.py's table that has a file here.
shutil.copy(ROOT / "data" / "tilgjengelighet-resultater.json", DATA / "tilgjengelighet-resultater.json")
TARGETS = sorted(p.relative_to(DATA).as_posix() for p in DATA.rglob("*") if p.is_file() and p.suffix in (".yml", ".json"))


def run_sjekk(data: Path, *extra: str) -> tuple[int, list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["sjekk", "--data", str(data), *extra])
    return code, out.getvalue().splitlines(), err.getvalue()


ANNOTATION = re.compile(r"^::error file=(?P<file>[^,]+),line=(?P<line>\d+),title=(?P<title>[^:]*)::(?P<msg>.+)$")


def check_sjekk(data: Path, printed: list[str], github: bool) -> None:
    code, lines, err = run_sjekk(data, *(["--github"] if github else []))
    assert code in (0, 1)
    assert "Traceback" not in err
    assert code == (1 if printed else 0)
    if not printed:
        assert len(lines) == 1 and lines[0].startswith("Alt i orden"), lines
        return
    if not github:
        assert lines == printed
        return
    shown, notes = lines[0::2], lines[1::2]
    assert shown == printed
    for text, note in zip(shown, notes):
        match = ANNOTATION.match(note)
        assert match, note
        assert text.startswith(f"{match['file'].replace('%3A', ':').replace('%2C', ',')}:{match['line']}: ")


# --- 1. The reader on any text at all -----------------------------------------------------------

ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)
YAMLISH = st.lists(st.one_of(st.sampled_from(fk.INSERTS + fk.GADGETS + fk.WORDS), st.text(max_size=6)),
                   max_size=30).map("".join)


@examples(300)
@given(st.one_of(ANY_TEXT, YAMLISH))
@example("a: 'b\n")  # ends inside a quote: the end mark is past the last line
@example("a: 1\u2028b: [\n")  # U+2028 is a line break to YAML, not to an editor
@example("x: \x00")
@example("\n---\n")  # an empty document after --- starts past the last line (CI, found by the fuzzer)
def test_reader_gives_data_or_one_problem_on_an_existing_line(text):
    CASES["leser"] += 1
    src, problem = parse(text, "data/x.yml")
    assert (src is None) != (problem is None)
    n = len(fk.editor_lines(text))
    if problem is not None:
        assert problem.file == "data/x.yml"
        assert 1 <= problem.line <= max(1, n), (problem, n)
        assert not fk.CONTROL.search(str(problem)), str(problem)
        assert not fk.ENGLISH.search(problem.message), str(problem)
    else:
        assert all(1 <= line <= max(1, n) for line in src.lines.values()), (src.lines, n)
        assert all(1 <= line <= max(1, n) for _, line in src.duplicates)


# --- 2. The loader and `kulturskole sjekk` on mutated files -------------------------------------

@examples(120)
@given(target=st.sampled_from(TARGETS), edits=fk.mutations(), github=st.booleans())
def test_mutated_files_give_clean_messages_on_real_lines(target, edits, github):
    CASES["mutert"] += 1
    path = DATA / target
    original = path.read_bytes()
    try:
        fk.write(path, fk.mutate(original.decode("utf-8"), edits))
        _, problems = validate(DATA)
        printed = fk.check_problems(problems, ROOT_DIR)
        check_sjekk(DATA, printed, github)
    finally:
        path.write_bytes(original)


@examples(60)
@given(fk.dataset(max_cases=2), fk.STYLES, fk.ENCODINGS, fk.mutations())
def test_mutated_generated_cases_give_clean_messages(ds, style, enc, edits):
    CASES["mutert-generert"] += 1
    stem, record = next(iter(ds["kommuner"].items()))
    path = DATA / "kommuner" / f"{stem}.yml"
    original = path.read_bytes() if path.exists() else None  # the fixture's bodo.yml or sunnfjord.yml
    try:
        fk.write(path, fk.mutate(fk.to_yaml(record, style, enc), edits))
        _, problems = validate(DATA)
        fk.check_problems(problems, ROOT_DIR)
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


# --- 3. A valid dataset is accepted whole -------------------------------------------------------

MODELS = {"programmer.yml": m.Program, "fokusomrader.yml": m.Fokusomrade, "suksesskriterier.yml": m.Suksesskriterium,
          "samlinger.yml": m.Samling, "ressurser.yml": m.Ressurs, "metoder.yml": m.Metode,
          "synonymer.yml": m.Synonymer}
RECORD_FILES = {e.pattern: e.model for e in DATA_FILES if e.form == RECORD and not e.made_by}
assert set(MODELS) == {e.pattern for e in DATA_FILES if e.form == LIST}, "a list file in the table is not fuzzed"


@examples(60)
@given(fk.dataset(), fk.STYLES, fk.ENCODINGS)
def test_valid_datasets_are_accepted_with_every_value(ds, style, enc):
    CASES["gyldig"] += 1
    with tempfile.TemporaryDirectory(prefix="ks-gyldig-") as tmp:
        data = fk.make_data(Path(tmp), cases=False)
        for name in MODELS:
            fk.write(data / name, fk.to_yaml(ds[name], style, enc))
        for name, model in RECORD_FILES.items():  # the statement, and any record file added to the table
            fk.write(data / name, fk.to_yaml(ds[name], style, enc))
        for stem, rec in ds["kommuner"].items():
            fk.write(data / "kommuner" / f"{stem}.yml", fk.to_yaml(rec, style, enc))
        cat, problems = validate(data)
        assert [str(p) for p in problems] == []
        # Nothing lost: each record loads to what the model makes of the values written.
        loaded = {c.slug: c.record for c in cat.ds.cases}
        assert set(loaded) == set(ds["kommuner"])
        for stem, rec in ds["kommuner"].items():
            assert loaded[stem].model_dump() == m.Kommunecase.model_validate(fk.nfc(rec)).model_dump()
        for name, model in MODELS.items():
            assert [x.model_dump() for x in cat.ds.files[name]] == [model.model_validate(fk.nfc(r)).model_dump() for r in ds[name]]
        for name, model in RECORD_FILES.items():
            assert cat.ds.files[name].model_dump() == model.model_validate(fk.nfc(ds[name])).model_dump()
        examples_ = sum(1 for r in ds["kommuner"].values() if r.get("eksempel") is True)
        assert len(cat.cases) == len(ds["kommuner"]) - examples_
        code, lines, _ = run_sjekk(data)
        assert code == 0 and lines[-1].startswith("Alt i orden"), lines
