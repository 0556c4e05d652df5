"""Issue 21 in real Chromium: the six new fields in the case form (generated from the JSON Schema),
the round trip form -> YAML -> sjekk -> page -> exports with all of them, «Dette mangler» opening the
form filled in with the case, the sortable /bidra/mangler/, and the explorer's new filters."""
from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from macros.core.catalog import validate

from ..conftest import ROOT, build, make_project, read
from .test_form import GOOD, load_text, open_form, result_yaml, submit

pytestmark = pytest.mark.browser


def test_the_six_fields_round_trip_from_the_form_to_the_page_and_the_exports(page, tmp_path):
    open_form(page)
    load_text(page, GOOD)
    for key, label in (("resultater", "Resultater"), ("ressursbruk", "Ressursbruk"),
                       ("forutsetninger", "Forutsetninger")):
        assert page.locator(f"label[for=ks-f-{key}]").inner_text() == label
    page.fill("#ks-f-resultater", "Alle barneskolene har faste besøk; flere søker plass.")
    page.fill("#ks-f-ressursbruk", "En halv stilling i to år.")
    page.fill("#ks-f-forutsetninger", "En rektorgruppe som vil være med.")
    page.click("#ks-f-brukergrupper-legg-til")
    page.check("#ks-f-brukergrupper-0-6-12")
    page.click("#ks-f-brukergrupper-legg-til")
    page.check("#ks-f-brukergrupper-1-seniorer")
    page.click("#ks-f-metoder-legg-til")
    page.locator("#ks-f-metoder-0").select_option("samskaping")
    page.check("#ks-f-belegg-egen-beskrivelse")
    submit(page)
    assert page.locator(".ks-resultat").is_visible(), page.locator(".ks-feiloppsummering").inner_text()
    text = result_yaml(page)
    for line in ("resultater: Alle barneskolene har faste besøk; flere søker plass.", "- 6-12", "- seniorer",
                 "- samskaping", "belegg: egen-beskrivelse"):
        assert line in text, text

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "kommuner" / "stord.yml").write_text(text, encoding="utf-8")
    catalog, problems = validate(data)
    assert [str(p) for p in problems] == []
    r = next(c for c in catalog.cases if c.slug == "stord").record
    assert (r.brukergrupper, r.metoder, r.belegg) == (["6-12", "seniorer"], ["samskaping"], "egen-beskrivelse")

    project = tmp_path / "prosjekt"
    project.mkdir()
    site = build(make_project(project, data))
    html = read(site, "kommuner/stord")
    for shown in ("Alle barneskolene har faste besøk; flere søker plass.", "En halv stilling i to år.",
                  "En rektorgruppe som vil være med.", "6–12 år, Seniorer", "Kommunens egen beskrivelse",
                  'href="../../metoder/samskaping/"'):
        assert shown in html, shown
    assert "Stord" in read(site, "metoder/samskaping")
    stord = next(k for k in json.loads((site / "data" / "kommuner.json").read_text(encoding="utf-8"))["kommuner"]
                 if k["id"] == "stord")
    assert (stord["resultater"], stord["brukergrupper"], stord["metoder"], stord["belegg"]) == (
        "Alle barneskolene har faste besøk; flere søker plass.", ["6-12", "seniorer"], ["samskaping"],
        "egen-beskrivelse")
    row = next(x for x in csv.DictReader(io.StringIO((site / "data" / "kommuner.csv").read_text(encoding="utf-8")))
               if x["id"] == "stord")
    assert (row["ressursbruk"], row["forutsetninger"], row["brukergrupper"]) == (
        "En halv stilling i to år.", "En rektorgruppe som vil være med.", "6-12; seniorer")
    assert 'data-brukergruppe="6-12 seniorer" data-metode="samskaping" data-belegg="egen-beskrivelse"' in read(
        site, "utforsk")


def test_dette_mangler_opens_the_form_filled_with_the_case(page):
    page.goto(page.base + "kommuner/nes/")
    section = page.locator(".ks-mangler")
    assert "Er dere fra Nes kommune?" in section.inner_text()
    section.get_by_role("link", name="Rediger i skjema").click()
    page.locator(".ks-lastet:not([hidden])").wait_for()
    assert page.locator("#ks-f-navn").input_value() == "Nes"
    assert page.locator("#ks-f-utviklingsprosjekt-tittel").input_value() == "KUL – Kultur, Utvikling, Lek"
    assert page.locator("#ks-f-belegg-egen-beskrivelse").is_checked()


def test_bli_den_forste_opens_the_form_with_the_focus_area(page):
    page.goto(page.base + "fokusomrader/samspill-med-helsesektoren/")
    page.get_by_role("link", name="Bli den første").click()
    page.locator("#ks-f-navn").wait_for()
    assert page.locator("#ks-f-fokusomrade-samspill-med-helsesektoren").is_checked()


def test_mangler_sorts_by_county_municipality_and_count_and_says_so(page):
    page.goto(page.base + "bidra/mangler/")
    table = page.locator("[data-ks-sorter]")
    heads = table.locator("thead th")
    assert heads.nth(1).get_attribute("aria-sort") == "ascending"  # county order from the start

    def first_column(n: int) -> list[str]:
        return table.locator(f"tbody tr td:nth-child({n})").all_inner_texts()

    counties = first_column(2)
    page.get_by_role("button", name="Antall").click()
    counts = [int(x) for x in first_column(4)]
    assert counts == sorted(counts, reverse=True)
    assert heads.nth(3).get_attribute("aria-sort") == "descending" and heads.nth(1).get_attribute("aria-sort") is None
    assert table.locator("caption").inner_text() == "Caser som mangler noe, ordnet etter antall (synkende)"
    page.get_by_role("button", name="Kommune").click()
    names = first_column(1)
    assert names == sorted(names, key=lambda s: s.replace("Å", "~").replace("Ø", "}"))
    page.get_by_role("button", name="Fylke").click()
    assert first_column(2) == counties
    # Every row's form link opens that case.
    link = table.locator("tbody tr", has_text="Gjesdal").get_by_role("link", name="Rediger Gjesdal i skjema")
    link.click()
    page.locator(".ks-lastet:not([hidden])").wait_for()
    assert page.locator("#ks-f-navn").input_value() == "Gjesdal"


def test_explorer_filters_on_what_a_page_has(page):
    page.goto(page.base + "utforsk/?har=utviklingsprosjekt")
    page.locator('[data-ks-utforsk-skjema] input[name="har"][value="utviklingsprosjekt"]:checked').wait_for()
    status = page.locator("[data-ks-utforsk-status]")
    assert status.inner_text().startswith("5 ")
    page.check('input[name="status"][value="fullfort"]')
    assert status.inner_text().startswith("2 ")  # Målselv and Sunnfjord: a project and named as completed
    assert "status=fullfort" in page.url


def test_a_county_page_with_its_feed_links_logs_nothing_in_the_console(page):
    """Material fetches sitemap.xml next to every <link rel="alternate">: the county folder has one."""
    messages, failed = [], []
    page.on("console", lambda m: messages.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(page.base + "fylker/vestland/", wait_until="networkidle")
    assert (messages, failed) == ([], [])
