"""One build's state: what the MkDocs hooks keep between events, on one object.

hooks.py creates a Build in on_config and drops it in on_shutdown (or when the next build starts);
nothing of a build lives in a module global. The object hangs on the MkDocs config as
`config.kulturskole`, so the other hook module (material_fixes.py) and the macros (page_macros.py)
find the same one, however their modules were loaded.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from macros.core.forked import Workers
from macros.engine.fastpages import ReadyStore
from macros.engine.navcache import NavCache

ATTRIBUTE = "kulturskole"  # config.kulturskole: not a config key, so MkDocs' validation never sees it
# An entry point that has loaded and checked the data already (the preview) hangs the catalog here,
# and the hooks use it instead of loading the data again.
PRELOADED = "kulturskole_katalog"


@dataclass
class Build:
    workers: Workers  # decided once, in on_config: serial for the preview, else KULTURSKOLE_PROSESSER
    serving: bool  # the preview (`make serve`): its own address, no publishing checks
    ready: ReadyStore  # generated pages read beforehand (engine/fastpages.py)
    navcache: NavCache = field(default_factory=NavCache)  # Material's navigation once per folder
    catalog: object | None = None  # the validated data (core/catalog.Catalog)
    generated: set[str] = field(default_factory=set)  # src_uri of our generated files
    files: object | None = None  # MkDocs' Files of this build, with ours among them
    page_dates: dict[str, str] = field(default_factory=dict)  # src_uri -> the date the sitemap shows
    trusted_scripts: object | None = None  # the content security policy's inline scripts (site/csp.py)
    stylesheet: str | None = None  # the one stylesheet's file name (material_fixes.py)
    feed: object | None = None  # the search index beside the build (site/searchfeed.py), if parallel
    _urls: tuple | None = None  # (Files, their number, {url: File}) for the link check

    def urls(self, files) -> dict:
        """Every URL of the site with its File, remade when the files change."""
        if self._urls is None or self._urls[0] is not files or self._urls[1] != len(files):
            from macros.site import linkcheck

            self._urls = (files, len(files), {linkcheck.normalize_url(f.url): f for f in files})
        return self._urls[2]

    def stop_helpers(self) -> None:
        """The build ended or stopped: no child or search process outlives it."""
        self.ready.close()
        feed, self.feed = self.feed, None
        if feed is not None:
            feed.cancel()

    def attach(self, config) -> None:
        setattr(config, ATTRIBUTE, self)

    @staticmethod
    def of(config) -> "Build | None":
        return getattr(config, ATTRIBUTE, None)

    @staticmethod
    def detach(config) -> None:
        for name in (ATTRIBUTE, PRELOADED):
            if hasattr(config, name):
                delattr(config, name)

    @staticmethod
    def preload(config, catalog) -> None:
        setattr(config, PRELOADED, catalog)

    @staticmethod
    def preloaded(config):
        return getattr(config, PRELOADED, None)
