"""The preview: builds the site once, and after a save makes only what the save changed.

It ties the parts together: watch.py (what changed on disk), renderer.py (MkDocs), worker.py (the
background job with its cancel token), site/incremental.py (which generated pages changed) and
http.py (what the browser gets). The preview is serial: it has threads, so it never forks
(core/forked.py), and the search index runs in its own process (site/reindex.py).
"""
from __future__ import annotations

import gc
import html
import logging
import os
import sys
import threading
import time
import traceback
from pathlib import Path

from mkdocs.exceptions import Abort, BuildError

from macros.core.catalog import validate
from macros.core.forked import Workers
from macros.core.yamlsrc import Memory
from macros.engine.serve.renderer import Renderer
from macros.engine.serve.watch import FULL, RESTART, Change, data_files, data_stamp, diff, snapshot
from macros.engine.serve.worker import Token, Worker
from macros.site import scripts
from macros.site.incremental import Cancelled, Generator
from macros.site.pagebase import GeneratedPage
from macros.site.reindex import BackgroundIndex

log = logging.getLogger("mkdocs.kulturskole.serve")


def _now() -> int:
    return round(time.monotonic() * 1000)  # comparable across restarts, as mkdocs.livereload's


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


class Versions:
    """Which version of each page the browsers have seen: a tab reloads when its page changed."""

    def __init__(self):
        self.lock = threading.Condition()
        self.changed_at: dict[str, int] = {}  # URL path -> version at which it was rewritten
        self.latest = _now()  # version of the last change anywhere
        self.everything_at = self.latest  # version at which every page must reload

    def mark(self, url: str) -> None:
        path = "/" + url.lstrip("./")
        with self.lock:
            self.latest = max(_now(), self.latest + 1)
            self.changed_at[path] = self.latest
            self.lock.notify_all()

    def mark_everything(self) -> None:
        with self.lock:
            self.latest = self.everything_at = max(_now(), self.latest + 1)
            self.lock.notify_all()

    def current(self) -> int:
        with self.lock:
            return self.latest

    def wait_for_change(self, page: str, since: int, timeout: float) -> int:
        """Until the page at URL path `page` (or every page) changed after version `since`."""
        def newer() -> int:
            return max(self.changed_at.get(page, 0), self.everything_at)
        with self.lock:
            self.lock.wait_for(lambda: newer() > since, timeout=timeout)
            return newer() if newer() > since else since


class Preview:
    """Builds the site into site_dir and keeps it up to date, page by page."""

    def __init__(self, config_file: Path, site_dir: Path, dev_addr: str | None = None):
        self.renderer = Renderer(config_file, site_dir, dev_addr)
        self.root = self.renderer.config_file.parent
        self.site_dir = Path(site_dir)
        self.versions = Versions()
        self.error: tuple[str, list[str]] | None = None  # (title, lines) shown in the browser
        self.generator = Generator()
        self.memory = Memory()  # the last parses and checks: after a save only the saved file again
        self.worker = Worker()
        self.search = BackgroundIndex()
        self.built = False
        self.snap: dict[str, tuple[int, int]] = {}
        self._everything_again = False  # a title in the navigation changed: render every page
        self._data_pending = False  # data changed and the pages made from it are not all updated yet
        # The catalog the last save's first step loaded, with the data files it was read from: the
        # background work of the same save reuses it instead of loading and checking every case again.
        self._loaded: tuple[tuple, object] | None = None
        self.timings: list[dict] = []  # per update: what was done and how long it took (for the bench)

    # --- building ---------------------------------------------------------------------------------
    def load(self):
        """(catalog or None, problems) of the data now, reusing unchanged files' parses and checks."""
        return validate(self.root / "data", Workers.serial(), self.memory)

    def full_build(self) -> bool:
        """Everything, with MkDocs' build (as `make site`, but not strict and without waiting for the
        search index). False if it could not be built (the error is shown)."""
        t0 = time.perf_counter()
        self.worker.stop()
        catalog, problems = self.load()
        self.snap = snapshot(self.root)
        if problems:  # said in full, in the browser too (the hook would stop the build with the same list)
            self._show_data_errors(problems)
            return False
        try:
            self.renderer.build(catalog)
        except Exception as exc:  # noqa: BLE001 - whatever stops the build is shown, the server lives on
            self._show_build_error(exc)
            return False
        self._loaded = (self._data_files(), catalog)
        self._use_catalog(catalog)
        self.generator = Generator(self.renderer.config.site_url or None)
        self.generator.commit(self.generator.update(catalog, self._data_stamp()))
        self.built = True
        self._data_pending = self._everything_again = False
        self._set_error(None)
        self.versions.mark_everything()
        self.search.request(self.site_dir)
        log.info("Bygde hele nettstedet på %.1f s", time.perf_counter() - t0)
        return True

    def _use_catalog(self, catalog) -> None:
        """The catalog the home page's macros show (engine/page_macros.py reads the build's)."""
        build = self.renderer.build_state
        if build is not None:
            build.catalog = catalog

    def _apply(self, gp) -> bool:
        """A generated page or file with new text: into MkDocs' files, rendered, written if changed."""
        r = self.renderer
        f = r.set_content(gp.src_uri, gp.content, gp.edit_path)
        if not f.is_documentation_page():
            from macros.site.prebuild import write_if_changed

            if write_if_changed(Path(f.abs_dest_path), f.content_bytes):
                self.versions.mark(f.url)
                return True
            return False
        nav_title = f.page.title if r.in_nav(f.page) else None
        r.populate(f.page)
        if nav_title is not None and f.page.title != nav_title:
            self._everything_again = True  # a title in the navigation changed: every page shows it
        return self._publish(f.page)

    def _publish(self, page) -> bool:
        """Write the page if its HTML changed; the browsers showing it reload."""
        if self.renderer.write(page):
            self.versions.mark(page.url)
            return True
        return False

    def _remove(self, src_uri: str) -> None:
        f = self.renderer.remove(src_uri)
        if f is None:
            return
        path = Path(f.abs_dest_path)
        path.unlink(missing_ok=True)
        try:
            path.parent.rmdir()  # kommuner/x/ when it held only index.html
        except OSError:
            pass
        self.versions.mark(f.url)

    # --- after a save -------------------------------------------------------------------------------
    def update(self) -> None:
        """Called (on the watcher's thread) after files changed. Never raises: an error is shown
        in the terminal and the browser, and the last good site stays served."""
        t0 = time.perf_counter()
        try:
            # Pause the last save's background work first (worker.py says why); it goes on where it
            # stopped when nothing changed (an editor's temporary file, __pycache__).
            self.worker.pause()
            new = snapshot(self.root)
            change = diff(self.snap, new)
            if not change.all and self.built:
                self.worker.resume()
                return
            self.worker.stop()
            paths = change.all
            if any(p.startswith(RESTART) and p.endswith(".py") for p in paths):
                self.restart()
            if not self.built or any(p.startswith(FULL) for p in paths) or any(
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
            self._data_pending = self._data_pending or any(p.startswith("data/") for p in paths)
            self.worker.start(self._background)
        except Exception as exc:  # noqa: BLE001
            self.worker.resume()  # never leave a paused background waiting
            self._show_build_error(exc)

    def _first_step(self, change: Change) -> list[str]:
        """The pages of the saved files themselves: what the editor is looking at."""
        written: list[str] = []
        if any(scripts.ours(p.removeprefix("docs/")) for p in change.all if p.startswith("docs/")):
            written += self._serve_scripts()
        for path in sorted(p for p in change.modified if p.startswith("docs/")):
            if scripts.ours(path.removeprefix("docs/")):
                continue  # served above
            f = self.renderer.file(path.removeprefix("docs/"))
            if f is None:
                continue
            if f.is_documentation_page():
                self.renderer.populate(f.page)
                if self._publish(f.page):
                    written.append(f.url)
            else:
                f.copy_file(dirty=False)
                self.versions.mark_everything()  # a stylesheet or script: every page may look different
        data = {p for p in change.all if p.startswith("data/")}
        if data:
            catalog = self._with_new_stories(change, data)
            if catalog is None:
                catalog, problems = self.load()
                if problems:
                    self._loaded = None
                    self._show_data_errors(problems)
                    return written
                self._loaded = (self._data_files(), catalog)
            self._use_catalog(catalog)
            pages = self.generator.case_pages(catalog, self._data_stamp(), data)
            for gp in pages:
                if self._apply(gp):
                    written.append(gp.src_uri)
            self.generator.accept(pages)
        self._set_error(None)
        return written

    def _serve_scripts(self) -> list[str]:
        """Our scripts again as the build serves them (site/scripts.py: compacted, a folder of parts as
        one file), after one of them or a part was saved; the files that changed."""
        changed = []
        docs = Path(self.renderer.config.docs_dir)
        for rel, text in scripts.serve(scripts.sources(docs)).items():
            if self._apply(GeneratedPage(rel, text)):
                changed.append(rel)
        if changed:
            self.versions.mark_everything()  # every page loads them
        return changed

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
        return catalog

    def _background(self, token: Token) -> None:
        """Everything else the save changed, then the search index. Stops early for a newer save."""
        t0 = time.perf_counter()
        written: list[str] = []
        try:
            if self._data_pending and self.error is None:
                if not self._background_data(token, written):
                    return
            if self._everything_again:
                for f in self.renderer.documentation_pages():
                    if token.checkpoint():
                        return
                    if self._publish(f.page):
                        written.append(f.url)
                self._everything_again = False
            self._record("bakgrunn", t0, set(), pages=written)
            self.search.request(self.site_dir)
            gc.collect()  # now, rather than during the next save
        except Cancelled:
            return
        except Exception as exc:  # noqa: BLE001
            self._show_build_error(exc)

    def _background_data(self, token: Token, written: list[str]) -> bool:
        """The pages made from data that the save changed; False when stopped for a newer save."""
        loaded = self._loaded
        if loaded is not None and loaded[0] == self._data_files():
            catalog = loaded[1]
        else:
            catalog, problems = self.load()
            if problems:
                return False
            self._loaded = (self._data_files(), catalog)
            self._use_catalog(catalog)
        changes = self.generator.update(catalog, self._data_stamp(), cancelled=token.checkpoint)
        for gp in changes.changed:
            if token.checkpoint():
                return False
            if self._apply(gp):
                written.append(gp.src_uri)
        for uri in changes.removed:
            self._remove(uri)
            written.append(uri)
        self.generator.commit(changes)
        # Hand-written pages that show data through macros (home page, accessibility statement).
        for f in self.renderer.documentation_pages():
            if token.checkpoint():
                return False
            if f.generated_by is None and f.page is not None and f.page.meta.get("render_macros"):
                self.renderer.populate(f.page)
                if self._publish(f.page):
                    written.append(f.url)
        self._data_pending = False
        return True

    def wait_background(self, timeout: float | None = None) -> None:
        self.worker.wait(timeout)

    def stop(self) -> None:
        self.worker.stop()

    def _data_files(self) -> tuple:
        return data_files(self.snap or snapshot(self.root))

    def _data_stamp(self) -> tuple:
        return data_stamp(self.snap or snapshot(self.root))

    def restart(self) -> None:
        log.info("Python-koden er endret: starter forhåndsvisningen på nytt.")
        self.search.wait(30)
        os.execv(sys.executable, [sys.executable, "-m", "macros.engine.serve", *sys.argv[1:]])

    # --- what the browser sees ------------------------------------------------------------------
    def _set_error(self, error: tuple[str, list[str]] | None) -> None:
        if error != self.error:
            self.error = error
            self.versions.mark_everything()

    def _show_data_errors(self, problems) -> None:
        self._set_error(("Datafilene har feil", [str(p) for p in problems]))
        log.error("Datafilene har %d feil; %s til de er rettet:\n%s", len(problems),
                  "forrige versjon vises" if self.built else "nettstedet bygges",
                  "\n".join(f"  {p}" for p in problems))

    def _show_build_error(self, exc: Exception) -> None:
        text = str(exc) or exc.__class__.__name__
        log.error("Nettstedet kunne ikke bygges:\n%s", text)
        if not isinstance(exc, (Abort, BuildError)) and "Datafilene har" not in text:
            traceback.print_exc()
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        self._set_error(("Nettstedet kunne ikke bygges", lines or [text]))

    def _record(self, kind: str, t0: float, paths: set[str], pages: list[str] = ()) -> None:
        seconds = time.perf_counter() - t0
        self.timings.append({"kind": kind, "seconds": seconds, "paths": sorted(paths), "pages": list(pages)})
        if pages:
            log.info("%s: %d sider oppdatert på %.2f s", kind.capitalize(), len(pages), seconds)
