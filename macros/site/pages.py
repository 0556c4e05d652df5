"""Records -> pages. Pure functions: a Catalog in, a list of (path, Markdown) out.

Nothing here knows MkDocs. macros/site.py lists every page (these and each feature's); the hook
turns them into MkDocs files, and another engine (ProperDocs, Zensical, a pre-build step) could
write them to disk instead.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from markupsafe import Markup

from . import countyfeeds, geo
from ..core.catalog import Catalog, sort_key
from ..core.load import Case
from ..core.completeness import Completeness, completeness
from ..core.model import (BELEGG, BRUKERGRUPPE, PARTNERTYPE, SAMLINGSTYPE, SEKTOR, STATUS, STATUS_FINAL, STATUS_NN,
                          Fokusomrade, Fylke, Metode, Program)
from ..core.status import ShownStatus, shown_status
from ..core.model import KILDETYPE, KILDETYPE_NN
from .related import related_cases
from .render import markdown_to_safe_html, rel, render

from .caselabels import LABELS, MISSING, MISSING_SHOWN, QUESTIONS  # noqa: E402,F401  (pages and tests import them from here)
from .pagebase import (EXAMPLE_URL, GeneratedPage, case_url, fokus_url, front_matter, fylke_url,  # noqa: F401
                       kriterium_url, metode_url, program_url, src_uri)

@dataclass
class KriteriumLink:
    tittel: str
    url: str


class CaseView:
    """What a page needs to show about one case, computed once."""

    def __init__(self, case: Case, cat: Catalog):
        self.case, self.cat, self.r = case, cat, case.record

    @property
    def navn(self) -> str:
        return self.r.navn

    @property
    def nummer(self) -> str:
        return self.r.kommunenummer

    @property
    def url(self) -> str:
        return case_url(self.case)

    @cached_property
    def fylke(self) -> Fylke | None:
        return self.cat.fylke_of(self.case)

    @property
    def fylke_navn(self) -> str:
        return self.fylke.navn if self.fylke else "Fiktivt fylke"

    @property
    def fylke_url(self) -> str | None:
        return fylke_url(self.fylke) if self.fylke else None

    @cached_property
    def pilot_nummer(self) -> str | None:
        """«3030 (Viken)» when the number during the pilot differs from today's."""
        if self.case.eksempel:
            return None
        old = self.cat.reg.kommuner[self.nummer].nummer_2020
        if not old or old == self.nummer:
            return None
        fylke = self.cat.reg.fylker_2020.get(old[:2])
        return f"{old} ({fylke.navn})" if fylke else old

    @cached_property
    def fokus(self) -> Fokusomrade | None:
        return self.cat.fokus(self.r.fokusomrade)

    @property
    def fokus_url(self) -> str | None:
        return fokus_url(self.fokus) if self.fokus else None

    @cached_property
    def program(self) -> Program:
        return self.cat.program_of(self.case)

    @property
    def program_url(self) -> str:
        return program_url(self.program)

    @cached_property
    def siblings(self) -> list[CaseView]:
        """The municipality's other published cases (other programmes), in programme order."""
        if self.case.eksempel:
            return []
        return [CaseView(c, self.cat) for c in self.cat.cases_of_kommune(self.nummer) if c is not self.case]

    @property
    def tittel(self) -> str:
        """The page title and link text (Catalog.case_title)."""
        return self.cat.case_title(self.case)

    @cached_property
    def shown(self) -> ShownStatus:
        """The status the case shows today (core/status.py): the same everywhere."""
        return shown_status(self.r, self.program)

    @property
    def status_label(self) -> str:
        return self.shown.label()

    def status_labels(self, sprak: str = "nb") -> dict[str, str]:
        return STATUS_NN if sprak == "nn" else STATUS

    @property
    def status_note(self) -> str | None:
        """A note under the history when a programme that has ended shows no outcome for the case,
        and the status shown is not already «not known» (a status dated after the end)."""
        if (self.case.eksempel or self.shown.utledet or self.r.status in STATUS_FINAL
                or self.program.til is None):
            return None
        return LABELS[self.r.sprak]["ikke_bekreftet"]

    @cached_property
    def completeness(self) -> Completeness:
        return completeness(self.r)

    def missing(self, sprak: str = "nb") -> list[str]:
        """What «Dette mangler» asks the municipality for, in the model's field order."""
        return missing_words(self.completeness.missing, sprak)

    @cached_property
    def metoder(self) -> list[tuple[Metode, str]]:
        found = [self.cat.metode(i) for i in self.r.metoder]
        return [(m, metode_url(m)) for m in found if m]

    @property
    def brukergrupper(self) -> list[str]:
        from .caselabels import BRUKERGRUPPE_NN
        labels = BRUKERGRUPPE_NN if self.r.sprak == "nn" else BRUKERGRUPPE
        return [labels[b] for b in self.r.brukergrupper]

    @property
    def belegg(self) -> str | None:
        from .caselabels import BELEGG_NN
        return (BELEGG_NN if self.r.sprak == "nn" else BELEGG)[self.r.belegg] if self.r.belegg else None

    @cached_property
    def kriterier(self) -> list[tuple[KriteriumLink, str]]:
        out = []
        for k in self.r.suksesskriterier:
            krit = self.cat.kriterium(k.id)
            if krit:
                out.append((KriteriumLink(krit.tittel, kriterium_url(krit)), k.belegg))
        return out

    @property
    def has_material(self) -> bool:
        """Has the municipality's own account been published (beyond the known facts)?"""
        r = self.r
        return bool(r.fremtidsbilde or (r.erfaringer and (r.erfaringer.dette_fungerte or r.erfaringer.dette_fungerte_ikke))
                    or self.case.markdown or r.kommunegruppe)


def missing_words(fields, sprak: str = "nb", short: bool = False) -> list[str]:
    """The missing fields as «Dette mangler» names them, most wanted first (caselabels.MISSING_ORDER);
    short: by their titles in the form (the table on /bidra/mangler/)."""
    from ..core.fieldtitles import FIELD_TITLES
    from .caselabels import MISSING, MISSING_ORDER
    words = {} if short else MISSING.get(sprak, MISSING["nb"])
    rank = {name: i for i, name in enumerate(MISSING_ORDER)}
    ordered = sorted(fields, key=lambda n: rank.get(n, len(rank)))
    titles = [FIELD_TITLES.get(f"Kommunecase.{n}") or FIELD_TITLES.get(n) or n for n in ordered]
    return [words.get(n) or (t if short else t.lower()) for n, t in zip(ordered, titles)]


def _common(here: str) -> dict:
    return {"rel": rel, "here": here}


def case_page(case: Case, cat: Catalog) -> GeneratedPage:
    view = CaseView(case, cat)
    sprak = case.record.sprak
    url = case_url(case)
    fortelling = markdown_to_safe_html(case.markdown) if case.markdown else None
    body = render(
        "kommune.md", case=case, c=view, r=case.record, labels=LABELS[sprak], questions=QUESTIONS[sprak],
        status_labels=view.status_labels(sprak), sektor_labels=SEKTOR, partner_labels=PARTNERTYPE,
        fortelling=fortelling, shown_missing=MISSING_SHOWN, kildetyper=KILDETYPE, kildetyper_nn=KILDETYPE_NN,
        related=[(CaseView(x.case, cat), x.reasons) for x in related_cases(case, cat)], **_common(url),
    )
    extra: dict = {"sprak": sprak}
    if case.eksempel:
        extra["search"] = {"exclude": True}
        extra["eksempel"] = True
        title = f"{case.record.navn} (eksempel)"
        description = "Et fiktivt eksempel som viser hvordan en fullstendig kommunecase ser ut."
    else:
        title = view.tittel
        when = f" ({view.program.periode})" if view.program.periode else ""
        description = (f"{case.record.navn} kommune ({view.fylke_navn}) – {view.program.tittel}{when}: deltakelse, "
                       f"utviklingsprosjekt og erfaringer.")
        # What a search result says about the case (macros/site/search.py reads it from the page).
        extra["sok"] = {"type": "kommune", "fylke": view.fylke_navn, "fylke-url": view.fylke_url or "",
                        "program": _programme_title(case, cat)}
    return GeneratedPage(src_uri(url), front_matter(title, description, **extra) + body, case.path)


def _programme_title(case: Case, cat: Catalog) -> str:
    """The title of the case's programme, when the data model has programmes (issue 9)."""
    pid = getattr(case.record, "program", None)
    find = getattr(cat, "program", None)
    prog = find(pid) if pid and callable(find) else None
    return getattr(prog, "tittel", "") or ""


def case_list(cases: list[Case], cat: Catalog, here: str) -> str:
    return render("_liste.html", items=[CaseView(c, cat) for c in cases], **_common(here))


def index_pages(cat: Catalog, checkpoint=None) -> list[GeneratedPage]:
    """The index pages of the records: cases, counties, programmes, criteria, timeline (the focus
    areas' pages: site/focuspages.py).
    checkpoint: called between kinds of page (see generate())."""
    pages: list[GeneratedPage] = []
    for part in (lambda: [kommuner_index(cat)], lambda: fylke_pages(cat, checkpoint), lambda: program_pages(cat),
                 lambda: kriterie_pages(cat), lambda: [tidslinje_page(cat)]):
        if checkpoint is not None:
            checkpoint()
        pages += part()
    return pages


def kommuner_index(cat: Catalog) -> GeneratedPage:
    here = "kommuner/"
    groups = [(f, fylke_url(f), case_list(cat.cases_in_fylke(f.nummer), cat, here))
              for f in cat.fylker if cat.cases_in_fylke(f.nummer)]
    per_program = [(p, program_url(p), len(cat.cases_in_program(p.id))) for p in cat.programmer
                   if cat.cases_in_program(p.id)]
    kommuner = len({c.record.kommunenummer for c in cat.cases})
    body = render("kommuner.md", groups=groups, antall=len(cat.cases), kommuner=kommuner, per_program=per_program,
                  **_common(here))
    fm = front_matter("Kommuner", f"Alle {len(cat.cases)} casene fra {kommuner} kommuner, i piloten Kulturskole 3.0 "
                      "og programmene etter den, ordnet etter fylke.")
    return GeneratedPage("kommuner/index.md", fm + body)


def fylke_pages(cat: Catalog, checkpoint=None) -> list[GeneratedPage]:
    pages = []
    rows = [(f, fylke_url(f), len({c.record.kommunenummer for c in cat.cases_in_fylke(f.nummer)}),
             len(cat.cases_in_fylke(f.nummer))) for f in cat.fylker]
    kart = geo.norway_figure([CaseView(c, cat) for c in cat.cases], "fylker/", cat=cat)
    body = render("fylker.md", rows=rows, kart=kart, **_common("fylker/"))
    pages.append(GeneratedPage("fylker/index.md", front_matter(
        "Fylker", "Kulturskole 3.0 fylke for fylke: kommuner med caser, samlinger og hvordan komme i gang.") + body))
    for f in cat.fylker:
        if checkpoint is not None:
            checkpoint()
        here = fylke_url(f)
        cases = cat.cases_in_fylke(f.nummer)
        nearest = [(CaseView(c, cat), km) for c, km in cat.nearest_cases(f.nummer)] if not cases else []
        naboer = sorted((cat.reg.fylker[n] for n in geo.nabofylker(f.nummer, cat)), key=lambda n: sort_key(n.navn))
        nabo_cases = [c for n in naboer for c in cat.cases_in_fylke(n.nummer)]
        kommuner = [k.nummer for k in cat.reg.kommuner.values() if k.fylke == f.nummer]
        kart = geo.county_figure(f, kommuner, [CaseView(c, cat) for c in cases], [n.nummer for n in naboer], here,
                                 cat=cat)
        body = render("fylke.md", fylke=f, liste=case_list(cases, cat, here) if cases else "", antall=len(cases),
                      nearest=nearest, samlinger=cat.samlinger_in_fylke(f.nummer), typer=SAMLINGSTYPE,
                      kart=kart, naboer=[(n, fylke_url(n)) for n in naboer],
                      nabo_liste=case_list(nabo_cases, cat, here) if nabo_cases else "",
                      programmer=[(p, program_url(p), [c for c in cases if c.record.program == p.id])
                                  for p in cat.programmer if p.fylkesvis],
                      feed=countyfeeds.feed_path(f), ics=countyfeeds.ics_path(f), **_common(here))
        desc = (f"Kulturskole 3.0 og programmene etter den i {f.navn}: {len(cases)} "
                f"{'case' if len(cases) == 1 else 'caser'}, samlinger i fylket og hvordan andre kommuner kan "
                f"komme i gang.")
        pages.append(GeneratedPage(src_uri(here), front_matter(f.navn, desc,
                                                               alternativer=countyfeeds.alternates(f)) + body))
    return pages


def program_pages(cat: Catalog) -> list[GeneratedPage]:
    """/program/ and a page per programme with its figures, statuses, sources and cases."""
    here = "program/"
    rows = [(p, program_url(p), len(cat.cases_in_program(p.id))) for p in cat.programmer]
    pages = [GeneratedPage("program/index.md", front_matter(
        "Program", "Programmene og satsingene casene hører til: piloten Kulturskole 3.0, arbeidet etter den og "
        "kommunenes egen utvikling.") + render("programmer.md", rows=rows, **_common(here)), "data/programmer.yml")]
    for p in cat.programmer:
        here = program_url(p)
        cases = cat.cases_in_program(p.id)
        body = render("program.md", p=p, antall=len(cases), status_labels=STATUS, statuser=status_counts(cat, p),
                      liste=case_list(cases, cat, here) if cases else "", **_common(here))
        title = f"{p.tittel} ({p.periode})" if p.periode else p.tittel
        pages.append(GeneratedPage(src_uri(here), front_matter(title, p.kort) + body, "data/programmer.yml"))
    return pages


def kriterie_pages(cat: Catalog) -> list[GeneratedPage]:
    here = "suksesskriterier/"
    with_evidence = [c for c in cat.cases if c.record.suksesskriterier]
    matrix = [(CaseView(c, cat), [k.id in {b.id for b in c.record.suksesskriterier} for k in cat.kriterier])
              for c in with_evidence]
    kilder = list({k.kilde.url: k.kilde for k in cat.kriterier}.values())  # each source once
    body = render("suksesskriterier.md", kriterier=[(k, kriterium_url(k)) for k in cat.kriterier], matrix=matrix,
                  kilder=kilder, **_common(here))
    pages = [GeneratedPage("suksesskriterier/index.md", front_matter(
        "Suksesskriterier", "Suksesskriteriene fra Kulturskole 3.0, og hvilke kommuner som viser dem.") + body,
        "data/suksesskriterier.yml")]
    for k in cat.kriterier:
        here = kriterium_url(k)
        evidence = [(CaseView(c, cat), belegg) for c, belegg in cat.cases_with_kriterium(k.id)]
        body = render("suksesskriterium.md", k=k, evidence=evidence, **_common(here))
        pages.append(GeneratedPage(src_uri(here), front_matter(k.tittel, f"Suksesskriteriet «{k.tittel}» i "
                                   "Kulturskole 3.0 og kommunenes belegg for det.") + body, "data/suksesskriterier.yml"))
    return pages


def tidslinje_page(cat: Catalog) -> GeneratedPage:
    here = "tidslinje/"
    years: dict[int, list] = {}
    for s in cat.samlinger:
        kommuner = [(cat.reg.kommuner[n].navn, case_url(cat.primary_case(n)) if cat.primary_case(n) else None)
                    for n in s.kommuner]
        years.setdefault(s.dato.year, []).append((s, kommuner))
    body = render("tidslinje.md", years=sorted(years.items()), typer=SAMLINGSTYPE, fylker=cat.reg.fylker,
                  **_common(here))
    return GeneratedPage("tidslinje.md", front_matter(
        "Tidslinje", "Samlinger og milepæler i Kulturskole 3.0 fra utlysningen i 2021 til i dag.") + body,
        "data/samlinger.yml")


def home_figures(cat: Catalog) -> tuple[list[tuple[str, int, str]], int]:
    """The home page's figures: each programme's sourced figures (nokkeltall: the pilot's 16
    selected, 15 at the fourth gathering, 14 completed) as (link, number, text), and the number of
    published cases in the programmes that have none, counted separately."""
    figures = [(program_url(p), t.antall, t.tekst) for p in cat.programmer for t in p.nokkeltall]
    others = sum(len(cat.cases_in_program(p.id)) for p in cat.programmer if not p.nokkeltall)
    return figures, others


def status_counts(cat: Catalog, program: Program) -> list[tuple[str, str, int, str]]:
    """(status, label, number of cases, explorer URL) for a programme's cases, by the status each
    shows today (core/status.py): the numbers the home page, the programme page, the explorer's
    facet, the exports and the feed all agree on."""
    from collections import Counter

    from ..core.status import SHOWN
    counts = Counter(CaseView(c, cat).shown.kode for c in cat.cases_in_program(program.id))
    return [(kode, label, counts[kode], f"utforsk/?program={program.id}&status={kode}")
            for kode, label in SHOWN.items() if counts[kode]]


def home_blocks(cat: Catalog, here: str) -> dict[str, str]:
    """HTML blocks for the hand-written home page (through macros that it opts in to)."""
    figures, others = home_figures(cat)
    rows = [(f, fokus_url(f), len(cat.cases_in_fokus(f.id))) for f in cat.fokusomrader]
    return {
        "tall": render("_tall.html", figures=figures, others=others,
                       statuser=[(p, status_counts(cat, p)) for p in cat.programmer if p.til is not None
                                 and cat.cases_in_program(p.id)], **_common(here)),
        "fokus": render("_fokus_kort.html", rows=rows, **_common(here)),
        "siste": case_list(cat.latest(5), cat, here),
    }


def site_map(cat: Catalog, here: str) -> Markup:
    """The home page map: every published case (examples never)."""
    return geo.norway_figure([CaseView(c, cat) for c in cat.cases], here, cat=cat)
