"""Generate macros/site/leksikon/nn-nb.tsv: nynorsk -> bokmål word pairs for site search.

Run once by a maintainer when the dictionary is updated (Debian package dict-freedict-nno-nob):

    apt-get install dict-freedict-nno-nob
    .venv/bin/python scripts/build_lexicon.py

Source: FreeDict «Norwegian Nynorsk-Norwegian Bokmål» (Debian package dict-freedict-nno-nob), which is
built from Apertium's nno-nob bilingual dictionary; licence GPL-2.0-or-later. The build and the tests read
only the committed TSV, never the Debian package.

What is kept: lower-case one-word pairs whose spelling differs (skule -> skole, teneste -> tjeneste,
ikkje -> ikke, kva -> hva). A headword that the dictionary translates in several ways keeps only the
translations it gives most often, so «vere» keeps «være» and drops «larve» and «tilværelse». A compound
whose last part is translated by another pair (barneskule -> barneskole from skule -> skole) is left out:
macros/site/lexicon.py translates the last part of a compound itself.
"""
from __future__ import annotations

import gzip
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/dictd")
OUT = ROOT / "macros" / "site" / "leksikon" / "nn-nb.tsv"
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
WORD = re.compile(r"^[a-zæøåéèêóòôàü]+$")
MIN_PART = 3

HEADER = """\
# Nynorsk -> bokmål, ett ordpar per linje, for søket på nettstedet. GENERERT FIL: ikke rediger for hånd.
# Laget av scripts/build_lexicon.py fra FreeDict «Norwegian Nynorsk-Norwegian Bokmål» (Debian-pakken
# dict-freedict-nno-nob, bygd fra Apertiums nno-nob-ordbok). Lisens: GPL-2.0 eller senere (se README).
"""


def _num(s: str) -> int:
    n = 0
    for c in s:
        n = n * 64 + B64.index(c)
    return n


def read_pairs(source: Path = SOURCE) -> Counter:
    """(nynorsk, bokmål) -> how many dictionary entries give that translation."""
    data = gzip.open(source / "freedict-nno-nob.dict.dz").read()
    pairs: Counter = Counter()
    for line in (source / "freedict-nno-nob.index").read_text(encoding="utf-8").splitlines():
        head, off, length = line.split("\t")
        if head.startswith("00"):
            continue
        text = data[_num(off):_num(off) + _num(length)].decode("utf-8")
        lines = [x.strip() for x in text.split("\n") if x.strip()]
        for target in lines[1:]:
            pairs[(head, target)] += 1
    return pairs


def select(pairs: Counter) -> list[tuple[str, str]]:
    by_head: dict[str, Counter] = defaultdict(Counter)
    for (nn, nb), n in pairs.items():
        if WORD.match(nn) and WORD.match(nb):
            by_head[nn][nb] += n
    kept = []
    for nn, targets in by_head.items():
        best = max(targets.values())
        kept += [(nn, nb) for nb, n in targets.items() if n == best and nb != nn]
    simple = {p for p in kept}
    heads = defaultdict(set)
    for nn, nb in simple:
        heads[nn].add(nb)

    def derivable(nn: str, nb: str) -> bool:
        for i in range(MIN_PART, len(nn) - MIN_PART + 1):
            prefix, last = nn[:i], nn[i:]
            if last in heads and (nn, nb) != (last, nb) and any(nb == prefix + t for t in heads[last]):
                return True
        return False

    return sorted(p for p in kept if not derivable(*p))


def main() -> int:
    if not (SOURCE / "freedict-nno-nob.index").exists():
        print("Fant ikke FreeDict-ordboka; installer Debian-pakken dict-freedict-nno-nob først.", file=sys.stderr)
        return 1
    rows = select(read_pairs())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(HEADER + "".join(f"{nn}\t{nb}\n" for nn, nb in rows), encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} ordpar")
    return 0


if __name__ == "__main__":
    sys.exit(main())
