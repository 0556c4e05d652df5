"""The case form for people rather than developers, and a way in without GitHub (issue 18.2, 18.3, 18.5).

- the draft is kept in this browser (localStorage, «ks-skjema-utkast») and «Slett utkastet» removes it;
- dates are typed as dd.mm.åååå and kept as ÅÅÅÅ-MM-DD; an impossible date has its own message;
- rows carried over from «Hvor står vi?» and left as they came are dropped, with a note;
- «Send til redaksjonen» when data/redaksjon.yml names an address (a test address here), with the file
  in the e-mail when it fits and the file name to attach when it does not; with no channel at all, the
  page says what to do and offers nothing that does not exist;
- a crafted address fragment (__proto__, constructor, prototype) changes nothing but the form's fields.
"""
from __future__ import annotations

import json
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from playwright.sync_api import expect

from macros.core.yamlsrc import parse

from .test_form import FORM, GOOD, MOBILE, form_errors, load_text, open_form, result_yaml, submit

pytestmark = pytest.mark.browser

TEST_ADDRESS = "redaksjonen@example.org"  # a reserved domain (RFC 2606): never a real channel


def with_editors(page, cat, redaksjon: dict | None) -> None:
    """Serve the form's rules as a site whose data/redaksjon.yml holds `redaksjon`."""
    from macros.site.form import rules_json
    rules = rules_json(cat)
    rules["redaksjon"] = redaksjon
    page.route("**/bidra/skjema/regler.json", lambda route: route.fulfill(
        body=json.dumps(rules, ensure_ascii=False), content_type="application/json"))


def stored(page) -> list[str]:
    return page.evaluate("() => Object.keys(localStorage).filter(k => !k.endsWith('__palette'))")


def test_draft_is_kept_in_this_browser_and_deleted_with_one_button(page):
    open_form(page)
    assert stored(page) == []  # nothing is stored before the reader types
    assert page.locator("#ks-utkast").is_hidden()
    page.fill("#ks-f-navn", "Stord")
    page.fill("#ks-f-utviklingsprosjekt-tittel", "Kulturskolen i skolen")
    page.wait_for_function("() => (localStorage.getItem('ks-skjema-utkast') || '').includes('Kulturskolen i skolen')")
    assert stored(page) == ["ks-skjema-utkast"]
    page.reload()
    page.locator("#ks-f-navn").wait_for()
    assert page.locator("#ks-f-navn").input_value() == "Stord"
    assert page.locator("#ks-f-utviklingsprosjekt-tittel").input_value() == "Kulturskolen i skolen"
    notice = page.locator("#ks-utkast")
    assert notice.is_visible() and "lagres i denne nettleseren" in notice.inner_text()
    page.get_by_role("button", name="Slett utkastet").click()
    assert stored(page) == []
    assert page.locator("#ks-f-navn").input_value() == ""
    # Deleted at once, with a way back until the reader types again.
    assert notice.inner_text().startswith("Utkastet er slettet, og skjemaet er tomt.")
    page.get_by_role("button", name="Angre").click()
    assert page.locator("#ks-f-navn").input_value() == "Stord"
    assert page.locator("#ks-f-utviklingsprosjekt-tittel").input_value() == "Kulturskolen i skolen"
    assert stored(page) == ["ks-skjema-utkast"]
    page.get_by_role("button", name="Slett utkastet").click()
    page.fill("#ks-f-navn", "Fitjar")  # typing again: the deleted draft is gone for good
    expect(page.get_by_role("button", name="Angre")).to_have_count(0)
    page.get_by_role("button", name="Slett utkastet").click()
    assert stored(page) == []
    page.reload()
    page.locator("#ks-f-navn").wait_for()
    assert page.locator("#ks-f-navn").input_value() == ""
    assert notice.is_hidden()


def test_a_reload_after_coming_from_the_self_assessment_keeps_what_was_typed_and_the_older_draft(page):
    open_form(page)
    page.fill("#ks-f-navn", "Eldre utkast")
    page.wait_for_function("() => (localStorage.getItem('ks-skjema-utkast') || '').includes('Eldre utkast')")
    # From «Hvor står vi?»: the choices fill the form, and the older draft is offered, not replaced.
    open_form(page, "?kommune=4614&fokus=helhetlig-oppvekst")
    assert page.locator("#ks-f-navn").input_value() == "Stord"
    notice = page.locator("#ks-utkast")
    assert "vil du heller fortsette med utkastet" in notice.inner_text()
    page.fill("#ks-f-utviklingsprosjekt-tittel", "Kulturskolen i barnehagen")
    page.wait_for_function("() => (localStorage.getItem('ks-skjema-utkast') || '').includes('Kulturskolen i barnehagen')")
    assert "?" not in page.url  # the choices are in the draft now
    assert "vil du heller fortsette med utkastet" in notice.inner_text()  # typing did not lose the older one
    page.reload()
    page.locator("#ks-f-navn").wait_for()
    assert page.locator("#ks-f-navn").input_value() == "Stord"
    assert page.locator("#ks-f-utviklingsprosjekt-tittel").input_value() == "Kulturskolen i barnehagen"
    page.get_by_role("button", name="Fortsett med utkastet").click()
    assert page.locator("#ks-f-navn").input_value() == "Eldre utkast"
    page.reload()
    page.locator("#ks-f-navn").wait_for()
    assert page.locator("#ks-f-navn").input_value() == "Eldre utkast"


def test_personvern_names_the_draft(page):
    page.goto(page.base + "personvern/")
    text = page.locator("article").inner_text()
    assert "ks-skjema-utkast" in text and "Slett utkastet" in text and "bare på denne enheten" in text


def test_dates_are_typed_as_people_write_them_and_kept_as_iso(page):
    open_form(page)
    load_text(page, GOOD)
    assert page.locator("#ks-f-deltakelse-0-dato").input_value() == "15.01.2025"
    page.fill("#ks-f-deltakelse-0-dato", "31.02.2025")
    submit(page)
    assert form_errors(page) == {("deltakelse[1].dato", "fant «31.02.2025», en dato som ikke finnes; sjekk dag og måned")}
    page.fill("#ks-f-deltakelse-0-dato", "1.2.2025")
    submit(page)
    assert "dato: 2025-02-01" in result_yaml(page)


def test_carried_over_rows_left_empty_are_dropped_with_a_note(page):
    """From «Hvor står vi?»: a criterion and sectors come along; left without evidence and roles,
    they are not in the file and nothing is required because of them."""
    open_form(page, "?kommune=4614&kriterium=vaer-nysgjerrig&sektor=skole")
    assert page.locator("#ks-f-suksesskriterier-0-id-vaer-nysgjerrig").is_checked()
    page.check("#ks-f-program-egen-utvikling")
    page.check("#ks-f-deltakelse-0-status-aktiv")
    page.fill("#ks-f-deltakelse-0-dato", "15.01.2025")
    submit(page)
    result = page.locator(".ks-resultat")
    assert result.is_visible(), page.locator(".ks-feiloppsummering").inner_text()
    text = result.inner_text()
    assert "er ikke fylt ut, og er derfor ikke med i filen" in text
    assert "Belegg for et suksesskriterium 1 (Vær nysgjerrig)" in text and "Medlem av kommunegruppa 2 (Skole)" in text
    yaml = result_yaml(page)
    assert "suksesskriterier" not in yaml.split("## Linjer")[-1].replace("## suksesskriterier", "")
    assert "\nkommunegruppe:" not in yaml


def test_send_to_the_editors_puts_the_file_in_the_email_when_it_fits(page, cat):
    with_editors(page, cat, {"epost": TEST_ADDRESS, "skjema": None})
    open_form(page)
    load_text(page, GOOD)
    submit(page)
    link = page.get_by_role("link", name="Send til redaksjonen")
    href = link.get_attribute("href")
    url = urlparse(href)
    assert url.scheme == "mailto" and url.path == TEST_ADDRESS
    query = parse_qs(url.query)
    assert query["subject"] == ["Kommunecase: Stord (stord.yml)"]
    body = query["body"][0].replace("\r\n", "\n")
    assert len(body) <= 2000
    in_mail, _ = parse(body.split("(uten forklaringene).\n\n", 1)[1], "stord.yml")
    in_file, _ = parse(result_yaml(page), "stord.yml")
    assert in_mail.data == in_file.data  # the same data as the downloaded file
    assert page.locator("#ks-vedlegg").count() == 0
    assert TEST_ADDRESS in page.locator(".ks-resultat").inner_text()
    assert page.locator("#ks-etterpa").inner_text() == ("Filen står i selve e-posten, så du trenger ikke legge den ved. "
                                                       "Redaksjonen kontrollerer casen før den kommer på nettstedet.")


def test_send_to_the_editors_says_to_attach_a_long_file_by_name(page, cat):
    with_editors(page, cat, {"epost": TEST_ADDRESS, "skjema": "https://example.org/innsending"})
    open_form(page)
    long = GOOD + "erfaringer:\n  dette_fungerte:\n" + "".join(f"    - Erfaring nummer {i} med litt tekst.\n" for i in range(60))
    load_text(page, long)
    submit(page)
    assert len(result_yaml(page)) > 3000
    assert "legg ved stord.yml" in page.locator("#ks-vedlegg").inner_text().replace("\n", " ").lower()
    body = unquote(page.get_by_role("link", name="Send til redaksjonen").get_attribute("href"))
    assert "kommunegruppe:" not in body and "Filen stord.yml er lagt ved" in body.replace("\r\n", "\n")
    assert page.locator("#ks-send-skjema").get_attribute("href") == "https://example.org/innsending"


def test_without_any_channel_the_page_says_what_to_do_and_promises_nothing(page):
    """The test site has no repository and data/redaksjon.yml has no address (as committed)."""
    open_form(page)
    intro = page.locator("article").inner_text()
    assert "GitHub" not in intro.split("Fortsett med en fil")[0]
    load_text(page, GOOD)
    submit(page)
    result = page.locator(".ks-resultat")
    assert page.locator("#ks-ingen-kanal").is_visible()
    assert "tar ikke imot filer på nett ennå" in page.locator("#ks-ingen-kanal").inner_text()
    assert page.get_by_role("link", name="Send til redaksjonen").count() == 0
    assert "github" not in result.inner_html().lower() and "mailto:" not in result.inner_html()


def test_copy_button_works_on_a_phone(browser, base_url):
    ctx = browser.new_context(locale="nb-NO", permissions=["clipboard-read", "clipboard-write"], **MOBILE)
    try:
        page = ctx.new_page()
        page.base = base_url
        open_form(page)
        load_text(page, GOOD)
        submit(page)
        page.get_by_role("button", name="Kopier innholdet").tap()
        page.wait_for_function("() => document.querySelector('.ks-skjema [role=status]').textContent.includes('kopiert')")
        assert page.evaluate("navigator.clipboard.readText()") == result_yaml(page)
        assert page.locator("#ks-kopiert").is_visible()  # on the screen, not only read aloud
        assert page.locator("#ks-kopiert").inner_text().startswith("Innholdet i filen er kopiert.")
    finally:
        ctx.close()


@pytest.mark.parametrize("fragment", ["__proto__.toString=x", "constructor.prototype.toString=x",
                                      "__proto__=x", "navn.__proto__=x", "prototype=1"])
def test_a_crafted_fragment_changes_nothing_but_fields(page, fragment):
    page.goto(page.base + FORM + "#" + fragment + "&fremtidsbilde.slik_vil_vi_fremsta=Synlig")
    page.locator("#ks-f-navn").wait_for()
    assert page.evaluate("() => typeof Object.prototype.toString === 'function' && ({}).x === undefined")
    assert page.evaluate("() => Object.getOwnPropertyNames(Object.prototype).every(n => typeof n === 'string')")
    assert page.locator("#ks-f-fremtidsbilde-slik_vil_vi_fremsta").input_value() == "Synlig"
    submit(page)  # «Kontroller og lag fil» works: the summary lists what is missing
    assert page.locator(".ks-feiloppsummering").is_visible()
    assert "toString" not in page.locator(".ks-feiloppsummering").inner_text()


def test_a_ready_file_goes_away_when_a_row_is_removed_added_or_moved(page):
    for act in ("#ks-f-kommunegruppe-3-fjern", "#ks-f-kommunegruppe-legg-til"):
        open_form(page)
        load_text(page, GOOD)
        submit(page)
        assert page.locator(".ks-resultat").is_visible()
        page.click(act)
        assert page.locator(".ks-resultat").is_hidden(), act  # the file no longer matches the form


def test_starting_afresh_can_be_undone(page):
    open_form(page)
    load_text(page, GOOD)
    page.wait_for_function("() => (localStorage.getItem('ks-skjema-utkast') || '').includes('Stord')")
    page.get_by_role("button", name="Begynn på nytt med et tomt skjema").click()
    assert page.locator("#ks-f-navn").input_value() == ""
    assert "Utkastet er slettet, og skjemaet er tomt." in page.locator("#ks-utkast").inner_text()
    page.get_by_role("button", name="Angre").click()
    assert page.locator("#ks-f-navn").input_value() == "Stord"
