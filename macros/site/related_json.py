"""The ranking's definition and the candidates' profiles as JSON-ready data for the browser
(site/related.py defines and applies them; docs/assets/hvor-star-vi.js applies the same data with a
generic evaluator)."""
from __future__ import annotations

from typing import Iterable

from ..core.catalog import Catalog
from . import related
from .related import Profile, Rule, _index, vocabularies

# The definition is read from site/related.py when asked (not bound at import), so a changed table
# (tests/browser/test_selfassess.py) reaches the browser as it is.


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
    """related.RULES, related.SORT and the rest as JSON-ready data, with the vocabularies the reasons name."""
    return {
        "regler": [rule_json(r) for r in related.RULES],
        "rekkefolge": [list(s) for s in related.SORT],
        "rekkefolge_selvvurdering": [list(s) for s in related.SORT_SELF],
        "min_poeng": related.MIN_SCORE,
        "antall": related.LIMITS,
        "utelat_samme_kommune": related.SKIP_SAME_MUNICIPALITY,
        "jordradius_km": related.EARTH_RADIUS_KM,
        "ordlister": {name: [list(x) for x in items] for name, items in vocabularies(cat).items()},
    }


def candidates_json(cat: Catalog) -> list[dict]:
    """Every published case's profile as the rules read it, with its place in the name order."""
    fields = sorted({r.field for r in related.RULES if r.kind == "felles"})
    return [{"rekke": c.rekke, "innhold": c.profile.innhold, **profile_json(c.profile, fields)}
            for c in _index(cat).candidates]
