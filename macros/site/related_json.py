"""The ranking's definition and the candidates' profiles as JSON-ready data for the browser
(site/related.py defines and applies them; docs/assets/hvor-star-vi.js applies the same data with a
generic evaluator)."""
from __future__ import annotations

from typing import Iterable

from ..core.catalog import Catalog
from .related import (EARTH_RADIUS_KM, LIMITS, MIN_SCORE, RULES, SKIP_SAME_MUNICIPALITY, SORT, SORT_SELF, Profile,
                      Rule, _index, vocabularies)


def rule_json(rule: Rule) -> dict:
    out: dict = {"id": rule.id, "type": rule.kind, "vekt": rule.weight, "tekst": rule.text, "niva": rule.tier}
    if rule.kind == "felles":
        out.update(felt=rule.field, subjektfelt=rule.source, per_treff=rule.per_item,
                   vis_treff=rule.show_items, ignorer=list(rule.ignore))
    else:
        out.update(maks_km=rule.max_km)
    return out


def profile_json(profile: Profile, fields: Iterable[str]) -> dict:
    out: dict = {"kommune": profile.kommune, "punkt": list(profile.punkt) if profile.punkt else None}
    for name in fields:
        out[name] = sorted(profile.get(name))
    return out


def definition_json(cat: Catalog) -> dict:
    """RULES, SORT and the rest as JSON-ready data, with the vocabularies the reasons name."""
    return {
        "regler": [rule_json(r) for r in RULES],
        "rekkefolge": [list(s) for s in SORT],
        "rekkefolge_selvvurdering": [list(s) for s in SORT_SELF],
        "min_poeng": MIN_SCORE,
        "antall": LIMITS,
        "utelat_samme_kommune": SKIP_SAME_MUNICIPALITY,
        "jordradius_km": EARTH_RADIUS_KM,
        "ordlister": {name: [list(x) for x in items] for name, items in vocabularies(cat).items()},
    }


def candidates_json(cat: Catalog) -> list[dict]:
    """Every published case's profile as the rules read it, with its place in the name order."""
    fields = sorted({r.field for r in RULES if r.kind == "felles"})
    return [{"rekke": c.rekke, "innhold": c.profile.innhold, **profile_json(c.profile, fields)}
            for c in _index(cat).candidates]
