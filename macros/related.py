"""Related cases for a case page: what another municipality has in common with this one.

A case is related when it shares the focus area, lies in the same or a neighbouring county
(counties sharing a border, from data/kart/), or shows one of the same success criteria. Each
relation carries the reasons a reader sees. Examples (eksempel: true) are never related to anything.
"""
from __future__ import annotations

from dataclasses import dataclass

from .catalog import Catalog, sort_key
from .geo import nabofylker
from .load import Case

# Reasons in the case's own written standard (the page is nb or nn).
REASONS = {
    "nb": dict(fokus="Samme fokusområde", fylke="Samme fylke", nabo="Nabofylke",
               kriterium="Felles suksesskriterium", kriterier="Felles suksesskriterier"),
    "nn": dict(fokus="Same fokusområde", fylke="Same fylke", nabo="Nabofylke",
               kriterium="Felles suksesskriterium", kriterier="Felles suksesskriterium"),
}
WEIGHT = dict(fokus=3, kriterium=2, fylke=2, nabo=1)


@dataclass(frozen=True)
class Related:
    case: Case
    reasons: list[str]
    score: int


def related_cases(case: Case, cat: Catalog, limit: int = 6) -> list[Related]:
    """Published cases with something in common with `case`, strongest relation first."""
    words = REASONS.get(case.record.sprak, REASONS["nb"])
    fylke = None if case.eksempel else cat.reg.kommuner[case.record.kommunenummer].fylke
    naboer = set(nabofylker(fylke)) if fylke else set()
    own_criteria = [k.id for k in case.record.suksesskriterier]
    out = []
    for other in cat.cases:  # published cases only: examples are never here
        if other.path == case.path or other.record.kommunenummer == case.record.kommunenummer:
            continue
        reasons, score = [], 0
        if case.record.fokusomrade and other.record.fokusomrade == case.record.fokusomrade:
            reasons.append(words["fokus"])
            score += WEIGHT["fokus"]
        other_fylke = cat.reg.kommuner[other.record.kommunenummer].fylke
        if fylke and other_fylke == fylke:
            reasons.append(words["fylke"])
            score += WEIGHT["fylke"]
        elif other_fylke in naboer:
            reasons.append(words["nabo"])
            score += WEIGHT["nabo"]
        other_ids = {k.id for k in other.record.suksesskriterier}
        shared = [cat.kriterium(k) for k in own_criteria if k in other_ids]
        titles = [k.tittel for k in shared if k is not None]
        if titles:
            word = words["kriterium"] if len(titles) == 1 else words["kriterier"]
            reasons.append(f"{word}: {', '.join(titles)}")
            score += WEIGHT["kriterium"] * len(titles)
        if reasons:
            out.append(Related(other, reasons, score))
    out.sort(key=lambda r: (-r.score, sort_key(r.case.record.navn)))
    return out[:limit]
