"""The Stord walk (issue 18, «Done when»), on a 390 px phone, by touch, in Chromium.

A culture-school head outside the pilot: the home page's «Kom i gang» → «Hvor står vi?» with Stord and
a focus area → «Vis resultatet» → the results with reasons → the case form with the choices → a group
of five with a voluntary organisation, an impossible date and an end before the start, each fixed after
one clear message → the municipality's own account as source → download → «Send til redaksjonen» (a
test address in data/redaksjon.yml) → `kulturskole sjekk` accepts the file → a build shows the case
on its county page, in the explorer and in the exports, with the kind of its source.
"""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from urllib.parse import parse_qs, urlparse

import pytest

from macros.core.catalog import validate

from ..conftest import ROOT, build, make_project, read
from .conftest import QuietHandler, foreign_requests
from .test_form import MOBILE, form_errors, result_yaml

pytestmark = pytest.mark.browser
TEST_ADDRESS = "redaksjonen@example.org"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The real data with the publisher's editors' address filled in (a test address)."""
    data = tmp_path_factory.mktemp("stord-data") / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copy(ROOT / "tests" / "fixtures" / "skjema" / "redaksjon.yml", data / "redaksjon.yml")
    site = build(make_project(tmp_path_factory.mktemp("stord-side"), data))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield data, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def errors_after_submit(page) -> set:
    page.get_by_role("button", name="Kontroller og lag fil").tap()
    page.locator(".ks-feiloppsummering:not([hidden]), .ks-resultat:not([hidden])").first.wait_for()
    return form_errors(page) if page.locator(".ks-feiloppsummering").is_visible() else set()


def test_the_stord_walk_on_a_phone(browser, published, tmp_path):
    data, base = published
    ctx = browser.new_context(locale="nb-NO", accept_downloads=True, **MOBILE)
    try:
        page = ctx.new_page()
        page.requested = []
        page.on("request", lambda r: page.requested.append(r.url))
        page.goto(base)
        page.get_by_role("link", name="Kom i gang i egen kommune").tap()
        page.wait_for_function("() => document.querySelector('[data-ks-hvor-klar]') !== null")

        # «Hvor står vi?»: Stord, a focus area, a voluntary organisation as partner and sector.
        field = page.get_by_label("Kommune", exact=True)
        field.fill("Stord")
        field.press("Enter")
        page.get_by_label("Kulturskolens plass i et helhetlig oppvekstilbud").check()
        page.locator("#hvor-sektor-frivillighet").check()
        page.locator("#hvor-partner-frivillighet").check()
        page.get_by_role("button", name="Vis resultatet").tap()
        assert page.evaluate("document.activeElement.id") == "hvor-caser"
        first = page.locator("[data-ks-hvor-caser] > li").first
        assert "Samme fokusområde: Kulturskolens plass i et helhetlig oppvekstilbud" in first.inner_text()
        page.get_by_role("link", name="Lag en kommunecase i skjemaet med valgene deres").tap()

        # The form, with the choices taken along.
        page.locator("#ks-f-navn").wait_for()
        assert page.locator("#ks-f-navn").input_value() == "Stord"
        assert page.locator("#ks-f-kommunenummer").input_value() == "4614"
        page.locator("#ks-f-program-egen-utvikling").check()
        page.locator("#ks-f-deltakelse-0-status-aktiv").check()
        page.locator("#ks-f-deltakelse-0-dato").fill("31.02.2025")  # a day that does not exist
        page.locator("#ks-f-deltakelse-legg-til").tap()
        page.locator("#ks-f-deltakelse-1-status-avsluttet").check()
        page.locator("#ks-f-deltakelse-1-dato").fill("01.06.2024")  # the end, before the start
        page.locator("#ks-f-utviklingsprosjekt-tittel").fill("Kulturskolen i oppveksten")
        page.locator("#ks-f-utviklingsprosjekt-sammendrag").fill("Kulturskolen, skolene og frivilligheten sammen.")
        # A group of five: the two carried over (culture school, voluntary sector) and three more.
        page.locator("#ks-f-kommunegruppe-0-rolle").fill("kulturskolerektor")
        page.locator("#ks-f-kommunegruppe-1-rolle").fill("leder i frivilligsentralen")
        for i, (rolle, sektor) in enumerate([("rektor på en barneskole", "skole"),
                                             ("kommunalsjef for oppvekst", "kommuneledelse"),
                                             ("helsesykepleier", "helse")], start=2):
            page.locator("#ks-f-kommunegruppe-legg-til").tap()
            page.locator(f"#ks-f-kommunegruppe-{i}-rolle").fill(rolle)
            page.locator(f"#ks-f-kommunegruppe-{i}-sektor").select_option(sektor)
        page.locator("#ks-f-partnere-0-navn").fill("Stord musikklag")

        # One clear message at a time, each fixed.
        assert errors_after_submit(page) == {
            ("deltakelse[1].dato", "fant «31.02.2025», en dato som ikke finnes; sjekk dag og måned"),
            ("kilder", "siden sier noe om kommunens arbeid (utviklingsprosjekt, fokusområde, partnere, kommunegruppe), "
                       "men har ingen kilder; legg til en kilde: en offentlig side med lenke (https://), eller kommunens "
                       "egen beretning med rolle og dato; eller ta bort opplysningene som ikke har kilde")}
        page.locator("#ks-f-deltakelse-0-dato").fill("15.08.2025")
        page.locator("#ks-f-kilder-legg-til").tap()
        page.locator("#ks-f-kilder-0-type-kommunen").check()  # no public page yet: the municipality's own account
        page.locator("#ks-f-kilder-0-tittel").fill("Kulturskolens egen beretning i skjemaet")
        page.locator("#ks-f-kilder-0-rolle").fill("kulturskolerektor")
        page.locator("#ks-f-kilder-0-dato").fill("01.12.2026")
        assert page.locator("#ks-f-kilder-0-url").count() == 0  # no web address asked for
        assert errors_after_submit(page) == {
            ("deltakelse[2].dato", "fant «01.06.2024», som er før datoen over (15.08.2025); er datoen feil, rett den, "
                                   "og skriv ellers historikken med eldste først")}
        page.locator("#ks-f-deltakelse-1-dato").fill("01.06.2026")
        assert errors_after_submit(page) == set()

        # Download, then «Send til redaksjonen».
        with page.expect_download() as info:
            page.get_by_role("link", name="Last ned stord.yml").tap()
        target = data / "kommuner" / "stord.yml"
        info.value.save_as(target)
        mail = urlparse(page.get_by_role("link", name="Send til redaksjonen").get_attribute("href"))
        assert (mail.scheme, mail.path) == ("mailto", TEST_ADDRESS)
        assert parse_qs(mail.query)["subject"] == ["Kommunecase: Stord (stord.yml)"]
        assert target.read_text(encoding="utf-8") == result_yaml(page)
        assert foreign_requests(page, base) == []
    finally:
        ctx.close()

    try:
        catalog, problems = validate(data)
        assert [str(p) for p in problems] == []
        case = next(c for c in catalog.cases if c.slug == "stord")
        assert [m.sektor for m in case.record.kommunegruppe] == ["kulturskole", "frivillighet", "skole",
                                                                 "kommuneledelse", "helse"]
        project = tmp_path / "prosjekt"
        project.mkdir()
        site = build(make_project(project, data))
        assert "kommuner/stord/" in read(site, "fylker/vestland")
        assert "Stord" in read(site, "utforsk")
        exported = json.loads((site / "data" / "kommuner.json").read_text(encoding="utf-8"))
        stord = next(k for k in exported["kommuner"] if k["kommunenummer"] == "4614")
        assert stord["kilder"] == [{"type": "kommunen", "tittel": "Kulturskolens egen beretning i skjemaet",
                                    "rolle": "kulturskolerektor", "dato": "2026-12-01"}]
        assert "Stord" in (site / "data" / "kommuner.csv").read_text(encoding="utf-8")
        page_text = read(site, "kommuner/stord")
        assert "kommunens egen beretning, kulturskolerektor, 1. desember 2026" in page_text
    finally:
        (data / "kommuner" / "stord.yml").unlink(missing_ok=True)
