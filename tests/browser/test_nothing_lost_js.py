"""Nothing lost with JavaScript (issue 13.2): the explorer's script shows every case of a generated
dataset, and each county filter shows exactly that county's cases (docs/assets/utforsk.js reads
the values from the list items; tests/test_nothing_lost.py checks the list and values without it)."""
from __future__ import annotations

import functools
import http.server
import threading

import pytest

from ..test_nothing_lost import MARKER, fylke_of
from .conftest import QuietHandler


@pytest.fixture(scope="module")
def explorer(browser, generated_site):
    cat, site = generated_site
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = ctx.new_page()
    page.goto(f"http://127.0.0.1:{server.server_address[1]}/utforsk/")
    page.locator("[data-ks-utforsk-skjema]:not([hidden])").wait_for()  # the script has taken over
    yield cat, page
    ctx.close()
    server.shutdown()


def shown(page) -> list[str]:
    return sorted(page.locator(".ks-utforsk__resultat li:visible > a").all_inner_texts())


def test_script_shows_every_case_and_filters_each_county_to_its_own(explorer):
    cat, page = explorer
    assert shown(page) == sorted(cat.case_title(c) for c in cat.cases)  # «Navn – Program» when there are several
    assert page.locator("[data-ks-utforsk-status]").inner_text() == f"Alle {len(cat.cases)} casene vises."
    assert MARKER.lower() not in page.content().lower()
    for fylke in sorted({fylke_of(cat, c).navn for c in cat.cases}):
        box = page.get_by_role("group", name="Fylke").get_by_role("checkbox", name=fylke)
        box.check()
        assert shown(page) == sorted(cat.case_title(c) for c in cat.cases if fylke_of(cat, c).navn == fylke), fylke
        box.uncheck()
    assert len(shown(page)) == len(cat.cases)
