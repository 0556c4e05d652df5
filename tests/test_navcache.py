"""Material's navigation and table of contents, rendered once for pages that share them (macros/engine/navcache.py),
gives every page exactly the HTML that rendering it for each page gives."""
from __future__ import annotations

from pathlib import Path

from macros.engine import navcache

from .conftest import FIXTURE_DATA, build, make_project


def _pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def test_the_cached_navigation_is_the_navigation_of_each_page(tmp_path, monkeypatch, fixture_site):
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", FIXTURE_DATA)
    monkeypatch.setattr(navcache, "ENABLED", [False])
    plain = _pages(build(project))
    cached = _pages(fixture_site)
    assert sorted(cached) == sorted(plain)
    differ = [path for path in plain if cached[path] != plain[path]]
    assert differ == []
    assert navcache.REUSED[0] > 10  # the cached build (fixture_site) really reused navigations
    assert navcache.TOC_REUSED[0] > 10  # ... and tables of contents
    assert 'class="md-nav md-nav--primary"' in cached["kommuner/bodo/index.html"]
    assert cached["kommuner/bodo/index.html"].count("md-nav__link") > 5
