"""Focus areas that help when empty (issue 21.4), county feeds and calendars (21.5), and the new
sourced facts (21.6)."""
from __future__ import annotations

import re
from xml.etree import ElementTree as ET
import feedparser
import icalendar
import pytest

from macros.core.model import INNGANG, VERDIOMRADE

from .conftest import ROOT, read
from .test_site import FYLKE_SLUGS, article

# --- focus areas, value areas, entries ---------------------------------------------------------


def test_the_value_areas_are_the_report_s_four_and_the_entries_are_named_as_entries(real_site):
    assert list(VERDIOMRADE.values()) == ["Attraktiv og relevant", "Inkluderende og mangfoldig", "Utviklende og skapende",
                                          "Betydningsfull og mestringsorientert"]
    page = article(real_site, "fokusomrader")
    assert ("Rapporten «På vei mot Fremtidens kulturskole» fra januar 2021 samler hovedfunnene sine i fire "
            "verdiområder: «Attraktiv og relevant», «Inkluderende og mangfoldig», «Utviklende og skapende» og "
            "«Betydningsfull og mestringsorientert».") in page.text
    assert dict(page.links)["Norsk kulturskoleråd – prosjektrapporten «På vei mot Fremtidens kulturskole» "
                            "(14. januar 2021)"] == ("https://www.kulturskoleradet.no/nyheter/2021/januar/"
                                                     "fremtidens-kulturskole-prosjektrapport")
    assert "Kulturskolerådets sider om Kulturskole 3.0 har fire innganger til modellen" in page.text
    assert "Kilden kaller dem ikke verdiområder" in page.text
    for slug in ("helhetlig-oppvekst", "mangfold-og-inkludering"):
        text = article(real_site, f"fokusomrader/{slug}").text
        assert "verdiområdene i Kulturskole 3.0" not in text
        assert "på Kulturskolerådets sider om Kulturskole 3.0 . Koblingen til fokusområdet er redaksjonens." in text
    assert set(INNGANG) == {"ressurssenter", "helhetlig-oppvekst", "livslopsperspektivet", "inkludering-og-utenforskap"}


@pytest.mark.parametrize("slug", ["mangfold-og-inkludering", "helhetlig-oppvekst", "samspill-med-helsesektoren",
                                  "samspill-med-kunst-og-kulturaktorer"])
def test_every_focus_area_page_has_resources_and_a_way_forward(cat, real_site, slug):
    page = article(real_site, f"fokusomrader/{slug}")
    links = dict(page.links)
    assert "Ressurser" in page.text and links["verkstedguiden"] == "../../ressurser/verksted/"
    assert "Samlinger" in page.text and links["tidslinjen"] == "../../tidslinje/"
    if cat.cases_in_fokus(slug):
        assert links["Legg inn casen deres"] == f"../../bidra/skjema/?fokus={slug}"
    else:
        assert "Ingen kommuner har registrert dette fokusområdet ennå." in page.text
        assert links["Bli den første"] == f"../../bidra/skjema/?fokus={slug}"
        assert "Nærliggende fokusområder" in page.text
        neighbours = [t for t, h in page.links if re.fullmatch(r"\.\./[a-z-]+/", h)]
        assert neighbours and all(t != cat.fokus(slug).tittel for t in neighbours)
    # Resources for all focus areas (an empty fokusomrader list) are offered on every page.
    general = [r.tittel for r in cat.ressurser if not r.fokusomrader]
    assert all(t in page.text for t in general)


def test_focus_pages_carry_the_sourced_facts_and_nothing_more(real_site):
    oppvekst = article(real_site, "fokusomrader/helhetlig-oppvekst")
    assert "barnehage, skole, SFO og kulturskole sett som ett felles ansvar og ett samlet økosystem" in oppvekst.text
    assert "KS' program ABSOLUTT" in oppvekst.text
    assert dict(oppvekst.links)["Norsk kulturskoleråd – Helhetlig oppvekst (Fremtidens kulturskole)"].endswith(
        "/fremtidens-kulturskole/helhetlig-oppvekst")
    helse = article(real_site, "fokusomrader/samspill-med-helsesektoren")
    assert "barn og unge fra 6 til 19 år" in helse.text and "brukerreiser, dialogkafeer og tjenestereiser" in helse.text
    ressurser = article(real_site, "ressurser")
    assert "76 høringssvar" in ressurser.text and "«Mangfold og fordypning»" in ressurser.text


# --- counties: feed and calendar -----------------------------------------------------------------


@pytest.mark.parametrize("slug", FYLKE_SLUGS)
def test_every_county_has_a_valid_feed_and_calendar_linked_in_its_head_and_visibly(cat, real_site, slug):
    fylke = next(f for f in cat.fylker if cat.fylke_slug(f) == slug)
    raw = (real_site / "fylker" / slug / "feed.xml").read_bytes()
    feed = feedparser.parse(raw, response_headers={
        "content-location": f"https://eksempel.no/fylker/{slug}/feed.xml", "content-type": "application/atom+xml"})
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == f"Kulturskole 3.0 i {fylke.navn} – caser og samlinger"
    assert feed.feed.id == f"tag:kulturskoleradet.no,2021:kulturskole-3-0/fylker/{slug}/feed"
    cases = cat.cases_in_fylke(fylke.nummer)
    samlinger = cat.samlinger_in_fylke(fylke.nummer)
    assert len(feed.entries) == len(cases) + len(samlinger)
    assert {e.link for e in feed.entries if "/kommuner/" in e.link} == {
        f"https://eksempel.no/kommuner/{c.slug}/" for c in cases}
    cal = icalendar.Calendar.from_ical((real_site / "fylker" / slug / "samlinger.ics").read_bytes())
    assert str(cal["X-WR-CALNAME"]) == f"Kulturskole 3.0 i {fylke.navn} – samlinger"
    assert sorted(str(e["UID"]) for e in cal.walk("VEVENT")) == sorted(
        f"kulturskole-3-0-samling-{s.id}@kulturskoleradet.no" for s in samlinger)
    html = read(real_site, f"fylker/{slug}")
    assert (f'<link rel="alternate" type="application/atom+xml" title="Kulturskole 3.0 i {fylke.navn} – caser og '
            f'samlinger" href="feed.xml">') in html
    assert (f'<link rel="alternate" type="text/calendar" title="Kulturskole 3.0 i {fylke.navn} – samlinger" '
            f'href="samlinger.ics">') in html
    # Material's script fetches sitemap.xml next to each <link rel="alternate">: it is there (empty without a site URL).
    sitemap = ET.fromstring((real_site / "fylker" / slug / "sitemap.xml").read_bytes())
    assert sitemap.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset" and len(sitemap) == 0
    links = dict(article(real_site, f"fylker/{slug}").links)
    assert links[f"nyhetsstrømmen for {fylke.navn}"] == "feed.xml"
    assert links[f"samlingene i {fylke.navn}"] == "samlinger.ics"


def test_county_pages_show_their_gatherings_and_the_regional_programme_as_far_as_sources_say(real_site):
    vestland = article(real_site, "fylker/vestland").text
    assert "Regional samling i Førde til det nasjonale dialogseminaret" in vestland
    assert ("Regionale utviklingsprogram i Vestland Alle fylkesavdelingene i Norsk kulturskoleråd ble invitert til å "
            "melde interesse") in vestland
    assert "Om det ble et program i dette fylket, sier kildene her ikke." in vestland
    oslo = icalendar.Calendar.from_ical((real_site / "fylker" / "oslo" / "samlinger.ics").read_bytes())
    assert {str(e["SUMMARY"]) for e in oslo.walk("VEVENT")} == {
        "Erfaringsdeling fra pilotarbeidet", "Regional samling i Oslo til det nasjonale dialogseminaret"}
    trondelag = feedparser.parse((real_site / "fylker" / "trondelag" / "feed.xml").read_bytes())
    assert "Regional arena: Regional samling i Trondheim til det nasjonale dialogseminaret" in [
        e.title for e in trondelag.entries]


# --- the new facts --------------------------------------------------------------------------------

# The sources added to FACTS.md on 2026-12-05.
NEW_SOURCES = [
    "kulturskoleradet.no/nyheter/2021/januar/fremtidens-kulturskole-prosjektrapport",
    "kulturskoleradet.no/vi-tilbyr/fremtidens-kulturskole/dette-er-kulturskole-30",
    "kulturskoleradet.no/vi-tilbyr/fremtidens-kulturskole/helhetlig-oppvekst",
    "kulturskoleradet.no/vi-tilbyr/fremtidens-kulturskole/livslopsperspektivet",
    "kulturskoleradet.no/nyheter/2024/februar/rammeplan-endres-horingsportal-apner-i-uke-8",
    "kulturskoleradet.no/vi-tilbyr/rammeplanhoering/horing-ny-rammeplan-for-kulturskolen",
    "kulturskoleradet.no/nyheter/2024/mai/rammeplanhoring-stort-engasjement-gleder-kulturskoleraadet",
    "no.m.wikipedia.org/wiki/Rammeplan_for_kulturskolen",
    "kulturskoleradet.no/nyheter/2021/mai/fremtidens-kulturskole-temapakker",
    "ks.no/fagomrader/barn-og-unge/kultur/fremtidens-kulturskole/velkommen-inn",
    "ks.no/fagomrader/barn-og-unge/kultur/film-og-pilot-for-fremtidens-kulturskole/",
    "kulturskoleradet.no/nyheter/2020/september/filmpremiere-og-forpilot",
    "kulturskoleradet.no/nyheter/2020/desember/fremtidens-kulturskole-temamote-opptak",
    "shows.acast.com/5c88bf0cbb9347915e1852ec/episodes/63d2b4d3354f460011e96a85",
    "kulturskoleradet.no/nyheter/2023/april/nasjonalt-dialogseminar-regionale-samlinger-utgaar",
    "kulturskoleradet.no/vi-tilbyr/fremtidens-kulturskole/veien-videre",
]


def test_at_least_five_of_the_new_sources_are_cited_in_data():
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "data").rglob("*.yml")))
    cited = [s for s in NEW_SOURCES if s in text]
    assert len(cited) >= 5, cited


def test_no_private_names_and_no_invented_criteria(cat):
    assert [k.tittel for k in cat.kriterier] == ["Vær nysgjerrig"]  # the other five are never guessed
    assert all(c.record.kontakt is None or c.record.kontakt.navn is None for c in cat.cases)


def test_facts_rules_still_hold_on_the_real_data():
    from macros.core import facts
    from macros.core.load import load_dataset
    assert facts.check(load_dataset(ROOT / "data")) == []


def test_a_county_sitemap_lists_the_county_and_its_cases_when_the_site_url_is_known(cat):
    from macros.site.countyfeeds import county_sitemap
    vestland = next(f for f in cat.fylker if f.navn == "Vestland")
    root = ET.fromstring(county_sitemap(cat, vestland, "https://eksempel.no/kultur"))
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs == ["https://eksempel.no/kultur/fylker/vestland/", "https://eksempel.no/kultur/kommuner/hoyanger/",
                    "https://eksempel.no/kultur/kommuner/sunnfjord/", "https://eksempel.no/kultur/kommuner/ullensvang/"]
