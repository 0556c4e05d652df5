"""Summary of a mutation run (`make mutasjon`, issue 13.7): the share of mutants killed in the data
core (macros/core) and the page generation (macros/site), per module, and every survivor with
its diff in mutants/overlevende.md (explained in tests/MUTASJON.md).

With --utvalg FILE (a sample from scripts/mutasjon_utvalg.py, `make mutasjon PROVE=N`), only the
mutants named in FILE count, and the share killed comes with a 95 % confidence interval (Wilson) for
the share in the whole package the sample was drawn from.

    python scripts/mutasjon_rapport.py [--uten-diff] [--utvalg mutants/utvalg.txt]
"""
from __future__ import annotations

import json
import math
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
KILLED = {"killed", "timeout", "caught by type check", "segfault"}


def statuses(only: set[str] | None = None) -> dict[str, dict[str, str]]:
    """module path -> mutant name -> status (mutmut's names for the exit codes); only the names in
    `only` when given."""
    from mutmut.stats import status_by_exit_code

    out: dict[str, dict[str, str]] = defaultdict(dict)
    for meta in sorted((MUTANTS / "macros").rglob("*.py.meta")):
        module = meta.relative_to(MUTANTS).as_posix().removesuffix(".meta")
        for name, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items():
            if only is None or name in only:
                out[module][name] = status_by_exit_code[code]
    return out


def wilson(killed: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """95 % Wilson score interval for a share killed/n."""
    p = killed / n
    mid = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, mid - half), min(1.0, mid + half)


def tested_killed(counts: Counter) -> tuple[int, int]:
    return sum(counts.values()) - counts["not checked"] - counts["skipped"], sum(counts[s] for s in KILLED)


def share(counts: Counter) -> str:
    tested, killed = tested_killed(counts)
    return f"{killed}/{tested} = {100 * killed / tested:.1f} %" if tested else "ingen"


def main(argv: list[str]) -> int:
    sample = None
    if "--utvalg" in argv:
        path = Path(argv[argv.index("--utvalg") + 1])
        sample = set(path.read_text(encoding="utf-8").split())
    found = statuses(sample)
    if not found:
        print("Fant ingen resultater i mutants/; kjør «make mutasjon» først.", file=sys.stderr)
        return 1
    by_package: dict[str, Counter] = defaultdict(Counter)
    lines = ["| Modul | Drept | Overlevde | Ingen test | Mutanter | Andel drept |", "|---|---|---|---|---|---|"]
    survivors: list[tuple[str, str]] = []
    for module, names in found.items():
        counts = Counter(names.values())
        by_package[module.split("/")[1]] += counts
        lines.append(f"| {module} | {sum(counts[s] for s in KILLED)} | {counts['survived']} | {counts['no tests']} | "
                     f"{sum(counts.values())} | {share(counts)} |")
        survivors += [(module, n) for n, s in names.items() if s in ("survived", "no tests", "suspicious")]
    print("\n".join(lines))
    print()
    for package, counts in sorted(by_package.items()):
        print(f"macros/{package}: drept {share(counts)}; " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        tested, killed = tested_killed(counts)
        if sample is not None and tested:
            low, high = wilson(killed, tested)
            print(f"  utvalg av {len(sample)} mutanter, {sum(counts.values()) - tested} ikke kjørt; andel drept i hele "
                  f"macros/{package}: {100 * killed / tested:.1f} % (95 % konfidensintervall {100 * low:.1f}–{100 * high:.1f} %)")
    out = MUTANTS / "overlevende.md"
    with out.open("w", encoding="utf-8") as f:
        f.write("# Mutanter som overlevde\n\n")
        for module, name in survivors:
            f.write(f"## {name} ({module}, {found[module][name]})\n\n")
            if "--uten-diff" not in argv:
                diff = subprocess.run([str(Path(sys.executable).parent / "mutmut"), "show", name], cwd=ROOT,
                                      capture_output=True, text=True).stdout
                f.write("```diff\n" + diff.strip() + "\n```\n\n")
    print(f"\n{len(survivors)} overlevende, med endringen hver av dem gjør: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
