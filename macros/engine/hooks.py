"""Thin MkDocs hooks: load the data once, stop the build on data errors, add generated pages,
render them without a second Markdown pass, check internal links, index the site for search.

All logic lives in plain functions (catalog.load_site, site.prebuild, site.linkcheck,
site.search); this file only adapts them to MkDocs events, so the site can move to another
engine without rewriting the core.

This is one of the entry points that decide parallelism (core/forked.py): in on_config, serial for
the preview (`serve`), else KULTURSKOLE_PROSESSER. A build's state lives on one Build object
(engine/state.py), made in on_config and dropped in on_shutdown; the functions MkDocs calls are the
methods of the one `Hooks` object below.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from macros.core.catalog import forget_loaded, load_site
from macros.core.forked import Workers
from macros.engine import fastpages, memory
from macros.engine.state import Build
from macros.site import linkcheck, prebuild
from macros.site.exports import revision
from macros.site.repository import RepositoryError, find_repository
from macros.site.pages import case_url, src_uri
from macros.site.search import index_site
from macros.site.searchfeed import SearchFeed

log = logging.getLogger("mkdocs.hooks.kulturskole")
# Outside MkDocs' logger on purpose: MkDocs counts its own warnings and strict mode (make site,
# the tests) stops on them; this one must show in a local build without stopping it.
advarsel = logging.getLogger("kulturskole.bygg")
# A helper process that failed or missed its deadline is said here (info: the build goes on).
prosesser = logging.getLogger("mkdocs.hooks.kulturskole.prosesser")


def data_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "data"


def catalog_or_fail(config, workers: Workers | None = None):
    catalog, problems = load_site(data_dir(config), workers)
    if problems:
        lines = "\n".join(f"  {p}" for p in problems)
        raise PluginError(
            f"Datafilene har {len(problems)} feil, og nettstedet bygges ikke før de er rettet:\n{lines}\n"
            "Kjør «make check» (kulturskole sjekk) for samme liste."
        )
    return catalog


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


def check_statement(config, serving: bool = False) -> None:
    """The accessibility statement needs its owner and feedback channel: required when publishing."""
    from macros.site.statement import publisher_message

    message = publisher_message(data_dir(config))
    if message is None:
        return
    if config.site_url and not serving:  # SITE_URL set: published (the preview sets its own address)
        raise PluginError(message + " Nettstedet publiseres ikke før de er fylt inn.")
    advarsel.warning("ADVARSEL: %s Det er greit i en lokal bygging, men publiseringen (SITE_URL satt) stopper.",
                     message)


def decide_workers(serving: bool) -> Workers:
    """The build's processes, decided here once: the preview is always serial (it has threads)."""
    if serving:
        return Workers.serial(prosesser)
    try:
        return Workers.from_env(log=prosesser)
    except ValueError as exc:
        raise PluginError(str(exc)) from None


class Hooks:
    """The hooks MkDocs calls, as methods of one object; `build` is the current build's state."""

    def __init__(self):
        self.serving = False
        self.build: Build | None = None
        self._config = None  # the config the build hangs on (engine/state.py)

    def on_startup(self, command, dirty):
        self.serving = command == "serve"

    @event_priority(100)  # before mkdocs-macros copies the config for page templates (config.repo_url)
    def on_config(self, config):
        self._drop()
        workers = decide_workers(self.serving)
        self.build = build = Build(workers, self.serving, fastpages.ReadyStore(config, workers))
        build.attach(config)
        self._config = config
        if workers.parallel:
            # Started before the data is read: the second process loads its lexicon while this one
            # reads the data on one core, not while both cores make pages.
            build.feed = SearchFeed(Path(config.site_dir))
        build.catalog = Build.preloaded(config) or catalog_or_fail(config, workers)
        set_repository(config)
        check_statement(config, self.serving)
        return config

    def on_files(self, files: Files, config) -> Files:
        build = self._current(config)
        # Hand-written pages: the edit link points at docs/<file> in the repository.
        for f in files.documentation_pages():
            if f.generated_by is None:
                f.edit_uri = f"{Path(config.docs_dir).name}/{f.src_uri}"
        catalog = build.catalog  # loaded and checked in on_config
        _set_page_dates(build, catalog)
        build.generated.clear()
        build.ready.close()
        for page in prebuild.pages(catalog, config.site_url or None, build.workers):
            f = File.generated(config, page.src_uri, content=page.content, inclusion=InclusionLevel.NOT_IN_NAV)
            f.edit_uri = page.edit_path
            files.append(f)
            build.generated.add(page.src_uri)
        # The preparation step (engine/fastpages.py): part of our pages read in a child meanwhile.
        build.ready.prepare(files, build.generated)
        build.files = files
        return files

    def on_page_markdown(self, markdown, page, config, files):
        dates = self._current(config).page_dates
        page.update_date = dates.get(page.file.src_uri, dates.get("", page.update_date))
        return markdown

    def on_nav(self, nav, config, files):
        build = self._current(config)
        fastpages.use_final_html(files, build.generated, build.ready)
        return nav

    @event_priority(-100)  # after the other hooks: every page is read and rendered to HTML by now
    def on_env(self, env, config, files):
        build = self._current(config)
        if not build.serving:  # the preview makes pages again later; a build never reads these again
            release_sources(build, files)
            memory.release(collect=False)
        return env

    def on_page_content(self, html: str, page, config, files) -> str:
        """Every internal link in the page's HTML must lead to a page or file of the site; links to
        anchors are handed to MkDocs, which checks them once every page is rendered."""
        build = self._current(config)
        known = build.urls(files)
        extra = set(config.theme.static_templates)
        ready = build.ready.ready_for(page.file)
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

    @event_priority(-100)  # after every other hook has changed the page: the index sees what is written
    def on_post_page(self, output: str, page, config) -> str:
        build = self._current(config)
        if build.feed is not None:
            build.feed.add(page.file.dest_uri, output)
        if not build.serving and page.file.src_uri in build.generated:
            page.content = ""  # written and indexed; not in the navigation, so no other page shows it
        return output

    def on_post_build(self, config):
        build = self._current(config)
        build.ready.close()
        if build.serving:  # the preview indexes in the background itself (engine/serve/)
            return
        feed, build.feed = build.feed, None
        # The search index's last and biggest part comes now (in the search process, or here): what
        # this process no longer needs goes back to the system first (engine/memory.py). MkDocs has
        # written every file by now, so the exports and other generated files' content goes too.
        for f in build.files or ():
            if f.src_uri in build.generated:
                f.content_bytes = b""
        memory.release()
        if feed is None:
            index_site(Path(config.site_dir))
        else:
            feed.finish()

    def on_build_error(self, error):
        if self.build is not None:
            self.build.stop_helpers()

    def on_shutdown(self):
        self._drop()  # also a build that never got to its end (a test that only runs the first events)

    def _current(self, config) -> Build:
        build = Build.of(config)
        if build is None:  # an event without on_config first (a test calling one hook)
            raise PluginError("kulturskole-krokene: on_config er ikke kjørt for denne konfigurasjonen")
        return build

    def _drop(self) -> None:
        build, self.build = self.build, None
        if build is not None:
            build.stop_helpers()
        if self._config is not None:
            Build.detach(self._config)
            self._config = None


def release_sources(build: Build, files) -> None:
    """After MkDocs read and rendered every page: what only that needed goes. The catalog (the
    macros keep it by weak reference), the pages read beforehand, and the Markdown of our generated
    pages (not in the navigation, so no other page shows their title; meta still has it)."""
    build.catalog = None
    forget_loaded()
    build.ready.close()
    for f in files.documentation_pages():
        if f.src_uri in build.generated and f.page is not None:
            f.page.markdown = ""
            f.content_string = ""


def _set_page_dates(build: Build, catalog) -> None:
    """Each page's date (the sitemap's lastmod, and the mtime in sitemap.xml.gz's header), from the
    data rather than from the clock of the machine that builds, so every build of a commit is identical."""
    build.page_dates.clear()
    build.page_dates[""] = revision(catalog).isoformat()  # every other page: the data's newest update
    build.page_dates.update({src_uri(case_url(c)): c.record.oppdatert.isoformat() for c in catalog.cases})


_hooks = Hooks()  # the one object; MkDocs calls its methods through these names
on_startup = _hooks.on_startup
on_config = _hooks.on_config
on_files = _hooks.on_files
on_page_markdown = _hooks.on_page_markdown
on_nav = _hooks.on_nav
on_env = _hooks.on_env
on_page_content = _hooks.on_page_content
on_post_page = _hooks.on_post_page
on_post_build = _hooks.on_post_build
on_build_error = _hooks.on_build_error
on_shutdown = _hooks.on_shutdown
