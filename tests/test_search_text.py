"""Site search, issue 19, without a browser: the shared rules (search_text.py), what the lexicon
files a word under, and what the index makes of compounds, template text, names and metadata.
The browser side of the same rules: tests/browser/test_search_rules.py."""
from __future__ import annotations

import json
import math

import pytest

from macros.core.load import load_dataset
from macros.site import search
from macros.site.lexicon import lexicon
from macros.site.search_text import distance, fold, max_edits, split_compound


@pytest.fixture(scope="module")
def lex():
    return lexicon()


@pytest.mark.parametrize("typed,folded", [("målselv", "malselv"), ("lærer", "laerer"), ("haaland", "haland"),
                                          ("bodø", "bodo"), ("kafé", "kafe"), ("skole", "skole")])
def test_fold_is_what_a_reader_types_without_norwegian_letters(typed, folded):
    assert fold(typed) == folded


@pytest.mark.parametrize("a,b,edits", [("kulturskole", "kulturskole", 0), ("kulturskle", "kulturskole", 1),
                                       ("kultrusk", "kulturs", 2), ("samarbied", "samarbeid", 1),  # a swap is one
                                       ("barnhage", "barnehage", 1), ("helsesktoren", "helsesektoren", 1),
                                       ("kommuen", "kommunen", 1), ("komuen", "kommunen", 2), ("abc", "xyz", 3)])
def test_distance_counts_inserts_deletes_replacements_and_swaps(a, b, edits):
    assert distance(a, b, 2) == min(edits, 3)
    assert distance(b, a, 2) == min(edits, 3)


def test_longer_words_may_have_more_typos():
    assert [max_edits(w) for w in ("kor", "kors", "barnehag", "kulturskole")] == [0, 1, 2, 2]


def test_compounds_are_cut_into_the_words_most_used_together():
    pages = {"kulturskole": 40, "kultur": 9, "skole": 30, "tilbud": 8, "barnehage": 12, "barn": 20, "hage": 1,
             "lærer": 5, "utdanning": 2, "kommune": 50, "filmer": 10, "kommunefil": 1, "mer": 40}
    freq = lambda x: pages.get(x, 0)  # noqa: E731
    assert split_compound("kulturskoletilbud", freq) == ["kulturskole", "tilbud"]
    assert split_compound("barnehagebarn", freq) == ["barnehage", "barn"]
    assert split_compound("kommunefilmer", freq) == ["kommune", "filmer"]  # not «kommunefil» + «mer»
    assert split_compound("kulturskoleslærerutdanning", freq) == ["kulturskole", "lærer", "utdanning"]  # linking s
    assert split_compound("fotballbane", freq) is None


def keys(lex, form):
    return set(lex.keys(form))


def test_a_form_is_filed_under_every_word_it_can_be(lex):
    assert {"åpne", "åpen"} <= keys(lex, "åpne")  # «Åpne data»: the verb and the adjective
    assert "åpen" in keys(lex, "open")  # nynorsk
    assert {"film", "filme"} <= keys(lex, "filmer")  # the noun's plural and the verb
    assert "liten" in keys(lex, "små") and "god" in keys(lex, "bedre")  # irregular, other first letters
    assert "sikker" not in keys(lex, "sikre")  # not every -re is an adjective that drops a vowel


def test_the_ing_and_ning_spellings_of_a_noun_meet(lex):
    assert "utlysning" in keys(lex, "utlysinga") and "utlysning" in keys(lex, "utlysningen")
    assert "undervisning" in keys(lex, "undervisinga")
    assert "undersøkelse" in keys(lex, "undersøkinga") and "opplevelse" in keys(lex, "opplevingane")  # -ing/-else
    assert "undersøkinga" in lex.forms_of({"undersøkelse"})["undersøkelse"]
    assert "utlysinga" in lex.forms_of({"utlysning"})["utlysning"]  # in the browser's word list
    assert keys(lex, "samling") == {"samling"}  # no «samlning»


def test_every_nynorsk_form_the_lexicon_maps_is_in_the_word_list(lex):
    forms = lex.forms_of({"innbygger", "fremtidsbilde", "åpen", "film"})
    assert {"innbyggjarane", "innbyggjarar"} <= forms["innbygger"]
    assert {"framtidsbileta", "fremtidsbilder"} <= forms["fremtidsbilde"]
    assert "åpne" in forms["åpen"] and "filmer" in forms["film"]
    for key, fs in forms.items():
        assert "innbyggjarane" not in fs or key in lex.keys("innbyggjarane")


PAGE = """<!doctype html><html lang="nb"><head><title>{title}</title></head><body><article>
<div data-pagefind-body{attrs}><h1>{title}</h1>{body}</div></article></body></html>"""


def write(site, url, title, body, attrs=""):
    path = site / url / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(title=title, body=body, attrs=attrs), encoding="utf-8")


@pytest.fixture()
def index(tmp_path):
    """A small site: six counties with the same template text, a case, a page about gatherings."""
    counties = ["Agder", "Nordland", "Troms", "Telemark", "Vestland", "Rogaland"]
    for c in counties:
        write(tmp_path, f"fylker/{c.lower()}", c, f"<h2>Samlinger og arenaer i {c}</h2>"
              f"<p>Ingen registrerte samlinger eller regionale arenaer i {c} ennå.</p>")
    write(tmp_path, "kommuner/porsgrunn", "Porsgrunn",
          '<dl class="ks-fakta"><dt>Kommunenummer</dt><dd>4001</dd><dt>Fylke</dt><dd>Telemark</dd></dl>'
          "<p>Kulturskolen i Porsgrunn samarbeider med barnehagene om et kulturskoletilbudet for de minste.</p>"
          "<p>Elevene svarte på en spørreundersøkelse.</p>",
          ' data-sok-type="kommune" data-sok-fylke-url="fylker/telemark/"')
    write(tmp_path, "tidslinje", "Tidslinje", "<p>Samlinger og milepæler, eldste først.</p>"
          "<h3>Oppstartssamling</h3><p>Den første samlingen samlet alle kommunene.</p>"
          "<p>Hver samling ble planlagt på en ny måte, og møtet etterpå samlet trådene.</p>")
    for area in ["Oppvekst", "Helse", "Mangfold", "Kunstfag"]:  # a one-word template heading over a list
        write(tmp_path, f"fokusomrader/{area.lower()}", area, f"<p>Om {area.lower()} i kulturskolen.</p>"
              f"<h2>Samlinger</h2><ul><li>Oppstart for {area.lower()}</li></ul>")
    search.index_site(tmp_path)
    out = tmp_path / "sok"
    meta = json.loads((out / "indeks.json").read_text(encoding="utf-8"))
    docs = [json.loads((out / "s" / f"{i}.json").read_text(encoding="utf-8")) for i in range(meta["sider"])]
    chunks = [json.loads((out / "d" / f"{i}.json").read_text(encoding="utf-8")) for i in range(len(meta["grenser"]))]

    def entry(part, name):
        return next((c[part][name] for c in chunks if name in c[part]), None)

    def scores(key, part=0):
        row = entry("k", key)
        if not row or len(row) <= part:
            return {}
        return {docs[i]["u"]: (math.exp(q / meta["skala"]) - 1) / meta["spredning"]
                for i, q in search.decode_postings(row[part])}

    return meta, docs, entry, scores


def test_template_text_counts_once_for_the_site(index):
    _, _, _, scores = index
    samling = scores("samling")
    assert max(samling, key=samling.get) == "tidslinje/"  # not the six counties whose template says «samlinger»
    assert all(samling["tidslinje/"] > 2 * v for u, v in samling.items() if u.startswith("fylker/"))


def test_a_one_word_heading_the_templates_repeat_does_not_make_a_page_about_it(index):
    _, _, _, scores = index
    samling = scores("samling")
    assert all(samling["tidslinje/"] > 2 * v for u, v in samling.items() if u.startswith("fokusomrader/"))


def test_a_word_typed_without_ae_o_a_is_read_as_the_site_word_only_when_it_is_not_a_word_itself(index):
    _, _, entry, _ = index
    assert entry("g", "mote") is not None  # the site's «møte»
    assert entry("g", "mate") is not None  # the site's «måte»
    assert entry("g", "mat") is None  # a word of its own, not «måt» (a rare form of «måte» the site never writes)


def test_a_compound_is_found_by_its_parts_below_the_whole_word(index):
    _, _, entry, scores = index
    assert "kommuner/porsgrunn/" in scores("tilbud", 2)  # part postings: «kulturskoletilbudet»
    assert "kommuner/porsgrunn/" not in scores("tilbud", 0)
    # also a compound the dictionary knows whole: «elevundersøkelse» meets «elevene … spørreundersøkelse»
    assert "kommuner/porsgrunn/" in scores("undersøkelse", 2)


def test_a_genitive_finds_the_name_and_a_name_typed_without_o_slash(index):
    _, _, entry, _ = index
    assert entry("f", "porsgrunns") == "porsgrunn"


def test_a_case_snippet_starts_with_its_text_not_its_facts(index):
    _, docs, _, _ = index
    case = next(d for d in docs if d["u"] == "kommuner/porsgrunn/")
    assert case["x"].startswith("Porsgrunn Kulturskolen i Porsgrunn samarbeider")
    assert "Kommunenummer 4001" in case["x"]  # still there (and searchable), after the text


def test_the_browser_gets_the_rules_and_weights_from_python(index):
    from macros.site.search_rank import RANK
    from macros.site.search_text import RULES

    meta = index[0]
    assert meta["regler"] == json.loads(json.dumps(RULES)) and meta["rangering"] == json.loads(json.dumps(RANK))
    assert meta["synonymer"] and all(len(g) >= 2 for g in meta["synonymer"])
    assert ["åpne data", "open data"] == meta["synonymer"][0][:2]


def test_word_pairs_are_optional(monkeypatch, tmp_path):
    from macros.site.lexicon import read_pairs

    assert read_pairs(tmp_path / "finnes-ikke.tsv") == []
    monkeypatch.setenv("KULTURSKOLE_ORDPAR", "0")
    assert read_pairs() == []


def test_a_broken_synonym_file_is_reported_by_sjekk(tmp_path):
    import shutil

    from tests.conftest import ROOT

    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "data", data)
    shutil.copy(ROOT / "data" / "kommuneregister.yml", data)
    (data / "synonymer.yml").write_text("- ord: [helse]\n- ord: [åpne data, open data]\n  farge: blå\n",
                                        encoding="utf-8")
    problems = [p for p in load_dataset(data).problems if p.file == "data/synonymer.yml"]
    assert [p.line for p in problems] == [1, 3], problems
    (data / "synonymer.yml").unlink()  # the file may be left out
    assert not [p for p in load_dataset(data).problems if "synonymer" in p.file]


def test_what_a_page_links_to_but_is_not_about_is_not_indexed():
    from macros.site.search_read import read_page
    source = ('<article data-pagefind-body><h1>Nes</h1><p>Dans i barnehagen.</p>'
              '<h2>Andre kommuner å lære av</h2><ul data-pagefind-ignore><li><a href="#">Bodø</a> '
              '<span>Samme fylke</span></li></ul><p>Kilder</p></article>')
    page = read_page("kommuner/nes/", source)
    assert "Bodø" not in page.text and "bodø" not in page.counts
    assert "Dans i barnehagen." in page.text and "Kilder" in page.text and page.counts["dans"] == 1


def test_place_names_are_words_not_numbers(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "kommuneregister.yml").write_text(
        "kommuner:\n  - {navn: Testkommune 0001}\n  - {navn: Målselv}\nfylker:\n  - {navn: Troms}\n", encoding="utf-8")
    assert search.place_names(search.register(tmp_path / "site")) == ["målselv", "testkommune", "troms"]


def test_places_point_to_their_county_by_either_name(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "kommuneregister.yml").write_text(
        "fylker:\n  - {nummer: '56', navn: Finnmark}\n  - {nummer: '15', navn: Møre og Romsdal}\n"
        "kommuner:\n  - {navn: Guovdageaidnu - Kautokeino, fylke: '56'}\n  - {navn: Kristiansund, fylke: '15'}\n",
        encoding="utf-8")
    got = search.places(search.register(tmp_path / "site"))
    assert got["kautokeino"] == ["Kautokeino", "fylker/finnmark/", "Finnmark"]
    assert got["guovdageaidnu"][1] == got["guovdageaidnu kautokeino"][1] == "fylker/finnmark/"
    assert got["kristiansund"] == ["Kristiansund", "fylker/more-og-romsdal/", "Møre og Romsdal"]
