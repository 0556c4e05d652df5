"""What every generated page is and where it lives: the page record, the URL of each kind of record,
and the front matter. The lowest layer of site/: feature modules and pages.py build on it."""
from __future__ import annotations

from dataclasses import dataclass

import yaml
from markupsafe import Markup

from ..core.catalog import Catalog
from ..core.load import Case
from ..core.model import Fokusomrade, Fylke, Metode, Program, Suksesskriterium
from .render import attr

EXAMPLE_URL = "bidra/eksempel/"


def case_url(case: Case) -> str:
    return EXAMPLE_URL if case.eksempel else f"kommuner/{case.slug}/"


def fylke_url(fylke: Fylke) -> str:
    return f"fylker/{Catalog.fylke_slug(fylke)}/"


def program_url(p: Program) -> str:
    return f"program/{p.id}/"


def fokus_url(f: Fokusomrade) -> str:
    return f"fokusomrader/{f.id}/"


def kriterium_url(k: Suksesskriterium) -> str:
    return f"suksesskriterier/{k.id}/"


def metode_url(m: Metode) -> str:
    return f"metoder/{m.id}/"


def src_uri(url: str) -> str:
    """Directory URL -> source path: 'kommuner/bodo/' -> 'kommuner/bodo.md', '' -> 'index.md'."""
    return f"{url.rstrip('/')}.md" if url else "index.md"


@dataclass
class GeneratedPage:
    src_uri: str  # e.g. "kommuner/bodo.md"
    content: str  # Markdown with front matter
    edit_path: str | None = None  # repository path of the data it comes from, for "edit this page"


_CDumper = getattr(yaml, "CSafeDumper", None)


def front_matter(title: str, description: str, **extra) -> Markup:
    """YAML front matter; render_macros: false keeps mkdocs-macros off generated pages."""
    meta = {"title": title, "description": attr(description), "render_macros": False, **extra}
    # libyaml's emitter (7x faster) writes the same text as PyYAML's, except that it escapes some
    # characters PyYAML writes as they are (emoji): any backslash in its text -> PyYAML's.
    text = yaml.dump(meta, Dumper=_CDumper, allow_unicode=True, sort_keys=False) if _CDumper else "\\"
    if "\\" in text:
        text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return Markup("---\n" + text + "---\n\n")
