"""Material's navigation and table of contents, rendered once for pages that share them (macros/engine/navcache.py),
gives every page exactly the HTML that rendering it for each page gives."""
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import BasePlugin

from macros.engine import navcache
from macros.engine.state import Build

from .conftest import FIXTURE_DATA, build, make_project


def _pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def test_the_cached_navigation_is_the_navigation_of_each_page(tmp_path, monkeypatch):
    """Two builds of the fixture site, the first with the caches and the second without: the same pages."""
    from mkdocs import plugins as mkplugins

    caches: list[navcache.NavCache] = []

    class Keep(BasePlugin):  # each build's cache, as the hooks made it
        def on_post_build(self, config):
            caches.append(Build.of(config).navcache)

    real_install, real_on_startup = navcache.NavCache.install, mkplugins.PluginCollection.on_startup

    def install(self, env):
        self.enabled = not caches  # the second build renders every navigation as Material does
        real_install(self, env)

    def on_startup(self, *, command, dirty):
        self["kulturskole-test-behold"] = Keep()
        return real_on_startup(self, command=command, dirty=dirty)

    monkeypatch.setattr(navcache.NavCache, "install", install)
    monkeypatch.setattr(mkplugins.PluginCollection, "on_startup", on_startup)
    sites = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        sites.append(make_project(tmp_path / name, FIXTURE_DATA))
    cached = _pages(build(sites[0]))
    plain = _pages(build(sites[1]))
    assert sorted(cached) == sorted(plain)
    differ = [path for path in plain if cached[path] != plain[path]]
    assert differ == []
    assert caches[0].enabled and not caches[1].enabled
    assert caches[0].reused[navcache.TEMPLATE] > 10  # the cached build really reused navigations
    assert caches[0].reused[navcache.TOC_TEMPLATE] > 10  # ... and tables of contents
    assert 'class="md-nav md-nav--primary"' in cached["kommuner/bodo/index.html"]
    assert cached["kommuner/bodo/index.html"].count("md-nav__link") > 5
