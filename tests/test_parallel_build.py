"""The full build's two helpers on a second core (issue 11): part of the case pages made in a forked
child (core/forked.py, site/generate.py), and the search index read while the pages are rendered
(site/searchfeed.py). Both must give exactly what the serial way gives, and fail as it fails."""
from __future__ import annotations

import os
import shutil
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
    test the forking itself. The rule that a process with threads does not fork is tested below."""
    monkeypatch.setattr(forked, "can_fork", lambda: hasattr(os, "fork"))


def _square(x: int) -> int:
    return x * x


@needs_fork
def test_share_gives_the_serial_list_in_order():
    with forked.Share(_square, range(50)) as child:
        assert child._pid is not None  # really in a child
        assert child.result() == [x * x for x in range(50)]


@needs_fork
def test_a_failing_child_is_redone_here():
    parent = os.getpid()

    def only_here(x):
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return x + 1

    with forked.Share(only_here, [1, 2, 3]) as child:
        assert child.result() == [2, 3, 4]


def test_an_error_in_the_work_reaches_the_caller():
    def boom(x):
        raise ValueError(f"feil i {x}")

    with pytest.raises(ValueError, match="feil i 1"):
        with forked.Share(boom, [1]) as child:
            child.result()


@needs_fork
def test_an_unwanted_child_is_stopped():
    with pytest.raises(KeyError):
        with forked.Share(_square, range(10)) as child:
            pid = child._pid
            raise KeyError("stopped before result()")
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no such child any more


def test_a_process_with_threads_does_not_fork(monkeypatch):
    monkeypatch.undo()  # the real rule
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert forked.can_fork() is False
        with forked.Share(_square, range(5)) as child:
            assert child._pid is None
            assert child.result() == [0, 1, 4, 9, 16]
    finally:
        stop.set()
        thread.join()


def test_generate_in_two_processes_equals_generate_in_one(fixture_cat, monkeypatch):
    import macros.site.generate as generate_module

    monkeypatch.setattr(generate_module, "FORK_FROM", 1)
    serial = generate(fixture_cat, None)
    both = generate(fixture_cat, None, fork=True)
    assert [p.src_uri for p in both] == [p.src_uri for p in serial]
    assert [(p.content, p.edit_path) for p in both] == [(p.content, p.edit_path) for p in serial]


def test_case_files_parsed_in_two_processes_give_the_same_dataset(monkeypatch, tmp_path):
    """core/load.py parses part of the case files in a forked child: the same records and the same
    problems, also for files that do not parse (the last ones are the child's)."""
    from .conftest import copy_fixture_data
    from macros.core import load

    data = copy_fixture_data(tmp_path)
    (data / "kommuner" / "zz-odelagt.yml").write_text("navn: [Bodø\n", encoding="utf-8")
    (data / "kommuner" / "zz-dobbel.yml").write_text("navn: A\nnavn: B\n", encoding="utf-8")

    def dataset(fork_from: int):
        monkeypatch.setattr(load, "FORK_FROM", fork_from)
        ds = load.load_dataset(data)
        return [c.record for c in ds.cases], [c.src.data for c in ds.cases], [str(p) for p in ds.problems]

    serial = dataset(10**9)
    assert serial[0] and any("zz-odelagt.yml" in p for p in serial[2]) and any("zz-dobbel.yml" in p for p in serial[2])
    assert dataset(1) == serial


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
