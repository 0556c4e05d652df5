"""The case form /bidra/skjema/ in real Chromium (issue 9.3).

- A new municipality outside the pilot, filled in with the keyboard alone, downloaded; sjekk
  accepts the file, and a site built with it shows the case on its county page, in the explorer
  and in the exports.
- A table of bad inputs, typed into the form (or, where a form cannot produce the value, loaded
  from a file through the form): each gives the same field and the same message as
  `kulturskole sjekk` gives for the same YAML.
- Round trip: every real case and the example, opened with «Rediger i skjema» and saved without
  changes, gives the same data back, and sjekk accepts the files.
- Rows added, moved and removed with the keyboard, announced; prefill from the self-assessment;
  a file with parts the form cannot hold; the GitHub links; a model with one more field.
- axe-core 0 violations and Nu Html Checker 0 errors in every state: empty, with errors, with the
  result, with a loaded case; at 1280 px and 390 px.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from textwrap import dedent
from urllib.parse import parse_qs, urlparse

import pytest
from pydantic import Field

from macros.core import model
from macros.core.catalog import validate
from macros.core.load import load_dataset
from macros.core.schema import data_ids_from, schema_for
from macros.core.yamlsrc import parse

from ..conftest import ROOT, build, make_project, read
from .conftest import AXE, VNU, WCAG_TAGS, describe, foreign_requests, inject_axe  # noqa: F401

pytestmark = pytest.mark.browser

FORM = "bidra/skjema/"
MOBILE = dict(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)

GOOD = dedent("""\
    navn: Stord
    kommunenummer: "4614"
    program: egen-utvikling
    deltakelse:
      - status: aktiv
        dato: 2025-01-15
    utviklingsprosjekt:
      tittel: Kulturskolen i skolen
      sammendrag: Faste besøk i alle barneskolene.
    kommunegruppe:
      - rolle: kulturskolerektor
        sektor: kulturskole
      - rolle: rektor på en barneskole
        sektor: skole
      - rolle: leder i frivilligsentralen
        sektor: frivillighet
      - rolle: kommunalsjef for oppvekst
        sektor: kommuneledelse
    kontakt:
      rolle: kulturskolerektor
    kilder:
      - tittel: Kommunens side
        url: https://example.org/stord
    oppdatert: 2026-11-26
    """)


def open_form(page, query: str = "") -> None:
    page.goto(page.base + FORM + query)
    page.locator("#ks-f-navn").wait_for()


def load_text(page, text: str, name: str = "stord.yml") -> None:
    page.set_input_files("#ks-fil-inn", files=[{"name": name, "mimeType": "text/yaml", "buffer": text.encode()}])
    page.locator(".ks-lastet").wait_for(state="visible")


def submit(page) -> None:
    page.locator("#ks-kontroller").click()
    page.locator(".ks-feiloppsummering:not([hidden]), .ks-resultat:not([hidden])").first.wait_for()


def form_errors(page) -> set[tuple[str, str]]:
    """(field, message) of every error shown next to a field; each is also in the summary."""
    inline = page.eval_on_selector_all(
        ".ks-skjema__skjema .ks-feil", "els => els.map(e => [e.dataset.sti, e.textContent.replace(/^Feil: /, '')])")
    summary = page.eval_on_selector_all(".ks-feilliste a", "els => els.map(a => a.dataset.sti)")
    assert sorted(f for f, _ in inline) == sorted(summary), "feiloppsummeringen og feltene viser ikke de samme feilene"
    return {tuple(x) for x in inline}


def result_yaml(page) -> str:
    page.locator("#ks-yaml").wait_for()
    return page.locator("#ks-yaml").input_value()


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("skjema") / "data"
    shutil.copytree(ROOT / "data", data)
    return data


def sjekk(data: Path, text: str, name: str = "stord.yml") -> set[tuple[str, str]]:
    """What `kulturskole sjekk` says about one new case file (the rest of the data is the real data)."""
    path = data / "kommuner" / name
    path.write_text(text, encoding="utf-8")
    try:
        _, problems = validate(data)
    finally:
        path.unlink()
    return {(p.field, p.message) for p in problems if p.file.endswith("/" + name)}


# --- keyboard alone: a new municipality, downloaded, accepted, built ---------------------------------

def tab_to(page, element_id: str, limit: int = 60, back: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the element has focus; fails if the keyboard cannot reach it."""
    for _ in range(limit):
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"nådde ikke #{element_id} med tastaturet")


def test_keyboard_alone_new_municipality_downloads_a_file_sjekk_accepts_and_the_site_shows(page, tmp_path):
    open_form(page)
    page.keyboard.press("Tab")
    tab_to(page, "ks-f-navn", limit=200)
    page.keyboard.type("Stord")
    page.keyboard.press("Tab")  # leaving the name fills the number from the register
    assert page.locator("#ks-f-kommunenummer").input_value() == "4614"
    tab_to(page, "ks-f-program-kulturskole-3-0")
    page.keyboard.press("ArrowDown")  # radio group: arrows choose
    page.keyboard.press("ArrowDown")
    assert page.locator("#ks-f-program-egen-utvikling").is_checked()
    # The statuses follow the programme: «Egen utvikling» has three, so they are radio buttons.
    assert page.eval_on_selector_all("#ks-f-deltakelse-0-status input", "els => els.map(e => e.value)") == [
        "planlagt", "aktiv", "avsluttet"]
    tab_to(page, "ks-f-deltakelse-0-status-planlagt")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert page.locator("#ks-f-deltakelse-0-status-aktiv").is_checked()
    tab_to(page, "ks-f-deltakelse-0-dato")
    page.keyboard.type("15.01.2025")  # as people write dates; the file gets 2025-01-15
    tab_to(page, "ks-f-fokusomrade-ingen")  # «Ikke oppgitt» is chosen; arrows move on (and wrap)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    tab_to(page, "ks-f-utviklingsprosjekt-tittel")
    page.keyboard.type("Kulturskolen i skolen")
    page.keyboard.press("Tab")
    page.keyboard.type("Faste besøk i alle barneskolene,\nmed song og dans.")
    for i, (rolle, sektor) in enumerate([("kulturskolerektor", "Kulturskolen"), ("rektor på en barneskole", "Skole"),
                                         ("leder i frivilligsentralen", "Frivillig sektor"),
                                         ("kommunalsjef for oppvekst", "Kommuneledelsen")]):
        tab_to(page, "ks-f-kommunegruppe-legg-til")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == f"ks-f-kommunegruppe-{i}-rolle"
        page.keyboard.type(rolle)
        page.keyboard.press("Tab")
        page.keyboard.type(sektor)  # a closed select chooses by typing the start of an option
    tab_to(page, "ks-f-kontakt-rolle")
    page.keyboard.type("kulturskolerektor")
    tab_to(page, "ks-f-kilder-legg-til")
    page.keyboard.press("Enter")
    assert page.locator("#ks-f-kilder-0-type-offentlig").is_checked()  # a public source unless chosen
    tab_to(page, "ks-f-kilder-0-tittel")
    page.keyboard.type("Stord kommune: kulturskolen")
    page.keyboard.press("Tab")
    page.keyboard.type("https://example.org/stord/kulturskole")
    tab_to(page, "ks-kontroller")
    page.keyboard.press("Enter")
    page.locator(".ks-resultat:not([hidden])").wait_for()
    assert page.evaluate("document.activeElement.classList.contains('ks-resultat')")
    tab_to(page, "ks-last-ned")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    assert download.suggested_filename == "stord.yml"

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    target = data / "kommuner" / "stord.yml"
    download.save_as(target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/kommunecase.schema.json\n")
    assert "## kommunegruppe: Kommunegruppa: minst én fra utenfor kulturskolen (i piloten 4–6 roller)" in text
    assert "## Kommunecase for Stord, program: Egen utvikling (egen-utvikling)." in text
    catalog, problems = validate(data)
    assert [str(p) for p in problems] == []
    case = next(c for c in catalog.cases if c.slug == "stord")
    assert case.record.fokusomrade == "helhetlig-oppvekst"
    assert [m.sektor for m in case.record.kommunegruppe] == ["kulturskole", "skole", "frivillighet", "kommuneledelse"]
    assert case.record.utviklingsprosjekt.sammendrag == "Faste besøk i alle barneskolene,\nmed song og dans."

    project = tmp_path / "prosjekt"
    project.mkdir()
    site = build(make_project(project, data))
    assert "kommuner/stord/" in read(site, "fylker/vestland")
    assert "Stord" in read(site, "utforsk")
    exported = json.loads((site / "data" / "kommuner.json").read_text(encoding="utf-8"))
    assert "4614" in json.dumps(exported)
    assert "Stord" in (site / "data" / "kommuner.csv").read_text(encoding="utf-8")
    assert foreign_requests(page, page.base) == []


# --- bad inputs: the form and sjekk say the same --------------------------------------------------

def _fill(id_, value):
    return lambda page: page.fill(f"#{id_}", value)


def _check(id_):
    return lambda page: page.check(f"#{id_}")


def _select(id_, value):
    return lambda page: page.select_option(f"#{id_}", value)


def _click(id_):
    return lambda page: page.click(f"#{id_}")


def _load(text):
    return lambda page: load_text(page, text)


def _remove_member(page):
    page.click("#ks-f-kommunegruppe-3-fjern")


def _add_members(n, sektor="skole"):
    def act(page):
        for _ in range(n):
            page.click("#ks-f-kommunegruppe-legg-til")
            i = page.locator(".ks-liste#ks-f-kommunegruppe .ks-rad").count() - 1
            page.fill(f"#ks-f-kommunegruppe-{i}-rolle", "lærer")
            page.select_option(f"#ks-f-kommunegruppe-{i}-sektor", sektor)
    return act


def _all_culture_school(page):
    for i in (1, 2, 3):
        page.select_option(f"#ks-f-kommunegruppe-{i}-sektor", "kulturskole")


def _empty_member(page):
    page.click("#ks-f-kommunegruppe-legg-til")
    page.select_option("#ks-f-kommunegruppe-4-sektor", "helse")


def _remove_history(page):
    page.click("#ks-f-deltakelse-0-fjern")


def _blank_action(page):
    page.click("#ks-f-fremtidsbilde-hva_skal_til-tiltak-legg-til")
    page.fill("#ks-f-fremtidsbilde-hva_skal_til-tiltak-0", "   ")


def _no_status(page):
    page.click("#ks-f-deltakelse-legg-til")
    page.fill("#ks-f-deltakelse-1-dato", "2025-06-01")


def _sub(old, new):
    return lambda text: text.replace(old, new, 1)


def _pilot(text):
    return text.replace("program: egen-utvikling", "program: kulturskole-3-0").replace("status: aktiv", "status: valgt")


MEMBER4 = "  - rolle: kommunalsjef for oppvekst\n    sektor: kommuneledelse\n"
BAD_INPUTS = [
    # (name, the YAML sjekk gets, what the form gets)
    ("navn mangler", _sub("navn: Stord\n", ""), [_fill("ks-f-navn", "")]),
    ("navn bare mellomrom", _sub("navn: Stord", 'navn: "   "'), [_fill("ks-f-navn", "   ")]),
    ("navn på en annen kommune", _sub("navn: Stord", "navn: Fitjar"), [_fill("ks-f-navn", "Fitjar")]),
    ("samisk navn på feil nummer", _sub("navn: Stord", "navn: Kárášjohka"), [_fill("ks-f-navn", "Kárášjohka")]),
    ("kommunenummer med fem siffer", _sub('"4614"', '"46140"'), [_fill("ks-f-kommunenummer", "46140")]),
    ("kommunenummer som ikke finnes", _sub('"4614"', '"4699"'), [_fill("ks-f-kommunenummer", "4699")]),
    ("kommunenummer fra 2020", _sub('"4614"', '"3030"'), [_fill("ks-f-kommunenummer", "3030")]),
    ("kommunenummer fra 2020 med to nye", _sub('"4614"', '"1507"'), [_fill("ks-f-kommunenummer", "1507")]),
    ("eksempel med ekte nummer", lambda t: t + "eksempel: true\n", [_check("ks-f-eksempel")]),
    ("status mangler", _sub("    dato: 2025-01-15\n", "    dato: 2025-01-15\n  - dato: 2025-06-01\n"), [_no_status]),
    ("ugyldig dato", _sub("dato: 2025-01-15", "dato: 15/1"), [_fill("ks-f-deltakelse-0-dato", "15/1")]),
    ("dato som ikke finnes", _sub("dato: 2025-01-15", "dato: 2025-02-30"), [_fill("ks-f-deltakelse-0-dato", "30.02.2025")]),
    ("verken dato eller merknad", _sub("    dato: 2025-01-15\n", ""), [_fill("ks-f-deltakelse-0-dato", "")]),
    ("ingen deltakelse", lambda t: re.sub(r"deltakelse:\n(  .*\n)+", "deltakelse: []\n", t), [_remove_history]),
    # The group size binds the pilot (its call), so these start from the same case in the pilot.
    ("kommunegruppe med tre i piloten", lambda t: _sub(MEMBER4, "")(_pilot(t)), [_load(_pilot(GOOD)), _remove_member]),
    ("kommunegruppe med sju i piloten", lambda t: _sub(MEMBER4, MEMBER4 + "  - rolle: lærer\n    sektor: skole\n" * 3)(_pilot(t)),
     [_load(_pilot(GOOD)), _add_members(3)]),
    ("bare kulturskolen", lambda t: t.replace("sektor: skole", "sektor: kulturskole").replace(
        "sektor: frivillighet", "sektor: kulturskole").replace("sektor: kommuneledelse", "sektor: kulturskole"),
     [_all_culture_school]),
    ("medlem uten rolle", _sub(MEMBER4, MEMBER4 + "  - sektor: helse\n"), [_empty_member]),
    ("tittel uten sammendrag", _sub("  sammendrag: Faste besøk i alle barneskolene.\n", ""),
     [_fill("ks-f-utviklingsprosjekt-sammendrag", "")]),
    ("lenke med http", _sub("url: https://", "url: http://"), [_fill("ks-f-kilder-0-url", "http://example.org/stord")]),
    ("lenke uten adresse", _sub("url: https://example.org/stord", "url: example.org"),
     [_fill("ks-f-kilder-0-url", "example.org")]),
    ("tegn som ikke er lov i tittel", _sub("tittel: Kommunens side", 'tittel: "<b>Kommunens side</b>"'),
     [_fill("ks-f-kilder-0-tittel", "<b>Kommunens side</b>")]),
    ("navn uten samtykke", _sub("  rolle: kulturskolerektor\nkilder", "  rolle: kulturskolerektor\n  navn: Kari Nordmann\nkilder"),
     [_fill("ks-f-kontakt-navn", "Kari Nordmann")]),
    ("ugyldig e-post", _sub("  rolle: kulturskolerektor\nkilder",
                            "  rolle: kulturskolerektor\n  epost: kari@kommune\n  samtykke: true\nkilder"),
     [_check("ks-f-kontakt-samtykke"), _fill("ks-f-kontakt-epost", "kari@kommune")]),
    ("tomt tiltak", _sub("kontakt:", "fremtidsbilde:\n  hva_skal_til:\n    tiltak:\n      - \"   \"\nkontakt:"), [_blank_action]),
    ("oppdatert mangler", _sub("oppdatert: 2026-11-26\n", ""), [_fill("ks-f-oppdatert", "")]),
    ("oppdatert i ord", _sub("oppdatert: 2026-11-26", "oppdatert: i går"), [_fill("ks-f-oppdatert", "i går")]),
    ("påstander uten kilder", lambda t: re.sub(r"kilder:\n(  .*\n)+", "", t), [_click("ks-f-kilder-0-fjern")]),
    ("tolkning uten fokusområde", lambda t: t + "fokusomrade_tolkning: Redaksjonens lesning av søknaden.\n",
     [_fill("ks-f-fokusomrade_tolkning", "Redaksjonens lesning av søknaden.")]),
    # Values a form cannot type (its lists offer only what is allowed): loaded from a file through the form.
    ("ukjent fokusområde (fra fil)", lambda t: t + "fokusomrade: helse-og-trivsel\n",
     [_load(GOOD + "fokusomrade: helse-og-trivsel\n")]),
    ("ukjent suksesskriterium (fra fil)", lambda t: t + "suksesskriterier:\n  - id: vaer-modig\n    belegg: Noe.\n",
     [_load(GOOD + "suksesskriterier:\n  - id: vaer-modig\n    belegg: Noe.\n")]),
    ("ukjent status (fra fil)", _sub("status: aktiv", "status: ferdig"),
     [_load(GOOD.replace("status: aktiv", "status: ferdig"))]),
    ("status programmet ikke bruker (fra fil)", _sub("status: aktiv", "status: valgt"),
     [_load(GOOD.replace("status: aktiv", "status: valgt"))]),
    ("ukjent program (fra fil)", _sub("program: egen-utvikling", "program: regional"),
     [_load(GOOD.replace("program: egen-utvikling", "program: regional"))]),
    ("tekst i stedet for true (fra fil)", _sub("  rolle: kulturskolerektor\nkilder", "  rolle: kulturskolerektor\n  samtykke: ja\nkilder"),
     [_load(GOOD.replace("  rolle: kulturskolerektor\nkilder", "  rolle: kulturskolerektor\n  samtykke: ja\nkilder"))]),
]
assert len(BAD_INPUTS) >= 20


@pytest.mark.parametrize("name,yaml_of,actions", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_gives_the_same_field_and_message_as_sjekk(page, data_copy, name, yaml_of, actions):
    expected = sjekk(data_copy, yaml_of(GOOD))
    assert expected, f"{name}: sjekk fant ingen feil; tabellen tester ingenting"
    open_form(page)
    load_text(page, GOOD)
    for act in actions:
        act(page)
    submit(page)
    assert form_errors(page) == {(f, people(m)) for f, m in expected}


def people(message: str) -> str:
    """What the form shows for a message of sjekk: dates the way it asks for them (dd.mm.åååå)."""
    return re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b", r"\3.\2.\1", message.replace("ÅÅÅÅ-MM-DD", "dd.mm.åååå"))


def test_the_good_case_passes_both(page, data_copy):
    assert sjekk(data_copy, GOOD) == set()
    open_form(page)
    load_text(page, GOOD)
    submit(page)
    assert page.locator(".ks-resultat").is_visible()
    assert sjekk(data_copy, result_yaml(page)) == set()


def test_a_municipality_with_a_case_is_told_to_edit_it(page, data_copy):
    open_form(page)
    page.fill("#ks-f-navn", "Bodø")
    page.locator("#ks-f-navn").dispatch_event("change")
    page.check("#ks-f-program-kulturskole-3-0")
    page.check("#ks-f-deltakelse-0-status-valgt")
    page.fill("#ks-f-deltakelse-0-dato", "22.04.2021")
    submit(page)
    # sjekk's message when a municipality has two cases in one programme, naming the file that exists
    text = (GOOD.replace("navn: Stord", "navn: Bodø").replace('"4614"', '"1804"')
            .replace("program: egen-utvikling", "program: kulturskole-3-0"))
    said = {m for f, m in sjekk(data_copy, text, "bodo-ny.yml") if f == "kommunenummer"}
    assert said and form_errors(page) == {("kommunenummer", m) for m in said}


def test_a_municipality_with_a_case_can_add_one_in_another_programme(page, data_copy):
    """Bodø has its pilot case (bodo.yml): a case in another programme is its own file, bodo-<program>.yml."""
    text = GOOD.replace("navn: Stord", "navn: Bodø").replace('"4614"', '"1804"')
    assert sjekk(data_copy, text, "bodo-egen-utvikling.yml") == set()
    open_form(page)
    load_text(page, text, "ny.yml")
    submit(page)
    assert page.locator(".ks-resultat").is_visible()
    assert page.locator("#ks-last-ned").get_attribute("download") == "bodo-egen-utvikling.yml"


# --- round trip ---------------------------------------------------------------------------------

def case_slugs() -> list[str]:
    ds = load_dataset(ROOT / "data")
    return [c.slug for c in ds.cases]


@pytest.mark.parametrize("slug", case_slugs())
def test_round_trip_every_case_gives_the_same_data_and_sjekk_accepts_it(page, tmp_path, slug):
    ds = load_dataset(ROOT / "data")
    case = next(c for c in ds.cases if c.slug == slug)
    open_form(page, f"?rediger={slug}")
    page.locator(".ks-lastet:not([hidden])").wait_for()
    assert f"Du endrer casen for {case.record.navn}" in page.locator("#ks-modus").inner_text()
    submit(page)
    assert page.locator(".ks-resultat").is_visible(), page.locator(".ks-feiloppsummering").inner_text()
    text = result_yaml(page)
    src, problem = parse(text, case.path)
    assert problem is None
    again = model.Kommunecase.model_validate(src.data)
    assert again.model_dump() == case.record.model_dump()
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "kommuner" / f"{slug}.yml").write_text(text, encoding="utf-8")
    assert [str(p) for p in validate(data)[1]] == []


def test_round_trip_through_a_loaded_file_keeps_its_opening_comment(page):
    text = (ROOT / "data" / "kommuner" / "eksempelkommune.yml").read_text(encoding="utf-8")
    open_form(page)
    load_text(page, text, "eksempelkommune.yml")
    submit(page)
    out = result_yaml(page)
    assert out.startswith("# EKSEMPEL: Eksempelkommune finst ikkje.")
    src, _ = parse(out, "x.yml")
    assert model.Kommunecase.model_validate(src.data) == model.Kommunecase.model_validate(parse(text, "y")[0].data)


# --- rows with the keyboard, announced ---------------------------------------------------------------

def announced(page, text: str) -> None:
    """The live region says exactly this (waits for it: announcements are set a moment after a change)."""
    from playwright.sync_api import expect
    expect(page.locator(".ks-skjema [role=status]")).to_have_text(text)


def test_rows_are_added_moved_and_removed_with_the_keyboard_and_announced(page):
    open_form(page)
    page.focus("#ks-f-kilder-legg-til")
    page.keyboard.press("Enter")
    # The row's first field: the kind of source, a public one unless chosen.
    assert page.evaluate("document.activeElement.id") == "ks-f-kilder-0-type-offentlig"
    announced(page, "Kilde 1 er lagt til.")
    tab_to(page, "ks-f-kilder-0-tittel")
    page.keyboard.type("Første")
    page.focus("#ks-f-kilder-legg-til")
    page.keyboard.press("Enter")
    tab_to(page, "ks-f-kilder-1-tittel")
    page.keyboard.type("Andre")
    tab_to(page, "ks-f-kilder-1-opp")
    assert page.get_by_role("button", name="Flytt opp kilde 2", exact=True).get_attribute("id") == "ks-f-kilder-1-opp"
    page.keyboard.press("Enter")
    announced(page, "Kilde 2 er flyttet opp og er nå kilde 1.")
    assert page.evaluate("document.activeElement.id") == "ks-f-kilder-0-ned"  # the moved row keeps focus
    assert page.locator("#ks-f-kilder-0-tittel").input_value() == "Andre"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "ks-f-kilder-1-opp"
    tab_to(page, "ks-f-kilder-1-fjern")
    page.keyboard.press("Enter")
    announced(page, "Kilde 2 er fjernet. Listen har nå 1 punkt.")
    assert page.evaluate("document.activeElement.id") == "ks-f-kilder-0-type-offentlig"
    assert page.locator("#ks-f-kilder-0-tittel").input_value() == "Første"


def test_error_summary_links_move_focus_to_the_field(page):
    open_form(page)
    submit(page)
    assert page.evaluate("document.activeElement.classList.contains('ks-feiloppsummering')")
    page.keyboard.press("Tab")  # the first link (the heading and text are not focusable)
    first = page.evaluate("document.activeElement.dataset.sti")
    assert first == "navn"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "ks-f-navn"
    assert page.get_attribute("#ks-f-navn", "aria-invalid") == "true"
    described = page.get_attribute("#ks-f-navn", "aria-describedby").split()
    assert page.locator(f"#{described[-1]}").text_content() == "Feil: mangler; feltet er påkrevd"


# --- starts: self-assessment, case page, file --------------------------------------------------------

def test_prefill_from_the_self_assessment(page):
    open_form(page, "?kommune=4614&fokus=helhetlig-oppvekst&sektor=skole&sektor=helse&partner=frivillighet"
                    "&kriterium=vaer-nysgjerrig#fremtidsbilde.slik_vil_vi_fremsta=Et+sted+for+alle")
    assert page.locator("#ks-f-navn").input_value() == "Stord"
    assert page.locator("#ks-f-kommunenummer").input_value() == "4614"
    assert page.locator("#ks-f-fokusomrade-helhetlig-oppvekst").is_checked()
    assert [page.locator(f"#ks-f-kommunegruppe-{i}-sektor").input_value() for i in range(3)] == [
        "kulturskole", "skole", "helse"]
    assert page.locator("#ks-f-partnere-0-type").input_value() == "frivillighet"
    assert page.locator("#ks-f-suksesskriterier-0-id-vaer-nysgjerrig").is_checked()
    assert page.locator("#ks-f-fremtidsbilde-slik_vil_vi_fremsta").input_value() == "Et sted for alle"
    assert "#" not in page.url  # the free text is not kept in the address or its history
    assert page.locator(".ks-lastet").is_hidden()  # one focus area chosen: nothing to say


def test_two_focus_areas_from_the_self_assessment_become_one_with_a_note(page):
    open_form(page, "?kommune=4614&fokus=helhetlig-oppvekst&fokus=mangfold-og-inkludering")
    assert page.locator("#ks-f-fokusomrade-helhetlig-oppvekst").is_checked()
    assert "En case har ett fokusområde, så skjemaet har tatt med det første" in page.locator(".ks-lastet").inner_text()


def test_case_pages_link_to_the_form_filled_with_the_case(page):
    page.goto(page.base + "kommuner/bodo/")
    page.get_by_role("link", name="Rediger i skjema").click()
    page.locator(".ks-lastet:not([hidden])").wait_for()
    assert page.locator("#ks-f-navn").input_value() == "Bodø"
    assert page.locator("#ks-f-deltakelse-1-merknad").input_value().startswith("Oppført blant de 15")


def test_a_file_with_parts_the_form_cannot_hold_lists_them_with_sjekks_message(page, data_copy):
    text = GOOD + "fokusomrad: helhetlig-oppvekst\npartnere: Frivilligsentralen\n"
    expected = sorted(f"{f}: {m}" for f, m in sjekk(data_copy, text))
    open_form(page)
    load_text(page, text)
    shown = page.eval_on_selector_all(".ks-lastet li", "els => els.map(e => e.textContent)")
    assert sorted(shown) == expected


def test_a_broken_yaml_file_is_reported_not_loaded(page):
    open_form(page)
    page.fill("#ks-f-navn", "Uendret")
    load_text(page, "navn: [Stord\nkommunenummer: '4614'\n")
    assert "ugyldig YAML på linje 2" in page.locator(".ks-lastet").inner_text()
    assert page.locator("#ks-f-navn").input_value() == "Uendret"


# --- GitHub, without Git -------------------------------------------------------------------------
# The test site is built without a repository (no REPO_URL, no GitHub remote). What the page gets
# when one is configured (macros/site/form.py: form_block, tested in tests/test_form_rules.py) is
# put into the served page here, so the script's GitHub options can be tested.

REPO = "https://github.com/kulturskoleradet/kulturskole-3-0"


def with_repository(page_or_context) -> None:
    def add_repo(route):
        response = route.fetch()
        body = response.text().replace('data-repo=""', f'data-repo="{REPO}"').replace(
            'data-sak=""', f'data-sak="{REPO}/issues/new?template=foresla-case.yml"')
        route.fulfill(response=response, body=body)
    page_or_context.route("**/bidra/skjema/?*", add_repo)
    page_or_context.route("**/bidra/skjema/", add_repo)


def test_new_case_opens_githubs_new_file_page_prefilled(page):
    with_repository(page)
    open_form(page)
    load_text(page, GOOD)
    submit(page)
    href = page.get_attribute("#ks-github-ny", "href")
    url = urlparse(href)
    assert (url.scheme, url.netloc, url.path) == ("https", "github.com", "/kulturskoleradet/kulturskole-3-0/new/main")
    query = parse_qs(url.query)
    assert query["filename"] == ["data/kommuner/stord.yml"]
    assert query["value"] == [result_yaml(page)]
    assert page.get_attribute("#ks-github-sak", "href").startswith(
        "https://github.com/kulturskoleradet/kulturskole-3-0/issues/new?template=foresla-case.yml&")


def test_existing_case_copies_the_file_and_opens_githubs_edit_page(browser, base_url):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"])
    opened: list[str] = []
    ctx.route("https://github.com/**", lambda route: (opened.append(route.request.url), route.fulfill(body="ok")))
    try:
        with_repository(ctx)
        page = ctx.new_page()
        page.base = base_url
        open_form(page, "?rediger=bodo")
        page.locator(".ks-lastet:not([hidden])").wait_for()
        submit(page)
        link = page.locator("#ks-github-rediger")
        assert link.get_attribute("href") == "https://github.com/kulturskoleradet/kulturskole-3-0/edit/main/data/kommuner/bodo.yml"
        with ctx.expect_page() as popup:
            link.click()
        popup.value.close()
        assert page.evaluate("navigator.clipboard.readText()") == result_yaml(page)
        announced(page, "Innholdet i filen er kopiert.")
        assert opened == [link.get_attribute("href")]
    finally:
        ctx.close()


def test_without_a_repository_no_github_option_appears(page):
    open_form(page)
    assert page.get_attribute("[data-ks-skjema]", "data-repo") == ""
    load_text(page, GOOD)
    submit(page)
    assert page.locator("#ks-last-ned").is_visible()
    assert "github" not in page.locator(".ks-resultat").inner_html().lower()


# --- the form comes from the model --------------------------------------------------------------------

def test_a_new_field_in_the_model_appears_in_the_form_and_its_file(page, cat):
    """Rules made from a model with one more field, served in place of the real ones: the form
    shows the field with its description, checks it with the model's rule, and writes it."""
    from macros.site.form import rules_json

    class Utvidet(model.Kommunecase):
        nettside_for_kulturskolen: model.HttpsUrl | None = Field(None, description="Lenke til kulturskolens egen side.")

    schema = schema_for("kommunecase.schema.json", data_ids_from(ROOT / "data"), record=Utvidet)
    rules = rules_json(cat, Utvidet, schema)
    page.route("**/bidra/skjema/regler.json", lambda route: route.fulfill(
        body=json.dumps(rules, ensure_ascii=False), content_type="application/json"))
    open_form(page)
    field = page.locator("#ks-f-nettside_for_kulturskolen")
    assert page.locator("label[for=ks-f-nettside_for_kulturskolen]").inner_text() == "Nettside for kulturskolen"
    assert page.locator("#ks-f-nettside_for_kulturskolen-hjelp").inner_text() == "Lenke til kulturskolens egen side."
    load_text(page, GOOD)
    field.fill("http://example.org")
    submit(page)
    assert ("nettside_for_kulturskolen",
            "fant «http://example.org»; lenken må være en fullstendig adresse som begynner med https://") in form_errors(page)
    field.fill("https://example.org/kulturskolen")
    submit(page)
    assert "nettside_for_kulturskolen: https://example.org/kulturskolen" in result_yaml(page)


def test_without_javascript_the_page_says_what_it_needs(browser, base_url):
    """The test site has no repository: the guide and the field guide, and no GitHub link (with a
    repository the issue form is linked too: tests/test_form_rules.py)."""
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(base_url + FORM)
        notice = page.locator("[data-ks-skjema-utenjs]")
        assert notice.is_visible()
        assert "Skjemaet trenger JavaScript" in notice.inner_text()
        hrefs = notice.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
        assert hrefs == ["../", "../felter/"]  # the YAML guide /bidra/ and the field guide
        assert page.locator("#ks-f-navn").count() == 0
    finally:
        ctx.close()


# --- axe-core and the Nu Html Checker in every state --------------------------------------------------

STATES = {
    "tomt": lambda page: None,
    "feil": lambda page: submit(page),
    "resultat": lambda page: (load_text(page, GOOD), submit(page)),
    "lastet": lambda page: load_text(page, GOOD + "fokusomrad: x\n"),
    "rediger-nynorsk": lambda page: (page.goto(page.base + FORM + "?rediger=eksempelkommune"),
                                     page.locator(".ks-lastet:not([hidden])").wait_for(), submit(page)),
    # A draft kept in the browser, shown after a reload with «Slett utkastet».
    "utkast": lambda page: (page.fill("#ks-f-navn", "Stord"),
                            page.wait_for_function("() => localStorage.getItem('ks-skjema-utkast')"),
                            page.reload(), page.locator("#ks-utkast:not([hidden])").wait_for()),
    # The last step with the editors' address (a test address) and their own form.
    "sendes": lambda page: (load_text(page, GOOD), submit(page)),
    # A carried-over criterion, an impossible date and a date out of order: the errors in people's words.
    "feil-datoer": lambda page: (load_text(page, GOOD.replace("  - status: aktiv\n    dato: 2025-01-15\n",
                                                               "  - status: aktiv\n    dato: 2025-08-15\n"
                                                               "  - status: avsluttet\n    dato: 2024-06-01\n")),
                                 page.fill("#ks-f-oppdatert", "31.02.2025"), submit(page)),
}
EDITORS = {"sendes": {"epost": "redaksjonen@example.org", "skjema": "https://example.org/innsending"}}
VARIANTS = {"1280": dict(viewport={"width": 1280, "height": 900}), "390": MOBILE,
            "mork": dict(viewport={"width": 1280, "height": 900}, color_scheme="dark")}


@pytest.fixture(scope="module")
def snapshots(browser, base_url, tmp_path_factory, cat):
    """Each state at each width: axe violations, and the DOM as HTML for the Nu Html Checker."""
    out_dir = tmp_path_factory.mktemp("skjema-html")
    seen: dict[tuple[str, str], dict] = {}
    for variant, options in VARIANTS.items():
        for state, setup in STATES.items():
            ctx = browser.new_context(locale="nb-NO", **options)
            try:
                page = ctx.new_page()
                page.base = base_url
                requested: list[str] = []
                page.on("request", lambda r: requested.append(r.url))
                if state in EDITORS:
                    from .test_form_people import with_editors
                    with_editors(page, cat, EDITORS[state])
                open_form(page)
                setup(page)
                html = page.content()
                (out_dir / f"{state}-{variant}.html").write_text(html, encoding="utf-8")
                inject_axe(page)  # not a <script> element: the site's CSP blocks inline scripts
                result = page.evaluate(
                    "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations",
                    WCAG_TAGS)
                overflow = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1")
                seen[(state, variant)] = {
                    "violations": [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result],
                    "overflow": overflow,
                    "foreign": [u for u in requested if not u.startswith(base_url) and not u.startswith(("data:", "blob:"))],
                }
            finally:
                ctx.close()
    proc = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", str(out_dir)],
                          capture_output=True, text=True, check=False)
    messages = json.loads(proc.stderr)["messages"]
    for key in seen:
        name = f"{key[0]}-{key[1]}.html"
        seen[key]["vnu"] = [f"{m.get('lastLine')}: {m['message']}" for m in messages
                            if m.get("type") in ("error", "non-document-error") and m.get("url", "").endswith("/" + name)]
    return seen


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("state", list(STATES))
def test_axe_vnu_and_390px_in_every_state(snapshots, state, variant):
    s = snapshots[(state, variant)]
    assert s["violations"] == [], describe(s["violations"])
    assert s["vnu"] == []
    assert s["foreign"] == []
    assert not s["overflow"], "siden er bredere enn skjermen (vannrett rulling)"


# --- the script's own pieces against the Python they mirror ----------------------------------------

TRICKY = ["yes", "No", "on", "OFF", "y", "n", "~", "null", "true", "False", "1804", "0301", "1:20", "1e3", ".5",
          "0x1F", "1_000", "2021-04-22", "- liste", "# kommentar", "a: b", "a #b", "slutt:", "«sitat» og „sitat“",
          '"dobbel"', "'enkel'", "  innrykk", "slutt  ", "linje1\nlinje2", "linje1\n\n    linje3\n", "tab\tinne",
          "æøå ÆØÅ", "fiolin 🎻", "bak\\strek", "{{ x }}", "[liste]", "{gruppe}", "&anker", "*alias", "!tag", "%prosent",
          "@krøll", "`tegn`", "=", "<<", "?", ":", "-", "|", ">", "ctrl\x07tegn", "linjeskift\u2028her", "del\x7ftegn",
          "https://example.org/a?b=c#d", "100 %", "Kl. 10:30", "nummer #1", "---", "...", "\ufeffbom"]


def test_the_yaml_writer_keeps_every_text_as_the_loader_reads_it(page):
    """Texts that YAML could misread (words that mean true/false, numbers, indicators, line breaks,
    control characters) come back from the project's loader exactly as written."""
    open_form(page)
    base = {"navn": "Stord", "kommunenummer": "4614", "program": "egen-utvikling",
            "deltakelse": [{"status": "planlagt", "merknad": "x"}],
            "oppdatert": "2026-11-26"}
    for text in TRICKY:
        data = {**base, "fremtidsbilde": {"slik_vil_vi_fremsta": text}, "erfaringer": {"dette_fungerte": [text]}}
        out = page.evaluate("(d) => window.ksSkjema.toYaml(d)", data)
        src, problem = parse(out, "x.yml")
        assert problem is None, (text, out)
        got = src.data["fremtidsbilde"]["slik_vil_vi_fremsta"], src.data["erfaringer"]["dette_fungerte"][0]
        assert got == (text, text), (text, out)


def test_found_and_ratio_in_the_browser_equal_python(page):
    """messages._found (what was found, as messages show it) and difflib's ratio (for «mente du …?»)."""
    import difflib

    from macros.core.messages import _found
    pairs = [("fokusomrad", "fokusomrade"), ("navn", "navnx"), ("kontakt", "kontak"), ("x", "deltakelse"),
             ("kommunegrupe", "kommunegruppe"), ("sprak", "språk"), ("oppdatert", "opdatert"), ("abcab", "bcabca")]
    values = ["kort", "x" * 61, "æ" * 70, True, None, ["a"], {"a": 1}, "🎻" * 61]
    open_form(page)
    for a, b in pairs:
        js = page.evaluate("([a, b]) => window.ksSkjema.ratio(a, b)", [a, b])
        assert js == pytest.approx(difflib.SequenceMatcher(None, a, b).ratio()), (a, b)
    for v in values:
        assert page.evaluate("(v) => window.ksSkjema.found(v)", v) == _found(v), v


def test_a_new_programme_takes_away_a_status_it_does_not_use_and_says_so(page):
    open_form(page)
    page.check("#ks-f-program-kulturskole-3-0")
    page.check("#ks-f-deltakelse-0-status-fullfort")
    page.check("#ks-f-program-egen-utvikling")
    note = page.locator("#ks-f-deltakelse .ks-merknad")
    assert note.inner_text() == "Programmet du valgte, bruker ikke statusen «Fullført». Velg status på nytt."
    assert page.eval_on_selector_all("#ks-f-deltakelse-0-status input", "els => els.map(e => [e.value, e.checked])") == [
        ["planlagt", False], ["aktiv", False], ["avsluttet", False]]
    # A status both programmes use stays as it was, and nothing is said.
    page.check("#ks-f-deltakelse-0-status-aktiv")
    page.check("#ks-f-program-kulturskole-3-0")
    assert page.locator("#ks-f-deltakelse-0-status-aktiv").is_checked()
    assert page.locator("#ks-f-deltakelse .ks-merknad").count() == 0
