"""The self-assessment «Hvor står vi?» (issue 9.2) without a browser: the ranking with a reader's
choices as subject (the same definition as the case pages), the data the page's script gets, and
the page as built. The browser side (the same ranking in Chromium, the municipality field, the
address, keyboard, accessibility) is tested in tests/browser/test_selfassess.py.
"""
from __future__ import annotations

import json
import math
import re

import pytest

from macros.core.catalog import validate
from macros.core.register import distance_km
from macros.site import related, selfassess
from macros.site.related import RULES, choices_profile, km_between, rank, rank_choices

from .conftest import read
from .fixtures.sok.bygg import fixture_data


@pytest.fixture(scope="module")
def sok_cat(tmp_path_factory):
    catalog, problems = validate(fixture_data(tmp_path_factory.mktemp("hvor") / "data"))
    assert not problems, problems
    return catalog


def names_and_reasons(matches):
    return [(m.case.record.navn, m.reasons) for m in matches]


# --- The ranking with a reader's choices -----------------------------------------------------------

def test_a_municipality_outside_the_pilot_gets_cases_by_focus_area_county_and_distance(cat):
    # Lillestrøm's 2024 number; Nes, Sunnfjord and Bodø share the focus area, Nes is also in Akershus.
    subject = choices_profile(cat, "3205", fokus=["helhetlig-oppvekst"])
    assert names_and_reasons(rank(subject, cat, 10)) == [
        ("Nes", ["Samme fokusområde: Kulturskolens plass i et helhetlig oppvekstilbud", "Samme fylke: Akershus", "31 km unna"]),
        ("Sunnfjord", ["Samme fokusområde: Kulturskolens plass i et helhetlig oppvekstilbud"]),  # nearer than Bodø
        ("Bodø", ["Samme fokusområde: Kulturskolens plass i et helhetlig oppvekstilbud"]),
        ("Ås", ["Samme fylke: Akershus", "36 km unna"]),
        ("Asker", ["Samme fylke: Akershus", "49 km unna"]),
        ("Tynset", ["Nabofylke: Innlandet"]),
    ]


def test_own_municipality_is_never_a_result(cat):
    subject = choices_profile(cat, "4647", fokus=["helhetlig-oppvekst"])  # Sunnfjord
    assert "Sunnfjord" not in [m.case.record.navn for m in rank(subject, cat, 50)]


def test_without_a_municipality_there_is_no_county_or_distance(cat):
    subject = choices_profile(cat, None, fokus=["helhetlig-oppvekst"])
    # Equal points and no distance: the site's name order.
    assert names_and_reasons(rank(subject, cat, 10)) == [("Bodø", ["Samme fokusområde: Kulturskolens plass i et helhetlig oppvekstilbud"]),
                                                         ("Nes", ["Samme fokusområde: Kulturskolens plass i et helhetlig oppvekstilbud"]),
                                                         ("Sunnfjord", ["Samme fokusområde: Kulturskolens plass i et helhetlig oppvekstilbud"])]
    assert rank(choices_profile(cat, None), cat, 10) == []


def test_shared_partner_types_sectors_and_criteria_are_named(sok_cat):
    subject = choices_profile(sok_cat, None, partner=["kommunal-tjeneste", "forskning", "annet"],
                              sektor=["helse", "kulturskole"],
                              kriterium=["vaer-nysgjerrig", "testkriterium-forankring"])
    ranked = names_and_reasons(rank(subject, sok_cat, 10))
    assert ranked[0] == ("Bergen", [
        "Felles suksesskriterier: Vær nysgjerrig, Testkriterium forankring",  # 2 points each
        "Samme typer partnere: Kommunal tjeneste, Forskning",  # 1 point, however many
        "Samme sektor i kommunegruppa: Helse og omsorg",  # the culture school is in every group
    ])
    # «annet» and the culture school never make two municipalities alike.
    assert not any("Annet" in r or "Kulturskolen" in r for _, reasons in ranked for r in reasons)
    # Equal points: the site's name order (no municipality, so no distance).
    assert [n for n, _ in ranked[1:3]] == ["Hamar", "Vefsn"]


def test_equal_points_go_to_the_nearest_municipality(sok_cat):
    # From Bergen (Vestland): Voss is in the same county and near; the neighbouring counties' cases
    # (1 point each) come nearest first.
    ranked = rank(choices_profile(sok_cat, "4601"), sok_cat, 10)
    assert names_and_reasons(ranked)[0] == ("Voss", ["Samme fylke: Vestland", "67 km unna"])
    ones = [m for m in ranked if m.score == 1]
    assert [m.km for m in ones] == sorted(m.km for m in ones) and len(ones) >= 3


def test_what_was_chosen_comes_before_geography_and_content_before_empty_cases(cat):
    """Stord with a focus area no case has: cases sharing a choice would come first; none do, so
    cases that tell something come before empty ones, whatever their county; every reason names
    what matched (issue 18.4)."""
    ranked = rank_choices(choices_profile(cat, "4614", fokus=["mangfold-og-inkludering"]), cat)
    names = [m.case.record.navn for m in ranked]
    assert names.index("Porsgrunn") < names.index("Ullensvang")  # a neighbouring county's full case first
    assert [m.case for m in ranked] == sorted((m.case for m in ranked), key=lambda c: -related.content_of(c))
    assert all(":" in r or r.endswith("km unna") for m in ranked for r in m.reasons)
    # A shared choice beats any geography: with the focus area Nes has, far-away Bodø and Sunnfjord
    # (same focus) come before Ås and Asker (same county as Lillestrøm, nearer).
    names = [m.case.record.navn for m in rank_choices(choices_profile(cat, "3205", fokus=["helhetlig-oppvekst"]), cat)]
    assert names[:3] == ["Nes", "Sunnfjord", "Bodø"] and names.index("Bodø") < names.index("Ås")


def test_neighbouring_focus_areas_share_a_value_area(cat):
    assert related.neighbour_focus(cat, ["samspill-med-helsesektoren"]) == {"samspill-med-kunst-og-kulturaktorer"}
    assert related.neighbour_focus(cat, ["mangfold-og-inkludering"]) == frozenset()


def test_kilometres_are_the_registers_distance_rounded_half_up(cat):
    points = [k.punkt for k in list(cat.reg.kommuner.values())[::7]]
    for a in points:
        for b in points[:20]:
            assert km_between(a, b) == math.floor(distance_km(a, b) + 0.5)
    assert km_between(None, points[0]) is None


def test_unknown_choice_fields_are_refused(cat):
    with pytest.raises(ValueError):
        choices_profile(cat, None, fokusomrade=["helhetlig-oppvekst"])


# --- The definition the browser gets ----------------------------------------------------------------

def test_the_browser_gets_the_python_definition(cat):
    data = json.loads(selfassess.data_json(cat))
    definition = data["rangering"]
    assert [(r["id"], r["type"], r["vekt"]) for r in definition["regler"]] == [(r.id, r.kind, r.weight) for r in RULES]
    for rule, exported in zip(RULES, definition["regler"]):
        assert exported["tekst"] == rule.text
        if rule.kind == "felles":
            assert (exported["felt"], exported["subjektfelt"], exported["per_treff"], exported["vis_treff"],
                    exported["ignorer"]) == (rule.field, rule.source, rule.per_item, rule.show_items, list(rule.ignore))
        else:
            assert exported["maks_km"] == rule.max_km
    assert definition["rekkefolge"] == [list(s) for s in related.SORT]
    assert definition["rekkefolge_selvvurdering"] == [list(s) for s in related.SORT_SELF]
    assert [r["niva"] for r in definition["regler"]] == [r.tier for r in RULES]
    assert definition["antall"] == related.LIMITS and definition["min_poeng"] == related.MIN_SCORE
    assert definition["jordradius_km"] == related.EARTH_RADIUS_KM
    # Every published case, in the site's order, never the example.
    assert [c["navn"] for c in data["kandidater"]] == [c.record.navn for c in cat.cases]
    assert [c["rekke"] for c in data["kandidater"]] == list(range(len(cat.cases)))
    assert "Eksempelkommune" not in json.dumps(data, ensure_ascii=False)
    nes = next(c for c in data["kandidater"] if c["navn"] == "Nes")
    assert (nes["kommune"], nes["fylke"], nes["fokus"], nes["url"]) == ("3228", ["32"], ["helhetlig-oppvekst"],
                                                                        "../kommuner/nes/")


def test_the_register_in_the_data_covers_2024_and_2020_numbers(cat):
    data = selfassess.page_data(cat)
    assert len(data["kommuner"]) == 357
    numbers = {k[0] for k in data["kommuner"]}
    old = {k[0]: k for k in data["kommuner_2020"]}
    assert old["3030"][1:] == ["Lillestrøm", ["3205"]]  # Viken, 2020–2023
    assert not set(old) & numbers  # only numbers that are not 2024 numbers
    assert all(set(k[2]) <= numbers for k in data["kommuner_2020"])
    names = {k[1] for k in data["kommuner"]}
    assert "Unjárga - Nesseby" in names and any("Porsanki" in n for n in names)  # Sámi and Kven names
    assert set(data["naboer"]) == {f.nummer for f in cat.fylker}


def test_the_page_without_javascript_says_what_it_needs_and_where_to_go(cat):
    html = selfassess.page_html(cat, "hvor-star-vi/", "https://github.com/eier/repo")
    note = html.split("data-ks-hvor-utenjs>")[1].split("</div>")[0]
    assert "Denne siden trenger JavaScript" in note
    for href in ("../bidra/", "../utforsk/", "../ressurser/verksted/", "../ressurser/",
                 "https://github.com/eier/repo/issues/new?template=foresla-case.yml"):
        assert f'href="{href}"' in note
    # No repository: no issue form link (PLAN: anything that needs the repository hides itself).
    assert "issues/new" not in selfassess.page_html(cat, "hvor-star-vi/", None)
    # The form and the results need the script: hidden until it runs.
    assert re.search(r"<form [^>]*data-ks-hvor-skjema[^>]* hidden>", html)
    assert re.search(r'<div [^>]*data-ks-hvor-resultat hidden>', html)


def test_free_text_fields_have_no_name_and_never_reach_a_submission(cat):
    html = selfassess.page_html(cat)
    areas = re.findall(r"<textarea [^>]*>", html)
    assert len(areas) == 4
    assert not any(" name=" in a for a in areas)
    # Every choice is a checkbox whose name is a query-string key the ranking reads.
    names = set(re.findall(r'<input type="checkbox" id="hvor-[^"]+" name="([^"]+)"', html))
    assert names == {key for key, _, _ in selfassess.CHOICES} <= set(related.FIELDS)


def test_built_page_is_linked_from_home_and_has_its_data(real_site):
    assert 'href="hvor-star-vi/"' in read(real_site, "")
    page = read(real_site, "hvor-star-vi")
    assert "<h1" in page and "Hvor står vi?" in page
    assert 'data-ks-kilde="data.json"' in page and 'src="../assets/hvor-star-vi.js"' in page
    data = json.loads((real_site / "hvor-star-vi" / "data.json").read_text(encoding="utf-8"))
    assert len(data["kandidater"]) == 16
    assert (real_site / "assets" / "hvor-star-vi.js").exists() and (real_site / "assets" / "hvor-star-vi.css").exists()


def test_link_to_the_case_form_appears_once_the_form_exists(cat, monkeypatch):
    assert "data-ks-hvor-skjemalenke" not in selfassess.page_html(cat) or selfassess.form_url()
    monkeypatch.setattr(selfassess, "form_url", lambda: "bidra/skjema/")
    html = selfassess.page_html(cat, "hvor-star-vi/")
    assert '<a href="../bidra/skjema/" data-ks-hvor-skjemalenke>' in html
    # Taking the answers along is a separate, explicit choice, off until the reader ticks it.
    assert re.search(r'<input type="checkbox" id="hvor-ta-med-svar"[^>]*data-ks-hvor-ta-med>', html)
    assert "checked" not in re.search(r'<input type="checkbox" id="hvor-ta-med-svar"[^>]*>', html).group(0)


def test_every_gathering_says_where_it_was_so_the_county_finds_it(cat):
    """Each gathering in data/samlinger.yml has a county, or «nasjonal» or «digital» (issue 18.4):
    the 2023 dialogue seminar with a gathering in Førde is found for Vestland."""
    assert all(s.fylke for s in cat.samlinger), [s.id for s in cat.samlinger if not s.fylke]
    seminar = next(s for s in cat.samlinger if s.id == "dialogseminar-2023")
    assert seminar.fylke == "nasjonal"  # regional gatherings in Oslo, Trondheim and Førde: for everyone
    html = selfassess.page_html(cat)
    assert html.count('data-fylke="nasjonal"') >= 2 and 'data-fylke="digital"' in html


def test_resources_are_tied_to_the_focus_areas_they_are_about(cat):
    tied = {r.id: r.fokusomrader for r in cat.ressurser if r.fokusomrader}
    # The entries of the model, to the focus areas that name them; the others are about the pilot as a whole.
    assert tied == {"frode-laks": ["helhetlig-oppvekst"],
                    "helhetlig-oppvekst-kulturskoleradet": ["helhetlig-oppvekst"],
                    "livslopsperspektivet-kulturskoleradet": ["samspill-med-helsesektoren"]}
