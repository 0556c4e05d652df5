"""Parallel work as one value (core/forked.py): decided from KULTURSKOLE_PROSESSER and the machine,
a child per list of jobs with a deadline, its failures logged once and its share done here, its log
records logged here, and no pipe end of ours kept open in it."""
from __future__ import annotations

import logging
import os
import threading
import time

import pytest

from macros.core import forked
from macros.core.forked import Job, Workers

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is not available")
QUICK = Job(fork_from=1, child_share=1.0, deadline=30.0, why="test")


@pytest.fixture
def one_thread(monkeypatch):
    """These tests test the forking itself: fork even if an earlier test left a thread behind."""
    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)


def _two(log_name: str = "kulturskole.test.prosesser") -> Workers:
    return Workers(2, logging.getLogger(log_name))


def _square(x: int) -> int:
    return x * x


@pytest.mark.parametrize("value, cpus, platform, expected", [
    (None, 2, "linux", 2),
    ("auto", 4, "linux", 4),
    ("auto", 1, "linux", 1),  # one CPU for this process: serial
    (None, 8, "darwin", 1),  # macOS: never forked (CPython's default there is spawn)
    ("1", 8, "linux", 1),
    ("2", 8, "linux", 2),
    ("16", 2, "linux", 2),  # a cap, not a demand
    (" 2 ", 2, "linux", 2),
])
def test_the_number_of_processes_is_decided_from_the_setting_and_the_machine(monkeypatch, value, cpus, platform,
                                                                               expected):
    monkeypatch.setattr(forked, "_affinity", lambda: cpus)
    monkeypatch.setattr(forked.sys, "platform", platform)
    env = {} if value is None else {forked.ENV: value}
    assert Workers.from_env(env).processes == expected


@pytest.mark.parametrize("value", ["0", "-1", "to", "1.5"])
def test_a_bad_setting_is_refused_in_norwegian(value):
    with pytest.raises(ValueError, match="KULTURSKOLE_PROSESSER=.*skriv et helt tall fra 1 og oppover"):
        Workers.from_env({forked.ENV: value})


def test_serial_workers_never_fork():
    own, child = Workers.serial().share(QUICK, _square, range(10))
    assert own == list(range(10)) and not child.forked and child.result() == []


@needs_fork
def test_a_share_gives_the_serial_list_in_order(one_thread):
    job = Job(fork_from=1, child_share=0.6, deadline=30, why="test")
    own, child = _two().share(job, _square, range(50))
    with child:
        assert child.forked
        assert own == list(range(20))
        assert [*map(_square, own), *child.result()] == [x * x for x in range(50)]


@needs_fork
def test_few_items_are_not_worth_a_child(one_thread):
    own, child = _two().share(Job(fork_from=100, child_share=0.5, deadline=30, why="test"), _square, range(50))
    assert own == list(range(50)) and not child.forked


def test_a_process_with_threads_does_not_fork():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert _two().may_fork() is False
        own, child = _two().share(QUICK, _square, range(5))
        with child:
            assert not child.forked and own == [] and child.result() == [0, 1, 4, 9, 16]
    finally:
        stop.set()
        thread.join()


@needs_fork
def test_a_failing_child_is_logged_once_and_its_share_done_here(one_thread, caplog):
    parent = os.getpid()

    def only_here(x):
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return x + 1

    caplog.set_level(logging.INFO, "kulturskole.test")
    own, child = _two().share("yaml", only_here, [1] * 200)
    with child:
        assert child.forked
        assert [*map(only_here, own), *child.result()] == [2] * 200
    said = [r for r in caplog.records if r.name == "kulturskole.test.prosesser" and r.levelno == logging.INFO]
    assert len(said) == 1
    assert said[0].getMessage() == ("Hjelpeprosessen for «yaml» stoppet med status 256; denne prosessen gjør de "
                                    "110 jobbene selv.")


@needs_fork
def test_a_hanging_child_is_stopped_at_its_deadline_and_its_share_done_here(one_thread, caplog):
    parent = os.getpid()

    def hangs_in_the_child(x):
        if os.getpid() != parent:
            time.sleep(3600)
        return -x

    caplog.set_level(logging.INFO, "kulturskole.test")
    t0 = time.monotonic()
    own, child = _two().share(Job(fork_from=1, child_share=0.5, deadline=1.0, why="test"), hangs_in_the_child,
                              range(4))
    with child:
        pid = child._pid
        assert [*map(hangs_in_the_child, own), *child.result()] == [0, -1, -2, -3]
    assert time.monotonic() - t0 < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # killed and reaped
    said = [r.getMessage() for r in caplog.records if r.name == "kulturskole.test.prosesser"]
    assert said == ["Hjelpeprosessen for «jobb» ble ikke ferdig innen 1 s; denne prosessen gjør de 2 jobbene selv."]


def test_an_error_in_the_work_reaches_the_caller(one_thread):
    def boom(x):
        raise ValueError(f"feil i {x}")

    with pytest.raises(ValueError, match="feil i 1"):
        _, child = _two().share(QUICK, boom, [1])
        with child:
            child.result()


@needs_fork
def test_an_unwanted_child_is_stopped(one_thread):
    with pytest.raises(KeyError):
        _, child = _two().share(QUICK, time.sleep, [3600])
        with child:
            pid = child._pid
            raise KeyError("stopped before result()")
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no such child any more


@needs_fork
def test_what_a_child_logs_is_logged_here(one_thread, caplog):
    """A warning in the child reaches this process's handlers (MkDocs' strict mode counts them)."""
    def warns(x):
        logging.getLogger("mkdocs.test.barn").warning("side %s: lenke mangler (pid %d)", x, os.getpid())
        return x

    caplog.set_level(logging.INFO)
    _, child = _two().share(QUICK, warns, ["a", "b"])
    with child:
        pid = child._pid
        assert child.result() == ["a", "b"]
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert [r.getMessage() for r in warnings] == [f"side a: lenke mangler (pid {pid})",
                                                  f"side b: lenke mangler (pid {pid})"]
    assert {r.name for r in warnings} == {"mkdocs.test.barn"} and {r.process for r in warnings} == {pid}


@needs_fork
def test_a_child_keeps_no_pipe_end_of_ours(one_thread):
    """The search process's input is a pipe the build writes to: while a child held a copy of its
    write end, that process would never see the end of its input."""
    read, write = os.pipe()
    try:
        _, child = _two().share(QUICK, time.sleep, [5])
        with child:
            assert child.forked
            time.sleep(0.3)  # the child has closed what it inherited
            os.close(write)
            write = -1
            t0 = time.monotonic()
            assert os.read(read, 1) == b""  # the end of input now, not when the child ends
            assert time.monotonic() - t0 < 2
    finally:
        os.close(read)
        if write >= 0:
            os.close(write)


def test_a_bad_setting_stops_the_build_and_the_command_in_norwegian(monkeypatch, capsys):
    from mkdocs.exceptions import PluginError

    from macros.editor import cli
    from macros.engine import hooks

    monkeypatch.setenv(forked.ENV, "mange")
    with pytest.raises(PluginError, match="^KULTURSKOLE_PROSESSER='mange': skriv et helt tall fra 1 og oppover"):
        hooks.decide_workers(serving=False)
    assert hooks.decide_workers(serving=True).processes == 1  # the preview is serial and never asks
    assert cli.main(["sjekk"]) == 2
    assert capsys.readouterr().err.startswith("kulturskole: KULTURSKOLE_PROSESSER='mange': skriv et helt tall")
