"""A feed and a calendar per county (issue 21.5): /fylker/<id>/feed.xml and /fylker/<id>/samlinger.ics.

The county's feed holds its cases (newest update first) and its gatherings as entries of their own;
its calendar holds the gatherings held there (Catalog.samlinger_in_fylke, the same list the county
page shows). Both are made by the site-wide writers in site/exports.py, with the county's own
address, id, name and lists, so escaping and dates are the same everywhere. The county page links
them in its head (<link rel="alternate">, front matter `alternativer`, overrides/main.html) and
visibly, with a subscribe line.

Each county folder also gets a sitemap.xml (the county page and its cases). Material's script
fetches «sitemap.xml» next to every <link rel="alternate"> it finds (for its language switcher);
without one, every county page would log a 404 in the browser's console. Like MkDocs' own sitemap,
it lists addresses only when the site's URL is known (a sitemap's addresses must be absolute).
"""
from __future__ import annotations

import datetime as dt

from ..core.catalog import Catalog
from ..core.model import Fylke
from .calendar import samlinger_ics
from .exports import atom_feed

FEED_NAME, ICS_NAME, SITEMAP_NAME = "feed.xml", "samlinger.ics", "sitemap.xml"


def feed_path(fylke: Fylke) -> str:
    return f"fylker/{Catalog.fylke_slug(fylke)}/{FEED_NAME}"


def ics_path(fylke: Fylke) -> str:
    return f"fylker/{Catalog.fylke_slug(fylke)}/{ICS_NAME}"


def alternates(fylke: Fylke) -> list[dict]:
    """The county page's <link rel="alternate"> entries (paths from the site root)."""
    return [
        {"type": "application/atom+xml", "title": f"Kulturskole 3.0 i {fylke.navn} – caser og samlinger",
         "href": feed_path(fylke)},
        {"type": "text/calendar", "title": f"Kulturskole 3.0 i {fylke.navn} – samlinger", "href": ics_path(fylke)},
    ]


def county_revision(cat: Catalog, fylke: Fylke) -> dt.date:
    """When the county's feed and calendar last changed: the newest update of its cases, or the date of
    its newest gathering (so a save elsewhere leaves them as they are)."""
    days = [c.record.oppdatert for c in cat.cases_in_fylke(fylke.nummer)]
    days += [s.dato for s in cat.samlinger_in_fylke(fylke.nummer)]
    return max(days, default=dt.date(2021, 1, 1))


def county_feed(cat: Catalog, fylke: Fylke, site_url: str | None = None) -> str:
    from .pagebase import fylke_url
    return atom_feed(cat, site_url, path=feed_path(fylke), home=fylke_url(fylke),
                     cases=cat.cases_in_fylke(fylke.nummer), samlinger=cat.samlinger_in_fylke(fylke.nummer),
                     updated=county_revision(cat, fylke),
                     title=f"Kulturskole 3.0 i {fylke.navn} – caser og samlinger",
                     subtitle=f"Nye og oppdaterte kommunecaser og samlinger i {fylke.navn}, nyeste først.")


def county_calendar(cat: Catalog, fylke: Fylke, site_url: str | None = None) -> str:
    return samlinger_ics(cat, site_url, path=ics_path(fylke), samlinger=cat.samlinger_in_fylke(fylke.nummer),
                         updated=county_revision(cat, fylke),
                         name=f"Kulturskole 3.0 i {fylke.navn} – samlinger",
                         description=f"Samlinger og milepæler i Kulturskole 3.0 i {fylke.navn}.")


def county_sitemap(cat: Catalog, fylke: Fylke, site_url: str | None = None) -> str:
    from xml.sax.saxutils import escape

    from .exports import site_link
    from .pagebase import case_url, fylke_url
    urls = [fylke_url(fylke)] + [case_url(c) for c in cat.cases_in_fylke(fylke.nummer)] if site_url else []
    body = "".join(f"    <url>\n         <loc>{escape(site_link(u, site_url, ''))}</loc>\n    </url>\n" for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + body + "</urlset>\n")


def county_files(cat: Catalog, site_url: str | None = None) -> list:
    from .pagebase import GeneratedPage
    files = []
    for f in cat.fylker:
        files.append(GeneratedPage(feed_path(f), county_feed(cat, f, site_url)))
        files.append(GeneratedPage(ics_path(f), county_calendar(cat, f, site_url)))
        folder = feed_path(f).rsplit("/", 1)[0]
        files.append(GeneratedPage(f"{folder}/{SITEMAP_NAME}", county_sitemap(cat, f, site_url)))
    return files
