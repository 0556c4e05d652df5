"""Internal links in finished HTML: does every relative link lead to a page or file of the site, and
every #anchor to an id on that page?

Python-Markdown never sees links inside raw HTML, so MkDocs never checked the links of our generated
pages. This check does, for any engine: the MkDocs hook runs `page_links` on each page as it is
rendered (strict mode stops on a broken one), and `check_site` checks a finished site folder, for
example after a ProperDocs or Zensical build.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .htmlblocks import anchor_ids, hrefs


@dataclass(frozen=True)
class Link:
    href: str  # as written in the page
    url: str  # the target, site-relative ('' is the home page, 'kommuner/bodo/', 'data/kommuner.json')
    anchor: str  # without '#', '' if none


def resolve(page_url: str, href: str) -> Link | None:
    """The site URL a relative link from page_url (a directory URL like 'kommuner/bodo/', or '' for
    the home page) points at; None for links that leave the site (scheme, host, protocol-relative),
    absolute paths and empty links."""
    if not href or href.startswith(("/", "\\")):
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path, anchor = unquote(parts.path), unquote(parts.fragment)
    if not path:
        return Link(href, page_url, anchor)
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    joined = posixpath.normpath(posixpath.join(base or ".", path))
    # ('..' at the start: above the site root, never found)
    url = "" if joined == "." else joined + ("/" if path.endswith("/") else "")
    return Link(href, url, anchor)


def normalize_url(url: str) -> str:
    """One spelling per target: 'x/index.html' and 'x/' are the same page, './' is ''."""
    if url in (".", "./", "index.html"):
        return ""
    if url.endswith("/index.html"):
        return url[: -len("index.html")]
    return url


def page_links(page_url: str, html: str) -> list[Link]:
    """Every internal link in a page's HTML."""
    out = []
    for href in hrefs(html):
        link = resolve(page_url, href)
        if link is not None:
            out.append(Link(link.href, normalize_url(link.url), link.anchor))
    return out


def find(url: str, known: set[str] | dict) -> str | None:
    """The known URL a link target means: as written, or a folder written without its slash."""
    if url in known:
        return url
    if url and not url.endswith("/") and url + "/" in known:
        return url + "/"
    return None


@dataclass(frozen=True)
class Broken:
    page: str  # the page's URL
    href: str
    problem: str  # in Norwegian

    def __str__(self) -> str:
        return f"{self.page or '(forsiden)'}: lenken «{self.href}» {self.problem}"


def check_pages(pages: dict[str, str], files: set[str] = frozenset()) -> list[Broken]:
    """Links in pages ({url: html}) that lead nowhere: to no page or file (files: other URLs that
    exist, like 'data/kommuner.json'), or to an anchor the target page does not have."""
    ids = {url: anchor_ids(html) for url, html in pages.items()}
    known = set(pages) | set(files)
    out = []
    for url, html in pages.items():
        for link in page_links(url, html):
            target = find(link.url, known)
            if target is None:
                out.append(Broken(url, link.href, "peker på en side eller fil som ikke finnes"))
            elif link.anchor and target in ids and link.anchor not in ids[target]:
                out.append(Broken(url, link.href, f"peker på #{link.anchor}, som ikke finnes på siden"))
    return out


def check_site(site_dir: Path) -> list[Broken]:
    """check_pages on a built site folder (any engine): every page's <article> or whole HTML."""
    site_dir = Path(site_dir)
    pages: dict[str, str] = {}
    files: set[str] = set()
    for path in site_dir.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html" and rel != "404.html":
            pages[normalize_url(rel)] = path.read_text(encoding="utf-8", errors="replace")
        else:
            files.add(rel)
    return check_pages(pages, files)
