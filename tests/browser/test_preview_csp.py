"""The preview (`make serve`) in real Chromium (issue 22, item 1): its live-reload script runs by the
nonce of each response, the page's policy never allows 'unsafe-inline', and an inline script that
slipped into a page's content (as the statement injection did) is blocked there too."""
from __future__ import annotations

import pytest

from ..previewkit import serving
from .conftest import CSP_RECORDER

pytestmark = pytest.mark.browser

INJECTED = '<script>document.documentElement.dataset.injisert = "ja";</script>'


def _inject(tmp) -> None:
    page = tmp / "served" / "om" / "index.html"  # as if escaping had failed in the page's content
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", INJECTED + "</article>", 1),
                    encoding="utf-8")


@pytest.fixture(scope="module")
def preview_url(tmp_path_factory):
    with serving(tmp_path_factory.mktemp("forhandsvisning-nettleser"), _inject) as (_, server):
        yield server.url


def test_the_live_reload_runs_by_its_nonce_and_an_injected_script_does_not(context, preview_url):
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    polls = []
    page.on("request", lambda req: polls.append(req.url) if "/livereload/" in req.url else None)
    page.goto(preview_url + "om/")
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)  # the load handler starts the first poll
    assert polls, "live-reload-skriptet spurte aldri serveren"
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "'nonce-" in policy and "unsafe-inline" not in policy
    assert page.evaluate("document.documentElement.dataset.injisert") is None
    violations = page.evaluate("window.__kulturskoleCsp")  # the injected script only: the reload script ran
    assert len(violations) == 1 and violations[0].startswith("script-src-elem blokkerte inline"), violations
