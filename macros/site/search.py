"""Site search index (issue 10). Called once after a build: index_site(site_dir).

The site has its own small search engine instead of Pagefind (scripts/measure_search.py runs both on
the same pages). Why: Pagefind's runtime alone (pagefind.js + WebAssembly) is 83 KB gzip before any
index data, so a first query at 2,000 cases could not stay under 100 KB; and its Snowball stemmer
gives one word several stems («lærerne» found only «lærerne»).

What it does, at build time, from the built HTML (only the article content, the element marked
data-pagefind-body by overrides/main.html; the same mark Pagefind reads):

- Every word is filed under its base words (keys) by macros/site/lexicon.py: all inflected forms,
  bokmål and nynorsk, of a word share a key («lærerne», «lærarane», «læreren» -> «lærer»).
- Each (key, page) gets a BM25 score, with words in the page title (h1) and headings weighted up,
  plus a bonus for the page title and, for a case, for its county page (a municipality's name finds its
  case first, then its county).
- The browser gets, in <site>/sok/:
  - indeks.json: page kinds (one letter per page), kind labels, chunk boundaries, score scale;
  - d/<n>.json: chunks of the sorted vocabulary: form -> keys (every form of every key on the
    site, in both written standards: what a reader may type), key -> postings (page, score) and the
    forms that stand on the site (to mark them in the excerpt);
  - s/<page>.json: title, URL, kind, county, programme and text of one page (for a result line);
  - ord/<length>.json: the site's words by length, most used first (for «Mente du …?»).
  docs/assets/sok.js reads only these files: a query fetches indeks.json, one or two chunks per word
  and one file per result shown.
"""
from __future__ import annotations

import html
import json
import logging
import math
import re
import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..core.forked import Workers
from .lexicon import lexicon, words

BUNDLE = "sok"  # the index lands in <site>/sok/; docs/assets/sok.js loads it from there
VERSION = 1
log = logging.getLogger("mkdocs.hooks.kulturskole.sok")

# Page kinds: code -> (label, plural label). The result list and the filters show these labels.
KINDS = {
    "k": ("Kommune", "Kommuner"),
    "f": ("Fylke", "Fylker"),
    "o": ("Fokusområde", "Fokusområder"),
    "s": ("Suksesskriterium", "Suksesskriterier"),
    "r": ("Ressurs", "Ressurser"),
    "v": ("Veiledning", "Veiledninger"),
    "p": ("Program", "Program"),
    "a": ("Side", "Andre sider"),
}
KIND_CODES = {"kommune": "k", "fylke": "f", "fokusomrade": "o", "suksesskriterium": "s", "ressurs": "r",
              "veiledning": "v", "program": "p", "side": "a"}
# Kind by URL, for pages whose front matter does not say (first match wins).
URL_KINDS = [
    (re.compile(r"^kommuner/[^/]+/$"), "k"),
    (re.compile(r"^fylker/[^/]+/$"), "f"),
    (re.compile(r"^fokusomrader/[^/]+/$"), "o"),
    (re.compile(r"^suksesskriterier/[^/]+/$"), "s"),
    (re.compile(r"^program/[^/]+/$"), "p"),  # a programme's page (issue 9)
    (re.compile(r"^ressurser/verksted/$"), "v"),
    (re.compile(r"^ressurser/"), "r"),
    (re.compile(r"^bidra/"), "v"),
]

# Weights of a word by where it stands (body text 1).
HEADING_WEIGHT = {"h1": 10, "h2": 4, "h3": 3, "h4": 2, "h5": 2, "h6": 2}
TITLE_BONUS = 3.0  # added to the BM25 part when the key is in the page title
CASE_BONUS = 0.5  # ... a little more on a case page («Oslo» the municipality before Oslo the county)
COUNTY_BONUS = 1.5  # a county page, for the keys of its cases' titles
K1, B = 1.2, 0.75  # BM25
CHUNK_BYTES = 24_000  # target size of a vocabulary chunk, uncompressed
TEXT_CHARS = 20_000  # page text kept for excerpts
MIN_TYPO_WORD = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

try:  # MkDocs shows a PluginError as a clean message and stops the build; usable without MkDocs too
    from mkdocs.exceptions import PluginError as _Failure
except ImportError:  # pragma: no cover
    _Failure = RuntimeError


class SearchIndexError(_Failure):
    """The search index could not be built; the message says why, in Norwegian."""


# --- reading the built pages ---------------------------------------------------------------------
ATTR = re.compile(r'([\w-]+)="([^"]*)"')
SKIP = re.compile(r"<(svg|script|style|template|noscript)\b.*?</\1>", re.S)
TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*)>")
SPACE = re.compile(r"\s+")
# Tags inside a line of text: no space in the text where they start or end ("<strong>YAML</strong>.").
INLINE = ("a", "abbr", "b", "bdi", "cite", "code", "data", "em", "i", "kbd", "mark", "q", "s", "small", "span",
          "strong", "sub", "sup", "time", "u", "var")
INLINE_TAG = re.compile(r"</?(?:%s)\b[^>]*>" % "|".join(INLINE))
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
# Headings, and elements marked data-pagefind-weight="n" (as Pagefind reads them).
HEADING = re.compile(r"<(h[1-6])\b[^>]*>(.*?)</\1>", re.S | re.I)
MARKED = re.compile(r"<(\w+)\b[^>]*\sdata-pagefind-weight=\"([\d.]+)\"[^>]*>(.*?)</\1>", re.S)


@dataclass
class Page:
    url: str
    title: str
    kind: str
    county: str = ""
    county_url: str = ""
    programme: str = ""
    text: str = ""
    counts: Counter = field(default_factory=Counter)  # word -> weighted count (headings count more)
    length: int = 0  # number of words
    title_words: list[str] = field(default_factory=list)


def page_url(site_dir: Path, path: Path) -> str:
    rel = path.relative_to(site_dir).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def _plain(fragment: str) -> str:
    """Text of an HTML fragment: tags out (a space for a block tag, nothing for an inline one)."""
    return html.unescape(TAG.sub(" ", INLINE_TAG.sub("", fragment)))


def read_page(url: str, source: str) -> Page | None:
    """The indexed content of one built page, or None when it has no data-pagefind-body mark."""
    at = source.find(" data-pagefind-body")
    while at != -1:  # the attribute inside a tag, not the words in a text about it
        start, stop = source.rfind("<", 0, at), source.find(">", at)
        if start != -1 and stop != -1 and ">" not in source[start:at]:
            break
        at = source.find(" data-pagefind-body", at + 1)
    else:
        return None
    attrs = dict(ATTR.findall(source[start:stop]))
    end = source.find("</article>", stop)
    body = source[stop + 1: end if end != -1 else len(source)]
    if "<svg" in body or "<script" in body or "<style" in body or "<template" in body or "<noscript" in body:
        body = SKIP.sub(" ", body)
    text = SPACE.sub(" ", _plain(body)).strip()
    all_words = words(text)
    counts = Counter(all_words)
    title = ""
    # Words in headings (and elements marked data-pagefind-weight) count more: weight - 1 on top.
    marked = [(m.group(1).lower(), HEADING_WEIGHT[m.group(1).lower()], m.group(2)) for m in HEADING.finditer(body)]
    if "data-pagefind-weight" in body:
        marked += [(m.group(1), round(float(m.group(2))), m.group(3)) for m in MARKED.finditer(body)]
    for tag, weight, inner in marked:
        inner_text = SPACE.sub(" ", _plain(inner)).strip()
        if tag == "h1" and not title:
            title = inner_text
        if weight > 1:
            for word in words(inner_text):
                counts[word] += weight - 1
    if not title:
        t = TITLE.search(source)
        title = html.unescape(t.group(1)).split(" - ")[0].strip() if t else url
    kind = KIND_CODES.get(attrs.get("data-sok-type", ""), "")
    if not kind:
        kind = next((code for rx, code in URL_KINDS if rx.search(url)), "a")
    return Page(url=url, title=title, kind=kind, county=attrs.get("data-sok-fylke", ""),
                county_url=attrs.get("data-sok-fylke-url", ""), programme=attrs.get("data-sok-program", ""),
                text=text, counts=counts, length=len(all_words), title_words=words(title))


def read_site(site_dir: Path, known: dict[str, Page | None] | None = None) -> list[Page]:
    """The indexed pages of a built site, in path order. known: pages already read, by path
    relative to site_dir (site/searchfeed.py reads them while the build goes on); the rest are
    read from disk."""
    pages = []
    known = known or {}
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith((BUNDLE + "/", "assets/")):
            continue
        if rel in known:
            page = known[rel]
        else:
            page = read_page(page_url(site_dir, path), path.read_text(encoding="utf-8"))
        if page:
            pages.append(page)
    return pages


# --- the index --------------------------------------------------------------------------------------
def _varint(n: int) -> str:
    out = ""
    while True:
        low, n = n & 31, n >> 5
        out += ALPHABET[low | (32 if n else 0)]
        if not n:
            return out


def encode_postings(postings: list[tuple[int, int]]) -> str:
    """[(page id, score 1..63)], ascending ids -> «delta varint, score char» pairs."""
    out, prev = [], 0
    for page, score in postings:
        gap = page - prev
        # Most gaps are under 32: one character, as _varint writes it.
        out.append((ALPHABET[gap] if gap < 32 else _varint(gap)) + ALPHABET[score])
        prev = page
    return "".join(out)


def decode_postings(text: str) -> list[tuple[int, int]]:
    """The inverse of encode_postings (docs/assets/sok.js does the same)."""
    out, i, page = [], 0, 0
    while i < len(text):
        n = shift = 0
        while True:
            v = ALPHABET.index(text[i])
            i += 1
            n |= (v & 31) << shift
            shift += 5
            if not v & 32:
                break
        page += n
        out.append((page, ALPHABET.index(text[i])))
        i += 1
    return out


@dataclass
class Index:
    pages: list[Page]
    forms: dict[str, list[str]]  # form -> keys (what a query word may be)
    postings: dict[str, list[tuple[int, int]]]  # key -> [(page id, quantised score)]
    site_forms: dict[str, list[str]]  # key -> the forms of it that stand on the site
    vocabulary: Counter  # site word -> number of pages
    scale: float  # score = exp(q / scale) - 1


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


class IndexBuilder:
    """build_index in two parts. What a page gives on its own (its count per key, the other forms of
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

        vocabulary: Counter = Counter()
        tf: list[dict[str, float]] = []
        lengths = []
        for p in pages:
            tf.append(self._counts(p, names))
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
            county = by_url.get(p.county_url) if p.kind == "k" else None
            if county is not None:
                for key in title_keys[i] - title_keys[county]:
                    bonus[county][key] += COUNTY_BONUS
        idf = {k: math.log(1 + (n - d + 0.5) / (d + 0.5)) for k, d in df.items()}
        raw: dict[str, list[tuple[int, float]]] = defaultdict(list)
        top = 1e-9
        for i, counts in enumerate(tf):
            norm = K1 * (1 - B + B * lengths[i] / avg)
            extra = bonus[i]
            for key, f in counts.items():
                score = idf[key] * ((K1 + 1) * f / (f + norm) + extra.get(key, 0.0))
                raw[key].append((i, score))
                if score > top:
                    top = score
        scale = 63 / math.log1p(top)
        log1p = math.log1p
        postings = {k: [(i, q if 0 < q < 63 else (63 if q >= 63 else 1))
                        for i, s in plist for q in (int(scale * log1p(s) + 0.5),)]
                    for k, plist in raw.items()}
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
        for key, key_forms in paradigms.items():
            for form in key_forms:
                if form in forms or form in names:
                    continue
                found = {k for k in keys_of(form) if k in postings}
                if found:
                    forms[form] = found
        return Index(pages=pages, forms={f: sorted(k) for f, k in forms.items()}, postings=postings,
                     site_forms={k: sorted(v) for k, v in site_forms.items()}, vocabulary=vocabulary, scale=scale)


def build_index(pages: list[Page]) -> Index:
    return IndexBuilder().build(pages)


def chunks(index: Index) -> tuple[list[str], list[dict]]:
    """The vocabulary (forms and keys, sorted) cut into chunks of about CHUNK_BYTES."""
    names = sorted(set(index.forms) | set(index.postings))
    out: list[dict] = []
    bounds: list[str] = []
    size = CHUNK_BYTES
    for name in names:
        entry_f = index.forms.get(name)
        entry_k = index.postings.get(name)
        cost = len(name) * (bool(entry_f) + bool(entry_k)) + 8
        if entry_f:
            cost += sum(len(k) + 1 for k in entry_f)
        if entry_k:
            cost += len(entry_k) * 2 + sum(len(f) + 1 for f in index.site_forms.get(name, []))
        if size + cost > CHUNK_BYTES and size:
            out.append({"f": {}, "k": {}})
            bounds.append(name)
            size = 0
        size += cost
        if entry_f:
            out[-1]["f"][name] = " ".join(entry_f)
        if entry_k:
            out[-1]["k"][name] = [encode_postings(entry_k), " ".join(index.site_forms.get(name, []))]
    return bounds, out


def _dump(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _clear(out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    (out / "d").mkdir(parents=True)
    (out / "s").mkdir()
    (out / "ord").mkdir()


def write_pages(pages: list[Page], out: Path) -> None:
    """A new, empty out/ with s/<page>.json: one file per page, for its result line."""
    _clear(out)
    for i, p in enumerate(pages):
        doc = {"u": p.url, "t": p.title, "k": p.kind, "x": p.text[:TEXT_CHARS]}
        if p.county:
            doc["f"] = p.county
        if p.programme:
            doc["p"] = p.programme
        _dump(out / "s" / f"{i}.json", doc)


def write_bundle(index: Index, out: Path, pages_written: bool = False) -> None:
    """The index's files in out/ (pages_written: write_pages has written s/ already)."""
    if not pages_written:
        write_pages(index.pages, out)
    bounds, parts = chunks(index)
    for i, part in enumerate(parts):
        _dump(out / "d" / f"{i}.json", part)
    by_length: dict[int, list[str]] = defaultdict(list)
    for word, count in sorted(index.vocabulary.items(), key=lambda x: (-x[1], x[0])):
        if len(word) >= MIN_TYPO_WORD and not any(c.isdigit() for c in word):
            by_length[len(word)].append(word)
    for length, ws in by_length.items():
        _dump(out / "ord" / f"{length}.json", ws)
    _dump(out / "indeks.json", {
        "versjon": VERSION,
        "sider": len(index.pages),
        "typer": "".join(p.kind for p in index.pages),
        "etiketter": {code: list(labels) for code, labels in KINDS.items()},
        "grenser": bounds,
        "skala": round(index.scale, 6),
        "ordlengder": sorted(by_length),
        "alfabet": ALPHABET,
    })


def index_site(site_dir: Path, known: dict[str, Page | None] | None = None,
               builder: IndexBuilder | None = None, workers: Workers | None = None) -> None:
    """Build the search index into site_dir/sok; raise SearchIndexError if that fails.
    known: pages already read (see read_site); builder: an IndexBuilder they were added to;
    workers: the caller's decision on processes (core/forked.py; serial if not given)."""
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise SearchIndexError(f"Søkeindeksen kunne ikke lages: fant ikke mappen {site_dir}.")
    pages = read_site(site_dir, known)
    if not pages:
        # Without the mark the index would hold navigation, header and footer of every page.
        raise SearchIndexError("Søkeindeksen kunne ikke lages: ingen side har data-pagefind-body; "
                               "sjekk overrides/main.html.")
    out = site_dir / BUNDLE
    try:
        # The 2,000 small files of s/ are written meanwhile by a forked child (0.5-1 s at 2,000 cases,
        # mostly waiting for the system; a thread would wait for the interpreter lock instead).
        with (workers or Workers.serial()).apart("søkefiler", lambda _: write_pages(pages, out), [None]) as pages_done:
            index = (builder or IndexBuilder()).build(pages)
            pages_done.result()  # if the child failed, written here (and any error raised here)
        write_bundle(index, out, pages_written=True)
    except OSError as exc:
        raise SearchIndexError(f"Søkeindeksen kunne ikke skrives til {site_dir / BUNDLE}: {exc}") from exc
    log.info("Søkeindeks: %s sider", len(pages))


def index_command(site_dir: Path) -> list[str]:
    """The indexing step as a command (bench/run.py runs it after a plain MkDocs build)."""
    import sys
    return [sys.executable, "-m", "macros.site.search", str(site_dir)]


if __name__ == "__main__":
    import sys
    index_site(Path(sys.argv[1]), workers=Workers.from_env())
