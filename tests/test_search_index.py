"""The search lexicon and index (issue 10) without a browser: what a word is filed under, and the files
the browser reads. The browser side is tests/browser/test_search.py."""
from __future__ import annotations

import json

import pytest

from macros.site import search
from macros.site.lexicon import lexicon, read_pairs, words


@pytest.fixture(scope="module")
def lex():
    return lexicon()


def same_key(lex, *forms: str) -> bool:
    return bool(frozenset.intersection(*(lex.keys(f) for f in forms)))


@pytest.mark.parametrize("forms", [
    ("lærer", "læreren", "lærere", "lærerne", "lærerens"),  # -er nouns: one key, not three stems
    ("deltaker", "deltakeren", "deltakere", "deltakerne", "deltakarane"),
    ("partner", "partnerne", "partnarane"),
    ("innbygger", "innbyggerne"),
    ("leder", "lederne"),
    ("kulturskole", "kulturskolen", "kulturskolene", "kulturskolens", "kulturskulane"),  # compounds
    ("samarbeid", "samarbeidet", "samarbeidets"),
    ("fungere", "fungerer", "fungerte"),  # verbs
    ("viktig", "viktige", "viktigste", "viktigaste"),  # adjectives
    ("stor", "større", "største"),
])
def test_inflected_forms_share_a_key(lex, forms):
    assert same_key(lex, *forms), {f: sorted(lex.keys(f)) for f in forms}


@pytest.mark.parametrize("nb,nn", [("skole", "skule"), ("skolene", "skulane"), ("kommunene", "kommunane"),
                                   ("tjenester", "tenester"), ("ikke", "ikkje"), ("hva", "kva"),
                                   ("barnehagene", "barnehagane"), ("ungdommene", "ungdommane"),
                                   ("lærerne", "lærarane"), ("fortellingen", "forteljinga")])
def test_bokmal_and_nynorsk_forms_share_a_key(lex, nb, nn):
    assert same_key(lex, nb, nn), (sorted(lex.keys(nb)), sorted(lex.keys(nn)))


@pytest.mark.parametrize("a,b", [("lærerne", "lære"), ("korps", "kor"), ("kulturskole", "kultur"),
                                 ("kor", "hvor"), ("viktig", "betydningsfull"), ("sidene", "ledet")])
def test_different_words_do_not_share_a_key(lex, a, b):
    assert not same_key(lex, a, b), (sorted(lex.keys(a)), sorted(lex.keys(b)))


def test_forms_of_a_key_include_both_written_standards(lex):
    forms = lex.forms_of({"skole", "kulturskole", "tjeneste"})
    assert {"skolene", "skulane", "skulen"} <= forms["skole"]
    assert {"kulturskolene", "kulturskulane", "kulturskolens"} <= forms["kulturskole"]
    assert {"tenestene", "tjenestene"} <= forms["tjeneste"]


def test_words_are_lower_case_letters_and_digits():
    assert words("Kulturskolen (Bodø) – 2024/25: «lærer»-rollen, Ø-en.") == [
        "kulturskolen", "bodø", "2024", "25", "lærer", "rollen", "ø", "en"]


def test_word_pairs_file_is_sorted_lower_case_and_differs_in_spelling():
    pairs = read_pairs()
    assert len(pairs) > 4000
    assert ("skule", "skole") in pairs and ("ikkje", "ikke") in pairs
    assert all(nn != nb and nn == nn.lower() and nb == nb.lower() for nn, nb in pairs)
    assert pairs == sorted(pairs)


def test_postings_round_trip():
    postings = [(0, 1), (1, 63), (31, 5), (32, 7), (1000, 12), (40_000, 2)]
    text = search.encode_postings(postings)
    assert search.decode_postings(text) == postings
    assert all(c in search.ALPHABET for c in text)


PAGE = """<!doctype html><html lang="nb"><head><title>{title} - Kulturskole 3.0</title></head><body>
<nav>Meny Hjem</nav><article class="md-content__inner">
<div data-pagefind-body{attrs}><h1>{title}</h1>{body}</div></article><footer>Bunntekst</footer></body></html>"""


def write(site, url, title, body, attrs=""):
    path = site / url / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(title=title, body=body, attrs=attrs), encoding="utf-8")


def test_index_files_hold_what_the_browser_reads(tmp_path):
    site = tmp_path
    write(site, "kommuner/bodo", "Bodø", "<p>Lærerne i kulturskolen samarbeider med skulane.</p>"
          "<svg><text>Kartetikett</text></svg><script>var hemmelig = 1;</script>",
          ' data-sok-type="kommune" data-sok-fylke="Nordland" data-sok-fylke-url="fylker/nordland/"'
          ' data-sok-program="Kulturskole 3.0"')
    write(site, "fylker/nordland", "Nordland", "<ul><li><a href='../../kommuner/bodo/'>Bodø</a></li></ul>")
    write(site, "fokusomrader/helse", "Kulturskolen i samspill med helsesektoren", "<p>Om helse.</p>")
    write(site, "bidra", "Bidra", "<p>Slik bidrar du &amp; skriver <strong>YAML</strong>.</p>")
    write(site, "program/egen-utvikling", "Egen utvikling", "<p>Kommunens eget arbeid.</p>")
    write(site, "bidra/eksempel", "Eksempel", "", attrs="")  # no mark: left out ...
    page = site / "bidra" / "eksempel" / "index.html"
    page.write_text(page.read_text().replace(" data-pagefind-body", "").replace(
        "<h1>", "<p>Merket heter <code> data-pagefind-body</code>.</p><h1>"), encoding="utf-8")  # ... even so
    (site / "utforsk").mkdir()
    (site / "utforsk" / "index.html").write_text("<html><body><article>Ikke med</article></body></html>")
    search.index_site(site)
    out = site / "sok"
    meta = json.loads((out / "indeks.json").read_text(encoding="utf-8"))
    docs = [json.loads((out / "s" / f"{i}.json").read_text(encoding="utf-8")) for i in range(meta["sider"])]
    by_url = {d["u"]: (i, d) for i, d in enumerate(docs)}
    assert set(by_url) == {"kommuner/bodo/", "fylker/nordland/", "fokusomrader/helse/", "bidra/",
                           "program/egen-utvikling/"}
    i_bodo, bodo = by_url["kommuner/bodo/"]
    assert (bodo["t"], bodo["k"], bodo["f"], bodo["p"]) == ("Bodø", "k", "Nordland", "Kulturskole 3.0")
    assert "Lærerne i kulturskolen samarbeider med skulane." in bodo["x"]
    assert "Kartetikett" not in bodo["x"] and "hemmelig" not in bodo["x"] and "Meny" not in bodo["x"]
    assert by_url["bidra/"][1]["k"] == "v" and by_url["fylker/nordland/"][1]["k"] == "f"
    assert by_url["program/egen-utvikling/"][1]["k"] == "p" and meta["etiketter"]["p"] == ["Program", "Program"]
    assert "Slik bidrar du & skriver YAML." in by_url["bidra/"][1]["x"]
    assert meta["typer"] == "".join(d["k"] for d in docs)  # the kind filters count from indeks.json

    def lookup(name: str, part: str):
        n = sum(1 for b in meta["grenser"] if b <= name) - 1  # as docs/assets/sok/1-indeks.js chunkIndex()
        chunk = json.loads((out / "d" / f"{max(0, n)}.json").read_text(encoding="utf-8"))
        return chunk[part].get(name)

    # A nynorsk reader's word that is not on the site finds the page with the bokmål form.
    for typed in ("lærarane", "lærer", "skolene", "kulturskulen"):
        keys = lookup(typed, "f")
        assert keys, typed
        pages = {p for k in keys.split() for p, _ in search.decode_postings(lookup(k, "k")[0])}
        assert i_bodo in pages, typed
    # A municipality's name: its case first, its county next.
    scores = dict(search.decode_postings(lookup("bodø", "k")[0]))
    assert scores[i_bodo] > scores[by_url["fylker/nordland/"][0]]
    wordlist = json.loads((out / "ord.json").read_text(encoding="utf-8"))
    assert "bodø" in wordlist["ord"]["4"].split()
    assert lookup("bodøs", "f") == "bodø"  # the genitive of a name finds the name
    assert lookup("bodo", "g") == "bodø"  # typed without ø


def test_a_long_pages_rest_of_text_is_a_file_of_its_own(tmp_path):
    """The result line gets a page's first TEXT_CHARS characters; the rest is r/<page>.json, which the
    browser reads only to check where a compound's parts stand. Together they are the whole text."""
    from macros.site.search_write import TEXT_CHARS
    long_text = " ".join(["Kulturskolen samarbeider med skolen."] * 100) + " Oppfølging av ledere."
    write(tmp_path, "om", "Om", f"<p>{long_text}</p>")
    write(tmp_path, "kort", "Kort", "<p>Kort side.</p>")
    search.index_site(tmp_path)
    out = tmp_path / "sok"
    docs = {d["u"]: (i, d) for i, d in enumerate(
        json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "s").glob("*.json"), key=lambda p: int(p.stem)))}
    i_long, long_doc = docs["om/"]
    rest = json.loads((out / "r" / f"{i_long}.json").read_text(encoding="utf-8"))
    assert len(long_doc["x"]) == TEXT_CHARS  # how the browser knows there is more
    assert (long_doc["x"] + rest).endswith("Oppfølging av ledere.") and "ledere" not in long_doc["x"]
    i_short, short_doc = docs["kort/"]
    assert len(short_doc["x"]) < TEXT_CHARS and not (out / "r" / f"{i_short}.json").exists()
    assert json.loads((out / "indeks.json").read_text(encoding="utf-8"))["tekst"] == TEXT_CHARS


def test_a_verb_made_into_a_noun_and_back(lex):
    assert lex.derived("melding") == {"melde"} and "melding" in lex.derived("melde")
    assert lex.derived("involvering") == {"involvere"} and lex.derived("samarbeid") == {"samarbeide"}
    assert lex.derived("byge") == set() and not lex.is_verb("byge")  # a noun in -e (a shower), not a verb
    assert lex.derived("mål") == set() and lex.derived("lag") == set()  # too short to tell


def test_the_verb_or_noun_made_from_a_word_is_its_own_entry(tmp_path):
    """The site says «melde interesse»; «melding» (not on the site) is filed under «melde» in a/<chunk>.json,
    which the browser reads for a compound's parts only («interessemelding»)."""
    write(tmp_path, "tidslinje", "Tidslinje", "<p>Frist for å melde interesse for programmet.</p>")
    search.index_site(tmp_path)
    out = tmp_path / "sok"
    meta = json.loads((out / "indeks.json").read_text(encoding="utf-8"))
    n = max(0, sum(1 for b in meta["grenser"] if b <= "melding") - 1)
    chunk = json.loads((out / "d" / f"{n}.json").read_text(encoding="utf-8"))
    derived = json.loads((out / "a" / f"{n}.json").read_text(encoding="utf-8"))
    assert derived.get("melding") == "melde" and "melding" not in chunk["f"]
