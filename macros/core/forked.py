"""Part of a list of independent jobs in a second process, while this one does the rest.

The build uses the second core this way: a forked child parses part of the case files
(core/load.py), makes part of the case pages (site/generate.py; about 5 of 8 s of the pages from
data at 2,000 cases) and writes the search result lines (site/search.py). A forked child has the
loaded data already; it does its share, sends the results back pickled, and exits.

Only where forking is safe: on a system with fork, and in a process with a single thread (a thread
holding a lock at the moment of the fork would leave the child stuck; the preview server has threads,
so it stays serial). If the child fails in any way, this process does the child's share itself:
the result is always the same list as [fn(x) for x in items].
"""
from __future__ import annotations

import os
import pickle
import signal
import threading
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1 and os.cpu_count() not in (None, 1)


class Share:
    """fn over items, in a forked child when possible; result() gives the list (in item order)."""

    def __init__(self, fn: Callable[[T], R], items: Sequence[T], fork: bool = True):
        self._fn, self._items = fn, list(items)
        self._pid = None
        if fork and self._items and can_fork():
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: never returns
                os.close(read)
                code = 0
                try:
                    data = pickle.dumps([fn(x) for x in self._items], protocol=pickle.HIGHEST_PROTOCOL)
                    with os.fdopen(write, "wb") as out:
                        out.write(data)
                except BaseException:  # noqa: BLE001 - the parent redoes the work and reports any error
                    code = 1
                finally:
                    os._exit(code)
            os.close(write)
            self._pid, self._read = pid, read

    def __enter__(self) -> "Share":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop a child whose result is no longer wanted (this process stopped with an error)."""
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except OSError:
                pass
            os.waitpid(self._pid, 0)
            os.close(self._read)
            self._pid = None

    def result(self) -> list[R]:
        if self._pid is None:
            return [self._fn(x) for x in self._items]
        with os.fdopen(self._read, "rb") as inp:
            data = inp.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if status == 0:
            try:
                out = pickle.loads(data)  # noqa: S301 - our own child's pages, through our own pipe
                if isinstance(out, list) and len(out) == len(self._items):
                    return out
            except Exception:  # noqa: BLE001 - redo below
                pass
        return [self._fn(x) for x in self._items]  # the child failed: same work here, errors raise here
