"""Parallel work, decided once: how many processes the build may use, and each list of jobs it
splits between this process and a forked child.

The entry points decide (the MkDocs hook and `kulturskole`; the preview server is always serial)
and pass a `Workers` value down to load_dataset and generate. The search index is built serially,
in its own process beside the build (site/searchfeed.py, the last entry of JOBS).
Nothing below them asks the machine or the environment again.

    workers = Workers.from_env()          # KULTURSKOLE_PROSESSER, else `auto`
    own, child = workers.share("casesider", make_page, cases)
    with child:                           # the child makes the last share meanwhile
        mine = [make_page(c) for c in own]
        pages = mine + child.result()     # always [make_page(c) for c in cases], in order

`auto` forks only on Linux (macOS forks, but CPython made spawn its default there because forked
children can crash), and only when os.sched_getaffinity gives this process more than one CPU.
`KULTURSKOLE_PROSESSER=1` makes everything serial; `=N` caps the processes at N. Each list is split
in two (this process and one child), so more than 2 gives nothing more today.

A child is forked only from a process with a single thread (a thread holding a lock at the moment
of the fork would leave the child stuck). Every child has a deadline. A child that fails or misses
its deadline is logged once, at info level, and this process does its share: the result is always
the same list. What a child logs is logged again here, so strict mode counts its warnings.
"""
from __future__ import annotations

import gc
import logging
import os
import pickle
import select
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Generic, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

ENV = "KULTURSKOLE_PROSESSER"


@dataclass(frozen=True)
class Job:
    """How one list of jobs is split: the numbers were measured at 357 and 2,000 cases on 2 cores."""
    fork_from: int  # items; with fewer, starting a child costs more than it saves
    child_share: float  # the last share of the items goes to the child
    deadline: float  # seconds from the fork; the child's share takes under a tenth of this at 2,000 cases
    why: str


# Every tuning number of the parallel build, with the reason for each.
JOBS: dict[str, Job] = {
    "yaml": Job(200, 0.55, 60.0,
                "Parsing is two thirds of reading the case files (1.2 of 1.9 s at 2,000 cases); this "
                "process parses and checks the first 45 % while the child parses the rest (CPU at 2,000 "
                "cases with 60 %: 0.6 s here, 0.8 s in the child, pickling included)."),
    "casesider": Job(100, 0.65, 120.0,
                     "Case pages are most of the pages from data (about 5 of 8 s at 2,000 cases); this "
                     "process makes the other pages (counties, exports, explorer) meanwhile, so with 65 % "
                     "in the child both finish at about the same time (CPU: 3.9 s here, 3.4 s there). "
                     "The 16-case build stays serial."),
    "ferdige sider": Job(10**9, 0.45, 120.0,
                         "Reading our generated pages for MkDocs (front matter, headings, ids, links: "
                         "engine/fastpages.py). Not forked since 5 Dec: with the merged site's larger pages "
                         "the child's share cost more than it saved (make bench at 2,000 cases, 3 alternating "
                         "runs each: forked 26.8 s wall, 39.3 s CPU, peak PSS 788 MB; here 18.9 s, 25.9 s, "
                         "744 MB; plain 30.8 / 26.7 s, 516 MB). The child is kept, and tested, for larger "
                         "machines: a lower fork_from turns it on."),
    "søkeprosess": Job(1, 1.0, 120.0,
                       "Not forked: the search index's own process (site/searchfeed.py), which reads each "
                       "page as it is built. The deadline is how long the build waits for it at once: to "
                       "take the next page, or to finish after the last (about 2 s at 2,000 cases)."),
}


def _affinity() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return 1


@dataclass(frozen=True)
class Workers:
    """How many processes the build may use (1: everything in this process). A value, decided at the
    entry point; `log` is where a child's failure is reported (the entry point's logger)."""
    processes: int = 1
    log: logging.Logger = field(default=logging.getLogger("kulturskole.prosesser"), compare=False, repr=False)

    @classmethod
    def serial(cls, log: logging.Logger | None = None) -> "Workers":
        return cls(1, log or cls.log)

    @classmethod
    def from_env(cls, environ=None, log: logging.Logger | None = None) -> "Workers":
        """KULTURSKOLE_PROSESSER: `1` serial, `N` at most N processes, unset or `auto`: the CPUs this
        process may use, and only on Linux. Anything else is an error, said in Norwegian."""
        environ = os.environ if environ is None else environ
        text = (environ.get(ENV) or "auto").strip().lower()
        auto = _affinity() if sys.platform.startswith("linux") else 1
        if text == "auto":
            n = auto
        else:
            try:
                n = int(text)
            except ValueError:
                n = 0
            if n < 1:
                raise ValueError(f"{ENV}={environ.get(ENV)!r}: skriv et helt tall fra 1 og oppover, "
                                 "eller «auto»")
            n = min(n, max(auto, 1)) if sys.platform.startswith("linux") else 1
        return cls(max(1, n), log or cls.log)

    @property
    def parallel(self) -> bool:
        return self.processes > 1

    def may_fork(self) -> bool:
        """Now, in this process: more than one process allowed, fork exists, one thread only."""
        return self.parallel and hasattr(os, "fork") and threading.active_count() == 1

    def share(self, job: str | Job, fn: Callable[[T], R], items: Sequence[T]) -> tuple[list[T], "Share[T, R]"]:
        """(the items for this process, a Share making the others in a child). Serial, or with fewer
        items than the job's fork_from: all items here, and an empty Share."""
        spec = JOBS[job] if isinstance(job, str) else job
        name = job if isinstance(job, str) else "jobb"
        items = list(items)
        if not self.parallel or len(items) < spec.fork_from or not items:
            return items, Share(fn, [], spec, name, self)
        cut = len(items) - int(len(items) * spec.child_share)
        return items[:cut], Share(fn, items[cut:], spec, name, self)


def _portable(record: logging.LogRecord) -> logging.LogRecord:
    record.msg, record.args = record.getMessage(), None
    if record.exc_info:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
    return record


def _close_inherited(keep: int) -> None:
    """In a child: let go of every inherited descriptor but 0, 1, 2 and `keep`. The write end of the
    search process's input is among them: while a child held it, that process would never see the
    end of its input. Each is pointed at /dev/null rather than closed, so its number stays taken and
    no object that still names it can ever close a file the child opens later."""
    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        fds = list(range(3, 256))
    null = os.open(os.devnull, os.O_RDWR)
    for fd in fds:
        if fd > 2 and fd not in (keep, null):
            try:
                os.dup2(null, fd, inheritable=False)
            except OSError:
                pass
    os.close(null)


class Share(Generic[T, R]):
    """fn over items in a forked child when possible; result() gives the list, in item order."""

    def __init__(self, fn: Callable[[T], R], items: Sequence[T], job: Job, name: str, workers: Workers):
        self._fn, self._items, self._job, self._name, self._workers = fn, list(items), job, name, workers
        self._pid: int | None = None
        self._read = -1
        self._started = 0.0
        if not self._items or not workers.may_fork():
            return
        read, write = os.pipe()
        gc.freeze()  # the child's garbage collector leaves the parent's objects (and their pages) alone
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(read)
            code = 0
            try:
                _close_inherited(write)
                captured: list[logging.LogRecord] = []  # every record, to be logged again by the parent
                logging.Logger.handle = lambda logger, record: captured.append(_portable(record))
                results = [fn(x) for x in self._items]
                data = pickle.dumps((results, captured), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
            except BaseException:  # noqa: BLE001 - the parent redoes the work and reports any error
                code = 1
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._read, self._started = pid, read, time.monotonic()
        workers.log.debug("«%s»: %d jobber i hjelpeprosess %d", name, len(self._items), pid)

    @property
    def forked(self) -> bool:
        return self._pid is not None

    @property
    def items(self) -> list[T]:
        return self._items

    def __enter__(self) -> "Share[T, R]":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop a child whose result is no longer wanted (this process stopped with an error)."""
        if self._pid is not None:
            self._end_child()

    def _end_child(self) -> None:
        try:
            os.kill(self._pid, signal.SIGKILL)
        except OSError:
            pass
        self._reap()

    def _reap(self) -> int:
        _, status = os.waitpid(self._pid, 0)
        os.close(self._read)
        self._pid, self._read = None, -1
        gc.unfreeze()
        return status

    def _receive(self) -> bytes | None:
        """The child's bytes, or None when its deadline passed first."""
        chunks = []
        end = self._started + self._job.deadline
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self._read], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)

    def result(self) -> list[R]:
        if self._pid is None:
            return [self._fn(x) for x in self._items]
        t0 = time.monotonic()
        data = self._receive()
        self._workers.log.debug("«%s»: ventet %.2f s på hjelpeprosessen", self._name, time.monotonic() - t0)
        if data is None:
            self._end_child()
            self._workers.log.info("Hjelpeprosessen for «%s» ble ikke ferdig innen %.0f s; denne prosessen "
                                   "gjør de %d jobbene selv.", self._name, self._job.deadline, len(self._items))
            return [self._fn(x) for x in self._items]
        status = self._reap()
        reason = f"stoppet med status {status}"
        if status == 0:
            try:
                out, records = pickle.loads(data)  # noqa: S301 - our own child's results, through our own pipe
                if isinstance(out, list) and len(out) == len(self._items):
                    for record in records:
                        logging.getLogger(record.name).handle(record)
                    return out
                reason = "ga et svar med feil lengde"
            except Exception as exc:  # noqa: BLE001 - redo below
                reason = f"ga et svar som ikke kunne leses ({exc.__class__.__name__})"
        self._workers.log.info("Hjelpeprosessen for «%s» %s; denne prosessen gjør de %d jobbene selv.",
                               self._name, reason, len(self._items))
        return [self._fn(x) for x in self._items]  # errors in the work raise here
