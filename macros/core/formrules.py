"""The rules and messages of `kulturskole sjekk`, exported for the case form in the browser.

The browser validates a case with the JSON Schema of schema.py (the one VS Code uses), through a
generic evaluator in docs/assets/skjema.js. This module adds what the evaluator needs to say
exactly what `kulturskole sjekk` says:

- `x-meldinger` on the schema nodes: for each keyword that can fail there, the message
  messages.describe() gives for that field, as a template;
- `meldinger`: the messages of the model's validators (taken from the PydanticCustomError they
  raise, see schema.RULES), of the pydantic error kinds that are the same everywhere, and of the
  cross-record rules in rules.py and register.py;
- the register as the rules use it: numbers, names and their variants, file names, the 2020
  numbers with the message that names their 2024 replacement.

No message text is written here. Each template comes from calling the real function with a
probe value, and is checked by filling it in again for a second probe: if rules.py or messages.py
change the shape of a message, generation fails with an error instead of drifting.

Placeholders (filled by plain replacement, as pydantic does): {fant} is messages._found(value),
{verdi} the value as written (trimmed), {found} the PydanticCustomError context (the value, cut at
60 characters when the validator cuts it), {n} a count, and named ones listed per template.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from pydantic import BaseModel
from pydantic_core import PydanticCustomError

from . import crossrules, model, recordrules, rules
from .messages import _found, describe
from .register import RegisterIndex
from .schema import RULES, VALIDATORS, DataIds, data_ids, schema_for

PROBE = "§§1§§"  # text no message contains by itself
PROBE2 = "§§2§§"
SCHEMA_NAME = "kommunecase.schema.json"


class TemplateError(RuntimeError):
    """A message could not be turned into a template that reproduces it."""


from .crossrules import fill  # noqa: E402  (re-exported: what the browser does with a template)


# --- field messages (messages.describe) -----------------------------------------------------------

def _describe(record: type[BaseModel], loc: tuple, kind: str, ctx: dict | None = None) -> str:
    def real(probe: str) -> str:
        return describe(record, {"type": kind, "loc": loc, "input": probe, "ctx": ctx or {}, "msg": ""})
    text = real(PROBE)
    if _found(PROBE) in text:
        text = text.replace(_found(PROBE), "{fant}")
        if fill(text, {"fant": _found(PROBE2)}) != real(PROBE2):
            raise TemplateError(f"malen {text!r} gir ikke {real(PROBE2)!r}")
    return text


def _impossible_date(record: type[BaseModel], loc: tuple) -> str:
    """The message for a date in the right shape that is not in the calendar (2025-02-31)."""
    def real(value: str) -> str:
        return describe(record, {"type": "date_from_datetime_parsing", "loc": loc, "input": value, "ctx": {}, "msg": ""})
    text = real("2025-02-31").replace(_found("2025-02-31"), "{fant}")
    if fill(text, {"fant": _found("2023-04-31")}) != real("2023-04-31") or "{fant}" not in text:
        raise TemplateError(f"datomalen {text!r} stemmer ikke")
    return text


def _value_nodes(node: dict) -> list[dict]:
    """The nodes that hold a field's value: X of anyOf [X, null], a list's items (and the list)."""
    out = [node]
    for option in node.get("anyOf", []):
        if option.get("type") != "null":
            out += _value_nodes(option)
    if isinstance(node.get("items"), dict):
        out += _value_nodes(node["items"])
    return out


_DATA_ENUM_PROBES = {  # (model, field) -> raw case data that puts the probe where rules.py looks
    ("Kommunecase", "fokusomrade"): lambda p: {"fokusomrade": p},
    ("KriterieBelegg", "id"): lambda p: {"suksesskriterier": [{"id": p}]},
    ("Kommunecase", "metoder"): lambda p: {"metoder": [p]},
}


def _annotate_fields(record: type[BaseModel], obj: dict, data_messages: dict) -> None:
    name = record.__name__
    props = obj.get("properties", {})
    for field_name, node in props.items():
        loc = (field_name,)
        for value in _value_nodes(node):
            msgs = value.setdefault("x-meldinger", {})
            if "enum" in value:
                msgs["enum"] = data_messages.get((name, field_name)) or _describe(record, loc, "literal_error")
            if "pattern" in value and "x-regel" not in value and not _is_validator_pattern(value["pattern"]):
                msgs["pattern"] = _describe(record, loc, "string_pattern_mismatch", {"pattern": value["pattern"]})
            if value.get("format") == "date":
                msgs["format"] = _describe(record, loc, "date_parsing")
                msgs["type"] = _describe(record, loc, "date_type")
                msgs["finnes"] = _impossible_date(record, loc)
            if "minItems" in value:
                msgs["minItems"] = _describe(record, loc, "too_short", {"min_length": value["minItems"]})
            if "maxItems" in value:
                msgs["maxItems"] = _describe(record, loc, "too_long", {"max_length": value["maxItems"]})
            if not msgs:
                del value["x-meldinger"]
    if obj.get("additionalProperties") is False:
        obj.setdefault("x-meldinger", {})["additionalProperties"] = _extra_template(record)


def _is_validator_pattern(pattern: str) -> bool:
    return any(v.get("pattern") == pattern for v in VALIDATORS.values())


def _extra_template(record: type[BaseModel]) -> str:
    """«ukjent felt; {hint}tillatte felt her er: …»; {hint} is «mente du «x»? » or empty."""
    plain = describe(record, {"type": "extra_forbidden", "loc": (PROBE,), "input": None})
    first = next(iter(record.model_fields))
    hinted = describe(record, {"type": "extra_forbidden", "loc": (first + "x",), "input": None})
    prefix = _common_prefix(plain, hinted)
    hint = hinted[len(prefix):len(hinted) - (len(plain) - len(prefix))]
    if prefix + hint + plain[len(prefix):] != hinted or first not in hint:
        raise TemplateError(f"fant ikke forslaget i {hinted!r}")
    return prefix + "{hint}" + plain[len(prefix):]


def _common_prefix(a: str, b: str) -> str:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[:i]


def _hint_template(record: type[BaseModel]) -> str:
    first = next(iter(record.model_fields))
    plain = describe(record, {"type": "extra_forbidden", "loc": (PROBE,), "input": None})
    hinted = describe(record, {"type": "extra_forbidden", "loc": (first + "x",), "input": None})
    prefix = _common_prefix(plain, hinted)
    hint = hinted[len(prefix):len(hinted) - (len(plain) - len(prefix))]
    return hint.replace(f"«{first}»", "«{navn}»")


# --- validator messages (PydanticCustomError) -----------------------------------------------------

def _raised(call: Callable[[], Any]) -> PydanticCustomError:
    try:
        call()
    except PydanticCustomError as exc:
        return exc
    raise TemplateError(f"{call} ga ingen feil")


# Failing values for the validators that check one value (schema.VALIDATORS).
_VALIDATOR_PROBES = {
    model._not_blank: "   ",
    model._no_markup: "<" + "x" * 80,
    model._https: "x" * 80,
    model._year: 1800,
}


@dataclass
class ValidatorMessage:
    code: str
    template: str
    found: str | None = None  # how {found} is made from the value: "verdi" or "verdi60"


def _validator_messages() -> dict[str, ValidatorMessage]:
    out: dict[str, ValidatorMessage] = {}
    for function, probe in _VALIDATOR_PROBES.items():
        value = probe.strip() if isinstance(probe, str) else probe
        exc = _raised(lambda f=function, v=value: f(v))
        found = None
        if "found" in (exc.context or {}):
            shown = exc.context["found"]
            found = "verdi" if shown == value else "verdi60" if shown == value[:60] + "…" else None
            if found is None:
                raise TemplateError(f"ukjent {{found}} i {exc.message_template!r}")
        out[exc.type] = ValidatorMessage(exc.type, exc.message_template, found)
    for rule in RULES:  # the whole-record rules: their templates are data (recordrules.RULES)
        out[rule.code] = ValidatorMessage(rule.code, rule.message)
    return out


# --- cross-record messages (rules.py, register.py) ------------------------------------------------

class _Src:
    """The part of yamlsrc.Source that rules._check_case reads."""

    def __init__(self, data: dict):
        self.data = data

    def line_of(self, path: tuple) -> int:
        return 1


def _case_problems(reg: RegisterIndex, ids: DataIds, data: dict, file: str = "data/kommuner/x.yml") -> dict[str, str]:
    problems = rules._check_case(file, _Src(data), reg, {i for i, _ in ids.fokusomrader},
                                 {i for i, _ in ids.kriterier}, {i for i, _ in ids.metoder})
    return {p.field: p.message for p in problems}


def _cross_record(reg: RegisterIndex, ids: DataIds, programmer=()) -> tuple[dict[str, str], dict[tuple, str]]:
    """Templates of the cross-record messages, and of the data-id messages per (model, field)."""
    some = [k for k in reg.kommuner.values() if " - " not in k.navn][:2]
    (a, b) = some
    out: dict[str, str] = {}

    def example(nr: str) -> str:
        return _case_problems(reg, ids, {"kommunenummer": nr, "eksempel": True})["kommunenummer"]
    t = example(a.nummer).replace(a.nummer, "{verdi}")
    if fill(t, {"verdi": b.nummer}) != example(b.nummer):
        raise TemplateError(f"eksempelmalen {t!r} stemmer ikke")
    out["eksempel_nummer"] = t

    unknown = [nr for nr in ("0000", "0001", "9998", "9997") if nr not in reg.kommuner and nr not in reg.kommuner_2020]
    t = reg.unknown_number_message(unknown[0]).replace(unknown[0], "{verdi}")
    if fill(t, {"verdi": unknown[1]}) != reg.unknown_number_message(unknown[1]):
        raise TemplateError(f"nummermalen {t!r} stemmer ikke")
    out["ukjent_nummer"] = t


    data_messages: dict[tuple, str] = {}
    for (owner, field_name), make in _DATA_ENUM_PROBES.items():
        def enum_msg(probe: str) -> str:
            found = _case_problems(reg, ids, make(probe))
            return next(iter(found.values()))
        t = enum_msg(PROBE).replace(PROBE, "{verdi}")
        if fill(t, {"verdi": PROBE2}) != enum_msg(PROBE2):
            raise TemplateError(f"id-malen {t!r} stemmer ikke")
        data_messages[(owner, field_name)] = t
    return out, data_messages


def _fact_templates() -> dict[str, str]:
    """facts.py's messages: {felt} is the list of fields (and the story) that say something."""
    from .facts import FACT_FIELDS, check_case, label

    def message(raw: dict, story: bool = False) -> dict[str, str]:
        return {p.field: p.message for p in check_case("data/kommuner/x.yml", _Src(raw), has_story=story)}
    first, second = FACT_FIELDS[0], FACT_FIELDS[1]
    t = message({first: PROBE})["kilder"].replace(f"({label(first)})", "({felt})")
    if fill(t, {"felt": f"{label(first)}, {label(second)}"}) != message({first: PROBE, second: PROBE})["kilder"]:
        raise TemplateError(f"kildemalen {t!r} stemmer ikke")
    before, after = t.split("{felt}")
    story = message({}, story=True)["kilder"]
    story = story[len(before):len(story) - len(after)]
    if fill(t, {"felt": f"{label(first)}, {story}"}) != message({first: PROBE}, story=True)["kilder"]:
        raise TemplateError("fant ikke ordene for fortellingen i kildemeldingen")
    return {"fakta_kilder": t, "fortelling": story,
            "fakta_tolkning": message({"fokusomrade_tolkning": PROBE})["fokusomrade_tolkning"]}


# --- the register -----------------------------------------------------------------------------------

def pilot_number(reg: RegisterIndex, nummer: str) -> str:
    """«4614 (Vestland)»: the number a municipality had in the pilot period (2020–2023)."""
    old = reg.kommuner[nummer].nummer_2020
    if not old:
        return "ikke i registeret"
    fylke = reg.fylker_2020.get(old[:2])
    return f"{old} ({fylke.navn})" if fylke else old


def register_data(reg: RegisterIndex) -> dict:
    """Per 2024 municipality: [number, name, county number, {name variant (casefolded): file slug},
    pilot-period number]; counties; the 2020 numbers that are not 2024 numbers, with the message."""
    kommuner = []
    for k in reg.kommuner.values():
        variants = {}
        for written in dict.fromkeys([k.navn, *(p.strip() for p in k.navn.split(" - "))]):
            variants[written.casefold()] = reg.case_slug(k.nummer, written)
        if set(variants) != reg.name_variants(k.navn):
            raise TemplateError(f"navnevariantene for {k.navn} stemmer ikke med register.py")
        kommuner.append([k.nummer, k.navn, k.fylke, variants, pilot_number(reg, k.nummer)])
    gamle = {nr: reg.unknown_number_message(nr) for nr in reg.kommuner_2020 if nr not in reg.kommuner}
    return {
        "kommuner": kommuner,
        "fylker": {f.nummer: f.navn for f in reg.fylker.values()},
        "gamle": gamle,
    }


# --- all of it --------------------------------------------------------------------------------------

def _drop_record_rules(node) -> None:
    """The whole-record rules reach the browser as their table (postregler), which it applies as
    recordrules.py does: their JSON Schema form (for VS Code) is left out of the browser's copy."""
    ids = {r.id for r in recordrules.RULES}
    if isinstance(node, dict):
        if isinstance(node.get("allOf"), list):
            node["allOf"] = [e for e in node["allOf"] if not (isinstance(e, dict) and e.get("x-regel") in ids)]
            if not node["allOf"]:
                del node["allOf"]
        for value in node.values():
            _drop_record_rules(value)
    elif isinstance(node, list):
        for value in node:
            _drop_record_rules(value)


def _written_programmes(ds) -> list[str]:
    """Programme ids as written in data/programmer.yml (what rules.context gives the rules)."""
    src = getattr(ds, "sources", {}).get("data/programmer.yml")
    items = src.data if src is not None and isinstance(src.data, list) else []
    return list(dict.fromkeys(t for t in (crossrules.text(x.get("id")) if isinstance(x, dict) else None
                                          for x in items) if t))


# Words YAML leaves as text that pydantic reads as true or false (the model's lax booleans: «eksempel:
# yes» is an example to the model and to the rules, load.is_example). Probed, not written down.
_BOOL_CANDIDATES = ("true", "false", "yes", "no", "y", "n", "on", "off", "t", "f", "1", "0", "ja", "nei")


def bool_words() -> dict[str, list[str]]:
    from pydantic import TypeAdapter, ValidationError
    adapter, out = TypeAdapter(bool), {"sann": [], "usann": []}
    for word in _BOOL_CANDIDATES:
        try:
            value = adapter.validate_python(word)
        except ValidationError:
            continue
        if adapter.validate_python(word.upper()) is not value:
            raise TemplateError(f"«{word}» leses ulikt med store bokstaver")
        out["sann" if value else "usann"].append(word)
    return out


def _models() -> dict[str, type[BaseModel]]:
    return {name: obj for name, obj in vars(model).items()
            if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel}


_TYPE_KINDS = {"string": "string_type", "array": "list_type", "object": "model_type", "boolean": "bool_type",
               "integer": "int_type"}


def browser_rules(ds, record: type[BaseModel] = model.Kommunecase, schema: dict | None = None) -> dict:
    """Everything the form's evaluator needs, as JSON-ready data. `ds` is a load.Dataset (its
    register and ids); `record`/`schema` can be replaced to test a model with another field."""
    ids = data_ids(ds)
    reg = RegisterIndex(ds.register)
    schema = schema if schema is not None else schema_for(SCHEMA_NAME, ids)
    cross, data_messages = _cross_record(reg, ids, getattr(ds, "programmer", []))
    models = _models() | {record.__name__: record}
    _annotate_fields(record, schema, data_messages)
    for def_name, sub in schema.get("$defs", {}).items():
        if def_name in models:
            _annotate_fields(models[def_name], sub, data_messages)
    validators = _validator_messages()
    meldinger: dict[str, Any] = {
        "missing": _describe(record, ("x",), "missing"),
        "hint": _hint_template(record),
        **{kind: _describe(record, ("x",), kind) for kind in _TYPE_KINDS.values()},
        **{code: v.template for code, v in validators.items()},
        **cross,
        **_fact_templates(),
    }
    _drop_record_rules(schema)
    return {
        "skjema": schema,
        # The whole-record rules (recordrules.RULES) and the cross-file rules (crossrules.CASE_RULES)
        # as tables: docs/assets/skjema-regler.js applies them with the same tests as Python.
        "postregler": [{"id": r.id, "modell": r.model, "sti": r.path, "test": r.test, "args": r.args,
                        "melding": r.message, "nar": r.when or None} for r in recordrules.RULES],
        "kryssregler": crossrules.browser_table(),
        "tabeller": {"programmer": _written_programmes(ds)},
        "bool": bool_words(),
        "meldinger": meldinger,
        "typer": _TYPE_KINDS,
        "found": {code: v.found for code, v in validators.items() if v.found},
        "eksempelprefiks": rules.EXAMPLE_PREFIX,
        # Each programme's statuses (rules._check_program), for the per-programme status rule.
        "programmer": {p.id: {"tittel": p.tittel, "statuser": list(p.statuser)}
                       for p in getattr(ds, "programmer", [])},
        "register": register_data(reg),
    }
