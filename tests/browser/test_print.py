"""Print stylesheet in real Chromium: a case page and the workshop guide print as clean documents.

Uses the fixture dataset (its Sunnfjord case has an external source link), built and served here.
"""
from __future__ import annotations

import functools
import http.server
import threading

import pytest

from ..conftest import FIXTURE_DATA, build, make_project
from .conftest import QuietHandler

pytestmark = pytest.mark.browser

CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
          ".md-content__button", ".md-top"]

AFTER = "(el) => getComputedStyle(el, '::after').content"


@pytest.fixture(scope="module")
def print_base(tmp_path_factory):
    site = build(make_project(tmp_path_factory.mktemp("utskrift"), FIXTURE_DATA))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture
def printed(browser, print_base):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    pg = ctx.new_page()
    pg.base = print_base
    yield pg
    ctx.close()


def hidden_chrome(page) -> dict[str, bool]:
    """selector -> every matching element is hidden (False when one is visible). A selector the page
    lacks (.md-tabs: the navigation.tabs feature is off) gets a stand-in element first, so the check
    never passes on nothing."""
    out = {}
    for selector in CHROME:
        loc = page.locator(selector)
        if loc.count() == 0:
            page.evaluate("""(cls) => { const el = document.createElement('nav'); el.className = cls;
                             el.textContent = 'Stand-in'; document.body.prepend(el); }""", selector[1:])
        out[selector] = loc.count() > 0 and all(not loc.nth(i).is_visible() for i in range(loc.count()))
    return out


def test_case_page_prints_without_navigation_and_with_link_addresses(printed):
    printed.goto(printed.base + "kommuner/sunnfjord/")
    # On screen: the header and navigation are there, and no address follows the links.
    assert printed.locator(".md-header").is_visible()
    source = printed.locator("article a", has_text="Testkjelde")
    assert source.get_attribute("href") == "https://example.org/kjelde"
    assert "example.org" not in source.evaluate(AFTER)

    printed.emulate_media(media="print")
    assert hidden_chrome(printed) == {s: True for s in CHROME}
    assert printed.locator("article h1").inner_text() == "Sunnfjord"
    assert printed.locator("article").is_visible()
    assert source.evaluate(AFTER) == '" (https://example.org/kjelde)"'
    # Internal links (relative) get no address: it would mean nothing on paper.
    fylke = printed.locator("article a", has_text="Vestland").first
    assert fylke.get_attribute("href") == "../../fylker/vestland/"
    assert "(" not in fylke.evaluate(AFTER)
    # The article uses the page's full width once the sidebars are gone.
    width = printed.evaluate("() => document.querySelector('article').getBoundingClientRect().width")
    assert width > 1000


def test_our_print_stylesheet_alone_hides_the_chrome(printed):
    """Material's own print rules hide much of this too; without them (a theme upgrade may drop
    them), the site's print.css must do it on its own."""
    printed.goto(printed.base + "kommuner/sunnfjord/")
    # The page links one stylesheet, Material's and ours joined (material_fixes, extra.stilark).
    # Replace it with print.css on its own (it is published beside the bundle).
    printed.evaluate("""() => new Promise((done, fail) => {
        document.querySelectorAll('link[rel=stylesheet]').forEach((l) => l.remove());
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = new URL('../../assets/print.css', location.href).href;
        link.onload = done; link.onerror = fail;
        document.head.append(link);
    })""")
    sheets = printed.evaluate("() => [...document.styleSheets].map((s) => s.href)")
    assert len(sheets) == 1 and sheets[0].endswith("/assets/print.css"), sheets
    printed.emulate_media(media="screen")
    assert printed.locator(".md-header").is_visible()  # unstyled, the chrome shows on screen ...
    printed.emulate_media(media="print")
    assert hidden_chrome(printed) == {s: True for s in CHROME}  # ... and print.css hides it


def test_workshop_guide_prints_with_its_note_sheet_on_a_new_page(printed):
    printed.goto(printed.base + "ressurser/verksted/")
    printed.emulate_media(media="print")
    assert hidden_chrome(printed) == {s: True for s in CHROME}
    sheet = printed.locator("article h2.ks-notatark")
    assert sheet.inner_text() == "Notatark"
    assert sheet.evaluate("(el) => getComputedStyle(el).breakBefore") == "page"
    fields = printed.locator("article .ks-notatfelt")
    assert fields.count() == 4
    heights = [fields.nth(i).bounding_box()["height"] for i in range(4)]
    assert min(heights) > 150  # room to write (4.6 cm at 96 dpi is about 174 px)
    assert printed.locator("article table").first.is_visible()
    # A PDF really comes out of it (Chromium's own print pipeline).
    pdf = printed.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 2
