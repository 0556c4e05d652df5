"""The long fuzz run: `make fuzz MINUTER=30` (issue 13.1).

Runs the properties in tests/test_fuzz.py and tests/test_output_properties.py, and the case form against
sjekk (tests/test_form_differential.py, issue 18.1), over and over with fresh random examples (not the
fixed ones `make test` uses) until the time is up, then prints how many examples each property
ran and what failed. Failing examples are kept in .hypothesis/ and tried first on the next run;
Hypothesis prints each one shrunk to its smallest form, ready to become a regression test in
tests/test_fuzz_funn.py. Exit status 1 when a property failed.

    python -m tests.fuzz_lang --minutter 30
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
import traceback


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make fuzz", description="Lang fuzzing av leseren, lasteren og sjekk.")
    parser.add_argument("--minutter", type=float, default=10.0, help="hvor lenge (standard: 10 minutter)")
    parser.add_argument("-k", dest="only", default="", help="bare egenskaper med dette i navnet")
    args = parser.parse_args(argv)
    os.environ["KS_FUZZ"] = "lang"
    from . import test_fuzz as tf  # reads KS_FUZZ when imported
    from . import test_output_properties as to  # every output of every accepted dataset (issue 22)

    tests = [getattr(mod, name) for mod in (tf, to) for name in dir(mod)
             if name.startswith("test_") and hasattr(getattr(mod, name), "hypothesis") and args.only in name]
    tests += _form_differential(tf, args.only)
    deadline = time.monotonic() + args.minutter * 60
    failed: dict[str, str] = {}
    rounds = 0
    print(f"Fuzzer {len(tests)} egenskaper i {args.minutter:g} minutter ...", flush=True)
    while time.monotonic() < deadline:
        rounds += 1
        random.shuffle(tests)  # each property gets its turn early, also in a short run
        for test in tests:
            if time.monotonic() >= deadline:
                break
            if test.__name__ in failed:
                continue
            try:
                test()
            except Exception:  # Hypothesis has printed the shrunk example; keep going with the others
                failed[test.__name__] = traceback.format_exc()
                print(failed[test.__name__], file=sys.stderr, flush=True)
        print(f"Runde {rounds}: {sum(tf.CASES.values())} eksempler så langt "
              f"({', '.join(f'{k} {v}' for k, v in sorted(tf.CASES.items()))})", flush=True)
    print(f"\nFerdig: {sum(tf.CASES.values()) + to.COUNTS['eksempler']} eksempler på {args.minutter:g} minutter, "
          f"{rounds} runder.")
    for name, count in sorted(tf.CASES.items()):
        print(f"  {name}: {count}")
    print(f"  utdata: {dict(to.COUNTS)}")
    if failed:
        print(f"\n{len(failed)} egenskaper feilet: {', '.join(failed)}. Eksemplene står over og i .hypothesis/.")
        return 1
    print("Ingen feil funnet.")
    return 0


def _form_differential(tf, only: str) -> list:
    """The case form against sjekk (tests/test_form_differential.py), fresh cases each round."""
    name = "test_skjema_og_sjekk_er_enige"
    if only not in name:
        return []
    import tempfile
    from pathlib import Path

    from . import test_form_differential as fd
    setup = fd.make_setup(Path(tempfile.mkdtemp(prefix="ks-skjema-")))

    def run():
        before = sum(fd.COUNTS[k] for k in ("gyldig", "mutert"))
        try:
            fd.run_round(setup, 400)  # x KS_FUZZ_RUNDE in a long run; the deadline is checked between rounds
        finally:
            tf.CASES[name] += sum(fd.COUNTS[k] for k in ("gyldig", "mutert")) - before
    run.__name__ = name
    return [run]


if __name__ == "__main__":
    sys.exit(main())
