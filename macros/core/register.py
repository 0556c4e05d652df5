"""Look-ups in the municipality register: numbers, names, counties, 2020-era numbers."""
from __future__ import annotations

import difflib
import math

from .model import Fylke, Kommune, Register
from .slug import slugify


class RegisterIndex:
    def __init__(self, register: Register):
        self.register = register
        self.kommuner: dict[str, Kommune] = {k.nummer: k for k in register.kommuner}
        self.fylker: dict[str, Fylke] = {f.nummer: f for f in register.fylker}
        self.kommuner_2020 = {k.nummer: k for k in register.kommuner_2020}
        self.fylker_2020 = {f.nummer: f for f in register.fylker_2020}

    # --- names -----------------------------------------------------------------------------
    @staticmethod
    def name_variants(official: str) -> set[str]:
        """«Unjárga - Nesseby» is also written «Nesseby» or «Unjárga»."""
        parts = [p.strip() for p in official.split(" - ")]
        return {official.casefold(), *(p.casefold() for p in parts)}

    def name_matches(self, nummer: str, navn: str) -> bool:
        return navn.strip().casefold() in self.name_variants(self.kommuner[nummer].navn)

    def find(self, query: str) -> Kommune | None:
        """A municipality by number or by (any variant of) its name."""
        q = query.strip()
        if q in self.kommuner:
            return self.kommuner[q]
        hits = [k for k in self.kommuner.values() if q.casefold() in self.name_variants(k.navn)]
        return hits[0] if len(hits) == 1 else None

    def find_all(self, query: str) -> list[Kommune]:
        q = query.strip().casefold()
        return [k for k in self.kommuner.values() if q in self.name_variants(k.navn)]

    def suggest(self, query: str, n: int = 3) -> list[str]:
        names = {}
        for k in self.kommuner.values():
            for v in self.name_variants(k.navn):
                names.setdefault(v, k.navn)
        close = difflib.get_close_matches(query.strip().casefold(), list(names), n=n, cutoff=0.6)
        return list(dict.fromkeys(names[c] for c in close))

    def case_slug(self, nummer: str, navn: str | None = None) -> str:
        """The file name and URL slug of a municipality's case: the name as the case writes it
        (official name or one of its parts: «Trondheim», «Nesseby»), plus the county when that
        name belongs to more than one municipality (Herøy in Møre og Romsdal and in Nordland)."""
        kommune = self.kommuner[nummer]
        slug = slugify(navn or kommune.navn)
        if len(self._slug_owners().get(slug, ())) > 1:
            slug = f"{slug}-{slugify(self.fylker[kommune.fylke].navn)}"
        return slug

    def _slug_owners(self) -> dict[str, set[str]]:
        """Slug of every name variant -> the municipality numbers that carry it."""
        if not hasattr(self, "_owners"):
            self._owners: dict[str, set[str]] = {}
            for k in self.kommuner.values():
                for part in {k.navn, *(p.strip() for p in k.navn.split(" - "))}:
                    self._owners.setdefault(slugify(part), set()).add(k.nummer)
        return self._owners

    # --- numbers ---------------------------------------------------------------------------
    def unknown_number_message(self, nr: str) -> str:
        old = self.kommuner_2020.get(nr)
        if old is not None and old.erstattet_av:
            new = ", ".join(f"{n} ({self.kommuner[n].navn})" for n in old.erstattet_av)
            return (f"{nr} er kommunenummeret fra 2020–2023 ({old.navn}); "
                    f"bruk 2024-nummeret: {new}")
        return f"fant «{nr}», som ikke finnes i kommuneregisteret for 2024; sjekk nummeret (fire siffer)"

    # --- counties --------------------------------------------------------------------------
    def fylke_of(self, nummer: str) -> Fylke:
        return self.fylker[self.kommuner[nummer].fylke]

    def fylke_2020_of(self, nummer: str):
        old = self.kommuner[nummer].nummer_2020
        return self.fylker_2020.get(old[:2]) if old else None

    @staticmethod
    def fylke_slug(fylke: Fylke) -> str:
        return slugify(fylke.navn)

    def fylke_point(self, fylke_nr: str) -> tuple[float, float]:
        pts = [k.punkt for k in self.kommuner.values() if k.fylke == fylke_nr]
        return sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lon, lat) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))
