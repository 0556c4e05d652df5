"""Lighthouse on the real site, served like GitHub Pages (gzip), in Debian's Chromium (issue 12).

The pages issue 12 names: the home page, a case, the explorer, a county and the search dialog (a
page load of /om/, then the dialog open with results as a Lighthouse snapshot). Targets:
accessibility, best practices and SEO 100 on every one (asserted), performance at least 98 (reported,
see below).

Lighthouse's mobile defaults are used (slow 4G and a 4x slower CPU, simulated from the real load).
The network part of that simulation does not depend on the machine, but the CPU part does: the
page's real CPU time is multiplied by 4. On a busy machine the performance score therefore drops
although the site did not change. Lighthouse measures the machine's speed itself (benchmarkIndex)
and warns below 1000, the value under which it says scores are unreliable. A page that misses the
performance target on a machine above that is measured twice more (the median of the three counts). `make lighthouse` measures three times on purpose and also
the explorer at 2,000 cases.

The scores are written to tests/resultater/lighthouse.md and shown at the end of the test run.
"""
from __future__ import annotations

import sys

import pytest

from ..conftest import ROOT

pytestmark = pytest.mark.browser

sys.path.insert(0, str(ROOT / "scripts"))
import lighthouse as lh  # noqa: E402  (scripts/lighthouse.py)

from .conftest import REPORTED  # noqa: E402  (shown at the end of the run)

RESULTS = ROOT / "tests" / "resultater" / "lighthouse.md"
SLOW_HOST = 1000  # Lighthouse's own threshold for a host CPU too slow for reliable scores


@pytest.fixture(scope="module")
def scores(built_site):
    why = lh.node_available()
    if why:
        pytest.fail(f"Lighthouse kan ikke kjøre: {why}. «make test» installerer npm-pakkene (npm ci).")
    results = {r["id"]: r for r in lh.measure(built_site, lh.PAGES)}
    # A page under the performance target on a machine fast enough to judge: twice more, median.
    again = [p for p in lh.PAGES if results[p.id]["scores"].get("performance", 0) < lh.TARGETS["performance"]
             and (results[p.id].get("benchmarkIndex") or 0) >= SLOW_HOST]
    if again:
        runs = [lh.measure(built_site, again) for _ in range(2)]
        for p in again:
            same = [results[p.id]] + [r for run in runs for r in run if r["id"] == p.id]
            results[p.id] = lh.median_run(same)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    REPORTED.append(lh.table(list(results.values())))
    RESULTS.write_text("# Lighthouse (mobil, simulert treg 4G og 4x tregere prosessor)\n\n"
                       + lh.table(list(results.values())) + "\n", encoding="utf-8")
    return results


def test_every_page_was_measured(scores):
    expected = [p.id for p in lh.PAGES] + [p.id + "-sokedialog" for p in lh.PAGES if p.search]
    assert sorted(scores) == sorted(expected)
    errors = {k: r["errors"] for k, r in scores.items() if r.get("errors")}
    assert errors == {}


@pytest.mark.parametrize("category", ["accessibility", "best-practices", "seo"])
def test_accessibility_best_practices_and_seo_score_100(scores, category):
    low = {k: (r["scores"].get(category), [a["id"] for a in r["failing"] if a["kategori"] == category])
           for k, r in scores.items() if r["scores"].get(category) != 100}
    assert low == {}, f"{lh.NAMES[category]} under 100: {low}"


def test_nothing_moves_while_a_page_loads(scores):
    """Layout shift is the part of the performance score that does not follow the machine's load:
    a part a script adds must hold its place from the first paint (the explorer's form did not)."""
    shifts = {k: r["metrics"].get("cls") for k, r in scores.items() if r["mode"] == "navigation"}
    assert shifts and all(v is not None for v in shifts.values()), shifts
    assert {k: v for k, v in shifts.items() if v > 0.1} == {}


# The performance score itself (target >= 98) is a speed goal: the CPU part of Lighthouse's
# simulation is the machine's own time times four, so on a shared machine it moves with the load.
# Like the build-time targets it is measured, not asserted: the table above at the end of every
# `make test`, and `make lighthouse` (three runs per page, the median) says which page misses it.
