"""Autoescaped rendering of data into page bodies, and safe rendering of editors' Markdown.

Every value from YAML goes through a Jinja environment with autoescape on, so it reaches the
HTML as text. Editors' Markdown is converted here and cleaned with nh3 (a maintained HTML
sanitizer) before it reaches a page; nothing an editor writes is ever rendered as a template.
"""
from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from functools import lru_cache

import markdown
import nh3
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember"]

# Tags an editor's Markdown may produce. No images (they could load from third-party hosts),
# no iframes, scripts, forms or inline styles.
ALLOWED_TAGS = {"p", "br", "hr", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i",
                "a", "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "abbr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}


def dato(value: dt.date | None, presisjon: str = "dag") -> str:
    """A date in Norwegian: 22. april 2021, april 2021, or høsten 2021."""
    if value is None:
        return "dato ikke kjent"
    if presisjon == "maned":
        return f"{MONTHS[value.month - 1]} {value.year}"
    if presisjon == "halvar":
        return f"{'våren' if value.month <= 6 else 'høsten'} {value.year}"
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def avsnitt(text: str | None) -> Markup:
    """Plain text -> escaped <p> paragraphs (blank line = new paragraph), with no blank lines in
    the output so the HTML stays one raw block for Markdown."""
    if not text:
        return Markup("")
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return Markup("".join(f"<p>{escape(p)}</p>" for p in paras))


def rel(from_url: str, to_url: str) -> str:
    """Relative link between two site URLs (directory style, '' is the home page).

    Links never assume the domain root, so the site also works under a sub-path."""
    if to_url.startswith(("http://", "https://", "mailto:", "#")):
        return to_url
    base = posixpath.dirname(from_url.rstrip("/")) if not from_url.endswith("/") else from_url.rstrip("/")
    target, _, frag = to_url.partition("#")
    relpath = _relpath(target or ".", base or ".")
    if (target == "" or target.endswith("/")) and relpath != ".":
        relpath += "/"
    elif relpath == ".":
        relpath = "./"
    return relpath + (f"#{frag}" if frag else "")


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for site URLs without looking up the working directory (a system call per
    call, and pages make tens of thousands of links); anything unusual goes to posixpath."""
    if path.startswith("/") or start.startswith("/"):
        return posixpath.relpath(path, start)
    p = [x for x in path.split("/") if x and x != "."]
    s = [x for x in start.split("/") if x and x != "."]
    if ".." in p or ".." in s:
        return posixpath.relpath(path, start)
    i = 0
    while i < len(p) and i < len(s) and p[i] == s[i]:
        i += 1
    parts = [".."] * (len(s) - i) + p[i:]
    return "/".join(parts) if parts else "."


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    # One converter for all stories (reset between them): building one per call cost more than
    # converting a story.
    return markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


@lru_cache(maxsize=8192)  # `mkdocs serve` rebuilds every page on each save: unchanged stories are reused
def markdown_to_safe_html(text: str) -> Markup:
    """Editor Markdown -> sanitized HTML. Jinja syntax stays literal text; raw HTML is cleaned."""
    body = _markdown().reset().convert(text)
    clean = nh3.clean(
        body,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"https", "http", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # The story sits under the page's own h2 «Fortellingen»: move its headings one level down.
    clean = re.sub(r"<(/?)h([23])>", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}>", clean)
    # Keep the fragment one raw HTML block: blank lines would hand parts back to Markdown.
    clean = re.sub(r"\n\s*\n", "\n", clean)
    return Markup(clean)


def attr(text: str) -> str:
    """For values that the theme writes into attributes unescaped (page description)."""
    return html.escape(" ".join(text.split()), quote=True)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("macros.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["dato"] = dato
    env.filters["avsnitt"] = avsnitt
    return env


def render(template: str, **context) -> Markup:
    """Render one of our templates; the result is safe HTML/Markdown (values already escaped)."""
    return Markup(environment().get_template(template).render(**context))
