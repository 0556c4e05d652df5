"""The search index step after a build (macros/site/search.py): what it cleans up, and the ways it
can fail, each with a Norwegian message that stops the build (issue 13.7; the index itself is
tested in test_search_index.py, a missing folder and unmarked pages in browser/test_search.py)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from macros.site import search
from macros.site.search import BUNDLE, SearchIndexError, index_site

PAGE = ('<!doctype html><html lang="nb"><head><title>T</title></head><body><article data-pagefind-body>'
        '<h1>{title}</h1><p>Kulturskolene samarbeider med barnehagene.</p></article></body></html>')


def site_with(tmp_path, *titles: str):
    tmp_path.mkdir(parents=True, exist_ok=True)
    for i, title in enumerate(titles):
        (tmp_path / f"side-{i}").mkdir(exist_ok=True)
        (tmp_path / f"side-{i}" / "index.html").write_text(PAGE.format(title=title), encoding="utf-8")
    return tmp_path


def test_a_rebuild_leaves_nothing_of_the_old_index(tmp_path):
    site = site_with(tmp_path, "Bodø", "Sunnfjord", "Asker")
    index_site(site)
    old = {p.relative_to(site / BUNDLE) for p in (site / BUNDLE).rglob("*")}
    (site / BUNDLE / "s" / "99.json").write_text("{}", encoding="utf-8")  # a page that is gone
    (site / BUNDLE / "gammel.txt").write_text("x", encoding="utf-8")
    for i in (1, 2):
        (site / f"side-{i}" / "index.html").unlink()
    index_site(site)
    new = {p.relative_to(site / BUNDLE) for p in (site / BUNDLE).rglob("*")}
    assert not {p.name for p in new} & {"99.json", "gammel.txt"}
    assert new < old
    assert json.loads((site / BUNDLE / "indeks.json").read_text(encoding="utf-8"))["sider"] == 1


def test_an_index_that_cannot_be_written(monkeypatch, tmp_path):
    site = site_with(tmp_path, "Bodø")

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    for step in ("write_pages", "write_bundle"):  # the result lines are written in a thread of their own
        monkeypatch.undo()
        monkeypatch.setattr(search, step, full_disk)
        with pytest.raises(SearchIndexError) as exc:
            index_site(site)
        assert str(exc.value) == (f"Søkeindeksen kunne ikke skrives til {site / BUNDLE}: "
                                  "[Errno 28] No space left on device")


def test_index_command_builds_the_same_index(tmp_path):
    """bench/run.py indexes a plain MkDocs build with this command: the same files as in a build."""
    a, b = site_with(tmp_path / "a", "Bodø", "Asker"), site_with(tmp_path / "b", "Bodø", "Asker")
    index_site(a)
    result = subprocess.run(search.index_command(b), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    files = sorted(p.relative_to(a / BUNDLE).as_posix() for p in (a / BUNDLE).rglob("*.json"))
    assert files and files == sorted(p.relative_to(b / BUNDLE).as_posix() for p in (b / BUNDLE).rglob("*.json"))
    assert all((a / BUNDLE / f).read_bytes() == (b / BUNDLE / f).read_bytes() for f in files)


def test_search_index_error_stops_mkdocs_with_the_message():
    from mkdocs.exceptions import PluginError

    assert issubclass(SearchIndexError, PluginError)
    assert sys.modules["macros.site.search"] is search
