"""The preview server's page generation (macros/site/incremental.py): after any edit, its pages are
exactly what the pre-build step makes from scratch, and an edit to one case makes only the case
pages that show something of it again."""
from __future__ import annotations

import random
import re
import shutil
import sys
from pathlib import Path

import pytest

from macros.core import yamlsrc
from macros.core.catalog import validate
from macros.site import prebuild
from macros.site.incremental import Cancelled, Generator

from .conftest import ROOT


@pytest.fixture
def bench_data(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import gen
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return gen.generate(40, tmp_path / "data")


# The preview server's memory of parses and checks: an unchanged case file gives the same Source
# object on every load, as in the preview (Generator compares them by identity).
_MEMORY: dict[Path, yamlsrc.Memory] = {}


def _stamp(data: Path) -> tuple:
    return tuple(sorted((p.relative_to(data).as_posix(), p.read_bytes()) for p in data.glob("*.yml")))


def _load(data: Path):
    catalog, problems = validate(data, memory=_MEMORY.setdefault(data, yamlsrc.Memory()))
    assert problems == []
    return catalog


def _expected(catalog) -> dict:
    return {p.src_uri: p for p in prebuild.pages(catalog)}


def _edit(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, new, text, count=1, flags=re.M)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


def _move(case: Path, n: int) -> None:
    """The case becomes the fictional municipality number n (another file, name and number)."""
    text = case.read_text(encoding="utf-8")
    text = re.sub(r"^kommunenummer:.*$", f'kommunenummer: "{6000 + n}"', text, count=1, flags=re.M)
    text = re.sub(r"^navn:.*$", f"navn: Testkommune {n:04d}", text, count=1, flags=re.M)
    new = case.with_name(f"testkommune-{n:04d}.yml")
    new.write_text(text, encoding="utf-8")
    case.unlink()
    if case.with_suffix(".md").exists():
        case.with_suffix(".md").rename(new.with_suffix(".md"))


def test_after_each_edit_the_pages_are_what_a_full_build_makes(bench_data):
    data = bench_data
    cases = sorted((data / "kommuner").glob("testkommune-*.yml"))
    gen = Generator()
    first = gen.update(_load(data), _stamp(data))
    gen.commit(first)
    assert first.made_cases == 41  # 40 cases and the example
    assert gen.pages == _expected(_load(data))

    rng = random.Random(7)
    fokus = ["helhetlig-oppvekst", "mangfold-og-inkludering", "samspill-med-helsesektoren"]
    edits = [
        ("date", lambda c: _edit(c, r"^oppdatert:.*$", "oppdatert: 2031-03-11")),
        ("story", lambda c: c.with_suffix(".md").write_text("Ny fortelling.\n", encoding="utf-8")),
        ("focus", lambda c: _edit(c, r"^fokusomrade:.*$", f"fokusomrade: {rng.choice(fokus)}")),
        ("name", lambda c: _move(c, 300)),
        ("delete", lambda c: (c.unlink(), c.with_suffix(".md").unlink(missing_ok=True))),
        ("add", None),
        ("focus file", lambda c: _edit(data / "fokusomrader.yml", r"^(\s*tittel:) (.*)$", r"\1 \2 (ny)")),
    ]
    made = {}
    for what, edit in edits:
        case = rng.choice([c for c in cases if c.exists()])
        if what == "add":
            used = {int(p.stem.rsplit("-", 1)[1]) for p in (data / "kommuner").glob("testkommune-*.yml")}
            free = next(n for n in range(1, 357) if n not in used)
            shutil.copy(case, data / "kommuner" / "kopi.yml")
            _move(data / "kommuner" / "kopi.yml", free)
        else:
            edit(case)
        catalog = _load(data)
        changes = gen.update(catalog, _stamp(data))
        gen.commit(changes)
        assert gen.pages == _expected(catalog), what
        made[what] = changes.made_cases
    # One date or story: that case page only. A new focus area: the case and those that list it as
    # related. A name or a case more or less, or another focus area text: every case page.
    assert made["date"] == 1 and made["story"] == 1
    assert 1 <= made["focus"] < 30
    assert made["name"] >= 39 and made["focus file"] >= 39


def test_case_pages_of_the_saved_files_only(bench_data):
    data = bench_data
    gen = Generator()
    gen.commit(gen.update(_load(data), _stamp(data)))
    case = data / "kommuner" / "testkommune-0003.yml"
    _edit(case, r"^oppdatert:.*$", "oppdatert: 2031-03-11")
    catalog = _load(data)
    first = gen.case_pages(catalog, _stamp(data), {"data/kommuner/testkommune-0003.yml"})
    assert [p.src_uri for p in first] == ["kommuner/testkommune-0003.md"]
    assert "11. mars 2031" in first[0].content
    assert first[0] == _expected(catalog)["kommuner/testkommune-0003.md"]
    story = gen.case_pages(catalog, _stamp(data), {"data/kommuner/testkommune-0004.md"})
    assert story == []  # nothing changed in that case: nothing to publish


def test_update_can_be_cancelled_and_resumed(bench_data):
    data = bench_data
    gen = Generator()
    with pytest.raises(Cancelled):
        gen.update(_load(data), _stamp(data), cancelled=lambda: True)
    catalog = _load(data)
    changes = gen.update(catalog, _stamp(data))
    assert gen.pages == {}  # nothing published yet: the next update would report everything again
    gen.commit(changes)
    assert gen.pages == _expected(catalog)
