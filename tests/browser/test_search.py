"""Site search in Chromium: the dialog in the header, driven the way a reader drives it.

Most tests use the search fixture site (the real site with the fictional case texts in
tests/fixtures/sok/data), served under a sub-path (/understi/) so relative URLs are proven too.
The query set (tests/fixtures/sok/sporsmal.yml) holds inflected Norwegian words and the pages where
the word stands in some form; scripts/measure_search.py runs the same set against lunr.
"""
from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from ..fixtures.sok.bygg import load_queries, sok_url
from .conftest import describe, foreign_requests, run_axe

QUERIES = load_queries()
MIN_RECALL = 0.95


@pytest.fixture(scope="module")
def sok_base(tmp_path_factory) -> str:
    return sok_url(tmp_path_factory)


def open_search(page):
    page.get_by_role("button", name="Søk", exact=True).click()
    dialog = page.get_by_role("dialog", name="Søk på nettstedet")
    expect(dialog).to_be_visible()
    return dialog


def search(page, term: str) -> str:
    """Type a term into the open dialog; return the status line once it answers for this term."""
    field = page.get_by_role("searchbox", name="Søkeord")
    field.fill(term)
    status = page.locator("[data-ks-sok-status]")
    expect(status).to_contain_text(f"«{term}»")
    return status.inner_text()


def all_result_urls(page, base: str) -> list[str]:
    """Every result, pressing «Vis flere treff» until all are shown; URLs relative to the site root."""
    results = page.locator(".ks-sok__treff a")
    more = page.get_by_role("button", name="Vis flere treff")
    while more.is_visible():
        shown = results.count()
        more.click()
        expect(results).not_to_have_count(shown)
    root = urlparse(base).path
    out = []
    for href in results.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert href.startswith(root), f"treffet {href} ligger ikke under nettstedets sti {root}"
        out.append(href[len(root):])
    return out


def test_query_set_has_at_least_30_inflected_queries():
    assert len(QUERIES) >= 30
    assert all(q["forventer"] for q in QUERIES)
    # Every query is an inflected form, not just the base form that the pages contain.
    assert sum(q["sok"] != q["former"][0] for q in QUERIES) == len(QUERIES)


def test_inflected_queries_find_their_pages(page, sok_base):
    page.goto(sok_base)
    open_search(page)
    found_pairs = total_pairs = 0
    misses = []
    for q in QUERIES:
        search(page, q["sok"])
        found = set(all_result_urls(page, sok_base))
        expected = set(q["forventer"])
        found_pairs += len(expected & found)
        total_pairs += len(expected)
        if not expected <= found:
            misses.append(f"{q['sok']}: mangler {sorted(expected - found)}")
        assert "bidra/eksempel/" not in found
        assert "utforsk/" not in found
    recall = found_pairs / total_pairs
    print(f"\nPagefind, {len(QUERIES)} bøyde søk: {found_pairs}/{total_pairs} = {recall:.1%}")
    assert recall >= MIN_RECALL, f"recall {recall:.1%} < {MIN_RECALL:.0%}:\n" + "\n".join(misses)
    assert foreign_requests(page, sok_base) == []


def test_result_count_is_announced_and_results_are_links_with_excerpts(page, sok_base):
    page.goto(sok_base + "om/")
    dialog = open_search(page)
    status = search(page, "korpset")
    assert status == "2 treff for «korpset»."
    assert page.locator("[data-ks-sok-status]").get_attribute("role") == "status"
    links = dialog.locator(".ks-sok__treff li a")
    expect(links).to_have_count(2)
    assert sorted(links.all_inner_texts()) == ["Skien", "Vefsn"]
    excerpts = dialog.locator(".ks-sok__utdrag mark").all_inner_texts()
    assert any(m.lower().startswith("korps") for m in excerpts)

    assert search(page, "sjiraffkoret").startswith("Ingen treff for «sjiraffkoret»")
    expect(links).to_have_count(0)


def test_more_results_are_shown_on_request(page, sok_base):
    page.goto(sok_base)
    open_search(page)
    status = search(page, "kulturskolene")
    assert "Viser 10." in status
    expect(page.locator(".ks-sok__treff li")).to_have_count(10)
    page.get_by_role("button", name="Vis flere treff").click()
    expect(page.locator(".ks-sok__treff li")).to_have_count(20)
    # Focus moves to the first new result, so a keyboard user continues where the list grew.
    assert page.evaluate("document.activeElement.closest('li') === document.querySelectorAll('.ks-sok__treff li')[10]")


def test_keyboard_only_open_search_type_and_follow_a_result(page, sok_base):
    page.goto(sok_base + "om/")
    for _ in range(40):  # Tab through the page until the search button has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-ks-sok-apne]')"):
            break
    else:
        pytest.fail("Søkeknappen ble aldri nådd med Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog", name="Søk på nettstedet")).to_be_visible()
    assert page.evaluate("document.activeElement.id") == "ks-sok-felt"
    page.keyboard.type("dirigentene")
    expect(page.locator("[data-ks-sok-status]")).to_have_text("3 treff for «dirigentene».")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.textContent")
    assert first != second
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.textContent") == first
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/understi/kommuner/" in url)
    assert page.locator("h1").inner_text() == first
    assert first in {"Oslo", "Skien", "Vefsn"}


def test_escape_closes_and_focus_returns_to_the_search_button(page, sok_base):
    page.goto(sok_base)
    dialog = open_search(page)
    search(page, "festivalen")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement.matches('[data-ks-sok-apne]')")
    # The close button does the same.
    open_search(page)
    page.get_by_role("button", name="Lukk").click()
    expect(dialog).to_be_hidden()


def test_search_dialog_with_results_has_no_axe_violations(page, sok_base, context):
    page.goto(sok_base + "kommuner/bergen/")
    storage = "JSON.stringify([Object.keys(localStorage), Object.keys(sessionStorage)])"
    before = page.evaluate(storage)  # Material's colour-scheme toggle keeps its own key there
    open_search(page)
    search(page, "helsesektoren")
    expect(page.locator(".ks-sok__treff li").first).to_be_visible()
    violations = run_axe(page)
    assert violations == [], describe(violations)
    assert foreign_requests(page, sok_base) == []
    assert context.cookies() == []
    assert page.evaluate(storage) == before  # search stores nothing


def test_only_article_content_is_indexed(page, sok_base):
    """Pagefind's own record of a page holds the article text, not navigation, header or footer."""
    html = page.goto(sok_base + "kommuner/tromso/").text()
    content = page.evaluate("""async (base) => {
        const pf = await import(new URL('pagefind/pagefind.js', base).href);
        await pf.options({baseUrl: '/understi/', noWorker: true});
        const s = await pf.search('Tromsø');
        const pages = await Promise.all(s.results.map(r => r.data()));
        return pages.find(p => p.url.endsWith('/kommuner/tromso/')).content;
    }""", sok_base)
    assert "sangstunder på et sykehjem" in content
    # (No «Kildekode og data» here: a checkout without a GitHub remote has no repository link.)
    for outside in ("Hopp til", "Åpne data", "Innhold CC BY 4.0"):
        assert outside in html  # on the page (header, skip link, navigation, footer) ...
        assert outside not in content  # ... but not in what search knows of it


def test_search_is_hidden_without_javascript(browser, sok_base):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(sok_base)
    assert not page.get_by_role("button", name="Søk", exact=True).is_visible()
    ctx.close()


def test_real_site_search_finds_a_case_but_never_the_example(page, base_url):
    page.goto(base_url)
    open_search(page)
    search(page, "Tynset")
    assert "kommuner/tynset/" in all_result_urls(page, base_url)
    status = search(page, "Eksempelkommune")
    urls = all_result_urls(page, base_url)
    assert "bidra/eksempel/" not in urls, status
    assert foreign_requests(page, base_url) == []


def test_real_site_indexes_content_pages_but_not_the_example_or_the_explorer(built_site):
    def html(url: str) -> str:
        return (built_site / url / "index.html").read_text(encoding="utf-8")

    assert (built_site / "pagefind" / "pagefind.js").exists()
    for url in ("", "om", "kommuner", "kommuner/tynset", "fylker/vestland"):
        page = html(url)
        assert page.count("data-pagefind-body") == 1, url
        # The mark sits inside the article, after the header and navigation.
        assert page.index("<article") < page.index("data-pagefind-body") < page.index("</article>"), url
    for url in ("bidra/eksempel", "utforsk"):
        assert "data-pagefind-body" not in html(url), url
    assert "data-pagefind-body" not in (built_site / "404.html").read_text(encoding="utf-8")


def test_excerpts_show_special_characters_as_text(page, sok_base):
    page.goto(sok_base)
    open_search(page)
    search(page, "lønn")
    excerpt = page.locator(".ks-sok__utdrag").first
    expect(excerpt).to_contain_text("<300 000 kroner & flere barn")
    assert excerpt.locator("mark").inner_text() == "lønn"


def test_indexing_failure_stops_the_build_with_a_clear_message(tmp_path):
    from mkdocs.exceptions import PluginError

    from macros.site.search import SearchIndexError, index_site

    assert issubclass(SearchIndexError, PluginError)  # MkDocs prints the message and stops
    with pytest.raises(SearchIndexError, match="Søkeindeksen \\(Pagefind\\) kunne ikke lages"):
        index_site(tmp_path)  # no pages at all
    (tmp_path / "index.html").write_text('<html lang="nb"><body><p>Tekst</p></body></html>', encoding="utf-8")
    with pytest.raises(SearchIndexError, match="Ingen side har data-pagefind-body"):
        index_site(tmp_path)  # pages, but nothing marked as content
