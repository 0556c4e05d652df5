"""Site search in Chromium: the search quality on both sites, and the dialog driven the way a reader
drives it.

Two sites: the search fixture site (the real site with the fictional case texts in
tests/fixtures/sok/data, served under a sub-path /understi/ so relative URLs are proven too) and the
real site. The query sets and measures are in tests/fixtures/sok/ (maal.py says how they are counted);
scripts/measure_search.py runs the same sets against Pagefind as the site had it before.
"""
from __future__ import annotations

import json
import subprocess
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from ..fixtures.sok import maal
from ..fixtures.sok.bygg import sok_site, sok_url
from ..fixtures.sok.motor import run_queries
from .conftest import VNU, describe, foreign_requests, run_axe

QUERIES = maal.load_queries()


@pytest.fixture(scope="module")
def sok_base(tmp_path_factory) -> str:
    return sok_url(tmp_path_factory)


@pytest.fixture(scope="module")
def sites(tmp_path_factory, built_site, base_url, sok_base):
    """name -> (built site folder, served base URL, section of rangering.yml)."""
    return {"testnettstedet": (sok_site(tmp_path_factory), sok_base, "test"),
            "det ekte nettstedet": (built_site, base_url, "ekte")}


def open_search(page):
    page.get_by_role("button", name="Søk", exact=True).click()
    dialog = page.get_by_role("dialog", name="Søk på nettstedet")
    expect(dialog).to_be_visible()
    return dialog


def search(page, term: str) -> str:
    """Type a term into the open dialog and press Enter; return the status line once it answers."""
    field = page.get_by_role("searchbox", name="Søkeord")
    field.fill(term)
    field.press("Enter")
    status = page.locator("[data-ks-sok-status]")
    expect(status).to_contain_text(f"«{term}»")
    return status.inner_text()


def shown_urls(page, base: str) -> list[str]:
    root = urlparse(base).path
    hrefs = page.locator(".ks-sok__treff a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    for h in hrefs:
        assert h.startswith(root), f"treffet {h} ligger ikke under nettstedets sti {root}"
    return [h[len(root):] for h in hrefs]


# --- quality: inflection, bokmål/nynorsk, ranking (issue 10) -----------------------------------------

def test_query_set_has_at_least_60_inflected_queries():
    assert len(QUERIES) >= 60
    for q in QUERIES:
        forms = [f.lower() for f in q["former"]]
        assert q["sok"].lower() in forms, q["sok"]  # the query is one of the word's forms ...
        assert len(forms) >= 2, q["sok"]  # ... of a word that has several


@pytest.mark.parametrize("name", ["testnettstedet", "det ekte nettstedet"])
def test_inflected_queries_recall_and_precision(page, sites, name):
    site, base, _ = sites[name]
    expected = maal.expected_pages(site, QUERIES)
    page.goto(base)
    found = run_queries(page, [q["sok"] for q in QUERIES])
    quality = maal.inflection_quality(found, expected)
    maal.REPORT.append(f"Bøyning, {name}: {quality.line()} (mål: recall ≥ {maal.MIN_RECALL}, "
                       f"R-presisjon ≥ {maal.MIN_PRECISION})")
    maal.REPORT.extend(f"    {miss}" for miss in quality.misses)
    assert quality.queries >= 30, "for få søk har forventede sider på dette nettstedet"
    assert quality.recall >= maal.MIN_RECALL, f"recall {quality.recall:.3f} < {maal.MIN_RECALL}"
    assert quality.r_precision >= maal.MIN_PRECISION, f"R-presisjon {quality.r_precision:.3f} < {maal.MIN_PRECISION}"
    assert not any(u.startswith(("bidra/eksempel/", "utforsk/")) for urls in found.values() for u in urls)
    assert foreign_requests(page, base) == []


@pytest.mark.parametrize("name", ["testnettstedet", "det ekte nettstedet"])
def test_ranking_the_page_a_reader_means_comes_first(page, sites, name):
    site, base, which = sites[name]
    queries = maal.ranking_queries(site, which)
    page.goto(base)
    found = run_queries(page, [q["sok"] for q in queries])
    ok, total, misses = maal.ranking_quality(found, queries)
    maal.REPORT.append(f"Rangering, {name}: {maal.ranking_tally(found, queries)} (mål: alle)")
    maal.REPORT.extend(f"    {miss}" for miss in misses)
    assert total >= 25
    assert ok / total >= maal.MIN_RANKING, "\n".join(misses)


PAIRS = [("skole", "skule"), ("skolene", "skulane"), ("kommunene", "kommunane"), ("tjenester", "tenester"),
         ("ikke", "ikkje"), ("hva", "kva"), ("barnehagene", "barnehagane"), ("ungdommene", "ungdommane")]


def test_bokmal_and_nynorsk_find_the_same_pages(page, sok_base):
    page.goto(sok_base)
    found = run_queries(page, [w for pair in PAIRS for w in pair], complete=True)  # «skole…» and «skule…» differ
    for nb, nn in PAIRS:
        assert found[nb], nb
        assert sorted(found[nb]) == sorted(found[nn]), (nb, nn)
    # Voss is written in nynorsk («kulturskulen»); a bokmål query finds it, and the other way round.
    assert "kommuner/voss/" in run_queries(page, ["kulturskolen"])["kulturskolen"]
    assert "kommuner/bergen/" in run_queries(page, ["kulturskulen"])["kulturskulen"]


def test_a_query_does_not_find_words_that_only_start_alike(page, sok_base):
    """A finished word finds itself, not the words that start like it; while it is typed, those come
    after every page that has the word itself (issue 19)."""
    page.goto(sok_base)
    found = run_queries(page, ["kor", "korps", "lærerne", "lære"], complete=True)
    assert set(found["kor"]).isdisjoint({"kommuner/skien/", "kommuner/vefsn/"})  # korps, not kor
    assert "kommuner/oslo/" in found["kor"]
    assert found["korps"][:2] in (["kommuner/skien/", "kommuner/vefsn/"], ["kommuner/vefsn/", "kommuner/skien/"])
    typed = run_queries(page, ["kor"])["kor"]
    exact = set(found["kor"])
    assert set(typed[:len(exact)]) == exact and {"kommuner/skien/", "kommuner/vefsn/"} <= set(typed[len(exact):])


def test_browser_splits_words_as_the_index_does(page, sok_base, tmp_path_factory):
    """The query side (sok.js) and the index (macros/site/lexicon.py) must agree on what a word is."""
    site = sok_site(tmp_path_factory)
    texts = [json.loads(p.read_text(encoding="utf-8"))["x"] for p in sorted((site / "sok" / "s").glob("*.json"))]
    texts.append("Ærlig talt: «Bodø»-kulturskolen, 3,5 % av Ø-en og naïve café-ÅS (co-op) 2024/25")
    page.goto(sok_base)
    page.wait_for_function("() => window.KulturskoleSok")
    in_browser = page.evaluate("(texts) => texts.map(t => window.KulturskoleSok.ord(t))", texts)
    assert in_browser == [maal.words(t) for t in texts]


# --- the dialog ------------------------------------------------------------------------------------

def test_result_count_kind_county_and_excerpt(page, sok_base):
    page.goto(sok_base + "om/")
    dialog = open_search(page)
    status = search(page, "korpset")
    assert status == "2 treff for «korpset»."
    assert page.locator("[data-ks-sok-status]").get_attribute("role") == "status"
    rows = dialog.locator(".ks-sok__treff li")
    expect(rows).to_have_count(2)
    assert sorted(dialog.locator(".ks-sok__treff li a").all_inner_texts()) == ["Skien", "Vefsn"]
    kinds = dialog.locator(".ks-sok__type").all_inner_texts()
    assert sorted(kinds)[0].startswith("Kommune · Telemark") or sorted(kinds)[1].startswith("Kommune · Telemark")
    assert any(k.startswith("Kommune · Nordland") for k in kinds)
    marks = [m.lower() for m in dialog.locator(".ks-sok__utdrag mark").all_inner_texts()]
    assert marks and all(m.startswith("korps") for m in marks)

    assert search(page, "sjiraffkoret").startswith("Ingen treff for «sjiraffkoret»")
    expect(rows).to_have_count(0)


def test_result_lines_name_every_kind_of_page(page, sok_base):
    page.goto(sok_base)
    open_search(page)
    search(page, "kulturskolen")
    page.get_by_role("button", name="Vis flere treff").click()
    expect(page.locator(".ks-sok__treff li")).to_have_count(20)
    search(page, "helsesektoren")
    labels = {t.split(" · ")[0] for t in page.locator(".ks-sok__type").all_inner_texts()}
    assert {"Kommune", "Fokusområde"} <= labels
    search(page, "verkstedguiden")
    assert "Veiledning" in {t.split(" · ")[0] for t in page.locator(".ks-sok__type").all_inner_texts()}


def test_kind_filter_keeps_focus_and_announces_the_new_count(page, sok_base):
    page.goto(sok_base)
    open_search(page)
    status = search(page, "helsesektoren")
    total = int(status.split()[0])
    group = page.get_by_role("group", name="Vis bare")
    expect(group).to_be_visible()
    cases = group.get_by_role("button", name="Kommuner")
    count = int(cases.inner_text().split("(")[1].rstrip(")"))
    assert 0 < count < total
    cases.focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-ks-sok-status]")).to_have_text(
        f"{count} av {total} treff for «helsesektoren» er kommuner.")
    assert page.evaluate("document.activeElement.textContent").startswith("Kommuner")
    assert cases.get_attribute("aria-pressed") == "true"
    expect(page.locator(".ks-sok__treff li")).to_have_count(min(count, 10))
    assert {t.split(" · ")[0] for t in page.locator(".ks-sok__type").all_inner_texts()} == {"Kommune"}
    group.get_by_role("button", name="Alle").click()
    expect(page.locator("[data-ks-sok-status]")).to_contain_text(f"{total} treff for «helsesektoren».")


def test_typo_gets_a_suggestion_that_runs_the_corrected_search(page, sok_base):
    page.goto(sok_base)
    open_search(page)
    status = search(page, "kulturskle")
    assert "treff for «kulturskle»" in status  # typos find the word they are close to (issue 19) ...
    link = page.get_by_role("dialog").get_by_role("link", name="kulturskole", exact=True)
    assert "Mente du kulturskole?" in status  # ... and say what they found
    link.click()
    expect(page.locator("[data-ks-sok-status]")).to_contain_text("treff for «kulturskole»")
    assert page.get_by_role("searchbox", name="Søkeord").input_value() == "kulturskole"
    assert page.evaluate("document.activeElement.id") == "ks-sok-felt"
    # Words under four letters get no guess; a word one edit from a site word does; a dictionary word
    # the site does not have finds nothing (no false hits), and a word the site has finds itself.
    assert "Mente du" not in search(page, "kox")
    assert "Mente du samskaping?" in search(page, "samskapjng")
    # The -ning spelling of an -ing noun finds the word, and the site's spelling is named.
    status = search(page, "samskapning")
    assert "Mente du samskaping?" in status and "treff for «samskapning»" in status
    assert search(page, "fotball").startswith("Ingen treff for «fotball»")
    status = search(page, "korps")
    assert "Mente du" not in status and status.startswith(("2 treff", "3 treff", "4 treff", "5 treff"))


def test_multi_word_query_says_which_word_found_nothing(page, sok_base):
    page.goto(sok_base)
    open_search(page)
    status = search(page, "kulturskolen sjiraffkoret")
    assert "«sjiraffkoret» finnes ikke på nettstedet" in status
    status = search(page, "dirigentene nyankomne")  # both words are on the site, never on one page
    assert "Ingen side har alle ordene" in status


def test_suggestion_link_works_in_a_new_page_too(page, sok_base):
    page.goto(sok_base + "?sokeord=dirigentene")
    expect(page.get_by_role("dialog", name="Søk på nettstedet")).to_be_visible()
    expect(page.locator("[data-ks-sok-status]")).to_have_text("3 treff for «dirigentene».")
    page.goto(sok_base + "utforsk/?sok=barnehagen")  # the explorer's own parameter opens no dialog
    expect(page.get_by_role("dialog", name="Søk på nettstedet")).to_be_hidden()


def test_search_waits_for_a_pause_in_typing(page, sok_base):
    """With the browser's clock stopped, typing a whole word shows nothing; halfway through the pause the
    search for the whole word starts (issue 19: results as the pause ends), and shows once the pause
    (300 ms) has passed; nothing is fetched for the letters typed before."""
    page.clock.install()
    page.goto(sok_base)
    open_search(page)
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)  # the page's time stands still from here
    requested: list[str] = []
    page.on("request", lambda r: requested.append(urlparse(r.url).path))
    status = page.locator("[data-ks-sok-status]")
    # «for», «fore», «forest» … are words or parts of words on the site; typed without a pause, none is searched.
    page.get_by_role("searchbox", name="Søkeord").press_sequentially("forestillingene")
    page.clock.run_for(100)
    assert not any("/sok/" in p for p in requested)  # nothing for «f», «fo», «for» ... while typing
    page.clock.run_for(150)
    assert status.inner_text() == ""  # prepared, not shown
    page.clock.run_for(100)
    expect(status).to_contain_text("treff for «forestillingene».")
    shown = page.locator(".ks-sok__treff li").count()
    assert sum("/sok/s/" in p for p in requested) == shown  # result lines fetched for one search only


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


def test_escape_closes_and_focus_returns_to_the_search_button(page, sok_base):
    page.goto(sok_base)
    dialog = open_search(page)
    search(page, "festivalen")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement.matches('[data-ks-sok-apne]')")
    open_search(page)
    page.get_by_role("button", name="Lukk").click()
    expect(dialog).to_be_hidden()


def test_dialog_with_results_and_filter_passes_axe_and_the_html_checker(page, sok_base, context, tmp_path):
    page.goto(sok_base + "kommuner/bergen/")
    storage = "JSON.stringify([Object.keys(localStorage), Object.keys(sessionStorage)])"
    before = page.evaluate(storage)  # Material's colour-scheme toggle keeps its own key there
    open_search(page)
    search(page, "helsesektoren")
    expect(page.locator(".ks-sok__treff li").first).to_be_visible()
    assert run_axe(page) == [], describe(run_axe(page))
    page.get_by_role("group", name="Vis bare").get_by_role("button", name="Kommuner").click()
    expect(page.locator("[data-ks-sok-status]")).to_contain_text("er kommuner")
    violations = run_axe(page)
    assert violations == [], describe(violations)
    search(page, "kulturskle")  # «Mente du …?» with its link
    violations = run_axe(page)
    assert violations == [], describe(violations)
    search(page, "helsesektoren")
    expect(page.locator(".ks-sok__treff li").first).to_be_visible()
    # The Nu Html Checker on the page as it is now (dialog open, results and filters shown).
    html = page.evaluate("""() => { const c = document.documentElement.cloneNode(true);
        c.querySelectorAll('script').forEach(s => { if (s.textContent.includes('axe')) s.remove(); });
        return '<!doctype html>' + c.outerHTML; }""")  # without the axe-core script the test added
    target = tmp_path / "dialog.html"
    target.write_text(html, encoding="utf-8")
    if not VNU.exists():
        pytest.fail(f"Fant ikke {VNU}. «make test» installerer vnu-jar fra npm (npm ci).")
    proc = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", str(target)],
                          capture_output=True, text=True, check=False)
    errors = [f"{m.get('lastLine')}: {m['message']} {m.get('extract', '')}"
              for m in json.loads(proc.stderr)["messages"] if m.get("type") == "error"]
    assert errors == []
    assert foreign_requests(page, sok_base) == []
    assert context.cookies() == []
    assert page.evaluate(storage) == before  # search stores nothing


def test_only_article_content_is_indexed(page, sok_base, tmp_path_factory):
    """What search knows of a page (its text in sok/s/) is the article, not navigation or footer."""
    site = sok_site(tmp_path_factory)
    html = page.goto(sok_base + "kommuner/tromso/").text()
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in (site / "sok" / "s").glob("*.json")]
    content = next(d for d in docs if d["u"] == "kommuner/tromso/")["x"]
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
    assert shown_urls(page, base_url)[:2] == ["kommuner/tynset/", "fylker/innlandet/"]
    assert page.locator(".ks-sok__type").first.inner_text().startswith("Kommune · Innlandet")
    status = search(page, "Eksempelkommune")
    assert "bidra/eksempel/" not in shown_urls(page, base_url), status
    assert foreign_requests(page, base_url) == []


def test_real_site_indexes_content_pages_but_not_the_example_or_the_explorer(built_site):
    def html(url: str) -> str:
        return (built_site / url / "index.html").read_text(encoding="utf-8")

    assert (built_site / "sok" / "indeks.json").exists()
    for url in ("", "om", "kommuner", "kommuner/tynset", "fylker/vestland"):
        page = html(url)
        assert page.count("data-pagefind-body") == 1, url
        # The mark sits inside the article, after the header and navigation.
        assert page.index("<article") < page.index("data-pagefind-body") < page.index("</article>"), url
    for url in ("bidra/eksempel", "utforsk"):
        assert "data-pagefind-body" not in html(url), url
    assert "data-pagefind-body" not in (built_site / "404.html").read_text(encoding="utf-8")
    urls = {json.loads(p.read_text(encoding="utf-8"))["u"] for p in (built_site / "sok" / "s").glob("*.json")}
    assert "kommuner/tynset/" in urls and "bidra/eksempel/" not in urls and "utforsk/" not in urls


def test_excerpts_show_special_characters_as_text(page, sok_base):
    page.goto(sok_base)
    open_search(page)
    search(page, "lønn")
    excerpt = page.locator(".ks-sok__utdrag").first
    expect(excerpt).to_contain_text("<300 000 kroner & flere barn")
    assert excerpt.locator("mark").first.inner_text().lower() == "lønn"


def test_indexing_failure_stops_the_build_with_a_clear_message(tmp_path):
    from mkdocs.exceptions import PluginError

    from macros.site.search import SearchIndexError, index_site

    assert issubclass(SearchIndexError, PluginError)  # MkDocs prints the message and stops
    with pytest.raises(SearchIndexError, match="fant ikke mappen"):
        index_site(tmp_path / "finnes-ikke")
    (tmp_path / "index.html").write_text('<html lang="nb"><body><p>Tekst</p></body></html>', encoding="utf-8")
    with pytest.raises(SearchIndexError, match="ingen side har data-pagefind-body"):
        index_site(tmp_path)  # pages, but nothing marked as content
