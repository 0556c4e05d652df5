"""`make serve`: the site with a live preview that rebuilds only what a save changed.

    python -m macros.engine.serve [--dev-addr 127.0.0.1:8000]

MkDocs 1.6's `mkdocs serve` rebuilds the whole site on every save (7 s at 357 cases). This server
builds the site once with MkDocs (the same mkdocs.yml, hooks and theme as `make site`), keeps MkDocs'
files, navigation and theme environment, and after a save:

1. reloads the data (only the saved file is parsed again), makes the page of the saved case (or
   the saved hand-written page) with MkDocs' own page rendering and writes it; the browser tab
   showing that page reloads;
2. then, in the background, every other page whose text changed because of the save (county,
   focus-area and criteria pages, the explorer, the exports, the home page); each browser tab
   reloads when its own page was rewritten, unchanged pages are not rewritten;
3. then the search index (macros/site/search.py, in its own process), off the save path.

A data error is shown in the terminal and at the top of every page in the browser, while the last
good site stays served and the server keeps running; fixing the file removes the message. A change
to mkdocs.yml, overrides/ or the set of files in docs/ rebuilds everything; a change to the Python
code restarts the server.
"""
from __future__ import annotations

import argparse
import gc
import html
import io
import logging
import os
import posixpath
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
import wsgiref.util
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands import build as mkbuild
from mkdocs.config import load_config
from mkdocs.livereload import _SCRIPT_TEMPLATE, LiveReloadServer, _serve_url
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page

from macros.core import yamlsrc
from macros.core.catalog import data_stamp, load_site, remember
from macros.engine import fastpages
from macros.site.incremental import Cancelled, Generator
from macros.site.prebuild import write_if_changed
from macros.site.reindex import SEARCH

log = logging.getLogger("mkdocs.kulturskole.serve")

# What a change to a path means (paths relative to the project).
RESTART = ("macros/",)  # Python code: start the server again
FULL = ("mkdocs.yml", "overrides/")  # configuration and theme: build everything again
WATCH = ("data", "docs", "overrides", "macros", "mkdocs.yml")


def _now() -> int:
    return round(time.monotonic() * 1000)  # as mkdocs.livereload: comparable across restarts


# --- what changed on disk ---------------------------------------------------------------------

def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every watched file, by path relative to root. One scandir walk."""
    out: dict[str, tuple[int, int]] = {}
    for name in WATCH:
        top = root / name
        if top.is_file():
            st = top.stat()
            out[name] = (st.st_mtime_ns, st.st_size)
            continue
        # Relative paths by string joins, not pathlib: at 4,000 files pathlib took 0.3 s per save.
        stack = [(str(top), name)]
        while stack:
            folder, rel = stack.pop()
            try:
                with os.scandir(folder) as entries:
                    for e in entries:
                        if e.name.startswith(".") or e.name == "__pycache__":
                            continue
                        if e.is_dir(follow_symlinks=True):
                            stack.append((e.path, f"{rel}/{e.name}"))
                        elif e.is_file():
                            st = e.stat()
                            out[f"{rel}/{e.name}"] = (st.st_mtime_ns, st.st_size)
            except OSError:
                continue
    return out


@dataclass
class Change:
    modified: set[str] = field(default_factory=set)
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)

    @property
    def all(self) -> set[str]:
        return self.modified | self.added | self.removed


IGNORED_EVENTS = ("opened", "closed_no_write")


def _ignored_path(path: str, watched: str) -> bool:
    """A hidden file or folder, or __pycache__, below the watched path (an editor's swap file)."""
    rel = os.path.relpath(path, watched) if os.path.isabs(path) == os.path.isabs(watched) else path
    return any(part.startswith(".") and part not in (".", "..") or part == "__pycache__"
               for part in rel.replace(os.sep, "/").split("/"))


def diff(old: dict, new: dict) -> Change:
    return Change({p for p in new.keys() & old.keys() if new[p] != old[p]}, set(new.keys() - old.keys()),
                  set(old.keys() - new.keys()))


# --- the MkDocs state of one full build ----------------------------------------------------------

class _Capture(BasePlugin):
    """Keeps what MkDocs' build makes (files, navigation, theme environment) for later updates."""

    def on_nav(self, nav, config, files):
        self.nav, self.files = nav, files
        return nav

    def on_env(self, env, config, files):
        self.env = env
        return env


def banner_html(problems: list[str], title: str, built: bool = True) -> str:
    """The message at the top of every page while the data has errors (Material's admonition
    style; no inline style, so a Content-Security-Policy cannot hide it)."""
    items = "".join(f"<li>{html.escape(p)}</li>" for p in problems[:50])
    more = f"<p>… og {len(problems) - 50} til (se terminalen).</p>" if len(problems) > 50 else ""
    return ('<div class="md-typeset ks-forhandsvisning" role="alert" lang="nb">'
            f'<div class="admonition failure"><p class="admonition-title">{html.escape(title)}</p>'
            + ("<p>Siden under er forrige versjon som kunne bygges. " if built else
               "<p>Nettstedet kan ikke vises før feilene er rettet. ")
            + f"Rett feilene og lagre igjen; siden oppdateres av seg selv.</p><ul>{items}</ul>{more}</div></div>")


class Preview:
    """Builds the site into site_dir and keeps it up to date, page by page."""

    def __init__(self, config_file: Path, site_dir: Path, dev_addr: str | None = None):
        self.config_file = Path(config_file).resolve()
        self.root = self.config_file.parent
        self.site_dir = Path(site_dir)
        self.dev_addr = dev_addr
        self.lock = threading.Condition()  # guards changed_at, latest, error
        self.changed_at: dict[str, int] = {}  # URL path -> version at which it was rewritten
        self.latest = _now()  # version of the last change anywhere
        self.everything_at = self.latest  # version at which every page must reload (errors, full builds)
        self.error: tuple[str, list[str]] | None = None  # (title, lines) shown in the browser
        self.generator = Generator()
        self.built = False
        self._everything_again = False  # a title in the navigation changed: render every page
        self._data_pending = False  # data changed and the pages made from it are not all updated yet
        self._bg: threading.Thread | None = None
        self._cancel = threading.Event()
        # A save pauses the background at its next checkpoint while it looks at the files (see update()).
        self._pause = threading.Event()
        self._parked = threading.Event()
        self._resume = threading.Event()
        # The catalog the last save's first step loaded, with the data files it was read from: the
        # background work of the same save reuses it instead of loading and checking every case again
        # (at 2,000 cases that took ~2 s that a newer save could not interrupt).
        self._loaded: tuple[tuple, object] | None = None
        self.timings: list[dict] = []  # per update: what was done and how long it took (for the bench)
        yamlsrc.remember_parses(True)

    # --- MkDocs -----------------------------------------------------------------------------------
    def load_config(self):
        cwd = os.getcwd()
        os.chdir(self.root)  # mkdocs-macros finds module_name from here
        try:
            kwargs = {"dev_addr": self.dev_addr} if self.dev_addr else {}
            config = load_config(str(self.config_file), site_dir=str(self.site_dir), strict=False, **kwargs)
        finally:
            os.chdir(cwd)
        host, port = config.dev_addr
        self.mount_path = urllib.parse.urlsplit(config.site_url or "/").path
        config.site_url = self.serve_url = _serve_url(host, port, self.mount_path)
        self.capture = _Capture()
        config.plugins["kulturskole-forhandsvisning"] = self.capture
        return config

    def full_build(self) -> bool:
        """Everything, with MkDocs' build (as `make site`, but not strict and without waiting for the
        search index). False if it could not be built (the error is shown)."""
        t0 = time.perf_counter()
        self._stop_background()
        catalog, problems = load_site(self.root / "data")
        if problems:  # said in full, in the browser too (the hook would stop the build with the same list)
            self._show_data_errors(problems)
            self.snap = snapshot(self.root)
            return False
        self.config = config = self.load_config()
        config.plugins.on_startup(command="serve", dirty=False)
        cwd = os.getcwd()
        os.chdir(self.root)
        try:
            mkbuild.build(config, serve_url=self.serve_url)
        except Exception as exc:  # noqa: BLE001 - whatever stops the build is shown, the server lives on
            self._show_build_error(exc)
            return False
        finally:
            os.chdir(cwd)
        self.files, self.nav, self.env = self.capture.files, self.capture.nav, self.capture.env
        self.snap = snapshot(self.root)
        catalog, _ = load_site(self.root / "data")
        self.generator = Generator(config.site_url or None)
        self.generator.commit(self.generator.update(catalog, self._data_stamp()))
        self.built = True
        self._data_pending = self._everything_again = False
        self._set_error(None)
        self._mark_everything()
        log.info("Bygde hele nettstedet på %.1f s", time.perf_counter() - t0)
        return True

    def _populate(self, page: Page) -> None:
        cwd = os.getcwd()
        os.chdir(self.root)
        try:
            mkbuild._populate_page(page, self.config, self.files)
        finally:
            os.chdir(cwd)

    def _html(self, page: Page) -> str:
        """The theme's HTML for a populated page: mkdocs.commands.build._build_page without writing."""
        config = self.config
        config._current_page = page
        try:
            page.active = True
            doc_files = self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            context = mkbuild.get_context(self.nav, doc_files, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            output = template.render(context)
            return config.plugins.on_post_page(output, page=page, config=config)
        finally:
            page.active = False
            config._current_page = None

    def _publish(self, page: Page) -> bool:
        """Write the page if its HTML changed; the browsers showing it reload."""
        data = self._html(page).encode("utf-8", errors="xmlcharrefreplace")
        if write_if_changed(Path(page.file.abs_dest_path), data):
            self._mark(page.url)
            return True
        return False

    def _apply(self, gp) -> bool:
        """A generated page or file with new text: into MkDocs' files, rendered, written if changed."""
        f = self.files.get_file_from_path(gp.src_uri)
        if f is None:
            f = File.generated(self.config, gp.src_uri, content=gp.content, inclusion=InclusionLevel.NOT_IN_NAV)
            f.edit_uri = gp.edit_path
            self.files.append(f)
            if f.is_documentation_page():
                Page(None, f, self.config)
        elif isinstance(gp.content, bytes):
            f.content_bytes = gp.content
        else:
            f.content_string = str(gp.content)
        if not f.is_documentation_page():
            if write_if_changed(Path(f.abs_dest_path), f.content_bytes):
                self._mark(f.url)
                return True
            return False
        if type(f.page) is Page:
            f.page.__class__ = fastpages.FinalHtmlPage
        nav_title = f.page.title if any(p is f.page for p in self.nav.pages) else None
        self._populate(f.page)
        if nav_title is not None and f.page.title != nav_title:
            self._everything_again = True  # a title in the navigation changed: every page shows it
        return self._publish(f.page)

    def _remove(self, src_uri: str) -> None:
        f = self.files.get_file_from_path(src_uri)
        if f is None:
            return
        self.files.remove(f)
        path = Path(f.abs_dest_path)
        path.unlink(missing_ok=True)
        with _suppress():
            path.parent.rmdir()  # kommuner/x/ when it held only index.html
        self._mark(f.url)

    # --- after a save -------------------------------------------------------------------------------
    def update(self) -> None:
        """Called (on the server's build thread) after files changed. Never raises: an error is shown
        in the terminal and the browser, and the last good site stays served."""
        t0 = time.perf_counter()
        try:
            # Pause the last save's background work first: while its Python holds the interpreter,
            # each of the snapshot's 4,000 stat() calls waits for it (2-4 s at 2,000 cases). It goes
            # on where it stopped when nothing changed (an editor's temporary file, __pycache__).
            self._pause_background()
            new = snapshot(self.root)
            change = diff(getattr(self, "snap", {}), new)
            if not change.all and self.built:
                self._resume_background()
                return
            self._stop_background()
            paths = change.all
            if any(p.startswith(RESTART) and p.endswith(".py") for p in paths):
                self.restart()
            if not self.built or any(p.startswith(FULL) or p == "mkdocs.yml" for p in paths) or any(
                    p.startswith("docs/") for p in change.added | change.removed):
                self.full_build()
                self._record("alt", t0, paths)
                return
            self.snap = new
            # No garbage collection on the save path: with 2,000 cases the process holds millions of
            # objects, and a full collection (0.5 s) started by the new catalog would land here. The
            # background collects when it is done.
            gc.disable()
            try:
                done = self._first_step(change)
            finally:
                gc.enable()
            self._record("lagret side", t0, paths, pages=done)
            self._start_background(change)
        except Exception as exc:  # noqa: BLE001
            self._resume_background()  # never leave a paused background waiting
            self._show_build_error(exc)

    def _first_step(self, change: Change) -> list[str]:
        """The pages of the saved files themselves: what the editor is looking at."""
        written: list[str] = []
        docs = [p for p in change.modified if p.startswith("docs/")]
        for path in docs:
            src = path.removeprefix("docs/")
            f = self.files.get_file_from_path(src)
            if f is None:
                continue
            if f.is_documentation_page():
                self._populate(f.page)
                if self._publish(f.page):
                    written.append(f.url)
            else:
                f.copy_file(dirty=False)
                self._mark_everything()  # a stylesheet or script: every page may look different
        data = {p for p in change.all if p.startswith("data/")}
        if data:
            catalog = self._with_new_stories(change, data)
            if catalog is None:
                catalog, problems = load_site(self.root / "data")
                if problems:
                    self._loaded = None
                    self._show_data_errors(problems)
                    return written
                self._loaded = (self._data_files(), catalog)
            pages = self.generator.case_pages(catalog, self._data_stamp(), data)
            for gp in pages:
                if self._apply(gp):
                    written.append(gp.src_uri)
            self.generator.accept(pages)
        self._set_error(None)
        return written

    def _with_new_stories(self, change: Change, data: set[str]):
        """The loaded catalog with the new text of the saved stories, when nothing but existing
        stories (data/kommuner/*.md) changed since it was loaded; else None (load everything).

        A story's text is not checked beyond UTF-8, and the facts rules only ask whether a story
        exists, so nothing else in the catalog can change: no need to check 2,000 cases again."""
        loaded = self._loaded
        if loaded is None or change.added or change.removed or self.error is not None:
            return None
        if not all(p.startswith("data/kommuner/") and p.endswith(".md") for p in data):
            return None
        before, now = dict(loaded[0]), self._data_files()
        if {p for p, _ in now} != set(before) or any(before[p] != stat for p, stat in now if p not in data):
            return None
        catalog = loaded[1]
        stamp = data_stamp(self.root / "data")  # before reading: a later save makes a newer one
        by_story = {c.markdown_path: c for c in [*catalog.ds.cases, *catalog.examples] if c.markdown_path}
        texts = {}
        for path in data:
            if path not in by_story:
                return None
            try:
                texts[path] = (self.root / path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None  # the full load says what is wrong, in Norwegian
        for path, text in texts.items():
            by_story[path].markdown = text
        self._loaded = (now, catalog)
        remember(self.root / "data", stamp, catalog)  # the home page's macros read it through load_site
        return catalog

    def _start_background(self, change: Change) -> None:
        self._cancel.clear()
        self._pause.clear()
        self._parked.clear()
        # Work a cancelled run left undone stays wanted until a run finishes it.
        self._data_pending = self._data_pending or any(p.startswith("data/") for p in change.all)
        self._bg = threading.Thread(target=self._background, args=(self._data_pending,), name="forhandsvisning",
                                    daemon=True)
        self._bg.start()

    def _stop_background(self) -> None:
        if self._bg is not None and self._bg.is_alive():
            self._cancel.set()
            self._resume.set()  # a parked background wakes up to stop
            self._bg.join()
        self._bg = None
        self._pause.clear()

    def _pause_background(self) -> None:
        """Until the background waits at a checkpoint (or has ended)."""
        bg = self._bg
        if bg is None or not bg.is_alive():
            return
        self._resume.clear()
        self._pause.set()
        while bg.is_alive() and not self._parked.wait(0.01):
            pass

    def _resume_background(self) -> None:
        self._pause.clear()
        self._resume.set()

    def _stopping(self) -> bool:
        """The background's checkpoint: wait here while a save looks at the files; True to stop."""
        if self._pause.is_set() and not self._cancel.is_set():
            self._parked.set()
            self._resume.wait()
            self._parked.clear()
        return self._cancel.is_set()

    def _background(self, data_changed: bool) -> None:
        """Everything else the save changed, then the search index. Stops early for a newer save."""
        t0 = time.perf_counter()
        written: list[str] = []
        try:
            if data_changed and self.error is None:
                loaded = self._loaded
                if loaded is not None and loaded[0] == self._data_files():
                    catalog = loaded[1]
                else:
                    catalog, problems = load_site(self.root / "data")
                    if problems:
                        return
                    self._loaded = (self._data_files(), catalog)
                changes = self.generator.update(catalog, self._data_stamp(), cancelled=self._stopping)
                for gp in changes.changed:
                    if self._stopping():
                        return
                    if self._apply(gp):
                        written.append(gp.src_uri)
                for uri in changes.removed:
                    self._remove(uri)
                    written.append(uri)
                self.generator.commit(changes)
                # Hand-written pages that show data through macros (home page, accessibility statement).
                for f in self.files.documentation_pages():
                    if self._stopping():
                        return
                    if f.generated_by is None and f.page is not None and f.page.meta.get("render_macros"):
                        self._populate(f.page)
                        if self._publish(f.page):
                            written.append(f.url)
                self._data_pending = False
            if self._everything_again:
                for f in self.files.documentation_pages():
                    if self._stopping():
                        return
                    if self._publish(f.page):
                        written.append(f.url)
                self._everything_again = False
            self._record("bakgrunn", t0, set(), pages=written)
            SEARCH.request(self.site_dir)
            gc.collect()  # now, rather than during the next save
        except Cancelled:
            return
        except Exception as exc:  # noqa: BLE001
            self._show_build_error(exc)

    def wait_background(self, timeout: float | None = None) -> None:
        if self._bg is not None:
            self._bg.join(timeout)

    def _data_files(self) -> tuple:
        """Fingerprint of every data file (path, size and time): a catalog read from them is current."""
        snap = getattr(self, "snap", None) or snapshot(self.root)
        return tuple(sorted((p, s) for p, s in snap.items() if p.startswith("data/")))

    def _data_stamp(self) -> tuple:
        """Fingerprint of the data files that are not case files (any case page may show them)."""
        snap = getattr(self, "snap", None) or snapshot(self.root)
        return tuple(sorted((p, s) for p, s in snap.items()
                            if p.startswith("data/") and not p.startswith("data/kommuner/")))

    def restart(self) -> None:
        log.info("Python-koden er endret: starter forhåndsvisningen på nytt.")
        SEARCH.wait(30)
        os.execv(sys.executable, [sys.executable, "-m", "macros.engine.serve", *sys.argv[1:]])

    # --- what the browser sees ------------------------------------------------------------------
    def _mark(self, url: str) -> None:
        path = "/" + url.lstrip("./")
        with self.lock:
            self.latest = max(_now(), self.latest + 1)
            self.changed_at[path] = self.latest
            self.lock.notify_all()

    def _mark_everything(self) -> None:
        with self.lock:
            self.latest = self.everything_at = max(_now(), self.latest + 1)
            self.lock.notify_all()

    def _set_error(self, error: tuple[str, list[str]] | None) -> None:
        if error != self.error:
            self.error = error
            self._mark_everything()

    def _show_data_errors(self, problems) -> None:
        self._set_error(("Datafilene har feil", [str(p) for p in problems]))
        log.error("Datafilene har %d feil; %s til de er rettet:\n%s", len(problems),
                  "forrige versjon vises" if self.built else "nettstedet bygges",
                  "\n".join(f"  {p}" for p in problems))

    def _show_build_error(self, exc: Exception) -> None:
        text = str(exc) or exc.__class__.__name__
        log.error("Nettstedet kunne ikke bygges:\n%s", text)
        if not isinstance(exc, (mkbuild.Abort, mkbuild.BuildError)) and "Datafilene har" not in text:
            traceback.print_exc()
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        self._set_error(("Nettstedet kunne ikke bygges", lines or [text]))

    def wait_for_change(self, page: str, since: int, timeout: float) -> int:
        """Until the page at URL path `page` (or every page) changed after version `since`."""
        def newer() -> int:
            return max(self.changed_at.get(page, 0), self.everything_at)
        with self.lock:
            self.lock.wait_for(lambda: newer() > since, timeout=timeout)
            return newer() if newer() > since else since

    def _record(self, kind: str, t0: float, paths: set[str], pages: list[str] = ()) -> None:
        seconds = time.perf_counter() - t0
        self.timings.append({"kind": kind, "seconds": seconds, "paths": sorted(paths), "pages": list(pages)})
        if pages:
            log.info("%s: %d sider oppdatert på %.2f s", kind.capitalize(), len(pages), seconds)


class _suppress:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return exc[0] is not None and issubclass(exc[0], OSError)


# --- the HTTP server -------------------------------------------------------------------------------

class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, with reloads per page and the error message in every page."""

    def __init__(self, preview: Preview, host: str, port: int):
        self.preview = preview
        super().__init__(builder=preview.update, host=host, port=port, root=str(preview.site_dir),
                         mount_path=preview.mount_path)
        self.build_delay = 0.05
        try:  # inotify: a save is seen at once (MkDocs polls every 0.5 s)
            from watchdog.observers import Observer
            self.observer = Observer()
        except Exception:  # noqa: BLE001 - keep MkDocs' polling observer
            pass
        schedule = self.observer.schedule

        def only_writes(handler, path, *args, **kwargs):
            # inotify also reports files opened and closed for reading: the preview reading the data
            # would count as a change. Hidden files and __pycache__ are never part of the site.
            react = handler.on_any_event

            def on_any_event(event):
                if event.event_type in IGNORED_EVENTS or _ignored_path(os.fsdecode(event.src_path), str(path)):
                    return
                react(event)

            handler.on_any_event = on_any_event
            return schedule(handler, path, *args, **kwargs)

        self.observer.schedule = only_writes

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path.startswith("/livereload/"):
            m = re.fullmatch(r"/livereload/([0-9]+)/[0-9]+", path)
            if m:
                page = self._page_path(environ.get("HTTP_REFERER") or "")
                version = self.preview.wait_for_change(page, int(m[1]), self.poll_response_timeout)
                start_response("200 OK", [("Content-Type", "text/plain")])
                return [b"%d" % version]
        if not (path + "/").startswith(self.mount_path):
            if path == "/":
                start_response("302 Found", [("Location", urllib.parse.quote(self.mount_path))])
                return []
            return None
        rel = path[len(self.mount_path):]
        if path.endswith("/"):
            rel += "index.html"
        rel = posixpath.normpath("/" + rel).lstrip("/")
        file_path = os.path.join(self.root, rel)
        with self.preview.lock:
            version = self.preview.latest
        try:
            with open(file_path, "rb") as f:
                content = f.read()
        except OSError:
            if not path.endswith("/") and os.path.isfile(os.path.join(file_path, "index.html")):
                start_response("302 Found", [("Location", urllib.parse.quote(path) + "/")])
                return []
            if not self.preview.built and self.preview.error:
                content = self._error_page()
                file_path = "index.html"
            else:
                return None
        if file_path.endswith(".html"):
            content = self._inject(content, version)
        start_response("200 OK", [("Content-Type", self._guess_type(file_path)),
                                  ("Content-Length", str(len(content))), ("Cache-Control", "no-store")])
        return wsgiref.util.FileWrapper(io.BytesIO(content))

    def _page_path(self, referer: str) -> str:
        path = urllib.parse.unquote(urllib.parse.urlsplit(referer).path)
        if path.startswith(self.mount_path):
            path = "/" + path[len(self.mount_path):]
        if path.endswith("/index.html"):
            path = path[: -len("index.html")]
        return path

    def _inject(self, content: bytes, version: int) -> bytes:
        error = self.preview.error
        if error:
            banner = banner_html(error[1], error[0], self.preview.built).encode("utf-8")
            m = re.search(rb"<body\b[^>]*>", content)
            at = m.end() if m else 0
            content = content[:at] + banner + content[at:]
        script = _SCRIPT_TEMPLATE.substitute(epoch=version, request_id=_now()).encode()
        at = content.rfind(b"</body>")
        at = len(content) if at < 0 else at
        return content[:at] + b"<script>" + script + b"</script>" + content[at:]

    def _error_page(self) -> bytes:
        return (b'<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Kulturskole 3.0 - feil'
                b"</title></head><body></body></html>")

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m macros.engine.serve",
                                 description="Forhåndsvisning av nettstedet som oppdateres når du lagrer.")
    ap.add_argument("--dev-addr", default="127.0.0.1:8000", help="adresse og port (standard 127.0.0.1:8000)")
    ap.add_argument("--config-file", "-f", default="mkdocs.yml")
    ap.add_argument("--site-dir", help="bygg hit og behold mappen (standard: en midlertidig mappe som slettes)")
    args = ap.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _logging()
    signal.signal(signal.SIGTERM, _stop)  # as Ctrl+C: stop cleanly, remove the temporary folder
    keep = bool(args.site_dir)
    site_dir = Path(args.site_dir) if keep else Path(tempfile.mkdtemp(prefix="kulturskole-forhandsvisning-"))
    preview = Preview(Path(args.config_file), site_dir, args.dev_addr)
    try:
        preview.full_build()
        host, port = preview.config.dev_addr if preview.built else _addr(args.dev_addr)
        if not preview.built:
            preview.mount_path = "/"
        server = PreviewServer(preview, host, port)
        for name in WATCH:
            if (preview.root / name).exists():
                server.watch(str(preview.root / name))
        try:
            log.info("Forhåndsvisning på %s (Ctrl+C avslutter)", server.url)
            server.serve()
        except KeyboardInterrupt:
            log.info("Avslutter ...")
        finally:
            server.shutdown()
    finally:
        preview._stop_background()
        SEARCH.wait(60)
        if not keep:
            shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def _stop(*_) -> None:
    raise KeyboardInterrupt


def _addr(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host or "127.0.0.1", int(port)


def _logging() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    for name in ("mkdocs", "macros"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


if __name__ == "__main__":
    sys.exit(main())
