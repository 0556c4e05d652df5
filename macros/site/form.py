"""The case form /bidra/skjema/ (issue 9.3): a whole case in the browser instead of YAML.

Nothing about the fields is written here. docs/assets/skjema.js builds the form from the JSON
Schema that schema.py generates from the model (field order, titles, help texts, value lists,
rules), and checks it with the messages formrules.py exports from `kulturskole sjekk`'s own code.
This module writes the files the script reads:

- bidra/skjema/regler.json: the schema with its messages, the register, the existing cases (one
  per municipality and programme), and the explanatory comments `kulturskole ny` puts in a new file;
- bidra/skjema/caser/<slug>.json: each case's data as its YAML file holds it, so «Rediger i
  skjema» on a case page opens the form filled in.

The page itself is docs/bidra/skjema.md; its macro `skjema()` (engine/page_macros.py) calls
`form_block`, which knows the repository address (empty: no GitHub options are shown).
"""
from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from ..core.catalog import Catalog
from ..core.formrules import SCHEMA_NAME, browser_rules
from ..core.messages import _inner_model
from ..core.model import Kommunecase
from .formhelp import help_texts
from .render import rel, render

FORM_URL = "bidra/skjema/"
RULES_FILE = "regler.json"
CASES_DIR = "caser/"
ISSUE_TEMPLATE = "foresla-case.yml"  # .github/ISSUE_TEMPLATE/
SCHEMA_LINE = f"# yaml-language-server: $schema=../../schema/{SCHEMA_NAME}"
# Free-text fields that take a short phrase: a one-line box instead of a text area (presentation
# only; a field not named here gets a text area).
SHORT_TEXT = ("rolle", "merknad")


def field_comments(record: type[BaseModel] = Kommunecase) -> dict[str, list[str]]:
    """Per top-level field, the «## name: description» lines `kulturskole ny` writes above it
    (the description of the field, its sub-fields and theirs), from the model."""
    out = {}
    for name, info in record.model_fields.items():
        lines = [f"{name}: {info.description}"]
        sub = _inner_model(info.annotation)
        if sub is not None:
            for sub_name, sub_info in sub.model_fields.items():
                lines.append(f"  {sub_name}: {sub_info.description}")
                inner = _inner_model(sub_info.annotation)
                if inner is not None:
                    lines += [f"    {n}: {i.description}" for n, i in inner.model_fields.items()]
        out[name] = lines
    return out


# The file's opening comment. {navn}, {fylke}, {fylkesnummer}, {pilot} and {dato} are filled in by
# the script; the words follow `kulturskole ny`'s opening.
HEADER = [
    "Kommunecase for {navn}, program: {program}.",
    "Fylke: {fylke} (fylkesnummer {fylkesnummer}). Kommunenummer i pilotperioden (2020–2023): {pilot}.",
    "Laget med skjemaet på nettstedet (Bidra → Skjema) {dato}. Veiledning og alle feltene: siden «Bidra» på nettstedet.",
    "",
    "Linjer som begynner med ## er forklaringer. Kontroller filen med «kulturskole sjekk»",
    "(kontrollen kjører også i pull requesten).",
]


def existing_cases(cat: Catalog) -> list[list[Any]]:
    """Every case file (examples too) as [municipality number, file, has a story (1/0), programme],
    for the form's one-case-per-municipality-and-programme rule, the file name of a further case
    (<kommune>-<program>.yml) and the facts rule's story. Compact: at 2,000 cases this list is most
    of regler.json."""
    cases = [*cat.cases, *cat.examples[:1]]  # the published ones and the example shown (form_files)
    return [[c.record.kommunenummer, c.path, int(c.markdown is not None), c.record.program]
            for c in sorted(cases, key=lambda c: c.path)]


def rules_json(cat: Catalog, record: type[BaseModel] = Kommunecase, schema: dict | None = None) -> dict:
    data = browser_rules(cat.ds, record, schema)
    data["kommentarer"] = field_comments(record)
    data["skjemalinje"] = SCHEMA_LINE
    data["hode"] = HEADER
    data["caser"] = existing_cases(cat)
    data["korte"] = list(SHORT_TEXT)
    data["hjelp"] = help_texts(record)
    red = cat.ds.redaksjon
    # The editors' channel, as the publisher filled it in (data/redaksjon.yml); never a guessed one.
    data["redaksjon"] = {"epost": red.epost, "skjema": red.skjema} if red and (red.epost or red.skjema) else None
    return data


def case_json(case) -> dict:
    """One case as its file holds it (text as written; dates stay text, as the loader reads them)."""
    return {"fil": case.path, "slug": case.slug, "data": case.src.data}


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def form_files(cat: Catalog) -> list:
    from .pagebase import GeneratedPage
    files = [GeneratedPage(FORM_URL + RULES_FILE, _dump(rules_json(cat)))]
    # Cases with a page («Rediger i skjema» is on it): the published ones and the one example shown
    # at /bidra/eksempel/ (site/generate.py). Other examples are published nowhere.
    files += [GeneratedPage(f"{FORM_URL}{CASES_DIR}{c.slug}.json", _dump(case_json(c)))
              for c in [*cat.cases, *cat.examples[:1]]]
    return files


def edit_link(here: str, slug: str) -> str:
    """The «Rediger i skjema» address for a case page."""
    return f"{rel(here, FORM_URL)}?rediger={slug}"


def branch_of(edit_uri: str | None) -> str:
    """'edit/main/' -> 'main' (the branch GitHub's pages open)."""
    parts = [p for p in (edit_uri or "").split("/") if p]
    return parts[1] if len(parts) >= 2 and parts[0] in ("edit", "blob", "tree") else "main"


def form_block(here: str, repo_url: str | None, edit_uri: str | None) -> Markup:
    """The form's place on /bidra/skjema/: what to do without JavaScript, and the scripts."""
    repo = (repo_url or "").rstrip("/")
    if not repo.startswith("https://github.com/"):
        repo = ""  # the GitHub options need a GitHub repository; never an invented address
    return render("skjema.html", here=here, rel=rel, repo=repo, gren=branch_of(edit_uri),
                  sak=f"{repo}/issues/new?template={ISSUE_TEMPLATE}" if repo else "",
                  regler=RULES_FILE, caser=CASES_DIR, guide=rel(here, "bidra/"),
                  felter=rel(here, "bidra/felter/"))
