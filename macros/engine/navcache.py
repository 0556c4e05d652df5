"""Material's navigation and table of contents, each rendered once for all the pages that get the
same HTML from them.

Material renders the whole navigation (partials/nav.html) into every page: about 1 ms per page, a
tenth of a build at 2,000 cases. For a page that is not in the navigation nothing in it is marked
as current, so its HTML depends only on the navigation itself and on where the page sits (links are
relative): every case page under kommuner/ gets the same navigation. Those are rendered once per
(navigation titles and addresses, folder of the page, base_url) and reused; pages in the navigation
are rendered as before.

The table of contents (partials/toc.html, about 0.5 ms per page) depends only on the page's headings
(their titles, levels and #anchors) and on whether the page is in the navigation; the 2,000 case
pages have a handful of different heading lists. tests/test_navcache.py builds the site with and
without both caches: the same HTML.
"""
from __future__ import annotations

import posixpath

TEMPLATE = "partials/nav.html"
TOC_TEMPLATE = "partials/toc.html"


class NavCache:
    """One build's cached navigations and tables of contents, with how often each was reused (the
    test checks they are used; enabled=False renders every page as Material does, to compare)."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self.reused = {TEMPLATE: 0, TOC_TEMPLATE: 0}

    def install(self, env) -> None:
        """Wrap the navigation and table-of-contents templates of this Jinja environment."""
        self._wrap(env, TEMPLATE, _nav_key)
        self._wrap(env, TOC_TEMPLATE, _toc_key)

    def _wrap(self, env, name: str, key_of) -> None:
        """Render env's template `name` once per key_of(context); None as key: render as usual."""
        template = env.get_template(name)
        render = getattr(template.root_render_func, "_navcache_of", template.root_render_func)
        cache: dict[tuple, str] = {}

        def cached(context):
            key = key_of(context) if self.enabled else None
            if key is None:
                yield from render(context)
                return
            html = cache.get(key)
            if html is None:
                html = cache[key] = "".join(render(context))
            else:
                self.reused[name] += 1
            yield html

        cached._navcache_of = render  # a later build wraps Material's own function again, not ours
        template.root_render_func = cached


def _nav_key(context) -> tuple | None:
    page, nav = context.get("page"), context.get("nav")
    if page is None or nav is None or getattr(page, "parent", None) is not None \
            or page in nav.pages or not getattr(page, "url", None):
        return None
    return (tuple((p.title, p.url) for p in nav.pages), posixpath.dirname(page.url.rstrip("/")),
            context.get("base_url"))


def _headings(items) -> tuple | None:
    out = []
    for item in items:
        if getattr(item, "typeset", None):  # Material's typeset plugin: not a plain title
            return None
        children = _headings(item.children)
        if children is None:
            return None
        out.append((item.title, item.url, item.level, children))
    return tuple(out)


def _toc_key(context) -> tuple | None:
    page, nav = context.get("page"), context.get("nav")
    toc = getattr(page, "toc", None)
    if toc is None:
        return None
    headings = _headings(toc)
    if headings is None:
        return None
    return headings, bool(nav and page in nav.pages)
