"""MkDocs pages for our generated files without a second Markdown pass.

Generated pages are final HTML between `## ` headings (macros/site/htmlblocks.py). Python-Markdown
spent about 9 ms per page re-parsing that HTML; `FinalHtmlPage.render` instead converts only the
headings (with the site's own Markdown extensions, so ids and the table of contents are what
Markdown gives) and keeps the HTML as it is. A page outside that format is converted by MkDocs as
before. Ids come from the HTML; the link check (macros/site/linkcheck.py) runs in the hook.

In a full build the page child (site/generate.py) does this work for its share of the case pages
(preparer: the front matter, the HTML, the table of contents, the ids and the links), so the build
finds it done (READY) when MkDocs reads the pages. The result is the same as doing it here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import markdown
import yaml
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta as mkdocs_meta

from macros.site import htmlblocks, linkcheck

_FRONT = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Headings that could hold links or HTML go through MkDocs' own rendering (it rewrites links there).
_PLAIN_HEADING = re.compile(r"#{2,6} [^\[<]*")
FALLBACKS: list[str] = []  # pages that were not in our format (converted by Markdown), for reports


@dataclass
class Ready:
    """A generated page read and rendered beforehand, in the page child (site/generate.py,
    prepare=): what FinalHtmlPage.read_source and .render would give, and the page's internal links
    for the link check (hooks.on_page_content)."""
    source: tuple[int, int]  # (length, hash) of the file it was made from: used only for that file
    meta: dict
    markdown: str
    content: str
    toc_tokens: list
    anchors: set[str]
    links: list


READY: dict[str, Ready] = {}  # by src_uri, for this build (the hook fills it in on_files, empties it after)


def _front(source: str) -> tuple[dict, str] | None:
    """(front matter, Markdown after it), read with libyaml; None if the page has no plain front matter."""
    m = _FRONT.match(source)
    meta = yaml.load(m.group(1), Loader=_Loader) if m else None  # noqa: S506 - safe loader
    return (meta, source[m.end():]) if isinstance(meta, dict) else None


def _render(config, markdown: str) -> tuple[str, list] | None:
    """(HTML, TOC tokens) of a page in our format; None for anything else (MkDocs converts it)."""
    blocks = htmlblocks.split(markdown)
    heads = tuple(b.text for b in blocks or () if b.kind == "heading")
    if blocks is None or not all(_PLAIN_HEADING.fullmatch(h) for h in heads):
        return None
    html_heads, tokens = _headings(_converter(config), heads)
    return htmlblocks.join(blocks, html_heads), tokens


def _fingerprint(source: str) -> tuple[int, int]:
    return len(source), hash(source)  # the page child is forked: the same string hash as here


# Generated pages being prepared by a second child while MkDocs reads the first ones: ({src_uri:
# place in the child's list}, the Share). ready_for() collects them when MkDocs reaches the first.
_pending: list = [None]
REST_FROM = 50  # pages; for fewer, the child costs more than it saves


def ready_for(file) -> Ready | None:
    """The Ready of this file, if it was made from exactly its content."""
    ready = READY.get(file.src_uri)
    if ready is None and _pending[0] is not None and file.src_uri in _pending[0][0]:
        _collect()
        ready = READY.get(file.src_uri)
    if ready is None or _fingerprint(file.content_string) != ready.source:
        return None
    return ready


def prepare_rest(config, files, src_uris: set[str], share: float = 0.4) -> int:
    """Our generated pages that nothing prepared yet: the last `share` of them (in the order MkDocs
    reads them) are prepared by a forked child while MkDocs reads the others. The number handed over."""
    from macros.core.forked import Share, can_fork
    from macros.site.pages import GeneratedPage

    forget_pending()
    if not can_fork():
        return 0
    todo = [f for f in files.documentation_pages() if f.src_uri in src_uris and f.src_uri not in READY]
    later = todo[len(todo) - int(len(todo) * share):]
    if len(later) < REST_FROM:
        return 0
    prepare = preparer(config)
    pages = [GeneratedPage(f.src_uri, f.content_string) for f in later]
    _pending[0] = ({p.src_uri: i for i, p in enumerate(pages)}, Share(prepare, pages))
    return len(pages)


def _collect() -> None:
    uris, share = _pending[0]
    _pending[0] = None
    with share:
        for uri, ready in zip(uris, share.result()):
            if ready is not None:
                READY[uri] = ready


def forget_pending() -> None:
    """The build ended (or starts again): stop a child whose pages are no longer wanted."""
    if _pending[0] is not None:
        _pending[0][1].close()
        _pending[0] = None


def forget() -> None:
    forget_pending()
    READY.clear()


def preparer(config):
    """prepare(page) -> Ready | None for generate(prepare=): the work of read_source, render and the
    link check, for a page of the child's share, in the child."""
    from mkdocs.structure.files import File

    def prepare(page) -> Ready | None:
        if not page.src_uri.endswith(".md") or not isinstance(page.content, str):
            return None
        front = _front(page.content)
        rendered = _render(config, front[1]) if front else None
        if rendered is None:
            return None
        content, tokens = rendered
        url = linkcheck.normalize_url(File.generated(config, page.src_uri, content="").url)
        return Ready(_fingerprint(page.content), front[0], front[1], content, tokens,
                     htmlblocks.anchor_ids(content), linkcheck.page_links(url, content))

    return prepare


class FinalHtmlPage(Page):
    """A generated page: front matter read with libyaml, HTML kept, headings converted."""

    def read_source(self, config) -> None:
        source = config.plugins.on_page_read_source(page=self, config=config)
        if source is None:
            ready = ready_for(self.file)
            if ready is not None:
                self.markdown, self.meta = ready.markdown, ready.meta
                return
            source = self.file.content_string
        front = _front(source)
        if front:
            self.meta, self.markdown = front
        else:  # anything unusual: exactly as MkDocs reads it
            self.markdown, self.meta = mkdocs_meta.get_data(source)

    def render(self, config, files) -> None:
        ready = ready_for(self.file)
        if ready is not None and self.markdown == ready.markdown:  # no plugin changed it since
            content, tokens, anchors = ready.content, ready.toc_tokens, set(ready.anchors)
        else:
            rendered = _render(config, self.markdown)
            if rendered is None:
                FALLBACKS.append(self.file.src_uri)
                return super().render(config, files)
            content, tokens = rendered
            anchors = htmlblocks.anchor_ids(content)
        self.content = content
        self.toc = get_toc(tokens)
        self._title_from_render = None
        self.present_anchor_ids = anchors
        self.links_to_anchors = {}


_converters: dict[int, tuple[object, markdown.Markdown]] = {}


def _converter(config) -> markdown.Markdown:
    """One Markdown instance with the site's extensions per config (MkDocs builds one per page)."""
    hit = _converters.get(id(config))
    if hit is None or hit[0] is not config:
        md = markdown.Markdown(extensions=config["markdown_extensions"],
                               extension_configs=config["mdx_configs"] or {})
        _converters.clear()
        _converters[id(config)] = hit = (config, md)
    return hit[1]


@lru_cache(maxsize=2048)
def _headings(md: markdown.Markdown, heads: tuple[str, ...]) -> tuple[list[str], list]:
    """The HTML of each heading line and the TOC tokens, as Markdown makes them for these headings
    (ids are unique per page, so the whole tuple is the key; case pages share a few tuples)."""
    if not heads:
        return [], []
    out = md.reset().convert("\n\n".join(heads)).split("\n")
    if len(out) != len(heads):
        raise ValueError(f"Overskriftene ga {len(out)} linjer, ventet {len(heads)}: {heads!r}")
    return out, getattr(md, "toc_tokens", [])


def use_final_html(files, src_uris: set[str]) -> int:
    """Make the pages of our generated files FinalHtmlPages (call after MkDocs made the pages)."""
    n = 0
    for f in files.documentation_pages():
        if f.src_uri in src_uris and f.page is not None and type(f.page) is Page:
            f.page.__class__ = FinalHtmlPage
            n += 1
    return n
