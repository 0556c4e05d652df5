"""Generated pages for the preview server: after a save, regenerate only what can have changed.

Case pages are most of the work (thousands; about 2 ms each). A case page shows its own YAML and
Markdown, its related cases, and catalog-wide data (register, focus areas, criteria, programmes):
`Generator` keeps each case page with those inputs and makes it again only when one of them
changed. The few pages that list many cases (county, focus-area and criteria pages, the explorer,
the exports) are made again every time and kept only where their text changed. The result is
always exactly `prebuild.pages(catalog)` (tests/test_incremental.py checks it after random edits).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..core.catalog import Catalog
from ..core.load import Case
from . import prebuild
from .pages import GeneratedPage, case_page
from .related import related_cases


def _related_key(case: Case, cat: Catalog) -> tuple:
    return tuple((r.case.slug, r.case.record.navn, r.case.record.kommunenummer, tuple(r.reasons))
                 for r in related_cases(case, cat))


def catalog_key(cat: Catalog, stamp: object) -> tuple:
    """What every case page may show of the rest of the catalog: `stamp` (the caller's fingerprint of
    the data files that are not case files) and every case's name, number, programme and file (a
    case page links the municipality's other cases by programme, and its title names its programme
    when there are several)."""
    return stamp, tuple((c.slug, c.record.navn, c.record.kommunenummer, c.eksempel, c.record.program)
                        for c in cat.ds.cases)


class Cancelled(Exception):
    """update() stopped because a newer save is waiting."""


@dataclass
class Changes:
    changed: list[GeneratedPage] = field(default_factory=list)  # new or different text
    removed: list[str] = field(default_factory=list)  # src_uri of pages no longer generated
    made_cases: int = 0  # case pages made again (the others were reused)
    pages: dict[str, GeneratedPage] = field(default_factory=dict)  # all of them, by src_uri


class Generator:
    """The generated pages of the last catalog, updated page by page."""

    def __init__(self, site_url: str | None = None):
        self.site_url = site_url
        self.pages: dict[str, GeneratedPage] = {}
        self._cases: dict[str, tuple] = {}  # case file -> (its Source, other inputs, page)
        self._catalog_key: tuple | None = None
        self._made = 0
        self._cancelled = None

    def make_case(self, case: Case, cat: Catalog) -> GeneratedPage:
        """case_page(), or the page made last time if nothing it shows has changed."""
        # While yamlsrc remembers parses, an unchanged file gives the very same Source object, so
        # `is` compares it; a new object always counts as changed (never wrong, only slower).
        inputs = (case.markdown, case.slug, _related_key(case, cat))
        hit = self._cases.get(case.path)
        if hit and hit[0] is case.src and hit[1] == inputs:
            return hit[2]
        if self._cancelled is not None and self._cancelled():
            raise Cancelled
        page = case_page(case, cat)
        self._cases[case.path] = (case.src, inputs, page)
        self._made += 1
        return page

    def case_pages(self, cat: Catalog, stamp: object, paths: set[str]) -> list[GeneratedPage]:
        """The pages of the cases whose files (YAML or Markdown, repository paths) are in `paths`,
        as the engine gets them: for the first step after a save."""
        self._check_catalog(cat, stamp)
        out = []
        for case in [*cat.cases, *cat.examples[:1]]:
            if case.path in paths or case.path.removesuffix(".yml") + ".md" in paths:
                page = prebuild.with_source(self.make_case(case, cat))
                if self.pages.get(page.src_uri) != page:
                    out.append(page)
        return out

    def update(self, cat: Catalog, stamp: object, cancelled=None) -> Changes:
        """Every generated page for this catalog; what differs from the pages last committed. Raises
        Cancelled when cancelled() turns true while case pages are being made."""
        self._check_catalog(cat, stamp)
        self._made = 0
        self._cancelled = cancelled
        def checkpoint() -> None:
            if cancelled is not None and cancelled():
                raise Cancelled

        try:
            new = {p.src_uri: p for p in prebuild.pages(cat, self.site_url, make_case=self.make_case,
                                                         checkpoint=checkpoint)}
        finally:
            self._cancelled = None
        changes = Changes(made_cases=self._made, pages=new)
        changes.changed = [p for uri, p in new.items() if self.pages.get(uri) != p]
        changes.removed = [uri for uri in self.pages if uri not in new]
        live = {c.path for c in cat.ds.cases}
        for path in [p for p in self._cases if p not in live]:
            del self._cases[path]
        return changes

    def commit(self, changes: Changes) -> None:
        """The caller has published these changes (until then, the next update reports them again)."""
        self.pages = changes.pages

    def accept(self, pages: list[GeneratedPage]) -> None:
        """Pages the caller has already published (the first step after a save)."""
        for p in pages:
            self.pages[p.src_uri] = p

    def _check_catalog(self, cat: Catalog, stamp: object) -> None:
        key = catalog_key(cat, stamp)
        if key != self._catalog_key:
            self._cases.clear()
            self._catalog_key = key

