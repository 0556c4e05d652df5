"""Browser layer: the real site built once, served on 127.0.0.1 (free port), driven by Playwright
in Debian's Chromium. Every page records the requests it makes, so tests can assert that nothing
leaves the test server.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ..conftest import ROOT, build, make_project

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = ROOT / "tests" / "skjermbilder"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once for all browser tests (with its search index)."""
    return build(make_project(tmp_path_factory.mktemp("nettleser")))


@pytest.fixture(scope="session")
def base_url(built_site) -> str:
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Fant ikke Chromium på {CHROMIUM}. «make test» installerer Debian-pakken chromium; "
                    "kjør testene via make, eller sett CHROMIUM=/sti/til/chromium.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, base_url):
    """A page that remembers every request it made (page.requested) for the privacy checks."""
    pg = context.new_page()
    pg.requested = []
    pg.on("request", lambda req: pg.requested.append(req.url))
    pg.base = base_url
    yield pg


def foreign_requests(page, base_url: str) -> list[str]:
    """Requests to any host but the test server (data: and blob: URLs never leave the browser)."""
    own = urlparse(base_url).netloc
    return [u for u in page.requested if urlparse(u).scheme in ("http", "https", "ws", "wss")
            and urlparse(u).netloc != own]


def run_axe(page) -> list[dict]:
    """axe-core violations for the WCAG 2.0/2.1 A and AA tags, in the page as it is now."""
    if not AXE.exists():
        pytest.fail(f"Fant ikke {AXE}. «make test» installerer axe-core fra npm (npm ci).")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, ensure_ascii=False, indent=1)
