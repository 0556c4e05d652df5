"""Status that is true (issue 21.1): after a programme has ended, a case whose newest dated entry is
from before the end shows «Status etter piloten er ikke kjent», never «Aktiv»; the home page, the
programme page, the explorer, the exports and the feed count the same."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import Counter

import feedparser
import pytest

from macros.core.model import Deltakelse, Kommunecase, Program
from macros.core.status import UNKNOWN, programme_end, shown_status

from .conftest import read
from .test_site import article

PILOT = Program(id="kulturskole-3-0", tittel="Piloten", kort="k", beskrivelse="b", fra=2021, til=2022, eier="KS",
                statuser=["valgt", "aktiv", "fullfort", "trukket"])
ONGOING = Program(id="regionale-utviklingsprogram", tittel="Regionale utviklingsprogram", kort="k", beskrivelse="b",
                  fra=2024, eier="KS", statuser=["sokt", "aktiv", "fullfort", "trukket"])


def case(*history, program="kulturskole-3-0") -> Kommunecase:
    return Kommunecase(navn="Bodø", kommunenummer="1804", program=program, oppdatert=dt.date(2026, 12, 1),
                       deltakelse=[Deltakelse(status=s, dato=d, merknad=None if d else "ikke kjent") for s, d in history])


def test_an_undated_active_status_after_the_pilot_is_not_shown_as_today_s():
    shown = shown_status(case(("valgt", dt.date(2021, 4, 22)), ("aktiv", None)), PILOT)
    assert (shown.kode, shown.utledet, shown.sist_kjente, shown.sist_dato) == (UNKNOWN, True, "aktiv", dt.date(2021, 4, 22))
    assert shown.sentence() == "Status etter piloten er ikke kjent"
    assert shown.sentence("nn") == "Status etter piloten er ikkje kjend"
    assert shown.label() == "Ikke kjent etter programslutt"


@pytest.mark.parametrize("history, expected", [
    ([("valgt", dt.date(2021, 4, 22)), ("fullfort", dt.date(2023, 1, 26))], "fullfort"),  # final, dated after
    ([("valgt", dt.date(2021, 4, 22)), ("trukket", None)], "trukket"),  # final: nothing more expected
    ([("valgt", dt.date(2021, 4, 22)), ("aktiv", dt.date(2023, 2, 1))], "aktiv"),  # a source dated after the end
    ([("valgt", dt.date(2021, 4, 22)), ("aktiv", dt.date(2022, 12, 31))], "aktiv"),  # on the last day: not before
    ([("valgt", dt.date(2021, 4, 22)), ("aktiv", dt.date(2022, 12, 30))], UNKNOWN),  # a day before the end
    ([("aktiv", None)], UNKNOWN),  # nothing dated at all
])
def test_the_pilot_s_statuses(history, expected):
    assert shown_status(case(*history), PILOT).kode == expected


def test_a_programme_that_is_still_running_keeps_its_status():
    shown = shown_status(case(("sokt", dt.date(2024, 5, 10)), ("aktiv", None), program=ONGOING.id), ONGOING)
    assert (shown.kode, shown.utledet) == ("aktiv", False)
    assert programme_end(ONGOING) is None and programme_end(PILOT) == dt.date(2022, 12, 31)


# --- the real data, everywhere ------------------------------------------------------------------


def expected_counts(cat) -> Counter:
    return Counter(shown_status(c.record, cat.program_of(c)).kode for c in cat.cases)


def test_no_pilot_case_shows_aktiv_and_the_completed_are_those_a_source_names(cat, real_site):
    for c in cat.cases:
        page = article(real_site, f"kommuner/{c.slug}")
        status = re.search(r"Status (.+?) Sist oppdatert", page.text)
        assert status, c.slug
        assert not status.group(1).startswith("Aktiv"), f"{c.slug} viser «Aktiv» som status i dag"
    completed = {c.slug for c in cat.cases if shown_status(c.record, cat.program_of(c)).kode == "fullfort"}
    assert completed == {"asker", "malselv", "sunnfjord"}
    for slug in completed:  # each named by a source that says so, on the dated entry
        c = next(x for x in cat.cases if x.slug == slug)
        assert c.record.deltakelse[-1].dato == dt.date(2023, 1, 26)
        assert any("samarbeidet-om-fremtidens-kulturskole-oppsummert" in k.url for k in c.record.kilder)
    bodo = article(real_site, "kommuner/bodo").text
    assert ("Status Status etter piloten er ikke kjent. Sist kjente status: Aktiv (sist daterte opplysning: "
            "22. april 2021 ).") in bodo


def test_home_programme_explorer_exports_and_feed_count_the_same(cat, real_site):
    want = expected_counts(cat)
    assert want == Counter({UNKNOWN: 12, "fullfort": 3, "trukket": 1})
    home = article(real_site, "").text
    assert "Casene fra piloten her, etter det kildene sier: 3 fullført , 1 ikke lenger med og 12 ikke kjent etter " \
           "programslutt ." in home
    program = article(real_site, "program/kulturskole-3-0").text
    assert "3 fullført , 1 ikke lenger med og 12 ikke kjent etter programslutt" in program
    explorer = read(real_site, "utforsk")
    assert Counter(re.findall(r'data-status="([^"]+)"', explorer)) == want
    for kode, n in want.items():
        assert re.search(rf'id="utforsk-status-{kode}"[^>]*><label[^>]*>[^<]*<span[^>]*>\({n}\)', explorer), kode
    data = json.loads((real_site / "data" / "kommuner.json").read_text(encoding="utf-8"))["kommuner"]
    assert Counter(k["status"] for k in data) == want
    assert all(k["status_utledet"] is (k["status"] == UNKNOWN) for k in data)
    assert {k["sist_kjente_status"] for k in data if k["status_utledet"]} == {"aktiv"}
    rows = list(csv.DictReader(io.StringIO((real_site / "data" / "kommuner.csv").read_text(encoding="utf-8"))))
    assert Counter(r["status"] for r in rows) == want
    assert {r["status_utledet"] for r in rows} == {"true", "false"}
    geo = json.loads((real_site / "data" / "deltakere.geojson").read_text(encoding="utf-8"))["features"]
    assert Counter(f["properties"]["status"] for f in geo) == want
    feed = feedparser.parse((real_site / "feed.xml").read_bytes())
    said = Counter("ikke kjent" if "Status: Status etter piloten er ikke kjent (sist kjente status: Aktiv)." in e.summary
                   else "fullført" if "Status: Fullført." in e.summary
                   else "trukket" if "Status: Ikke lenger med." in e.summary else "annet" for e in feed.entries)
    assert said == Counter({"ikke kjent": 12, "fullført": 3, "trukket": 1})


def test_the_data_page_explains_the_inferred_status(real_site):
    text = article(real_site, "data").text
    assert "status_utledet" in text and "sist_kjente_status" in text
