"""The faceted explorer /utforsk/ (issue 4).

The page is complete without JavaScript: every published case, grouped by county, with links.
docs/assets/utforsk.js turns it into a faceted explorer: it reads each case's facet values from
data attributes on its list item (no separate JSON copy of the data), filters the list, updates
the counts, keeps the filter state in the URL query string and announces the result count.

Facets and query-string keys (Norwegian, as the reader sees them in the address):
program, fylke, fokus, kriterium, partner, status, brukergruppe, metode, belegg and har (what the
page holds: a project, experiences, sources ...); free text is «sok». Values are slugs and ids.
The status is the one the case shows today (core/status.py): «ikke-kjent» after a programme ended.
Examples (eksempel: true) never reach this page: only Catalog.cases is used.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..core.catalog import Catalog, sort_key
from ..core.completeness import completeness
from ..core.model import BELEGG, BRUKERGRUPPE, PARTNERTYPE
from ..core.slug import slugify
from ..core.status import SHOWN, shown_status

URL = "utforsk/"
NO_FOKUS = "ikke-oppgitt"  # fokus value for cases that have not named a focus area
FREE_TEXT_KEY = "sok"

# (query-string key, legend) in the order the fieldsets appear.
FACETS = [
    ("program", "Program"),
    ("fylke", "Fylke"),
    ("fokus", "Fokusområde"),
    ("kriterium", "Suksesskriterium"),
    ("partner", "Partnertype"),
    ("status", "Status"),
    ("brukergruppe", "Brukergrupper"),
    ("metode", "Metoder"),
    ("belegg", "Belegg"),
    ("har", "Innhold på siden"),
]
# «har»: what a case page holds, by the completeness of its fields (core/completeness.py). Shown
# even when no case has it yet, so a reader sees what can be asked for.
HAR = {
    "utviklingsprosjekt": "Har prosjekt",
    "erfaringer": "Har erfaringer",
    "kilder": "Har kilder",
    "resultater": "Har resultater",
    "ressursbruk": "Har ressursbruk",
    "forutsetninger": "Har forutsetninger",
}
ALWAYS_SHOWN = ("har",)


@dataclass(frozen=True)
class Entry:
    """One case as the explorer shows and filters it."""

    navn: str  # the case's title: the name, and the programme when the municipality has several cases
    url: str
    program: str  # programme id
    program_label: str
    fylke: str  # county slug, e.g. "vestland"
    fylke_navn: str
    fylke_nummer: str
    fokus: str  # focus-area id, or NO_FOKUS
    fokus_label: str
    kriterium: tuple[str, ...]
    partner: tuple[str, ...]  # partner types, each once, in vocabulary order
    status: str
    status_label: str
    brukergruppe: tuple[str, ...]
    metode: tuple[str, ...]
    belegg: str
    har: tuple[str, ...]
    prosjekt: str | None
    tekst: str  # extra words for the free-text filter: partner names (facet labels come from the form)

    def values(self, key: str) -> tuple[str, ...]:
        value = getattr(self, key)
        return value if isinstance(value, tuple) else (value,) if value else ()

    def attrs(self) -> dict[str, str]:
        """data-* attributes the script filters on (space-separated ids; ids never hold spaces)."""
        return {key: " ".join(self.values(key)) for key, _ in FACETS}


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    key: str
    legend: str
    values: list[FacetValue]


@dataclass(frozen=True)
class Group:
    navn: str
    slug: str
    entries: list[Entry]


def entries(cat: Catalog) -> list[Entry]:
    """Every published case, in Norwegian name order (Catalog.cases never holds examples)."""
    from .pages import case_url

    out = []
    for case in cat.cases:
        r = case.record
        fylke = cat.fylke_of(case)
        fokus = cat.fokus(r.fokusomrade)
        kriterier = [k for k in (cat.kriterium(b.id) for b in r.suksesskriterier) if k]
        types = [t for t in PARTNERTYPE if any(p.type == t for p in r.partnere)]
        shown = shown_status(r, cat.program_of(case))
        have = completeness(r).filled
        out.append(Entry(
            navn=cat.case_title(case), url=case_url(case), program=r.program,
            program_label=cat.program_of(case).tittel, fylke=slugify(fylke.navn), fylke_navn=fylke.navn,
            fylke_nummer=fylke.nummer, fokus=fokus.id if fokus else NO_FOKUS,
            fokus_label=fokus.tittel if fokus else "Fokusområde ikke oppgitt",
            kriterium=tuple(dict.fromkeys(k.id for k in kriterier)), partner=tuple(types),
            status=shown.kode, status_label=shown.label(),
            brukergruppe=tuple(r.brukergrupper), metode=tuple(m for m in r.metoder if cat.metode(m)),
            belegg=r.belegg or "", har=tuple(k for k in HAR if k in have),
            prosjekt=r.utviklingsprosjekt.tittel if r.utviklingsprosjekt else None,
            tekst=" ".join(dict.fromkeys(p.navn for p in r.partnere)),
        ))
    return out


def facets(cat: Catalog, items: list[Entry]) -> list[Facet]:
    """Each facet with the values that occur, in a natural order, and how many cases have each."""

    def count(key: str, value: str) -> int:
        return sum(value in e.values(key) for e in items)

    fylker = sorted({(e.fylke_nummer, e.fylke, e.fylke_navn) for e in items})
    options = {
        "program": [(p.id, p.tittel) for p in cat.programmer],
        "fylke": [(slug, navn) for _, slug, navn in fylker],
        "fokus": [(f.id, f.tittel) for f in cat.fokusomrader] + [(NO_FOKUS, "Ikke oppgitt")],
        "kriterium": [(k.id, k.tittel) for k in cat.kriterier],
        "partner": list(PARTNERTYPE.items()),
        "status": list(SHOWN.items()),
        "brukergruppe": list(BRUKERGRUPPE.items()),
        "metode": [(m.id, m.tittel) for m in cat.metoder],
        "belegg": list(BELEGG.items()),
        "har": list(HAR.items()),
    }
    out = []
    for key, legend in FACETS:
        values = [FacetValue(v, label, count(key, v)) for v, label in options[key]]
        out.append(Facet(key, legend, [v for v in values if v.count or key in ALWAYS_SHOWN]))
    return out


def groups(items: list[Entry]) -> list[Group]:
    """Cases grouped by county (county number order, as on /kommuner/), names sorted within."""
    by_fylke: dict[str, list[Entry]] = {}
    for e in items:
        by_fylke.setdefault(e.fylke_nummer, []).append(e)
    return [Group(g[0].fylke_navn, g[0].fylke, sorted(g, key=lambda e: sort_key(e.navn)))
            for _, g in sorted(by_fylke.items())]


def explorer_pages(cat: Catalog) -> list:
    from .pages import GeneratedPage, front_matter
    from .render import rel, render

    items = entries(cat)
    body = render("utforsk.md", facets=facets(cat, items), groups=groups(items), antall=len(items),
                  sok_key=FREE_TEXT_KEY, rel=rel, here=URL)
    # The explorer lists every case, so it is kept out of site search (it would match any name).
    fm = front_matter("Utforsk", "Finn kommuner i Kulturskole 3.0 og programmene etter den etter program, fylke, "
                      "fokusområde, suksesskriterium, partnertype, status, brukergrupper, metoder, belegg og innhold, eller "
                      "med fritekst.",
                      search={"exclude": True}, hide=["toc"])
    return [GeneratedPage("utforsk/index.md", fm + body)]
