"""The maps: projection, boundary data, county adjacency, the SVG and what the built pages show."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from macros.site import geo
from macros.site.pages import site_map
from macros.core.register import distance_km

from .conftest import ROOT, read
from .test_site import article

SVG = "{http://www.w3.org/2000/svg}"
MAP_BUDGET = 150_000  # bytes of map (figure with SVG, list and credit) per page


@pytest.fixture(scope="module")
def kart() -> geo.Kart:
    return geo.load_kart()


def fylke_nr(cat, navn: str) -> str:
    return next(f.nummer for f in cat.fylker if f.navn == navn)


def neighbours(cat, navn: str) -> set[str]:
    return {cat.reg.fylker[n].navn for n in geo.nabofylker(fylke_nr(cat, navn), cat)}


def parse_svg(markup: str) -> ET.Element:
    svg = re.search(r"<svg\b.*?</svg>", str(markup), re.S).group(0)
    return ET.fromstring(svg)  # raises when the SVG is not well-formed XML


# --- Projection ------------------------------------------------------------------------------


def test_utm33_matches_known_values():
    east, north = geo.utm33(15.0, 0.0)
    assert (round(east, 3), round(north, 3)) == (500000.0, 0.0)
    # On the central meridian the northing is k0 × the GRS80 meridian arc (6 654 072.819 m at 60°).
    assert geo.utm33(15.0, 60.0)[1] == pytest.approx(0.9996 * 6654072.819, abs=0.01)
    west, east_ = geo.utm33(10.0, 63.0), geo.utm33(20.0, 63.0)
    assert west[0] - 500000 == pytest.approx(-(east_[0] - 500000), abs=1e-6)
    assert west[1] == pytest.approx(east_[1], abs=1e-6)


def test_projection_keeps_distances_and_aspect(cat, kart):
    """Distances on the map agree with distances on the globe, both north–south and east–west."""
    def km_on_map(a, b):
        (x1, y1), (x2, y2) = kart.project(*a), kart.project(*b)
        return ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 * kart.kvant / 1000

    pairs = [((5.3, 60.4), (10.75, 59.9)), ((8.0, 58.15), (30.05, 69.7)), ((18.95, 69.65), (25.8, 70.1)),
             ((10.4, 63.4), (10.4, 59.0))]
    for a, b in pairs:
        assert km_on_map(a, b) == pytest.approx(distance_km(a, b), rel=0.01)
    x0, y0, x1, y1 = geo.bbox([r for f in kart.fylker["grov"] for r in kart.fylke(f, "grov")])
    # Norway is taller than wide in a conformal projection (about 1510 km by 1190 km); plain
    # longitude/latitude would make it twice as wide as tall.
    assert 1.1 < (y1 - y0) / (x1 - x0) < 1.45


# --- Boundary data and adjacency ------------------------------------------------------------------


def test_every_municipality_and_county_has_a_shape(cat, kart):
    for level in ("grov", "fin"):
        assert set(kart.kommuner[level]) == set(cat.reg.kommuner)
        assert set(kart.fylker[level]) == set(cat.reg.fylker)
        for nr in cat.reg.kommuner:
            assert max(geo.ring_area(r) for r in kart.kommune(nr, level)) > 0, (nr, level)


def test_the_map_data_names_its_source_and_licence():
    head = (ROOT / "data" / "kart" / "norge.json").read_text(encoding="utf-8")[:600]
    assert "Kartverket (CC BY 4.0)" in head and "scripts/build_geo.py" in head
    assert (ROOT / "data" / "kart" / "norge.json").stat().st_size < 400_000


def test_county_outlines_enclose_their_municipalities(cat, kart):
    """Dissolving the municipalities gives the county: same area, to within rounding."""
    for nr in ("46", "03", "56"):
        county = sum(geo.ring_area(r) for r in kart.fylke(nr, "fin"))
        parts = sum(geo.ring_area(r) for k in cat.reg.kommuner.values() if k.fylke == nr
                    for r in kart.kommune(k.nummer, "fin"))
        assert county == pytest.approx(parts, rel=0.01), nr


def test_known_county_neighbours(cat):
    assert neighbours(cat, "Vestland") == {"Rogaland", "Møre og Romsdal", "Innlandet", "Buskerud", "Telemark"}
    # Oslo borders Akershus and, in Nordmarka, Ringerike in Buskerud.
    assert neighbours(cat, "Oslo") == {"Akershus", "Buskerud"}
    assert neighbours(cat, "Finnmark") == {"Troms"}
    assert neighbours(cat, "Østfold") == {"Akershus"}
    assert "Østfold" not in neighbours(cat, "Vestfold")  # across the Oslofjord: no shared border
    assert "Nordland" in neighbours(cat, "Trøndelag") and "Troms" in neighbours(cat, "Nordland")


def test_adjacency_is_symmetric_and_complete(cat):
    for f in cat.fylker:
        naboer = geo.nabofylker(f.nummer, cat)
        assert naboer, f.navn
        for n in naboer:
            assert f.nummer in geo.nabofylker(n, cat)


# --- SVG --------------------------------------------------------------------------------------------


def test_national_svg_is_well_formed_with_one_named_link_per_case(cat, kart):
    from macros.site.pages import CaseView
    views = [CaseView(c, cat) for c in cat.cases]
    svg = parse_svg(geo.norway_svg(kart, geo.lenker_for(views, ""), "t"))
    links = svg.findall(f".//{SVG}a")
    assert len(links) == len(cat.cases) == 16
    for a, view in zip(links, views):
        assert a.get("href") == f"kommuner/{view.case.slug}/"
        assert a.get("aria-label") == f"{view.navn} ({view.fylke_navn})"
        assert a.find(f"{SVG}title").text == a.get("aria-label")
        assert a.find(f"{SVG}path").get("d").startswith("M")
    assert svg.get("aria-labelledby") == "t"
    width, height = map(int, svg.get("viewBox").split()[2:])
    assert 1.1 < height / width < 1.45


def test_names_and_links_are_escaped(kart):
    lenke = geo.Lenke("1804", 'Bodø <script>"x"</script> & co', 'kommuner/a"b/', (14.4, 67.3))
    markup = str(geo.norway_svg(kart, [lenke], "t"))
    assert "<script>" not in markup
    a = parse_svg(markup).find(f".//{SVG}a")
    assert a.get("aria-label") == 'Bodø <script>"x"</script> & co' and a.get("href") == 'kommuner/a"b/'


def test_example_is_never_on_a_map(fixture_cat):
    assert fixture_cat.examples, "the fixture has an example"
    markup = str(site_map(fixture_cat, ""))
    assert "Eksempelkommune" not in markup and "eksempel" not in markup
    links = parse_svg(markup).findall(f".//{SVG}a")
    # One link per municipality: Bodø's two cases share one, named with both programmes, to its first case.
    assert sorted((a.get("aria-label"), a.get("href")) for a in links) == [
        ("Alta (Finnmark)", "kommuner/alta/"),
        ("Bodø (Nordland): Piloten, Regionale utviklingsprogram", "kommuner/bodo/"),
        ("Sunnfjord (Vestland)", "kommuner/sunnfjord/")]
    # The list beside the map names every case, with its programme.
    assert "Bodø – Regionale utviklingsprogram</a> <span class=\"ks-meta\">Nordland · Regionale utviklingsprogram" in markup
    assert "Casene på kartet (4 caser i 3 kommuner)" in markup


def test_county_map_highlights_its_cases(cat, kart):
    from macros.site.pages import CaseView
    nr = fylke_nr(cat, "Vestland")
    kommuner = [k.nummer for k in cat.reg.kommuner.values() if k.fylke == nr]
    views = [CaseView(c, cat) for c in cat.cases_in_fylke(nr)]
    markup = geo.county_figure(cat.reg.fylker[nr], kommuner, views, geo.nabofylker(nr, cat), "fylker/vestland/",
                               cat=cat)
    svg = parse_svg(markup)
    assert [a.get("aria-label") for a in svg.findall(f".//{SVG}a")] == [
        "Høyanger (Vestland)", "Sunnfjord (Vestland)", "Ullensvang (Vestland)"]
    assert svg.find(f".//{SVG}a").get("href") == "../../kommuner/hoyanger/"
    # Every other municipality in the county is drawn (one closed subpath or more each).
    others = svg.find(f"{SVG}path[@class='ks-kart-kommune']").get("d")
    assert others.count("M") >= len(kommuner) - 3
    assert len(str(markup).encode()) < MAP_BUDGET


def test_map_colours_meet_non_text_contrast():
    """Highlighted areas against land, neighbouring counties and the page, in both schemes (≥ 3:1)."""
    css = (ROOT / "docs" / "assets" / "kart.css").read_text(encoding="utf-8")

    def block(selector: str) -> dict[str, str]:
        body = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css).group(1)
        return dict(re.findall(r"--ks-kart-([a-z-]+):\s*(#[0-9a-f]{6})", body))

    def luminance(hex_: str) -> float:
        rgb = [int(hex_[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    def contrast(a: str, b: str) -> float:
        la, lb = sorted((luminance(a), luminance(b)), reverse=True)
        return (la + 0.05) / (lb + 0.05)

    # Page backgrounds: white, and Material's slate (hsl(225deg 15% 14%)).
    for colours, page in ((block(".ks-kart"), "#ffffff"), (block('[data-md-color-scheme="slate"] .ks-kart'), "#1e2129")):
        for background in (colours["land"], colours["nabo"], page):
            assert contrast(colours["deltaker"], background) >= 3, (colours["deltaker"], background)
        assert contrast(colours["grense"], colours["land"]) >= 3
        # A focused link gets a ring that stands out from the land and the page, and a fill that
        # stands out from a neighbouring participant.
        assert contrast(colours["fokus"], colours["land"]) >= 3 and contrast(colours["fokus"], page) >= 3
        assert contrast(colours["fokus-fyll"], colours["deltaker"]) >= 3


# --- The built site ------------------------------------------------------------------------------


def figure(html: str) -> str:
    found = re.findall(r'<figure class="ks-kart[^"]*".*?</figure>', html, re.S)
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("url", ["", "fylker"])
def test_home_and_county_index_show_the_map_list_and_credit(real_site, url):
    html = read(real_site, url)
    fig = figure(html)
    assert len(fig.encode()) < MAP_BUDGET
    links = parse_svg(fig).findall(f".//{SVG}a")
    assert len(links) == 16
    names = {a.get("aria-label").split(" (")[0] for a in links}
    list_part = fig.split("</svg>")[1]
    listed = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', list_part)
    assert sorted(listed) == sorted(names) and len(listed) == 16
    text = article(real_site, url).text
    assert "Kommunene på kartet (16)" in text
    assert "Kartgrunnlag: Kartverket (CC BY 4.0)." in text
    assert "Eksempelkommune" not in fig
    for a in links:
        target = (real_site / url / a.get("href")).resolve() / "index.html"
        assert target.exists(), a.get("href")


def test_every_county_page_has_its_map_under_budget(real_site, cat):
    for f in cat.fylker:
        url = f"fylker/{cat.fylke_slug(f)}"
        fig = figure(read(real_site, url))
        assert len(fig.encode()) < MAP_BUDGET, url
        svg = parse_svg(fig)
        assert len(svg.findall(f".//{SVG}a")) == len(cat.cases_in_fylke(f.nummer)), url
        assert "Kartverket (CC BY 4.0)" in article(real_site, url).text


def neighbour_section(site, url: str) -> str:
    text = article(site, url).text.replace(" .", ".")  # the parser joins text nodes with spaces
    return text.split("Kommuner med caser i nabofylkene")[1].split("Samlinger og arenaer")[0]


def test_county_pages_list_cases_in_neighbouring_counties(real_site):
    assert neighbour_section(real_site, "fylker/finnmark").strip() == (
        "Finnmark grenser til Troms. Målselv Troms · Piloten · Fullført")
    section = neighbour_section(real_site, "fylker/oslo")
    assert section.startswith(" Oslo grenser til Akershus og Buskerud. ")
    assert [n for n in ("Asker", "Lillestrøm", "Nes", "Ås") if n in section] == ["Asker", "Lillestrøm", "Nes", "Ås"]
    section = neighbour_section(real_site, "fylker/vestland")
    for name in ("Gjesdal", "Stranda", "Tynset", "Porsgrunn"):
        assert name in section
    assert "Sunnfjord" not in section  # in Vestland itself
    assert "Verkstedguiden" in article(real_site, "fylker/vestland").text


def test_case_page_shows_related_cases_with_reasons(real_site):
    text = article(real_site, "kommuner/sunnfjord").text  # nynorsk
    related = text.split("Andre kommunar å lære av")[1]
    assert "Nes Akershus · Same fokusområde" in related
    assert "Høyanger Vestland · Same fylke: Vestland · 36 km unna" in related
    assert "Stranda Møre og Romsdal · Nabofylke: Møre og Romsdal · 84 km unna" in related
    assert "Eksempelkommune" not in related


def test_the_map_comes_from_the_data_folder_under_test(tmp_path, cat):
    """A data folder's own data/kart decides neighbours and drawing, never the repository's."""
    import json

    from macros.core.catalog import validate
    from macros.site.pages import fylke_pages

    from .conftest import copy_fixture_data

    data = copy_fixture_data(tmp_path)
    path = data / "kart" / "norge.json"
    kart = json.loads(path.read_text(encoding="utf-8"))
    vestland, rogaland = fylke_nr(cat, "Vestland"), fylke_nr(cat, "Rogaland")
    assert rogaland in kart["naboer"][vestland]
    kart["naboer"][vestland].remove(rogaland)
    kart["naboer"][rogaland].remove(vestland)
    path.write_text(json.dumps(kart), encoding="utf-8")
    own, problems = validate(data)
    assert problems == []
    assert rogaland not in geo.nabofylker(vestland, own) and rogaland in geo.nabofylker(vestland, cat)
    page = next(p.content for p in fylke_pages(own) if p.src_uri == "fylker/vestland.md")
    naboer = page.split("## Kommuner med caser i nabofylkene")[1].split("\n## ")[0]
    assert "Møre og Romsdal" in naboer and "Rogaland" not in naboer
    path.unlink()
    with pytest.raises(FileNotFoundError, match="Fant ikke kartdataene .*kart/norge.json; de lages av "
                                                "scripts/build_geo.py"):
        geo.kart_for(validate(data)[0])
