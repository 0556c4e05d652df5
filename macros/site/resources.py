"""Resources for municipalities that want to start (issue 4): /ressurser/.

Every resource is a plain link: films and documents are never embedded, so the page makes no
request to a third party (a video player would). A link to an external service says so.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from ..core.catalog import Catalog
from ..core.model import MALGRUPPE, RESSURSTYPE, Fokusomrade, Ressurs
from .render import rel, render

HERE = "ressurser/"
WORKSHOP_URL = "ressurser/verksted/"

# Hosts of services a reader may want to know about before following a link.
SERVICES = {"vimeo.com": "Vimeo", "youtube.com": "YouTube", "youtu.be": "YouTube"}


@dataclass
class ResourceView:
    r: Ressurs
    fokus: list[tuple[Fokusomrade, str]]  # (focus area, site URL)

    @property
    def host(self) -> str | None:
        if not self.r.url:
            return None
        host = urlsplit(self.r.url).hostname or ""
        return host.removeprefix("www.")

    @property
    def service(self) -> str | None:
        """The external service's name (Vimeo) when the link leads to one."""
        return SERVICES.get(self.host or "")

    @property
    def malgrupper(self) -> list[str]:
        return [MALGRUPPE[m] for m in self.r.malgruppe]


def resource_groups(cat: Catalog) -> list[tuple[str, str, list[ResourceView]]]:
    """(type id, heading, resources) in the vocabulary's order; types without resources left out,
    except tools and methods, which always holds the site's own workshop guide."""
    from .pages import fokus_url

    groups = []
    for type_id, heading in RESSURSTYPE.items():
        items = []
        for r in cat.ressurser:
            if r.type != type_id:
                continue
            fokus = [(f, fokus_url(f)) for f in (cat.fokus(i) for i in r.fokusomrader) if f]
            items.append(ResourceView(r, fokus))
        if items or type_id == "verktoy-og-metode":
            groups.append((type_id, heading, items))
    return groups


def resource_pages(cat: Catalog) -> list:
    from .pages import GeneratedPage, front_matter

    body = render("ressurser.md", groups=resource_groups(cat), workshop_url=WORKSHOP_URL, antall=len(cat.ressurser),
                  rel=rel, here=HERE)
    fm = front_matter(
        "Ressurser", "Rapporter, filmer, forskning og verktøy for kommuner som vil i gang med Kulturskole 3.0.")
    return [GeneratedPage("ressurser/index.md", fm + body, "data/ressurser.yml")]
