"""Hypothesis strategies for whole cases, derived from what the case form gets (regler.json).

Nothing here names a field of the model. Valid cases are drawn by walking the JSON Schema (types,
patterns, value lists, required fields, list sizes) and then made to keep the rules of the two tables
(postregler, kryssregler), the facts rules and the register, each by the kind of its test; a new field
or a new row of an existing kind is covered without editing this file.

Mutations break one thing each: a field's type, pattern, value list, blank text, markup, date shape,
an impossible date, a missing required field, an unknown field, or one row of each table (and the
facts and register rules). `mutations(rules)` lists them, each labelled by the rule it aims at.
"""
from __future__ import annotations

import copy
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable

from hypothesis import strategies as st

LETTERS = "abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅéü"
TEXT_ALPHABET = LETTERS + "0123456789 .,-()«»!?':/\u00a0"


def deref(rules: dict, node: dict) -> dict:
    while isinstance(node, dict) and "$ref" in node:
        node = rules["skjema"]["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node or {}


def value_node(rules: dict, node: dict) -> tuple[dict, bool]:
    """(the node holding the value, may it be null)."""
    node = deref(rules, node)
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    if options and len(options) < len(node["anyOf"]):
        return deref(rules, options[0]), True
    return node, False


def _regels(node: dict) -> set[str]:
    out = {node.get("x-regel")} if node.get("x-regel") else set()
    for entry in node.get("allOf", []):
        out |= _regels(entry)
    return out


text = st.text(alphabet=TEXT_ALPHABET, min_size=1, max_size=30).map(
    lambda s: unicodedata.normalize("NFC", s)).filter(lambda s: s.strip() and s == s.strip())
words = st.lists(st.sampled_from(["kultur", "skole", "barn", "unge", "lag", "samarbeid", "Stord", "plan", "musikk"]),
                 min_size=1, max_size=5).map(" ".join)
free_text = st.one_of(words, text)
iso_day = st.dates(min_value=__import__("datetime").date(2000, 1, 1),
                   max_value=__import__("datetime").date(2030, 12, 31)).map(lambda d: d.isoformat())
url = st.from_regex(r"[a-z]{2,10}(/[a-z0-9-]{1,10}){0,2}", fullmatch=True).map(lambda p: "https://example.org/" + p)
email = st.from_regex(r"[a-z]{1,8}\.[a-z]{1,8}", fullmatch=True).map(lambda s: s + "@kommune.no")
ident = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)


def scalar(rules: dict, node: dict) -> st.SearchStrategy:
    if "enum" in node:
        return st.sampled_from(node["enum"])
    if node.get("type") == "boolean":
        return st.booleans()
    if node.get("format") == "date":
        return iso_day
    regels = _regels(node)
    pattern = node.get("pattern", "")
    if "ks_https" in regels:
        return url
    if "@" in pattern:
        return email
    if pattern.startswith("^[a-z0-9]+"):
        return ident
    if pattern.startswith("^[0-9]"):
        return st.from_regex(pattern.replace("^", "").replace("$", ""), fullmatch=True)
    return free_text


@st.composite
def from_schema(draw, rules: dict, node: dict, full: bool, depth: int = 0) -> Any:
    node, _ = value_node(rules, node)
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        out = {}
        required = set(node.get("required", []))
        for key, sub in node.get("properties", {}).items():
            sub_node, nullable = value_node(rules, sub)
            default = deref(rules, sub).get("default", "x")
            optional = key not in required
            if optional and not full and not draw(st.booleans()):
                continue
            if sub_node.get("type") == "boolean" and default is False and not draw(st.booleans()):
                continue  # a false flag is mostly left out, as the form leaves it out
            out[key] = draw(from_schema(rules, sub, full, depth + 1))
        return out
    if kind == "array":
        low = max(node.get("minItems", 0), 1 if full else 0)
        high = min(node.get("maxItems", low + 3), low + 3)
        return draw(st.lists(from_schema(rules, node.get("items", {}), full, depth + 1), min_size=low, max_size=high))
    return draw(scalar(rules, node))


# --- keeping the rules: each kind of test has a way to be kept -------------------------------------

def _places(data: Any, sti: str) -> list[tuple[tuple, Any, Any]]:
    """(location, parent, key) of each place sti names (crossrules.at, with the parent to change)."""
    places = [((), None, None, data)]
    for part in [p for p in sti.split(".") if p]:
        each, key = part.endswith("[]"), part.removesuffix("[]")
        nxt = []
        for loc, _, _, value in places:
            if not isinstance(value, dict) or key not in value:
                continue
            if each and isinstance(value[key], list):
                nxt += [(loc + (key, i), value[key], i, item) for i, item in enumerate(value[key])]
            elif not each:
                nxt.append((loc + (key,), value, key, value[key]))
        places = nxt
    return [(loc, parent, key) for loc, parent, key, _ in places]


def _get(parent, key):
    return parent[key]


def keep_record_rules(draw, rules: dict, case: dict) -> None:
    for rule in rules["postregler"]:
        if rule["modell"] != "Kommunecase":
            continue
        a = rule["args"]
        for _, parent, key in _places(case, rule["sti"]):
            value = _get(parent, key)
            if rule["test"] == "antall" and isinstance(value, list):
                item = _item_schema(rules, rule["sti"])
                while len(value) < a["min"]:
                    value.append(draw(from_schema(rules, item, False)))
                del value[a["max"]:]
            elif rule["test"] == "ikke_alle" and isinstance(value, list) and value:
                if all(isinstance(i, dict) and i.get(a["felt"]) == a["verdi"] for i in value):
                    options = [v for v in _enum_of(rules, rule["sti"], a["felt"]) if v != a["verdi"]]
                    value[-1][a["felt"]] = draw(st.sampled_from(options))
            elif rule["test"] == "krever" and isinstance(value, dict):
                if any(value.get(k) for k in a["hvis"]):
                    value[a["felt"]] = a["verdi"]
            elif rule["test"] == "en_av" and isinstance(value, dict):
                if not any(value.get(k) for k in a["felt"]):
                    value[a["meld_pa"]] = draw(iso_day)
            elif rule["test"] == "krever_nar" and isinstance(value, dict):
                if value.get(a["felt"], a["standard"]) == a["verdi"]:
                    props = value_node(rules, _item_schema(rules, rule["sti"].removesuffix("[]")))[0]["properties"]
                    for k in a["krever"]:
                        if not value.get(k):
                            value[k] = draw(from_schema(rules, props[k], True))
            elif rule["test"] == "stigende" and isinstance(value, list):
                days = sorted(i[a["felt"]] for i in value if isinstance(i, dict) and a["felt"] in i)
                for i in value:
                    if isinstance(i, dict) and a["felt"] in i:
                        i[a["felt"]] = days.pop(0)


def _schema_at(rules: dict, sti: str) -> dict:
    node = rules["skjema"]
    for part in [p for p in sti.split(".") if p]:
        node, _ = value_node(rules, node)
        node = node["properties"][part.removesuffix("[]")]
        if part.endswith("[]"):
            node = value_node(rules, node)[0]["items"]
    return node


def _item_schema(rules: dict, sti: str) -> dict:
    return value_node(rules, _schema_at(rules, sti))[0]["items"]


def _enum_of(rules: dict, sti: str, felt: str) -> list:
    node = value_node(rules, _item_schema(rules, sti))[0]
    return value_node(rules, node["properties"][felt])[0]["enum"]


def cross_rule(rules: dict, test: str) -> dict:
    return next(r for r in rules["kryssregler"] if r["test"] == test)


def keep_cross_rules(draw, rules: dict, case: dict) -> None:
    """A municipality and programme with no case yet, a name from the register, statuses the
    programme uses (the rows of kryssregler), a number of the right kind for an example."""
    taken = {(c[0], c[3]) for c in rules["caser"]}
    example = case.get("eksempel") is True
    if example:
        case["kommunenummer"] = draw(st.from_regex(r"99[0-9]{2}", fullmatch=True))
    else:
        kommune = draw(st.sampled_from(rules["register"]["kommuner"]))
        case["kommunenummer"] = kommune[0]
        names = [kommune[1], *[p.strip() for p in kommune[1].split(" - ")]]
        case["navn"] = draw(st.sampled_from(sorted(set(names))))
    programs = [p for p in rules["tabeller"]["programmer"] if (case["kommunenummer"], p) not in taken]
    if not programs:
        programs = rules["tabeller"]["programmer"]
        case["kommunenummer"] = "9999" if example else case["kommunenummer"]
    case["program"] = draw(st.sampled_from(programs))
    statuser = rules["programmer"][case["program"]]["statuser"]
    for item in case.get("deltakelse", []):
        if isinstance(item, dict) and "status" in item:
            item["status"] = draw(st.sampled_from(statuser))


def keep_fact_rules(draw, rules: dict, case: dict) -> None:
    """The facts rules in the schema (x-regel fakta_*): a case that says something has a source; a
    reading of the focus area has the focus area."""
    entries = sorted(rules["skjema"].get("allOf", []), key=lambda e: e.get("x-regel") != "fakta_tolkning")
    for entry in entries:  # the reading first: the focus area it adds needs a source
        if entry.get("x-regel") == "fakta_tolkning" and case.get(entry["x-ved"]):
            then = entry["then"]["required"][0]
            if not case.get(then):
                case[then] = draw(st.sampled_from(value_node(rules, rules["skjema"]["properties"][then])[0]["enum"]))
        if entry.get("x-regel") == "fakta_kilder" and case.get("eksempel") is not True:
            fields = [branch["required"][0] for branch in entry["if"]["anyOf"]]  # the fields the rule reads
            if any(case.get(f) for f in fields) and not case.get(entry["x-ved"]):
                item = _item_schema(rules, entry["x-ved"])
                case[entry["x-ved"]] = [draw(from_schema(rules, item, True))]


@st.composite
def valid_case(draw, rules: dict, full: bool = False) -> dict:
    case = draw(from_schema(rules, rules["skjema"], full))
    keep_cross_rules(draw, rules, case)
    keep_record_rules(draw, rules, case)
    keep_fact_rules(draw, rules, case)
    return case


# --- mutations --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Mutation:
    label: str  # the rule it aims at, e.g. "pattern:kommunenummer" or "postregel:ks_dato_rekkefolge"
    apply: Callable  # (draw, case) -> None, or a file name for the case (the form edits that file)


def _field_paths(rules: dict, node: dict, path: tuple = ()) -> list[tuple[tuple, dict, bool]]:
    """(path, value node, required) of every field, lists at their first item."""
    node, _ = value_node(rules, node)
    out = []
    required = set(node.get("required", []))
    for key, sub in node.get("properties", {}).items():
        vnode, _ = value_node(rules, sub)
        out.append((path + (key,), vnode, key in required))
        if vnode.get("type") == "array":
            item, _ = value_node(rules, vnode.get("items", {}))
            out.append((path + (key, 0), item, True))
            out += _field_paths(rules, item, path + (key, 0))
        elif vnode.get("type") == "object":
            out += _field_paths(rules, vnode, path + (key,))
    return out


def _set(case: dict, path: tuple, value) -> None:
    cur = case
    for p in path[:-1]:
        cur = cur[p]
    if value is _DELETE:
        del cur[path[-1]]
    else:
        cur[path[-1]] = value


_DELETE = object()


def _exists(case, path) -> bool:
    cur = case
    for p in path:
        if isinstance(p, int):
            if not isinstance(cur, list) or len(cur) <= p:
                return False
        elif not isinstance(cur, dict) or p not in cur:
            return False
        cur = cur[p]
    return True


def field_mutations(rules: dict) -> list[Mutation]:
    out = []
    for path, node, required in _field_paths(rules, rules["skjema"]):
        name = ".".join(str(p) for p in path)
        kind = node.get("type")
        regels = _regels(node)

        def put(value, path=path):
            return lambda draw, case: _set(case, path, value)
        wrong = {"string": ["en", "liste"], "boolean": "kanskje", "array": "tekst", "object": "tekst"}.get(kind)
        if wrong is not None:
            out.append(Mutation(f"type:{name}", put(wrong)))
        if "enum" in node:
            out.append(Mutation(f"enum:{name}", put("finnes-ikke")))
        if node.get("format") == "date":
            out.append(Mutation(f"dato:{name}", put("15.01.2025")))
            out.append(Mutation(f"dato-finnes:{name}", put("2025-02-31")))
        if "ks_blank" in regels:
            out.append(Mutation(f"tom:{name}", put("   ")))
        if "ks_markup" in regels:
            out.append(Mutation(f"markup:{name}", put("<b>Stord</b>")))
        if "ks_https" in regels:
            out.append(Mutation(f"https:{name}", put("http://example.org/side")))
        if node.get("pattern", "").startswith(("^[a-z0-9]", "^[0-9]", "^[^@")):
            out.append(Mutation(f"pattern:{name}", put("Ikke Gyldig!")))
        if required and not isinstance(path[-1], int):
            out.append(Mutation(f"mangler:{name}", put(_DELETE)))
        if kind == "object" and node.get("properties"):
            first = next(iter(node["properties"]))
            out.append(Mutation(f"ukjent-felt:{name}", put({**{}, first + "x": "tekst"}) if False else
                                (lambda draw, case, path=path, first=first: _set(case, path + (first + "e",), "tekst"))))
    out.append(Mutation("ukjent-felt:", lambda draw, case: case.__setitem__("fokusomrad", "tekst")))
    return out


def rule_mutations(rules: dict) -> list[Mutation]:
    out = []
    for rule in rules["postregler"]:
        if rule["modell"] != "Kommunecase":
            continue
        a, sti = rule["args"], rule["sti"]

        def mutate(draw, case, rule=rule, a=a, sti=sti):
            if not _places(case, sti):
                return
            if rule["test"] == "antall":
                lst = _get(*_places(case, sti)[0][1:])
                lst.extend(copy.deepcopy(lst[:1]) * 10)
                del lst[draw(st.sampled_from([a["min"] - 1, a["max"] + 1])):]
            elif rule["test"] == "ikke_alle":
                for item in _get(*_places(case, sti)[0][1:]):
                    item[a["felt"]] = a["verdi"]
            elif rule["test"] == "krever":
                obj = _get(*_places(case, sti)[0][1:])
                obj[a["hvis"][0]] = "Kari Nordmann"
                obj.pop(a["felt"], None)
            elif rule["test"] == "en_av":
                for _, parent, key in _places(case, sti)[:1]:
                    for k in a["felt"]:
                        parent[key].pop(k, None)
            elif rule["test"] == "krever_nar":
                obj = _get(*_places(case, sti)[0][1:])
                obj[a["felt"]] = a["verdi"]
                obj.pop(draw(st.sampled_from(a["krever"])), None)
            elif rule["test"] == "stigende":
                lst = _get(*_places(case, sti)[0][1:])
                lst.append({**lst[0], a["felt"]: "2001-01-01"})
                lst.insert(0, {**lst[0], a["felt"]: "2029-06-01"})
        out.append(Mutation(f"postregel:{rule['id']}", mutate))
    caser = rules["caser"]
    register = rules["register"]["kommuner"]

    def wrong_name(draw, case):
        if case.get("eksempel") is True:
            case.pop("eksempel")
            keep_cross_rules(draw, rules, case)
        case["navn"] = draw(st.sampled_from([k[1] for k in register if k[0] != case["kommunenummer"]][:50]))

    def duplicate(draw, case):
        nr, _, _, program = draw(st.sampled_from([c for c in caser if c[3]]))
        case.pop("eksempel", None)
        case["kommunenummer"], case["program"] = nr, program
        case["navn"] = next(k[1] for k in register if k[0] == nr) if not nr.startswith("99") else "Eksempelby"
        statuser = rules["programmer"][program]["statuser"]
        for item in case.get("deltakelse", []):
            item["status"] = statuser[0]

    def bad_program(draw, case):
        case["program"] = draw(st.sampled_from(["finnes-ikke", "Egen Utvikling"]))

    def bad_status(draw, case):
        program = min(rules["programmer"], key=lambda p: len(rules["programmer"][p]["statuser"]))
        case["program"] = program
        allowed = rules["programmer"][program]["statuser"]
        every = value_node(rules, _schema_at(rules, "deltakelse[].status"))[0]["enum"]
        case["deltakelse"][0]["status"] = draw(st.sampled_from([s for s in every if s not in allowed] + ["ferdig"]))
    by_test = {"navn_i_registeret": wrong_name, "en_per_program": duplicate, "finnes": bad_program,
               "i_programmet": bad_status}
    for rule in rules["kryssregler"]:
        if rule["test"] == "filnavn":
            out.append(Mutation(f"kryssregel:{rule['id']}", lambda draw, case: "data/kommuner/feil-navn.yml"))
        else:
            out.append(Mutation(f"kryssregel:{rule['id']}", by_test[rule["test"]]))

    def no_sources(draw, case):
        case.pop("eksempel", None)
        case.pop("kilder", None)
        case["utviklingsprosjekt"] = {"tittel": "Prosjekt", "sammendrag": "Noe."}

    def reading_only(draw, case):
        case.pop("fokusomrade", None)
        case["fokusomrade_tolkning"] = "Redaksjonens lesning."

    def number(value):
        def mutate(draw, case):
            case.pop("eksempel", None)
            case["kommunenummer"] = value if isinstance(value, str) else draw(value)
        return mutate

    def example_real_number(draw, case):
        case["eksempel"] = draw(st.sampled_from([True, "yes", "true"]))
        case["kommunenummer"] = draw(st.sampled_from([k[0] for k in register]))

    def lax_example(draw, case):
        case["eksempel"] = draw(st.sampled_from(["yes", "True", "on", "ja"]))
    out += [
        Mutation("fakta:fakta_kilder", no_sources),
        Mutation("fakta:fakta_tolkning", reading_only),
        Mutation("register:ukjent_nummer", number(st.sampled_from(["4699", "0000", "9998"]))),
        Mutation("register:nummer_2020", number(st.sampled_from(sorted(rules["register"]["gamle"])))),
        Mutation("register:andre_sifre", number("١٢٣٤")),
        Mutation("register:eksempel_nummer", example_real_number),
        Mutation("bool:eksempel", lax_example),
        Mutation("data:fokusomrade", lambda draw, case: case.__setitem__("fokusomrade", "helse-og-trivsel")),
        Mutation("data:suksesskriterium", lambda draw, case: case.__setitem__(
            "suksesskriterier", [{"id": "vaer-modig", "belegg": "Noe."}])),
    ]
    return out


def mutations(rules: dict) -> list[Mutation]:
    return field_mutations(rules) + rule_mutations(rules)


@st.composite
def mutated_case(draw, rules: dict, table: list[Mutation]) -> tuple[str, dict, str | None]:
    case = draw(valid_case(rules, full=True))
    mutation = draw(st.sampled_from(table))
    fil = None
    if _applicable(mutation, case):
        result = mutation.apply(draw, case)
        fil = result if isinstance(result, str) else None
    return mutation.label, case, fil


def _applicable(mutation: Mutation, case: dict) -> bool:
    kind, _, name = mutation.label.partition(":")
    if kind in ("type", "enum", "dato", "dato-finnes", "tom", "markup", "https", "pattern", "mangler", "ukjent-felt") and name:
        path = tuple(int(p) if p.isdigit() else p for p in name.split("."))
        return _exists(case, path)
    return True
