"""One rule, one place (issue 19): what both Python (macros/site/search_text.py, search_write.py) and
the browser (docs/assets/sok/) compute must agree. Each rule runs in both over generated inputs:
folding æ/ø/å, edit distance with swaps, the typo limit by length, compound splitting, and where a
word sits in the dictionary filter. The weights the browser uses come from indeks.json, which
tests/test_search_text.py checks against Python's."""
from __future__ import annotations

import json
import random

import pytest

from macros.site.search_text import distance, fold, max_edits, split_compound
from macros.site.search_write import bloom_position

from ..fixtures.sok.bygg import sok_site, sok_url

LETTERS = "abdeiklmnorstuvæøåéüaae"
SEED = 19


@pytest.fixture(scope="module")
def rules_page(page, tmp_path_factory):
    base = sok_url(tmp_path_factory)
    page.goto(base)
    page.wait_for_function("() => window.KulturskoleSok && window.KulturskoleSok.regler")
    page.evaluate("async () => { window.__m = await window.KulturskoleSok.indeks(); }")
    return page


@pytest.fixture(scope="module")
def site_words(tmp_path_factory) -> list[str]:
    data = json.loads((sok_site(tmp_path_factory) / "sok" / "ord.json").read_text(encoding="utf-8"))
    return sorted({w for ws in data["ord"].values() for w in ws.split()})


@pytest.fixture(scope="module")
def page(browser):
    ctx = browser.new_context()
    p = ctx.new_page()
    yield p
    ctx.close()


def mutate(rng: random.Random, word: str, edits: int) -> str:
    w = list(word)
    for _ in range(edits):
        op = rng.randrange(4)
        i = rng.randrange(max(1, len(w)))
        if op == 0 and w:
            del w[i]
        elif op == 1:
            w.insert(i, rng.choice(LETTERS))
        elif op == 2 and w:
            w[i] = rng.choice(LETTERS)
        elif len(w) > 1:
            i = min(i, len(w) - 2)
            w[i], w[i + 1] = w[i + 1], w[i]
    return "".join(w)


def test_fold_and_typo_limit_agree(rules_page, site_words):
    rng = random.Random(SEED)
    inputs = site_words[:400] + ["".join(rng.choice(LETTERS) for _ in range(rng.randrange(1, 14))) for _ in range(400)]
    got = rules_page.evaluate("""(ws) => ws.map(w => {
        const r = window.KulturskoleSok.regler, f = r.bretting(w, window.__m.regler);
        return [f, r.maksFeil(f, window.__m.regler)]; })""", inputs)
    assert got == [[fold(w), max_edits(fold(w))] for w in inputs]


def test_edit_distance_agrees(rules_page, site_words):
    rng = random.Random(SEED)
    pairs = []
    for _ in range(1500):
        a = rng.choice(site_words)
        b = mutate(rng, a, rng.randrange(4)) if rng.random() < 0.8 else rng.choice(site_words)
        pairs.append([a, b, rng.randrange(3)])
    got = rules_page.evaluate("(ps) => ps.map(([a, b, k]) => window.KulturskoleSok.regler.avstand(a, b, k))", pairs)
    want = [distance(a, b, k) for a, b, k in pairs]
    assert got == want
    assert len({w for w in want}) >= 3  # the inputs reach 0, 1, 2 and beyond


def test_compound_splitting_agrees(rules_page, site_words):
    rng = random.Random(SEED)
    known = {w: rng.randrange(1, 64) for w in rng.sample(site_words, min(600, len(site_words)))}
    pool = sorted(known)
    inputs = []
    for _ in range(600):
        parts = [rng.choice(pool) for _ in range(rng.randrange(2, 4))]
        link = rng.choice(["", "", "s", "e"])
        word = parts[0] + link + "".join(parts[1:])
        inputs.append(mutate(rng, word, 1) if rng.random() < 0.2 else word)
    got = rules_page.evaluate("""([ws, known]) => { const k = new Map(Object.entries(known));
        return ws.map(w => window.KulturskoleSok.regler.delOpp(w, x => x === w ? 0 : k.get(x) || 0, window.__m.regler)); }""",
                              [inputs, known])
    want = [split_compound(w, lambda x, w=w: 0 if x == w else known.get(x, 0)) for w in inputs]
    assert got == want
    assert sum(1 for w in want if w) > 300 and sum(1 for w in want if w and len(w) == 3) > 20


def test_dictionary_filter_positions_agree(rules_page, site_words):
    rng = random.Random(SEED)
    inputs = site_words[:300] + [mutate(rng, w, 1) for w in site_words[:300]] + ["fotball", "sjiraffkoret", "ærlig"]
    bits = rules_page.evaluate("() => window.__m.ordbok.bitsperdel")
    got = rules_page.evaluate("""(ws) => ws.map(w => window.KulturskoleSok.regler.ordbok(w, window.__m.ordbok))""", inputs)
    assert got == [list(bloom_position(w, bits)) for w in inputs]
