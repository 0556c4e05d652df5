"""The search index in the background, for the preview server: one run at a time, and one more after
it when pages changed while it ran. It runs in its own process at lower priority, so saving a page
never waits for it (nor for Python's global interpreter lock). Each run is search.index_command(),
with a deadline. The preview server owns one BackgroundIndex.
"""
from __future__ import annotations

import logging
import os
import subprocess
import threading
from pathlib import Path

from ..core.forked import JOBS
from .search import index_command

log = logging.getLogger("mkdocs.hooks.kulturskole.sok")


class BackgroundIndex:
    def __init__(self, deadline: float | None = None):
        self.deadline = JOBS["søkeprosess"].deadline if deadline is None else deadline
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
        try:
            while True:
                with self._lock:
                    site, self._wanted = self._wanted, None
                    if site is None:
                        return
                if site.exists():
                    try:
                        self._run(site)
                    except OSError as exc:  # the process could not start: said, and the next request tries again
                        log.warning("Søkeindeksen ble ikke oppdatert: %s", exc)
                self.runs += 1
        finally:  # whatever happens, a later request starts a new run
            with self._lock:
                self._running = False
                if self._wanted is None:
                    self._idle.set()
                else:
                    self._running = True
                    threading.Thread(target=self._loop, name="sokeindeks", daemon=True).start()

    def _run(self, site: Path) -> None:
        proc = subprocess.Popen(index_command(site), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                close_fds=True)  # the index forks nothing (site/search.py), so no setting here
        try:  # lower priority from here, not from inside the child: no preexec_fn in a process with threads
            os.setpriority(os.PRIO_PROCESS, proc.pid, min(19, os.getpriority(os.PRIO_PROCESS, 0) + 10))
        except (AttributeError, OSError):
            pass
        try:
            said, _ = proc.communicate(timeout=self.deadline)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            log.warning("Søkeindeksen ble ikke oppdatert: søkeprosessen ble ikke ferdig innen %.0f s.", self.deadline)
            return
        if proc.returncode:
            log.warning("Søkeindeksen ble ikke oppdatert:\n%s", said.strip())
        else:
            log.info("Søkeindeksen er oppdatert.")
