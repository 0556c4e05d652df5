"""Reading a built page for the search index: its title, kind, words (weighted by where they stand)
and its text for the result line (issue 10, 19).

Only the article content counts: the element marked data-pagefind-body by overrides/main.html (the same
mark Pagefind reads). The content is read as blocks (a heading, a paragraph, a list item, a cell ...):
macros/site/search_rank.py finds the blocks the templates repeat on many pages («Samlinger og arenaer
i …», «Ingen registrerte …») and counts them once for the site, not once per page.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .search_text import words

BUNDLE = "sok"  # the index lands in <site>/sok/ (skipped when reading the site)

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
# Facts about a page (a case's number, county, programme ...): searchable, but the result line's
# text starts with what the page says, not with these («4647 Fylke Vestland Program …»).
META_CLASSES = ("ks-fakta", "ks-rediger-skjema")

SKIP = re.compile(r"<(svg|script|style|template|noscript)\b.*?</\1>", re.S)
TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*)>")
SPACE = re.compile(r"\s+")
SENTENCE = re.compile(r"(?<=[.!?:])\s+")  # template text is found sentence by sentence
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
ATTR = re.compile(r'([\w-]+)="([^"]*)"')
CLASS = re.compile(r'\bclass="([^"]*)"')
WEIGHT = re.compile(r'\bdata-pagefind-weight="([\d.]+)"')
# Pagefind's mark for what a page shows but is not about (the cases it links to, what it lacks):
# neither engine indexes it, so a search for «Bodø» does not find every page that links to Bodø.
IGNORE = re.compile(r'\bdata-pagefind-ignore\b')
# Tags inside a line of text: no space where they start or end ("<strong>YAML</strong>.").
INLINE = {"a", "abbr", "b", "bdi", "cite", "code", "data", "em", "i", "kbd", "mark", "q", "s", "small", "span",
          "strong", "sub", "sup", "time", "u", "var", "br", "wbr", "img"}
VOID = {"br", "wbr", "img", "hr", "input", "meta", "link", "source", "area", "col", "embed", "track"}


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
    # (a sentence's words, numbers as «#», its weight), for every sentence of two or more words and every
    # one-word heading: what the templates repeat
    blocks: list[tuple[tuple[str, ...], int]] = field(default_factory=list)
    heading_words: set[str] = field(default_factory=set)  # words of h2-h4 headings (what a page is about)
    lead: tuple[str, ...] = ()  # the first paragraph after the title, before any heading: what the page is


def page_url(site_dir: Path, path: Path) -> str:
    rel = path.relative_to(site_dir).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def _find_body(source: str) -> tuple[int, int] | None:
    at = source.find(" data-pagefind-body")
    while at != -1:  # the attribute inside a tag, not the words in a text about it
        start, stop = source.rfind("<", 0, at), source.find(">", at)
        if start != -1 and stop != -1 and ">" not in source[start:at]:
            return start, stop
        at = source.find(" data-pagefind-body", at + 1)
    return None


def _blocks(body: str) -> list[tuple[str, int, bool, str]]:
    """The text blocks of the content, in order: (text, weight, is metadata, heading tag or "")."""
    out: list[tuple[str, int, bool, str]] = []
    stack: list[tuple[str, int, bool, str, bool]] = []  # open elements: (tag, weight, metadata, heading, ignored)
    weight, meta, heading, ignored = 1, False, "", False
    parts: list[str] = []
    pos = 0

    def flush():
        text = SPACE.sub(" ", html.unescape("".join(parts))).strip()
        parts.clear()
        if text and not ignored:
            out.append((text, weight, meta, heading))

    for m in TAG.finditer(body):
        parts.append(body[pos:m.start()])
        pos = m.end()
        closing, tag, attrs = m.group(1), m.group(2).lower(), m.group(3)
        if tag in INLINE:
            continue
        flush()
        if tag in VOID or attrs.rstrip().endswith("/"):
            continue
        if closing:
            while stack:
                top = stack.pop()
                if top[0] == tag:
                    break
            weight, meta, heading, ignored = (stack[-1][1:] if stack else (1, False, "", False))
            continue
        w = HEADING_WEIGHT.get(tag, weight)
        marked = WEIGHT.search(attrs)
        if marked:
            w = max(w, round(float(marked.group(1))))
        classes = CLASS.search(attrs)
        is_meta = meta or bool(classes and any(c in META_CLASSES for c in classes.group(1).split()))
        h = tag if tag in HEADING_WEIGHT else heading
        is_ignored = ignored or bool(IGNORE.search(attrs))
        stack.append((tag, w, is_meta, h, is_ignored))
        weight, meta, heading, ignored = w, is_meta, h, is_ignored
    parts.append(body[pos:])
    flush()
    return out


def read_page(url: str, source: str) -> Page | None:
    """The indexed content of one built page, or None when it has no data-pagefind-body mark."""
    found = _find_body(source)
    if found is None:
        return None
    start, stop = found
    attrs = dict(ATTR.findall(source[start:stop]))
    end = source.find("</article>", stop)
    body = source[stop + 1: end if end != -1 else len(source)]
    if "<svg" in body or "<script" in body or "<style" in body or "<template" in body or "<noscript" in body:
        body = SKIP.sub(" ", body)
    blocks = _blocks(body)
    counts: Counter = Counter()
    title, length = "", 0
    shapes: list[tuple[tuple[str, ...], int]] = []
    heading_words: set[str] = set()
    lead: tuple[str, ...] | None = None
    for text, weight, meta, heading in blocks:
        ws = words(text)
        if lead is None and title and not meta and (heading or len(ws) >= 4):
            lead = () if heading else tuple(ws)
        length += len(ws)
        for w in ws:
            counts[w] += weight
        if heading == "h1" and not title:
            title = text
        elif heading in ("h2", "h3", "h4"):
            heading_words.update(ws)
        for sentence in SENTENCE.split(text) if len(ws) >= 2 else ():
            sw = tuple("#" if w.isdigit() else w for w in words(sentence))
            if len(sw) >= 2:
                shapes.append((sw, weight))
        if heading in ("h2", "h3", "h4") and len(ws) == 1:  # «Samlinger» over a list on every focus page
            shapes.append((tuple(ws), weight))
    # The result line's text: what the page says first, its facts after.
    text = " ".join([t for t, _, meta, _ in blocks if not meta] + [t for t, _, meta, _ in blocks if meta])
    if not title:
        t = TITLE.search(source)
        title = html.unescape(t.group(1)).split(" - ")[0].strip() if t else url
    kind = KIND_CODES.get(attrs.get("data-sok-type", ""), "")
    if not kind:
        kind = next((code for rx, code in URL_KINDS if rx.search(url)), "a")
    return Page(url=url, title=title, kind=kind, county=attrs.get("data-sok-fylke", ""),
                county_url=attrs.get("data-sok-fylke-url", ""), programme=attrs.get("data-sok-program", ""),
                text=text, counts=counts, length=length, title_words=words(title), blocks=shapes,
                heading_words=heading_words, lead=lead or ())


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
