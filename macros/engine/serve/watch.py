"""What changed on disk: snapshots of the watched files, their differences, and the watcher that
wakes the preview when something was written (watchdog: inotify where it can, else polling)."""
from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

log = logging.getLogger("mkdocs.kulturskole.serve")

# What a change to a path means (paths relative to the project).
RESTART = ("macros/",)  # Python code: start the server again
FULL = ("mkdocs.yml", "overrides/")  # configuration and theme: build everything again
WATCH = ("data", "docs", "overrides", "macros", "mkdocs.yml")
# inotify also reports files opened and closed for reading: the preview reading the data would count
# as a change.
IGNORED_EVENTS = ("opened", "closed_no_write")


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


def diff(old: dict, new: dict) -> Change:
    return Change({p for p in new.keys() & old.keys() if new[p] != old[p]}, set(new.keys() - old.keys()),
                  set(old.keys() - new.keys()))


def data_files(snap: dict) -> tuple:
    """Fingerprint of every data file (path, size and time): a catalog read from them is current."""
    return tuple(sorted((p, s) for p, s in snap.items() if p.startswith("data/")))


def data_stamp(snap: dict) -> tuple:
    """Fingerprint of the data files that are not case files (any case page may show them)."""
    return tuple(sorted((p, s) for p, s in snap.items()
                        if p.startswith("data/") and not p.startswith("data/kommuner/")))


def ignored_path(path: str, watched: str) -> bool:
    """A hidden file or folder, or __pycache__, below the watched path (an editor's swap file)."""
    rel = os.path.relpath(path, watched) if os.path.isabs(path) == os.path.isabs(watched) else path
    return any(part.startswith(".") and part not in (".", "..") or part == "__pycache__"
               for part in rel.replace(os.sep, "/").split("/"))


class Watcher:
    """Calls on_change (on its own thread, one call at a time) when files under the watched paths
    were written, once they have been quiet for `settle` seconds."""

    def __init__(self, root: Path, on_change: Callable[[], None], settle: float = 0.05):
        self.root = Path(root)
        self.on_change = on_change
        self.settle = settle
        self.wanted = False  # a write was seen and not handled yet
        self._cond = threading.Condition()
        self._stopped = False
        self._thread: threading.Thread | None = None
        try:  # inotify: a save is seen at once
            from watchdog.observers import Observer
            self.observer = Observer()
        except Exception:  # noqa: BLE001 - polling works everywhere
            from watchdog.observers.polling import PollingObserver
            self.observer = PollingObserver(timeout=0.5)

    def watch(self, path: Path) -> None:
        import watchdog.events

        watched = str(path)
        handler = watchdog.events.FileSystemEventHandler()

        def on_any_event(event) -> None:
            if event.is_directory or event.event_type in IGNORED_EVENTS \
                    or ignored_path(os.fsdecode(event.src_path), watched):
                return
            with self._cond:
                self.wanted = True
                self._cond.notify_all()

        handler.on_any_event = on_any_event
        self.observer.schedule(handler, watched, recursive=path.is_dir())

    def watch_project(self) -> None:
        for name in WATCH:
            if (self.root / name).exists():
                self.watch(self.root / name)

    def start(self) -> None:
        self.observer.start()
        self._thread = threading.Thread(target=self._loop, name="endringer", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        self.observer.stop()
        self.observer.join(5)

    def _loop(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self.wanted or self._stopped)
                if self._stopped:
                    return
                while self._cond.wait(self.settle):  # more writes: wait until they stop
                    pass
                self.wanted = False
            try:
                self.on_change()
            except Exception:  # noqa: BLE001 - on_change shows its own errors; the watcher lives on
                log.exception("Forhåndsvisningen kunne ikke oppdateres")
