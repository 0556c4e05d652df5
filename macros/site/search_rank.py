"""The search index's content and scores (issue 10, 19): which page is filed under which key, and how
well it answers it.

- Every word is filed under its base words (keys) by macros/site/lexicon.py: all inflected forms,
  bokmål and nynorsk, of a word share a key («lærerne», «lærarane», «læreren» -> «lærer»). Names of
  municipalities and counties are keys of their own, and their genitive («Porsgrunns») finds them.
- Each (key, page) gets a BM25 score. Where a word stands counts (title 10, headings 2-4, body 1), and
  a key in the page's title, or in a heading of its own, gets a bonus: the page about a thing first.
  A case's title words also lift its county page (a municipality's name: its case, then its county).
- Text the templates repeat on many pages (a block of words found on TEMPLATE_PAGES pages or more,
  names aside) counts once for the whole site, spread over those pages.
- Compounds the dictionaries do not know («kulturskoletilbudet») are also filed, as a part match, under
  the words they are made of (search_text.split_compound), so «tilbud» finds them, below whole words.

RANK holds the weights the browser applies to these scores (docs/assets/sok/ reads them from
sok/indeks.json): nothing about ranking is decided in two places.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .lexicon import lexicon
from .search_read import Page
from .search_text import MIN_PART, fold, is_plain_word, split_compound

TITLE_BONUS = 3.0  # added to the BM25 part when the key is in the page title
CASE_BONUS = 0.5  # ... a little more on a case page («Oslo» the municipality before Oslo the county)
COUNTY_BONUS = 1.5  # a county page, for the keys of its cases' titles
HEADING_BONUS = 2.0  # a key in a heading of the page (not a template's): the page is about it
LEAD_BONUS = 2.0  # ... in its first paragraph, the one that says what the page is (not a template's)
K1, B = 1.2, 0.75  # BM25
PART_COUNT = 0.5  # a key inside a compound on a page that also has it as a word: counts this much
TEMPLATE_PAGES = 4  # a block of words on this many pages or more is template text
RARE_COMPOUND = 0.1  # a compound the dictionary knows, on at most this share of pages, is also filed by its parts

# What the browser does with the scores (sok/indeks.json «rangering»).
RANK = {
    # A page's score for a query word is the best of its matches, each weighted by how it matched.
    "vekt": {
        "hel": 1.0,  # the word, or another form of it
        "bretting": 0.9,  # typed without æ/ø/å («malselv»)
        "del": 0.45,  # the word is part of a compound on the page
        "oppdelt": 0.8,  # a compound typed by the reader, found as its parts
        "prefiks": 0.55,  # the last word is the beginning of a word on the page
        "synonym": 0.8,  # a synonym from data/synonymer.yml
        "avledet": 0.7,  # a verb made into a noun or back («melding», «melde»), for a compound's parts
        "skrivefeil1": 0.4,  # one edit from a site word
        "skrivefeil2": 0.25,  # two edits
    },
    # How a word matched, as a rank: pages whose words matched better come first (a whole word before a
    # part of a compound, exact before the beginning of a word or a typo), then by score.
    "klasse": {"hel": 3, "bretting": 3, "synonym": 3, "del": 2, "oppdelt": 2, "prefiks": 1, "skrivefeil1": 1,
               "skrivefeil2": 1},
    # A word on more than this share of the pages is too common to decide what is shown.
    "vanlig": 0.4,
    # Small words (bokmål and nynorsk) that never decide what is shown either, however rare on this
    # site: «Tynset trakk seg» is about Tynset, not about the pages that say «av seg selv».
    "småord": sorted({
        "og", "i", "på", "for", "med", "til", "av", "som", "er", "en", "et", "ei", "eit", "den", "det",
        "dei", "de", "seg", "sin", "sitt", "sine", "om", "fra", "frå", "ved", "å", "at", "har", "hadde",
        "var", "ble", "vart", "blir", "blei", "kan", "skal", "vil", "ikke", "ikkje", "eller", "men",
        "så", "der", "her", "hva", "kva", "hvor", "når", "nå", "no", "jeg", "eg", "vi", "me", "dere",
        "dykk", "han", "hun", "ho", "hvem", "kven", "hvordan", "korleis", "hvorfor", "kvifor", "alle",
        "mange", "mye", "noe", "noko", "noen", "nokon", "hos", "mot", "under", "over", "etter", "før",
        "uten", "utan", "også", "bare", "berre", "mellom", "enn", "da", "då", "dette", "denne",
        # English, where a synonym stands for the rest (not «by», «not», «as»: Norwegian words too; alone,
        # a small word is still searched)
        "and", "of", "the", "in", "with", "a", "an", "on", "or", "to", "from", "at", "into", "about", "between",
        "how", "what", "which", "who", "why", "this", "that", "these", "those", "is", "are", "was", "were", "be",
        "do", "does", "it", "its", "their", "our", "your", "than", "there",
    }),
    # Pages with more of the query's words come first; with three words or more, a page may miss one.
    "kan_mangle_fra": 3,
    # Bonus (times the score) for the query's words close together in a page's text, and in order.
    # «tittel»: times the share of the query's words in the page's title.
    # A compound the reader typed, found as its parts on a page: the best «sjekk» such pages are checked;
    # a page with a result-line text under «kort» characters counts, a longer one if a part is in its
    # title or the parts stand within «deler» words of each other (in the rest of its text too, fetched
    # for at most «rest» pages a query); a part found inside another word, within «inni» words («kunst-,
    # musikk- og kulturaktører» for «kunstaktører»).
    "naerhet": {"vindu": 10, "bonus": 0.3, "frase": 0.4, "tittel": 0.5, "sjekk": 20, "deler": 20, "kort": 1900,
                "rest": 3, "inni": 3},
    # «Mente du …?» for a word found on at most this many pages, when a word this many times as
    # common is within reach.
    "sjelden": 2,
    # A word found whole on fewer pages than this is also looked for as its parts (below the whole word).
    "utvid": 5,
    "likere": 4,
    "forslag": 2,  # how many close words a typo is searched as
    # A word found nowhere (not whole, as a beginning, as parts or as a typo) finds the pages whose words
    # share its longest start, if that start has at least «minst» letters and ends as a word ends in such a
    # site word (one of «endelser» follows, or another site word: «universitet|er», «identitets|prosjekt»;
    # not «politi|sk» for «politiattest»), is more than a common word and a letter or two
    # («kulturskolet…» for «kulturskoletimen»), and the word is not the name of a place the site does not
    # have («Kristiansund» is not «Kristiansand»).
    "stamme": {"minst": 6, "endelser": ["e", "en", "er", "et", "a", "ar", "ane", "ene", "erne", "ers", "ens",
                                        "ets", "es", "s", "t", "te", "de", "ende", "r", "n"]},
}


@dataclass
class Index:
    pages: list[Page]
    forms: dict[str, list[str]]  # form -> keys (what a query word may be)
    folded: dict[str, list[str]]  # a form typed without æ/ø/å -> keys, where that differs from every form
    postings: dict[str, list[tuple[int, int]]]  # key -> [(page id, quantised score)]
    parts: dict[str, list[tuple[int, int]]]  # key -> pages where it is only part of a compound
    site_forms: dict[str, list[str]]  # key -> the forms of it that stand on the site
    vocabulary: Counter  # site word -> number of pages
    wordlist: dict[str, int]  # plain site words and keys (letters only) -> pages: for typos and compounds
    scale: float  # score = (exp(q / scale) - 1) / SPREAD
    derived: dict[str, list[str]] = field(default_factory=dict)  # form -> keys of a verb or noun made from it


def _term_counts(page: Page, names: set[str], known: dict, lookup) -> tuple[dict[str, float], frozenset[str], frozenset[str]]:
    """A page's weighted count per key; a name (of a municipality or county) is a key of its own.
    Also the words whose keys would differ if they were (not) names: those named, those not.
    known[word] or lookup(word): (its keys in the lexicon, whether they differ from the word itself)."""
    counts: dict[str, float] = defaultdict(float)
    named, unnamed = [], []
    for word, count in page.counts.items():
        found, differs = known.get(word) or lookup(word)
        if differs:
            if word in names:
                counts[word] += count
                named.append(word)
                continue
            unnamed.append(word)
        for key in found:
            counts[key] += count
    return counts, frozenset(named), frozenset(unnamed)


# Scores are kept as 63 steps of log(1 + SPREAD * score) (a larger spread gives small scores more steps,
# at the cost of the large ones: 1 keeps a step under 7 % at the top).
SPREAD = 1.0
# A key in the title, a heading or the first paragraph says what the page is about even when the word is
# on most pages: its bonus counts with at least this weight («kommunane»: the page «Kommuner» first).
MIN_BONUS_IDF = 0.5


def _quantise(raw: dict[str, list[tuple[int, float]]], scale: float) -> dict[str, list[tuple[int, int]]]:
    log1p = math.log1p
    return {k: [(i, q if 0 < q < 63 else (63 if q >= 63 else 1))
                for i, s in plist for q in (int(scale * log1p(SPREAD * s) + 0.5),)]
            for k, plist in raw.items()}


def _shape(ws: tuple[str, ...], names: set[str]) -> tuple[str, ...]:
    """A block's words with every name replaced by one placeholder: «samlinger og arenaer i #»."""
    return ws if names.isdisjoint(ws) else tuple("#" if w in names else w for w in ws)


def template_blocks(pages: list[Page], names: set[str]) -> tuple[dict[tuple[str, ...], int], dict]:
    """Blocks of words (names replaced by one placeholder) that stand on TEMPLATE_PAGES pages or more
    -> on how many pages; and each block's shape (blocks repeat, so each is worked out once)."""
    df: Counter = Counter()
    shapes: dict[tuple[str, ...], tuple[str, ...]] = {}
    for p in pages:
        seen = set()
        for ws, _ in p.blocks:
            shape = shapes.get(ws)
            if shape is None:
                shape = shapes[ws] = _shape(ws, names)
            seen.add(shape)
        df.update(seen)
    return {shape: n for shape, n in df.items() if n >= TEMPLATE_PAGES}, shapes


class IndexBuilder:
    """The index in two parts. What a page gives on its own (its count per key, the other forms of
    its keys) is worked out when the page is added: site/searchfeed.py adds each page while the build
    renders the next ones. The rest needs every page and is done by build(). The index is the same
    whatever was added, and in whatever order (counts are whole numbers, so their sums are exact).

    A page counted before the last municipality or county page arrived may have counted a name as an
    ordinary word: build() moves those counts to the name (or counts a page again in the rare case of
    the other way round, a name whose page is gone)."""

    def __init__(self):
        self.lex = lexicon()
        self._names: set[str] = set()  # title words of the municipality and county pages added so far
        self._terms: dict[int, tuple] = {}  # id(page) -> (page, counts, named, unnamed)
        self._paradigms: dict[str, set[str]] = {}  # key -> its forms (lexicon.forms_of)
        self._words: dict[str, tuple[frozenset[str], bool]] = {}

    def _lookup(self, word: str) -> tuple[frozenset[str], bool]:
        hit = self._words.get(word)
        if hit is None:
            keys = self.lex.keys(word)
            hit = self._words[word] = (keys, len(keys) != 1 or word not in keys)
        return hit

    def add(self, page: Page) -> None:
        lex = self.lex
        if page.kind in "kf":
            self._names.update(page.title_words)
        counts, named, unnamed = _term_counts(page, self._names, self._words, self._lookup)
        self._terms[id(page)] = (page, counts, named, unnamed)
        new = [k for k in counts if k not in self._paradigms]
        if new:
            paradigms = lex.forms_of(set(new))
            self._paradigms.update(paradigms)
            for forms in paradigms.values():  # what build() will look up for them
                for form in forms:
                    lex.keys(form)

    def _counts(self, page: Page, names: set[str]) -> dict[str, float]:
        hit = self._terms.get(id(page))
        if hit is None or hit[0] is not page or not hit[2] <= names:
            return _term_counts(page, names, self._words, self._lookup)[0]
        counts, late = hit[1], hit[3] & names
        if late:  # names that arrived after the page (the county pages come last): move their counts
            counts = dict(counts)
            for word in late:
                n = page.counts[word]
                for key in self._words[word][0]:
                    left = counts[key] - n
                    if left:
                        counts[key] = left
                    else:
                        del counts[key]
                counts[word] = counts.get(word, 0.0) + n
        return counts

    def build(self, pages: list[Page]) -> Index:
        lex = self.lex
        # Names of municipalities and counties are words of their own: «Alta» is not a form of «alt».
        names = {w for p in pages if p.kind in "kf" for w in p.title_words}

        memo: dict[str, frozenset[str]] = {}

        def keys_of(form: str) -> frozenset[str]:
            keys = memo.get(form)
            if keys is None:
                keys = memo[form] = frozenset({form}) if form in names else lex.keys(form)
            return keys

        templates, shapes = template_blocks(pages, names)
        vocabulary: Counter = Counter()
        tf: list[dict[str, float]] = []
        lengths = []
        block_keys: dict[tuple[str, ...], list[str]] = {}  # a block -> the keys of its words (not names)
        for p in pages:
            counts = self._counts(p, names)
            removed: dict[str, float] = defaultdict(float)
            share: dict[str, float] = defaultdict(float)
            for ws, weight in p.blocks:
                n = templates.get(shapes[ws])
                if n:
                    ks = block_keys.get(ws)
                    if ks is None:  # names are the part that differs from page to page («… i Telemark»)
                        ks = block_keys[ws] = [k for w in ws if w not in names for k in keys_of(w)]
                    for key in ks:
                        removed[key] += weight
                        share[key] += 1.0 / n
            if removed:  # template text: its words count once for the site (1/n on each of n pages)
                counts = dict(counts)
                for key in sorted(removed):
                    if key in counts:
                        counts[key] = max(0.0, counts[key] - removed[key]) + share[key]
            tf.append(counts)
            vocabulary.update(p.counts.keys())
            lengths.append(max(1, p.length))
        n = len(pages)
        avg = sum(lengths) / max(1, n)
        df = Counter(k for counts in tf for k in counts)
        by_url = {p.url: i for i, p in enumerate(pages)}
        bonus: list[dict[str, float]] = [defaultdict(float) for _ in pages]
        title_keys = [{k for w in p.title_words for k in keys_of(w)} for p in pages]
        for i, p in enumerate(pages):
            for key in title_keys[i]:
                bonus[i][key] += TITLE_BONUS + (CASE_BONUS if p.kind == "k" else 0.0)
            about: dict[str, float] = {}  # a heading or the first paragraph (one bonus, below the title's)
            if p.lead and _shape(p.lead, names) not in templates:
                for key in {k for w in p.lead for k in keys_of(w)} - title_keys[i]:
                    if tf[i].get(key, 0.0) >= 1.0:  # not only in template sentences («Kartgrunnlag: …»)
                        about[key] = LEAD_BONUS
            heading = {k for w in p.heading_words for k in keys_of(w)} - title_keys[i]
            for key in heading:
                if tf[i].get(key, 0.0) >= 1.0:  # not only template headings
                    about[key] = max(about.get(key, 0.0), HEADING_BONUS)
            for key, b in about.items():
                bonus[i][key] += b
            county = by_url.get(p.county_url) if p.kind == "k" else None
            if county is not None:
                for key in title_keys[i] - title_keys[county]:
                    bonus[county][key] += COUNTY_BONUS
        # Compounds no dictionary knows, cut into the site's own words: part matches.
        wordlist: dict[str, int] = {}
        for w, c in vocabulary.items():
            if len(w) >= MIN_PART and is_plain_word(w):
                wordlist[w] = c
        for k, c in df.items():
            if len(k) >= MIN_PART and is_plain_word(k) and k not in wordlist:
                wordlist[k] = c
        cut: dict[str, list[frozenset[str]]] = {}
        known_whole: set[str] = set()  # rare compounds the dictionary knows (see below)
        for w in sorted(vocabulary):
            if len(w) >= 2 * MIN_PART and is_plain_word(w) and w not in names:
                parts = split_compound(w, lambda x, w=w: 0 if x == w else wordlist.get(x) or int(lex.is_dictionary_word(x)))
                if parts:
                    own = keys_of(w)
                    if lex.is_dictionary_word(w):
                        if vocabulary[w] > RARE_COMPOUND * n:  # a common compound: its parts are common words too
                            continue
                        known_whole.add(w)
                    cut[w] = [keys_of(x) - own for x in parts]
        part_tf: list[dict[str, float]] = []
        part_df: Counter = Counter()
        known_part_df: Counter = Counter()
        for i, p in enumerate(pages):
            pc: dict[str, float] = defaultdict(float)
            known_parts: dict[str, float] = defaultdict(float)
            whole = tf[i] = dict(tf[i])  # (the builder keeps the added page's own counts unchanged)
            for w in sorted(cut.keys() & p.counts.keys()):
                into = known_parts if w in known_whole else pc
                for keys in cut[w]:
                    for key in keys:
                        into[key] += p.counts[w]
            for key in sorted(pc.keys() & whole.keys()):  # also a word of its own here: adds to it
                whole[key] += PART_COUNT * pc.pop(key)
            part_df.update(pc.keys())
            # The parts of a compound the dictionary knows («spørreundersøkelse» -> undersøkelse), on at
            # most RARE_COMPOUND of the pages, are filed as parts only where the page lacks the word, and
            # change no other score. (Every such compound, lifting the words it has: at 2,000 cases ten
            # queries fetched 169 KB instead of 146, their results changed that much.)
            for key in sorted(known_parts.keys() - whole.keys()):
                pc[key] = pc.get(key, 0.0) + known_parts[key]
                known_part_df[key] += 1
            part_tf.append(pc)
        df_all = df + part_df
        for key, d in known_part_df.items():  # a key found only as such a part: weighed by its own pages
            df_all.setdefault(key, d)
        idf = {k: math.log(1 + (n - d + 0.5) / (d + 0.5)) for k, d in df_all.items()}
        raw: dict[str, list[tuple[int, float]]] = defaultdict(list)
        raw_parts: dict[str, list[tuple[int, float]]] = defaultdict(list)
        top = 1e-9
        for i in range(n):
            norm = K1 * (1 - B + B * lengths[i] / avg)
            extra = bonus[i]
            for target, counts in ((raw, tf[i]), (raw_parts, part_tf[i])):
                for key, f in counts.items():
                    score = idf[key] * (K1 + 1) * f / (f + norm) + max(idf[key], MIN_BONUS_IDF) * extra.get(key, 0.0)
                    target[key].append((i, score))
                    if score > top:
                        top = score
        scale = 63 / math.log1p(SPREAD * top)
        postings, parts = _quantise(raw, scale), _quantise(raw_parts, scale)
        site_forms: dict[str, set[str]] = defaultdict(set)
        forms: dict[str, set[str]] = defaultdict(set)
        for form in vocabulary:
            for key in keys_of(form):
                site_forms[key].add(form)
                forms[form].add(key)
        # Every other form of the site's words (inflections, the other written standard) that the
        # lexicon files under a key on the site: what a reader may type.
        wanted = {k for k in site_forms if k not in names}
        missing = wanted - self._paradigms.keys()
        paradigms = {k: self._paradigms[k] for k in wanted - missing}
        if missing:
            paradigms.update(lex.forms_of(missing))
        known = postings.keys() | parts.keys()
        for key, key_forms in paradigms.items():
            for form in key_forms:
                if form in forms or form in names:
                    continue
                found = {k for k in keys_of(form) if k in known}
                if found:
                    forms[form] = found
        only_parts = {k for k in parts if k not in postings and k not in names}
        if only_parts:  # a key found only inside compounds: its forms are words a reader may type too
            for key, key_forms in lex.forms_of(only_parts).items():
                for form in key_forms | {key}:
                    if form not in names and key in keys_of(form) | {form}:
                        forms[form].add(key)
            for key in only_parts:
                if is_plain_word(key):
                    wordlist.setdefault(key, len(parts[key]))
        derived = _derived_forms(lex, forms, known, names, keys_of)
        for name in names:  # the genitive of a name: «Porsgrunns kulturskole»
            if not name.endswith(("s", "x", "z")) and name + "s" not in forms:
                forms[name + "s"].add(name)
        folded: dict[str, set[str]] = defaultdict(set)
        for form, keys in forms.items():
            f = fold(form)
            # A reader who types a real word means it («mat» is not «måt», a rare form of «måte»),
            # unless the word it folds from is on the site or is a base word («mote»: «møte»).
            if f != form and (form in vocabulary or form in keys or not lex.is_dictionary_word(f)):
                folded[f].update(keys)
        return Index(pages=pages, forms={f: sorted(k) for f, k in forms.items()},
                     folded={f: sorted(k) for f, k in folded.items()}, postings=postings, parts=parts,
                     site_forms={k: sorted(v) for k, v in site_forms.items()}, vocabulary=vocabulary,
                     wordlist=wordlist, scale=scale, derived=derived)


def _derived_forms(lex, forms: dict[str, set[str]], known, names: set[str], keys_of) -> dict[str, list[str]]:
    """A verb made into a noun and back (lexicon.derived: «melding», «melde»), for what a reader types:
    form -> the keys on the site of the other word («interessemelding»: «melde interesse»). The browser
    weighs them below the word's own keys (RANK «avledet»); pages keep their own keys."""
    related: dict[str, set[str]] = {}
    for key in sorted(known):
        if key not in names:
            found = lex.derived(key)
            if found:
                related[key] = found
    out: dict[str, set[str]] = defaultdict(set)
    for form, keys in forms.items():
        extra = {d for k in keys if k in related for d in related[k] if d in known} - keys
        if extra:
            out[form] |= extra
    absent: dict[str, set[str]] = defaultdict(set)  # a word not on the site -> the site's keys it is made from
    for key, found in related.items():
        for d in found - known:
            absent[d].add(key)
    if absent:
        for d, d_forms in lex.forms_of(set(absent)).items():
            for form in d_forms | {d}:
                if form not in forms and form not in names and d in keys_of(form) | {form}:
                    out[form] |= absent[d]
    return {f: sorted(k) for f, k in out.items()}


def build_index(pages: list[Page]) -> Index:
    return IndexBuilder().build(pages)
