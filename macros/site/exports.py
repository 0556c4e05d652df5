"""Open data, feed and calendar files (issue 4): /data/, /feed.xml, /samlinger.ics.

Pure functions: a Catalog in, GeneratedPage objects out (a src_uri that does not end in .md
becomes a static file). Every export is built from Catalog.cases and Catalog.samlinger, which
never hold examples, and contact names and e-mail addresses pass only through `kontakt()`,
which drops them without consent. Output is deterministic: no build time anywhere, so the same
data gives byte-identical files.

Decisions (also explained to readers on /data/):
- Atom ids are tag: URIs (RFC 4151) built from the page path, so they never change with the
  domain or sub-path the site is served from. Links are relative to the feed (which sits at the
  site root) unless the site URL is known, in which case they are absolute. Relative references
  are valid Atom (RFC 4287 §2, resolved against the feed's own address as base URI).
- Calendar: a gathering whose date is known only to the month or half-year (presisjon maned or
  halvar) is an all-day event spanning that whole period, marked transparent (not busy). A single
  day would claim a precision the data does not have.
"""
from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from ..core.catalog import Catalog
from ..core.load import Case
from ..core.model import SAMLINGSTYPE, STATUS, Kommunecase, Samling
from ..core.status import SHOWN, UNKNOWN, shown_status
from .formats import CSV_FORMULA_START, csv_cell, csv_document, xml_document, xml_text  # noqa: F401
from .render import dato, rel

# Authority and date for tag: URIs and calendar UIDs: Norsk kulturskoleråd's domain, which it
# held when the pilot began (the call links to it).
TAG_AUTHORITY = "kulturskoleradet.no,2021"
UID_DOMAIN = "kulturskoleradet.no"
ATOM = "http://www.w3.org/2005/Atom"
JSON_PATH, CSV_PATH, GEOJSON_PATH = "data/kommuner.json", "data/kommuner.csv", "data/deltakere.geojson"
FEED_PATH, ICS_PATH = "feed.xml", "samlinger.ics"
XML_NS = "http://www.w3.org/XML/1998/namespace"

LISENS = "CC BY 4.0"
LISENS_URL = "https://creativecommons.org/licenses/by/4.0/deed.no"
KREDITERING = "Kulturskole 3.0 – kunnskapsdeling (KS og Norsk kulturskoleråd), CC BY 4.0"

CSV_COLUMNS = {
    "id": "Kort id for casen (samme som i adressen til siden): kommunen, og programmet når kommunen har flere caser.",
    "navn": "Kommunens navn (2024).",
    "kommunenummer": "Kommunenummer fra 2024, fire siffer.",
    "kommunenummer_2020": "Kommunenummeret i pilotperioden (2020–2023) når det var et annet, ellers tomt.",
    "fylkesnummer": "Fylkesnummer fra 2024, to siffer.",
    "fylke": "Fylkets navn (2024).",
    "sprak": "Målform for teksten: nb (bokmål) eller nn (nynorsk).",
    "program": "Id-en til programmet casen hører til (se data/programmer.yml og /program/).",
    "program_tittel": "Navnet på programmet, f.eks. Piloten.",
    "status": "Statusen casen viser i dag: " + ", ".join(SHOWN) + f". «{UNKNOWN}» når programmet er avsluttet og "
              "historikkens siste dato er fra før slutten (da er statusen utledet, se status_utledet).",
    "status_utledet": "true når status er utledet av nettstedet (programmet er avsluttet, og ingen datert opplysning "
                      "er fra etter slutten), ellers false.",
    "sist_kjente_status": "Den siste statusen i historikken, slik kilden oppga den: " + ", ".join(STATUS) + ".",
    "sist_kjente_dato": "Den nyeste datoen i historikken (ÅÅÅÅ-MM-DD), eller tomt når ingen opplysning er datert.",
    "fokusomrade": "Id-en til fokusområdet, eller tomt når det ikke er oppgitt.",
    "fokusomrade_tittel": "Navnet på fokusområdet.",
    "utviklingsprosjekt": "Tittelen på utviklingsprosjektet, eller tomt.",
    "partnere": "Navnene på partnerne, skilt med semikolon.",
    "suksesskriterier": "Id-ene til suksesskriteriene kommunen viser, skilt med semikolon.",
    "resultater": "Hva som kom ut av arbeidet, og for hvem.",
    "ressursbruk": "Hva arbeidet krevde av tid, folk og penger.",
    "forutsetninger": "Hva som må være på plass for å gjøre det samme et annet sted.",
    "brukergrupper": "Hvem arbeidet er for (0-5, 6-12, 13-19, voksne, seniorer), skilt med semikolon.",
    "metoder": "Id-ene til metodene kommunen brukte (se /metoder/), skilt med semikolon.",
    "belegg": "Hva casen som helhet bygger på: egen-beskrivelse, oppsummering eller uavhengig-evaluering.",
    "kontakt_rolle": "Kontaktpersonens rolle.",
    "kontakt_navn": "Kontaktpersonens navn, bare med samtykke.",
    "kontakt_epost": "Kontaktpersonens e-post, bare med samtykke.",
    "oppdatert": "Dato casen sist ble oppdatert (ÅÅÅÅ-MM-DD).",
    "side": "Lenke til kommunens side på nettstedet, relativ til filen selv (f.eks. ../kommuner/bodo/).",
}

# Fields the exports add to the case file's own fields (JSON and GeoJSON).
DERIVED_FIELDS = {
    "id": CSV_COLUMNS["id"],
    "kommunenummer_2020": CSV_COLUMNS["kommunenummer_2020"],
    "fylkesnummer": CSV_COLUMNS["fylkesnummer"],
    "fylke": CSV_COLUMNS["fylke"],
    "program_tittel": CSV_COLUMNS["program_tittel"],
    "status": CSV_COLUMNS["status"],
    "status_utledet": CSV_COLUMNS["status_utledet"],
    "sist_kjente_status": CSV_COLUMNS["sist_kjente_status"],
    "sist_kjente_dato": CSV_COLUMNS["sist_kjente_dato"],
    "fokusomrade_tittel": CSV_COLUMNS["fokusomrade_tittel"],
    "fortelling": "Kommunens egen fortelling i Markdown, når den finnes.",
    "side": CSV_COLUMNS["side"],
}

GEOJSON_PROPERTIES = ["id", "navn", "kommunenummer", "fylkesnummer", "fylke", "program", "program_tittel", "status",
                      "status_utledet", "fokusomrade", "fokusomrade_tittel", "oppdatert", "side"]


# --- Shared helpers --------------------------------------------------------------------------


def site_link(url: str, site_url: str | None, here: str) -> str:
    """A site URL ('kommuner/bodo/') as written in the export file at `here` ('data/kommuner.json'):
    absolute when the site URL is known, otherwise relative to that file (so it works under any
    domain and sub-path, like the links in the pages)."""
    if site_url:
        return urljoin(site_url.rstrip("/") + "/", url)
    return rel(here, url)


def tag_uri(path: str) -> str:
    return f"tag:{TAG_AUTHORITY}:kulturskole-3-0/{path.strip('/')}"


def revision(cat: Catalog) -> dt.date:
    """The data's revision date: the newest «oppdatert» of any published case."""
    return max((c.record.oppdatert for c in cat.cases), default=dt.date(2021, 1, 1))


def kontakt(r: Kommunecase) -> dict | None:
    """The contact as published: the role always, name and e-mail only with consent."""
    k = r.kontakt
    if k is None:
        return None
    consent = k.samtykke is True
    return {"rolle": k.rolle, "navn": k.navn if consent else None, "epost": k.epost if consent else None}


def status_fields(r: Kommunecase, program) -> dict:
    """The status the case shows (core/status.py), and what it rests on."""
    shown = shown_status(r, program)
    return {"status": shown.kode, "status_utledet": shown.utledet, "sist_kjente_status": shown.sist_kjente,
            "sist_kjente_dato": shown.sist_dato.isoformat() if shown.sist_dato else None}


def case_record(case: Case, cat: Catalog, site_url: str | None = None, here: str = JSON_PATH) -> dict:
    """One published case as open data: the YAML's own keys plus a few derived ones."""
    from .pagebase import case_url

    r = case.record
    kommune = cat.reg.kommuner[r.kommunenummer]
    fylke = cat.reg.fylker[kommune.fylke]
    fokus = cat.fokus(r.fokusomrade)
    program = cat.program_of(case)
    own = r.model_dump(mode="json", exclude={"eksempel"})
    own["kontakt"] = kontakt(r)
    # Each source with the fields its kind has (a public one its address, the municipality's own
    # account its role and date).
    own["kilder"] = [{k: v for k, v in kilde.items() if v is not None} for kilde in own["kilder"]]
    # Derived keys sit next to the field they belong to; otherwise the case file's own order.
    after = {
        "kommunenummer": {"kommunenummer_2020": kommune.nummer_2020
                          if kommune.nummer_2020 not in (None, r.kommunenummer) else None,
                          "fylkesnummer": fylke.nummer, "fylke": fylke.navn},
        "program": {"program_tittel": program.tittel, **status_fields(r, program)},
        "fokusomrade": {"fokusomrade_tittel": fokus.tittel if fokus else None},
    }
    out = {"id": case.slug}
    for key, value in own.items():
        out[key] = value
        out.update(after.get(key, {}))
    out["fortelling"] = case.markdown
    out["side"] = site_link(case_url(case), site_url, here)
    return out


# --- JSON, CSV, GeoJSON ------------------------------------------------------------------------


def _meta(cat: Catalog) -> dict:
    return {"lisens": LISENS, "lisens_url": LISENS_URL, "kreditering": KREDITERING,
            "oppdatert": revision(cat).isoformat(), "antall": len(cat.cases)}


def kommuner_json(cat: Catalog, site_url: str | None = None) -> str:
    data = _meta(cat) | {"kommuner": [case_record(c, cat, site_url) for c in cat.cases]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def csv_row(case: Case, cat: Catalog, site_url: str | None = None) -> dict:
    rec = case_record(case, cat, site_url, CSV_PATH)
    r = case.record
    k = rec["kontakt"] or {}
    return {
        **{key: rec[key] for key in ("id", "navn", "kommunenummer", "kommunenummer_2020", "fylkesnummer", "fylke",
                                     "sprak", "program", "program_tittel", "status", "status_utledet",
                                     "sist_kjente_status", "sist_kjente_dato", "fokusomrade",
                                     "fokusomrade_tittel")},
        "utviklingsprosjekt": r.utviklingsprosjekt.tittel if r.utviklingsprosjekt else None,
        "partnere": "; ".join(p.navn for p in r.partnere),
        "suksesskriterier": "; ".join(s.id for s in r.suksesskriterier),
        **{key: rec[key] for key in ("resultater", "ressursbruk", "forutsetninger")},
        "brukergrupper": "; ".join(r.brukergrupper),
        "metoder": "; ".join(r.metoder),
        "belegg": r.belegg,
        "kontakt_rolle": k.get("rolle"),
        "kontakt_navn": k.get("navn"),
        "kontakt_epost": k.get("epost"),
        "oppdatert": rec["oppdatert"],
        "side": rec["side"],
        "status_utledet": "true" if rec["status_utledet"] else "false",
    }


def kommuner_csv(cat: Catalog, site_url: str | None = None) -> str:
    return csv_document(list(CSV_COLUMNS), (csv_row(case, cat, site_url) for case in cat.cases))


def deltakere_geojson(cat: Catalog, site_url: str | None = None) -> str:
    """RFC 7946 points (longitude, latitude in WGS84): the register's inner point of each municipality."""
    features = []
    for case in cat.cases:
        rec = case_record(case, cat, site_url, GEOJSON_PATH)
        lon, lat = cat.reg.kommuner[case.record.kommunenummer].punkt
        features.append({
            "type": "Feature",
            "id": case.slug,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {key: rec[key] for key in GEOJSON_PROPERTIES},
        })
    data = {"type": "FeatureCollection", **_meta(cat), "features": features}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- Atom feed -------------------------------------------------------------------------------


def _atom_time(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def feed_entries(cat: Catalog, cases: list[Case] | None = None) -> list[Case]:
    """Published cases (or those given), newest update first (name breaks ties, so the order is stable)."""
    from ..core.catalog import sort_key
    by_name = sorted(cat.cases if cases is None else cases, key=lambda c: sort_key(c.record.navn))
    return sorted(by_name, key=lambda c: c.record.oppdatert, reverse=True)


def case_summary(case: Case, cat: Catalog) -> str:
    r = case.record
    kommune = cat.reg.kommuner[r.kommunenummer]
    fylke = cat.reg.fylker[kommune.fylke]
    fokus = cat.fokus(r.fokusomrade)
    shown = shown_status(r, cat.program_of(case))
    status = (f"{shown.sentence()} (sist kjente status: {STATUS[shown.sist_kjente]})" if shown.utledet
              else STATUS[shown.kode])
    parts = [f"{r.navn} kommune i {fylke.navn}.", f"Program: {cat.program_of(case).tittel}.", f"Status: {status}."]
    if fokus:
        parts.append(f"Fokusområde: {fokus.tittel}.")
    if r.utviklingsprosjekt:
        parts.append(f"Utviklingsprosjekt: {r.utviklingsprosjekt.tittel}.")
    parts.append(f"Sist oppdatert {dato(r.oppdatert)}.")
    return " ".join(parts)


def atom_feed(cat: Catalog, site_url: str | None = None, *, path: str = FEED_PATH, home: str = "",
              cases: list[Case] | None = None, samlinger: list[Samling] | None = None, updated: dt.date | None = None,
              title: str = "Kulturskole 3.0 – kommuner og oppdateringer",
              subtitle: str = "Nye og oppdaterte kommunecaser fra Kulturskole 3.0, nyeste først.") -> str:
    """Atom 1.0 (RFC 4287) of the published cases and their updates, newest first. A county's feed
    (site/countyfeeds.py) passes its own path, page, cases and gatherings (as entries of their own)."""
    from .pagebase import case_url

    ET.register_namespace("", ATOM)

    def el(parent, tag, text=None, **attrs):
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
        if text is not None:
            node.text = text
        return node

    entries = feed_entries(cat, cases)
    feed = ET.Element(f"{{{ATOM}}}feed", {f"{{{XML_NS}}}lang": "nb"})
    el(feed, "id", tag_uri("feed" if path == FEED_PATH else path.removesuffix(".xml")))
    el(feed, "title", title)
    el(feed, "subtitle", subtitle)
    el(feed, "updated", _atom_time(updated or revision(cat)))
    author = el(feed, "author")
    el(author, "name", "Kulturskole 3.0")
    el(feed, "link", rel="self", type="application/atom+xml", href=site_link(path, site_url, path))
    el(feed, "link", rel="alternate", type="text/html", href=site_link(home, site_url, path))
    el(feed, "rights", f"Innholdet er lisensiert {LISENS}.")
    for case in entries:
        r = case.record
        url = case_url(case)
        entry = el(feed, "entry")
        el(entry, "id", tag_uri(url))
        el(entry, "title", cat.case_title(case))
        el(entry, "link", rel="alternate", type="text/html", href=site_link(url, site_url, path))
        el(entry, "updated", _atom_time(r.oppdatert))
        fylke = cat.reg.fylker[cat.reg.kommuner[r.kommunenummer].fylke]
        el(entry, "category", term=f"fylke-{fylke.nummer}", label=fylke.navn)
        program = cat.program_of(case)
        el(entry, "category", term=f"program-{program.id}", label=program.tittel)
        fokus = cat.fokus(r.fokusomrade)
        if fokus:
            el(entry, "category", term=fokus.id, label=fokus.tittel)
        el(entry, "summary", case_summary(case, cat), type="text")
    for s in sorted(samlinger or [], key=lambda s: s.dato, reverse=True):
        entry = el(feed, "entry")
        el(entry, "id", tag_uri(f"samling/{s.id}"))
        el(entry, "title", f"{SAMLINGSTYPE[s.type]}: {s.tittel}")
        el(entry, "link", rel="alternate", type="text/html", href=site_link(f"tidslinje/#{s.id}", site_url, path))
        el(entry, "updated", _atom_time(s.dato))
        el(entry, "category", term=f"samling-{s.type}", label=SAMLINGSTYPE[s.type])
        el(entry, "summary", samling_summary(s), type="text")
    return xml_document(feed)


def samling_summary(s: Samling) -> str:
    parts = [f"{dato(s.dato, s.presisjon)}.".capitalize()]
    if s.sted:
        parts.append(f"Sted: {s.sted}.")
    if s.beskrivelse:
        parts.append(" ".join(s.beskrivelse.split()))
    return " ".join(parts)
