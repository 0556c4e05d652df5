"""/metoder/ and a page per method for co-creation and participation (data/metoder.yml).

Each method page links to the workshop guide and to its resources, lists the cases that name the
method (field `metoder`), and its sources. Cases link to these pages.
"""
from __future__ import annotations

from ..core.catalog import Catalog
from ..core.model import Metode
from .render import rel, render

HERE = "metoder/"
WORKSHOP_URL = "ressurser/verksted/"


def metode_pages(cat: Catalog) -> list:
    from .pages import GeneratedPage, case_list, front_matter, metode_url

    rows = [(m, metode_url(m), len(cat.cases_with_metode(m.id))) for m in cat.metoder]
    pages = [GeneratedPage("metoder/index.md", front_matter(
        "Metoder", "Metoder for samskaping og medvirkning som kommunene i Kulturskole 3.0 og andre kan bruke, "
        "med ressurser og kommuner som har brukt dem.") + render("metoder.md", rows=rows, workshop=WORKSHOP_URL,
                                                               rel=rel, here=HERE), "data/metoder.yml")]
    for m in cat.metoder:
        here = metode_url(m)
        cases = cat.cases_with_metode(m.id)
        body = render("metode.md", m=m, ressurser=resources_of(m, cat), workshop=WORKSHOP_URL,
                      liste=case_list(cases, cat, here) if cases else "", rel=rel, here=here)
        pages.append(GeneratedPage(f"{here.rstrip('/')}.md", front_matter(m.tittel, m.kort) + body, "data/metoder.yml"))
    return pages


def resources_of(m: Metode, cat: Catalog) -> list:
    known = {r.id: r for r in cat.ressurser}
    return [known[i] for i in m.ressurser if i in known]
