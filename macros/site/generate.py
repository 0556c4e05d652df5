"""Everything the site builds from data, in one list: the core record pages and each feature's
pages and files. The MkDocs hook (or a bench, or another engine) calls only this."""
from __future__ import annotations

from ..core.catalog import Catalog
from .editor_pages import editor_pages
from .explorer import explorer_pages
from .form import form_files
from .countyfeeds import county_files
from .exports import export_files
from .mangler import mangler_page
from .metoder import metode_pages
from ..core.forked import Share
from .pages import GeneratedPage, case_page, index_pages
from .resources import resource_pages
from .selfassess import selfassess_files

# With fewer case pages, starting the child costs more than it saves (the 16-case build).
FORK_FROM = 100
CHILD_SHARE = 0.65
# With prepare, the child's pages cost it half as much again, and this process saves that later.
CHILD_SHARE_PREPARED = 0.52
# The preview server's checkpoint runs at least this often among the case pages (about 0.05 s of
# work at 2,000 cases when pages are reused), so a newer save waits little for the last one's work.
CASES_PER_CHECKPOINT = 100


def generate(cat: Catalog, site_url: str | None = None, make_case=None, checkpoint=None,
             fork: bool = False, finish=None, prepare=None) -> list[GeneratedPage]:
    """All generated pages and files. site_url (when known) makes the feed's links absolute.
    make_case: how a case page is made (pages.case_page; the preview server reuses unchanged ones).
    checkpoint: called often between pages (the preview server raises there to stop early for a
    newer save).
    fork: make part of the case pages in a second process meanwhile (core/forked.py); the same list.
    finish: applied to every page (prebuild.with_source).
    prepare: fn(page) -> what the engine will work out from the page anyway (engine/fastpages.py);
    done for the second process's share of the case pages, there, and kept as page.prepared."""
    make_case = make_case or case_page
    finish = finish or (lambda page: page)
    cases = [*cat.cases, *cat.examples[:1]]

    def child_page(case) -> GeneratedPage:
        page = finish(make_case(case, cat))
        if prepare is not None:
            page.prepared = prepare(page)
        return page

    # The child makes the last CHILD_SHARE of the case pages; this process makes the others and the
    # rest of the pages meanwhile, so the two finish at about the same time.
    fork = fork and len(cases) >= FORK_FROM
    cut = len(cases) - int(len(cases) * (CHILD_SHARE if prepare is None else CHILD_SHARE_PREPARED)) if fork \
        else len(cases)
    with Share(child_page, cases[cut:], fork=fork) as child:
        def own_cases() -> list[GeneratedPage]:
            out = []
            for i, case in enumerate(cases[:cut]):
                if checkpoint is not None and i % CASES_PER_CHECKPOINT == 0:
                    checkpoint()
                out.append(finish(make_case(case, cat)))
            return out

        stages = (
            own_cases,
            lambda: index_pages(cat, checkpoint),
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
