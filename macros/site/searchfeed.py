"""The search index built beside the build instead of after it: each page is handed to a second
process as soon as it is rendered, and that process reads it and adds it to the index
(search.IndexBuilder: its count per key, the other forms of its keys) while the build renders the
next pages. When the build is done, the second process reads whatever pages it was not given from
disk, does the part of the index that needs every page, and writes it as search.index_site does.

Why: reading the built pages and counting their words was over half of the search step (4 of 7 s at
2,000 cases), and the build itself uses one core; on the machines we build on there is a second.
What the build still waits for after its last page is the rest (about 2 s at 2,000 cases). The
result is the same index, byte for byte, as search.index_site on the finished site
(tests/test_parallel_build.py).

    feed = SearchFeed(site_dir)      # starts the second process
    feed.add("kommuner/x/index.html", html)
    feed.finish()                    # raises SearchIndexError with the Norwegian reason

The second process is `python -m macros.site.searchfeed SITE_DIR`, fed on its standard input:
for each page a line «<bytes of path> <bytes of html>\\n», then the path and the HTML in UTF-8.
"""
from __future__ import annotations

import logging
import os
import select
import subprocess
import sys
import tempfile
from pathlib import Path

from ..core.forked import JOBS
from .search import IndexBuilder, SearchIndexError, index_site, page_url, read_page

log = logging.getLogger("mkdocs.hooks.kulturskole.sok")
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])  # the folder that holds macros/


class SearchFeed:
    """The second process and the pipe to it. It cannot hang the build:
    - its output and errors go to a temporary file, never to a pipe nobody reads while it runs;
    - each page is written with a deadline: a process that takes nothing for `deadline` seconds is
      stopped, and finish() says so;
    - finish() waits at most `deadline` seconds for the rest;
    - the write end of its input is ours alone: a forked child of the build closes its copy
      (core/forked.py), so closing ours is the end of its input."""

    def __init__(self, site_dir: Path, deadline: float | None = None,
                 command: list[str] | None = None):
        self.site_dir = Path(site_dir)
        self.deadline = JOBS["søkeprosess"].deadline if deadline is None else deadline
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
        self._said = tempfile.TemporaryFile()
        self._proc = subprocess.Popen(command or [sys.executable, "-m", "macros.site.searchfeed", str(self.site_dir)],
                                      stdin=subprocess.PIPE, stdout=self._said, stderr=self._said, env=env,
                                      close_fds=True)
        log.debug("Søkeindeksen lages i en egen prosess (%d) mens sidene bygges", self._proc.pid)
        self._input = self._proc.stdin.fileno()
        os.set_blocking(self._input, False)
        self._problem: str | None = None

    def add(self, rel_path: str, html: str) -> None:
        """A built page, by its path under the site folder, as it will be written."""
        if self._problem is not None:
            return
        path, body = rel_path.encode("utf-8"), html.encode("utf-8", errors="xmlcharrefreplace")
        self._send(b"%d %d\n%s%s" % (len(path), len(body), path, body))

    def _send(self, data: bytes) -> None:
        view, done = memoryview(data), 0
        while done < len(view):
            _, writable, _ = select.select([], [self._input], [], self.deadline)
            if not writable:
                self._stop(f"søkeprosessen tok ikke imot flere sider på {self.deadline:.0f} s")
                return
            try:
                done += os.write(self._input, view[done:done + (1 << 16)])
            except BlockingIOError:
                continue
            except OSError:  # it stopped; finish() says why
                self._problem = ""
                return

    def _stop(self, problem: str) -> None:
        self._problem = problem
        if self._proc.poll() is None:
            self._proc.kill()

    def finish(self) -> None:
        """Wait for the index; raise SearchIndexError if it could not be made."""
        self._close_input()  # the last page was sent
        try:
            self._proc.wait(timeout=self.deadline)
        except subprocess.TimeoutExpired:
            self._stop(f"søkeprosessen ble ikke ferdig innen {self.deadline:.0f} s etter siste side")
            self._proc.wait()
        said = self._read_said()
        if self._problem:
            raise SearchIndexError(f"Søkeindeksen kunne ikke lages: {self._problem}.")
        if self._proc.returncode:
            lines = [line for line in said.splitlines() if line.strip()]
            reason = lines[-1].strip() if lines else f"søkeprosessen stoppet med kode {self._proc.returncode}"
            if reason.startswith("Søkeindeksen"):
                raise SearchIndexError(reason)
            raise SearchIndexError(f"Søkeindeksen kunne ikke lages: {reason}")

    def cancel(self) -> None:
        """The build stopped: stop the second process, leave no index half-written behind."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._close_input()
        self._proc.wait()
        self._read_said()

    def _close_input(self) -> None:
        try:
            self._proc.stdin.close()
        except OSError:  # BrokenPipeError: it stopped already
            pass

    def _read_said(self) -> str:
        """What the process wrote (the last 64 KB is enough for its last line)."""
        if self._said.closed:
            return ""
        try:
            size = self._said.seek(0, os.SEEK_END)
            self._said.seek(max(0, size - (1 << 16)))
            return self._said.read().decode("utf-8", errors="replace")
        finally:
            self._said.close()


def _read_pages(stream, site_dir: Path, builder: IndexBuilder) -> dict[str, object]:
    builder.lex.forms_by_lemma()  # made while the build makes its first pages
    known: dict[str, object] = {}
    while True:
        head = stream.readline()
        if not head:
            return known
        n_path, n_body = (int(x) for x in head.split())
        rel = stream.read(n_path).decode("utf-8")
        source = stream.read(n_body).decode("utf-8")
        page = read_page(page_url(site_dir, site_dir / rel), source)
        known[rel] = page
        if page is not None:  # its part of the index now, not after the build
            builder.add(page)


def main(argv: list[str]) -> int:
    site_dir = Path(argv[0])
    builder = IndexBuilder()
    known = _read_pages(sys.stdin.buffer, site_dir, builder)
    try:
        index_site(site_dir, known, builder)
    except SearchIndexError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # the index is written: no half second spent freeing the lexicon, the build waits for us
