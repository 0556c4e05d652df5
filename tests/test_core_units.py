"""Data-core functions that other tests reach only through a subprocess (`kulturskole ny`,
`kulturskole skjema`) or a site build, called directly here, so a change in them fails a fast test
(mutation testing, tests/MUTASJON.md, found them untested in-process)."""
from __future__ import annotations

import pytest

from macros.core.register import RegisterIndex, distance_km
from macros.core.schema import data_ids_from, write_schemas

from .conftest import ROOT


@pytest.fixture(scope="module")
def reg(cat) -> RegisterIndex:
    return cat.reg


def test_find_by_number_or_any_written_form_of_the_name(reg):
    assert reg.find("1804").navn == "Bodø"
    assert reg.find(" bodø ").nummer == "1804"
    assert reg.find("Unjárga").nummer == reg.find("nesseby").nummer == reg.find("Unjárga - Nesseby").nummer == "5636"
    assert reg.find("Herøy") is None  # two municipalities carry the name: not one answer
    assert [k.nummer for k in reg.find_all(" herøy ")] == ["1515", "1818"]
    assert reg.find("Atlantis") is None and reg.find_all("Atlantis") == []


def test_suggestions_for_a_misspelt_name(reg):
    assert reg.suggest("Stordd") == ["Stord", "Strand", "Storfjord - Omasvuotna - Omasvuono"]
    assert reg.suggest("Stordd", n=1) == ["Stord"]
    assert reg.suggest(" bodo ") == ["Bodø"]
    assert reg.suggest("Xyzzy") == []


def test_counties_then_and_now(reg):
    assert reg.fylke_of("3205").navn == "Akershus"
    assert reg.fylke_2020_of("3205").navn == "Viken"  # Lillestrøm had 3030 in the pilot
    assert reg.fylke_2020_of("1804").navn == "Nordland"
    assert RegisterIndex.fylke_slug(reg.fylker["46"]) == "vestland"
    assert RegisterIndex.fylke_slug(reg.fylker["50"]) == "trondelag"
    assert reg.fylke_point("03") == reg.kommuner["0301"].punkt  # Oslo: one municipality
    lon, lat = reg.fylke_point("46")
    assert 5 < lon < 8 and 60 < lat < 62.5


def test_distance_between_two_points():
    assert round(distance_km((10.75, 59.91), (5.32, 60.39))) == 305  # Oslo–Bergen
    assert distance_km((14.968, 67.085), (14.968, 67.085)) == 0
    assert round(distance_km((0, 0), (0, 1))) == 111


def test_write_schemas_writes_what_is_committed_and_then_nothing(tmp_path):
    first = write_schemas(tmp_path / "ny" / "skjema", data_ids_from(ROOT / "data"))  # makes the folders
    assert sorted(p.name for p, _ in first) == sorted(p.name for p in (ROOT / "schema").glob("*.json"))
    assert all(changed for _, changed in first)
    for path, _ in first:
        assert path.read_text(encoding="utf-8") == (ROOT / "schema" / path.name).read_text(encoding="utf-8")
    again = write_schemas(tmp_path / "ny" / "skjema", data_ids_from(ROOT / "data"))
    assert [changed for _, changed in again] == [False] * len(first)
    (tmp_path / "ny" / "skjema" / first[0][0].name).write_text("{}", encoding="utf-8")
    assert [changed for _, changed in write_schemas(tmp_path / "ny" / "skjema", data_ids_from(ROOT / "data"))] == \
        [True] + [False] * (len(first) - 1)


def test_the_cached_catalog_holds_only_until_the_data_changes(data):
    """load_site gives the same result while no file under data/ changed, and validates again as
    soon as a file is newer."""
    import os
    import time

    from macros.core.catalog import load_site

    first, problems = load_site(data)
    assert problems == [] and first is not None
    assert load_site(data)[0] is first
    case = next((data / "kommuner").glob("*.yml"))
    later = time.time_ns() + 5_000_000_000
    os.utime(case, ns=(later, later))
    again, problems = load_site(data)
    assert problems == [] and again is not first


def test_remembered_parses_reuse_checked_records_and_still_report_every_problem(data):
    """With parses remembered (the preview server), an unchanged case keeps its checked record, a
    saved one is checked again, and a file with an error reports it on every load."""
    from macros.core import yamlsrc
    from macros.core.load import load_dataset

    memory = yamlsrc.Memory()
    first = load_dataset(data, memory=memory)
    assert first.problems == []
    bodo = data / "kommuner" / "bodo.yml"
    text = bodo.read_text(encoding="utf-8")
    assert text.startswith("navn: Bodø\n")
    bodo.write_text(text.replace("navn: Bodø\n", "navn:\n  - Bodø\n  - Bodo\n", 1), encoding="utf-8")  # a list
    for _ in range(2):
        again = load_dataset(data, memory=memory)
        assert any(p.file.endswith("bodo.yml") for p in again.problems)
        same = {c.slug: c.record for c in first.cases if c.slug != "bodo"}
        assert all(c.record is same[c.slug] for c in again.cases if c.slug in same)
    bodo.write_text(text, encoding="utf-8")
    fixed = load_dataset(data, memory=memory)
    assert fixed.problems == [] and "bodo" in {c.slug for c in fixed.cases}
