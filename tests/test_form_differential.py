"""The case form and `kulturskole sjekk` agree on every generated case (issue 18.1).

Hypothesis draws cases from what the form gets (tests/formgen.py: the schema and the rule tables,
so a new field or rule row is covered without editing the generators): half valid, half with one
thing broken, aimed at every rule. Each case goes through

- sjekk's Python path: load._check (the model and the whole-record rules, as load_case runs them) and
  rules.all_problems (the facts rules, the register, the cross-file table), with the real data files
  around it and the case in the file the form would write; and
- the form's evaluator, docs/assets/skjema-regler.js (the file the browser loads), in Node;

and the two must give the same list of (field, message): the same verdict, the same fields, the same
words. `make test` runs a fixed pass (derandomized; KS_SKJEMA_ANTALL cases, at least 2,000); `make
fuzz` runs fresh ones for longer. A disagreement found becomes a case in test_form_rules_regression.
"""
from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.core import load, rules as rules_mod
from macros.core.catalog import Catalog
from macros.core.model import Kommunecase
from macros.core.yamlsrc import Source, _nfc
from macros.site import form

from . import formgen
from .conftest import ROOT
from .test_fuzz import LONG, PROFILE, ROUND

NODE = shutil.which("node") or shutil.which("nodejs")
EVALUATOR = ROOT / "tests" / "js" / "evaluer.js"
COUNT = int(os.environ.get("KS_SKJEMA_ANTALL", "2000"))
COUNTS: Counter = Counter()  # examples per (half, rule aimed at), for the report and tests/fuzz_lang.py


class Form:
    """One Node process running the form's evaluator over regler.json, a case per line."""

    def __init__(self, rules_path: Path):
        if NODE is None:
            pytest.fail("Node.js mangler; «make test» trenger det (apt-get install nodejs)")
        self.proc = subprocess.Popen([NODE, str(EVALUATOR), str(rules_path)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, encoding="utf-8")

    def ask(self, job: dict) -> dict:
        self.proc.stdin.write(json.dumps(job, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        answer = json.loads(self.proc.stdout.readline())
        assert "unntak" not in answer, answer["unntak"]
        return answer

    def validate(self, case: dict, fil: str | None = None) -> tuple[str, list[tuple[str, str]]]:
        answer = self.ask({"data": case, "fil": fil})
        return answer["fil"], sorted((f, m) for f, m, _ in answer["feil"])

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


class Sjekk:
    """sjekk's Python path for one case file, with the real data files around it."""

    def __init__(self, ds):
        self.ds = ds

    def problems(self, case: dict, fil: str) -> list[tuple[str, str]]:
        src = Source(_nfc(copy.deepcopy(case)), {})
        ds = copy.copy(self.ds)
        ds.case_sources = [(f, s) for f, s in self.ds.case_sources if f != fil] + [(fil, src)]
        ds.cases = [c for c in self.ds.cases if c.path != fil]
        _, ds.problems = load._check(Kommunecase, src, fil, ())
        return sorted((p.field, p.message) for p in rules_mod.all_problems(ds) if p.file == fil)


def make_setup(folder: Path) -> tuple[dict, Form, Sjekk]:
    """The rules the form gets, the form's evaluator in Node, and sjekk's path, for the real data."""
    ds = load.load_dataset(ROOT / "data")
    data = form.rules_json(Catalog(ds))
    path = folder / "regler.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return data, Form(path), Sjekk(ds)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    data, browser, sjekk = make_setup(tmp_path_factory.mktemp("skjema"))
    yield data, browser, sjekk
    browser.close()


def agree(setup, case: dict, fil: str | None = None) -> list[tuple[str, str]]:
    data, browser, sjekk = setup
    target, in_form = browser.validate(case, fil)
    in_sjekk = sjekk.problems(case, target)
    assert in_form == in_sjekk, f"skjemaet og sjekk er uenige om {json.dumps(case, ensure_ascii=False)} i {target}"
    return in_sjekk


def _settings(n: int) -> settings:
    return settings(PROFILE, max_examples=n * ROUND if LONG else n)


def run_round(setup, count: int) -> None:
    """count generated cases (half valid, half mutated with every rule its share) through both."""
    data = setup[0]
    table = formgen.mutations(data)
    half = max(count // 2, 1)

    @_settings(half)
    @given(formgen.valid_case(data))
    def valid(case):
        found = agree(setup, case)
        assert found == [], f"en gyldig case ble avvist: {found}"
        COUNTS["gyldig"] += 1

    # Each rule gets its share of the mutated half (a run per rule, so none is left to chance).
    per_rule = -(-half // len(table))

    def mutated(mutation):
        @_settings(per_rule)
        @given(formgen.mutated_case(data, [mutation]))
        def run(drawn):
            label, case, fil = drawn
            found = agree(setup, case, fil)
            COUNTS[label] += 1
            COUNTS["mutert"] += 1
            COUNTS["mutert, avvist"] += bool(found)
        run()

    valid()
    for mutation in table:
        mutated(mutation)
    missing = [m.label for m in table if COUNTS[m.label] == 0]
    assert not missing, f"ingen eksempler for: {missing}"


def test_form_and_sjekk_agree_on_generated_cases(setup):
    COUNTS.clear()
    run_round(setup, COUNT)
    assert COUNTS["gyldig"] + COUNTS["mutert"] >= COUNT
    report = ", ".join(f"{k} {v}" for k, v in sorted(COUNTS.items()))
    print(f"\nSkjemaet og sjekk, {COUNTS['gyldig'] + COUNTS['mutert']} caser, 0 uenigheter: {report}")


# --- what is not data: the shared table of cases -----------------------------------------------------

SHARED = ROOT / "tests" / "fixtures" / "skjema" / "felles.json"


def test_shared_helpers_match_python(setup):
    """found, field_path, slugify and difflib's ratio: the browser's and Python's give the same answer
    for every case in one shared table (the functions that are code, not data, on both sides)."""
    import difflib

    from macros.core.fieldpath import field_path
    from macros.core.messages import _found
    from macros.core.slug import slugify
    python = {
        "found": lambda v: _found(v),
        "fieldPath": lambda p: field_path(tuple(p)),
        "slugify": lambda t: slugify(t),
        "ratio": lambda a, b: difflib.SequenceMatcher(None, a, b).ratio(),
    }
    table = json.loads(SHARED.read_text(encoding="utf-8"))
    browser = setup[1]
    for name, cases in table.items():
        for args in cases:
            assert browser.ask({"kall": name, "args": args})["svar"] == pytest.approx(python[name](*args)), (name, args)
    assert sum(len(c) for c in table.values()) >= 40
