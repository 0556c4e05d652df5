"""The rules of site search that Python and the browser both apply, in one place (issue 19).

docs/assets/sok/ does the same things to a query that this module does to the pages, from the data
in RULES (written into sok/indeks.json as «regler»), so the two cannot drift apart:

- words(): a word is a run of letters and digits, lower-case, NFC (sok.js: /[\\p{L}\\p{N}]+/gu);
- fold(): the spelling a reader without Norwegian letters types: «målselv» -> «malselv»,
  «lærer» -> «laerer», «Haaland» -> «haland» (RULES["fold"], applied in order);
- distance(): edits between two folded words (insert, delete, replace, or swap two neighbours),
  counted only up to a limit; max_edits() says how many a word of its length may have;
- split_compound(): a word the site does not have, cut into words it has, the parts most used together
  first: «kulturskoletilbud» -> «kulturskole» + «tilbud», «barnehagebarn» -> «barnehage» + «barn».

tests/browser/test_search_rules.py runs both implementations over generated inputs and requires the
same answers.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Callable

# A word: letters and digits (not «_»).
WORD = re.compile(r"[^\W_]+")

RULES = {
    # Replacements, in order, that give the spelling a reader may type without æ, ø, å and accents.
    # (Single letters first, «aa» last: Python applies them as one translation, then «aa».)
    "fold": [["æ", "ae"], ["ø", "o"], ["å", "a"], ["ä", "ae"], ["ö", "o"], ["é", "e"], ["è", "e"], ["ê", "e"],
             ["á", "a"], ["à", "a"], ["ó", "o"], ["ò", "o"], ["ô", "o"], ["ü", "u"], ["í", "i"], ["aa", "a"]],
    # Typos: a word of at least «en» letters may be one edit from a site word, of «to» letters two.
    "skrivefeil": {"en": 4, "to": 8},
    # Compounds: every part at least «minste» letters; a first part may end in a linking letter.
    "sammensatt": {"minste": 3, "bindebokstaver": ["s", "e"], "deler": 3},
    # The last word of a query matches the beginnings of words from this many letters on.
    "prefiks": 3,
}
FOLD = RULES["fold"]
ONE_EDIT, TWO_EDITS = RULES["skrivefeil"]["en"], RULES["skrivefeil"]["to"]
MIN_PART = RULES["sammensatt"]["minste"]
LINKS = RULES["sammensatt"]["bindebokstaver"]
MAX_PARTS = RULES["sammensatt"]["deler"]


def words(text: str) -> list[str]:
    """The words of a text, lower-case and NFC-normalised, in order."""
    return WORD.findall(unicodedata.normalize("NFC", text).lower())


_SINGLE = str.maketrans({a: b for a, b in FOLD if len(a) == 1})
_MULTI = [(a, b) for a, b in FOLD if len(a) > 1]
assert FOLD == [[a, b] for a, b in FOLD if len(a) == 1] + [list(r) for r in _MULTI], "single letters first"


def fold(word: str) -> str:
    """A lower-case word as it may be typed without Norwegian letters or accents (RULES["fold"] in order)."""
    word = word.translate(_SINGLE)
    for a, b in _MULTI:
        if a in word:
            word = word.replace(a, b)
    return word


def max_edits(word: str) -> int:
    """How many edits a typed word may be from a site word (its folded length counts)."""
    n = len(word)
    return 2 if n >= TWO_EDITS else 1 if n >= ONE_EDIT else 0


def distance(a: str, b: str, limit: int) -> int:
    """Edits from a to b (optimal string alignment: insert, delete, replace, swap two neighbours),
    or limit + 1 when there are more than limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        low = cur[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            low = min(low, v)
        if low > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1] if prev[-1] <= limit else limit + 1


def _splits(word: str, freq: Callable[[str], int], k: int):
    """Every way to cut word into k parts that freq() knows, the first part as long as possible first
    (a first part may drop a linking «s» or «e»): (parts, product of their freq)."""
    n = len(word)
    if k == 1:
        f = freq(word) if n >= MIN_PART else 0
        if f:
            yield [word], f
        return
    for i in range(n - MIN_PART * (k - 1), MIN_PART - 1, -1):
        left, right = word[:i], word[i:]
        firsts = [left] + [left[:-1] for link in LINKS if left.endswith(link) and i - 1 >= MIN_PART]
        for first in firsts:
            f = freq(first)
            if f:
                for rest, g in _splits(right, freq, k - 1):
                    yield [first] + rest, f * g


def split_compound(word: str, freq: Callable[[str], int], parts: int = MAX_PARTS) -> list[str] | None:
    """word cut into words freq() knows (how many pages have each; 0: unknown): two parts if it can be,
    else three; of those, the cut whose parts are most used together (the product of their counts, as
    Koehn and Knight 2003), the one with the longest first part on a tie; None if it cannot be cut.
    «kommunefilmer» -> «kommune» + «filmer», not «kommunefil» + «mer»."""
    for k in range(2, parts + 1):
        best, best_score = None, 0
        for cut, score in _splits(word, freq, k):
            if score > best_score:
                best, best_score = cut, score
        if best:
            return best
    return None


def is_plain_word(word: str) -> bool:
    """Letters only (no digits): what typo lists and compound parts are made of."""
    return word.isalpha()
