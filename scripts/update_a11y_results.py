"""Copy the latest accessibility test results to data/ for the accessibility statement.

Run after a green browser run:

    .venv/bin/python -m pytest tests/browser
    .venv/bin/python scripts/update_a11y_results.py

The browser tests write tests/resultater/tilgjengelighet.json (git-ignored). This script copies
it to data/tilgjengelighet-resultater.json, which is committed and read by /tilgjengelighet/.
It refuses a run that is not complete (every page type with every check, every keyboard check)
or in which a test failed: the statement must never claim more than was tested. Findings that
the tests expect (an xfail documenting a known defect) are copied and shown on the statement.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "resultater" / "tilgjengelighet.json"
TARGET = ROOT / "data" / "tilgjengelighet-resultater.json"


def problems_with(run: dict) -> list[str]:
    problems = []
    if not run.get("alle_tester_besto"):
        problems.append("ikke alle testene besto i kjøringen")
    expected = run.get("forventet", {})
    pages = {p["id"]: p for p in run.get("sider", [])}
    for key in expected.get("sider", []):
        if key not in pages:
            problems.append(f"sidetypen «{key}» ble ikke testet")
            continue
        missing = set(expected.get("kontroller", [])) - set(pages[key]["kontroller"])
        if missing:
            problems.append(f"sidetypen «{key}» mangler kontrollene {', '.join(sorted(missing))}")
    missing_keys = set(expected.get("tastatur", [])) - set(run.get("tastatur", {}))
    if missing_keys:
        problems.append(f"tastaturkontrollene {', '.join(sorted(missing_keys))} ble ikke kjørt")
    if not expected.get("sider") or not expected.get("tastatur"):
        problems.append("kjøringen omfattet ikke både test_a11y.py og test_keyboard.py")
    return problems


def main() -> int:
    if not SOURCE.exists():
        print(f"Fant ikke {SOURCE.relative_to(ROOT)}. Kjør nettlesertestene først: "
              ".venv/bin/python -m pytest tests/browser", file=sys.stderr)
        return 1
    run = json.loads(SOURCE.read_text(encoding="utf-8"))
    problems = problems_with(run)
    if problems:
        print("Resultatene kopieres ikke, fordi kjøringen ikke var fullstendig og grønn:", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    published = {
        "dato": run["dato"],
        "verktoy": run["verktoy"],
        "sider": [{"navn": p["navn"], "url": p["url"], "lenke": p.get("lenke", True), "kontroller": p["kontroller"]}
                  for p in run["sider"]],
        "tastatur": run["tastatur"],
    }
    TARGET.write_text(json.dumps(published, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    findings = sum(c for p in run["sider"] for c in p["kontroller"].values()) + sum(run["tastatur"].values())
    print(f"Skrev {TARGET.relative_to(ROOT)}: {len(run['sider'])} sidetyper, {run['dato']}, {findings} funn.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
