"""Thin MkDocs hooks: load the data once, stop the build on data errors, add generated pages,
render them without a second Markdown pass, check internal links, index the site for search.

All logic lives in plain functions (catalog.load_site, site.prebuild, site.linkcheck,
site.search); this file only adapts them to MkDocs events, so the site can move to another
engine without rewriting the core.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from macros.core.catalog import load_site
from macros.engine import fastpages
from macros.site import linkcheck, prebuild
from macros.site.exports import revision
from macros.site.repository import RepositoryError, find_repository
from macros.site.pages import case_url, src_uri
from macros.site.searchfeed import SearchFeed

log = logging.getLogger("mkdocs.hooks.kulturskole")
# Outside MkDocs' logger on purpose: MkDocs counts its own warnings and strict mode (make site,
# the tests) stops on them; this one must show in a local build without stopping it.
advarsel = logging.getLogger("kulturskole.bygg")

# Per build: our generated pages, and every URL of the site with its File (for the link check).
_generated: set[str] = set()
_by_url: dict[str, File] = {}
_by_url_for: list = [None, -1]  # (the Files it was made from, their number): remade when files change
_serving = [False]


def data_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "data"


def catalog_or_fail(config):
    catalog, problems = load_site(data_dir(config))
    if problems:
        lines = "\n".join(f"  {p}" for p in problems)
        raise PluginError(
            f"Datafilene har {len(problems)} feil, og nettstedet bygges ikke før de er rettet:\n{lines}\n"
            "Kjør «make check» (kulturskole sjekk) for samme liste."
        )
    return catalog


def on_startup(command, dirty):
    _serving[0] = command == "serve"


def set_repository(config) -> None:
    """repo_url from REPO_URL or the checkout's GitHub remote, else none (no edit links either)."""
    try:
        repo = find_repository(os.environ, Path(config.config_file_path).resolve().parent)
    except RepositoryError as exc:
        raise PluginError(str(exc)) from None
    config.repo_url = repo.url
    if repo.url is None:
        config.edit_uri = None  # MkDocs would otherwise make edit links relative to the site
    log.info(repo.info_line())


def check_statement(config) -> None:
    """The accessibility statement needs its owner and feedback channel: required when publishing."""
    from macros.site.statement import publisher_message

    message = publisher_message(data_dir(config))
    if message is None:
        return
    if config.site_url and not _serving[0]:  # SITE_URL set: published (the preview sets its own address)
        raise PluginError(message + " Nettstedet publiseres ikke før de er fylt inn.")
    advarsel.warning("ADVARSEL: %s Det er greit i en lokal bygging, men publiseringen (SITE_URL satt) stopper.",
                     message)


@event_priority(100)  # before mkdocs-macros copies the config for page templates (config.repo_url)
def on_config(config):
    start_feed(config)
    catalog_or_fail(config)
    set_repository(config)
    check_statement(config)
    return config


def on_files(files: Files, config) -> Files:
    # Hand-written pages: the edit link points at docs/<file> in the repository.
    for f in files.documentation_pages():
        if f.generated_by is None:
            f.edit_uri = f"{Path(config.docs_dir).name}/{f.src_uri}"
    catalog = catalog_or_fail(config)
    _set_page_dates(catalog)
    _generated.clear()
    fastpages.forget()
    # A full build: the page child also reads and renders its pages (engine/fastpages.py), which
    # this process would otherwise do on its own while the second core waits for the first page.
    prepare = None if _serving[0] else fastpages.preparer(config)
    for page in prebuild.pages(catalog, config.site_url or None, fork=not _serving[0], prepare=prepare):
        f = File.generated(config, page.src_uri, content=page.content, inclusion=InclusionLevel.NOT_IN_NAV)
        f.edit_uri = page.edit_path
        files.append(f)
        _generated.add(page.src_uri)
        if page.prepared is not None:
            fastpages.READY[page.src_uri] = page.prepared
    return files


# Each page's date (the sitemap's lastmod, and the mtime in sitemap.xml.gz's header), from the data
# rather than from the clock of the machine that builds, so every build of a commit is identical.
_page_dates: dict[str, str] = {}


def on_page_markdown(markdown, page, config, files):
    page.update_date = _page_dates.get(page.file.src_uri, _page_dates.get("", page.update_date))
    return markdown


def _set_page_dates(catalog) -> None:
    _page_dates.clear()
    _page_dates[""] = revision(catalog).isoformat()  # every other page: the data's newest update
    _page_dates.update({src_uri(case_url(c)): c.record.oppdatert.isoformat() for c in catalog.cases})


def _urls(files) -> dict[str, File]:
    n = len(files)
    if _by_url_for[0] is not files or _by_url_for[1] != n:
        _by_url.clear()
        _by_url.update((linkcheck.normalize_url(f.url), f) for f in files)
        _by_url_for[:] = [files, n]
    return _by_url


def on_nav(nav, config, files):
    fastpages.use_final_html(files, _generated)
    if not _serving[0]:  # part of the pages the page child did not prepare: a second child, meanwhile
        fastpages.prepare_rest(config, files, _generated)
    return nav


def on_page_content(html: str, page, config, files) -> str:
    """Every internal link in the page's HTML must lead to a page or file of the site; links to
    anchors are handed to MkDocs, which checks them once every page is rendered."""
    known = _urls(files)
    extra = set(config.theme.static_templates)
    ready = fastpages.ready_for(page.file)
    links = ready.links if ready is not None and html == ready.content else \
        linkcheck.page_links(linkcheck.normalize_url(page.url), html)
    for link in links:
        if link.href.endswith(".md") or ".md#" in link.href:
            continue  # a Markdown link MkDocs could not resolve: it has already said so
        target = linkcheck.find(link.url, known)
        if target is None:
            if link.url not in extra:
                log.log(config.validation.links.not_found,
                        f"Siden {page.file.src_uri} lenker til «{link.href}», men {link.url or 'forsiden'} "
                        "finnes ikke på nettstedet.")
            continue
        if link.anchor:
            if page.links_to_anchors is None:
                page.links_to_anchors = {}
            page.links_to_anchors.setdefault(known[target], {}).setdefault(link.anchor, link.href)
    return html


# A full build hands each page to the search index as it is rendered (site/searchfeed.py), so the
# index is read on a second core while this one renders; the preview indexes in the background.
_feed: list[SearchFeed | None] = [None]


def start_feed(config) -> None:
    """Started before the data is read: the second process loads its lexicon while this one reads
    the data on one core, not while both cores make pages."""
    _stop_feed()
    if not _serving[0]:
        _feed[0] = SearchFeed(Path(config.site_dir))


@event_priority(-100)  # after every other hook has changed the page: the index sees what is written
def on_post_page(output: str, page, config) -> str:
    if _feed[0] is not None:
        _feed[0].add(page.file.dest_uri, output)
    return output


def on_post_build(config):
    fastpages.forget()
    if _serving[0]:  # a preview: search catches up in the background, the pages are there already
        from macros.site.reindex import SEARCH
        SEARCH.request(Path(config.site_dir))
        return
    feed, _feed[0] = _feed[0], None
    (feed or SearchFeed(Path(config.site_dir))).finish()


def on_build_error(error):
    fastpages.forget()
    _stop_feed()


def on_shutdown():
    _stop_feed()  # a build that never got to its end (a test that only runs the first events)


def _stop_feed() -> None:
    feed, _feed[0] = _feed[0], None
    if feed is not None:
        feed.cancel()
