"""The explorer's data (macros/site/explorer.py): entries, facet counts, groups and the page it renders."""
from __future__ import annotations

import re
import shutil
from collections import Counter

import pytest

from macros.site import explorer
from macros.core.catalog import validate

from .conftest import ROOT
from .fixtures.sok.bygg import fixture_data


@pytest.fixture(scope="module")
def sok_data(tmp_path_factory):
    return fixture_data(tmp_path_factory.mktemp("utforsk") / "data")


@pytest.fixture(scope="module")
def cat(sok_data):
    catalog, problems = validate(sok_data)
    assert not problems, problems
    return catalog


@pytest.fixture(scope="module")
def items(cat):
    return explorer.entries(cat)


def facet(cat, items, key):
    return {v.value: (v.label, v.count) for v in next(f for f in explorer.facets(cat, items) if f.key == key).values}


def test_every_published_case_once_and_never_the_example(cat, items):
    assert [e.navn for e in items] == [c.record.navn for c in cat.cases]
    assert len(items) == 20
    assert cat.examples and all(e.navn != "Eksempelkommune" for e in items)
    assert all(e.url.startswith("kommuner/") for e in items)


def test_facet_counts_match_the_data(cat, items):
    fylke = facet(cat, items, "fylke")
    assert sum(n for _, n in fylke.values()) == len(items)  # each case has one county
    assert fylke["vestland"] == ("Vestland", 2)
    assert fylke["trondelag"] == ("Trøndelag", 2)
    assert list(fylke)[:2] == ["oslo", "rogaland"]  # county number order, as on /kommuner/

    status = facet(cat, items, "status")
    # The pilot has ended: a status dated before its end is not shown as today's (core/status.py).
    assert status == {"fullfort": ("Fullført", 5), "trukket": ("Ikke lenger med", 2),
                      "ikke-kjent": ("Ikke kjent etter programslutt", 13)}

    fokus = facet(cat, items, "fokus")
    assert fokus[explorer.NO_FOKUS] == ("Ikke oppgitt", 2)  # Larvik and Fredrikstad name none
    assert sum(n for _, n in fokus.values()) == len(items)

    # Multi-valued facets: a case counts once per value it has.
    expected_partner = Counter(t for c in cat.cases for t in {p.type for p in c.record.partnere})
    assert {k: n for k, (_, n) in facet(cat, items, "partner").items()} == dict(expected_partner)
    expected_krit = Counter(k.id for c in cat.cases for k in c.record.suksesskriterier)
    assert {k: n for k, (_, n) in facet(cat, items, "kriterium").items()} == dict(expected_krit)
    assert facet(cat, items, "kriterium")["vaer-nysgjerrig"] == ("Vær nysgjerrig", 7)


def test_values_with_no_cases_are_left_out(cat, items):
    # Fredrikstad has no partners and no criteria; nobody has the partner type «annet».
    assert "annet" not in facet(cat, items, "partner")
    fredrikstad = next(e for e in items if e.navn == "Fredrikstad")
    assert fredrikstad.partner == () and fredrikstad.kriterium == ()
    assert fredrikstad.attrs() == {"program": "kulturskole-3-0", "fylke": "ostfold", "fokus": explorer.NO_FOKUS, "kriterium": "",
                                   "partner": "", "status": "ikke-kjent", "brukergruppe": "", "metode": "", "belegg": "",
                                   "har": "kilder"}


def test_partner_types_once_each_in_vocabulary_order(items):
    oslo = next(e for e in items if e.navn == "Oslo")
    assert oslo.partner == ("frivillighet", "innbyggere", "kunst-og-kultur")
    assert oslo.tekst == "Testkorforbundet Foreldrenettverket Testoperaen"


def test_groups_hold_every_case_once_by_county(items):
    groups = explorer.groups(items)
    assert sorted(e.navn for g in groups for e in g.entries) == sorted(e.navn for e in items)
    assert [g.slug for g in groups][:3] == ["oslo", "rogaland", "more-og-romsdal"]
    assert all({e.fylke for e in g.entries} == {g.slug} for g in groups)
    innlandet = next(g for g in groups if g.slug == "innlandet")
    assert [e.navn for e in innlandet.entries] == ["Hamar", "Lillehammer"]


def test_query_string_keys_are_norwegian_ascii():
    keys = [k for k, _ in explorer.FACETS] + [explorer.FREE_TEXT_KEY]
    assert keys == ["program", "fylke", "fokus", "kriterium", "partner", "status", "brukergruppe", "metode", "belegg",
                    "har", "sok"]
    assert all(re.fullmatch(r"[a-z]+", k) for k in keys)


def test_page_lists_every_case_with_a_relative_link_and_is_kept_out_of_search(cat):
    (page,) = explorer.explorer_pages(cat)
    assert page.src_uri == "utforsk/index.md"
    front, body = page.content.split("---\n", 2)[1:]
    assert "exclude: true" in front  # search.exclude: the explorer itself is never a search result
    links = re.findall(r'<li data-program="[^"]*" data-fylke="[^"]*"[^>]*><a href="([^"]+)">([^<]+)</a>', body)
    assert sorted(name for _, name in links) == sorted(c.record.navn for c in cat.cases)
    assert all(href.startswith("../kommuner/") for href, _ in links)
    assert "Eksempelkommune" not in body and "Sjiraffkoret" not in body
    assert '<script src="../assets/utforsk.js"></script>' in body


def test_values_from_yaml_are_escaped_in_text_and_attributes(sok_data, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(sok_data, data)
    case = data / "kommuner" / "alta.yml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "{navn: Testfrivilligsentralen, type: frivillighet}",
        "{navn: 'Lag \"Sang & Spill\" x=\"1\"', type: frivillighet}").replace(
        "tittel: Testprosjekt – musikk for nyankomne", "tittel: 'Musikk & \"mer\"'"), encoding="utf-8")
    catalog, problems = validate(data)
    assert not problems, problems
    (page,) = explorer.explorer_pages(catalog)
    assert 'Lag &#34;Sang &amp; Spill&#34; x=&#34;1&#34;' in page.content
    assert 'Musikk &amp; &#34;mer&#34;' in page.content
    assert 'Sang & Spill' not in page.content and '"mer"' not in page.content


def test_real_data_explorer_lists_every_published_case():
    catalog, problems = validate(ROOT / "data")
    assert not problems, problems
    items = explorer.entries(catalog)
    assert len(items) == len(catalog.cases) and not any(c.eksempel for c in catalog.cases)
    (page,) = explorer.explorer_pages(catalog)
    assert page.content.count("<li data-program=") == len(catalog.cases)


def test_programme_facet_and_a_municipality_with_two_cases(fixture_cat):
    items = explorer.entries(fixture_cat)
    assert facet(fixture_cat, items, "program") == {
        "kulturskole-3-0": ("Piloten", 2), "regionale-utviklingsprogram": ("Regionale utviklingsprogram", 1),
        "egen-utvikling": ("Egen utvikling", 1)}
    # Each case is its own entry; a municipality with two cases names the programme in each title.
    assert [(e.navn, e.program, e.status) for e in items] == [
        ("Alta", "egen-utvikling", "planlagt"), ("Bodø – Piloten", "kulturskole-3-0", "ikke-kjent"),
        ("Bodø – Regionale utviklingsprogram", "regionale-utviklingsprogram", "aktiv"),
        ("Sunnfjord", "kulturskole-3-0", "fullfort")]
    # Statuses from every programme, in the vocabulary's order, with their labels.
    assert list(facet(fixture_cat, items, "status").items()) == [
        ("planlagt", ("Planlagt", 1)), ("aktiv", ("Aktiv", 1)), ("fullfort", ("Fullført", 1)),
        ("ikke-kjent", ("Ikke kjent etter programslutt", 1))]
    (page,) = explorer.explorer_pages(fixture_cat)
    assert ('<li data-program="regionale-utviklingsprogram" data-fylke="nordland"' in page.content)
    assert "Regionale utviklingsprogram · Fokusområde ikke oppgitt · Aktiv" in page.content
