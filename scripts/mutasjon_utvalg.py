"""A fixed random sample of mutants for `make mutasjon PROVE=N` (issue 13.7): the data core alone has
~3,500 mutants, too many to run on a small machine, so we test a sample and report the share killed
with a confidence interval (scripts/mutasjon_rapport.py --utvalg).

The sample is stratified by module: each module of the chosen package gets its share of N in
proportion to its number of mutants (largest remainder), and within a module the names are drawn
with random.Random(f"{seed}:{module}") from the sorted list of its mutants. Same commit, same N,
same seed: same sample, on any machine.

    python scripts/mutasjon_utvalg.py 400 [--frø 13] [--under macros/core] [--til mutants/utvalg.txt]

Generates the mutants first (mutmut's own generation step, no tests run) when mutants/ lacks them.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"


def generate() -> None:
    """mutmut's generation step (the first part of `mutmut run`), without collecting stats or testing."""
    os.chdir(ROOT)
    from mutmut.__main__ import create_mutants
    from mutmut.utils.file_utils import copy_also_copy_files, copy_src_dir

    MUTANTS.mkdir(exist_ok=True)
    with contextlib.redirect_stdout(sys.stderr):  # mutmut prints progress; stdout is the sample
        copy_src_dir()
        copy_also_copy_files()
        create_mutants(1)


def mutants_by_module(under: str) -> dict[str, list[str]]:
    out = {}
    for meta in sorted((MUTANTS / under).rglob("*.py.meta")):
        names = sorted(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
        if names:
            out[meta.relative_to(MUTANTS).as_posix().removesuffix(".meta")] = names
    return out


def allocate(sizes: dict[str, int], n: int) -> dict[str, int]:
    """Proportional allocation of n over the strata, largest remainder, ties by module name."""
    total = sum(sizes.values())
    exact = {m: n * s / total for m, s in sizes.items()}
    share = {m: int(e) for m, e in exact.items()}
    rest = n - sum(share.values())
    for m in sorted(exact, key=lambda m: (-(exact[m] - share[m]), m))[:rest]:
        share[m] += 1
    return share


def sample(n: int, seed: str, under: str) -> list[str]:
    by_module = mutants_by_module(under)
    if not by_module:
        generate()
        by_module = mutants_by_module(under)
    total = sum(len(v) for v in by_module.values())
    if n >= total:
        return [name for names in by_module.values() for name in names]
    share = allocate({m: len(v) for m, v in by_module.items()}, n)
    chosen = []
    for module, names in by_module.items():
        chosen += sorted(random.Random(f"{seed}:{module}").sample(names, share[module]))
    print(f"Utvalg: {len(chosen)} av {total} mutanter i {under} (frø {seed}, fordelt på "
          f"{len(by_module)} moduler etter antall mutanter)", file=sys.stderr)
    return chosen


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("antall", type=int)
    p.add_argument("--frø", default="13")
    p.add_argument("--under", default="macros/core")
    p.add_argument("--til", type=Path, help="write the names to this file (else to stdout)")
    a = p.parse_args(argv)
    names = "\n".join(sample(a.antall, a.frø, a.under)) + "\n"
    if a.til:
        a.til.write_text(names, encoding="utf-8")
    else:
        sys.stdout.write(names)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
