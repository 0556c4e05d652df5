"""Related cases for a case page: what another municipality has in common with this one.

A case is related when it shares the focus area, lies in the same or a neighbouring county
(counties sharing a border, from data/kart/), or shows one of the same success criteria. Each
relation carries the reasons a reader sees. Examples (eksempel: true) are never related to anything.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass

from ..core.catalog import Catalog, sort_key
from .geo import nabofylker
from ..core.load import Case

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


def _relation(case: Case, other: Case, cat: Catalog, words: dict, fylke: str | None, naboer: set,
              own_criteria: list[str]) -> tuple[list[str], int]:
    """The reasons `other` is related to `case`, and the score (no reasons: not related)."""
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
    return reasons, score


_groups_cache: dict[int, tuple] = {}


def _groups(cat: Catalog) -> dict[tuple, dict[frozenset, list[tuple[str, int, Case]]]]:
    """Published cases grouped by what a relation looks at: (focus area, county) -> criteria ->
    cases in list order, as (sort key, place in cat.cases, case). Every case in an inner group
    relates to a given case the same way. Built once per catalog."""
    hit = _groups_cache.get(id(cat))
    if hit is not None and hit[0]() is cat:
        return hit[1]
    groups: dict[tuple, dict[frozenset, list[tuple[str, int, Case]]]] = {}
    for pos, c in enumerate(cat.cases):
        key = (c.record.fokusomrade, cat.reg.kommuner[c.record.kommunenummer].fylke)
        ids = frozenset(k.id for k in c.record.suksesskriterier)
        groups.setdefault(key, {}).setdefault(ids, []).append((sort_key(c.record.navn), pos, c))
    _groups_cache.clear()  # one catalog at a time (mkdocs serve replaces it on every change)
    _groups_cache[id(cat)] = (weakref.ref(cat), groups, {})
    return groups


def _visit_order(cat: Catalog, fokus: str | None, fylke: str | None, naboer: set) -> list[tuple[int, tuple]]:
    """(score from focus area and county, group key), highest first, for a case with this focus area
    and county: the same for every such case, so computed once per catalog and (fokus, fylke)."""
    orders = _groups_cache[id(cat)][2]
    key = (fokus, fylke)
    if key not in orders:
        def part(group: tuple) -> int:
            other_fokus, other_fylke = group
            score = WEIGHT["fokus"] if fokus and other_fokus == fokus else 0
            if fylke and other_fylke == fylke:
                score += WEIGHT["fylke"]
            elif other_fylke in naboer:
                score += WEIGHT["nabo"]
            return score
        orders[key] = sorted(((part(g), g) for g in _groups(cat)), key=lambda x: -x[0])
    return orders[key]


def related_cases(case: Case, cat: Catalog, limit: int = 6) -> list[Related]:
    """Published cases with something in common with `case`, strongest relation first."""
    words = REASONS.get(case.record.sprak, REASONS["nb"])
    fylke = None if case.eksempel else cat.reg.kommuner[case.record.kommunenummer].fylke
    naboer = set(nabofylker(fylke)) if fylke else set()
    own_criteria = [k.id for k in case.record.suksesskriterier]
    groups = _groups(cat)

    # Without comparing every pair of cases (quadratic at thousands of cases): visit the
    # (focus area, county) groups by the score their focus area and county give, highest first.
    # A case in a group scores at most that plus the criteria bonus, so once that bound is below
    # the limit-th best score found, no later case can enter the list (ties are still visited).
    bonus = WEIGHT["kriterium"] * len(own_criteria)
    prune = limit > 0
    # (-score, name sort key, place in cat.cases): the order of the full sort, ties as before.
    found: list[tuple[int, str, int, Case, list[str]]] = []
    kth = None  # the limit-th best score so far (only rises), once there are `limit`
    for bound, key in _visit_order(cat, case.record.fokusomrade, fylke, naboer):
        if kth is not None and bound + bonus < kth:
            break
        for ids, members in groups[key].items():
            if kth is not None and bound + WEIGHT["kriterium"] * sum(k in ids for k in own_criteria) < kth:
                continue  # an upper bound of this group's score: below the list, skip the details
            reasons, score = _relation(case, members[0][2], cat, words, fylke, naboer, own_criteria)
            if not reasons:
                continue
            taken = 0
            for skey, pos, other in members:  # same score: only the first `limit` can make the list
                if other.path == case.path or other.record.kommunenummer == case.record.kommunenummer:
                    continue
                found.append((-score, skey, pos, other, reasons))
                taken += 1
                if prune and taken >= limit:
                    break
        found.sort(key=lambda r: r[:3])
        if prune:
            del found[limit:]
            if len(found) == limit:
                kth = -found[-1][0]
    return [Related(other, list(reasons), -neg) for neg, _, _, other, reasons in found][:limit]
