"""Pins the Material markup this site depends on (issue 13): when an upgrade of mkdocs-material
changes it, these tests fail and name the fix or the override that no longer fits, before the
upgrade reaches the site.

- Every fix in macros/engine/material_fixes.py (FIXES) is applied to Material's own, unfixed
  output (a build without that hook) of every page type; a fix that finds nothing to fix is named.
- The content security policy trusts every inline script Material writes (its hashes come from
  Material's templates); an inline script Material adds that the policy would block is named.
- The one stylesheet: the sheets Material links are the ones the bundle is made of.
- The templates in overrides/ that are copies of Material's own: each records which version of
  Material's file it was copied from (its SHA-256); if Material's file changes, the copy is named.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from .conftest import FIXTURE_DATA, ROOT, build, make_project

MATERIAL = Path(__import__("material").__file__).resolve().parent / "templates"

# Page types whose markup differs (hand-written, generated, without headings, 404, explorer).
PAGES = ["index.html", "om/index.html", "kommuner/index.html", "kommuner/bodo/index.html",
         "fylker/vestland/index.html", "utforsk/index.html", "tilgjengelighet/index.html", "404.html"]


@pytest.fixture(scope="module")
def raw_site(tmp_path_factory) -> Path:
    """The fixture site built with Material's markup as it is: without the hook that fixes it."""
    project = make_project(tmp_path_factory.mktemp("material-raa"), FIXTURE_DATA)
    yml = project / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    assert "  - macros/engine/material_fixes.py\n" in text
    yml.write_text(text.replace("  - macros/engine/material_fixes.py\n", ""), encoding="utf-8")
    return build(project)


@pytest.fixture(scope="module")
def fixes():
    from macros.engine import material_fixes

    return material_fixes


@pytest.mark.parametrize("page", PAGES)
def test_every_fix_still_finds_materials_markup(raw_site, fixes, page):
    html = (raw_site / page).read_text(encoding="utf-8")
    fixed, missing = fixes.fix_html(html, page)
    assert missing == [], "\n".join(
        f"Rettelsen «{name}» fant ikke Materials markering i {page}: {fixes.FIXES[name]}" for name in missing)
    assert fixed != html


def test_a_fix_that_finds_nothing_is_named(fixes):
    """The check above can fail: markup without what a fix rewrites is reported by the fix's name."""
    html = (ROOT / "tests" / "fixtures" / "material_side.html").read_text(encoding="utf-8")
    _, missing = fixes.fix_html(html, "eksempel")
    assert missing == []
    changed = html.replace(' autocomplete="off"', "").replace('<div data-md-component="skip">', "<div>")
    changed = re.sub(r"bundle\.[0-9a-f]+\.min\.js", "bundle.min.js", changed)
    _, missing = fixes.fix_html(changed, "eksempel")
    assert missing == ["avkrysningsbokser", "utsatte skript", "hoppelenke"]


@pytest.mark.parametrize("page", PAGES)
def test_the_policy_trusts_every_inline_script_material_writes(raw_site, page):
    from macros.site import csp

    trusted = csp.trusted_scripts([ROOT / "overrides", MATERIAL])
    html = (raw_site / page).read_text(encoding="utf-8")
    scripts = csp.inline_scripts(html)
    assert any(s.startswith("__md_scope=") for s in scripts), "Materials __md_scope-skript mangler"
    blocked = [s[:80] for s in scripts if not trusted.trusts(s)]
    assert blocked == [], f"Rettelsen «innebygde skript»: sikkerhetsregelen ville blokkere Materials skript i {page}"
    assert re.search(r'<meta charset="utf-8">', html), "fant ikke <meta charset> å sette sikkerhetsregelen etter"


def test_the_bundle_holds_the_sheets_material_links(raw_site):
    from macros.site.stylesheet import theme_stylesheets

    html = (raw_site / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'<link rel="stylesheet" href="(assets/stylesheets/[^"]+)">', html)
    assert linked == theme_stylesheets(MATERIAL), "Rettelsen «ett stilark»: Material lenker til andre stilark enn før"


# The files in overrides/ that started as copies of Material's (or override its blocks), with the
# SHA-256 of Material's file they were made from (mkdocs-material 9.8.2). When Material changes one
# of these, compare its new version with ours, carry the change over, and update the hash here.
COPIED_FROM = {
    "partials/header.html": ("8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
                             "overrides/partials/header.html er Materials topptekst med vår søkeknapp"),
    "partials/toc.html": ("fde48f583563364b0e0e6865a5ab1e7060ec1826161f69f5cbee653e621b0f84",
                          "overrides/partials/toc.html er Materials innholdsfortegnelse med én endring"),
    "partials/copyright.html": ("bc86bca3bf75070fe5d72e2a3463bdddf87c10f4d6459c945fe81c5d384e35ea",
                                "overrides/partials/copyright.html erstatter Materials bunntekst"),
    "partials/source.html": ("6847616d67be4920d39c278c2799bf20222bbc02ee2a8393aca85e3eaa518752",
                             "overrides/partials/source.html er Materials kildelenke uten GitHub-oppslaget"),
    "partials/search.html": ("bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
                             "overrides/partials/search.html erstatter Materials søk"),
    "partials/languages/nb.html": ("4c9dc198d9c95648c9b55b18d007fc355d3e3eafaa7851671776e9d5a256f6c0",
                                   "overrides/partials/languages/nb.html er Materials norske tekster, oversatt ferdig"),
    "404.html": ("80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495",
                 "overrides/404.html erstatter Materials 404-side"),
}


@pytest.mark.parametrize("name", sorted(COPIED_FROM))
def test_overridden_templates_match_the_material_they_were_copied_from(name):
    expected, what = COPIED_FROM[name]
    assert (ROOT / "overrides" / name).exists()
    actual = hashlib.sha256((MATERIAL / name).read_bytes()).hexdigest()
    assert actual == expected, (f"Material har endret {name}, og {what}. Sammenlign de to, ta med endringen, "
                                f"og oppdater hashen i tests/test_material_markup.py")


def test_base_template_blocks_we_override_still_exist():
    """overrides/main.html and 404.html override these blocks of Material's base.html."""
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    for block in ("site_meta", "htmltitle", "styles", "extrahead", "content", "scripts"):
        assert re.search(r"\{%\s*block " + block + r"\s*%\}", base), f"Material's base.html har ikke blokken «{block}»"
