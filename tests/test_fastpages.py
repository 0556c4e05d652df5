"""Generated pages skip the second Markdown pass (macros/engine/fastpages.py) and the link check
that replaces MkDocs' (macros/site/linkcheck.py): same HTML, table of contents and ids as MkDocs'
own rendering, and strict builds still stop on every broken link."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from macros.engine import fastpages
from macros.site import htmlblocks, linkcheck
from macros.site.generate import generate
from macros.site.pages import GeneratedPage

from .conftest import ROOT, build, make_project


def _toc(toc) -> list:
    return [(a.title, a.id, a.level, _toc(a.children)) for a in toc]


@pytest.fixture(scope="module")
def config():
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        cfg = load_config(str(ROOT / "mkdocs.yml"))
    finally:
        os.chdir(cwd)
    cfg.plugins._current_plugin = "test"  # File.generated() names the plugin that made a file
    return cfg


def _final(f, config, store) -> fastpages.FinalHtmlPage:
    page = Page(None, f, config)
    fastpages.final_html(page, store)
    return page


def _render_both(config, pages: list[GeneratedPage], store):
    files = Files([File.generated(config, p.src_uri, content=str(p.content), inclusion=InclusionLevel.NOT_IN_NAV)
                   for p in pages])
    for f in files.documentation_pages():
        slow = Page(None, f, config)
        slow.read_source(config)
        slow.render(config, files)
        fast = _final(f, config, store)
        fast.read_source(config)
        fast.render(config, files)
        yield f.src_uri, slow, fast


@pytest.fixture(scope="module")
def bench_cat(tmp_path_factory):
    """The benchmark's fictional dataset (every field filled, a story per case), 30 cases."""
    import sys
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import gen
    finally:
        sys.path.remove(str(ROOT / "bench"))
    from macros.core.catalog import validate
    catalog, problems = validate(gen.generate(30, tmp_path_factory.mktemp("bench30") / "data"))
    assert problems == []
    return catalog


@pytest.mark.parametrize("which", ["cat", "fixture_cat", "bench_cat"])
def test_every_generated_page_is_what_markdown_makes_of_it(request, config, which):
    catalog = request.getfixturevalue(which)
    store = fastpages.ReadyStore(config)
    checked = 0
    for src, slow, fast in _render_both(config, generate(catalog), store):
        assert fast.meta == slow.meta, src
        assert fast.content == slow.content, src
        assert _toc(fast.toc) == _toc(slow.toc), src
        assert fast.present_anchor_ids == slow.present_anchor_ids, src
        assert fast.title == slow.title, src
        checked += 1
    assert checked > 25
    assert isinstance(fast, fastpages.FinalHtmlPage)
    assert store.fallbacks == []  # every page of ours is in the fast format


@pytest.mark.parametrize("which", ["fixture_cat", "bench_cat"])
def test_a_page_prepared_beforehand_is_the_page_made_here(request, config, which):
    """What the preparation step works out beforehand (ReadyStore.prepared, in a child) is what
    FinalHtmlPage and the link check make of the page themselves."""
    from macros.site.prebuild import with_source

    pages = [with_source(p) for p in generate(request.getfixturevalue(which)) if p.src_uri.endswith(".md")]
    files = Files([File.generated(config, p.src_uri, content=p.content, inclusion=InclusionLevel.NOT_IN_NAV)
                   for p in pages])
    prepared = fastpages.ReadyStore(config)
    for p in pages:
        prepared.ready[p.src_uri] = prepared.prepared(p)
    for f in files.documentation_pages():
        here, ready = _final(f, config, fastpages.ReadyStore(config)), _final(f, config, prepared)
        here.read_source(config)
        here.render(config, files)
        assert prepared.ready_for(f) is prepared.ready[f.src_uri]
        ready.read_source(config)
        ready.render(config, files)
        assert (ready.meta, ready.markdown, ready.content, ready.present_anchor_ids, ready.title) == \
            (here.meta, here.markdown, here.content, here.present_anchor_ids, here.title), f.src_uri
        assert _toc(ready.toc) == _toc(here.toc), f.src_uri
        assert prepared.ready[f.src_uri].links == linkcheck.page_links(linkcheck.normalize_url(f.url), here.content)


def test_a_prepared_page_is_used_only_for_the_file_it_was_made_from(config):
    page = GeneratedPage("x.md", "---\ntitle: X\n---\n\n## Del\n\n<p>a</p>\n")
    store = fastpages.ReadyStore(config)
    store.ready["x.md"] = store.prepared(page)
    other = File.generated(config, "x.md", content=page.content.replace("<p>a", "<p>b"))
    assert store.ready_for(File.generated(config, "x.md", content=page.content)) is not None
    assert store.ready_for(other) is None
    fast = _final(other, config, store)
    fast.read_source(config)
    fast.render(config, Files([other]))
    assert "<p>b</p>" in fast.content and "<p>a</p>" not in fast.content


@pytest.mark.parametrize("body", [
    "Tekst i et avsnitt.\n",
    "<p>a</p>\n\nTekst etter.\n",
    "<p>a</p> og tekst etter på samme linje\n",
    "<!-- kommentar -->\n<p>a</p>\n",
    "<div>\n<p>ikke lukket\n",
    "<span>inline først</span>\n",
    "## Overskrift med [lenke](om.md)\n\n<p>a</p>\n",
    "# Sidetittel\n\n<p>a</p>\n",
    "<p>a</p>\n```\nkode\n```\n",
])
def test_anything_else_goes_through_markdown_as_before(config, body):
    page = GeneratedPage("x.md", "---\ntitle: X\n---\n\n" + body)
    store = fastpages.ReadyStore(config)
    [(src, slow, fast)] = _render_both(config, [page], store)
    assert fast.content == slow.content
    assert _toc(fast.toc) == _toc(slow.toc)
    assert store.fallbacks == ["x.md"]


def test_split_keeps_html_as_written_and_headings_apart():
    body = '<dl class="a">\n<div>x</div>\n</dl>\n\n## Deltakelse\n\n<p>a</p><p>b</p>\n\n<script src="x.js"></script>\n'
    blocks = htmlblocks.split(body)
    assert [(b.kind, b.text) for b in blocks] == [
        ("html", '<dl class="a">\n<div>x</div>\n</dl>'), ("heading", "## Deltakelse"), ("html", "<p>a</p>"),
        ("html", "<p>b</p>"), ("html", '<script src="x.js"></script>')]


def test_anchor_ids_and_links_in_html():
    html = ('<h2 id="a&amp;b">x</h2><a name="n" href="../x/#y">l</a><p name="not">'
            "<a href='mailto:a@b.no'>m</a><div data-id=\"no\" id=c>")
    assert htmlblocks.anchor_ids(html) == {"a&b", "n", "c"}
    assert htmlblocks.hrefs(html) == ["../x/#y", "mailto:a@b.no"]


@pytest.mark.parametrize("page,href,url,anchor", [
    ("kommuner/bodo/", "../../fylker/nordland/", "fylker/nordland/", ""),
    ("kommuner/bodo/", "../", "kommuner/", ""),
    ("kommuner/bodo/", "../../", "", ""),
    ("", "kommuner/bodo/#kontakt", "kommuner/bodo/", "kontakt"),
    ("fylker/", "../data/kommuner.json", "data/kommuner.json", ""),
    ("fylker/", "#kart", "fylker/", "kart"),
    ("fylker/", "./", "fylker/", ""),
    ("fylker/", "../../utenfor/", "../utenfor/", ""),
])
def test_resolve_relative_links(page, href, url, anchor):
    link = linkcheck.resolve(page, href)
    assert (link.url, link.anchor) == (url, anchor)


@pytest.mark.parametrize("href", ["https://ks.no/", "mailto:a@b.no", "//cdn.example/x", "/absolutt/", ""])
def test_links_that_leave_the_site_are_not_checked(href):
    assert linkcheck.resolve("fylker/", href) is None


def test_check_pages_finds_missing_pages_and_anchors():
    pages = {"": '<a href="fylker/">f</a> <a href="fylker/#kart">k</a> <a href="fylker/#nei">n</a>'
                 '<a href="borte/">b</a> <a href="data/kommuner.json">j</a> <a href="fylker">uten skråstrek</a>',
             "fylker/": '<div id="kart"></div><a href="../#topp">t</a>'}
    broken = linkcheck.check_pages(pages, {"data/kommuner.json"})
    assert [(b.page, b.href) for b in broken] == [("", "fylker/#nei"), ("", "borte/"), ("fylker/", "../#topp")]
    assert "som ikke finnes" in str(broken[1])


def test_built_site_has_no_broken_internal_links(fixture_site):
    assert linkcheck.check_site(fixture_site) == []


@pytest.fixture
def broken_project(tmp_path, monkeypatch):
    """The fixture site with a hand-written page and a generated page that link to nothing."""
    from .conftest import FIXTURE_DATA
    project = make_project(tmp_path, FIXTURE_DATA)
    (project / "docs" / "brutt.md").write_text(
        '---\ntitle: Brutt\n---\n\n<p><a href="../finnes-ikke/">a</a> <a href="../fylker/#ikke-her">b</a></p>\n',
        encoding="utf-8")
    import macros.site.prebuild as prebuild
    from macros.core import forked
    original = prebuild.generate

    def with_broken(*args, **kwargs):
        page = GeneratedPage(
            "generert-brutt.md", "---\ntitle: G\n---\n\n## Lenker\n\n<p><a href=\"../kommuner/finnes-ikke/\">c</a> "
            "<a href=\"../kommuner/#heller-ikke\">d</a> <a href=\"#lenker\">e</a></p>\n")
        return [*original(*args, **kwargs), page]

    monkeypatch.setattr(prebuild, "generate", with_broken)
    # The last page (the broken one) is read and rendered beforehand, in a child: still checked.
    monkeypatch.setitem(forked.JOBS, "ferdige sider", forked.Job(1, 0.5, 60, "test"))
    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)
    monkeypatch.setenv(forked.ENV, "2")
    return project


def test_strict_build_stops_on_every_broken_link(broken_project, caplog):
    with pytest.raises(Abort, match="4 warnings"):
        build(broken_project)
    messages = "\n".join(r.getMessage() for r in caplog.records if r.levelname == "WARNING")
    assert "brutt.md lenker til «../finnes-ikke/»" in messages
    assert "generert-brutt.md lenker til «../kommuner/finnes-ikke/»" in messages
    assert "does not contain an anchor '#ikke-her'" in messages
    assert "does not contain an anchor '#heller-ikke'" in messages
    assert "#lenker" not in messages  # a heading's own id is an anchor


def test_pages_left_to_the_child_are_collected_when_reached(request, config, monkeypatch):
    """ReadyStore.prepare: the last half of the unprepared pages are prepared by a forked child; the
    first page MkDocs reads of them collects them all, the same as preparing them here."""
    from macros.core import forked
    from macros.site.prebuild import with_source

    if not hasattr(os, "fork"):
        pytest.skip("fork is not available")
    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)
    monkeypatch.setitem(forked.JOBS, "ferdige sider", forked.Job(1, 0.5, 60, "test"))
    pages = [with_source(p) for p in generate(request.getfixturevalue("fixture_cat")) if p.src_uri.endswith(".md")]
    files = Files([File.generated(config, p.src_uri, content=p.content, inclusion=InclusionLevel.NOT_IN_NAV)
                   for p in pages])
    here = fastpages.ReadyStore(config)
    store = fastpages.ReadyStore(config, forked.Workers(2))
    try:
        handed = store.prepare(files, {p.src_uri for p in pages})
        assert handed == len(pages) - len(pages) // 2 or handed == len(pages) // 2
        later = pages[len(pages) - handed:]
        assert not store.ready  # nothing collected before a page of theirs is read
        for p in pages:
            f = files.get_file_from_path(p.src_uri)
            got = store.ready_for(f)
            if p in later:
                assert got is not None
                assert (got.meta, got.content, got.links) == (lambda r: (r.meta, r.content, r.links))(here.prepared(p))
            else:
                assert got is None
    finally:
        store.close()
