"""Small fixes to Material's HTML, applied as MkDocs hooks (`on_post_page`, `on_post_template`).

Material 9.8's base.html has no block or partial to override these:
- `autocomplete="off"` on the drawer and search checkboxes is invalid HTML (the attribute is
  not allowed on checkboxes; Nu Html Checker error);
- the skip link points at the first heading in the table of contents, which on generated
  pages is the first h2 (skipping the h1 and the ingress), and is missing altogether on pages
  without headings (404, several index pages). It now always points at the page's h1.
If Material's markup changes so a fix no longer applies, the hook logs a warning, and the
strict build stops: nobody loses a fix silently. `fix_html` is a plain function, so another
engine's build can call it on its output.

MkDocs loads this file as a standalone hook module, so it only uses absolute imports.
"""
from __future__ import annotations

import logging
import re

log = logging.getLogger("mkdocs.hooks.a11y")

MAIN_ID = "hovedinnhold"
SKIP_TEXT = "Hopp til hovedinnhold"

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
_SKIP = re.compile(r'<div data-md-component="skip">.*?</div>', re.S)
_ARTICLE = '<article class="md-content__inner md-typeset">'
_H1 = re.compile(r"<h1\b([^>]*)>")
_ID = re.compile(r'\bid="([^"]+)"')


def fix_html(html: str, where: str) -> str:
    """Material's page HTML with the fixes above applied; warns if one no longer applies.

    The skip link targets the page's h1 (its own id, or "hovedinnhold"). Not an element around the
    content: Material names every code block after its nearest ancestor with an id, so an id on
    <article> would give all code blocks on a page the same id."""
    html, n = _CHECKBOX_AUTOCOMPLETE.subn(r"\1", html)
    if n == 0 and 'data-md-toggle="drawer"' in html:
        log.warning("a11y: fant ikke autocomplete på avkrysningsboksene i %s; sjekk Material-oppdateringen", where)
    start = html.find(_ARTICLE)
    h1 = _H1.search(html, start) if start >= 0 else None
    if len(_SKIP.findall(html)) != 1 or h1 is None:
        log.warning("a11y: fant ikke hoppelenken eller overskriften (h1) i %s; sjekk Material-oppdateringen", where)
        return html
    own = _ID.search(h1.group(1))
    target = own.group(1) if own else MAIN_ID
    if not own:
        html = html[:h1.start()] + f'<h1 id="{MAIN_ID}"{h1.group(1)}>' + html[h1.end():]
    skip = f'<div data-md-component="skip"><a href="#{target}" class="md-skip">{SKIP_TEXT}</a></div>'
    return _SKIP.sub(lambda _: skip, html, count=1)


def on_post_page(output: str, page, config) -> str:
    return fix_html(output, page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config) -> str:
    if template_name.endswith(".html"):  # 404.html; sitemap.xml is left alone
        return fix_html(output_content, template_name)
    return output_content
