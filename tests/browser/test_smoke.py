"""The browser layer works end to end: a real page in Chromium, served locally, nothing foreign."""
from __future__ import annotations

from .conftest import foreign_requests


def test_home_page_opens_with_no_foreign_requests_or_cookies(page, base_url, context):
    page.goto(base_url)
    assert page.locator("h1").first.inner_text() == "Kulturskole 3.0"
    assert page.get_attribute("html", "lang") == "nb"
    page.locator("article").get_by_role("link", name="16 kommuner valgt ut til piloten").click()
    page.wait_for_url("**/program/kulturskole-3-0/")
    assert page.locator("h1").inner_text() == "Piloten (2021–2022)"
    assert foreign_requests(page, base_url) == []
    assert context.cookies() == []
