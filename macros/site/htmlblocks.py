"""Our generated pages are final HTML in a thin Markdown wrapper: `## ` headings between raw HTML
blocks. This module splits that format, so an engine can use the HTML as it is instead of parsing
it again as Markdown (about 9 ms per page with Python-Markdown), and lists the ids and links in
HTML for the link check.

`split()` accepts only the subset whose Markdown conversion is known exactly: heading lines, and
raw blocks that start at a line start with a block-level tag and end with its closing tag at a line
end. Anything else (a paragraph of text, a comment, <script>, an unbalanced tag) gives None, and the
caller converts that page with Markdown as before. tests/test_fastpages.py checks that the result
equals Python-Markdown's output for every generated page.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

# Tags that open a raw HTML block in Python-Markdown (its block_level_elements), minus those whose
# content is raw text or that we never generate at the top level.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure", "footer",
    "form", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "script", "section", "table",
    "ul",
})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                       "track", "wbr"})
RAW_TEXT_TAGS = frozenset({"script", "style", "textarea", "template"})  # <title> only in SVG here

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:[^>\"'/]+|\"[^\"]*\"|'[^']*'|/(?!>))*(/?)>|<[!?]")
_OPEN = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)[\s>/]")
_HEADING = re.compile(r"(#{1,6}) +[^\n]*\S[^\n]*")
_WS_LINES = re.compile(r"\n[ \t]+(?=\n)")  # starts with a literal: scanned fast (a look-behind was 4x slower)


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" (a Markdown heading line) or "html" (final HTML)
    text: str
    blank_after: bool = False  # followed by a blank line in the source (Markdown keeps one there)


def normalize(text: str) -> str:
    """What Python-Markdown does to the source first: line ends, tabs, whitespace-only lines."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        text = text.expandtabs(4)
    return _WS_LINES.sub("\n", "\n" + text)[1:]


def _gap_headings(gap: str) -> list[str] | None:
    """Heading lines in the text between two HTML blocks (blank lines and headings only)."""
    out = []
    for line in gap.split("\n"):
        if not line:
            continue
        if not _HEADING.fullmatch(line):
            return None
        out.append(line)
    return out


def split(markdown: str) -> list[Block] | None:
    """The body of a generated page as heading lines and raw HTML blocks, or None if it is not
    (only) that."""
    text = normalize(markdown)
    n = len(text)
    blocks: list[Block] = []
    depth, start, prev_end = 0, 0, 0
    pos = 0
    while True:
        tags = _TAG.finditer(text, pos)
        restart = None
        for t in tags:
            if depth == 0:
                # A new top-level element: what lies between it and the previous one must be
                # line breaks and heading lines (or, on the same line, a previous block element).
                gap = text[prev_end:t.start()]
                if blocks and blocks[-1].kind == "html" and "\n" not in gap:
                    if gap.strip():
                        return None
                    same_line = True
                else:
                    same_line = False
                    if not (t.start() == 0 or text[t.start() - 1] == "\n"):
                        return None
                    heads = _gap_headings(gap)
                    if heads is None:
                        return None
                    if heads and blocks and blocks[-1].kind == "html":
                        blocks[-1] = Block("html", blocks[-1].text, _blank_after(text, prev_end))
                    blocks += [Block("heading", h) for h in heads]
                if blocks and blocks[-1].kind == "html" and not same_line:
                    blocks[-1] = Block("html", blocks[-1].text, _blank_after(text, prev_end))
                if t.group(0) in ("<!", "<?") or t.group(1) or t.group(2).lower() not in BLOCK_TAGS:
                    return None
                start = t.start()
            close, name, selfclose = t.group(1, 2, 3)
            if name is None:  # «<!» or «<?»: comments, doctypes, CDATA: leave to Markdown
                return None
            if not name.islower():
                name = name.lower()
            if name in RAW_TEXT_TAGS:
                if close:
                    return None
                # Raw text (e.g. <script>): skip to its end tag, as an HTML parser does.
                stop = re.compile(rf"</{name}\s*>", re.I).search(text, t.end())
                if stop is None:
                    return None
                if depth == 0:
                    blocks.append(Block("html", text[start:stop.end()]))
                    prev_end = stop.end()
                restart = stop.end()
                break
            if close:
                depth -= 1
                if depth < 0:
                    return None
            elif not selfclose and name not in VOID_TAGS:
                depth += 1
            if depth == 0:
                blocks.append(Block("html", text[start:t.end()]))
                prev_end = t.end()
        if restart is None:
            break
        pos = restart
    if depth:
        return None
    heads = _gap_headings(text[prev_end:])
    if heads is None:
        return None
    if blocks and blocks[-1].kind == "html":
        blocks[-1] = Block("html", blocks[-1].text, bool(heads) and _blank_after(text, prev_end))
    blocks += [Block("heading", h) for h in heads]
    return blocks


def _blank_after(text: str, end: int) -> bool:
    """Is the line that ends at or after `end` followed by a blank line (and more content)?"""
    eol = text.find("\n", end)
    if eol < 0:
        return False
    return text.startswith("\n\n", eol) and bool(text[eol:].strip())


def join(blocks: list[Block], headings_html: list[str]) -> str:
    """The page's HTML: raw blocks as they are, headings as converted (in order), the way
    Python-Markdown joins them."""
    out: list[str] = []
    it = iter(headings_html)
    for b in blocks:
        if b.kind == "heading":
            out.append(next(it))
        else:
            out.append(b.text + ("\n" if b.blank_after else ""))
    return "\n".join(out).strip()


# --- what links and anchors an HTML fragment has --------------------------------------------------

_ID_ATTR = re.compile(r"\s(id|name)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+))")
_START_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_HREF = re.compile(r"<a\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?\shref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+))",
                   re.I)


def anchor_ids(fragment: str) -> set[str]:
    """Ids a link can point at: every id, and name on <a> (as MkDocs counts them)."""
    out: set[str] = set()
    if " id=" not in fragment and " name=" not in fragment:
        return out
    for tag in _START_TAG.finditer(fragment):
        attrs = tag.group(2)
        if "id" not in attrs and "name" not in attrs:
            continue
        for a in _ID_ATTR.finditer(attrs):
            if a.group(1) == "name" and tag.group(1).lower() != "a":
                continue
            value = next(v for v in a.group(2, 3, 4) if v is not None)
            out.add(html.unescape(value))
    return out


def hrefs(fragment: str) -> list[str]:
    """The href of every <a> in the fragment, unescaped."""
    return [html.unescape(next(v for v in m.group(1, 2, 3) if v is not None)) for m in _HREF.finditer(fragment)]
