"""The one definition of «another municipality to learn from», and the ranking that applies it.

Two pages rank published cases with it: «Andre kommuner å lære av» on every case page (the case
itself is the subject) and the self-assessment «Hvor står vi?» (the reader's municipality and
choices are the subject). The definition is data, not code:

- RULES: what earns points and the reason a reader sees for it. Two kinds of rule exist:
  «felles» (the subject and the case share a value in a field: focus area, county, criteria,
  partner types, sectors, user groups, methods) and «avstand» (the case lies within max_km of the subject).
- SORT: most points first, then the nearest, then the site's name order.
- MIN_SCORE, LIMITS, SKIP_SAME_MUNICIPALITY.

Python applies it here; related_json.definition_json() hands the same data to the browser, where
docs/assets/hvor-star-vi.js applies it with a generic evaluator that knows the two kinds of rule
but no rule, field, weight or text (tests/browser/test_selfassess.py compares the two rankings,
also with a changed definition). Change the ranking here, and both pages follow.

A profile is what the rules compare: a set of ids per field (see FIELDS), the municipality
number and its point. Examples (eksempel: true) are never candidates, and an example as subject
has no county or point.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable

from ..core.catalog import Catalog
from ..core.load import Case
from ..core.model import BRUKERGRUPPE, PARTNERTYPE, SEKTOR
from .geo import nabofylker

# --- The definition ---------------------------------------------------------------------------

# Profile fields, by the name the self-assessment's address uses for the reader's choices.
FIELDS = {
    "fokus": "focus area(s)",
    "nabofokus": "focus areas sharing an entry of the model with the subject's (subject only; its own left out)",
    "fylke": "county number",
    "naboer": "numbers of the neighbouring counties (subject only)",
    "kriterium": "success criteria",
    "partner": "partner types",
    "sektor": "sectors of the kommunegruppe",
    "brukergruppe": "the user groups the work is for",
    "metode": "methods of co-creation and participation (data/metoder.yml)",
}


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str  # "felles" or "avstand"
    weight: int
    text: dict[str, dict[str, str]]  # language -> {"en", "flere"} (felles) or {"mal"} (avstand, with {km})
    field: str = ""  # felles: the case's field
    subject_field: str = ""  # felles: the subject's field, when it is not the same
    per_item: bool = False  # felles: weight for each shared value (else once)
    show_items: bool = False  # felles: name the shared values in the reason (labels: VOCABULARIES)
    ignore: tuple[str, ...] = ()  # felles: values that never count as shared
    max_km: int = 0  # avstand
    tier: str = "valg"  # "valg": what the reader chose (focus areas, criteria, partners, sectors); "sted": geography

    @property
    def source(self) -> str:
        return self.subject_field or self.field


# Every reason names what matched (show_items): the focus area, the county, the criteria.
RULES: tuple[Rule, ...] = (
    Rule("fokus", "felles", 4, field="fokus", show_items=True,
         text={"nb": {"en": "Samme fokusområde", "flere": "Samme fokusområder"},
               "nn": {"en": "Same fokusområde", "flere": "Same fokusområde"}}),
    Rule("nabofokus", "felles", 1, field="fokus", subject_field="nabofokus", show_items=True,
         text={"nb": {"en": "Nærliggende fokusområde", "flere": "Nærliggende fokusområder"},
               "nn": {"en": "Nærliggjande fokusområde", "flere": "Nærliggjande fokusområde"}}),
    Rule("fylke", "felles", 2, field="fylke", show_items=True, tier="sted",
         text={"nb": {"en": "Samme fylke", "flere": "Samme fylke"},
               "nn": {"en": "Same fylke", "flere": "Same fylke"}}),
    Rule("nabo", "felles", 1, field="fylke", subject_field="naboer", show_items=True, tier="sted",
         text={"nb": {"en": "Nabofylke", "flere": "Nabofylke"},
               "nn": {"en": "Nabofylke", "flere": "Nabofylke"}}),
    Rule("avstand", "avstand", 1, max_km=100, tier="sted",
         text={"nb": {"mal": "{km} km unna"}, "nn": {"mal": "{km} km unna"}}),
    Rule("kriterium", "felles", 2, field="kriterium", per_item=True, show_items=True,
         text={"nb": {"en": "Felles suksesskriterium", "flere": "Felles suksesskriterier"},
               "nn": {"en": "Felles suksesskriterium", "flere": "Felles suksesskriterium"}}),
    Rule("partner", "felles", 1, field="partner", show_items=True, ignore=("annet",),
         text={"nb": {"en": "Samme type partner", "flere": "Samme typer partnere"},
               "nn": {"en": "Same type partnar", "flere": "Same typar partnarar"}}),
    Rule("sektor", "felles", 1, field="sektor", show_items=True, ignore=("kulturskole", "annet"),
         text={"nb": {"en": "Samme sektor i kommunegruppa", "flere": "Samme sektorer i kommunegruppa"},
               "nn": {"en": "Same sektor i kommunegruppa", "flere": "Same sektorar i kommunegruppa"}}),
    Rule("brukergruppe", "felles", 1, field="brukergruppe", show_items=True,
         text={"nb": {"en": "Samme brukergruppe", "flere": "Samme brukergrupper"},
               "nn": {"en": "Same brukargruppe", "flere": "Same brukargrupper"}}),
    Rule("metode", "felles", 1, field="metode", show_items=True,
         text={"nb": {"en": "Samme metode", "flere": "Samme metoder"},
               "nn": {"en": "Same metode", "flere": "Same metodar"}}),
)
# Sort keys, in order: "poeng" (points, most first), "km" (distance, nearest first; 0 when the
# subject has no point) and "rekke" (the case's place in the site's name order).
SORT: tuple[tuple[str, int], ...] = (("poeng", -1), ("km", 1), ("rekke", 1))
# «Hvor står vi?» puts what the reader chose first: "valg" (points of the rules of tier "valg"), then
# "innhold" (how much the case tells, CONTENT), then all points, distance and name order. A case
# that only lies near comes after one that shares a choice, and an empty case after a full one.
SORT_SELF: tuple[tuple[str, int], ...] = (("valg", -1), ("innhold", -1), ("poeng", -1), ("km", 1), ("rekke", 1))
# What a case tells beyond its participation: each present part counts one (a story too).
CONTENT = ("utviklingsprosjekt", "kilder", "erfaringer", "fremtidsbilde", "kommunegruppe", "partnere",
           "suksesskriterier")
MIN_SCORE = 1
LIMITS = {"kommuneside": 6, "selvvurdering": 10}
SKIP_SAME_MUNICIPALITY = True  # «andre kommuner»: never the subject's own municipality
EARTH_RADIUS_KM = 6371


def vocabularies(cat: Catalog) -> dict[str, list[tuple[str, str]]]:
    """(id, label) in reading order for the fields whose shared values a reason names."""
    return {
        "fokus": [(f.id, f.tittel) for f in cat.fokusomrader],
        "fylke": [(f.nummer, f.navn) for f in cat.fylker],
        "kriterium": [(k.id, k.tittel) for k in cat.kriterier],
        "partner": list(PARTNERTYPE.items()),
        "sektor": list(SEKTOR.items()),
        "brukergruppe": list(BRUKERGRUPPE.items()),
        "metode": [(m.id, m.tittel) for m in cat.metoder],
    }


# --- Profiles ---------------------------------------------------------------------------------

EMPTY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Profile:
    kommune: str | None = None
    punkt: tuple[float, float] | None = None
    values: dict[str, frozenset[str]] = field(default_factory=dict)
    innhold: int = 0  # how many parts of CONTENT the case has (candidates)

    def get(self, name: str) -> frozenset[str]:
        return self.values.get(name, EMPTY)


def neighbour_focus(cat: Catalog, chosen: Iterable[str]) -> frozenset[str]:
    """Focus areas that share an entry of the model («innganger») with one of the chosen, the chosen
    left out (also the focus-area pages' neighbours, site/focuspages.py)."""
    chosen = set(chosen)
    areas = {v for f in cat.fokusomrader if f.id in chosen for v in f.innganger}
    return frozenset(f.id for f in cat.fokusomrader if f.id not in chosen and areas & set(f.innganger))


def content_of(case: Case) -> int:
    r = case.record
    return sum(bool(getattr(r, name)) for name in CONTENT) + (case.markdown is not None)


def case_profile(case: Case, cat: Catalog) -> Profile:
    """A case as subject or candidate. An example has no municipality, county or point."""
    r = case.record
    values = {
        "fokus": frozenset([r.fokusomrade] if r.fokusomrade else []),
        "nabofokus": neighbour_focus(cat, [r.fokusomrade] if r.fokusomrade else []),
        "kriterium": frozenset(k.id for k in r.suksesskriterier),
        "partner": frozenset(p.type for p in r.partnere),
        "sektor": frozenset(m.sektor for m in r.kommunegruppe or []),
        "brukergruppe": frozenset(r.brukergrupper),
        "metode": frozenset(r.metoder),
    }
    if case.eksempel:
        return Profile(None, None, values, content_of(case))
    kommune = cat.reg.kommuner[r.kommunenummer]
    values["fylke"] = frozenset([kommune.fylke])
    values["naboer"] = frozenset(nabofylker(kommune.fylke, cat))
    return Profile(kommune.nummer, tuple(kommune.punkt), values, content_of(case))


def choices_profile(cat: Catalog, kommune: str | None = None, **choices: Iterable[str]) -> Profile:
    """A self-assessment: a municipality number (2024) or none, and the chosen ids per field
    (fokus, kriterium, partner, sektor)."""
    unknown = set(choices) - set(FIELDS) | ({"nabofokus"} & set(choices))
    if unknown:
        raise ValueError(f"unknown profile fields: {sorted(unknown)}")
    values = {name: frozenset(ids) for name, ids in choices.items()}
    values["nabofokus"] = neighbour_focus(cat, values.get("fokus", ()))
    if not kommune:
        return Profile(None, None, values)
    k = cat.reg.kommuner[kommune]
    values["fylke"] = frozenset([k.fylke])
    values["naboer"] = frozenset(nabofylker(k.fylke, cat))
    return Profile(k.nummer, tuple(k.punkt), values)


# --- Applying the definition --------------------------------------------------------------------


def _trig(p: tuple[float, float]) -> tuple[float, float, float]:
    lon, lat = math.radians(p[0]), math.radians(p[1])
    return lon, lat, math.cos(lat)


def _km(a: tuple[float, float, float], b: tuple[float, float, float]) -> int:
    """Great-circle distance (haversine, as core.register.distance_km) in whole kilometres, halves
    rounded up; the browser computes it with the same operations in the same order."""
    h = math.sin((b[1] - a[1]) / 2) ** 2 + a[2] * b[2] * math.sin((b[0] - a[0]) / 2) ** 2
    return math.floor(2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h)) + 0.5)


def km_between(a: tuple[float, float] | None, b: tuple[float, float] | None) -> int | None:
    """Kilometres between two (lon, lat) points, or None when one is missing."""
    if a is None or b is None:
        return None
    return _km(_trig(a), _trig(b))


def _shared(rule: Rule, subject: Profile, other: Profile) -> frozenset[str]:
    shared = subject.get(rule.source) & other.get(rule.field)
    return shared.difference(rule.ignore) if rule.ignore else shared


def rule_points(rule: Rule, subject: Profile, other: Profile, km: int | None) -> int:
    if rule.kind == "felles":
        shared = _shared(rule, subject, other)
        return rule.weight * (len(shared) if rule.per_item else 1) if shared else 0
    if rule.kind == "avstand":
        return rule.weight if km is not None and km <= rule.max_km else 0
    raise ValueError(f"unknown rule kind: {rule.kind}")


def rule_reason(rule: Rule, subject: Profile, other: Profile, km: int | None, lang: str,
                vocab: dict[str, list[tuple[str, str]]]) -> str | None:
    """The reason a reader sees, or None when the rule gives no points."""
    if not rule_points(rule, subject, other, km):
        return None
    words = rule.text.get(lang, rule.text["nb"])
    if rule.kind == "avstand":
        return words["mal"].replace("{km}", str(km))
    shared = _shared(rule, subject, other)
    text = words["en"] if len(shared) == 1 else words["flere"]
    if rule.show_items:
        text += ": " + ", ".join(label for id_, label in vocab.get(rule.field, []) if id_ in shared)
    return text


def score(subject: Profile, other: Profile) -> tuple[int, int | None]:
    """(points, km): the definition applied rule by rule."""
    km = km_between(subject.punkt, other.punkt)
    return sum(rule_points(r, subject, other, km) for r in RULES), km


@dataclass(frozen=True)
class Match:
    case: Case
    reasons: list[str]
    score: int
    km: int | None = None


Related = Match  # the name the case pages have used


def sort_key(points: int, km: int | None, rekke: int, valg: int = 0, innhold: int = 0,
             order: tuple[tuple[str, int], ...] = SORT) -> tuple:
    values = {"poeng": points, "km": km or 0, "rekke": rekke, "valg": valg, "innhold": innhold}
    return tuple(direction * values[name] for name, direction in order)


def _skip(subject: Profile, other: Profile) -> bool:
    return SKIP_SAME_MUNICIPALITY and subject.kommune is not None and other.kommune == subject.kommune


def _matches(found: list[tuple[tuple, int, _Candidate]], subject: Profile, cat: Catalog, lang: str) -> list[Match]:
    vocab = vocabularies(cat)
    out = []
    for _, points, cand in found:
        km = km_between(subject.punkt, cand.profile.punkt)
        reasons = [t for t in (rule_reason(r, subject, cand.profile, km, lang, vocab) for r in RULES) if t]
        out.append(Match(cand.case, reasons, points, km))
    return out


def rank_all(subject: Profile, cat: Catalog, limit: int | None = None, lang: str = "nb",
             order: tuple[tuple[str, int], ...] = SORT) -> list[Match]:
    """The definition applied to every published case, one by one (the reference for rank())."""
    found = []
    for cand in _index(cat).candidates:
        if _skip(subject, cand.profile):
            continue
        points, km = score(subject, cand.profile)
        if points >= MIN_SCORE:
            valg = sum(rule_points(r, subject, cand.profile, km) for r in RULES if r.tier == "valg")
            found.append((sort_key(points, km, cand.rekke, valg, cand.profile.innhold, order), points, cand))
    found.sort(key=lambda x: x[0])
    return _matches(found if limit is None else found[:limit], subject, cat, lang)


# --- The same ranking without comparing every pair (thousands of case pages) --------------------
#
# Candidates are grouped by their values in GROUP_LEVELS (coarse, then fine). A group's bound is
# the points of the rules that read only grouped fields (exact for every member) plus the most the
# other rules could give this subject. Groups are visited best bound first; once a bound is below
# the limit-th best score found, nothing in that group can enter the list. Ties are still visited
# (a nearer or earlier case with the same points may displace one). tests/test_scale.py checks
# that rank() equals rank_all() for every case of a fictional dataset with many ties.

GROUP_LEVELS: tuple[tuple[str, ...], ...] = (("fokus", "fylke"), ("kriterium",))


@dataclass(frozen=True)
class _Candidate:
    rekke: int  # place in cat.cases (the site's name order)
    case: Case
    profile: Profile
    trig: tuple[float, float, float] | None  # the point in radians, with cos(latitude)


@dataclass
class _Index:
    candidates: list[_Candidate]
    tree: dict[tuple, dict[tuple, list[_Candidate]]]
    orders: dict[tuple, list[tuple[int, tuple]]]
    sub_orders: dict[tuple, dict[tuple, list[tuple[int, list[_Candidate]]]]]
    rules: tuple[Rule, ...] = ()


def _index(cat: Catalog) -> _Index:
    hit = cat.__dict__.get("_related_index")  # kept on the catalog it is made from, and freed with it
    if hit is not None:
        return hit
    candidates = []
    for i, c in enumerate(cat.cases):
        profile = case_profile(c, cat)
        candidates.append(_Candidate(i, c, profile, _trig(profile.punkt) if profile.punkt else None))
    tree: dict[tuple, dict[tuple, list[_Candidate]]] = {}
    for cand in candidates:
        level1, level2 = (tuple(cand.profile.get(f) for f in fields) for fields in GROUP_LEVELS)
        tree.setdefault(level1, {}).setdefault(level2, []).append(cand)
    index = _Index(candidates, tree, {}, {})
    cat.__dict__["_related_index"] = index
    return index


def _rule_max(rule: Rule, subject: Profile) -> int:
    """The most this rule can give the subject with any candidate."""
    if rule.kind == "felles":
        n = len(subject.get(rule.source).difference(rule.ignore))
        return rule.weight * (n if rule.per_item else min(n, 1))
    if rule.kind == "avstand":
        return rule.weight if subject.punkt is not None else 0
    raise ValueError(f"unknown rule kind: {rule.kind}")


def rank(subject: Profile, cat: Catalog, limit: int | None = None, lang: str = "nb") -> list[Match]:
    """The best `limit` published cases for the subject (all when limit is None), best first,
    each with its reasons in `lang` (nb or nn). Equal to rank_all(), only faster."""
    if limit is None:
        return rank_all(subject, cat, None, lang)
    if limit <= 0:
        return []
    if SORT[0] != ("poeng", -1):  # the bounds below assume most points first
        return rank_all(subject, cat, limit, lang)
    for rule in RULES:
        if rule.kind not in ("felles", "avstand"):
            raise ValueError(f"unknown rule kind: {rule.kind}")
    index = _index(cat)
    if index.rules is not RULES:  # the visit orders hold points of the rules they were made with
        index.orders.clear()
        index.sub_orders.clear()
        index.rules = RULES
    fields1, fields2 = GROUP_LEVELS
    # Each "felles" rule as (weight, per item, the subject's values without ignored ones, field).
    mine = {r.id: (r.weight, r.per_item, subject.get(r.source).difference(r.ignore), r.field)
            for r in RULES if r.kind == "felles"}
    rules1 = [(mine[r.id], fields1.index(r.field)) for r in RULES if r.id in mine and r.field in fields1]
    rules2 = [(mine[r.id], fields2.index(r.field)) for r in RULES if r.id in mine and r.field in fields2]
    rest = [r for r in RULES if not (r.id in mine and (r.field in fields1 or r.field in fields2))]
    rest_felles = [mine[r.id] for r in rest if r.kind == "felles"]
    rest_avstand = [(r.weight, r.max_km) for r in rest if r.kind == "avstand"]
    rest1 = sum(_rule_max(r, subject) for r in RULES if not (r.id in mine and r.field in fields1))
    rest2 = sum(_rule_max(r, subject) for r in rest)
    avstand_max = sum(_rule_max(r, subject) for r in rest if r.kind == "avstand")
    here = _trig(subject.punkt) if subject.punkt else None
    skip = subject.kommune if SKIP_SAME_MUNICIPALITY and subject.kommune is not None else object()

    def points(rule: tuple, values: frozenset) -> int:
        weight, per_item, own, _ = rule
        shared = own & values
        return (weight * len(shared) if per_item else weight) if shared else 0

    # The visit order depends only on the subject's values that the level-1 rules read.
    order_key = tuple(rule[0][2] for rule in rules1)
    order = index.orders.get(order_key)
    if order is None:
        order = sorted(((sum(points(rule, g[pos]) for rule, pos in rules1), g) for g in index.tree),
                       key=lambda x: -x[0])
        index.orders[order_key] = order

    # Within a group, the subgroups best first, for this subject's values that level-2 rules read.
    sub_key = tuple(rule[0][2] for rule in rules2)
    sub_orders = index.sub_orders.setdefault(sub_key, {})

    found: list[tuple[tuple, int, _Candidate]] = []
    kth = None  # the limit-th best score so far (only rises), once there are `limit`
    for part1, g in order:
        if kth is not None and part1 + rest1 < kth:
            break
        subgroups = sub_orders.get(g)
        if subgroups is None:
            subgroups = sorted(((sum(points(rule, h[pos]) for rule, pos in rules2), members)
                                for h, members in index.tree[g].items()), key=lambda x: -x[0])
            sub_orders[g] = subgroups
        for part2, members in subgroups:
            part = part1 + part2
            if kth is not None and part + rest2 < kth:
                break
            for cand in members:
                if cand.profile.kommune == skip:
                    continue
                values = cand.profile.values
                total = part
                for weight, per_item, own, name in rest_felles:
                    shared = own & values.get(name, EMPTY)
                    if shared:
                        total += weight * len(shared) if per_item else weight
                if kth is not None and total + avstand_max < kth:
                    continue
                km = _km(here, cand.trig) if here and cand.trig else None
                if km is not None:
                    total += sum(w for w, max_km in rest_avstand if km <= max_km)
                if total >= MIN_SCORE and (kth is None or total >= kth):
                    found.append((sort_key(total, km, cand.rekke), total, cand))
        found.sort(key=lambda x: x[0])
        del found[limit:]
        if len(found) == limit:
            kth = found[-1][1]
    return _matches(found, subject, cat, lang)


def rank_choices(subject: Profile, cat: Catalog, limit: int | None = LIMITS["selvvurdering"],
                 lang: str = "nb") -> list[Match]:
    """«Hvor står vi?»: what the reader chose first, then content, then geography (SORT_SELF)."""
    return rank_all(subject, cat, limit, lang, SORT_SELF)


def related_cases(case: Case, cat: Catalog, limit: int = LIMITS["kommuneside"]) -> list[Match]:
    """«Andre kommuner å lære av» on a case page: the ranking with the case as subject, its
    reasons in the case's own written standard."""
    return rank(case_profile(case, cat), cat, limit, case.record.sprak)
