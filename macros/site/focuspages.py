"""/fokusomrader/ and a page per focus area that helps also when no case has chosen it yet.

Each focus-area page shows its cases, the resources and gatherings on its theme (data/ressurser.yml
and data/samlinger.yml tie them to focus areas with `fokusomrader`; an empty list means «all»), the
entries of Kulturskolerådet's model it connects to, and its sources. With no case yet it offers
neighbouring focus areas and «Bli den første»: the case form with the focus area filled in.
The index page names the report's four value areas and the model's four entries, with sources.
"""
from __future__ import annotations

from .related import neighbour_focus
from ..core.catalog import Catalog
from ..core.model import INNGANG, INNGANG_KILDE, SAMLINGSTYPE, VERDIOMRADE, VERDIOMRADE_KILDE, Fokusomrade
from .form import FORM_URL
from .render import rel, render

HERE = "fokusomrader/"
GENERAL_GATHERINGS = 3  # the newest gatherings for every theme, shown where none is on the theme


def neighbours(f: Fokusomrade, cat: Catalog) -> list[Fokusomrade]:
    """Focus areas that share one of its entries in the model, or, when none does, all the others."""
    others = [o for o in cat.fokusomrader if o.id != f.id]
    near = neighbour_focus(cat, [f.id])
    return [o for o in others if o.id in near] or others


def resources_for(f: Fokusomrade, cat: Catalog) -> tuple[list, list]:
    """(resources naming this focus area, resources for all focus areas), in file order."""
    own = [r for r in cat.ressurser if f.id in r.fokusomrader]
    general = [r for r in cat.ressurser if not r.fokusomrader]
    return own, general


def gatherings_for(f: Fokusomrade, cat: Catalog) -> tuple[list, list]:
    """(gatherings on this focus area, the newest gatherings for every theme when there are none;
    milestones are not gatherings)."""
    own = [s for s in cat.samlinger if f.id in s.fokusomrader]
    general = [] if own else [s for s in cat.samlinger
                              if not s.fokusomrader and s.type != "milepael"][-GENERAL_GATHERINGS:][::-1]
    return own, general


def first_link(f: Fokusomrade, here: str) -> str:
    """«Bli den første»: the case form with this focus area chosen."""
    return f"{rel(here, FORM_URL)}?fokus={f.id}"


def fokus_pages(cat: Catalog) -> list:
    from .pages import GeneratedPage, case_list, fokus_url, front_matter

    rows = [(f, fokus_url(f), len(cat.cases_in_fokus(f.id))) for f in cat.fokusomrader]
    index = render("fokusomrader.md", rows=rows, verdiomrader=list(VERDIOMRADE.values()),
                   verdiomrade_kilde=VERDIOMRADE_KILDE, innganger=list(INNGANG.values()), inngang_kilde=INNGANG_KILDE,
                   rel=rel, here=HERE)
    pages = [GeneratedPage("fokusomrader/index.md", front_matter(
        "Fokusområder", "Fokusområdene kommunene i Kulturskole 3.0 valgte for utviklingsarbeidet, og verdiområdene "
        "og inngangene i modellen de bygger på.") + index, "data/fokusomrader.yml")]
    for f in cat.fokusomrader:
        here = fokus_url(f)
        cases = cat.cases_in_fokus(f.id)
        own_res, general_res = resources_for(f, cat)
        own_s, general_s = gatherings_for(f, cat)
        body = render("fokusomrade.md", f=f, innganger=[INNGANG[i] for i in f.innganger], inngang_kilde=INNGANG_KILDE,
                      liste=case_list(cases, cat, here) if cases else "", antall=len(cases),
                      naboer=[(n, fokus_url(n), len(cat.cases_in_fokus(n.id))) for n in neighbours(f, cat)],
                      skjema=first_link(f, here), ressurser=own_res, generelle_ressurser=general_res,
                      samlinger=own_s, generelle_samlinger=general_s, typer=SAMLINGSTYPE, rel=rel, here=here)
        pages.append(GeneratedPage(f"{here.rstrip('/')}.md", front_matter(f.tittel, f.kort) + body,
                                   "data/fokusomrader.yml"))
    return pages
