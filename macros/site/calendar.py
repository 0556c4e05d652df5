"""The gatherings as an iCalendar file (RFC 5545): /samlinger.ics and each county's (site/countyfeeds.py).

A gathering whose date is known only to the month or half-year (presisjon maned or halvar) is an
all-day event spanning that whole period, marked transparent (not busy): a single day would claim
a precision the data does not have. UIDs are stable: built from the gathering's id and Norsk
kulturskoleråd's domain, never from the build.
"""
from __future__ import annotations

import datetime as dt
import re

from ..core.catalog import Catalog
from ..core.model import SAMLINGSTYPE, Samling
from .exports import ICS_PATH, LISENS, UID_DOMAIN, revision, site_link
from .render import dato


# RFC 5545 §3.1: a content line holds no control character but tab. Line breaks in a value are
# written as \\n by ics_escape; NEL, U+2028 and U+2029 count as line breaks there too (a calendar
# program may break the line at them). The model refuses all of them (core/textrules.py).
_ICS_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_ICS_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def ics_escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines."""
    text = _ICS_BREAKS.sub("\n", text)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics_fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. Every
    line of every calendar passes here, so a control character left in any value is dropped here."""
    line = _ICS_CONTROL.sub("", line)
    out, current, size = [], "", 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


def period(s: Samling) -> tuple[dt.date, dt.date]:
    """(first day, day after the last day) of a gathering, by its date precision."""
    d = s.dato
    if s.presisjon == "maned":
        end = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    elif s.presisjon == "halvar":
        end = dt.date(d.year, 7, 1) if d.month <= 6 else dt.date(d.year + 1, 1, 1)
    else:
        end = d + dt.timedelta(days=1)
    return d, end


PRECISION_NOTE = {
    "maned": "Datoen er bare kjent til måned ({when}); hendelsen dekker hele måneden.",
    "halvar": "Datoen er bare kjent til halvår ({when}); hendelsen dekker hele perioden.",
}


def samling_uid(s: Samling) -> str:
    return f"kulturskole-3-0-samling-{s.id}@{UID_DOMAIN}"


def samlinger_ics(cat: Catalog, site_url: str | None = None, *, path: str = ICS_PATH,
                  samlinger: list[Samling] | None = None, updated: dt.date | None = None,
                  name: str = "Kulturskole 3.0 – samlinger og milepæler",
                  description: str = "Samlinger og milepæler i Kulturskole 3.0.") -> str:
    """RFC 5545 calendar of the published gatherings and milestones, with stable UIDs. A county's
    calendar (site/countyfeeds.py) passes its own path, gatherings, name and description."""
    stamp = (updated or revision(cat)).strftime("%Y%m%dT000000Z")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Kulturskole 3.0//Samlinger//NB",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + ics_escape(name),
        "X-WR-CALDESC:" + ics_escape(description + " " + f"Innhold: {LISENS}."),
    ]
    for s in cat.samlinger if samlinger is None else samlinger:
        start, end = period(s)
        description = [s.beskrivelse.strip()] if s.beskrivelse else []
        if s.presisjon in PRECISION_NOTE:
            description.append(PRECISION_NOTE[s.presisjon].format(when=dato(s.dato, s.presisjon)))
        if s.kommuner:
            description.append("Kommuner: " + ", ".join(cat.reg.kommuner[n].navn for n in s.kommuner) + ".")
        if s.kilde:
            description.append(f"Kilde: {s.kilde.tittel} ({s.kilde.url})")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{samling_uid(s)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{start.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
            "SUMMARY:" + ics_escape(s.tittel),
            "CATEGORIES:" + ics_escape(SAMLINGSTYPE[s.type]),
            "TRANSP:TRANSPARENT",
        ]
        if s.sted:
            lines.append("LOCATION:" + ics_escape(s.sted))
        if description:
            lines.append("DESCRIPTION:" + ics_escape("\n\n".join(description)))
        if site_url:
            lines.append("URL:" + site_link(f"tidslinje/#{s.id}", site_url, path))
        elif s.kilde:
            lines.append("URL:" + s.kilde.url)
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) + "\r\n" for line in lines)
