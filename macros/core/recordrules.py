"""Whole-record rules: one declarative table, checked on the raw YAML data.

These rules look at more than one field of a record (a group's size, consent for a name, a date or
a note, dates in order). pydantic runs such checks only once every field inside is valid, so an
editor with a wrong `sektor` and a group of three would learn about the group in a second round.
Here they run on the data as read, next to the model's field checks, so `kulturskole sjekk`
reports everything in one run.

Each rule is data: the record type, where it looks, which test, the test's arguments and the
Norwegian message. The tests are a handful of small functions, so the same table can be exported
to the browser form (and to JSON Schema where a rule fits there) without writing a rule twice.
Values of the wrong type are left alone: the model reports them.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from .crossrules import at
from .fieldpath import field_path
from .yamlsrc import Problem, Source


@dataclass(frozen=True)
class Rule:
    id: str  # stable name of the rule (also its error type), e.g. "ks_gruppe_storrelse"
    model: str  # the record type it applies to, e.g. "Kommunecase"
    path: str  # the field it looks at; "deltakelse[]" means each item of the list
    test: str  # one of TESTS
    args: dict = field(default_factory=dict)
    message: str = ""  # Norwegian; {n}, {found} and {before} are filled in by the test
    # Only for records whose field has one of these values, e.g. {"felt": "program", "en_av": [...]}:
    # a requirement of one programme's call does not bind work outside it.
    when: dict = field(default_factory=dict)


RULES: tuple[Rule, ...] = (
    Rule("ks_gruppe_storrelse", "Kommunecase", "kommunegruppe", "antall", {"min": 4, "max": 6},
         "kommunegruppe har {n} medlemmer; utlysningen til piloten krever 4–6 (fire til seks) roller",
         when={"felt": "program", "en_av": ["kulturskole-3-0"]}),
    Rule("ks_gruppe_ekstern", "Kommunecase", "kommunegruppe", "ikke_alle", {"felt": "sektor", "verdi": "kulturskole"},
         "alle i kommunegruppe er fra kulturskolen; minst én må komme utenfor kulturskolen "
         "(f.eks. sektor: skole, helse, frivillighet eller naeringsliv)"),
    Rule("ks_samtykke", "Kommunecase", "kontakt", "krever", {"hvis": ["navn", "epost"], "felt": "samtykke", "verdi": True},
         "navn eller e-post uten samtykke; fjern dem, eller kryss av for samtykke (samtykke: true) når personen har sagt ja"),
    Rule("ks_dato_merknad", "Kommunecase", "deltakelse[]", "en_av", {"felt": ["dato", "merknad"], "meld_pa": "dato"},
         "mangler dato; skriv dato (ÅÅÅÅ-MM-DD), eller en merknad som sier hvorfor den ikke er kjent"),
    Rule("ks_dato_rekkefolge", "Kommunecase", "deltakelse", "stigende", {"felt": "dato"},
         "fant «{found}», som er før datoen over ({before}); er datoen feil, rett den, og skriv ellers historikken med eldste først"),
    Rule("ks_kilde_lenke", "Kommunecase", "kilder[]", "krever_nar",
         {"felt": "type", "verdi": "offentlig", "standard": "offentlig", "krever": ["url"]},
         "mangler; en offentlig kilde trenger en lenke som begynner med https://"),
    Rule("ks_kilde_egen", "Kommunecase", "kilder[]", "krever_nar",
         {"felt": "type", "verdi": "kommunen", "standard": "offentlig", "krever": ["rolle", "dato"]},
         "mangler; kommunens egen beretning trenger rollen til den som forteller (ikke navn) og datoen"),
    Rule("ks_periode", "Program", "", "ikke_for", {"felt": "til", "etter": "fra"},
         "fant «{found}», som er før fra ({before}); til er året programmet sluttet"),
)


# --- The tests: (value at path) -> [(path below it, values for the message)] ------------------

Finding = tuple[tuple, dict]


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _year(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _antall(value, args) -> list[Finding]:
    if isinstance(value, list) and not args["min"] <= len(value) <= args["max"]:
        return [((), {"n": len(value)})]
    return []


def _ikke_alle(value, args) -> list[Finding]:
    if not isinstance(value, list) or not value:
        return []
    if all(isinstance(item, dict) and item.get(args["felt"]) == args["verdi"] for item in value):
        return [((), {})]
    return []


def _krever(value, args) -> list[Finding]:
    if not isinstance(value, dict) or not any(_present(value.get(k)) for k in args["hvis"]):
        return []
    given = value.get(args["felt"])
    if given == args["verdi"] or (given is not None and not isinstance(given, bool)):
        return []  # satisfied, or a value of the wrong type (the model reports that)
    return [((), {})]


def _en_av(value, args) -> list[Finding]:
    if isinstance(value, dict) and not any(_present(value.get(k)) for k in args["felt"]):
        return [((args["meld_pa"],), {})]
    return []


def _krever_nar(value, args) -> list[Finding]:
    if not isinstance(value, dict) or value.get(args["felt"], args["standard"]) != args["verdi"]:
        return []
    return [((k,), {}) for k in args["krever"] if not _present(value.get(k))]


def _stigende(value, args) -> list[Finding]:
    if not isinstance(value, list):
        return []
    out, before = [], None
    for i, item in enumerate(value):
        day = _date(item.get(args["felt"])) if isinstance(item, dict) else None
        if day is None:
            continue
        if before is not None and day < before:
            out.append(((i, args["felt"]), {"found": day.isoformat(), "before": before.isoformat()}))
        before = max(day, before) if before else day
    return out


def _ikke_for(value, args) -> list[Finding]:
    if not isinstance(value, dict):
        return []
    end, start = _year(value.get(args["felt"])), _year(value.get(args["etter"]))
    if end is not None and start is not None and end < start:
        return [((args["felt"],), {"found": end, "before": start})]
    return []


TESTS: dict[str, Callable[[Any, dict], list[Finding]]] = {
    "antall": _antall, "ikke_alle": _ikke_alle, "krever": _krever, "en_av": _en_av,
    "stigende": _stigende, "ikke_for": _ikke_for, "krever_nar": _krever_nar,
}


# --- Applying the table ----------------------------------------------------------------------


_at = at  # (location, value) for each place a path names (crossrules.at: the same walk for both tables)


# --- The same rules as JSON Schema keywords (VS Code, the form in the browser) -------------------


def _is_text(name: str) -> dict:
    return {"required": [name], "properties": {name: {"type": "string"}}}


SCHEMA: dict[str, Callable[[dict], dict]] = {
    "antall": lambda a: {"minItems": a["min"], "maxItems": a["max"]},
    "ikke_alle": lambda a: {"contains": {"type": "object", "required": [a["felt"]],
                                         "properties": {a["felt"]: {"not": {"const": a["verdi"]}}}}},
    "krever": lambda a: {"if": {"anyOf": [_is_text(k) for k in a["hvis"]]},
                         "then": {"required": [a["felt"]], "properties": {a["felt"]: {"const": a["verdi"]}}}},
    "en_av": lambda a: {"anyOf": [_is_text(k) for k in a["felt"]]},
    "krever_nar": lambda a: {"if": {"properties": {a["felt"]: {"const": a["verdi"]}},
                                    **({} if a["standard"] == a["verdi"] else {"required": [a["felt"]]})},
                             "then": {"required": list(a["krever"])}},
}  # «stigende» and «ikke_for» compare values with each other: JSON Schema (draft-07) cannot say that.


def json_schema(rule: Rule) -> dict | None:
    """The rule as JSON Schema keywords for the node at rule.path, or None when it cannot be said so."""
    make = SCHEMA.get(rule.test)
    return make(rule.args) if make else None


def applies(rule: Rule, data: Any) -> bool:
    """Whether the rule binds this record (its `when`)."""
    if not rule.when:
        return True
    return isinstance(data, dict) and data.get(rule.when["felt"]) in rule.when["en_av"]


def rules_for(model: str) -> list[Rule]:
    return [r for r in RULES if r.model == model]


def findings(model: str, data: Any) -> list[tuple[Rule, tuple, str]]:
    """(rule, location, message) for every whole-record rule the data breaks."""
    out = []
    for rule in rules_for(model):
        if not applies(rule, data):
            continue
        for loc, value in _at(data, rule.path):
            for below, values in TESTS[rule.test](value, rule.args):
                out.append((rule, loc + below, rule.message.format(**values)))
    return out


def problems(model: str, src: Source, filename: str, prefix: tuple = ()) -> list[Problem]:
    """The rule findings for the record at `prefix` in src, as Problems with file, line and field."""
    data = src.data
    for part in prefix:
        data = data[part]
    return [Problem(filename, src.line_of(prefix + loc), field_path(prefix + loc), message)
            for _, loc, message in findings(model, data)]
