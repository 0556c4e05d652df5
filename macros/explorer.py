"""The faceted explorer /utforsk/ (issue 4)."""
from __future__ import annotations


def explorer_pages(cat) -> list:
    from .pages import GeneratedPage, front_matter
    return [GeneratedPage("utforsk/index.md", front_matter(
        "Utforsk", "Finn kommuner etter fylke, fokusområde, suksesskriterium, partnertype og status.")
        + "Utforskeren er under arbeid.\n")]
