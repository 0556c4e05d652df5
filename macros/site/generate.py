"""Everything the site builds from data, in one list: the core record pages and each feature's
pages and files. The MkDocs hook (or a bench, or another engine) calls only this."""
from __future__ import annotations

import json

from ..core.catalog import Catalog
from .editor_pages import editor_pages
from .explorer import explorer_pages
from .form import form_files
from .countyfeeds import county_files
from .focuspages import fokus_pages
from .opendata import export_files
from .mangler import mangler_page
from .metoder import metode_pages
from ..core.forked import Workers
from .pages import GeneratedPage, case_page, index_pages
from .resources import resource_pages
from .selfassess import selfassess_files

# The preview server's checkpoint runs at least this often among the case pages (about 0.05 s of
# work at 2,000 cases when pages are reused), so a newer save waits little for the last one's work.
CASES_PER_CHECKPOINT = 100


def with_source(page: GeneratedPage) -> GeneratedPage:
    """The page with `kilde: <edit_path>` in its front matter (Markdown pages with a source), the
    repository path an edit link points at."""
    content = page.content
    if not page.edit_path or not page.src_uri.endswith(".md") or not isinstance(content, str):
        return page
    text = str(content)
    line = f"kilde: {json.dumps(page.edit_path, ensure_ascii=False)}\n"
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end >= 0:
            return GeneratedPage(page.src_uri, text[:end + 1] + line + text[end + 1:], page.edit_path)
    return GeneratedPage(page.src_uri, f"---\n{line}---\n\n{text}", page.edit_path)


def generate(cat: Catalog, site_url: str | None = None, workers: Workers | None = None, *,
             make_case=None, checkpoint=None, sourced: bool = False) -> list[GeneratedPage]:
    """All generated pages and files. site_url (when known) makes the feed's links absolute.
    workers: how many processes may make them (core/forked.py; serial unless the caller decided):
    with more than one, a forked child makes part of the case pages meanwhile; the same list.
    make_case: how a case page is made (pages.case_page; the preview server reuses unchanged ones).
    checkpoint: called often between pages (the preview server raises there to stop early for a
    newer save).
    sourced: every page as the engine gets it (with_source), in the child for the child's pages."""
    make_case = make_case or case_page
    finish = with_source if sourced else (lambda page: page)
    cases = [*cat.cases, *cat.examples[:1]]

    def child_page(case) -> GeneratedPage:
        return finish(make_case(case, cat))

    # The child makes the last share of the case pages (forked.JOBS["casesider"]); this process makes
    # the others and the rest of the pages meanwhile, so the two finish at about the same time.
    own, child = (workers or Workers.serial()).share("casesider", child_page, cases)
    with child:
        def own_cases() -> list[GeneratedPage]:
            out = []
            for i, case in enumerate(own):
                if checkpoint is not None and i % CASES_PER_CHECKPOINT == 0:
                    checkpoint()
                out.append(finish(make_case(case, cat)))
            return out

        stages = (
            own_cases,
            lambda: index_pages(cat, checkpoint),
            lambda: fokus_pages(cat),
            lambda: editor_pages(cat),
            lambda: explorer_pages(cat),
            lambda: resource_pages(cat),
            lambda: metode_pages(cat),
            lambda: mangler_page(cat),
            lambda: selfassess_files(cat),
            lambda: export_files(cat, site_url, checkpoint),
            lambda: county_files(cat, site_url),
            lambda: form_files(cat),
        )
        groups: list[list[GeneratedPage]] = []
        for stage in stages:
            if checkpoint is not None:
                checkpoint()
            groups.append(stage() if stage is own_cases else [finish(page) for page in stage()])
        groups.insert(1, child.result())  # the case pages in their order, then the rest
    return [page for group in groups for page in group]
