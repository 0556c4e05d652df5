"""Fixes to Material's HTML, the site's one stylesheet, our scripts without their comment lines
(macros/site/scripts.py) and the content security policy, applied as MkDocs hooks (`on_config`,
`on_files`, `on_post_page`, `on_post_template`).

Material 9.8's base.html has no block or partial to override these, so the finished HTML is
rewritten. Each fix has a name (FIXES); if Material's markup changes so a fix no longer applies,
the hook logs a warning naming it and the strict build stops: nobody loses a fix silently.
tests/test_material_markup.py checks the same on Material's unfixed output and names the fix.

- «avkrysningsbokser»: `autocomplete="off"` on the drawer and search checkboxes is invalid HTML (the
  attribute is not allowed on checkboxes; Nu Html Checker error).
- «hoppelenke»: the skip link points at the first heading in the table of contents, which on
  generated pages is the first h2 (skipping the h1 and the ingress), and is missing altogether on
  pages without headings (404, several index pages). It now always points at the page's h1.
- «utsatte skript»: Material's script bundle is loaded with `defer`, so the browser can show the
  page before it has fetched and run 114 KB of JavaScript (it still runs before DOMContentLoaded,
  which Material waits for).
- «innebygde skript»: the inline scripts Material's templates write get their SHA-256 hashes in
  the page's content security policy (macros/site/csp.py); any other inline script is blocked.

`fix_html` and `secure_html` are plain functions, so another engine's build can call them on its
output. MkDocs loads this file as a standalone hook module, so it only uses absolute imports.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from macros.core.forked import Workers
from macros.site import csp, scripts, stylesheet

log = logging.getLogger("mkdocs.hooks.a11y")

MAIN_ID = "hovedinnhold"
SKIP_TEXT = "Hopp til hovedinnhold"

# Every rewrite of Material's markup, by name (the names the warnings and the pin test use).
FIXES = {
    "avkrysningsbokser": 'autocomplete="off" fjernes fra avkrysningsboksene for menyen og søket (ugyldig HTML)',
    "hoppelenke": "hoppelenken «Hopp til hovedinnhold» går til sidens overskrift (h1)",
    "utsatte skript": "Materials skriptpakke lastes med defer, så siden vises før skriptet er hentet",
    "innebygde skript": "Materials innebygde skript får hasher i sikkerhetsregelen (CSP); andre blokkeres",
    "ett stilark": "Materials og nettstedets stilark lastes som én fil (overrides/main.html, blokken styles)",
}

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
_SKIP = re.compile(r'<div data-md-component="skip">.*?</div>', re.S)
_ARTICLE = '<article class="md-content__inner md-typeset">'
_H1 = re.compile(r"<h1\b([^>]*)>")
_ID = re.compile(r'\bid="([^"]+)"')
_BUNDLE_SCRIPT = re.compile(r'(<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js")(></script>)')
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">')


def fix_html(html: str, where: str = "") -> tuple[str, list[str]]:
    """Material's page HTML with the fixes above applied, and the names of fixes that found
    nothing to fix (Material's markup changed).

    The skip link targets the page's h1 (its own id, or "hovedinnhold"). Not an element around the
    content: Material names every code block after its nearest ancestor with an id, so an id on
    <article> would give all code blocks on a page the same id."""
    missing: list[str] = []
    html, n = _CHECKBOX_AUTOCOMPLETE.subn(r"\1", html)
    if n == 0 and 'data-md-toggle="drawer"' in html:
        missing.append("avkrysningsbokser")
    html, n = _BUNDLE_SCRIPT.subn(r"\1 defer\2", html)
    if n != 1:
        missing.append("utsatte skript")
    start = html.find(_ARTICLE)
    h1 = _H1.search(html, start) if start >= 0 else None
    if len(_SKIP.findall(html)) != 1 or h1 is None:
        missing.append("hoppelenke")
        return html, missing
    own = _ID.search(h1.group(1))
    target = own.group(1) if own else MAIN_ID
    if not own:
        html = html[:h1.start()] + f'<h1 id="{MAIN_ID}"{h1.group(1)}>' + html[h1.end():]
    skip = f'<div data-md-component="skip"><a href="#{target}" class="md-skip">{SKIP_TEXT}</a></div>'
    return _SKIP.sub(lambda _: skip, html, count=1), missing


def stylesheets_in(html: str) -> list[str]:
    return _STYLESHEET.findall(html)


# --- MkDocs hooks -------------------------------------------------------------------------------
# What a build keeps (the trusted scripts, the stylesheet's name) lives on its Build object
# (engine/state.py, made by hooks.py's on_config), never in this module.

def _build(config):
    from macros.engine.state import Build

    build = Build.of(config)
    if build is None:  # this hook without hooks.py (a test of Material's markup): a build of its own
        from macros.engine.fastpages import ReadyStore

        build = Build(Workers.serial(), False, ReadyStore(config))
        build.attach(config)
    return build


def _theme_dir(config) -> Path:
    import material

    return Path(material.__file__).resolve().parent / "templates"


def on_config(config):
    """Which inline scripts the templates write (trusted for the CSP), and the one stylesheet."""
    build = _build(config)
    build.trusted_scripts = csp.trusted_scripts([Path(d) for d in config.theme.dirs])
    build.stylesheet = None
    return config


def on_files(files, config):
    """Adds assets/stylesheets/nettsted.<hash>.css: Material's sheets and ours (extra.stilark)."""
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File

    theme_dir = _theme_dir(config)
    try:
        parts = [(name, (theme_dir / name).read_text(encoding="utf-8"))
                 for name in stylesheet.theme_stylesheets(theme_dir)]
    except stylesheet.BundleError as e:
        raise PluginError(f"Rettelsen «ett stilark» virker ikke lenger: {e}. Sjekk Material-oppdateringen "
                          "(tests/test_material_markup.py).") from e
    docs = Path(config.docs_dir)
    for name in config.extra.get("stilark", []):
        path = docs / name
        if not path.exists():
            raise PluginError(f"mkdocs.yml: extra.stilark: fant ikke {name} i {docs.name}/")
        parts.append((name, path.read_text(encoding="utf-8")))
    text = stylesheet.bundle(parts)
    name = stylesheet.bundle_name(text)
    files.append(File.generated(config, name, content=text))
    config.extra["stilark_fil"] = name
    _build(config).stylesheet = name
    # Our scripts as served (macros/site/scripts.py): without their comment lines (docs/assets/ keeps
    # them), and a folder of parts as one file.
    for f in [f for f in files if scripts.ours(f.src_uri) and f.abs_src_path
              and Path(f.abs_src_path).is_relative_to(docs)]:
        files.remove(f)
    for rel, text in scripts.serve(scripts.sources(docs)).items():
        files.append(File.generated(config, rel, content=text))
    return files


def secure_html(html: str, where: str, config) -> str:
    """Fixes, then the page's content security policy; warns for every fix that found nothing and
    every inline script no template wrote (it stays in the page, and the browser blocks it)."""
    html, missing = fix_html(html, where)
    build = _build(config)
    if build.trusted_scripts is None:
        build.trusted_scripts = csp.trusted_scripts([Path(d) for d in config.theme.dirs])
    html, _, untrusted = csp.page_policy(html, build.trusted_scripts, config.repo_url)
    sheets = stylesheets_in(html)
    bundle = build.stylesheet
    if bundle and not any(s.endswith(bundle) for s in sheets):
        missing.append("ett stilark")
    elif bundle and len(sheets) > 1:
        log.warning("%s lenker til flere stilark (%s). Legg stilarket til under extra.stilark i mkdocs.yml, så blir "
                    "det en del av nettstedets ene stilark og siden venter ikke på flere filer.",
                    where, ", ".join(s for s in sheets if not s.endswith(bundle)))
    for name in missing:
        log.warning("Rettelsen «%s» fant ikke Materials markering i %s; sjekk Material-oppdateringen "
                    "(tests/test_material_markup.py): %s", name, where, FIXES[name])
    for script in untrusted:
        log.warning("Sikkerhetsregelen (CSP): %s har et innebygd skript som ingen mal har skrevet; nettleseren "
                    "vil blokkere det: %s", where, " ".join(script.split())[:120])
    return html


def on_env(env, config, files):
    """The navigation is rendered once per folder for pages outside it (engine/navcache.py)."""
    _build(config).navcache.install(env)
    return env


def on_post_page(output: str, page, config) -> str:
    return secure_html(output, page.file.src_uri, config)


def on_post_template(output_content: str, template_name: str, config) -> str:
    if template_name.endswith(".html"):  # 404.html; sitemap.xml is left alone
        return secure_html(output_content, template_name, config)
    return output_content
