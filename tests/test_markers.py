"""The `browser` marker is on every browser test, so `pytest -m "not browser"` runs none of them."""
from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_not_browser_selects_no_browser_test():
    def collect(*args):
        out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                              *args, "tests/browser"], cwd=ROOT, capture_output=True, text=True).stdout
        return [line for line in out.splitlines() if "::" in line]

    everything = collect()
    assert {line.split("::")[0] for line in everything} >= {
        "tests/browser/test_smoke.py", "tests/browser/test_search.py", "tests/browser/test_explorer.py"}
    assert collect("-m", "not browser") == []
    assert collect("-m", "browser") == everything
