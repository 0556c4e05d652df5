"""The explorer /utforsk/ in Chromium: filters, counts, URL state, back/forward, keyboard, no-JS list.

Runs on the search fixture site (tests/fixtures/sok/data: 20 fictional cases over 15 counties with
focus areas, criteria, partner types and every status, plus an example that must never show),
served under a sub-path (/understi/).
"""
from __future__ import annotations

import shutil
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from macros.core.catalog import validate

from ..conftest import ROOT
from ..fixtures.sok.bygg import fixture_data, sok_url
from .conftest import describe, foreign_requests, run_axe


@pytest.fixture(scope="module")
def sok_base(tmp_path_factory) -> str:
    return sok_url(tmp_path_factory)


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    data = fixture_data(tmp_path_factory.mktemp("utforskdata") / "data")
    cat, problems = validate(data)
    assert not problems, problems
    yield cat
    shutil.rmtree(data, ignore_errors=True)


def shown_names(page) -> list[str]:
    return sorted(page.locator(".ks-utforsk__resultat li:visible > a").all_inner_texts())


def status(page):
    return page.locator("[data-ks-utforsk-status]")


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def checkbox(page, legend: str, label: str):
    group = page.get_by_role("group", name=legend)
    return group.get_by_role("checkbox", name=label)


def count_of(page, legend: str, label: str) -> str:
    box = checkbox(page, legend, label)
    return page.locator(f'label[for="{box.get_attribute("id")}"] [data-ks-antall]').inner_text()


def test_without_javascript_the_page_lists_every_case_grouped_by_county(browser, sok_base, catalog):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(sok_base + "utforsk/")
    links = page.locator(".ks-utforsk__resultat li > a")
    names = sorted(links.all_inner_texts())
    assert names == sorted(c.record.navn for c in catalog.cases)
    assert len(names) == 20
    assert "Eksempelkommune" not in page.locator("article").inner_text()
    # Grouped by county: one heading per county that has cases, with the count.
    headings = page.locator(".ks-utforsk__fylke h3").all_inner_texts()
    assert "Vestland (2)" in headings and "Agder (2)" in headings and len(headings) == 15
    # The filter form needs the script; without it the reader gets the plain list.
    form = page.locator("[data-ks-utforsk-skjema]")
    expect(form).to_have_count(1)
    expect(form).to_be_hidden()
    assert status(page).inner_text() == "20 caser."
    # Every link leads to the case page.
    href = page.get_by_role("link", name="Tromsø", exact=True).get_attribute("href")
    page.goto(sok_base + "utforsk/" + href)
    assert page.locator("h1").inner_text() == "Tromsø"
    ctx.close()


def test_filters_change_the_list_the_counts_and_the_url(page, sok_base):
    page.goto(sok_base + "utforsk/")
    expect(status(page)).to_have_text("Alle 20 casene vises.")
    assert count_of(page, "Status", "Fullført") == "(5)"

    checkbox(page, "Fylke", "Vestland").check()
    expect(status(page)).to_have_text("2 av 20 caser passer valgene.")
    assert shown_names(page) == ["Bergen", "Voss"]
    assert query(page) == {"fylke": ["vestland"]}
    # Counts in the other facets follow the chosen county; the county facet keeps its own counts.
    assert count_of(page, "Status", "Fullført") == "(1)"
    assert count_of(page, "Status", "Ikke kjent etter programslutt") == "(1)"  # the pilot has ended (core/status.py)
    assert count_of(page, "Fylke", "Agder") == "(2)"
    assert page.locator(".ks-utforsk__fylke:visible h3").all_inner_texts() == ["Vestland (2)"]

    # Within a facet: either value (OR).
    checkbox(page, "Fylke", "Agder").check()
    expect(status(page)).to_have_text("4 av 20 caser passer valgene.")
    assert shown_names(page) == ["Arendal", "Bergen", "Kristiansand", "Voss"]

    # Across facets: both must hold (AND).
    checkbox(page, "Status", "Fullført").check()
    expect(status(page)).to_have_text("2 av 20 caser passer valgene.")
    assert shown_names(page) == ["Kristiansand", "Voss"]
    assert query(page) == {"fylke": ["agder", "vestland"], "status": ["fullfort"]}

    checkbox(page, "Partnertype", "Næringsliv").check()
    expect(status(page)).to_have_text("Ingen av de 20 casene passer valgene.")
    expect(page.get_by_text("Ingen caser passer valgene.")).to_be_visible()
    assert shown_names(page) == []

    page.get_by_role("button", name="Fjern alle filtre").click()
    expect(status(page)).to_have_text("Alle 20 casene vises.")
    assert len(shown_names(page)) == 20
    assert query(page) == {}
    assert foreign_requests(page, sok_base) == []


def test_free_text_finds_inflected_words_within_the_results(page, sok_base):
    page.goto(sok_base + "utforsk/")
    page.get_by_role("searchbox", name="Søk i listen").fill("barnehagen")
    expect(status(page)).to_have_text("2 av 20 caser passer valgene.")
    assert shown_names(page) == ["Arendal", "Vefsn"]  # «korps i barnehagen», «Barnehagene i testkommunen»
    assert query(page) == {"sok": ["barnehagen"]}
    # Text and facets together.
    checkbox(page, "Fylke", "Agder").check()
    expect(status(page)).to_have_text("1 av 20 caser passer valgene.")
    assert shown_names(page) == ["Arendal"]
    page.get_by_role("searchbox", name="Søk i listen").fill("festivalene")
    expect(status(page)).to_have_text("Ingen av de 20 casene passer valgene.")
    checkbox(page, "Fylke", "Agder").uncheck()
    expect(status(page)).to_have_text("2 av 20 caser passer valgene.")
    assert shown_names(page) == ["Lillehammer", "Molde"]
    # The words of a case's facet values count too: its county, criteria and partner types.
    page.get_by_role("searchbox", name="Søk i listen").fill("Vestland")
    expect(status(page)).to_have_text("2 av 20 caser passer valgene.")
    assert shown_names(page) == ["Bergen", "Voss"]
    page.get_by_role("searchbox", name="Søk i listen").fill("nysgjerrig")
    expect(status(page)).to_have_text("7 av 20 caser passer valgene.")


def test_url_state_is_restored_and_back_forward_work(page, sok_base):
    page.goto(sok_base + "utforsk/?fokus=samspill-med-helsesektoren&partner=forskning&ukjent=x&status=tull")
    expect(status(page)).to_have_text("3 av 20 caser passer valgene.")
    assert shown_names(page) == ["Bergen", "Bærum", "Tromsø"]
    expect(checkbox(page, "Fokusområde", "Kulturskolen i samspill med helsesektoren")).to_be_checked()
    expect(checkbox(page, "Partnertype", "Forskning")).to_be_checked()

    checkbox(page, "Status", "Fullført").check()
    expect(status(page)).to_have_text("1 av 20 caser passer valgene.")
    assert shown_names(page) == ["Tromsø"]

    page.go_back()
    expect(status(page)).to_have_text("3 av 20 caser passer valgene.")
    expect(checkbox(page, "Status", "Fullført")).not_to_be_checked()
    assert shown_names(page) == ["Bergen", "Bærum", "Tromsø"]

    page.go_forward()
    expect(status(page)).to_have_text("1 av 20 caser passer valgene.")
    expect(checkbox(page, "Status", "Fullført")).to_be_checked()
    assert query(page)["status"] == ["fullfort"]


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching selector has focus (or fail)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => document.activeElement.matches(sel)", selector):
            return
    pytest.fail(f"{selector} ble aldri nådd med Tab")


def test_keyboard_only_operation_of_the_filters(page, sok_base):
    page.goto(sok_base + "utforsk/")
    tab_to(page, 'input[type="search"][name="sok"]')  # the free-text field comes first
    page.keyboard.type("dans")
    expect(status(page)).to_have_text("1 av 20 caser passer valgene.")
    assert shown_names(page) == ["Ålesund"]
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    expect(status(page)).to_have_text("Alle 20 casene vises.")

    tab_to(page, "#utforsk-fylke-troms")
    page.keyboard.press("Space")
    expect(status(page)).to_have_text("1 av 20 caser passer valgene.")
    assert shown_names(page) == ["Tromsø"]
    page.keyboard.press("Tab")  # the next county, Finnmark
    page.keyboard.press("Space")
    expect(status(page)).to_have_text("2 av 20 caser passer valgene.")
    assert shown_names(page) == ["Alta", "Tromsø"]
    assert query(page) == {"fylke": ["troms", "finnmark"]}

    tab_to(page, "[data-ks-utforsk-nullstill]")
    page.keyboard.press("Enter")
    expect(status(page)).to_have_text("Alle 20 casene vises.")
    assert query(page) == {}


def test_live_region_announces_the_result_count(page, sok_base):
    page.goto(sok_base + "utforsk/")
    region = page.get_by_role("status")
    expect(region).to_have_count(1)  # the search dialog's own region is inside a closed dialog
    checkbox(page, "Suksesskriterium", "Vær nysgjerrig").check()
    expect(region).to_have_text("7 av 20 caser passer valgene.")


def test_explorer_with_filters_applied_has_no_axe_violations(page, sok_base, context):
    page.goto(sok_base + "utforsk/?fylke=innlandet&fylke=trondelag")
    expect(status(page)).to_have_text("4 av 20 caser passer valgene.")
    checkbox(page, "Status", "Ikke lenger med").check()
    expect(status(page)).to_have_text("2 av 20 caser passer valgene.")
    violations = run_axe(page)
    assert violations == [], describe(violations)
    assert foreign_requests(page, sok_base) == []
    assert context.cookies() == []


def test_real_site_explorer_lists_every_published_case(page, base_url):
    cat, problems = validate(ROOT / "data")
    assert not problems
    page.goto(base_url + "utforsk/")
    expect(status(page)).to_have_text(f"Alle {len(cat.cases)} casene vises.")
    assert shown_names(page) == sorted(c.record.navn for c in cat.cases)
    assert "Eksempelkommune" not in page.locator("article").inner_text()
