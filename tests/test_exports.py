"""Feed, calendar and open data: parsed with real parsers, counts checked against the data files."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path
from textwrap import dedent

import feedparser
import icalendar
import pytest
import yaml

from macros.core.catalog import validate
from macros.site.calendar import ics_escape, ics_fold, samlinger_ics
from macros.site.exports import CSV_COLUMNS, atom_feed, kontakt
from macros.core.model import Kommunecase, Kontakt
from macros.core.schema import data_ids_from, schemas

from .conftest import FIXTURE_DATA, ROOT, read
from .test_site import article

TAG = "tag:kulturskoleradet.no,2021:kulturskole-3-0/"


def published(data_dir: Path) -> dict[str, dict]:
    """slug -> raw YAML of every case that is not an example, read without the site's own code."""
    out = {}
    for path in sorted((data_dir / "kommuner").glob("*.yml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        if raw.get("eksempel") is not True:
            out[path.stem] = raw
    return out


def samlinger(data_dir: Path) -> list[dict]:
    return [s for s in yaml.safe_load((data_dir / "samlinger.yml").read_text(encoding="utf-8"))
            if s.get("eksempel") is not True]


def every_export(site: Path) -> dict[str, str]:
    paths = ["data/kommuner.json", "data/kommuner.csv", "data/deltakere.geojson", "feed.xml", "samlinger.ics"]
    return {p: (site / p).read_text(encoding="utf-8") for p in paths}


@pytest.fixture
def catalog(tmp_path):
    d = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, d)
    shutil.copy(ROOT / "data" / "kommuneregister.yml", d / "kommuneregister.yml")
    cat, problems = validate(d)
    assert problems == []
    return cat


# --- Atom feed ---------------------------------------------------------------------------------


def test_feed_parses_newest_first_with_tag_ids_and_links_relative_to_the_feed(fixture_site):
    raw = (fixture_site / "feed.xml").read_bytes()
    # Served under a sub-path: relative links resolve against the feed's own address.
    feed = feedparser.parse(raw, response_headers={
        "content-location": "https://eksempel.no/kultur/feed.xml", "content-type": "application/atom+xml"})
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Kulturskole 3.0 – kommuner og oppdateringer"
    assert feed.feed.id == TAG + "feed"
    assert feed.feed.updated == "2026-11-01T00:00:00Z"
    # Bodø has two cases: each its own entry, titled with its programme.
    assert [e.title for e in feed.entries] == ["Sunnfjord", "Bodø – Piloten",
                                               "Bodø – Regionale utviklingsprogram", "Alta"]
    assert [e.id for e in feed.entries] == [TAG + "kommuner/sunnfjord", TAG + "kommuner/bodo",
                                            TAG + "kommuner/bodo-regionale-utviklingsprogram", TAG + "kommuner/alta"]
    assert [e.link for e in feed.entries][:2] == ["https://eksempel.no/kultur/kommuner/sunnfjord/",
                                                  "https://eksempel.no/kultur/kommuner/bodo/"]
    assert [e.updated for e in feed.entries] == ["2026-11-01T00:00:00Z", "2026-10-01T00:00:00Z",
                                                 "2026-09-15T00:00:00Z", "2026-09-01T00:00:00Z"]
    sunnfjord = feed.entries[0]
    assert sunnfjord.summary == ("Sunnfjord kommune i Vestland. Program: Piloten. Status: Fullført. "
                                 "Fokusområde: Kulturskolens plass i et helhetlig oppvekstilbud. Utviklingsprosjekt: "
                                 "Testprosjekt i Sunnfjord. Sist oppdatert 1. november 2026.")
    assert {t.label for t in sunnfjord.tags} == {"Vestland", "Piloten",
                                                 "Kulturskolens plass i et helhetlig oppvekstilbud"}
    regional = feed.entries[2]
    assert [(t.term, t.label) for t in regional.tags] == [
        ("fylke-18", "Nordland"), ("program-regionale-utviklingsprogram", "Regionale utviklingsprogram")]
    assert regional.summary.startswith("Bodø kommune i Nordland. Program: Regionale utviklingsprogram. Status: Aktiv.")
    assert b"Eksempelkommune" not in raw


def test_feed_links_are_absolute_when_the_site_url_is_known(catalog):
    feed = feedparser.parse(atom_feed(catalog, site_url="https://eksempel.no/kultur"))
    assert feed.bozo == 0
    assert [e.link for e in feed.entries][:2] == ["https://eksempel.no/kultur/kommuner/sunnfjord/",
                                                  "https://eksempel.no/kultur/kommuner/bodo/"]
    assert [lk.href for lk in feed.feed.links if lk.rel == "self"] == ["https://eksempel.no/kultur/feed.xml"]
    # The ids do not depend on where the site is served.
    assert [e.id for e in feed.entries][:2] == [TAG + "kommuner/sunnfjord", TAG + "kommuner/bodo"]


def test_feed_escapes_markup_in_values(tmp_path):
    d = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, d)
    shutil.copy(ROOT / "data" / "kommuneregister.yml", d / "kommuneregister.yml")
    text = (d / "kommuner" / "sunnfjord.yml").read_text(encoding="utf-8")
    (d / "kommuner" / "sunnfjord.yml").write_text(
        text.replace("tittel: Testprosjekt i Sunnfjord", "tittel: Test & «prosjekt» \"A\" 'B'"), encoding="utf-8")
    cat, problems = validate(d)
    assert problems == []
    feed = feedparser.parse(atom_feed(cat))
    assert feed.bozo == 0
    assert "Utviklingsprosjekt: Test & «prosjekt» \"A\" 'B'." in feed.entries[0].summary


def test_real_feed_has_every_published_case_once_newest_first(real_site):
    cases = published(ROOT / "data")
    feed = feedparser.parse((real_site / "feed.xml").read_bytes())
    assert feed.bozo == 0
    assert sorted(e.id for e in feed.entries) == sorted(TAG + f"kommuner/{slug}" for slug in cases)
    assert [e.link for e in feed.entries] == [f"kommuner/{e.id.rsplit('/', 1)[1]}/" for e in feed.entries]
    dates = [e.updated for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    assert {e.updated[:10] for e in feed.entries} == {str(c["oppdatert"]) for c in cases.values()}
    assert "Eksempelkommune" not in (real_site / "feed.xml").read_text(encoding="utf-8")


def test_every_page_head_points_to_the_feed_relatively(real_site):
    link = '<link rel="alternate" type="application/atom+xml" title="Kulturskole 3.0 – kommuner og oppdateringer"'
    assert f'{link} href="feed.xml">' in read(real_site, "")
    assert f'{link} href="../../feed.xml">' in read(real_site, "kommuner/bodo")


# --- iCalendar ---------------------------------------------------------------------------------


def test_calendar_parses_with_stable_uids_and_date_precision(fixture_site):
    raw = (fixture_site / "samlinger.ics").read_bytes()
    cal = icalendar.Calendar.from_ical(raw)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == "-//Kulturskole 3.0//Samlinger//NB"
    events = cal.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [
        "kulturskole-3-0-samling-test-milepael@kulturskoleradet.no",
        "kulturskole-3-0-samling-test-samling-vestland@kulturskoleradet.no",
    ]
    halvar, dag = events
    # Known only to the half-year: an all-day event spanning the autumn, not a single day.
    assert halvar.decoded("DTSTART") == dt.date(2021, 8, 1)
    assert halvar.decoded("DTEND") == dt.date(2022, 1, 1)
    assert str(halvar["SUMMARY"]) == "Testmilepæl"
    assert str(halvar["DESCRIPTION"]) == ("Datoen er bare kjent til halvår (høsten 2021); hendelsen dekker hele "
                                          "perioden.")
    assert str(halvar["TRANSP"]) == "TRANSPARENT"
    assert dag.decoded("DTSTART") == dt.date(2022, 3, 15)
    assert dag.decoded("DTEND") == dt.date(2022, 3, 16)
    assert str(dag["LOCATION"]) == "Førde"
    assert str(dag["CATEGORIES"].cats[0]) == "Regional arena"
    assert str(dag["DESCRIPTION"]) == "Kommuner: Sunnfjord."
    assert dag.decoded("DTSTAMP") == dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)


def test_calendar_line_endings_folding_and_escaping(tmp_path):
    d = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, d)
    shutil.copy(ROOT / "data" / "kommuneregister.yml", d / "kommuneregister.yml")
    tricky = dedent("""\
        - id: vanskelig-tekst
          type: lokal-samling
          tittel: Samling med komma, semikolon; skråstrek \\ og «æøå» – gjentatt æøå æøå æøå æøå æøå æøå æøå
          dato: 2022-12-01
          presisjon: maned
          sted: Kulturhuset, sal 2; Førde
          beskrivelse: |
            Første linje, med komma; og semikolon.

            Andre avsnitt med \\ skråstrek.
        """)
    with (d / "samlinger.yml").open("a", encoding="utf-8") as f:
        f.write(tricky)
    cat, problems = validate(d)
    assert problems == []
    text = samlinger_ics(cat)
    raw = text.encode("utf-8")
    # CRLF everywhere, no bare LF or CR; no physical line over 75 octets.
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"") and b"\r" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # something was folded
    for line in lines:
        line.decode("utf-8")  # folding never splits a character
    event = next(e for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")
                 if str(e["UID"]) == "kulturskole-3-0-samling-vanskelig-tekst@kulturskoleradet.no")
    assert str(event["SUMMARY"]) == ("Samling med komma, semikolon; skråstrek \\ og «æøå» – gjentatt æøå æøå æøå "
                                     "æøå æøå æøå æøå")
    assert str(event["LOCATION"]) == "Kulturhuset, sal 2; Førde"
    assert str(event["DESCRIPTION"]) == ("Første linje, med komma; og semikolon.\n\nAndre avsnitt med \\ skråstrek."
                                         "\n\nDatoen er bare kjent til måned (desember 2022); hendelsen dekker hele "
                                         "måneden.")
    assert event.decoded("DTSTART") == dt.date(2022, 12, 1)
    assert event.decoded("DTEND") == dt.date(2023, 1, 1)


def test_escape_and_fold_units():
    assert ics_escape('a,b;c\\d\ne\r\nf') == "a\\,b\\;c\\\\d\\ne\\nf"
    folded = ics_fold("X:" + "ø" * 100)
    parts = folded.encode("utf-8").split(b"\r\n")
    assert [len(p) for p in parts] == [74, 75, 55]
    assert all(p.startswith(b" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(folded.split("\r\n"))) == "X:" + "ø" * 100


def test_real_calendar_has_every_gathering_once(real_site):
    expected = samlinger(ROOT / "data")
    cal = icalendar.Calendar.from_ical((real_site / "samlinger.ics").read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) == len(expected)
    uids = [str(e["UID"]) for e in events]
    assert sorted(uids) == sorted(f"kulturskole-3-0-samling-{s['id']}@kulturskoleradet.no" for s in expected)
    by_uid = {str(e["UID"]): e for e in events}
    avslutning = by_uid["kulturskole-3-0-samling-erfaringsdeling-2023@kulturskoleradet.no"]
    assert avslutning.decoded("DTSTART") == dt.date(2023, 1, 26)
    assert str(avslutning["LOCATION"]) == "Deichman Bjørvika, Oslo"
    verksted = by_uid["kulturskole-3-0-samling-verksted-for-pamelding-2021@kulturskoleradet.no"]
    assert (verksted.decoded("DTSTART"), verksted.decoded("DTEND")) == (dt.date(2021, 2, 1), dt.date(2021, 3, 1))


# --- JSON, CSV, GeoJSON -------------------------------------------------------------------------


def test_json_has_each_published_case_once_and_respects_consent(fixture_site):
    data = json.loads((fixture_site / "data" / "kommuner.json").read_text(encoding="utf-8"))
    assert data["lisens"] == "CC BY 4.0"
    assert data["antall"] == 4
    assert [k["id"] for k in data["kommuner"]] == ["alta", "bodo", "bodo-regionale-utviklingsprogram", "sunnfjord"]
    alta, bodo, regional, sunnfjord = data["kommuner"]
    assert [(k["program"], k["program_tittel"], k["status"]) for k in (alta, bodo, regional)] == [
        ("egen-utvikling", "Egen utvikling", "planlagt"), ("kulturskole-3-0", "Piloten", "ikke-kjent"),
        ("regionale-utviklingsprogram", "Regionale utviklingsprogram", "aktiv")]
    assert regional["side"] == "../kommuner/bodo-regionale-utviklingsprogram/"
    assert bodo["kontakt"] == {"rolle": "kulturskolerektor", "navn": None, "epost": None}
    assert sunnfjord["kontakt"] == {"rolle": "kulturskulerektor", "navn": "Test Testesen", "epost": "test@example.org"}
    assert sunnfjord["fylke"] == "Vestland" and sunnfjord["fylkesnummer"] == "46"
    assert sunnfjord["status"] == "fullfort"
    assert sunnfjord["fokusomrade"] == "helhetlig-oppvekst"
    assert sunnfjord["fremtidsbilde"]["slik_vil_vi_fremsta"] == "Ope for alle."
    assert sunnfjord["kilder"] == [{"type": "offentlig", "tittel": "Testkjelde", "url": "https://example.org/kjelde"}]
    assert sunnfjord["side"] == "../kommuner/sunnfjord/"
    assert (fixture_site / "data" / sunnfjord["side"] / "index.html").exists()
    assert "eksempel" not in sunnfjord and "samtykke" not in json.dumps(data)
    # Keys are those of the case file plus the documented derived ones.
    derived = {"id", "kommunenummer_2020", "fylkesnummer", "fylke", "program_tittel", "status", "status_utledet",
               "sist_kjente_status", "sist_kjente_dato", "fokusomrade_tittel", "fortelling", "side"}
    assert list(sunnfjord)[:10] == ["id", "navn", "kommunenummer", "kommunenummer_2020", "fylkesnummer", "fylke",
                                    "sprak", "program", "program_tittel", "status"]
    assert set(sunnfjord) == (set(Kommunecase.model_fields) - {"eksempel"}) | derived


def test_csv_is_utf8_with_header_and_one_row_per_case(fixture_site):
    raw = (fixture_site / "data" / "kommuner.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [(r["id"], r["navn"], r["kommunenummer"], r["fylke"], r["program"], r["program_tittel"]) for r in rows] == [
        ("alta", "Alta", "5601", "Finnmark", "egen-utvikling", "Egen utvikling"),
        ("bodo", "Bodø", "1804", "Nordland", "kulturskole-3-0", "Piloten"),
        ("bodo-regionale-utviklingsprogram", "Bodø", "1804", "Nordland", "regionale-utviklingsprogram",
         "Regionale utviklingsprogram"),
        ("sunnfjord", "Sunnfjord", "4647", "Vestland", "kulturskole-3-0", "Piloten")]
    _, bodo, _, sunnfjord = rows
    assert (bodo["kontakt_rolle"], bodo["kontakt_navn"], bodo["kontakt_epost"]) == ("kulturskolerektor", "", "")
    assert (sunnfjord["kontakt_navn"], sunnfjord["kontakt_epost"]) == ("Test Testesen", "test@example.org")
    assert sunnfjord["suksesskriterier"] == "vaer-nysgjerrig; testkriterium-to"
    assert sunnfjord["partnere"] == "Testlaget"
    assert sunnfjord["oppdatert"] == "2026-11-01"


def test_geojson_points_come_from_the_register(fixture_site):
    register = yaml.safe_load((ROOT / "data" / "kommuneregister.yml").read_text(encoding="utf-8"))
    punkt = {k["nummer"]: k["punkt"] for k in register["kommuner"]}
    data = json.loads((fixture_site / "data" / "deltakere.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 4
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert 4 < lon < 32 and 57 < lat < 72  # longitude first, inside Norway
        assert [lon, lat] == punkt[feature["properties"]["kommunenummer"]]
    assert [(f["id"], f["properties"]["navn"], f["properties"]["program_tittel"]) for f in data["features"]] == [
        ("alta", "Alta", "Egen utvikling"), ("bodo", "Bodø", "Piloten"),
        ("bodo-regionale-utviklingsprogram", "Bodø", "Regionale utviklingsprogram"),
        ("sunnfjord", "Sunnfjord", "Piloten")]
    assert data["features"][3]["properties"]["fokusomrade"] == "helhetlig-oppvekst"
    assert data["features"][2]["properties"]["program"] == "regionale-utviklingsprogram"


def test_examples_never_appear_in_any_export(fixture_site):
    for name, text in every_export(fixture_site).items():
        assert "Eksempelkommune" not in text, name
        assert "9901" not in text, name
        assert "eksempelkommune" not in text, name


def test_kontakt_drops_name_and_email_without_consent():
    # `kulturskole sjekk` already refuses a name without consent; the export checks again on its own.
    unchecked = Kontakt.model_construct(rolle="rektor", navn="Ola", epost="ola@example.org", samtykke=False)
    case = Kommunecase.model_construct(kontakt=unchecked)
    assert kontakt(case) == {"rolle": "rektor", "navn": None, "epost": None}


def test_real_exports_match_the_data_files_exactly(real_site):
    cases = published(ROOT / "data")
    numbers = sorted(str(c["kommunenummer"]) for c in cases.values())
    assert len(numbers) == 16
    data = json.loads((real_site / "data" / "kommuner.json").read_text(encoding="utf-8"))
    assert data["antall"] == 16
    assert sorted(k["kommunenummer"] for k in data["kommuner"]) == numbers
    rows = list(csv.DictReader(io.StringIO((real_site / "data" / "kommuner.csv").read_text(encoding="utf-8"), newline="")))
    assert sorted(r["kommunenummer"] for r in rows) == numbers
    geo = json.loads((real_site / "data" / "deltakere.geojson").read_text(encoding="utf-8"))
    assert sorted(f["properties"]["kommunenummer"] for f in geo["features"]) == numbers
    for k in data["kommuner"]:
        raw = cases[k["id"]]
        assert k["navn"] == raw["navn"] and k["oppdatert"] == str(raw["oppdatert"])
        # The status shown today: the last one in the history, or «ikke-kjent» when the programme ended after
        # the newest date in it (core/status.py); the last one is kept beside it.
        assert k["sist_kjente_status"] == raw["deltakelse"][-1]["status"]
        dated = [d["dato"] for d in raw["deltakelse"] if d.get("dato")]
        ended_before = raw["program"] == "kulturskole-3-0" and (not dated or max(dated) < dt.date(2022, 12, 31))
        inferred = ended_before and raw["deltakelse"][-1]["status"] not in ("fullfort", "trukket")
        assert (k["status"], k["status_utledet"]) == (("ikke-kjent", True) if inferred else (k["sist_kjente_status"], False))
        consent = (raw.get("kontakt") or {}).get("samtykke") is True
        if not consent and k["kontakt"]:
            assert k["kontakt"]["navn"] is None and k["kontakt"]["epost"] is None
    for name, text in every_export(real_site).items():
        assert "Eksempelkommune" not in text and "9901" not in text, name


def test_schemas_are_published_as_json(real_site):
    published_schemas = schemas(data_ids_from(ROOT / "data"))
    assert published_schemas
    for name, schema in published_schemas.items():
        assert json.loads((real_site / "data" / "skjema" / name).read_text(encoding="utf-8")) == schema


def test_data_page_documents_licence_credit_fields_and_files(real_site):
    page = article(real_site, "data")
    text = page.text
    for expected in ["CC BY 4.0", "Kartverket", "NLOD", "Eksportene inneholder 16 caser", "program_tittel",
                     "Navn og e-postadresse er bare med når personen har samtykket", "fremtidsbilde",
                     "kontakt_epost", "hele måneden eller halvåret"]:
        assert expected in text, expected
    hrefs = dict(page.links)
    for name in ["kommuner.json", "kommuner.csv", "deltakere.geojson", "feed.xml", "samlinger.ics",
                 *sorted(schemas())]:
        href = hrefs[name]
        assert not href.startswith("/")
        assert (real_site / "data" / href).is_file(), href


def test_timeline_links_calendar_and_feed(real_site):
    links = dict((t, h) for t, h in article(real_site, "tidslinje").links)
    assert links["kalender (iCalendar)"] == "../samlinger.ics"
    assert links["nyhetsstrømmen (Atom)"] == "../feed.xml"
    assert re.search(r"Samlingene finnes også som kalender", article(real_site, "tidslinje").text)


def test_calendar_links_each_event_to_the_timeline_when_the_site_url_is_known(catalog):
    events = icalendar.Calendar.from_ical(samlinger_ics(catalog, site_url="https://eksempel.no/kultur")).walk("VEVENT")
    assert [str(e["URL"]) for e in events] == ["https://eksempel.no/kultur/tidslinje/#test-milepael",
                                               "https://eksempel.no/kultur/tidslinje/#test-samling-vestland"]
    # Without the site's address there is no absolute link to give (and these have no source).
    assert [e.get("URL") for e in icalendar.Calendar.from_ical(samlinger_ics(catalog)).walk("VEVENT")] == [None, None]
