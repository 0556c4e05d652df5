"""Generate data/kommuneregister.yml from Kartverket's boundary files.

Run once by a maintainer when the register changes:

    python scripts/build_register.py ../shared/reference

The build and the tests read only the committed YAML file, never the source folder.
The 2020 -> 2024 link is computed from geometry: an interior point of each 2024
municipality is located in the 2020 map (2024 is as fine as or finer than 2020).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

HEADER = """\
# Kommuneregisteret for Kulturskole 3.0-nettstedet. GENERERT FIL: ikke rediger for hånd.
# Laget av scripts/build_register.py fra Kartverkets «Administrative enheter» (forenklede kopier).
# Kilde for grenser og nummer: Kartverket, lisens CC BY 4.0 (kreditering: «Kartverket»).
# Kommune- og fylkeslister: SSB Klass 131 (kommuner) og 104 (fylker), lisens NLOD.
# Gyldig fra 2024-01-01 (357 kommuner, 15 fylker). Pilotperioden (2021–2023) brukte 2020-inndelingen.
"""


def _rings(geometry: dict) -> list[list[list[float]]]:
    """Outer rings of a Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [poly[0] for poly in geometry["coordinates"]]


def _polygons(geometry: dict) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def _in_ring(x: float, y: float, ring: list[list[float]]) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _contains(geometry: dict, x: float, y: float) -> bool:
    for poly in _polygons(geometry):
        if _in_ring(x, y, poly[0]) and not any(_in_ring(x, y, hole) for hole in poly[1:]):
            return True
    return False


def _area(ring: list[list[float]]) -> float:
    return abs(sum(ring[i][0] * ring[i - 1][1] - ring[i - 1][0] * ring[i][1] for i in range(len(ring)))) / 2


def interior_point(geometry: dict) -> tuple[float, float]:
    """A point inside the largest ring: midpoint of the widest horizontal chord at mid-height."""
    ring = max(_rings(geometry), key=_area)
    ys = sorted(p[1] for p in ring)
    best = None
    for frac in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
        y = ys[0] + (ys[-1] - ys[0]) * frac
        xs = []
        for i in range(len(ring)):
            (x1, y1), (x2, y2) = ring[i - 1][:2], ring[i][:2]
            if (y1 > y) != (y2 > y):
                xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
        xs.sort()
        for a, b in zip(xs[0::2], xs[1::2]):
            if best is None or b - a > best[0]:
                best = (b - a, (a + b) / 2, y)
        if best and _contains(geometry, best[1], best[2]):
            return best[1], best[2]
    raise ValueError("fant ikke et indre punkt")


def build(reference: Path) -> dict:
    load = lambda name: json.loads((reference / f"{name}.geojson").read_text(encoding="utf-8"))["features"]
    k24, f24, k20, f20 = load("kommuner-2024"), load("fylker-2024"), load("kommuner-2020"), load("fylker-2020")

    fylker = sorted(
        ({"nummer": f["properties"]["fylkesnummer"], "navn": f["properties"]["name"],
          "offisielt_navn": f["properties"]["fylkesnavn"]} for f in f24),
        key=lambda f: f["nummer"],
    )
    fylker_2020 = sorted(
        ({"nummer": f"{f['properties']['fylkesnummer']:02d}", "navn": f["properties"]["navn"]} for f in f20),
        key=lambda f: f["nummer"],
    )
    old = [(f"{f['properties']['kommunenummer']:04d}", f["properties"]["navn"], f["geometry"]) for f in k20]

    kommuner = []
    for f in sorted(k24, key=lambda f: f["properties"]["kommunenummer"]):
        nummer = f["properties"]["kommunenummer"]
        x, y = interior_point(f["geometry"])
        hits = [o[0] for o in old if _contains(o[2], x, y)]
        entry = {"nummer": nummer, "navn": f["properties"]["kommunenavn"], "fylke": nummer[:2],
                 "punkt": [round(x, 3), round(y, 3)]}
        if hits:
            entry["nummer_2020"] = hits[0]
        elif nummer[:2] in {f["nummer"] for f in fylker_2020}:
            # Small islands (Kvitsøy, Træna) are missing from the simplified 2020 map; their
            # county kept its number in 2024, and so did they.
            entry["nummer_2020"] = nummer
            old.append((nummer, entry["navn"], {"type": "MultiPolygon", "coordinates": []}))
        kommuner.append(entry)

    replaced_by: dict[str, list[str]] = {}
    for k in kommuner:
        if "nummer_2020" in k:
            replaced_by.setdefault(k["nummer_2020"], []).append(k["nummer"])
    kommuner_2020 = [
        {"nummer": nr, "navn": navn, "fylke": nr[:2], "erstattet_av": replaced_by.get(nr, [])}
        for nr, navn, _ in sorted(old)
    ]
    return {
        "gyldig_fra": "2024-01-01",
        "kilde": "Kartverket, Administrative enheter (CC BY 4.0); SSB Klass 131 og 104 (NLOD)",
        "fylker": fylker,
        "kommuner": kommuner,
        "fylker_2020": fylker_2020,
        "kommuner_2020": kommuner_2020,
    }


def main() -> None:
    reference = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference")
    out = Path(__file__).resolve().parent.parent / "data" / "kommuneregister.yml"
    data = build(reference)
    text = HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120, default_flow_style=None)
    out.write_text(text, encoding="utf-8")
    missing = [k["nummer"] for k in data["kommuner"] if "nummer_2020" not in k]
    print(f"skrev {out}: {len(data['kommuner'])} kommuner, {len(data['fylker'])} fylker; uten 2020-treff: {missing}")


if __name__ == "__main__":
    main()
