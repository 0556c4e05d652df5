"""Norwegian word lexicon for site search: every inflected form, in bokmål and nynorsk, -> base words.

One definition, used twice: macros/site/search.py files each page under the base words (lemmas) of
its words, and writes the same mapping for the site's vocabulary (and every other form of those
words, in both written standards) to the files the browser reads, so a query is looked up by the
same code that indexed the pages.

Sources (README, «Kilder og lisenser»):
- Inflection: the bokmål (nb) and nynorsk (nn) lemma dictionaries of PyPI `simplemma` (pinned).
  A form is filed under its lemma in either dictionary, so «lærerne», «lærere» and «læreren» all
  give «lærer», and «kommunane» gives «kommune».
- Bokmål <-> nynorsk: macros/site/leksikon/nn-nb.tsv (scripts/build_lexicon.py, from FreeDict's
  nno-nob dictionary built from Apertium). A nynorsk lemma is filed under its bokmål lemma:
  «skule» -> «skole», «teneste» -> «tjeneste», «ikkje» -> «ikke», «kva» -> «hva».
- Compounds the dictionaries do not list («kulturskolene», «kulturskulane») are analysed by their last
  part («skolene» -> «skole»: «kulturskole»).

A *key* is the base word a page is filed under: a bokmål lemma (or the word itself when no
dictionary knows it, e.g. a place name). Keys are what the browser's index is keyed by.
"""
from __future__ import annotations

import marshal
import os
from collections import defaultdict
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from .search_text import WORD, words  # noqa: F401 - one definition of a word (search_text.py)

PAIRS = Path(__file__).resolve().parent / "leksikon" / "nn-nb.tsv"
MIN_HEAD = 5  # the last part of a compound must have at least this many letters ...
MIN_MODIFIER = 3  # ... and what comes before it at least this many
# A nynorsk lemma that is also a bokmål word keeps only translations spelt like it: «skule» ->
# «skole», but «kor» (choir; also nynorsk for «hvor») stays «kor» and «viktig» is not «betydningsfull».
SAME_WORD = 0.6


# Nynorsk endings spelt otherwise in bokmål, for nynorsk words the word pairs lack (and for a lexicon
# without the optional pairs): «medverknad» -> «medvirkning», «tryggleik» -> «trygghet».
NN_ENDINGS = [("verknad", "virkning"), ("heit", "het"), ("leik", "het"), ("leg", "lig"), ("ande", "ende"),
              ("inga", "ingen"), ("ing", "ning"), ("ast", "est"), ("ar", "er")]

# Irregular forms whose base word starts with other letters: the dictionaries' check that a lemma
# starts like its form («ledet» -> «side» is wrong) would drop them.
IRREGULAR = {
    "små": "liten", "smått": "liten", "mindre": "liten", "minst": "liten", "minste": "liten",
    "bedre": "god", "best": "god", "beste": "god", "eldre": "gammel", "eldst": "gammel", "eldste": "gammel",
    "flere": "mange", "flest": "mange", "fleire": "mange", "mer": "mye", "meir": "mye",
    "mest": "mye", "verre": "vond", "verst": "vond", "verste": "vond", "færre": "få", "færrest": "få",
}


class Lexicon:
    """Lemma lookups over simplemma's nb and nn dictionaries and the nn -> nb word pairs."""

    def __init__(self, nb: dict[bytes, bytes], nn: dict[bytes, bytes], pairs: list[tuple[str, str]]):
        self._nb, self._nn = nb, nn
        self._by_lemma: dict[bytes, list[bytes]] | None = None
        self._nn_reverse: dict[str, set[str]] | None = None
        self._to_nb: dict[str, set[str]] = defaultdict(set)  # nynorsk lemma -> bokmål lemmas
        self._to_nn: dict[str, set[str]] = defaultdict(set)
        for nn_word, nb_word in pairs:
            self._to_nb[nn_word].add(nb_word)
            self._to_nn[nb_word].add(nn_word)

    # --- form -> keys ---------------------------------------------------------------------------
    def _lookup(self, table: dict[bytes, bytes], form: str) -> str | None:
        value = table.get(form.encode())
        return value.decode().lower() if value is not None else None

    def _is_bokmal(self, lemma: str) -> bool:
        return self._lookup(self._nb, lemma) == lemma

    def _translations(self, lemma: str, strict: bool = False) -> set[str]:
        targets = self._to_nb.get(lemma, set())
        if targets and (strict or self._is_bokmal(lemma)):  # a spelling of the same word: as long, and alike
            targets = {t for t in targets if len(t) == len(lemma) and SequenceMatcher(None, lemma, t).ratio() >= SAME_WORD}
            return targets | {lemma}
        return set(targets)

    def _bokmal(self, lemma: str, strict: bool = False) -> set[str]:
        """A nynorsk lemma in bokmål spelling (itself when the pairs do not translate it). strict: the
        form is a bokmål word too («ledet»), so only translations spelt like the lemma count."""
        direct = self._translations(lemma, strict)
        if direct or self._is_bokmal(lemma):
            return (direct or {lemma}) | self._ning(lemma)
        for nn_end, nb_end in NN_ENDINGS:  # a regular difference in spelling, to a bokmål word
            if lemma.endswith(nn_end):
                candidate = lemma[: len(lemma) - len(nn_end)] + nb_end
                if self._is_bokmal(candidate):
                    return {candidate}
        for i in range(MIN_MODIFIER, len(lemma) - MIN_HEAD + 1):  # longest translated last part
            head = self._translations(lemma[i:], strict)
            if head:
                return {lemma[:i] + t for t in head}
        return {lemma}

    def _ning(self, lemma: str) -> set[str]:
        """Many nouns have an -ing spelling and an -ning or -else one; bokmål allows both, nynorsk -ing
        only: the site may write «utlysning» or «undersøkelse» and a reader type «utlysinga» or
        «undersøking» (the bokmål dictionary has 810 -ing/-ning and about 1,000 -ing/-else pairs).
        The -ing spelling is filed under the other word too."""
        if len(lemma) < 7 or not lemma.endswith("ing") or lemma.endswith("ning"):
            return set()
        return {c for c in (lemma[:-3] + "ning", lemma[:-3] + "else") if self._is_bokmal(c)}

    def _ing(self, lemma: str) -> set[str]:
        """The other way round, for the forms a reader may type: «utlysning» -> «utlysing»,
        «undersøkelse» -> «undersøking», when a dictionary has it."""
        if len(lemma) < 8 or not lemma.endswith(("ning", "else")):
            return set()
        candidate = lemma[:-4] + "ing"
        return {candidate} if self.is_dictionary_word(candidate) else set()

    def is_verb(self, lemma: str) -> bool:
        """A bokmål verb: a base word in -e with a past form («meldte», «lagret», «samarbeidde») or an
        imperative («planlegg») filed under it. («byge», a noun, has neither.)"""
        if len(lemma) < 4 or not lemma.endswith("e") or self._lookup(self._nb, lemma) != lemma:
            return False
        forms = [lemma[:-1] + end for end in ("te", "et", "de", "dde")] + [lemma[:-1]]
        return any(self._lookup(self._nb, f) == lemma for f in forms)

    def _verbs_of(self, noun: str) -> set[str]:
        stems = []
        if noun.endswith("ing") and len(noun) >= 6:  # «melding» -> «melde», «involvering» -> «involvere»
            stems.append(noun[:-3])
        if noun.endswith(("ning", "else")) and len(noun) >= 8:  # «spredning» -> «sprede», «opplevelse»
            stems.append(noun[:-4])
        if len(noun) >= 6 and not noun.endswith("e"):  # «samarbeid» -> «samarbeide»
            stems.append(noun)
        return {stem + "e" for stem in stems if self.is_verb(stem + "e")}

    def derived(self, key: str) -> set[str]:
        """A verb made into a noun and back: «melding» and «melde», «involvering» and «involvere»,
        «samarbeid» and «samarbeide». Only for what a reader types (search_rank: the forms of one find
        the pages of the other); a page is filed under its own words, so scores stay as they were."""
        if self.is_verb(key):
            stem = key[:-1]
            nouns = {stem + "ing", stem + "ning", stem + "else"} | ({stem} if len(stem) >= 6 else set())
            return {n for n in nouns if self._lookup(self._nb, n) == n and key in self._verbs_of(n)}
        return self._verbs_of(key) if self._lookup(self._nb, key) == key else set()

    def is_dictionary_word(self, form: str) -> bool:
        """Is form a word of the bokmål or nynorsk dictionary?"""
        b = form.encode()
        return b in self._nb or b in self._nn

    def _adjective(self, form: str) -> set[str]:
        """An adjective form that drops a vowel of its base word: «åpne» is the verb «åpne» and also
        «åpen» («Åpne data»), «enkle» is «enkel». The dictionaries file such a form under one word only."""
        if len(form) < 4 or form[-1] != "e" or form[-2] not in "nlr":
            return set()
        lemma = form[:-2] + "e" + form[-2]
        for table in (self._nb, self._nn):
            if self._lookup(table, lemma) == lemma and self._lookup(table, lemma + "t") == lemma:
                return self._dictionary_keys(lemma) or {lemma}
        return set()

    def _noun(self, form: str) -> set[str]:
        """A plural noun that the dictionaries file as a verb: «filmer» is «filme» (films, the verb) and
        «film» (films, the noun); likewise «bruker», «spiller»."""
        if len(form) < 5 or not form.endswith("er"):
            return set()
        noun = form[:-2]
        for table in (self._nb, self._nn):
            if self._lookup(table, form) == noun + "e" and self._lookup(table, noun) == noun:
                return {noun}
        return set()

    def _dictionary_keys(self, form: str) -> set[str]:
        keys = set()
        if form in IRREGULAR:
            keys.add(IRREGULAR[form])
        # A lemma that does not start like the form is dropped: the dictionaries have a few wrong
        # entries («ledet» -> «side», «kan» -> «kunnskap»); irregular forms («små» -> «liten») are the price.
        nb = self._lookup(self._nb, form)
        if nb and nb[:1] == form[:1]:
            keys.add(nb)
            keys |= self._ning(nb)
        nn = self._lookup(self._nn, form)
        if nn and nn[:1] == form[:1]:
            keys |= self._bokmal(nn, strict=bool(keys))
        if not keys and form in self._to_nb:  # a nynorsk lemma the dictionaries lack
            keys |= self._to_nb[form]
        return keys

    def _modifiers(self, modifier: str) -> set[str]:
        """The first part of a compound, and its bokmål spelling: «framtids» -> «fremtids»."""
        link = "s" if modifier.endswith("s") and len(modifier) > MIN_MODIFIER else ""
        base = modifier[: len(modifier) - len(link)]
        return {modifier} | {t + link for t in self._translations(base, strict=True)}

    def _compound_keys(self, form: str) -> set[str]:
        for i in range(MIN_MODIFIER, len(form) - MIN_HEAD + 1):  # the longest known last part
            head = self._dictionary_keys(form[i:])
            if head:
                return {m + h for m in self._modifiers(form[:i]) for h in head}
        return set()

    @lru_cache(maxsize=200_000)
    def keys(self, form: str) -> frozenset[str]:
        """The keys (bokmål base words) a lower-case word form is filed under."""
        genitive = form[:-1] if form.endswith("s") and len(form) > 3 else None
        keys = (self._dictionary_keys(form) or (genitive and self._dictionary_keys(genitive))
                or self._compound_keys(form) or (genitive and self._compound_keys(genitive)))
        keys = (keys or {form}) | self._adjective(form) | self._noun(form)
        return frozenset(keys)

    # --- key -> forms (what a reader may type) ----------------------------------------------------
    def nynorsk_lemmas(self) -> dict[str, set[str]]:
        """Bokmål key -> the nynorsk dictionary lemmas keys() files under it (made once, 0.2 s): so the
        forms a reader may type include every nynorsk form keys() maps («innbyggjarane»), also where
        the word pairs lack the lemma."""
        if self._nn_reverse is None:
            reverse: dict[str, set[str]] = defaultdict(set)
            for raw in set(self._nn.values()):
                lemma = raw.decode().lower()
                for key in self._bokmal(lemma):
                    if key != lemma:
                        reverse[key].add(lemma)
            self._nn_reverse = dict(reverse)
        return self._nn_reverse

    def _modifiers_both(self, modifier: str) -> set[str]:
        """A compound's first part in bokmål and in nynorsk spelling: «fremtids» -> «framtids» too."""
        link = "s" if modifier.endswith("s") and len(modifier) > MIN_MODIFIER else ""
        base = modifier[: len(modifier) - len(link)]
        nynorsk = self._to_nn.get(base, set()) | self.nynorsk_lemmas().get(base, set())
        return {modifier} | {t + x for t in nynorsk for x in {link, ""}}  # «tilgjengelighets-», «tilgjenge-»

    def forms_by_lemma(self) -> dict[bytes, list[bytes]]:
        """Both dictionaries turned round: lemma -> its forms. Made once (0.3 s), so that forms_of can
        be asked key by key while the pages arrive (site/search.py's IndexBuilder)."""
        if self._by_lemma is None:
            by_lemma: dict[bytes, list[bytes]] = defaultdict(list)
            for table in (self._nb, self._nn):
                for form, lemma in table.items():
                    by_lemma[lemma].append(form)
            self._by_lemma = dict(by_lemma)
        return self._by_lemma

    def forms_of(self, keys: set[str]) -> dict[str, set[str]]:
        """For each key: word forms that may be filed under it, in bokmål and nynorsk (a superset:
        callers check each form with keys()). Each key's forms depend on that key alone."""
        # compound key -> every (modifier, last part) the dictionaries know the last part of
        heads: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for key in keys:
            if self._lookup(self._nb, key) is None and self._lookup(self._nn, key) is None:
                for i in range(MIN_MODIFIER, len(key) - MIN_HEAD + 1):
                    head = key[i:]
                    if self._lookup(self._nb, head) is not None or self._lookup(self._nn, head) is not None:
                        heads[key].append((key[:i], head))
        nynorsk = self.nynorsk_lemmas()
        by_lemma = self.forms_by_lemma()

        def paradigm(base: str) -> set[str]:
            out = set()
            for lemma in {base, *self._to_nn.get(base, ()), *nynorsk.get(base, ()), *self._ing(base)}:
                out.update(form.decode().lower() for form in by_lemma.get(lemma.encode(), ()))
            return out

        found: dict[str, set[str]] = {}
        for key in keys:
            if key in heads:
                found[key] = {m + f for modifier, head in heads[key] for m in self._modifiers_both(modifier)
                              for f in paradigm(head) | {head}}
            else:
                found[key] = paradigm(key)
        out: dict[str, set[str]] = {}
        irregular: dict[str, set[str]] = defaultdict(set)
        for form, lemma in IRREGULAR.items():
            irregular[lemma].add(form)
        for key in keys:
            forms = {key} | found.get(key, set()) | irregular.get(key, set())
            if len(key) >= 4 and key[-2] == "e" and key[-1] in "nlr":  # «åpen» -> «åpne» (see _adjective)
                forms.add(key[:-2] + key[-1] + "e")
            forms.add(key + "er")  # «film» -> «filmer» (see _noun)
            # The dictionaries leave out the genitive («kulturskolens»); keys() reads it as the form
            # without -s.
            out[key] = forms | {f + "s" for f in forms if not f.endswith(("s", "x", "z"))}
        return out


def read_pairs(path: Path = PAIRS) -> list[tuple[str, str]]:
    """The nynorsk -> bokmål word pairs. They are optional (GPL, see README): without the file, or with
    KULTURSKOLE_ORDPAR=0, the lexicon has the dictionaries' own forms only."""
    if os.environ.get("KULTURSKOLE_ORDPAR") == "0" or not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            nn_word, nb_word = line.split("\t")
            out.append((nn_word, nb_word))
    return out


def _load_tables() -> dict[str, dict[bytes, bytes]]:
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    factory = DefaultDictionaryFactory()
    tables = {lang: factory.get_dictionary(lang) for lang in ("nb", "nn")}
    # The factory's mapping wraps a bytes -> bytes dict; reading that directly avoids decoding
    # the 640,000 bokmål entries up front.
    return {lang: getattr(t, "_dict", None) or {k.encode(): v.encode() for k, v in t.items()}
            for lang, t in tables.items()}


def _cache_file() -> Path:
    from importlib.metadata import version
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(home) / "kulturskole" / f"simplemma-{version('simplemma')}-nb-nn.marshal"


def _tables() -> dict[str, dict[bytes, bytes]]:
    """simplemma's nb and nn dictionaries. Unpacking them takes 1-2 s, so the unpacked tables are
    kept in the user's cache folder (marshal: plain data, no code) and read from there next time."""
    try:
        path = _cache_file()
        data = marshal.loads(path.read_bytes())
        if isinstance(data, dict) and set(data) == {"nb", "nn"}:
            return data
    except (OSError, ValueError, EOFError, TypeError, ImportError):
        pass
    tables = _load_tables()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(tables))
        tmp.replace(path)
    except (OSError, NameError):
        pass
    return tables


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, loaded once per process."""
    tables = _tables()
    return Lexicon(tables["nb"], tables["nn"], read_pairs())
