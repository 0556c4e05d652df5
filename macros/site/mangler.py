"""/bidra/mangler/: every published case with what it lacks, and a link to the form filled in with it.

What is missing comes from core/completeness.py (the model's fields), named by the fields' titles in
the form, most wanted first as on the case page («Dette mangler», site/caselabels.py). Rows are in county order, names sorted within; without
JavaScript that is the order. docs/assets/mangler.js lets a reader sort by municipality, county or
the number of missing fields (buttons in the column headings, aria-sort says the order).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..core.catalog import Catalog, sort_key
from .form import edit_link
from .render import rel, render

URL = "bidra/mangler/"


@dataclass(frozen=True)
class Row:
    slug: str
    tittel: str
    url: str
    fylke: str
    fylke_nummer: str
    program: str
    missing: tuple[str, ...]  # the fields' titles in the form, most wanted first
    reading: bool  # the focus area is the editors' reading
    skjema: str


def rows(cat: Catalog) -> list[Row]:
    from .pages import CaseView, missing_words

    out = []
    for case in cat.cases:
        view = CaseView(case, cat)
        c = view.completeness
        if not c.missing and not c.focus_is_reading:
            continue
        out.append(Row(case.slug, view.tittel, view.url, view.fylke_navn, view.fylke.nummer, view.program.tittel,
                       tuple(missing_words(c.missing, short=True)), c.focus_is_reading, edit_link(URL, case.slug)))
    return sorted(out, key=lambda r: (r.fylke_nummer, sort_key(r.tittel)))


def mangler_page(cat: Catalog) -> list:
    from .pages import GeneratedPage, front_matter

    items = rows(cat)
    body = render("mangler.md", rows=items, antall=len(cat.cases), komplette=len(cat.cases) - len(items),
                  rel=rel, here=URL)
    fm = front_matter("Dette mangler", "Hva hver kommunecase mangler, med lenke til skjemaet der casen er fylt ut "
                      "fra før. For kommuner og redaktører som vil fylle ut.")
    return [GeneratedPage("bidra/mangler.md", fm + body)]
