"""The preview's background work after a save, one job at a time, with one cancel token.

A job calls token.checkpoint() often; a newer save pauses it there while it looks at the files
(while the job's Python holds the interpreter, each of the snapshot's thousands of stat() calls
waits for it), then either resumes it (nothing changed after all) or cancels it (checkpoint() then
says stop).
"""
from __future__ import annotations

import threading
from typing import Callable

RUNNING, PAUSING, PARKED, CANCELLED, DONE = "running", "pausing", "parked", "cancelled", "done"


class Token:
    """What a save tells the running job, and where the job is: one state under one lock."""

    def __init__(self):
        self._cond = threading.Condition()
        self._state = RUNNING

    def checkpoint(self) -> bool:
        """Called by the job: waits here while a save looks at the files; True means stop now."""
        with self._cond:
            if self._state == PAUSING:
                self._state = PARKED
                self._cond.notify_all()
                self._cond.wait_for(lambda: self._state != PARKED)
            return self._state == CANCELLED

    def pause(self) -> None:
        """Until the job waits at a checkpoint, or has ended."""
        with self._cond:
            if self._state == RUNNING:
                self._state = PAUSING
            self._cond.wait_for(lambda: self._state in (PARKED, CANCELLED, DONE))

    def resume(self) -> None:
        with self._cond:
            if self._state in (PAUSING, PARKED):
                self._state = RUNNING
                self._cond.notify_all()

    def cancel(self) -> None:
        with self._cond:
            if self._state != DONE:
                self._state = CANCELLED
                self._cond.notify_all()

    def done(self) -> None:
        with self._cond:
            self._state = DONE
            self._cond.notify_all()

    @property
    def cancelled(self) -> bool:
        with self._cond:
            return self._state == CANCELLED


class Worker:
    """Runs one job at a time on its own thread; starting a job cancels the one before."""

    def __init__(self, name: str = "forhandsvisning"):
        self.name = name
        self.thread: threading.Thread | None = None
        self.token: Token | None = None

    def start(self, job: Callable[[Token], None]) -> None:
        self.stop()
        token = self.token = Token()

        def run() -> None:
            try:
                job(token)
            finally:
                token.done()

        self.thread = threading.Thread(target=run, name=self.name, daemon=True)
        self.thread.start()

    def busy(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def pause(self) -> None:
        if self.busy():
            self.token.pause()

    def resume(self) -> None:
        if self.token is not None:
            self.token.resume()

    def stop(self) -> None:
        """Cancel the running job and wait for it to stop at its next checkpoint."""
        if self.busy():
            self.token.cancel()
            self.thread.join()
        self.thread = self.token = None

    def wait(self, timeout: float | None = None) -> None:
        if self.thread is not None:
            self.thread.join(timeout)
