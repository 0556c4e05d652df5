"""The self-assessment «Hvor står vi?» (issue 9.2): /hvor-star-vi/.

For a culture-school head or coordinator in any municipality. The reader names the municipality
(name, Sámi or Kven name, number, or a 2020–2023 number) and chooses focus areas, sectors, partner
types and success criteria, and may answer the call's four future-picture questions. The same page
then shows the cases to learn from (ranked by the one definition in related.py, with the reasons),
the resources for the chosen focus areas, gatherings and regional arenas in or near the county,
the workshop guide, and a plan to print with the answers and the call's next steps.

- docs/hvor-star-vi.md is the page; it calls the macro hvor_star_vi(), which renders page_html().
- hvor-star-vi/data.json (page_data()) holds the ranking definition, every published case's
  profile, and the register as the page needs it. docs/assets/hvor-star-vi.js fetches it, reads and
  writes the choices in the address, and applies the definition with a generic evaluator.
- Resources and gatherings are lists in the HTML (escaped here), each with the ids the script
  filters on, so the page holds their text once.
- Privacy: nothing is sent or stored. The choices (never the free text) sit in the query string;
  the answers stay in the page. Passing the answers on to the case form is an explicit action, and
  then only in the address fragment, which never reaches a server.

Query-string keys: kommune (2024 number), fokus, sektor, partner, kriterium (ids; repeat the key
for several values). The same keys open the case form (form_url()) with the choices filled in.
"""
from __future__ import annotations

import importlib.util
import json

from markupsafe import Markup

from ..core.catalog import Catalog
from ..core.model import OMFANG, RESSURSTYPE, SAMLINGSTYPE, Samling
from .explorer import FACETS
from .geo import nabofylker
from .related import neighbour_focus, vocabularies
from .related_json import candidates_json, definition_json
from .render import rel, render

URL = "hvor-star-vi/"
DATA_PATH = "hvor-star-vi/data.json"
WORKSHOP_URL = "ressurser/verksted/"


def form_url() -> str | None:
    """The case form's URL (issue 9.3: macros/site/form.py, FORM_URL) once it exists; until then
    the page offers no link to it."""
    if importlib.util.find_spec(f"{__package__}.form") is None:
        return None
    from .form import FORM_URL  # type: ignore[import-not-found]
    return FORM_URL

# The reader's choices: (query-string key, legend, hint). The key is also the profile field the
# ranking rules read (related.FIELDS).
CHOICES = [
    ("fokus", "Fokusområder dere er interessert i",
     "Utviklingsområdet kommunen vil arbeide med. Velg ett eller flere."),
    ("sektor", "Sektorer dere kan ta med i kommunegruppa",
     "Kulturskolen er alltid med. Utlysningen ba om en gruppe på fire til seks personer, med minst én "
     "fra utenfor kulturskolen."),
    ("partner", "Lokale partnere dere kan ta med",
     "Aktører utenfor kulturskolen som kan være med i arbeidet."),
    ("kriterium", "Suksesskriterier dere vil lære mer om", "Fra erfaringene i piloten."),
    ("brukergruppe", "Hvem arbeidet skal være for",
     "Utlysningen ønsket at kulturskolen når flere brukergrupper og større deler av livet."),
    ("metode", "Metoder dere vil prøve", "Måter å skape sammen og la flere være med på. Hver metode har sin egen side."),
]

# The call's four future-picture questions, with the case model's field for each answer (the path
# the case form fills when the reader chooses to take the answers along).
QUESTIONS = [
    ("fremtidsbilde.slik_vil_vi_fremsta", "Hvordan ønsker vi at kulturskolen skal fremstå?"),
    ("fremtidsbilde.nar_rollen_er_nadd",
     "Hvordan ser det ut når kulturskolen har den rollen og posisjonen som er ønskelig?"),
    ("fremtidsbilde.slik_er_det_na", "Hvordan oppleves kulturskolen i forhold til dette målbildet akkurat nå?"),
    ("fremtidsbilde.hva_skal_til.beskrivelse", "Hva skal til for å fylle gapet mellom disse to bildene?"),
]


def choice_options(cat: Catalog) -> dict[str, list[tuple[str, str]]]:
    """(id, label) per choice, in reading order: the ranking's vocabularies (the culture school is
    always in the group, so it is not a sector to choose)."""
    vocab = vocabularies(cat)
    return {key: [(k, v) for k, v in vocab[key] if (key, k) != ("sektor", "kulturskole")] for key, _, _ in CHOICES}


def samling_fylker(cat: Catalog, s: Samling) -> list[str]:
    """Where a gathering was, as data/samlinger.yml says: a county number, «nasjonal» or «digital»;
    without it, the county of all the municipalities it names."""
    if s.fylke:
        return [s.fylke]
    fylker = {cat.reg.kommuner[k].fylke for k in s.kommuner if k in cat.reg.kommuner}
    return list(fylker) if len(fylker) == 1 else []


def samling_sted(cat: Catalog, fylker: list[str]) -> str:
    return ", ".join(OMFANG.get(f) or cat.reg.fylker[f].navn for f in fylker)


def page_data(cat: Catalog) -> dict:
    """Everything the script needs, as JSON-ready data (no text that the page holds already)."""
    from .pages import case_url, fylke_url

    candidates = []
    for profile, case in zip(candidates_json(cat), cat.cases):
        r = case.record
        fylke = cat.fylke_of(case)
        fokus = cat.fokus(r.fokusomrade)
        candidates.append({
            **profile,
            "navn": r.navn,
            "url": rel(URL, case_url(case)),
            "fylke_navn": fylke.navn,
            "fokus_tittel": fokus.tittel if fokus else None,
            "prosjekt": r.utviklingsprosjekt.tittel if r.utviklingsprosjekt else None,
        })
    reg = cat.reg
    return {
        "rangering": definition_json(cat),
        "kandidater": candidates,
        "kommuner": [[k.nummer, k.navn, k.fylke, list(k.punkt)] for k in reg.register.kommuner],
        # Numbers from 2020–2023 that are not 2024 numbers, with the municipalities that replaced them.
        "kommuner_2020": [[k.nummer, k.navn, list(k.erstattet_av)] for k in reg.register.kommuner_2020
                          if k.nummer not in reg.kommuner and k.erstattet_av],
        "fylker": [[f.nummer, f.navn, rel(URL, fylke_url(f))] for f in cat.fylker],
        "naboer": {f.nummer: nabofylker(f.nummer, cat) for f in cat.fylker},
        # Focus areas sharing a value area (related.neighbour_focus), for the rule «nabofokus».
        "fokus_naboer": {f.id: sorted(neighbour_focus(cat, [f.id])) for f in cat.fokusomrader},
        "fokus_titler": {f.id: f.tittel for f in cat.fokusomrader},
        # The choices the explorer filters on too (same query-string keys), for the link to it.
        "utforsk_nokler": [key for key, _, _ in CHOICES if key in {k for k, _ in FACETS}],
    }


def data_json(cat: Catalog) -> str:
    return json.dumps(page_data(cat), ensure_ascii=False, separators=(",", ":")) + "\n"


def selfassess_files(cat: Catalog) -> list:
    from .pages import GeneratedPage

    return [GeneratedPage(DATA_PATH, data_json(cat))]


def page_html(cat: Catalog, here: str = URL, repo_url: str | None = None) -> Markup:
    """The form, the result sections and the plan, for the page docs/hvor-star-vi.md."""
    from .pages import fokus_url
    from .render import dato

    options = choice_options(cat)
    choices = [(key, legend, hint, options[key]) for key, legend, hint in CHOICES if options[key]]
    ressurser = []
    for r in cat.ressurser:
        fokus = [f for f in (cat.fokus(i) for i in r.fokusomrader) if f]
        ressurser.append({
            "r": r, "type": RESSURSTYPE[r.type], "fokus_ids": " ".join(f.id for f in fokus),
            "fokus": [(f.tittel, rel(here, fokus_url(f))) for f in fokus],
        })
    samlinger = []
    for s in cat.samlinger:
        if s.type == "milepael":
            continue  # a milestone is not a gathering to go to (the timeline has them)
        fylker = samling_fylker(cat, s)
        if not fylker:
            continue
        samlinger.append({"s": s, "fylke": " ".join(fylker), "fylke_navn": samling_sted(cat, fylker),
                          "overalt": any(f in OMFANG for f in fylker),
                          "type": SAMLINGSTYPE[s.type], "dato": dato(s.dato, s.presisjon),
                          "url": rel(here, f"tidslinje/#{s.id}")})
    issue_url = f"{repo_url.rstrip('/')}/issues/new?template=foresla-case.yml" if repo_url else None
    html = render(
        "hvor_star_vi.html", here=here, rel=rel, choices=choices, questions=QUESTIONS,
        ressurser=ressurser, samlinger=samlinger, workshop_url=rel(here, WORKSHOP_URL),
        data_url=rel(here, DATA_PATH), issue_url=issue_url,
        form_url=rel(here, form_url()) if form_url() else None, antall=len(cat.cases),
    )
    # One raw HTML block for Markdown: a blank line would hand the rest back to it.
    return Markup("\n".join(line for line in html.splitlines() if line.strip()) + "\n")
