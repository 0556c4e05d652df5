"""Open data, feed and calendar files (issue 4): /data/, /feed.xml, /samlinger.ics."""
from __future__ import annotations


def export_files(cat) -> list:
    from .pages import GeneratedPage, front_matter
    return [GeneratedPage("data/index.md", front_matter(
        "Åpne data", "Data fra Kulturskole 3.0 som åpne data under CC BY 4.0: JSON, CSV, GeoJSON og skjema.")
        + "Siden om åpne data er under arbeid.\n")]
