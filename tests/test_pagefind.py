"""The search index step (macros/site/search.py): its clean-up, and each way Pagefind can fail,
each with a Norwegian message that stops the build (issue 13.7)."""
from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from macros.site import search
from macros.site.search import BUNDLE, UNUSED, SearchIndexError, index_site

PAGE = '<!doctype html><html lang="nb"><head><title>T</title></head><body><main data-pagefind-body><h1>Kulturskole</h1>' \
       '<p>Kulturskolene samarbeider med barnehagene.</p></main></body></html>'


def fake(monkeypatch, script: str) -> None:
    """Pagefind replaced by a small Python program (its output, exit code and files are the script's)."""
    monkeypatch.setattr(search, "pagefind_command", lambda site: [sys.executable, "-c", script, str(site)])


def test_a_real_index_and_the_unused_ui_files_removed(tmp_path, caplog):
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.kulturskole.sok"):
        index_site(tmp_path)
    bundle = tmp_path / BUNDLE
    assert (bundle / "pagefind.js").exists() and any((bundle / "fragment").iterdir())
    assert [name for name in UNUSED if (bundle / name).exists()] == []
    assert "Søkeindeks (Pagefind): 1 sider" in caplog.text


def test_pagefind_that_cannot_start(monkeypatch, tmp_path):
    monkeypatch.setattr(search, "pagefind_command", lambda site: [str(tmp_path / "finnes-ikke")])
    with pytest.raises(SearchIndexError, match=r"^Søkeindeksen \(Pagefind\) kunne ikke lages: .*finnes-ikke"):
        index_site(tmp_path)


def test_pagefind_that_hangs(monkeypatch, tmp_path):
    fake(monkeypatch, "import time; time.sleep(30)")
    monkeypatch.setattr(search, "TIMEOUT_S", 0.5)
    with pytest.raises(SearchIndexError, match=r"^Søkeindeksen \(Pagefind\) kunne ikke lages: .*timed out"):
        index_site(tmp_path)


def test_pagefind_not_installed_says_how_to_install(monkeypatch, tmp_path):
    fake(monkeypatch, "import sys; print('No module named pagefind', file=sys.stderr); sys.exit(1)")
    with pytest.raises(SearchIndexError) as exc:
        index_site(tmp_path)
    assert str(exc.value) == ("Søkeindeksen (Pagefind) kunne ikke lages (kode 1).\nNo module named pagefind\n"
                              "Pagefind er ikke installert i miljøet; kjør «make site» (installerer de låste pakkene).")


def test_pagefind_error_is_shown_with_its_output(monkeypatch, tmp_path):
    fake(monkeypatch, "import sys; print('Indexing...'); print('Error: disk full', file=sys.stderr); sys.exit(3)")
    with pytest.raises(SearchIndexError) as exc:
        index_site(tmp_path)
    assert str(exc.value) == ("Søkeindeksen (Pagefind) kunne ikke lages (kode 3).\nIndexing...\nError: disk full\n"
                              "Se meldingen over.")


def test_pagefind_that_says_nothing_and_writes_nothing(monkeypatch, tmp_path):
    fake(monkeypatch, "print('Indexed 3 pages')")
    with pytest.raises(SearchIndexError) as exc:
        index_site(tmp_path)
    assert str(exc.value) == (f"Pagefind meldte ingen feil, men pagefind/pagefind.js mangler i {tmp_path}.\n"
                              "Indexed 3 pages")


def test_no_page_marked_as_content(monkeypatch, tmp_path):
    fake(monkeypatch, "import pathlib, sys; b = pathlib.Path(sys.argv[1], 'pagefind'); b.mkdir(); "
                      "(b / 'pagefind.js').write_text(''); print('Did not find a data-pagefind-body element')")
    with pytest.raises(SearchIndexError, match="^Ingen side har data-pagefind-body; sjekk overrides/main.html.$"):
        index_site(tmp_path)


def test_the_command_is_the_pinned_pagefind_in_this_environment(tmp_path):
    cmd = search.pagefind_command(tmp_path)
    assert cmd[:3] == [sys.executable, "-m", "pagefind"]
    assert cmd[cmd.index("--site") + 1] == str(tmp_path) and cmd[cmd.index("--output-subdir") + 1] == BUNDLE
    assert subprocess.run([*cmd[:3], "--version"], capture_output=True, text=True).stdout.startswith("pagefind 1.5.2")
