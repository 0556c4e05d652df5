"""The search index in the background, for the preview server: one run at a time, and one more after
it when pages changed while it ran. It runs in its own process at lower priority, so saving a page
never waits for it (nor for Python's global interpreter lock). Each run is search.index_command().
"""
from __future__ import annotations

import logging
import os
import subprocess
import threading
from pathlib import Path

from .search import index_command

log = logging.getLogger("mkdocs.hooks.kulturskole.sok")


class BackgroundIndex:
    def __init__(self):
        self._lock = threading.Lock()
        self._wanted: Path | None = None
        self._running = False
        self._idle = threading.Event()
        self._idle.set()
        self.runs = 0  # finished runs (the bench and tests wait on it)

    def request(self, site_dir: Path) -> None:
        """Index site_dir soon (now, or as soon as the running index is done)."""
        with self._lock:
            self._wanted = Path(site_dir)
            self._idle.clear()
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._loop, name="sokeindeks", daemon=True).start()

    def wait(self, timeout: float | None = None) -> bool:
        """Until no index is running or wanted."""
        return self._idle.wait(timeout)

    def _loop(self) -> None:
        while True:
            with self._lock:
                site, self._wanted = self._wanted, None
                if site is None:
                    self._running = False
                    self._idle.set()
                    return
            if site.exists():
                r = subprocess.run(index_command(site), capture_output=True, text=True, preexec_fn=_lower_priority)
                if r.returncode:
                    log.warning("Søkeindeksen ble ikke oppdatert:\n%s", (r.stdout + r.stderr).strip())
                else:
                    log.info("Søkeindeksen er oppdatert.")
            self.runs += 1


SEARCH = BackgroundIndex()  # one per process: the hook and the preview server share it


def _lower_priority() -> None:
    try:
        os.nice(10)
    except OSError:
        pass

