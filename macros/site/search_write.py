"""The search index as the files the browser reads, in <site>/sok/ (issue 10, 19).

- indeks.json: page kinds (one letter per page), kind labels, chunk boundaries, score scale, and the
  rules and weights docs/assets/sok/ applies (search_text.RULES, search_rank.RANK) with the
  synonyms of data/synonymer.yml: what Python decided, the browser reads;
- d/<n>.json: chunks of the sorted vocabulary: «f» form -> keys (every form of every key on the site,
  in both written standards: what a reader may type), «g» the same typed without æ/ø/å, «k» key ->
  [postings (page, score), the forms that stand on the site, part postings];
- s/<page>.json: title, URL, kind, county, programme and text of one page (for a result line);
- ord.json: the site's plain words and keys by length, with the number of pages of each (for typos,
  compounds and «Mente du …?»); navn.json: the names of every municipality and county the site does
  not have (a place, not a typo); steder.json: every municipality by its name's words, with its
  county's page (fetched only when a search for such a place finds nothing: the nearest cases);
- b/<n>.bin: a Bloom filter of every word the bokmål and nynorsk dictionaries know, in shards: a word
  that is not on the site but in the dictionary («fotball») is not read as a typo of a site word.
A query fetches indeks.json, one or two chunks per word, one file per result shown, and, for a word
the site does not have, ord.json, navn.json and one shard.
"""
from __future__ import annotations

import json
import marshal
import os
import shutil
import zlib
from bisect import bisect_right
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from .lexicon import _cache_file, lexicon
from .search_rank import RANK, SPREAD, Index
from .search_text import RULES

VERSION = 3
CHUNK_BYTES = 16_000  # target size of a vocabulary chunk, uncompressed (one is fetched per word)
# Page text kept for the result line: ten queries at 2,000 cases stay under 150 KB gzip. A page's text
# starts with what it says (a case's facts come last, search_read.META_CLASSES); an excerpt shows the
# query's words where they stand in these characters, else the page's beginning.
TEXT_CHARS = 2_000
# The rest of a longer page's text (r/<page>.json), read only to see where a compound's parts stand: at
# most this many characters more (a county page at 2,000 cases lists hundreds of them).
REST_CHARS = 10_000
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
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
# The dictionary filter: shards, bits per word, hashes (about 1 in 800 non-words looks like a word).
BLOOM = {"deler": 256, "bits": 14, "hash": 9, "frø": [0x9E3779B9, 0x5BD1E995]}


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
    """The inverse of encode_postings (docs/assets/sok/ does the same)."""
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


def chunks(index: Index) -> tuple[list[str], list[dict]]:
    """The vocabulary (forms, folded forms and keys, sorted) cut into chunks of about CHUNK_BYTES."""
    names = sorted(set(index.forms) | set(index.folded) | set(index.postings) | set(index.parts))
    out: list[dict] = []
    bounds: list[str] = []
    size = CHUNK_BYTES
    for name in names:
        entry_f, entry_g = index.forms.get(name), index.folded.get(name)
        entry_k, entry_p = index.postings.get(name), index.parts.get(name)
        cost = len(name) * (bool(entry_f) + bool(entry_g) + bool(entry_k or entry_p)) + 8
        for entry in (entry_f, entry_g):
            if entry:
                cost += sum(len(k) + 1 for k in entry)
        if entry_k or entry_p:
            cost += (len(entry_k or ()) + len(entry_p or ())) * 2 + sum(len(f) + 1 for f in index.site_forms.get(name, []))
        if size + cost > CHUNK_BYTES and size:
            out.append({"f": {}, "g": {}, "k": {}})
            bounds.append(name)
            size = 0
        size += cost
        if entry_f:
            out[-1]["f"][name] = " ".join(entry_f)
        if entry_g:
            out[-1]["g"][name] = " ".join(entry_g)
        if entry_k or entry_p:
            row = [encode_postings(entry_k or []), " ".join(index.site_forms.get(name, []))]
            if entry_p:
                row.append(encode_postings(entry_p))
            out[-1]["k"][name] = row
    return bounds, out


def derived_chunks(index: Index, bounds: list[str]) -> list[dict[str, str]]:
    """The verbs and nouns made from a form (Index.derived), in files cut at the same bounds as the
    chunks: a/<i>.json beside d/<i>.json, fetched only for the parts of a compound (they would make
    every query's chunk bigger)."""
    out: list[dict[str, str]] = [{} for _ in range(max(1, len(bounds)))]
    for name, keys in sorted(index.derived.items()):
        out[max(0, bisect_right(bounds, name) - 1)][name] = " ".join(keys)
    return out


def _dump(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _clear(out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    for sub in ("d", "a", "s", "r", "b"):
        (out / sub).mkdir(parents=True)


def write_pages(pages, out: Path) -> None:
    """A new, empty out/ with s/<page>.json: one file per page, for its result line; and r/<page>.json,
    the rest of a longer page's text, read only to check where the parts of a compound stand on it
    («oppfølging av ledere» for «lederoppfølging», near the end of a long page)."""
    _clear(out)
    for i, p in enumerate(pages):
        doc = {"u": p.url, "t": p.title, "k": p.kind, "x": p.text[:TEXT_CHARS]}
        if p.county:
            doc["f"] = p.county
        if p.programme:
            doc["p"] = p.programme
        if len(p.text) > TEXT_CHARS:  # the browser knows by the length of "x"
            _dump(out / "r" / f"{i}.json", p.text[TEXT_CHARS:TEXT_CHARS + REST_CHARS])
        _dump(out / "s" / f"{i}.json", doc)


def bloom_position(word: str, bits: int) -> tuple[int, list[int]]:
    """(shard, bit positions in it) of a word in the dictionary filter (sok.js: the same, with CRC-32)."""
    data = word.encode("utf-8")
    a, b = BLOOM["frø"]
    h1, h2 = zlib.crc32(data, a), zlib.crc32(data, b) | 1
    return zlib.crc32(data) % BLOOM["deler"], [(h1 + i * h2) % bits for i in range(BLOOM["hash"])]


@lru_cache(maxsize=1)
def dictionary_filter() -> tuple[int, list[bytes]]:
    """(bits per shard, shards) of the Bloom filter of every dictionary word; made once per machine
    (about 5 s) and kept beside the lexicon's cache."""
    path = _cache_file().with_name(_cache_file().stem + f"-filter-{VERSION}.marshal")
    try:
        bits, shards = marshal.loads(path.read_bytes())
        if len(shards) == BLOOM["deler"]:
            return bits, shards
    except (OSError, ValueError, EOFError, TypeError):
        pass
    lex = lexicon()
    ws: set[str] = set()
    for table in (lex._nb, lex._nn):
        for form, lemma in table.items():
            ws.add(form.decode("utf-8").lower())
            ws.add(lemma.decode("utf-8").lower())
    bits = (len(ws) * BLOOM["bits"] // BLOOM["deler"] + 7) // 8 * 8
    arrays = [bytearray(bits // 8) for _ in range(BLOOM["deler"])]
    for w in ws:
        shard, positions = bloom_position(w, bits)
        arr = arrays[shard]
        for p in positions:
            arr[p >> 3] |= 1 << (p & 7)
    shards = [bytes(a) for a in arrays]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((bits, shards)))
        tmp.replace(path)
    except OSError:
        pass
    return bits, shards


def write_bundle(index: Index, out: Path, pages_written: bool = False, synonyms: list[list[str]] = (),
                 place_names: list[str] = (), places: dict[str, list[str]] | None = None) -> None:
    """The index's files in out/ (pages_written: write_pages has written s/ already)."""
    if not pages_written:
        write_pages(index.pages, out)
    bounds, parts = chunks(index)
    for i, part in enumerate(parts):
        _dump(out / "d" / f"{i}.json", part)
    for i, part in enumerate(derived_chunks(index, bounds)):
        _dump(out / "a" / f"{i}.json", part)
    by_length: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for word, count in index.wordlist.items():
        by_length[len(word)].append((-count, word))
    words_by_length = {str(n): [w for _, w in sorted(ws)] for n, ws in sorted(by_length.items())}
    # the number of pages of each word as one character (ALPHABET), 63 meaning 63 or more
    counts_by_length = {str(n): "".join(ALPHABET[min(63, -c)] for c, _ in sorted(ws)) for n, ws in sorted(by_length.items())}
    on_site = set(index.wordlist)
    _dump(out / "ord.json", {"ord": {n: " ".join(ws) for n, ws in words_by_length.items()}, "sider": counts_by_length})
    _dump(out / "navn.json", {"navn": " ".join(sorted({n for n in place_names if n not in on_site}))})
    _dump(out / "steder.json", places or {})
    bits, shards = dictionary_filter()
    for i, shard in enumerate(shards):
        (out / "b" / f"{i}.bin").write_bytes(shard)
    _dump(out / "indeks.json", {
        "versjon": VERSION,
        "sider": len(index.pages),
        "typer": "".join(p.kind for p in index.pages),
        "etiketter": {code: list(labels) for code, labels in KINDS.items()},
        "grenser": bounds,
        "skala": round(index.scale, 6),
        "spredning": SPREAD,
        "tekst": TEXT_CHARS,
        "alfabet": ALPHABET,
        "regler": RULES,
        "rangering": RANK,
        "ordbok": {**BLOOM, "bitsperdel": bits},
        "synonymer": [list(group) for group in synonyms],
    })
