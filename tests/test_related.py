"""Related cases on case pages («Andre kommuner å lære av»): the one ranking definition in
macros/site/related.py with the case as subject (shared focus area, same or neighbouring county,
distance, shared criteria, partner types and sectors). The self-assessment's use of the same
definition is tested in test_selfassess.py."""
from __future__ import annotations


import pytest

from macros.site.related import related_cases

from .conftest import FIXTURE_DATA, build, make_project
from .test_site import article


def case(cat, slug):
    return next(c for c in [*cat.cases, *cat.examples] if c.slug == slug)


def names_and_reasons(cat, slug, **kw):
    return [(r.case.record.navn, r.reasons) for r in related_cases(case(cat, slug), cat, **kw)]


def test_same_focus_area_ranks_first_then_county_and_distance(cat):
    # Sunnfjord's page is nynorsk, so are its reasons.
    assert names_and_reasons(cat, "sunnfjord") == [
        ("Nes", ["Same fokusområde: Kulturskolens plass i et helhetlig oppvekstilbud", "Same brukargruppe: 0–5 år"]),  # 4 + 1
        ("Bodø", ["Same fokusområde: Kulturskolens plass i et helhetlig oppvekstilbud"]),  # 4
        ("Høyanger", ["Same fylke: Vestland", "36 km unna"]),  # 2 + 1
        ("Stranda", ["Nabofylke: Møre og Romsdal", "84 km unna"]),  # 1 + 1, nearer than Ullensvang
        ("Ullensvang", ["Same fylke: Vestland"]),  # 2
        ("Tynset", ["Nabofylke: Innlandet"]),  # 1: Innlandet borders Vestland; nearer than Gjesdal
    ]


def test_neighbouring_county_from_geometry(cat):
    related = dict(names_and_reasons(cat, "as", limit=20))
    assert related["Asker"] == ["Samme fylke: Akershus", "19 km unna"]
    assert related["Tynset"] == ["Nabofylke: Innlandet"]  # Innlandet borders Akershus
    assert related["Porsgrunn"] == ["85 km unna"]  # Telemark does not border Akershus, but it is near
    assert "Bodø" not in related and "Ås" not in related  # nothing in common; never itself
    assert "Målselv" not in dict(names_and_reasons(cat, "gjesdal", limit=20))


def test_equal_points_go_to_the_nearest(cat):
    """From Bodø: two cases share the focus area, four lie in neighbouring counties; nearest first."""
    assert names_and_reasons(cat, "bodo") == [
        ("Sunnfjord", ["Samme fokusområde: Kulturskolens plass i et helhetlig oppvekstilbud"]), ("Nes", ["Samme fokusområde: Kulturskolens plass i et helhetlig oppvekstilbud"]),
        ("Målselv", ["Nabofylke: Troms"]), ("Steinkjer", ["Nabofylke: Trøndelag"]), ("Inderøy", ["Nabofylke: Trøndelag"]),
        ("Stjørdal", ["Nabofylke: Trøndelag"]),
    ]


def test_shared_criteria_and_nynorsk_reasons(fixture_cat):
    assert names_and_reasons(fixture_cat, "bodo") == [("Sunnfjord", ["Felles suksesskriterium: Vær nysgjerrig"])]
    assert names_and_reasons(fixture_cat, "sunnfjord") == [("Bodø", ["Felles suksesskriterium: Vær nysgjerrig"])]


def test_example_is_never_related_but_its_page_shows_real_cases(fixture_cat):
    for c in fixture_cat.cases:
        assert "Eksempelkommune" not in [r.case.record.navn for r in related_cases(c, fixture_cat, limit=50)]
    assert names_and_reasons(fixture_cat, "eksempelkommune") == [
        ("Sunnfjord", ["Samme fokusområde: Kulturskolens plass i et helhetlig oppvekstilbud", "Felles suksesskriterium: Vær nysgjerrig"]),
        ("Bodø", ["Felles suksesskriterium: Vær nysgjerrig"]),
    ]


def test_related_section_on_fixture_pages(fixture_site):
    text = article(fixture_site, "kommuner/bodo").text
    assert text.endswith("Andre kommuner å lære av Sunnfjord Vestland · Felles suksesskriterium: Vær nysgjerrig")
    # Bodø has two cases; the related one is named with its programme.
    assert "Andre kommunar å lære av Bodø – Piloten Nordland" in article(fixture_site, "kommuner/sunnfjord").text


def test_no_section_when_nothing_is_related(tmp_path):
    project = make_project(tmp_path, FIXTURE_DATA)
    (project / "data" / "kommuner" / "sunnfjord.yml").unlink()
    site = build(project)
    assert "lære av" not in article(site, "kommuner/bodo").text
