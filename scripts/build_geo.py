"""Generate data/kart/norge.json (map boundaries and county adjacency) from Kartverket's boundaries.

Run once by a maintainer when the boundaries change:

    .venv/bin/python scripts/build_geo.py ../shared/reference

The build and the tests read only the committed JSON file, never the source folder.

Source: Kartverket, «Administrative enheter» 2024 (kommuner-2024.geojson, fylker-2024.geojson,
already simplified copies), licence CC BY 4.0, credit «Kartverket».

What the script does, in pure Python:
1. Projects every vertex to UTM zone 33 (EUREF89, EPSG:25833) and rounds it to KVANT metres.
2. Splits the municipality rings into shared arcs at junctions (as TopoJSON does), so each border
   between two municipalities is stored and simplified once and neighbours never gap or overlap.
3. Simplifies each arc with Douglas–Peucker at two levels: "grov" (the whole country) and "fin"
   (one county), and drops islands too small to see at that level.
4. Builds the county outlines by dissolving the municipalities (arcs used once inside a county).
5. Computes which counties share a border from the county geometry with a distance tolerance, and
   checks the result against the municipality arcs shared across county lines.
"""
from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.site.geo import utm33  # noqa: E402

KVANT = 10  # metres per stored unit
LEVELS = {
    # tolerance (m) for Douglas–Peucker, smallest island kept (km²)
    "grov": {"toleranse_m": 1200, "min_areal_km2": 6.0},
    "fin": {"toleranse_m": 250, "min_areal_km2": 0.3},
}
NABO_TOLERANSE_M = 200  # a county vertex this close to another county's boundary lies on the border
NABO_MIN_KM = 1.0  # shorter shared stretches (a corner, a point) do not make neighbours

Pt = tuple[int, int]


def polygons(geometry: dict) -> list:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def signed_area(ring: list[Pt]) -> float:
    return sum(ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1] for i in range(len(ring))) / 2


def project_ring(coords: list, hole: bool) -> list[Pt]:
    """Projected, quantized open ring (no repeated closing point), outer rings anticlockwise."""
    pts: list[Pt] = []
    for lon, lat, *_ in coords:
        x, y = utm33(lon, lat)
        p = (round(x / KVANT), round(y / KVANT))
        if not pts or pts[-1] != p:
            pts.append(p)
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    if (signed_area(pts) < 0) != hole:
        pts.reverse()
    return pts


# --- Topology: rings -> shared arcs ----------------------------------------------------------


def build_arcs(rings: dict[tuple[str, int], list[Pt]]) -> tuple[list[list[Pt]], dict[tuple[str, int], list[int]]]:
    """Split rings at junctions into arcs used by one or two rings; rings become lists of arc refs
    (i for arc i as stored, ~i for arc i reversed)."""
    pairs: dict[Pt, set] = defaultdict(set)
    for ring in rings.values():
        n = len(ring)
        for i, p in enumerate(ring):
            pairs[p].add(frozenset((ring[i - 1], ring[(i + 1) % n])))
    junction = {p for p, s in pairs.items() if len(s) > 1}

    arcs: list[list[Pt]] = []
    index: dict[tuple, int] = {}

    def ref_for(arc: list[Pt]) -> int:
        key = tuple(arc)
        if key in index:
            return index[key]
        if key[::-1] in index:
            return ~index[key[::-1]]
        index[key] = len(arcs)
        arcs.append(arc)
        return index[key]

    refs = {}
    for rid, ring in rings.items():
        cuts = [i for i, p in enumerate(ring) if p in junction]
        if not cuts:  # an island or enclave: one closed arc, starting at its smallest point
            start = ring.index(min(ring))
            rot = ring[start:] + ring[:start]
            closed = rot + [rot[0]]
            key = tuple(closed)
            if key not in index and tuple([rot[0]] + rot[1:][::-1] + [rot[0]]) in index:
                refs[rid] = [~index[tuple([rot[0]] + rot[1:][::-1] + [rot[0]])]]
            else:
                refs[rid] = [ref_for(closed)]
            continue
        rot = ring[cuts[0]:] + ring[:cuts[0]]
        cuts = [i - cuts[0] for i in cuts] + [len(ring)]
        rot.append(rot[0])
        refs[rid] = [ref_for(rot[a:b + 1]) for a, b in zip(cuts, cuts[1:])]
    return arcs, refs


# --- Simplification ----------------------------------------------------------------------------


def _seg_dist(p: Pt, a: Pt, b: Pt) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def douglas_peucker(pts: list[Pt], tol: float) -> list[Pt]:
    """Douglas–Peucker, iterative; keeps both end points. A closed arc is split at its far point."""
    if len(pts) < 3:
        return list(pts)
    if pts[0] == pts[-1]:
        far = max(range(len(pts)), key=lambda i: math.hypot(pts[i][0] - pts[0][0], pts[i][1] - pts[0][1]))
        if far == 0:
            return list(pts)
        return douglas_peucker(pts[:far + 1], tol)[:-1] + douglas_peucker(pts[far:], tol)
    keep = {0, len(pts) - 1}
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        best, best_d = None, tol
        for i in range(a + 1, b):
            d = _seg_dist(pts[i], pts[a], pts[b])
            if d > best_d:
                best, best_d = i, d
        if best is not None:
            keep.add(best)
            stack += [(a, best), (best, b)]
    return [pts[i] for i in sorted(keep)]


def ring_points(arcs: list[list[Pt]], refs: list[int]) -> list[Pt]:
    out: list[Pt] = []
    for r in refs:
        arc = arcs[r] if r >= 0 else arcs[~r][::-1]
        out.extend(arc[1:] if out else arc)
    return out[:-1] if len(out) > 1 and out[0] == out[-1] else out


def simplify_level(arcs, rings_by_kommune, tol_m, min_km2):
    """Simplified arcs and the rings each municipality keeps at this level."""
    tol = tol_m / KVANT
    min_area = min_km2 * 1e6 / KVANT ** 2
    tols = [tol] * len(arcs)
    simple = [douglas_peucker(a, tol) for a in arcs]
    # A municipality's main ring must keep its shape: where simplifying shrinks it to less than
    # 80 % of its area (or to a line), simplify its arcs less (arcs are shared, so neighbours follow).
    for _ in range(6):
        changed = False
        for rings in rings_by_kommune.values():
            main = max(rings, key=lambda r: abs(signed_area(ring_points(arcs, r))))
            full = abs(signed_area(ring_points(arcs, main)))
            if abs(signed_area(ring_points(simple, main))) < 0.8 * full:
                for r in main:
                    i = r if r >= 0 else ~r
                    tols[i] /= 3
                    simple[i] = douglas_peucker(arcs[i], tols[i])
                changed = True
        if not changed:
            break
    kept = {}
    for nr, rings in rings_by_kommune.items():
        areas = [abs(signed_area(ring_points(simple, r))) for r in rings]
        main = max(range(len(rings)), key=lambda i: areas[i])
        kept[nr] = [r for i, r in enumerate(rings) if i == main or areas[i] >= min_area]
    return simple, kept


# --- Counties: dissolve the municipalities ---------------------------------------------------------


def dissolve(arcs: list[list[Pt]], rings: list[list[int]]) -> list[list[int]]:
    """Outline of a set of rings: the arcs used once, chained into closed rings."""
    uses: dict[int, list[int]] = defaultdict(list)
    for ring in rings:
        for r in ring:
            uses[r if r >= 0 else ~r].append(r)
    boundary = [refs[0] for refs in uses.values() if len(refs) == 1]

    def start(r):
        return arcs[r][0] if r >= 0 else arcs[~r][-1]

    def end(r):
        return arcs[r][-1] if r >= 0 else arcs[~r][0]

    by_start: dict[Pt, list[int]] = defaultdict(list)
    for r in boundary:
        by_start[start(r)].append(r)
    used: set[int] = set()
    out = []
    for first in boundary:
        if first in used:
            continue
        ring, r = [], first
        while True:
            used.add(r)
            ring.append(r)
            if end(r) == start(first):
                break
            nxt = [c for c in by_start[end(r)] if c not in used]
            if not nxt:
                raise ValueError(f"fylkesgrensen lukker seg ikke ved {end(r)}")
            r = nxt[0]
        out.append(ring)
    return out


# --- Adjacency -------------------------------------------------------------------------------------


def adjacency_by_tolerance(fylker: dict[str, list[list[Pt]]], tol_m: float) -> dict[tuple[str, str], float]:
    """Shared border length (km) per county pair: A's edges whose two ends lie within tol of B."""
    tol = tol_m / KVANT
    cell = 500  # 5 km grid cells
    grid: dict[tuple[int, int], list] = defaultdict(list)
    for nr, rings in fylker.items():
        for ring in rings:
            for i in range(len(ring)):
                a, b = ring[i - 1], ring[i]
                for cx in range(int(min(a[0], b[0]) - tol) // cell, int(max(a[0], b[0]) + tol) // cell + 1):
                    for cy in range(int(min(a[1], b[1]) - tol) // cell, int(max(a[1], b[1]) + tol) // cell + 1):
                        grid[cx, cy].append((nr, a, b))

    def near(p: Pt, other: str) -> bool:
        return any(nr == other and _seg_dist(p, a, b) <= tol for nr, a, b in grid[p[0] // cell, p[1] // cell])

    def candidates(p: Pt, own: str) -> set[str]:
        return {nr for nr, a, b in grid[p[0] // cell, p[1] // cell] if nr != own and _seg_dist(p, a, b) <= tol}

    length: dict[tuple[str, str], float] = defaultdict(float)
    for nr, rings in fylker.items():
        for ring in rings:
            for i in range(len(ring)):
                a, b = ring[i - 1], ring[i]
                for other in candidates(a, nr):
                    if near(b, other):
                        length[tuple(sorted((nr, other)))] += math.dist(a, b) * KVANT / 1000 / 2
    return dict(length)


def adjacency_by_arcs(arcs, refs, ring_owner) -> dict[tuple[str, str], float]:
    """Shared border length (km) per county pair from municipality arcs used on both sides."""
    sides: dict[int, set[str]] = defaultdict(set)
    for rid, ring in refs.items():
        for r in ring:
            sides[r if r >= 0 else ~r].add(ring_owner[rid])
    length: dict[tuple[str, str], float] = defaultdict(float)
    for i, owners in sides.items():
        fylker = sorted({o[:2] for o in owners})
        if len(fylker) == 2:
            arc = arcs[i]
            length[tuple(fylker)] += sum(math.dist(a, b) for a, b in zip(arc, arc[1:])) * KVANT / 1000
    return dict(length)


# --- Output ------------------------------------------------------------------------------------------


def encode(arc: list[Pt]) -> list[int]:
    out, px, py = [], 0, 0
    for x, y in arc:
        out += [x - px, y - py]
        px, py = x, y
    return out


def build(reference: Path) -> dict:
    load = lambda name: json.loads((reference / f"{name}.geojson").read_text(encoding="utf-8"))["features"]
    kommuner, fylker = load("kommuner-2024"), load("fylker-2024")

    rings: dict[tuple[str, int], list[Pt]] = {}
    for f in kommuner:
        nr = f["properties"]["kommunenummer"]
        i = 0
        for poly in polygons(f["geometry"]):
            for j, coords in enumerate(poly):
                ring = project_ring(coords, hole=j > 0)
                if len(ring) >= 3:
                    rings[nr, i] = ring
                    i += 1
    arcs, refs = build_arcs(rings)
    owner = {rid: rid[0] for rid in refs}
    by_kommune: dict[str, list[list[int]]] = defaultdict(list)
    for rid, ring in refs.items():
        by_kommune[rid[0]].append(ring)

    out_arcs, out_kommuner, out_fylker = {}, {}, {}
    for level, spec in LEVELS.items():
        simple, kept = simplify_level(arcs, by_kommune, spec["toleranse_m"], spec["min_areal_km2"])
        used = {r if r >= 0 else ~r for rings_ in kept.values() for ring in rings_ for r in ring}
        out_arcs[level] = [encode(a) if i in used else [] for i, a in enumerate(simple)]
        out_kommuner[level] = {nr: kept[nr] for nr in sorted(kept)}
        county_rings: dict[str, list[list[int]]] = defaultdict(list)
        for nr, rs in kept.items():
            county_rings[nr[:2]] += rs
        out_fylker[level] = {f: dissolve(simple, rs) for f, rs in sorted(county_rings.items())}

    fylke_geom = {}
    for f in fylker:
        nr = f["properties"]["fylkesnummer"]
        fylke_geom[nr] = [project_ring(c, hole=j > 0) for poly in polygons(f["geometry"]) for j, c in enumerate(poly)]
    by_tol = {k: v for k, v in adjacency_by_tolerance(fylke_geom, NABO_TOLERANSE_M).items() if v >= NABO_MIN_KM}
    by_arcs = {k: v for k, v in adjacency_by_arcs(arcs, refs, owner).items() if v >= NABO_MIN_KM}
    if set(by_tol) != set(by_arcs):
        raise SystemExit(f"nabofylkene stemmer ikke overens: bare toleranse {set(by_tol) - set(by_arcs)}, "
                         f"bare kommunegrenser {set(by_arcs) - set(by_tol)}")
    naboer: dict[str, list[str]] = {nr: [] for nr in sorted(fylke_geom)}
    for a, b in sorted(by_tol):
        naboer[a].append(b)
        naboer[b].append(a)

    return {
        "merknad": "GENERERT FIL: ikke rediger for hånd. Laget av scripts/build_geo.py.",
        "kilde": "Kartverket, Administrative enheter 2024 (kommuner og fylker), forenklet",
        "lisens": "CC BY 4.0",
        "kreditering": "Kartverket (CC BY 4.0)",
        "projeksjon": "EUREF89 UTM sone 33 (EPSG:25833)",
        "kvant": KVANT,
        "nivaer": LEVELS,
        "nabo_toleranse_m": NABO_TOLERANSE_M,
        "grenselengde_km": {f"{a}-{b}": round(v, 1) for (a, b), v in sorted(by_tol.items())},
        "naboer": {k: sorted(v) for k, v in naboer.items()},
        "fylker": out_fylker,
        "kommuner": out_kommuner,
        "arcs": out_arcs,
    }


def main() -> None:
    reference = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference")
    out = ROOT / "data" / "kart" / "norge.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    data = build(reference)
    # One line per top-level key keeps diffs readable without wasting bytes.
    lines = [f"{json.dumps(k)}:{json.dumps(v, ensure_ascii=False, separators=(',', ':'))}" for k, v in data.items()]
    out.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    points = {level: sum(len(a) // 2 for a in arcs) for level, arcs in data["arcs"].items()}
    print(f"skrev {out} ({out.stat().st_size // 1024} KB): punkter {points}; "
          f"nabofylker: {data['grenselengde_km']}")


if __name__ == "__main__":
    main()
