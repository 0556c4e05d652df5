"""Everything the site builds from data, in one list: the core record pages and each feature's
pages and files. The MkDocs hook (or a bench, or another engine) calls only this."""
from __future__ import annotations

from ..core.catalog import Catalog
from .editor_pages import editor_pages
from .explorer import explorer_pages
from .form import form_files
from .exports import export_files
from .pages import GeneratedPage, core_pages
from .resources import resource_pages
from .selfassess import selfassess_files


def generate(cat: Catalog, site_url: str | None = None, make_case=None, checkpoint=None) -> list[GeneratedPage]:
    """All generated pages and files. site_url (when known) makes the feed's links absolute.
    make_case: how a case page is made (pages.case_page; the preview server reuses unchanged ones).
    checkpoint: called before each group of pages (the preview server raises there to stop early
    for a newer save)."""
    stages = (
        lambda: core_pages(cat, make_case),
        lambda: editor_pages(cat),
        lambda: explorer_pages(cat),
        lambda: resource_pages(cat),
        lambda: selfassess_files(cat),
        lambda: export_files(cat, site_url),
        lambda: form_files(cat),
    )
    out: list[GeneratedPage] = []
    for stage in stages:
        if checkpoint is not None:
            checkpoint()
        out.extend(stage())
    return out
