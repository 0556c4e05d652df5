"""Related cases: shared focus area, same or neighbouring county, shared success criteria."""
from __future__ import annotations


import pytest

from macros.site.related import related_cases

from .conftest import FIXTURE_DATA, build, make_project
from .test_site import article


def case(cat, slug):
    return next(c for c in [*cat.cases, *cat.examples] if c.slug == slug)


def names_and_reasons(cat, slug, **kw):
    return [(r.case.record.navn, r.reasons) for r in related_cases(case(cat, slug), cat, **kw)]


def test_same_focus_area_ranks_first_then_county_then_neighbours(cat):
    # Sunnfjord's page is nynorsk, so are its reasons.
    assert names_and_reasons(cat, "sunnfjord") == [
        ("Bodø", ["Same fokusområde"]),
        ("Nes", ["Same fokusområde"]),
        ("Høyanger", ["Same fylke"]),
        ("Ullensvang", ["Same fylke"]),
        ("Gjesdal", ["Nabofylke"]),  # Rogaland borders Vestland
        ("Porsgrunn", ["Nabofylke"]),  # Telemark borders Vestland
    ]


def test_neighbouring_county_from_geometry(cat):
    related = dict(names_and_reasons(cat, "as", limit=20))
    assert related["Asker"] == ["Samme fylke"]
    assert related["Tynset"] == ["Nabofylke"]  # Innlandet borders Akershus
    assert "Bodø" not in related and "Ås" not in related  # nothing in common; never itself
    assert "Målselv" not in dict(names_and_reasons(cat, "gjesdal", limit=20))


def test_shared_criteria_and_nynorsk_reasons(fixture_cat):
    assert names_and_reasons(fixture_cat, "bodo") == [("Sunnfjord", ["Felles suksesskriterium: Vær nysgjerrig"])]
    assert names_and_reasons(fixture_cat, "sunnfjord") == [("Bodø", ["Felles suksesskriterium: Vær nysgjerrig"])]


def test_example_is_never_related_but_its_page_shows_real_cases(fixture_cat):
    for c in fixture_cat.cases:
        assert "Eksempelkommune" not in [r.case.record.navn for r in related_cases(c, fixture_cat, limit=50)]
    assert names_and_reasons(fixture_cat, "eksempelkommune") == [
        ("Sunnfjord", ["Samme fokusområde", "Felles suksesskriterium: Vær nysgjerrig"]),
        ("Bodø", ["Felles suksesskriterium: Vær nysgjerrig"]),
    ]


def test_related_section_on_fixture_pages(fixture_site):
    text = article(fixture_site, "kommuner/bodo").text
    assert text.endswith("Andre kommuner å lære av Sunnfjord Vestland · Felles suksesskriterium: Vær nysgjerrig")
    assert "Andre kommunar å lære av Bodø Nordland" in article(fixture_site, "kommuner/sunnfjord").text


def test_no_section_when_nothing_is_related(tmp_path):
    project = make_project(tmp_path, FIXTURE_DATA)
    (project / "data" / "kommuner" / "sunnfjord.yml").unlink()
    site = build(project)
    assert "lære av" not in article(site, "kommuner/bodo").text
