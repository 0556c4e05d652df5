"""«Hvor står vi?» puts what was chosen first (issue 18.4), in Chromium on the real site.

- a focus area no case has yet: said plainly, with the nearest useful material, and full cases
  before empty ones; every reason names what matched;
- «Vis resultatet» after the inputs moves focus to the results (at 390 px);
- the printed plan has its date, the address with the choices and the address of each link, and no
  forced page break that could leave a page nearly empty;
- the home page's main «Kom i gang» opens «Hvor står vi?».
"""
from __future__ import annotations

import pytest

from .test_form import MOBILE
from .test_selfassess import READY, RESULTS, open_page

pytestmark = pytest.mark.browser


def test_a_focus_area_without_cases_is_said_plainly_with_the_nearest_material(page, base_url):
    open_page(page, base_url, {"kommune": "4614", "fokus": ["mangfold-og-inkludering"]})
    none = page.locator("[data-ks-hvor-ingen-fokus]")
    assert none.is_visible()
    assert none.inner_text().startswith(
        "Ingen kommune har delt en case med fokusområdet «Kulturskolen som arena for mangfold og inkludering» ennå.")
    ranking = page.evaluate(RESULTS)
    names = [r[0] for r in ranking]
    assert names.index("Porsgrunn") < names.index("Ullensvang")  # a full case before an empty one
    assert all(":" in reason or reason.endswith("km unna") for r in ranking for reason in r[2])
    assert "Ingen ressurser er knyttet til fokusområdet" in page.locator("[data-ks-hvor-ressurser-tekst]").inner_text()
    # With the focus area that has cases, the notice is gone and those cases lead.
    open_page(page, base_url, {"kommune": "4614", "fokus": ["helhetlig-oppvekst"]})
    assert page.locator("[data-ks-hvor-ingen-fokus]").is_hidden()
    first = page.evaluate(RESULTS)[0]
    assert first[2][0] == "Samme fokusområde: Kulturskolens plass i et helhetlig oppvekstilbud"
    resources = page.locator("[data-ks-hvor-ressurser] > li:visible").all_inner_texts()
    assert any(t.startswith("Frode Laks") for t in resources)
    open_page(page, base_url, {"kommune": "4614", "fokus": ["samspill-med-helsesektoren"]})
    assert not any(t.startswith("Frode Laks")
                   for t in page.locator("[data-ks-hvor-ressurser] > li:visible").all_inner_texts())


def test_show_results_moves_focus_to_the_results_on_a_phone(browser, base_url):
    ctx = browser.new_context(locale="nb-NO", **MOBILE)
    try:
        page = ctx.new_page()
        page.goto(base_url + "hvor-star-vi/?kommune=4614&fokus=helhetlig-oppvekst")
        page.wait_for_function(READY)
        button = page.get_by_role("button", name="Vis resultatet")
        # After the last input (the answers to the four questions), before the results.
        last_input = page.locator("[data-ks-hvor-skjema] textarea").last
        assert last_input.evaluate("(t, b) => !!(t.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)",
                                   button.element_handle())
        assert page.locator("#hvor-caser").evaluate("h => h.getBoundingClientRect().top + scrollY") > 2 * 844
        page.evaluate("window.scrollTo(0, 0)")
        button.scroll_into_view_if_needed()
        button.tap()
        assert page.evaluate("document.activeElement.id") == "hvor-caser"
        assert 0 <= page.locator("#hvor-caser").evaluate("h => h.getBoundingClientRect().top") < 200
    finally:
        ctx.close()


def test_the_printed_plan_has_date_address_and_link_addresses(page, base_url):
    open_page(page, base_url, {"kommune": "4614", "fokus": ["helhetlig-oppvekst"]})
    page.emulate_media(media="print")
    printed = page.locator("[data-ks-hvor-utskrift]")
    assert printed.is_visible()
    text = printed.inner_text()
    assert "skrevet ut" in text and base_url + "hvor-star-vi/?kommune=4614&fokus=helhetlig-oppvekst" in text
    guide = page.locator(".ks-hvor__plan a", has_text="verkstedguiden").first
    after = guide.evaluate("a => getComputedStyle(a, '::after').content")
    assert after == f'" ({base_url}ressurser/verksted/)"'
    breaks = page.evaluate("() => [...document.querySelectorAll('.ks-hvor__del')].map(s => getComputedStyle(s).breakBefore)")
    assert "page" not in breaks
    pdf = page.pdf(format="A4")
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 1 <= pages <= 4


def test_home_page_get_started_opens_the_self_assessment(page, base_url):
    page.goto(base_url)
    link = page.locator(".ks-start a", has_text="Kom i gang i egen kommune")
    assert link.get_attribute("href") == "hvor-star-vi/"
    link.click()
    page.wait_for_function(READY)
    assert page.locator("h1").inner_text() == "Hvor står vi?"
