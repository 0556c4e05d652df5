"""MkDocs pages for our generated files without a second Markdown pass.

Generated pages are final HTML between `## ` headings (macros/site/htmlblocks.py). Python-Markdown
spent about 9 ms per page re-parsing that HTML; `FinalHtmlPage.render` instead converts only the
headings (with the site's own Markdown extensions, so ids and the table of contents are what
Markdown gives) and keeps the HTML as it is. A page outside that format is converted by MkDocs as
before. Ids come from the HTML; the link check (macros/site/linkcheck.py) runs in the hook.

`ReadyStore` is one build's: in a parallel build its `prepare()` step hands the last share of our
generated pages to a forked child (core/forked.py, job «ferdige sider»), which works out what
read_source, render and the link check would (the front matter, the HTML, the table of contents,
the ids and the links) while MkDocs reads the first pages here. The first page MkDocs reads of the
child's share collects them all. The result is the same as doing it here.
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

from macros.core.forked import Share, Workers
from macros.site import htmlblocks, linkcheck

_FRONT = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Headings that could hold links or HTML go through MkDocs' own rendering (it rewrites links there).
_PLAIN_HEADING = re.compile(r"#{2,6} [^\[<]*")


@dataclass
class Ready:
    """A generated page read and rendered beforehand, in a forked child (ReadyStore.prepare): what
    FinalHtmlPage.read_source and .render would give, and the page's internal links for the link
    check (hooks.on_page_content)."""
    source: tuple[int, int]  # (length, hash) of the file it was made from: used only for that file
    meta: dict
    markdown: str
    content: str
    toc_tokens: list
    anchors: set[str]
    links: list




def _front(source: str) -> tuple[dict, str] | None:
    """(front matter, Markdown after it), read with libyaml; None if the page has no plain front matter."""
    m = _FRONT.match(source)
    meta = yaml.load(m.group(1), Loader=_Loader) if m else None  # noqa: S506 - safe loader
    return (meta, source[m.end():]) if isinstance(meta, dict) else None


def _render(md: markdown.Markdown, markdown: str) -> tuple[str, list] | None:
    """(HTML, TOC tokens) of a page in our format; None for anything else (MkDocs converts it)."""
    blocks = htmlblocks.split(markdown)
    heads = tuple(b.text for b in blocks or () if b.kind == "heading")
    if blocks is None or not all(_PLAIN_HEADING.fullmatch(h) for h in heads):
        return None
    html_heads, tokens = _headings(md, heads)
    return htmlblocks.join(blocks, html_heads), tokens


def _fingerprint(source: str) -> tuple[int, int]:
    return len(source), hash(source)  # the page child is forked: the same string hash as here


class ReadyStore:
    """One build's pages read beforehand, by src_uri, and the Markdown converter for headings (one
    per config: MkDocs builds one per page)."""

    def __init__(self, config, workers: Workers | None = None):
        self.config = config
        self.workers = workers or Workers.serial()
        self.ready: dict[str, Ready] = {}
        self.fallbacks: list[str] = []  # pages that were not in our format (converted by Markdown)
        self._pending: tuple[dict[str, int], Share] | None = None  # the child's pages: {src_uri: place}
        self._md: markdown.Markdown | None = None

    @property
    def md(self) -> markdown.Markdown:
        if self._md is None:
            self._md = markdown.Markdown(extensions=self.config["markdown_extensions"],
                                         extension_configs=self.config["mdx_configs"] or {})
        return self._md

    def ready_for(self, file) -> Ready | None:
        """The Ready of this file, if it was made from exactly its content."""
        ready = self.ready.get(file.src_uri)
        if ready is None and self._pending is not None and file.src_uri in self._pending[0]:
            self._collect()
            ready = self.ready.get(file.src_uri)
        if ready is None or _fingerprint(file.content_string) != ready.source:
            return None
        return ready

    def prepare(self, files, src_uris: set[str]) -> int:
        """The preparation step: the last share of our generated pages (in the order MkDocs reads
        them) prepared by a forked child while MkDocs reads the others here. The number handed over."""
        from macros.site.pages import GeneratedPage

        self.forget_pending()
        todo = [f for f in files.documentation_pages() if f.src_uri in src_uris and f.src_uri not in self.ready]
        _, child = self.workers.share("ferdige sider", self.prepared,
                                      [GeneratedPage(f.src_uri, f.content_string) for f in todo])
        if not child.forked:
            return 0
        self._pending = ({p.src_uri: i for i, p in enumerate(child.items)}, child)
        return len(child.items)

    def _collect(self) -> None:
        uris, share = self._pending
        self._pending = None
        with share:
            for uri, ready in zip(uris, share.result()):
                if ready is not None:
                    self.ready[uri] = ready

    def forget_pending(self) -> None:
        """The build ended (or starts again): stop a child whose pages are no longer wanted."""
        if self._pending is not None:
            self._pending[1].close()
            self._pending = None

    def close(self) -> None:
        self.forget_pending()
        self.ready.clear()

    def prepared(self, page) -> Ready | None:
        """The work of read_source, render and the link check for a generated page (in the child)."""
        from mkdocs.structure.files import File

        if not page.src_uri.endswith(".md") or not isinstance(page.content, str):
            return None
        front = _front(page.content)
        rendered = _render(self.md, front[1]) if front else None
        if rendered is None:
            return None
        content, tokens = rendered
        url = linkcheck.normalize_url(File.generated(self.config, page.src_uri, content="").url)
        return Ready(_fingerprint(page.content), front[0], front[1], content, tokens,
                     htmlblocks.anchor_ids(content), linkcheck.page_links(url, content))


class FinalHtmlPage(Page):
    """A generated page: front matter read with libyaml, HTML kept, headings converted. `store` is
    the build's ReadyStore (use_final_html sets it)."""

    store: ReadyStore

    def read_source(self, config) -> None:
        source = config.plugins.on_page_read_source(page=self, config=config)
        if source is None:
            ready = self.store.ready_for(self.file)
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
        ready = self.store.ready_for(self.file)
        if ready is not None and self.markdown == ready.markdown:  # no plugin changed it since
            content, tokens, anchors = ready.content, ready.toc_tokens, set(ready.anchors)
        else:
            rendered = _render(self.store.md, self.markdown)
            if rendered is None:
                self.store.fallbacks.append(self.file.src_uri)
                return super().render(config, files)
            content, tokens = rendered
            anchors = htmlblocks.anchor_ids(content)
        self.content = content
        self.toc = get_toc(tokens)
        self._title_from_render = None  # MkDocs 1.6.1: what Page.render sets; the title comes from meta
        self.present_anchor_ids = anchors
        self.links_to_anchors = {}


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


def final_html(page: Page, store: ReadyStore) -> None:
    """Make a page MkDocs made a FinalHtmlPage. Read from MkDocs 1.6.1: Page has no hook to choose
    its class, and its __init__ only records the file and config, so the class is swapped in place."""
    if type(page) is Page:
        page.__class__ = FinalHtmlPage
    if isinstance(page, FinalHtmlPage):
        page.store = store


def use_final_html(files, src_uris: set[str], store: ReadyStore) -> int:
    """Make the pages of our generated files FinalHtmlPages (call after MkDocs made the pages)."""
    n = 0
    for f in files.documentation_pages():
        if f.src_uri in src_uris and f.page is not None and type(f.page) is Page:
            final_html(f.page, store)
            n += 1
    return n
