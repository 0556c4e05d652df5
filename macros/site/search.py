"""Site search index (issues 10 and 19). Called once after a build: index_site(site_dir).

The site has its own small search engine instead of Pagefind (scripts/measure_search.py runs both on
the same pages). Why: Pagefind's runtime alone (pagefind.js + WebAssembly) is 83 KB gzip before any
index data, so a first query at 2,000 cases could not stay under 100 KB; its Snowball stemmer gives one
word several stems («lærerne» found only «lærerne»); and it knows no nynorsk, compounds or typos.

The work is split by job:
- search_text.py: what a word is, typed without æ/ø/å, typos and compounds: the rules the browser
  applies too (RULES);
- search_read.py: a built page -> its title, kind, weighted words, blocks and result-line text;
- lexicon.py: every form of a word, bokmål and nynorsk -> its base words (keys);
- search_rank.py: which page is filed under which key, and its score; the weights the browser uses (RANK);
- search_write.py: the files in <site>/sok/ that docs/assets/sok/ reads.
This module puts them together and is what the build calls.
"""
from __future__ import annotations

import logging
from pathlib import Path

import yaml

from .search_rank import Index, IndexBuilder, build_index  # noqa: F401 - the index, for callers
from .search_read import BUNDLE, Page, page_url, read_page, read_site  # noqa: F401
from .search_text import words  # noqa: F401
from .search_write import (ALPHABET, KINDS, decode_postings, encode_postings, write_bundle,  # noqa: F401
                           write_pages)

log = logging.getLogger("mkdocs.hooks.kulturskole.sok")
REPO_DATA = Path(__file__).resolve().parents[2] / "data"

try:  # MkDocs shows a PluginError as a clean message and stops the build; usable without MkDocs too
    from mkdocs.exceptions import PluginError as _Failure
except ImportError:  # pragma: no cover
    _Failure = RuntimeError


class SearchIndexError(_Failure):
    """The search index could not be built; the message says why, in Norwegian."""


def _data_file(site_dir: Path, name: str) -> Path | None:
    """A file of the data folder beside the site (project/site -> project/data), else the repository's."""
    for folder in (site_dir.parent / "data", REPO_DATA):
        if (folder / name).is_file():
            return folder / name
    return None


def synonyms(site_dir: Path) -> list[list[str]]:
    """The groups of data/synonymer.yml, each a list of lower-case phrases (`kulturskole sjekk` has
    checked the file; a broken one stops the index with the reason)."""
    from ..core.model import Synonymer

    path = _data_file(site_dir, "synonymer.yml")
    if path is None:
        return []
    try:
        groups = [Synonymer.model_validate(g) for g in yaml.safe_load(path.read_text(encoding="utf-8")) or []]
    except Exception as exc:  # noqa: BLE001 - any mistake in the file: the Norwegian reason
        raise SearchIndexError(f"Søkeindeksen kunne ikke lages: {path.name} er ikke gyldig; kjør «kulturskole sjekk» "
                               f"({type(exc).__name__}).") from exc
    return [[" ".join(words(phrase)) for phrase in g.ord if words(phrase)] for g in groups]


def register(site_dir: Path) -> dict:
    """The municipality register of the data folder (read once per index; {} when there is none)."""
    path = _data_file(site_dir, "kommuneregister.yml")
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path else {}


def place_names(data: dict) -> list[str]:
    """Words of every municipality's and county's name in the register: a name the site does not have
    («Tromsø») is a place, not a typo of one it has («Troms»)."""
    out = set()
    for group in ("kommuner", "fylker", "kommuner_2020", "fylker_2020"):
        for item in data.get(group) or []:
            out.update(words(str(item.get("navn", ""))))
    return sorted(w for w in out if len(w) >= 3 and w.isalpha())  # «Testkommune 0001»: 0001 is no name


def places(data: dict) -> dict[str, list[str]]:
    """Every municipality of the register by its name's words ("nord fron"): [its name, the page of its
    county, the county's name]. The dialog points a search for a place the site has no page about to
    the municipalities nearest it («Drammen»: the page for Buskerud)."""
    from ..core.slug import slugify

    counties = {str(f.get("nummer")): str(f.get("navn", "")) for f in data.get("fylker") or []}
    out: dict[str, list[str]] = {}
    for item in data.get("kommuner") or []:
        name, county = str(item.get("navn", "")), counties.get(str(item.get("fylke")))
        if not county:
            continue
        # A name in two languages («Guovdageaidnu - Kautokeino») is found by either, and by both.
        for part in [name] + (name.split(" - ") if " - " in name else []):
            key = " ".join(words(part))
            if key and key.replace(" ", "").isalpha():
                out[key] = [part.strip(), f"fylker/{slugify(county)}/", county]
    return dict(sorted(out.items()))


def index_site(site_dir: Path, known: dict[str, Page | None] | None = None,
               builder: IndexBuilder | None = None) -> None:
    """Build the search index into site_dir/sok; raise SearchIndexError if that fails.
    known: pages already read (see read_site); builder: an IndexBuilder they were added to.

    Serial on purpose. Until 5 Dec the s/ files were written by a forked child while the index was
    built: the child touched every page object, so the system copied most of this process's memory
    for it (about 290 MB at 2,000 cases, at the build's peak), to save writing 2,000 small files
    (0.07 s measured)."""
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise SearchIndexError(f"Søkeindeksen kunne ikke lages: fant ikke mappen {site_dir}.")
    pages = read_site(site_dir, known)
    if not pages:
        # Without the mark the index would hold navigation, header and footer of every page.
        raise SearchIndexError("Søkeindeksen kunne ikke lages: ingen side har data-pagefind-body; "
                               "sjekk overrides/main.html.")
    out = site_dir / BUNDLE
    groups, reg = synonyms(site_dir), register(site_dir)
    try:
        write_pages(pages, out)
        index = (builder or IndexBuilder()).build(pages)
        write_bundle(index, out, pages_written=True, synonyms=groups, place_names=place_names(reg),
                     places=places(reg))
    except OSError as exc:
        raise SearchIndexError(f"Søkeindeksen kunne ikke skrives til {site_dir / BUNDLE}: {exc}") from exc
    log.info("Søkeindeks: %s sider", len(pages))


def index_command(site_dir: Path) -> list[str]:
    """The indexing step as a command (bench/run.py runs it after a plain MkDocs build)."""
    import sys
    return [sys.executable, "-m", "macros.site.search", str(site_dir)]


if __name__ == "__main__":
    import sys
    index_site(Path(sys.argv[1]))
