"""Real builds of the site (real data and the fixture dataset), asserting on what a reader sees."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from macros.core.catalog import validate

from .conftest import ROOT, build, make_project, read

REGISTER = yaml.safe_load((ROOT / "data" / "kommuneregister.yml").read_text(encoding="utf-8"))
FYLKE = {f["nummer"]: f["navn"] for f in REGISTER["fylker"]}
KOMMUNE = {k["nummer"]: k for k in REGISTER["kommuner"]}
SELECTED = {  # FACTS.md: the 16 municipalities selected on 22 April 2021, with 2024 numbers
    "asker": "3203", "bodo": "1804", "gjesdal": "1122", "hoyanger": "4638", "inderoy": "5053",
    "lillestrom": "3205", "malselv": "5524", "nes": "3228", "porsgrunn": "4001", "steinkjer": "5006",
    "stjordal": "5035", "stranda": "1525", "sunnfjord": "4647", "tynset": "3427", "ullensvang": "4618", "as": "3218",
}
FYLKE_SLUGS = ["oslo", "rogaland", "more-og-romsdal", "nordland", "ostfold", "akershus", "buskerud", "innlandet",
               "vestfold", "telemark", "agder", "vestland", "trondelag", "troms", "finnmark"]


class Text(HTMLParser):
    """The visible text of <article> (what a reader reads), and its links."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._href = None

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if tag == "a" and self.depth:
            self._href = dict(attrs).get("href")
            self._link_text = []

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        if tag == "a" and self._href is not None:
            self.links.append(("".join(self._link_text).strip(), self._href))
            self._href = None

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)
            if self._href is not None:
                self._link_text.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def article(site: Path, url: str) -> Text:
    parser = Text()
    parser.feed(read(site, url))
    return parser


def link_texts(site: Path, url: str) -> list[str]:
    return [t for t, _ in article(site, url).links]


@pytest.mark.parametrize("slug,nummer", sorted(SELECTED.items()))
def test_each_selected_municipality_has_its_page(real_site, slug, nummer):
    page = article(real_site, f"kommuner/{slug}")
    kommune = KOMMUNE[nummer]
    fylke = FYLKE[kommune["fylke"]]
    assert f"{kommune['navn']} Kommunenummer {nummer} Fylke {fylke}" in page.text
    nn = yaml.safe_load((ROOT / "data" / "kommuner" / f"{slug}.yml").read_text(encoding="utf-8"))["sprak"] == "nn"
    assert ("Vald ut – 22. april 2021" if nn else "Valgt ut – 22. april 2021") in page.text
    # No real case has the municipality's own account yet: every page says so, in its own written standard.
    assert ("Kommunen si eiga skildring av arbeidet er ikkje skriven inn her enno" if nn else
            "Kommunens egen beskrivelse av arbeidet er ikke skrevet inn her ennå") in page.text
    # It is listed on its county page and on the index, under its county.
    assert kommune["navn"] in link_texts(real_site, f"fylker/{FYLKE_SLUGS[list(FYLKE).index(kommune['fylke'])]}")
    index = read(real_site, "kommuner")
    section = index.split(f">{fylke}</h2>")[1].split("<h2")[0]
    assert f">{kommune['navn']}</a>" in section


def test_pilot_era_number_and_tynset_history(real_site):
    assert "Nummer i pilotperioden 3030 (Viken)" in article(real_site, "kommuner/lillestrom").text
    assert "Nummer i pilotperioden" not in article(real_site, "kommuner/bodo").text
    tynset = article(real_site, "kommuner/tynset").text
    assert "Status Ikke lenger med" in tynset
    assert "Ikke lenger oppført blant deltakerkommunene ved den fjerde av seks fellessamlinger" in tynset


def test_index_counts_sixteen_and_no_example(real_site):
    text = article(real_site, "kommuner").text.replace(" .", ".")
    assert text.startswith("Kommuner Her er alle 16 casene fra 16 kommuner, ordnet etter fylke (inndelingen fra "
                           "2024). Per program: Piloten 16.")
    links = [t for t, h in article(real_site, "kommuner").links if h.count("/") == 1 and not h.startswith("..")]
    assert sorted(links) == sorted(KOMMUNE[n]["navn"] for n in SELECTED.values())
    assert "Eksempelkommune" not in read(real_site, "kommuner")


def test_fifteen_county_pages_and_empty_ones_point_to_nearest(real_site):
    pages = sorted(p.name for p in (real_site / "fylker").iterdir() if p.is_dir())
    assert pages == sorted(FYLKE_SLUGS)
    finnmark = article(real_site, "fylker/finnmark").text
    assert "Ingen kommuner i Finnmark har en case her ennå. De nærmeste kommunene med caser er:" in finnmark
    assert "Målselv" in finnmark  # the nearest participant, in Troms
    oslo = article(real_site, "fylker/oslo").text
    assert "Erfaringsdeling fra pilotarbeidet" in oslo  # the closing event was held in Oslo


def figures(site) -> list[str]:
    """The home page's count cards, as a reader reads them."""
    html = read(site, "")
    block = html.split('<ul class="ks-tall">')[1].split("</ul>")[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", li).split()) for li in re.findall(r"<li>(.*?)</li>", block, re.S)]


def test_home_page_keeps_the_pilots_figures_and_counts_other_cases_apart(real_site, cat):
    # The pilot's figures are sourced data (which 14 completed is not known, so it cannot be counted).
    assert figures(real_site) == ["16 kommuner valgt ut til piloten", "15 kommuner med ved den fjerde fellessamlingen",
                                  "14 kommuner fullførte piloten", "0 caser fra andre program og egen utvikling"]
    # The first figure agrees with the cases: every pilot case was selected, and there are 16.
    pilot = cat.cases_in_program("kulturskole-3-0")
    assert len(pilot) == 16 == sum(any(d.status == "valgt" for d in c.record.deltakelse) for c in pilot)
    assert "Eksempelkommune" not in read(real_site, "")


def test_home_page_figures_come_from_the_data_not_the_template(fixture_site):
    # The fixture's programme file has other (fictional) figures, and two cases outside the pilot.
    assert figures(fixture_site) == ["7 kommuner valgt ut til testpiloten", "5 kommuner med ved testsamlingen",
                                     "3 kommuner fullførte testpiloten", "2 caser fra andre program og egen utvikling"]
    links = dict((t, h) for t, h in article(fixture_site, "").links)
    assert links["7 kommuner valgt ut til testpiloten"] == "program/kulturskole-3-0/"
    assert links["2 caser fra andre program og egen utvikling"] == "program/"


def test_every_page_is_norwegian_with_title_and_description(real_site):
    for html_file in real_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert '<html lang="nb"' in html, html_file
        assert re.search(r'<meta name="description" content="[^"]{20,}">', html), html_file


def test_nynorsk_case_carries_lang_nn(real_site):
    html = read(real_site, "bidra/eksempel")
    assert '<div lang="nn">' in html
    assert "Forteljinga" in html


def test_focus_area_lists_its_cases(real_site):
    links = link_texts(real_site, "fokusomrader/helhetlig-oppvekst")
    assert {"Nes", "Sunnfjord"} <= set(links)
    assert "Eksempelkommune" not in links
    assert "Ingen kommuner har registrert dette fokusområdet ennå." in article(
        real_site, "fokusomrader/samspill-med-helsesektoren").text


def test_timeline_in_date_order(real_site):
    text = article(real_site, "tidslinje").text
    order = ["februar 2021", "26. mars 2021", "22. april 2021", "høsten 2021", "desember 2022",
             "16. januar 2023", "26. januar 2023", "9. februar 2023", "27. april 2023", "29. april 2024",
             "15. mai 2024", "september 2024"]
    positions = [text.index(o) for o in order]
    assert positions == sorted(positions)




def test_internal_links_resolve(real_site):
    """Every relative link in every page points at a file that exists (no domain-root links)."""
    broken = []
    for html_file in real_site.rglob("*.html"):
        if html_file.name == "404.html":  # served at any path, so MkDocs makes its links absolute
            continue
        for href in re.findall(r'href="([^"#]+)[^"]*"', html_file.read_text(encoding="utf-8")):
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            assert not href.startswith("/"), f"{html_file}: {href} assumes the domain root"
            target = (html_file.parent / href.split("?")[0]).resolve()  # a query picks a state, not a file
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{html_file.relative_to(real_site)} -> {href}")
    assert broken == []


# --- Fixture dataset: full cases, criteria with evidence, an example ------------------------


def test_criteria_matrix_and_evidence(fixture_site):
    index = article(fixture_site, "suksesskriterier").text
    assert "Bodø – Piloten ✓ Ja – Nei" in index
    assert "Sunnfjord ✓ Ja ✓ Ja" in index
    page = article(fixture_site, "suksesskriterier/vaer-nysgjerrig").text
    assert "Bodø – Piloten Nordland Bodø viser nysgjerrighet i testen." in page
    assert "Sunnfjord Vestland Dei spurde barna først." in page
    assert "Eksempelbelegg" not in read(fixture_site, "suksesskriterier/vaer-nysgjerrig")


def test_full_case_shows_every_section(fixture_site):
    text = article(fixture_site, "kommuner/sunnfjord").text
    for expected in ["Testprosjekt i Sunnfjord", "Roller i kommunegruppa", "rektor Skole", "Testlaget",
                     "Korleis ønskjer vi at kulturskulen skal framstå? Ope for alle.", "Dette fungerte Faste møte.",
                     "Dette fungerte ikkje Møte på fredagar.", "Vær nysgjerrig Dei spurde barna først.",
                     "kulturskulerektor: Test Testesen – test@example.org", "Testkjelde"]:
        assert expected in text
    assert "ikkje publisert enno" not in text


def test_contact_without_consent_shows_role_only(fixture_site):
    text = article(fixture_site, "kommuner/bodo").text
    assert "Kontakt kulturskolerektor" in text


def test_example_is_in_no_listing(fixture_site):
    for url in ["", "kommuner", "fylker", "fokusomrader", "fokusomrader/helhetlig-oppvekst", "suksesskriterier",
                "suksesskriterier/vaer-nysgjerrig", "tidslinje"]:
        assert "Eksempelkommune" not in read(fixture_site, url), url
    assert not (fixture_site / "kommuner" / "eksempelkommune").exists()
    assert "Eksempel – fiktivt innhold" in article(fixture_site, "bidra/eksempel").text


def test_county_page_lists_its_gatherings(fixture_site):
    text = article(fixture_site, "fylker/vestland").text
    assert "Sunnfjord" in text and "Testarena i Vestland (Førde)" in text


def test_data_error_stops_the_build(tmp_path, caplog):
    project = make_project(tmp_path, None)
    (project / "data" / "kommuner" / "bodo.yml").write_text("navn: Bodø\n", encoding="utf-8")
    from mkdocs.exceptions import Abort
    with pytest.raises(Abort):
        build(project)
    assert "data/kommuner/bodo.yml:1: kommunenummer: mangler; feltet er påkrevd" in caplog.text
    assert not (project / "site" / "index.html").exists()


def test_name_and_email_without_consent_never_reach_the_page(fixture_cat):
    """kulturskole sjekk refuses a name without consent; the page must not rely on that alone."""
    import dataclasses

    from macros.core.model import Kontakt
    from macros.site.pages import case_page

    case = next(c for c in fixture_cat.cases if c.slug == "sunnfjord")  # a name and e-mail, with consent
    shown = case_page(case, fixture_cat).content
    assert "Test Testesen" in shown and "test@example.org" in shown
    kontakt = Kontakt.model_construct(rolle="kulturskulerektor", navn="Test Testesen", epost="test@example.org",
                                      samtykke=False)
    unconsented = dataclasses.replace(case, record=case.record.model_copy(update={"kontakt": kontakt}))
    hidden = case_page(unconsented, fixture_cat).content
    assert "kulturskulerektor" in hidden
    assert "Test Testesen" not in hidden and "test@example.org" not in hidden


# --- Programmes and a municipality with several cases (fixture data) -----------------------------


def test_programme_pages_list_their_cases_figures_and_statuses(fixture_site):
    index = article(fixture_site, "program")
    assert [t for t, _ in index.links if t][:3] == ["Piloten", "Regionale utviklingsprogram", "Egen utvikling"]
    assert "2021–2022 · KS og Norsk kulturskoleråd · 2 caser" in index.text
    assert "2024– · Testrådet · 1 case" in index.text
    pilot = article(fixture_site, "program/kulturskole-3-0")
    assert pilot.text.startswith("Piloten (2021–2022) Pilotprogrammet i testdataene. Periode 2021–2022 "
                                 "Står bak KS og Norsk kulturskoleråd Caser her 2")
    assert "3 kommuner fullførte testpiloten. Kilde: Testkilde for tallet ." in pilot.text
    assert "bruker disse statusene, i denne rekkefølgen: Valgt ut, Aktiv, Fullført og Ikke lenger med." in pilot.text
    assert [t for t, _ in pilot.links if t in ("Bodø – Piloten", "Sunnfjord", "Alta")] == [
        "Bodø – Piloten", "Sunnfjord"]
    egen = article(fixture_site, "program/egen-utvikling").text
    assert egen.startswith("Egen utvikling Arbeid en kommune gjør selv (test). Periode Ingen fast periode")
    assert "Alta Finnmark · Egen utvikling · Fokusområde" not in egen  # (no focus area: none shown)
    assert "Alta Finnmark · Egen utvikling · Planlagt" in egen
    assert "Tall for hele programmet" not in egen


def test_a_municipality_with_two_cases_links_them_both_ways(fixture_site):
    pilot = article(fixture_site, "kommuner/bodo")
    regional = article(fixture_site, "kommuner/bodo-regionale-utviklingsprogram")
    assert pilot.text.startswith("Bodø – Piloten Kommunenummer 1804 Fylke Nordland Program Piloten "
                                 "(2021–2022)")
    assert "Andre caser fra Bodø: Regionale utviklingsprogram (2024–)." in pilot.text
    assert ("Regionale utviklingsprogram", "../bodo-regionale-utviklingsprogram/") in pilot.links
    assert regional.text.startswith("Bodø – Regionale utviklingsprogram Kommunenummer 1804 Fylke Nordland Program "
                                    "Regionale utviklingsprogram (2024–)")
    assert "Andre caser fra Bodø: Piloten (2021–2022)." in regional.text
    assert "Deltakelse Søkt – 10. mai 2024 Aktiv – 1. september 2024" in regional.text
    # A programme that has ended without a known outcome says so; a running one does not.
    assert ("Status Status etter piloten er ikke kjent. Sist kjente status: Valgt ut (sist daterte opplysning: "
            "22. april 2021 ).") in pilot.text
    assert "ikke kjent" not in regional.text and "Status Aktiv" in regional.text
    assert "<title>Bodø – Regionale utviklingsprogram - Kulturskole 3.0</title>" in read(
        fixture_site, "kommuner/bodo-regionale-utviklingsprogram")


def test_lists_show_the_programme_and_count_cases(fixture_site):
    nordland = article(fixture_site, "fylker/nordland").text
    assert ("Bodø – Piloten Nordland · Piloten · Ikke kjent etter programslutt Bodø – Regionale utviklingsprogram "
            "Nordland · Regionale utviklingsprogram · Aktiv") in nordland
    assert "1 kommune med caser er fremhevet" in read(fixture_site, "fylker/nordland")
    index = article(fixture_site, "kommuner").text.replace(" .", ".").replace(" ,", ",")
    assert index.startswith("Kommuner Her er alle 4 casene fra 3 kommuner, ordnet etter fylke (inndelingen fra "
                            "2024). Per program: Piloten 2, Regionale utviklingsprogram 1, Egen utvikling 1.")
    fylker = article(fixture_site, "fylker").text
    assert "Nordland 1 2" in fylker and "Finnmark 1 1" in fylker


def test_nynorsk_case_page_has_nynorsk_labels(fixture_site):
    text = article(fixture_site, "kommuner/sunnfjord").text
    assert "Program Piloten (2021–2022)" in text
    assert "Deltaking Vald ut – 22. april 2021 Fullført – 26. januar 2023" in text
