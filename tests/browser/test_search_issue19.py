"""Issue 19's list of what failed on the real site, each as the reader typed it into the dialog
(window.KulturskoleSok.sok, the same search the dialog runs after a pause in typing)."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from .test_search import open_search, search, shown_urls

ANSWER_JS = """async (qs) => { const out = {};
  for (const q of qs) { const a = await window.KulturskoleSok.sok(q);
    const docs = await Promise.all(a.results.slice(0, 5).map(r => window.KulturskoleSok.side(r.id)));
    out[q] = {n: a.results.length, forslag: a.suggestion, urls: docs.map(d => d.u)}; }
  return out; }"""


@pytest.fixture()
def ask(page, base_url):
    page.goto(base_url)
    page.wait_for_function("() => window.KulturskoleSok")
    return lambda *qs: page.evaluate(ANSWER_JS, list(qs))


def test_compounds_and_words_being_typed_find_pages(ask):
    got = ask("kulturskoletilbud", "barnehagebarn", "helsetjenester", "kultursk", "samarbei")
    for q, a in got.items():
        assert a["n"] > 0, q


def test_names_typed_without_norwegian_letters_or_in_the_genitive(ask):
    got = ask("Malselv", "Porsgrunns kulturskole", "samisk kultur", "Tromsø")
    assert got["Malselv"]["urls"][0] == "kommuner/malselv/" and got["Malselv"]["forslag"] == "målselv"
    assert got["Porsgrunns kulturskole"]["urls"][0] == "kommuner/porsgrunn/"
    assert "kommuner/malselv/" in got["samisk kultur"]["urls"][:3]
    # «Tromsø» is named only where cancelled seminars are listed; it is not a typo of «Troms».
    assert set(got["Tromsø"]["urls"]) == {"tidslinje/", "program/regionale-utviklingsprogram/"}


def test_the_page_about_a_thing_comes_first(ask):
    got = ask("filmene", "open data", "åpen", "åpne")
    assert got["filmene"]["urls"][0] == "ressurser/"
    for q in ("open data", "åpen", "åpne"):  # «Åpne data»: the adjective and the verb
        assert got[q]["urls"][0] == "data/", q


def test_nynorsk_forms_the_lexicon_knows_are_in_the_browsers_word_list(ask):
    got = ask("innbyggjarane", "framtidsbileta")
    assert got["innbyggjarane"]["n"] > 0
    assert "ressurser/verksted/" in got["framtidsbileta"]["urls"]


def test_typos_find_results_after_exact_ones_and_say_what_they_meant(ask):
    got = ask("samarbied", "kulturskle", "helsesektorn", "barnhagen")
    for q, a in got.items():
        assert a["n"] > 0 and a["forslag"], q


def test_several_words_a_page_missing_one_of_three_comes_below(ask):
    got = ask("samarbeid med helsesektoren")["samarbeid med helsesektoren"]
    assert "fokusomrader/samspill-med-helsesektoren/" in got["urls"] or got["n"] > 5


def test_mente_du_is_shown_beside_results(page, base_url):
    page.goto(base_url)
    open_search(page)
    status = search(page, "Malselv")
    assert "Mente du målselv?" in status
    assert shown_urls(page, base_url)[0] == "kommuner/malselv/"
    expect(page.get_by_role("dialog").get_by_role("link", name="målselv", exact=True)).to_be_visible()


def test_compound_parts_are_looked_for_in_the_whole_text_of_a_long_page(ask, built_site):
    """«lederoppfølging»: /om/ says «oppfølging av ledere» after the first 2,000 characters the result
    line gets (the rest is read from sok/r/); «Lederoppfølgingsdag» on /bidra/felter/ is the beginning of
    a longer word, found too. «venteliste kulturskole» finds nothing: «Vent» after «sjekklisten» on
    /bidra/ is not a «venteliste» (a part inside another word counts only right by the other part)."""
    meta = json.loads((built_site / "sok" / "indeks.json").read_text(encoding="utf-8"))
    om = next(d for d in (json.loads((built_site / "sok" / "s" / f"{i}.json").read_text(encoding="utf-8"))
                          for i in range(meta["sider"])) if d["u"] == "om/")
    assert "oppfølging av ledere" not in om["x"] and len(om["x"]) == meta["tekst"]
    got = ask("lederoppfølging", "venteliste kulturskole", "tilgje")
    assert set(got["lederoppfølging"]["urls"][:2]) == {"om/", "bidra/felter/"}
    assert got["venteliste kulturskole"]["n"] == 0
    # A word being typed is not cut into small words («til» + «gje»): the beginning of words comes first.
    assert got["tilgje"]["urls"][0] == "tilgjengelighet/"


def test_english_words_stand_for_all_the_one_word_synonyms_of_their_group(ask, built_site):
    """«youth participation»: «youth» is «ungdom» or «unge» at once (the page says «barn og unge»), with
    «medvirkning» for «participation»; English small words («what», «is», «a», «from», «to») never decide."""
    page = (built_site / "metoder" / "medvirkning-barn-og-unge" / "index.html").read_text(encoding="utf-8").lower()
    assert "unge" in page and "medvirkning" in page
    got = ask("youth participation", "what is a framework plan", "transition from kindergarten to school")
    assert got["youth participation"]["urls"][0] == "metoder/medvirkning-barn-og-unge/"
    assert "ressurser/" in got["what is a framework plan"]["urls"][:2]  # «rammeplanhøringen» on /ressurser/
    assert got["transition from kindergarten to school"]["urls"][0] == "kommuner/sunnfjord/"


def test_a_word_found_nowhere_finds_the_pages_that_share_its_longest_start(page, base_url, ask):
    """No page has «universitetssamarbeid», nor «universitet» and «samarbeid» close together; /om/ has
    «universiteter», the longest start (7 letters or more) the word shares with the site. The dialog says
    so. «kommunesammenslåing» finds nothing: its longest start, «kommunes…», is the common word «kommune»
    and a letter, which says nothing about the word."""
    got = ask("universitetssamarbeid", "kommunesammenslåing", "politiattest")
    assert got["universitetssamarbeid"]["urls"] == ["om/"]
    assert got["kommunesammenslåing"]["n"] == 0
    # «politi…» is the start of «politisk» on /bidra/felter/, but «politi|sk» is not a word and an ending.
    assert got["politiattest"]["n"] == 0
    page.goto(base_url)
    open_search(page)
    status = search(page, "universitetssamarbeid")
    assert "Ingen side har «universitetssamarbeid»; treffene har ord som begynner på «universitet»." in status
    assert shown_urls(page, base_url) == ["om/"]


def test_a_compound_whose_parts_stand_apart_offers_them_as_a_search_of_their_own(page, base_url):
    """Nes has «dans» for the youngest and a «tilbud», far apart: «dansetilbud» finds nothing, and the
    dialog offers «danse tilbud», which finds Nes."""
    page.goto(base_url)
    open_search(page)
    status = search(page, "dansetilbud")
    assert status.startswith("Ingen treff for «dansetilbud».")
    assert "Søk etter delene hver for seg: danse tilbud." in status
    page.get_by_role("dialog").get_by_role("link", name="danse tilbud", exact=True).click()
    expect(page.locator("[data-ks-sok-status]")).to_contain_text("«danse tilbud»")
    assert "kommuner/nes/" in shown_urls(page, base_url)
    expect(page.get_by_role("searchbox", name="Søkeord")).to_have_value("danse tilbud")


def test_a_compounds_part_no_page_has_stands_for_its_synonyms(ask):
    """«ungdomsmedvirkning»: no page has «ungdom» in any form; data/synonymer.yml puts it with «unge», and
    the page about children's and young people's participation says «barn og unge». An English word of the
    table is not cut into parts («framework» is not «fram» + «work», whose synonym is Norwegian): it is
    the table's «rammeplan», on /ressurser/."""
    got = ask("ungdomsmedvirkning", "framework")
    assert got["ungdomsmedvirkning"]["urls"][0] == "metoder/medvirkning-barn-og-unge/"
    assert got["framework"]["urls"][0] == "ressurser/"


def test_a_place_the_site_does_not_have_and_a_table_word_typed_as_another(ask):
    """«Kristiansund» is a municipality the site does not name: not «Kristiansand» (on the timeline) by
    its start, nor as «Mente du». «Sami culture»: «sami» is one letter from «samt» and «sama», but the
    synonym table says «samisk»: Målselv's Sámi school comes first."""
    got = ask("Kristiansund", "Sami culture")
    assert got["Kristiansund"]["n"] == 0 and got["Kristiansund"]["forslag"] is None
    assert got["Sami culture"]["urls"][0] == "kommuner/malselv/"


def test_a_municipality_the_site_has_no_page_about_points_to_its_county(page, base_url):
    """«Drammen» and «Kristiansund» are in the register, not on the site: no results, no other place
    offered as «Mente du», and a link to the county page, which shows the cases nearest them. A word
    that is not a place («korps») gets no such line."""
    page.goto(base_url)
    open_search(page)
    status = search(page, "Drammen")
    expect(page.locator("[data-ks-sok-status]")).to_contain_text("siden for Buskerud")
    status = page.locator("[data-ks-sok-status]").inner_text()
    assert status.startswith("Ingen treff for «Drammen».")
    assert "Ingen side handler om Drammen ennå; se kommunene nærmest på siden for Buskerud." in status
    link = page.get_by_role("dialog").get_by_role("link", name="siden for Buskerud", exact=True)
    assert link.get_attribute("href").endswith("/fylker/buskerud/")
    search(page, "Kristiansund")
    expect(page.locator("[data-ks-sok-status]")).to_contain_text("siden for Møre og Romsdal")
    assert "Mente du" not in page.locator("[data-ks-sok-status]").inner_text()
    status = search(page, "korps")
    assert "handler om" not in status


def test_the_words_a_synonym_found_are_marked_in_the_result_lines(page, base_url):
    """«Sami culture»: Målselv's line marks what the table's «samisk» and «kultur» found."""
    page.goto(base_url)
    open_search(page)
    search(page, "Sami culture")
    marks = page.locator(".ks-sok__treff li").first.locator("mark").all_inner_texts()
    assert marks and all(m.lower().startswith(("sami", "kultur", "sámi")) for m in marks), marks


def test_one_letter_typed_shows_nothing_and_two_letters_are_not_corrected(page, base_url):
    """While one types: «k» is not searched (no «Ingen treff for «k»» read aloud), and «ma» is the start
    of a word, not «må»."""
    page.goto(base_url)
    open_search(page)
    field = page.get_by_role("searchbox", name="Søkeord")
    field.press_sequentially("k")
    page.wait_for_timeout(800)  # past the pause in typing (300 ms) after which the dialog searches
    assert page.locator("[data-ks-sok-status]").inner_text().strip() == ""
    assert page.locator(".ks-sok__treff li").count() == 0
    field.fill("")
    field.press_sequentially("ma")
    expect(page.locator("[data-ks-sok-status]")).to_contain_text("«ma»")
    assert "Mente du" not in page.locator("[data-ks-sok-status]").inner_text()


def test_a_compounds_parts_not_found_together_are_tried_as_their_synonyms(ask):
    """«helsesamarbeid»: no page has «helse» and «samarbeid» together; data/synonymer.yml puts «samspill»
    beside «samarbeid», and the focus area is «Kulturskolen i samspill med helsesektoren»."""
    got = ask("helsesamarbeid", "health sector collaboration")
    assert got["helsesamarbeid"]["urls"][0] == "fokusomrader/samspill-med-helsesektoren/"
    assert got["health sector collaboration"]["urls"][0] == "fokusomrader/samspill-med-helsesektoren/"
