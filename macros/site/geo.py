"""Maps of Norway as inline SVG, drawn at build time from the boundary data in data/kart/.

data/kart/norge.json is made by scripts/build_geo.py from Kartverket's boundaries (CC BY 4.0):
coordinates projected to UTM zone 33 (EUREF89, EPSG:25833, the projection of Norway's national
maps), quantized, and stored as shared arcs (as in TopoJSON) so neighbouring municipalities and
counties meet without gaps. Two levels of detail: "grov" for the whole country, "fin" for a county.

Pure functions: no MkDocs, no network, no files outside the repository. Values that reach the SVG
(names, links) are escaped here.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

from .render import rel, render

KART_FILE = Path(__file__).resolve().parents[2] / "data" / "kart" / "norge.json"  # the repository's (scripts)

# --- Projection: UTM zone 33 (transverse Mercator, GRS80), Krüger series to third order -------

_A = 6378137.0
_F = 1 / 298.257223563
_N = _F / (2 - _F)
_RECT = _A / (1 + _N) * (1 + _N ** 2 / 4 + _N ** 4 / 64)
_ALPHA = (_N / 2 - 2 * _N ** 2 / 3 + 5 * _N ** 3 / 16, 13 * _N ** 2 / 48 - 3 * _N ** 3 / 5, 61 * _N ** 3 / 240)
_E2N = 2 * math.sqrt(_N) / (1 + _N)
K0, E0, LON0 = 0.9996, 500000.0, 15.0


def utm33(lon: float, lat: float) -> tuple[float, float]:
    """(lon, lat) in degrees (WGS84/EUREF89) -> (easting, northing) in metres, UTM zone 33N."""
    phi, dlam = math.radians(lat), math.radians(lon - LON0)
    t = math.sinh(math.atanh(math.sin(phi)) - _E2N * math.atanh(_E2N * math.sin(phi)))
    xi = math.atan2(t, math.cos(dlam))
    eta = math.atanh(math.sin(dlam) / math.sqrt(1 + t * t))
    e = eta + sum(a * math.cos(2 * j * xi) * math.sinh(2 * j * eta) for j, a in enumerate(_ALPHA, 1))
    n = xi + sum(a * math.sin(2 * j * xi) * math.cosh(2 * j * eta) for j, a in enumerate(_ALPHA, 1))
    return E0 + K0 * _RECT * e, K0 * _RECT * n


# --- The stored map ------------------------------------------------------------------------

Point = tuple[int, int]
Ring = list[Point]


@dataclass(frozen=True)
class Kart:
    """Decoded data/kart/norge.json. Coordinates are metres / kvant (UTM 33)."""

    kvant: int
    arcs: dict[str, list[list[Point]]]  # level -> arcs
    kommuner: dict[str, dict[str, list[list[int]]]]  # level -> municipality number -> rings of arc refs
    fylker: dict[str, dict[str, list[list[int]]]]  # level -> county number -> rings of arc refs
    naboer: dict[str, list[str]]  # county number -> neighbouring county numbers (shared border)

    def _ring(self, level: str, refs: list[int]) -> Ring:
        out: Ring = []
        for ref in refs:
            arc = self.arcs[level][ref] if ref >= 0 else self.arcs[level][~ref][::-1]
            out.extend(arc[1:] if out else arc)
        return out

    def kommune(self, nummer: str, level: str = "fin") -> list[Ring]:
        return [self._ring(level, r) for r in self.kommuner[level].get(nummer, [])]

    def fylke(self, nummer: str, level: str = "fin") -> list[Ring]:
        return [self._ring(level, r) for r in self.fylker[level].get(nummer, [])]

    def nabofylker(self, nummer: str) -> list[str]:
        return list(self.naboer.get(nummer, []))

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = utm33(lon, lat)
        return x / self.kvant, y / self.kvant


def _decode(flat: list[int]) -> list[Point]:
    """[x0, y0, dx1, dy1, ...] (delta-encoded) -> absolute points."""
    pts, x, y = [], 0, 0
    for i in range(0, len(flat), 2):
        x, y = x + flat[i], y + flat[i + 1]
        pts.append((x, y))
    return pts


def kart_for(cat) -> Kart:
    """The map of the data folder the catalog was read from (<data>/kart/norge.json), so a site built
    from another data folder (tests, a fork) draws its own map, never the repository's."""
    path = Path(cat.ds.data_dir) / "kart" / "norge.json"
    if not path.is_file():
        raise FileNotFoundError(f"Fant ikke kartdataene {path}; de lages av scripts/build_geo.py.")
    return load_kart(path)


@lru_cache(maxsize=4)
def load_kart(path: str | Path = KART_FILE) -> Kart:
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    return Kart(
        kvant=raw["kvant"],
        arcs={level: [_decode(a) for a in arcs] for level, arcs in raw["arcs"].items()},
        kommuner=raw["kommuner"],
        fylker=raw["fylker"],
        naboer=raw["naboer"],
    )


# --- Geometry helpers ------------------------------------------------------------------------


def bbox(rings: list[Ring]) -> tuple[float, float, float, float]:
    xs = [p[0] for r in rings for p in r]
    ys = [p[1] for r in rings for p in r]
    return min(xs), min(ys), max(xs), max(ys)


def ring_area(ring: Ring) -> float:
    return abs(sum(ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1] for i in range(len(ring)))) / 2


# --- SVG ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lenke:
    """A highlighted municipality: a link on the map with an accessible name."""

    nummer: str
    navn: str  # accessible name, e.g. «Bodø, Nordland»
    href: str  # relative URL
    punkt: tuple[float, float]  # interior point (lon, lat) from the register


@dataclass(frozen=True)
class View:
    """Map units -> SVG user units: x to the east, y down (north up)."""

    x0: float
    y1: float
    scale: float  # map units per SVG unit
    width: int
    height: int

    @classmethod
    def fit(cls, box: tuple[float, float, float, float], long_side: int, pad: float = 0.02) -> View:
        x0, y0, x1, y1 = box
        w, h = x1 - x0, y1 - y0
        scale = max(w, h) * (1 + 2 * pad) / long_side
        m = max(w, h) * pad
        return cls(x0 - m, y1 + m, scale, math.ceil((w + 2 * m) / scale), math.ceil((h + 2 * m) / scale))

    def xy(self, p: tuple[float, float]) -> tuple[int, int]:
        return round((p[0] - self.x0) / self.scale), round((self.y1 - p[1]) / self.scale)


def _nums(values: list[int]) -> str:
    """Numbers for path data, separated by a space only where no minus sign separates them."""
    out = []
    for v in values:
        s = str(v)
        out.append(s if not out or v < 0 else " " + s)
    return "".join(out)


def path_d(rings: list[Ring], view: View, min_area: float = 0.0) -> str:
    """SVG path data with relative moves: M x y l dx dy ... z for each ring (tiny rings left out)."""
    parts = []
    for ring in rings:
        pts = [view.xy(p) for p in ring]
        if not pts:
            continue
        dedup = [pts[0]] + [b for a, b in zip(pts, pts[1:]) if b != a]
        if len(dedup) > 1 and dedup[-1] == dedup[0]:
            dedup.pop()
        if len(dedup) < 3 or ring_area(dedup) < min_area:
            continue
        deltas = []
        for (ax, ay), (bx, by) in zip(dedup, dedup[1:]):
            deltas += [bx - ax, by - ay]
        parts.append(f"M{_nums(list(dedup[0]))}l{_nums(deltas)}z")
    return "".join(parts)


def _link(lenke: Lenke, d: str, marker: tuple[int, int] | None, r: int) -> str:
    name = escape(lenke.navn)
    circle = f'<circle cx="{marker[0]}" cy="{marker[1]}" r="{r}"/>' if marker else ""
    return (f'<a href="{escape(lenke.href)}" aria-label="{name}"><title>{name}</title>'
            f'<path d="{d}"/>{circle}</a>')


def _svg(view: View, label_id: str, body: str, css_class: str) -> Markup:
    return Markup(
        f'<svg class="ks-kart-svg {css_class}" viewBox="0 0 {view.width} {view.height}" width="{view.width}" '
        f'height="{view.height}" role="group" '
        f'aria-labelledby="{escape(label_id)}" xmlns="http://www.w3.org/2000/svg">{body}</svg>'
    )


def norway_svg(kart: Kart, lenker: list[Lenke], label_id: str, long_side: int = 1000) -> Markup:
    """Norway with its counties outlined and the given municipalities highlighted as links."""
    fylker = sorted(kart.fylker["grov"])
    all_rings = [r for f in fylker for r in kart.fylke(f, "grov")]
    view = View.fit(bbox(all_rings), long_side)
    land = "".join(path_d(kart.fylke(f, "grov"), view, min_area=4) for f in fylker)
    links = "".join(
        _link(lk, path_d(kart.kommune(lk.nummer, "grov"), view), view.xy(kart.project(*lk.punkt)), 9)
        for lk in lenker
    )
    body = (f'<path class="ks-kart-land" d="{land}"/>'
            f'<g class="ks-kart-deltakere">{links}</g>')
    return _svg(view, label_id, body, "ks-kart-norge")


def clip_ring(ring: Ring, box: tuple[float, float, float, float]) -> Ring:
    """Sutherland–Hodgman: the part of a ring inside an axis-aligned box (for fills only)."""
    x0, y0, x1, y1 = box
    edges = [
        (lambda p: p[0] >= x0, lambda a, b: (x0, a[1] + (b[1] - a[1]) * (x0 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[0] <= x1, lambda a, b: (x1, a[1] + (b[1] - a[1]) * (x1 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[1] >= y0, lambda a, b: (a[0] + (b[0] - a[0]) * (y0 - a[1]) / (b[1] - a[1]), y0)),
        (lambda p: p[1] <= y1, lambda a, b: (a[0] + (b[0] - a[0]) * (y1 - a[1]) / (b[1] - a[1]), y1)),
    ]
    out = list(ring)
    for inside, cut in edges:
        src, out = out, []
        for i, b in enumerate(src):
            a = src[i - 1]
            if inside(b):
                if not inside(a):
                    out.append(cut(a, b))
                out.append(b)
            elif inside(a):
                out.append(cut(a, b))
        if not out:
            break
    return out


def county_svg(kart: Kart, fylke_nr: str, kommuner: list[str], lenker: list[Lenke], label_id: str,
               naboer: list[str] = (), long_side: int = 1000) -> Markup:
    """One county with its municipalities, the given ones (in the county) highlighted as links.

    Neighbouring counties are drawn in a lighter shade for context, cut to the visible area."""
    own = kart.fylke(fylke_nr, "fin")
    view = View.fit(bbox(own), long_side, pad=0.04)
    margin = 10 * view.scale
    visible = (view.x0 - margin, view.y1 - (view.height * view.scale) - margin,
               view.x0 + view.width * view.scale + margin, view.y1 + margin)
    highlighted = {lk.nummer for lk in lenker}
    context = "".join(path_d([clip_ring(r, visible) for r in kart.fylke(n, "fin")], view, min_area=1)
                      for n in naboer)
    others = "".join(path_d(kart.kommune(k, "fin"), view, min_area=1) for k in kommuner if k not in highlighted)
    links = "".join(_link(lk, path_d(kart.kommune(lk.nummer, "fin"), view), None, 0) for lk in lenker)
    body = (f'<path class="ks-kart-nabo" d="{context}"/>'
            f'<path class="ks-kart-kommune" d="{others}"/>'
            f'<g class="ks-kart-deltakere">{links}</g>'
            f'<path class="ks-kart-grense" d="{path_d(own, view)}"/>')
    return _svg(view, label_id, body, "ks-kart-fylke")


# --- Figures on the site: map, text alternative, credit ----------------------------------------

CREDIT = "Kartverket (CC BY 4.0)"


def join_nb(names: list[str]) -> str:
    """«A», «A og B», «A, B og C»."""
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " og " + names[-1]


def lenker_for(views, here: str) -> list[Lenke]:
    """Map links for case views (objects with navn, nummer, url, fylke_navn, program and cat.reg): one
    per municipality, to its first case; a municipality with several cases names their programmes."""
    by_nummer: dict[str, list] = {}
    for v in views:
        by_nummer.setdefault(v.nummer, []).append(v)
    out = []
    for nummer, group in by_nummer.items():
        first = group[0]
        name = f"{first.navn} ({first.fylke_navn})"
        if len(group) > 1:
            name += ": " + ", ".join(v.program.tittel for v in group)
        out.append(Lenke(nummer, name, rel(here, first.url), first.cat.reg.kommuner[nummer].punkt))
    return out


def norway_figure(views, here: str, fig_id: str = "ks-kart-norge", *, cat) -> Markup:
    """The national map with the cases highlighted, the same cases as a list, and the credit."""
    lenker = lenker_for(views, here)
    svg = norway_svg(kart_for(cat), lenker, f"{fig_id}-tekst")
    return render("_kart_norge.html", svg=svg, items=views, kommuner=len(lenker), fig_id=fig_id, credit=CREDIT,
                  here=here, rel=rel)


def county_figure(fylke, kommuner: list[str], views, naboer: list[str], here: str, *, cat) -> Markup:
    """A county's map with its municipalities, its cases highlighted; the lists are on the page."""
    kart = kart_for(cat)
    lenker = lenker_for(views, here)
    svg = county_svg(kart, fylke.nummer, kommuner, lenker, "ks-kart-fylke-tekst", naboer)
    names = list(dict.fromkeys(v.navn for v in views))  # each municipality once, however many cases it has
    return render("_kart_fylke.html", svg=svg, fylke=fylke, items=names, credit=CREDIT)


def nabofylker(fylke_nr: str, cat) -> list[str]:
    """Numbers of the counties that share a border with this one (computed by scripts/build_geo.py)."""
    return kart_for(cat).nabofylker(fylke_nr)

