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
from urllib.parse import unquote, urlparse

import pytest

from ..conftest import ROOT, build, make_project

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices (issue 12).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SCREENSHOTS = ROOT / "tests" / "skjermbilder"


def pytest_itemcollected(item):
    """Every test in tests/browser needs Chromium and the built site: marked `browser` here, so no file
    can forget it (`pytest -m "not browser"` then really leaves the browser out)."""
    if Path(__file__).parent in Path(str(item.path)).parents:
        item.add_marker(pytest.mark.browser)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        """A missing page gets the site's own 404.html, as on the real web server."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


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


def inject_axe(page) -> None:
    """Puts axe-core into the page. Through the DevTools protocol, not a <script> element: the
    site's content security policy blocks inline scripts, and rightly so."""
    if not AXE.exists():
        pytest.fail(f"Fant ikke {AXE}. «make test» installerer axe-core fra npm (npm ci).")
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")


def run_axe(page) -> list[dict]:
    """axe-core violations for WCAG 2.0/2.1/2.2 A and AA and best practices, in the page as it is now."""
    inject_axe(page)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


# Content security policy (issue 13): an init script (run by the browser before any of the page's
# own, and not itself subject to the policy) records every violation the page reports.
CSP_RECORDER = """(() => {
  const seen = [];
  Object.defineProperty(window, '__kulturskoleCsp', {value: seen});
  document.addEventListener('securitypolicyviolation', (e) => seen.push(
    `${e.effectiveDirective} blokkerte ${e.blockedURI || '?'} (${e.sourceFile || ''}:${e.lineNumber || ''}) ${e.sample || ''}`.trim()));
})();"""
CSP_REPORT = """() => ({
  violations: window.__kulturskoleCsp ? [...window.__kulturskoleCsp] : null,
  policy: (document.querySelector('meta[http-equiv="Content-Security-Policy"]') || {}).content || null,
})"""


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, ensure_ascii=False, indent=1)


# --- Accessibility results (tests/browser/test_a11y.py, test_keyboard.py) ----------------------

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
RESULTS = ROOT / "tests" / "resultater" / "tilgjengelighet.json"


@pytest.fixture(scope="session")
def vnu_errors(built_site) -> dict[str, list[str]]:
    """Nu Html Checker errors for every HTML file of the built site, keyed by its path in the site
    ("kommuner/bodo/index.html"). One run of the checker for all files: Java starts once."""
    import subprocess

    if not VNU.exists():
        pytest.fail(f"Fant ikke {VNU}. «make test» installerer vnu-jar fra npm (npm ci).")
    proc = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", "--exit-zero-always",
                           str(built_site)], capture_output=True, text=True, check=False)
    try:
        messages = json.loads(proc.stderr)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"Nu Html Checker svarte ikke med JSON (kjører Java?):\n{proc.stderr[:2000]}")
    errors: dict[str, list[str]] = {str(p.relative_to(built_site)): [] for p in built_site.rglob("*.html")}
    for m in messages:
        if m.get("type") in ("error", "non-document-error"):
            key = str(Path(unquote(urlparse(m["url"]).path)).relative_to(built_site)) if m.get("url") else "?"
            errors.setdefault(key, []).append(f"linje {m.get('lastLine', '?')}: {m['message']}")
    return errors


@pytest.fixture(scope="session")
def vnu_version() -> str:
    import subprocess

    proc = subprocess.run(["java", "-jar", str(VNU), "--version"], capture_output=True, text=True, check=False)
    return proc.stdout.strip() or "ukjent"


class A11yReport:
    """What the accessibility tests found, page by page, written to tests/resultater/ after the run.

    Each test records its count (violations, errors, foreign requests ...) before it asserts, so the
    file says exactly what the tests saw. scripts/update_a11y_results.py copies it to data/ for the
    accessibility statement, and only from a complete run in which every test passed."""

    def __init__(self):
        self.pages: dict[str, dict] = {}
        self.keyboard: dict[str, int] = {}
        self.tools: dict[str, str] = {}
        self.expected: dict[str, list[str]] = {"sider": [], "kontroller": [], "tastatur": []}

    def expect(self, part: str, names) -> None:
        self.expected[part] = sorted(set(self.expected[part]) | set(names))

    def page(self, key: str, name: str, url: str, link: bool = True) -> None:
        self.pages.setdefault(key, {"id": key, "navn": name, "url": url, "lenke": link, "kontroller": {}})

    def record(self, key: str, check: str, count: int) -> None:
        self.pages[key]["kontroller"][check] = count

    def record_keyboard(self, check: str, count: int) -> None:
        self.keyboard[check] = count

    def as_json(self, passed: bool) -> dict:
        import datetime as dt

        return {"dato": dt.date.today().isoformat(), "alle_tester_besto": passed, "verktoy": self.tools,
                "forventet": self.expected, "sider": list(self.pages.values()), "tastatur": self.keyboard}


_REPORT: list[A11yReport] = []


@pytest.fixture(scope="session")
def a11y_report(browser):
    from importlib.metadata import version

    report = A11yReport()
    report.tools["Chromium"] = browser.version
    report.tools["Playwright for Python"] = version("playwright")
    _REPORT.append(report)
    return report


REPORTED: list[str] = []  # Lighthouse tables (test_lighthouse.py), shown after the run


def pytest_sessionfinish(session, exitstatus):
    """Write the accessibility results once the run is over, with whether every test passed."""
    for report in _REPORT:
        if report.pages or report.keyboard:
            RESULTS.parent.mkdir(parents=True, exist_ok=True)
            data = report.as_json(passed=exitstatus == 0)
            RESULTS.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def pytest_terminal_summary(terminalreporter):
    """Search quality (tests/browser/test_search.py) and Lighthouse scores at the end of every run,
    passed or not."""
    from ..fixtures.sok import maal

    if maal.REPORT:
        terminalreporter.section("Søket: bøyning og rangering (issue 10)")
        for line in maal.REPORT:
            terminalreporter.write_line(line)
    # Lighthouse scores (tests/browser/test_lighthouse.py).
    for table in REPORTED:
        terminalreporter.section("Lighthouse (mobil, simulert treg 4G og 4x tregere prosessor)")
        terminalreporter.write_line(table)
