"""Resources for municipalities that want to start (issue 4): /ressurser/."""
from __future__ import annotations


def resource_pages(cat) -> list:
    from .pages import GeneratedPage, front_matter
    return [GeneratedPage("ressurser/index.md", front_matter(
        "Ressurser", "Rapporter, filmer, forskning og verktøy for kommuner som vil i gang med Kulturskole 3.0.")
        + "Ressurssiden er under arbeid.\n")]
