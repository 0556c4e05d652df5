"""«Hvor står vi?» (/hvor-star-vi/, issue 9.2) in Chromium.

- The ranking in the browser equals the Python ranking (macros/site/related.py) for a table of
  inputs, on the search fixture site (20 fictional cases with focus areas, criteria, partner types
  and groups, served under /understi/) and on the real site; and again on a site built with a
  changed definition (other rules, weights, texts, order and limit), which shows that the browser
  has no copy of the scoring of its own.
- The municipality field: names, Sámi and Kven names, 2020–2023 numbers, names shared by two
  municipalities, typing errors; the address holds the choices (never the free text), and
  back/forward restore them; nothing stored, nothing sent elsewhere.
- Keyboard only; 390 px; print; without JavaScript.
- axe-core and the Nu Html Checker on the page in every state (empty, with results, with no
  results, with an unknown municipality, with a choice between municipalities), at 1280 and 390 px.
"""
from __future__ import annotations

import functools
import http.server
import json
import random
import re
import subprocess
import threading
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from playwright.sync_api import expect

from macros.core.catalog import validate
from macros.site import related
from macros.site.related import Rule, choices_profile, rank, rank_choices
from macros.site.render import rel
from macros.site.selfassess import URL, choice_options

from ..conftest import ROOT, build, make_project
from ..fixtures.sok.bygg import fixture_data, sok_url
from .conftest import VNU, QuietHandler, describe, foreign_requests, run_axe

pytestmark = pytest.mark.browser

KEYS = ("fokus", "sektor", "partner", "kriterium")
READY = "() => document.querySelector('[data-ks-hvor-klar]') !== null"
RESULTS = """() => [...document.querySelectorAll('[data-ks-hvor-caser] > li')].map(li => [
  li.querySelector('a').textContent, li.querySelector('a').getAttribute('href'),
  [...li.querySelectorAll('[data-ks-grunn]')].map(s => s.textContent)])"""


@pytest.fixture(scope="module")
def sok_base(tmp_path_factory) -> str:
    return sok_url(tmp_path_factory)


@pytest.fixture(scope="module")
def sok_cat(tmp_path_factory):
    cat, problems = validate(fixture_data(tmp_path_factory.mktemp("hvordata") / "data"))
    assert not problems, problems
    return cat


@pytest.fixture(scope="module")
def real_cat():
    cat, problems = validate(ROOT / "data")
    assert not problems
    return cat


def address(choices: dict) -> str:
    pairs = [("kommune", choices["kommune"])] if choices.get("kommune") else []
    pairs += [(key, v) for key in KEYS for v in choices.get(key, [])]
    return URL + ("?" + urlencode(pairs) if pairs else "")


def python_ranking(cat, choices: dict) -> list:
    subject = choices_profile(cat, choices.get("kommune"), **{k: choices.get(k, []) for k in KEYS})
    return [[m.case.record.navn, rel(URL, f"kommuner/{m.case.slug}/"), m.reasons]
            for m in rank_choices(subject, cat, related.LIMITS["selvvurdering"])]


def open_page(page, base: str, choices: dict | None = None) -> None:
    page.goto(base + address(choices or {}))
    page.wait_for_function(READY)


def browser_ranking(page) -> list:
    return page.evaluate(RESULTS)


def status(page):
    return page.locator("[data-ks-hvor-status]")


def query(page) -> dict:
    return parse_qs(urlparse(page.url).query)


# --- The same ranking in the browser as in Python ---------------------------------------------------

SOK_TABLE = [
    {},
    {"kommune": "4601"},  # Bergen: a case itself, never its own result
    {"kommune": "4601", "fokus": ["samspill-med-helsesektoren"]},
    {"kommune": "0301", "fokus": ["mangfold-og-inkludering"], "partner": ["frivillighet"]},
    {"kommune": "5636"},  # Unjárga - Nesseby: far from most cases
    {"fokus": ["mangfold-og-inkludering", "helhetlig-oppvekst", "samspill-med-helsesektoren",
               "samspill-med-kunst-og-kulturaktorer"]},
    {"partner": ["kommunal-tjeneste", "forskning", "annet"], "sektor": ["helse"], "kriterium": ["vaer-nysgjerrig"]},
    {"kommune": "1804", "sektor": ["barnehage", "skole"]},
    {"kommune": "3205", "kriterium": ["testkriterium-samskaping", "testkriterium-forankring"]},
    {"kommune": "4204", "fokus": ["samspill-med-kunst-og-kulturaktorer"]},
    {"kommune": "1103", "partner": ["frivillighet", "naeringsliv", "innbyggere", "kommunal-tjeneste",
                                    "kunst-og-kultur", "forskning", "annet"]},
    {"kommune": "3201", "fokus": ["mangfold-og-inkludering", "helhetlig-oppvekst", "samspill-med-helsesektoren",
                                  "samspill-med-kunst-og-kulturaktorer"]},  # more than the limit match
]


def random_table(cat, n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    # Every choice the page offers (user groups and methods too), from the page's own options.
    options = {key: [id_ for id_, _ in values] for key, values in choice_options(cat).items()}
    numbers = sorted(cat.reg.kommuner)
    out = []
    for _ in range(n):
        choices = {key: rng.sample(values, rng.randint(0, min(3, len(values)))) for key, values in options.items()}
        choices["kommune"] = rng.choice(numbers + [None] * 20)
        out.append(choices)
    return out


@pytest.mark.parametrize("choices", SOK_TABLE, ids=lambda c: address(c).split("?")[-1] or "tom")
def test_browser_ranks_as_python_on_the_fixture_site(page, sok_base, sok_cat, choices):
    open_page(page, sok_base, choices)
    assert browser_ranking(page) == python_ranking(sok_cat, choices)


def test_browser_ranks_as_python_for_random_choices_through_the_address(page, sok_base, sok_cat):
    """Random municipalities and choices; each set through history + popstate, as back/forward do."""
    open_page(page, sok_base)
    for choices in random_table(sok_cat, 30, seed=92):
        page.evaluate("(url) => { history.pushState(null, '', url); dispatchEvent(new PopStateEvent('popstate')); }",
                      sok_base + address(choices))
        assert browser_ranking(page) == python_ranking(sok_cat, choices), address(choices)


REAL_TABLE = [
    {"kommune": "3205", "fokus": ["helhetlig-oppvekst"]},
    {"kommune": "5636"},
    {"kommune": "1804", "fokus": ["mangfold-og-inkludering"], "partner": ["frivillighet"]},
    {"kommune": "4614", "fokus": ["helhetlig-oppvekst", "samspill-med-helsesektoren"]},
    # User groups and methods: Nes, Sunnfjord, Bodø, Lillestrøm and Målselv name some (issue 21.3).
    {"kommune": "4614", "brukergruppe": ["0-5", "voksne"], "metode": ["sporreundersokelse", "samskaping"]},
]


@pytest.mark.parametrize("choices", REAL_TABLE, ids=lambda c: address(c).split("?")[-1])
def test_browser_ranks_as_python_on_the_real_site(page, base_url, real_cat, choices):
    open_page(page, base_url, choices)
    ranking = browser_ranking(page)
    assert ranking == python_ranking(real_cat, choices)
    assert ranking  # each of these has results


CHANGED_RULES = (
    Rule("partner", "felles", 5, field="partner", per_item=True, show_items=True,
         text={"nb": {"en": "Partner", "flere": "Partnere"}}),
    Rule("avstand", "avstand", 3, max_km=400, text={"nb": {"mal": "Bare {km} km herfra"}}),
    Rule("fokus", "felles", 1, field="fokus", text={"nb": {"en": "Fokus", "flere": "Fokus"}}),
    Rule("nabo", "felles", 2, field="fylke", subject_field="naboer", text={"nb": {"en": "Nabo", "flere": "Nabo"}}),
    Rule("sektor", "felles", 2, field="sektor", per_item=True, show_items=True,
         text={"nb": {"en": "Sektor", "flere": "Sektorer"}}),
)


def test_a_changed_definition_reaches_the_browser_unchanged(browser, tmp_path_factory, sok_cat):
    """Build the fixture site with other rules, weights, texts, sort order, threshold and limit: the
    browser ranks as Python does with that definition, and not as with the real one."""
    table = SOK_TABLE[1:] + random_table(sok_cat, 8, seed=7)
    before = [python_ranking(sok_cat, c) for c in table]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(related, "RULES", CHANGED_RULES)
        mp.setattr(related, "SORT", (("poeng", -1), ("rekke", -1), ("km", 1)))
        mp.setattr(related, "MIN_SCORE", 3)
        mp.setattr(related, "LIMITS", {"kommuneside": 3, "selvvurdering": 4})
        root = tmp_path_factory.mktemp("endret")
        project = root / "prosjekt"
        project.mkdir()
        site = build(make_project(project, fixture_data(root / "data")))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        ctx = browser.new_context(locale="nb-NO")
        try:
            page = ctx.new_page()
            after = []
            for choices in table:
                open_page(page, base, choices)
                got = browser_ranking(page)
                assert got == python_ranking(sok_cat, choices), address(choices)
                assert len(got) <= 4
                after.append(got)
        finally:
            ctx.close()
            server.shutdown()
    assert sum(a != b for a, b in zip(after, before)) >= len(table) // 2
    assert any("Bare " in r for ranking in after for _, _, reasons in ranking for r in reasons)


def test_an_unknown_rule_kind_stops_the_page_instead_of_ranking_otherwise(page, sok_base):
    """The evaluator refuses a kind it does not know (a new kind in Python needs the browser too)."""
    def altered(route):
        response = route.fetch()
        data = response.json()
        data["rangering"]["regler"][0]["type"] = "ny-regeltype"
        route.fulfill(response=response, body=json.dumps(data))

    page.route("**/hvor-star-vi/data.json", altered)
    page.goto(sok_base + URL + "?fokus=helhetlig-oppvekst")
    expect(page.locator("[data-ks-hvor-feil]")).to_contain_text("ukjent regeltype «ny-regeltype»")
    expect(page.locator("[data-ks-hvor-skjema]")).to_be_hidden()
    expect(page.locator("[data-ks-hvor-caser] > li")).to_have_count(0)


def test_form_and_results_are_there_before_the_data_and_nothing_moves_when_it_comes(page, base_url):
    """The script shows the page at once (before the first paint); the empty state is in the HTML."""
    held = []
    page.route("**/hvor-star-vi/data.json", lambda route: held.append(route))
    page.goto(base_url + URL)
    page.wait_for_function("() => document.querySelector('[data-ks-hvor-skjema]').hidden === false")
    where = "() => ['#hvor-om-dere', '#hvor-caser', '#hvor-ressurser', '#hvor-samlinger', '#hvor-plan']" \
            ".map(s => Math.round(document.querySelector(s).getBoundingClientRect().top))"
    before = page.evaluate(where)
    expect(page.locator("[data-ks-hvor-utenjs]")).to_be_hidden()
    assert held, "data.json was not requested"
    held[0].continue_()
    page.wait_for_function(READY)
    assert page.evaluate(where) == before
    expect(status(page)).to_have_text("Ingen valg ennå.")


def test_when_the_data_cannot_be_loaded_the_page_says_so(page, base_url):
    page.route("**/hvor-star-vi/data.json", lambda route: route.abort())
    page.goto(base_url + URL)
    expect(page.locator("[data-ks-hvor-feil]")).to_contain_text("Siden klarte ikke å hente dataene den trenger")
    expect(page.locator("[data-ks-hvor-utenjs]")).to_be_visible()
    expect(page.locator("[data-ks-hvor-skjema]")).to_be_hidden()
    expect(page.locator("[data-ks-hvor-utenjs]").get_by_role("link", name="Utforsk kommunene")).to_be_visible()


# --- The municipality field ----------------------------------------------------------------------------

def choose(page, text: str) -> None:
    field = page.get_by_label("Kommune", exact=True)
    field.fill(text)
    field.press("Enter")


def answer(page):
    return page.locator("[data-ks-hvor-kommunesvar]")


@pytest.mark.parametrize("typed, number, shown", [
    ("Unjárga", "5636", "Unjárga - Nesseby i Finnmark"),  # Sámi name
    ("nesseby", "5636", "Unjárga - Nesseby i Finnmark"),
    ("Porsanki", "5622", "Porsanger - Porsáŋgu - Porsanki i Finnmark"),  # Kven name
    ("Guovdageaidnu", "5612", "Guovdageaidnu - Kautokeino i Finnmark"),
    ("Tråante", "5001", "Trondheim - Tråante i Trøndelag"),  # South Sámi
    ("Porsangu", "5622", "Porsanger - Porsáŋgu - Porsanki i Finnmark"),  # without the Sámi letters
    ("Bodo", "1804", "Bodø i Nordland"),  # without ø
    ("  stord ", "4614", "Stord i Vestland"),
    ("4614", "4614", "Stord i Vestland"),
    ("301", "0301", "Oslo i Oslo"),
    ("Herøy (Nordland)", "1818", "Herøy i Nordland"),
])
def test_names_sami_and_kven_names_and_numbers_find_the_municipality(page, sok_base, typed, number, shown):
    open_page(page, sok_base)
    choose(page, typed)
    expect(answer(page)).to_contain_text(f"Valgt: {shown}, kommunenummer {number}.")
    assert query(page)["kommune"] == [number]
    assert page.get_by_label("Kommune", exact=True).get_attribute("aria-invalid") is None


def test_a_2020_number_is_mapped_to_todays_municipality(page, sok_base, sok_cat):
    open_page(page, sok_base)
    choose(page, "3030")  # Lillestrøm in Viken, 2020–2023
    expect(answer(page)).to_contain_text("3030 var kommunenummeret til Lillestrøm fra 2020 til 2023.")
    expect(answer(page)).to_contain_text("Valgt: Lillestrøm i Akershus, kommunenummer 3205.")
    assert query(page) == {"kommune": ["3205"]}
    assert browser_ranking(page) == python_ranking(sok_cat, {"kommune": "3205"})
    # An old number in a shared address becomes today's number.
    open_page(page, sok_base, {"kommune": "3030"})
    assert query(page) == {"kommune": ["3205"]}
    expect(page.get_by_label("Kommune", exact=True)).to_have_value("Lillestrøm")


def test_a_split_municipality_and_a_shared_name_offer_a_choice_by_keyboard(page, sok_base):
    open_page(page, sok_base)
    choose(page, "1507")  # Ålesund 2020–2023, now Ålesund and Haram
    expect(answer(page)).to_contain_text("1507 var kommunenummeret til Ålesund fra 2020 til 2023. Kommunen er delt.")
    buttons = answer(page).get_by_role("button")
    expect(buttons).to_have_text(["Ålesund, Møre og Romsdal – 1508", "Haram, Møre og Romsdal – 1580"])
    assert "kommune" not in query(page)  # nothing chosen until the reader picks one

    choose(page, "Herøy")
    expect(answer(page)).to_contain_text("Flere kommuner heter «Herøy». Velg den dere mener:")
    expect(buttons).to_have_text(["Herøy, Møre og Romsdal – 1515", "Herøy, Nordland – 1818"])
    page.keyboard.press("Tab")  # from the field: the «Velg» button, then the first choice
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(answer(page)).to_contain_text("Valgt: Herøy i Nordland, kommunenummer 1818.")
    assert query(page) == {"kommune": ["1818"]}
    expect(page.get_by_label("Kommune", exact=True)).to_be_focused()
    expect(page.get_by_label("Kommune", exact=True)).to_have_value("Herøy (Nordland)")


def test_an_unknown_name_says_so_and_suggests_close_names(page, sok_base):
    open_page(page, sok_base, {"kommune": "4601"})
    choose(page, "Stordd")
    expect(answer(page)).to_contain_text("Fant ingen kommune som heter «Stordd».")
    field = page.get_by_label("Kommune", exact=True)
    expect(field).to_have_attribute("aria-invalid", "true")
    assert query(page) == {"kommune": ["4601"]}  # the last valid choice stays until another is made
    expect(answer(page)).to_contain_text("Forslagene gjelder fortsatt Bergen til dere velger en annen kommune.")
    choose(page, "Sto")
    expect(answer(page).get_by_role("button", name="Stord, Vestland – 4614")).to_be_visible()
    choose(page, "9999")
    expect(answer(page)).to_contain_text("Fant ingen kommune med nummeret 9999.")
    for word in ("constructor", "__proto__", "toString"):  # names of the script's own objects find nothing
        choose(page, word)
        expect(answer(page)).to_contain_text(f"Fant ingen kommune som heter «{word}».")
    choose(page, "")
    expect(answer(page)).to_have_text("")
    assert query(page) == {}


def test_the_suggestion_list_holds_every_municipality(page, sok_base):
    open_page(page, sok_base)
    values = page.locator("#hvor-kommuneliste option").evaluate_all("os => os.map(o => o.value)")
    assert len(values) == 357
    assert "Herøy (Nordland)" in values and "Unjárga - Nesseby" in values and "Herøy" not in values


# --- Address, privacy, back/forward ----------------------------------------------------------------------

def test_choices_live_in_the_address_and_answers_never_do(page, sok_base, context):
    open_page(page, sok_base)
    expect(status(page)).to_have_text("Ingen valg ennå.")
    choose(page, "Voss")
    page.get_by_role("group", name="Fokusområder dere er interessert i").get_by_label(
        "Kulturskolens plass i et helhetlig oppvekstilbud").check()
    page.get_by_role("group", name="Lokale partnere dere kan ta med").get_by_label("Frivillig sektor").check()
    secret = "Vi vil bli en kulturskole for alle innbyggerne"
    page.get_by_label("1. Hvordan ønsker vi at kulturskolen skal fremstå?").fill(secret)
    assert query(page) == {"kommune": ["4621"], "fokus": ["helhetlig-oppvekst"], "partner": ["frivillighet"]}
    assert secret not in page.url
    # The answer is in the plan on the page, and nowhere else.
    expect(page.locator('[data-ks-hvor-plan-svar="fremtidsbilde.slik_vil_vi_fremsta"]')).to_have_text(secret)
    storage = page.evaluate("() => [Object.keys(localStorage).filter(k => !k.endsWith('__palette')), "
                            "Object.keys(sessionStorage), document.cookie]")
    assert storage == [[], [], ""]
    assert context.cookies() == []
    assert foreign_requests(page, sok_base) == []
    # Choosing fetched nothing: the only requests are the page and its own files, never the choices.
    assert [u for u in page.requested if "helhetlig" in u or "4621" in u or "kulturskole for alle" in u] == []

    page.go_back()  # the partner
    expect(page.get_by_role("group", name="Lokale partnere dere kan ta med").get_by_label("Frivillig sektor")).not_to_be_checked()
    assert query(page) == {"kommune": ["4621"], "fokus": ["helhetlig-oppvekst"]}
    page.go_back()  # the focus area
    page.go_back()  # the municipality
    expect(page.get_by_label("Kommune", exact=True)).to_have_value("")
    expect(status(page)).to_have_text("Ingen valg ennå.")
    page.go_forward()
    expect(page.get_by_label("Kommune", exact=True)).to_have_value("Voss")
    expect(page.get_by_label("1. Hvordan ønsker vi at kulturskolen skal fremstå?")).to_have_value(secret)


def test_unknown_values_in_the_address_are_ignored(page, sok_base, sok_cat):
    page.goto(sok_base + URL + "?fokus=finnes-ikke&fokus=helhetlig-oppvekst&ukjent=1&partner=<b>x</b>")
    page.wait_for_function(READY)
    assert browser_ranking(page) == python_ranking(sok_cat, {"fokus": ["helhetlig-oppvekst"]})
    assert query(page) == {"fokus": ["helhetlig-oppvekst"]}


def test_status_resources_gatherings_and_plan_follow_the_choices(page, base_url):
    open_page(page, base_url, {"kommune": "3205", "fokus": ["helhetlig-oppvekst"], "sektor": ["skole", "helse"]})
    expect(status(page)).to_have_text("6 kommuner å lære av for Lillestrøm.")
    # Gatherings in Akershus and its neighbouring counties (Oslo borders Akershus), and the national
    # and digital ones; milestones are in the timeline, not here.
    gatherings = page.locator("[data-ks-hvor-samlinger] > li:visible")
    titles = gatherings.all_inner_texts()
    assert any("Erfaringsdeling fra pilotarbeidet" in t for t in titles)
    assert any("Oppstartssamling for de regionale" in t for t in titles)  # Akershus
    assert any("Oppfølgingsmøte på nett" in t and "Digital" in t for t in titles)
    assert any("Regional samling i Oslo til det nasjonale dialogseminaret" in t for t in titles)  # Oslo
    assert not any("Påmeldingsfrist" in t for t in titles)
    # Whether any is still to come decides the words: a list of past dates must not read as a programme.
    said = page.locator("[data-ks-hvor-samlinger-tekst]").inner_text()
    dates = gatherings.locator("time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    today = page.evaluate("() => new Date().toISOString().slice(0, 10)")
    if all(d < today for d in dates):
        assert said.startswith("Ingen kommende samlinger er registrert her ennå. Disse har vært, i Akershus og nabofylkene")
    else:
        assert said.startswith("I Akershus og nabofylkene")
    # Stord (Vestland) finds the 2023 dialogue seminar, which had a gathering in Førde.
    open_page(page, base_url, {"kommune": "4614"})
    assert any("Nasjonalt dialogseminar" in t for t in page.locator("[data-ks-hvor-samlinger] > li:visible").all_inner_texts())
    open_page(page, base_url, {"kommune": "3205", "fokus": ["helhetlig-oppvekst"], "sektor": ["skole", "helse"]})
    expect(page.locator("[data-ks-hvor-fylkeslenke]")).to_have_text("Fylkessiden for Akershus")
    page.locator("[data-ks-hvor-fylkeslenke]").click()
    expect(page.locator("h1")).to_have_text("Akershus")
    page.go_back()
    page.wait_for_function(READY)
    # The plan: the choices and the next steps of the call.
    plan = page.locator(".ks-hvor__plan")
    expect(plan.locator('[data-ks-hvor-plan="kommune"]')).to_have_text("Lillestrøm (Akershus)")
    expect(plan.locator('[data-ks-hvor-plan="sektor"]')).to_have_text("Skole, Helse og omsorg")
    expect(plan.locator('[data-ks-hvor-steg="sektor"]')).to_have_text("Dere kan ta med: skole og helse og omsorg.")
    expect(plan.locator('[data-ks-hvor-steg="caser"]')).to_contain_text("Begynn gjerne med Nes, Sunnfjord og Bodø")
    steps = plan.locator(".ks-hvor__steg > li > strong").all_inner_texts()
    assert steps[:3] == ["Sett sammen kommunegruppa.", "Hold verkstedet.", "Velg et utviklingsområde."]
    expect(plan.get_by_role("link", name="verkstedguiden")).to_have_attribute("href", "../ressurser/verksted/")
    # Nothing matching: the status says so, and the explorer is offered.
    open_page(page, base_url, {"sektor": ["naeringsliv"]})
    expect(status(page)).to_have_text("Ingen kommuner å lære av med disse valgene.")
    expect(page.locator("[data-ks-hvor-caser-tom]")).to_contain_text("Ingen av de 16 kommunene")


def test_resources_for_the_chosen_focus_areas(page, base_url, real_cat):
    open_page(page, base_url)
    all_items = page.locator("[data-ks-hvor-ressurser] > li")
    expect(all_items.filter(visible=True)).to_have_count(len(real_cat.ressurser))
    focus = "helhetlig-oppvekst"
    open_page(page, base_url, {"fokus": [focus]})
    expected = [r.tittel for r in real_cat.ressurser if not r.fokusomrader or focus in r.fokusomrader]
    shown = page.locator("[data-ks-hvor-ressurser] > li:visible").all_inner_texts()
    assert len(shown) == len(expected) and all(any(t.startswith(e) for t in shown) for e in expected)
    expect(page.locator("[data-ks-hvor-ressurser-tekst]")).to_contain_text("For fokusområdet dere har valgt")


# --- Without JavaScript, keyboard, 390 px, print ---------------------------------------------------------

def test_without_javascript_the_page_says_what_it_needs_and_links_onwards(browser, base_url):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(base_url + URL)
        note = page.locator("[data-ks-hvor-utenjs]")
        expect(note).to_be_visible()
        expect(note).to_contain_text("Denne siden trenger JavaScript.")
        for name, target in [("Utforsk kommunene", "../utforsk/"), ("Verkstedguiden", "../ressurser/verksted/"),
                             ("Veiledningen for bidrag", "../bidra/")]:
            expect(note.get_by_role("link", name=name)).to_have_attribute("href", target)
        repo = page.locator("a.md-source").first.get_attribute("href") if page.locator("a.md-source").count() else None
        issue = note.get_by_role("link", name="skjemaet «Foreslå en kommunecase»")
        if repo:
            expect(issue).to_have_attribute("href", repo.rstrip("/") + "/issues/new?template=foresla-case.yml")
        else:
            expect(issue).to_have_count(0)
        expect(page.locator("[data-ks-hvor-skjema]")).to_be_hidden()
        expect(page.locator("[data-ks-hvor-resultat]")).to_be_hidden()
    finally:
        ctx.close()


def tab_to(page, selector: str, limit: int = 150) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => document.activeElement.matches(sel)", selector):
            return
    pytest.fail(f"{selector} ble aldri nådd med Tab")


@pytest.mark.parametrize("width", [1280, 390])
def test_keyboard_alone_from_municipality_to_results(browser, base_url, real_cat, width):
    ctx = browser.new_context(locale="nb-NO", viewport={"width": width, "height": 844})
    try:
        page = ctx.new_page()
        open_page(page, base_url)
        tab_to(page, "#hvor-kommune")
        page.keyboard.type("Kárášjohka")  # Karasjok's Sámi name
        page.keyboard.press("Enter")
        expect(answer(page)).to_contain_text("Valgt: Kárášjohka - Karasjok i Finnmark, kommunenummer 5610.")
        tab_to(page, "#hvor-fokus-helhetlig-oppvekst")
        page.keyboard.press("Space")
        expect(page).to_have_url(re.compile(r"fokus=helhetlig-oppvekst"))
        tab_to(page, "#hvor-partner-frivillighet")
        page.keyboard.press("Space")
        expect(page).to_have_url(re.compile(r"partner=frivillighet"))
        choices = {"kommune": "5610", "fokus": ["helhetlig-oppvekst"], "partner": ["frivillighet"]}
        assert query(page) == {k: [v] if isinstance(v, str) else v for k, v in choices.items()}
        assert browser_ranking(page) == python_ranking(real_cat, choices)
        tab_to(page, "#hvor-svar-4")
        page.keyboard.type("Et fast samarbeid med skolene.")
        # On to the results: the first case to learn from is a link Tab reaches, then the print button.
        first = page.locator("[data-ks-hvor-caser] > li a").first
        tab_to(page, "[data-ks-hvor-caser] > li:first-child a")
        expect(first).to_be_focused()
        tab_to(page, "[data-ks-hvor-skriv-ut]")
        expect(page.locator('[data-ks-hvor-plan-svar="fremtidsbilde.hva_skal_til.beskrivelse"]')).to_have_text(
            "Et fast samarbeid med skolene.")
        # «Fjern alle valg» with the keyboard: back to the start.
        page.keyboard.press("Shift+Tab")
        tab_to(page, "[data-ks-hvor-nullstill]")
        page.keyboard.press("Enter")
        expect(status(page)).to_have_text("Ingen valg ennå.")
        expect(page).to_have_url(re.compile(r"/hvor-star-vi/$"))
    finally:
        ctx.close()


def no_sideways_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_390_px_has_no_sideways_scrolling_and_one_column(browser, base_url):
    ctx = browser.new_context(locale="nb-NO", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = ctx.new_page()
        for choices in ({}, {"kommune": "5636", "fokus": ["helhetlig-oppvekst"], "partner": ["frivillighet"],
                             "sektor": ["helse", "skole", "barnehage"]}):
            open_page(page, base_url, choices)
            assert no_sideways_scroll(page), address(choices)
            form = page.locator("[data-ks-hvor-skjema]").bounding_box()
            results = page.locator("[data-ks-hvor-resultat]").bounding_box()
            assert results["y"] >= form["y"] + form["height"] - 1  # under the form, not beside it
            assert form["width"] <= 390 and results["width"] <= 390
    finally:
        ctx.close()
    ctx = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        open_page(page, base_url)
        expect(page.get_by_role("link", name="Til kommunene å lære av")).to_be_hidden()  # beside the form
    finally:
        ctx.close()
    ctx = browser.new_context(locale="nb-NO", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = ctx.new_page()
        open_page(page, base_url, {"kommune": "5636"})
        choose(page, "Herøy")
        assert no_sideways_scroll(page)
        # The results come after the long form; a link leads straight to them.
        jump = page.get_by_role("link", name="Til kommunene å lære av")
        expect(jump).to_be_visible()
        jump.click()
        assert page.evaluate("() => { const r = document.getElementById('hvor-caser').getBoundingClientRect();"
                             " return r.top >= 0 && r.bottom <= innerHeight; }")
    finally:
        ctx.close()


def test_print_shows_the_plan_first_without_the_form(page, base_url):
    open_page(page, base_url, {"kommune": "3205", "fokus": ["helhetlig-oppvekst"]})
    page.get_by_label("3. Hvordan oppleves kulturskolen i forhold til dette målbildet akkurat nå?").fill(
        "Kjent, men lite brukt av andre sektorer.")
    page.emulate_media(media="print")
    expect(page.locator("[data-ks-hvor-skjema]")).to_be_hidden()
    expect(page.locator("[data-ks-hvor-skriv-ut]")).to_be_hidden()
    plan = page.locator(".ks-hvor__plan")
    expect(plan).to_be_visible()
    expect(plan).to_contain_text("Kjent, men lite brukt av andre sektorer.")
    expect(plan).to_contain_text("Sett sammen kommunegruppa.")
    cases = page.locator(".ks-hvor__del--caser")
    assert plan.bounding_box()["y"] < cases.bounding_box()["y"]
    expect(cases.locator("li").first).to_be_visible()


# --- axe-core and the Nu Html Checker in every state -------------------------------------------------------

STATES = {
    "tom": ({}, None),
    "resultat": ({"kommune": "3205", "fokus": ["helhetlig-oppvekst"], "partner": ["frivillighet"],
                  "sektor": ["skole"]}, "svar"),
    "ingen-treff": ({"sektor": ["naeringsliv"]}, None),
    "ukjent-kommune": ({}, "Stordd"),
    "velg-kommune": ({}, "Herøy"),
    # A focus area no case has: the plain notice and the nearest material (issue 18.4).
    "ingen-case-ennå": ({"kommune": "4614", "fokus": ["mangfold-og-inkludering"]}, None),
}


def put_in_state(page, base: str, state: str) -> None:
    choices, action = STATES[state]
    open_page(page, base, choices)
    if action == "svar":
        for i, text in enumerate(["Åpen for alle.", "Alle kjenner den.", "Lite kjent.", "Samarbeid."], 1):
            page.locator(f"#hvor-svar-{i}").fill(text)
    elif action:
        choose(page, action)
        expect(answer(page)).not_to_be_empty()


@pytest.fixture(scope="module")
def vnu_dom(tmp_path_factory):
    """Nu Html Checker errors for DOM snapshots (the page as the script left it), run once."""
    folder = tmp_path_factory.mktemp("hvor-dom")
    files: dict[str, object] = {}

    def add(name: str, html: str) -> None:
        path = folder / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files[name] = path

    def check() -> dict[str, list[str]]:
        if not VNU.exists():
            pytest.fail(f"Fant ikke {VNU}. «make test» installerer vnu-jar fra npm (npm ci).")
        proc = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *map(str, files.values())],
                              capture_output=True, text=True, check=False)
        errors: dict[str, list[str]] = {name: [] for name in files}
        for m in json.loads(proc.stderr)["messages"]:
            if m.get("type") in ("error", "non-document-error"):
                name = urlparse(m.get("url", "")).path.rsplit("/", 1)[-1].removesuffix(".html")
                errors.setdefault(name, []).append(f"linje {m.get('lastLine', '?')}: {m['message']}")
        return errors

    return add, check


def test_every_state_has_no_axe_violations_and_valid_html(browser, base_url, vnu_dom):
    add, check = vnu_dom
    found = {}
    for state in STATES:
        for width in (1280, 390):
            ctx = browser.new_context(locale="nb-NO", viewport={"width": width, "height": 900})
            try:
                page = ctx.new_page()
                put_in_state(page, base_url, state)
                if width == 1280:
                    add(state, page.content())
                violations = run_axe(page)
                if violations:
                    found[f"{state} {width}"] = violations
            finally:
                ctx.close()
    assert found == {}, describe(found)
    errors = check()
    assert {k: v for k, v in errors.items() if v} == {}


# --- On to the case form (issue 9.3) ----------------------------------------------------------------------

def test_the_case_form_starts_from_the_choices_and_only_on_request_from_the_answers(page, base_url):
    open_page(page, base_url, {"kommune": "4614", "fokus": ["helhetlig-oppvekst"], "sektor": ["skole"],
                               "partner": ["frivillighet"]})
    page.locator("#hvor-svar-1").fill("Et sted for alle")
    link = page.get_by_role("link", name="Lag en kommunecase i skjemaet med valgene deres")
    href = link.get_attribute("href")
    assert href == "../bidra/skjema/?kommune=4614&fokus=helhetlig-oppvekst&sektor=skole&partner=frivillighet"
    # The answers go along only when the reader ticks the box, and then only after «#».
    page.get_by_label("Ta også med svarene på de fire spørsmålene").check()
    href = link.get_attribute("href")
    assert href.split("#")[0] == "../bidra/skjema/?kommune=4614&fokus=helhetlig-oppvekst&sektor=skole&partner=frivillighet"
    assert parse_qs(href.split("#")[1]) == {"fremtidsbilde.slik_vil_vi_fremsta": ["Et sted for alle"]}
    assert "Et sted for alle" not in page.url
    link.click()
    page.locator("#ks-f-navn").wait_for()
    assert page.locator("#ks-f-kommunenummer").input_value() == "4614"
    assert page.locator("#ks-f-navn").input_value() == "Stord"
    assert page.locator("#ks-f-fokusomrade-helhetlig-oppvekst").is_checked()
    assert page.locator("#ks-f-partnere-0-type").input_value() == "frivillighet"
    assert page.locator("#ks-f-fremtidsbilde-slik_vil_vi_fremsta").input_value() == "Et sted for alle"
    page.go_back()
    page.wait_for_function(READY)
    page.get_by_label("Ta også med svarene på de fire spørsmålene").uncheck()
    assert "#" not in link.get_attribute("href")
