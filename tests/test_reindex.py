"""The preview's background search index (site/reindex.py): a run that fails leaves it ready for the
next request, and a run never takes longer than its deadline."""
from __future__ import annotations

import subprocess
import sys

from macros.site import reindex


def test_a_failed_run_does_not_stop_later_runs(tmp_path, monkeypatch):
    calls = []
    real = subprocess.Popen

    def popen(cmd, **kwargs):
        calls.append(cmd)
        if len(calls) == 1:
            raise OSError("kunne ikke starte")  # the first run dies with its thread
        return real([sys.executable, "-c", "pass"], **kwargs)

    monkeypatch.setattr(reindex.subprocess, "Popen", popen)
    index = reindex.BackgroundIndex()
    index.request(tmp_path)
    assert index.wait(30)
    index.request(tmp_path)  # still answered: the failed run let go of its place
    assert index.wait(30)
    assert len(calls) == 2 and index.runs == 2


def test_a_run_is_stopped_at_its_deadline(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(reindex, "index_command", lambda site: [sys.executable, "-c", "import time; time.sleep(60)"])
    index = reindex.BackgroundIndex(deadline=1)
    index.request(tmp_path)
    assert index.wait(20)
    assert "søkeprosessen ble ikke ferdig innen 1 s" in caplog.text
