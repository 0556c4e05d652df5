"""The full build's two helpers on a second core (issue 11): part of the case pages made in a forked
child (core/forked.py, site/generate.py), and the search index read while the pages are rendered
(site/searchfeed.py). Both must give exactly what the serial way gives, and fail as it fails."""
from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from macros.core import forked
from macros.site import search
from macros.site.generate import generate
from macros.site.searchfeed import SearchFeed

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is not available")


@pytest.fixture(autouse=True)
def forking(monkeypatch):
    """Fork even if an earlier test left a thread behind (a finished server's, say): these tests
    test the forking itself. The rule that a process with threads does not fork: test_workers.py."""
    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)


TWO = forked.Workers(2)


@needs_fork
def test_generate_in_two_processes_equals_generate_in_one(fixture_cat, monkeypatch):
    monkeypatch.setitem(forked.JOBS, "casesider", forked.JOBS["casesider"].__class__(1, 0.65, 60, "test"))
    serial = generate(fixture_cat, None)
    both = generate(fixture_cat, None, TWO)
    assert [p.src_uri for p in both] == [p.src_uri for p in serial]
    assert [(p.content, p.edit_path) for p in both] == [(p.content, p.edit_path) for p in serial]


@needs_fork
def test_case_files_parsed_in_two_processes_give_the_same_dataset(monkeypatch, tmp_path):
    """core/load.py parses part of the case files in a forked child: the same records and the same
    problems, also for files that do not parse (the last ones are the child's)."""
    from .conftest import copy_fixture_data
    from macros.core import load

    data = copy_fixture_data(tmp_path)
    (data / "kommuner" / "zz-odelagt.yml").write_text("navn: [Bodø\n", encoding="utf-8")
    (data / "kommuner" / "zz-dobbel.yml").write_text("navn: A\nnavn: B\n", encoding="utf-8")
    monkeypatch.setitem(forked.JOBS, "yaml", forked.Job(1, 0.6, 60, "test"))

    def dataset(workers):
        ds = load.load_dataset(data, workers)
        return [c.record for c in ds.cases], [c.src.data for c in ds.cases], [str(p) for p in ds.problems]

    serial = dataset(forked.Workers.serial())
    assert serial[0] and any("zz-odelagt.yml" in p for p in serial[2]) and any("zz-dobbel.yml" in p for p in serial[2])
    assert dataset(TWO) == serial


def _tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def test_the_fed_index_equals_the_index_of_the_finished_site(fixture_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)
    search.index_site(site)
    expected = _tree(site / search.BUNDLE)
    shutil.rmtree(site / search.BUNDLE)
    pages = sorted(p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("assets/"))
    assert len(pages) > 20
    feed = SearchFeed(site)
    for path in pages[::2]:  # half of them given as built; the rest read from disk at the end
        feed.add(path.relative_to(site).as_posix(), path.read_text(encoding="utf-8"))
    feed.finish()
    assert _tree(site / search.BUNDLE) == expected


def test_the_fed_index_fails_in_norwegian(tmp_path):
    feed = SearchFeed(tmp_path / "finnes-ikke")
    with pytest.raises(search.SearchIndexError, match="Søkeindeksen kunne ikke lages: fant ikke mappen"):
        feed.finish()
    (tmp_path / "tom").mkdir()
    feed = SearchFeed(tmp_path / "tom")
    feed.add("a/index.html", "<html><body><p>ingen markering</p></body></html>")
    with pytest.raises(search.SearchIndexError, match="ingen side har data-pagefind-body"):
        feed.finish()


def test_a_cancelled_feed_writes_no_index(fixture_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)
    shutil.rmtree(site / search.BUNDLE)
    feed = SearchFeed(site)
    feed.add("om/index.html", (site / "om" / "index.html").read_text(encoding="utf-8"))
    feed.cancel()
    assert not (site / search.BUNDLE).exists()


def _index_files(index: search.Index, out: Path) -> dict[str, bytes]:
    search.write_bundle(index, out)
    return _tree(out)


def test_an_index_built_page_by_page_equals_the_index_built_at_once(fixture_site, tmp_path):
    """The search process adds each page as it arrives (search.IndexBuilder). Whatever the order (here
    the municipality and county pages last, so their names arrive after the pages that use them), and
    with a page added that is gone when the index is built, the files are those of build_index."""
    pages = search.read_site(fixture_site)
    named = [p for p in pages if p.kind in "kf"]
    assert named and any(set(p.title_words) & set(q.counts) for p in named for q in pages if q.kind not in "kf")
    expected = _index_files(search.build_index(pages), tmp_path / "a")
    builder = search.IndexBuilder()
    for page in [p for p in pages if p.kind not in "kf"] + named:
        builder.add(page)
    assert _index_files(builder.build(pages), tmp_path / "b") == expected
    gone = named[0]  # its name was counted as a name on the pages added after it
    builder = search.IndexBuilder()
    for page in [gone] + [p for p in pages if p is not gone]:
        builder.add(page)
    rest = [p for p in pages if p is not gone]
    assert _index_files(builder.build(rest), tmp_path / "c") == _index_files(search.build_index(rest), tmp_path / "d")


_STALLS = "import sys, time; sys.stdin.buffer.read(1); time.sleep(3600)"
_SHOUTS = ("import sys; sys.stderr.write('x' * 1_048_576 + '\\n'); sys.stderr.flush(); sys.stdin.buffer.read(); "
           "sys.stderr.write('Søkeindeksen kunne ikke lages: prøve\\n'); sys.exit(1)")


def test_a_stalled_search_process_ends_the_build_in_norwegian_within_its_deadline(tmp_path):
    """The search process takes nothing more: the build stops feeding it at the deadline, and
    finish() says what happened, instead of waiting forever."""
    feed = SearchFeed(tmp_path, deadline=2, command=[sys.executable, "-c", _STALLS])
    t0 = time.monotonic()
    page = "<p>" + "ord " * 50_000 + "</p>"  # 200 KB a page: more than a pipe holds
    for i in range(20):
        feed.add(f"side{i}/index.html", page)
    with pytest.raises(search.SearchIndexError) as caught:
        feed.finish()
    assert time.monotonic() - t0 < 10
    assert str(caught.value) == "Søkeindeksen kunne ikke lages: søkeprosessen tok ikke imot flere sider på 2 s."


def test_a_search_process_that_never_finishes_is_stopped_at_its_deadline(tmp_path):
    feed = SearchFeed(tmp_path, deadline=2, command=[sys.executable, "-c", "import time; time.sleep(3600)"])
    t0 = time.monotonic()
    with pytest.raises(search.SearchIndexError, match="^Søkeindeksen kunne ikke lages: søkeprosessen ble ikke "
                                                      "ferdig innen 2 s etter siste side.$"):
        feed.finish()
    assert time.monotonic() - t0 < 10


def test_a_search_process_that_writes_a_megabyte_of_errors_does_not_hang_the_build(tmp_path):
    """Its errors go to a file: a megabyte of them blocks neither it nor the build, and its last
    line is the message."""
    feed = SearchFeed(tmp_path, deadline=20, command=[sys.executable, "-c", _SHOUTS])
    t0 = time.monotonic()
    for i in range(20):
        feed.add(f"side{i}/index.html", "<p>" + "ord " * 50_000 + "</p>")
    with pytest.raises(search.SearchIndexError, match="^Søkeindeksen kunne ikke lages: prøve$"):
        feed.finish()
    assert time.monotonic() - t0 < 20
