"""Material's navigation rendered once per folder for pages outside the navigation.

Material renders the whole navigation (partials/nav.html) into every page: about 1 ms per page, a
tenth of a build at 2,000 cases. For a page that is not in the navigation nothing in it is marked
as current, so its HTML depends only on the navigation itself and on where the page sits (links are
relative): every case page under kommuner/ gets the same navigation. Those are rendered once per
(navigation titles and addresses, folder of the page, base_url) and reused; pages in the navigation
are rendered as before. tests/test_navcache.py builds the site with and without it: same HTML.
"""
from __future__ import annotations

import posixpath

TEMPLATE = "partials/nav.html"
ENABLED = [True]  # the test switches it off to compare
REUSED = [0]  # pages that got a navigation rendered for an earlier page (the test checks it is used)


def install(env) -> None:
    """Wrap the navigation template of this Jinja environment (one per build)."""
    template = env.get_template(TEMPLATE)
    render = template.root_render_func
    if getattr(render, "_navcache", False):
        return
    cache: dict[tuple, str] = {}

    def cached(context):
        page, nav = context.get("page"), context.get("nav")
        if not ENABLED[0] or page is None or nav is None or getattr(page, "parent", None) is not None \
                or page in nav.pages or not getattr(page, "url", None):
            yield from render(context)
            return
        key = (tuple((p.title, p.url) for p in nav.pages), posixpath.dirname(page.url.rstrip("/")),
               context.get("base_url"))
        html = cache.get(key)
        if html is None:
            html = cache[key] = "".join(render(context))
        else:
            REUSED[0] += 1
        yield html

    cached._navcache = True
    template.root_render_func = cached
