"""JSON Schemas for editors, generated from the pydantic models (the one source of truth).

`kulturskole skjema` writes them to schema/; .vscode/settings.json and the
`# yaml-language-server: $schema=…` line in each data file point VS Code (Red Hat's YAML
extension) at them, so an editor gets completion, Norwegian descriptions and warnings while
typing. `kulturskole sjekk` stays the authority: cross-record rules (register, ids) are not here.

Declared as draft-07 because yaml-language-server supports "JSON Schema 7 and below"; pydantic's
output uses nothing newer (`$defs` is only a location for `$ref` pointers).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from . import model, recordrules
from .fieldtitles import FIELD_TITLES
from .model import (BELEGG, BRUKERGRUPPE, INNGANG, KILDETYPE, PARTNERTYPE, SAMLINGSTYPE, SEKTOR, STATUS, VERDIOMRADE, Fokusomrade,
                    Kommunecase, Metode, Program, Ressurs, Samling, Suksesskriterium, Synonymer)

DRAFT = "http://json-schema.org/draft-07/schema#"

# Norwegian title and description for every model an editor meets (the class docstrings are
# English, for developers). A model missing here stops generation, so none slips through.
MODEL_TEXT: dict[str, tuple[str, str]] = {
    "Kommunecase": ("Kommunecase", "Én kommunes erfaringer i Kulturskole 3.0."),
    "Deltakelse": ("Deltakelse", "Ett punkt i historikken: status fra en dato."),
    "Utviklingsprosjekt": ("Utviklingsprosjekt", "Kommunens konkrete utviklingsprosjekt."),
    "Medlem": ("Medlem av kommunegruppa", "Én rolle i kommunegruppa (ikke navn)."),
    "Partner": ("Partner", "En lokal aktør utenfor kulturskolen."),
    "Fremtidsbilde": ("Fremtidsbilder", "Svarene på utlysningens fire spørsmål."),
    "HvaSkalTil": ("Hva skal til", "Svaret på spørsmål 4, med tiltak."),
    "Erfaringer": ("Erfaringer", "Hva som fungerte og hva som ikke fungerte."),
    "KriterieBelegg": ("Belegg for et suksesskriterium", "Et suksesskriterium og det i arbeidet som viser det."),
    "Kontakt": ("Kontaktperson", "Rollen vises alltid; navn og e-post bare med samtykke."),
    "Kilde": ("Kilde", "En offentlig kilde med https-lenke."),
    "Casekilde": ("Kilde", "En offentlig kilde med https-lenke, eller kommunens egen beretning (rolle og dato)."),
    "Redaksjon": ("Redaksjonen", "Hvor bidrag uten GitHub-konto sendes (data/redaksjon.yml)."),
    "Fokusomrade": ("Fokusområde", "Ett fokusområde i data/fokusomrader.yml."),
    "Suksesskriterium": ("Suksesskriterium", "Ett suksesskriterium i data/suksesskriterier.yml."),
    "Samling": ("Samling eller milepæl", "Én samling eller milepæl i data/samlinger.yml."),
    "Ressurs": ("Ressurs", "Én rapport, film, studie, metode eller nettside i data/ressurser.yml."),
    "Synonymer": ("Synonymer", "Ord eller uttrykk som søket på nettstedet behandler som det samme (data/synonymer.yml)."),
    "Program": ("Program", "Ett program eller én satsing i data/programmer.yml som kommunecaser kan høre til."),
    "Nokkeltall": ("Nøkkeltall", "Et tall for hele programmet, med kilde når den finnes."),
    "Metode": ("Metode", "Én metode for samskaping eller medvirkning i data/metoder.yml."),
}

# File name -> (model, is the file a list of records?, title of the file).
FILES: dict[str, tuple[type[BaseModel], bool, str]] = {
    "kommunecase.schema.json": (Kommunecase, False, "Kommunecase (data/kommuner/<kommune>.yml)"),
    "fokusomrader.schema.json": (Fokusomrade, True, "Fokusområder (data/fokusomrader.yml)"),
    "suksesskriterier.schema.json": (Suksesskriterium, True, "Suksesskriterier (data/suksesskriterier.yml)"),
    "samlinger.schema.json": (Samling, True, "Samlinger og milepæler (data/samlinger.yml)"),
    "ressurser.schema.json": (Ressurs, True, "Ressurser (data/ressurser.yml)"),
    "programmer.schema.json": (Program, True, "Program (data/programmer.yml)"),
    "metoder.schema.json": (Metode, True, "Metoder (data/metoder.yml)"),
    "redaksjon.schema.json": (model.Redaksjon, False, "Redaksjonen (data/redaksjon.yml)"),
    "synonymer.schema.json": (Synonymer, True, "Synonymer for søket (data/synonymer.yml)"),
}

# The model's own validators (functions, not annotations pydantic can describe) as schema
# keywords, with the same Norwegian message `kulturskole sjekk` gives. Same regexes as model.py.
VALIDATORS: dict[object, dict] = {
    model._not_blank: {"pattern": r"\S", "patternErrorMessage": "Feltet er tomt; skriv tekst eller fjern feltet.",
                       "x-regel": "ks_blank"},
    model._no_markup: {
        "pattern": r"^(?![\s\S]*(\{\{|\{%))[^<>]*$",
        "patternErrorMessage": "Tegnene < > {{ og {% er ikke lov i titler og navn; skriv vanlig tekst.",
        "x-regel": "ks_markup", "x-etter": True,
    },
    model._https: {
        "pattern": r"^https://[^\s/$.?#][^\s]*$",
        "patternErrorMessage": "Lenken må være en fullstendig adresse som begynner med https://",
        "x-regel": "ks_https", "x-etter": True,
    },
    model._year: {"minimum": 1900, "maximum": 2100, "errorMessage": "Skriv årstallet med fire siffer, f.eks. 2021.",
                  "x-regel": "ks_ar", "x-etter": True},
}

PATTERN_MESSAGES = {
    model.ID_PATTERN: "Bruk bare små bokstaver a–z, tall og bindestrek, f.eks. helhetlig-oppvekst.",
    model.KOMMUNENUMMER_PATTERN: "Skriv kommunenummeret med fire siffer, f.eks. 1804.",
    model.FYLKESNUMMER_PATTERN: "Skriv fylkesnummeret med to siffer, f.eks. 46.",
    r"^[^@\s<>]+@[^@\s<>]+\.[a-z]{2,}$": "Skriv en gyldig e-postadresse, f.eks. navn@kommune.no.",
}

@dataclass(frozen=True)
class DataIds:
    """Ids and numbers from the data files that fields refer to: (id, title) pairs."""

    fokusomrader: tuple[tuple[str, str], ...] = ()
    kriterier: tuple[tuple[str, str], ...] = ()
    programmer: tuple[tuple[str, str], ...] = ()
    kommuner: tuple[tuple[str, str], ...] = ()  # 2024 register: (number, name)
    fylker: tuple[tuple[str, str], ...] = ()
    metoder: tuple[tuple[str, str], ...] = ()
    ressurser: tuple[tuple[str, str], ...] = ()

    @property
    def omfang(self) -> tuple[tuple[str, str], ...]:
        """Where a gathering can be: a county, or the whole country, or online."""
        return (*self.fylker, *model.OMFANG.items()) if self.fylker else ()


def data_ids(ds) -> DataIds:
    """The ids a Dataset (macros.core.load) holds; a file that failed to load gives none."""
    reg = ds.register
    return DataIds(
        fokusomrader=tuple((f.id, f.tittel) for f in ds.fokusomrader),
        kriterier=tuple((k.id, k.tittel) for k in ds.kriterier),
        programmer=tuple((p.id, p.tittel) for p in getattr(ds, "programmer", []) or []),
        kommuner=tuple((k.nummer, k.navn) for k in reg.kommuner) if reg else (),
        fylker=tuple((f.nummer, f.navn) for f in reg.fylker) if reg else (),
        metoder=tuple((m.id, m.tittel) for m in getattr(ds, "metoder", []) or []),
        ressurser=tuple((r.id, r.tittel) for r in getattr(ds, "ressurser", []) or []),
    )


def data_ids_from(data_dir: Path) -> DataIds:
    from .load import load_dataset
    return data_ids(load_dataset(data_dir))


# (model, field) -> which ids its value (or each list item) must be one of.
DATA_ENUMS = {
    ("Kommunecase", "fokusomrade"): ("fokusomrader", "data/fokusomrader.yml"),
    ("Kommunecase", "program"): ("programmer", "data/programmer.yml"),
    ("KriterieBelegg", "id"): ("kriterier", "data/suksesskriterier.yml"),
    ("Ressurs", "fokusomrader"): ("fokusomrader", "data/fokusomrader.yml"),
    ("Samling", "fylke"): ("omfang", "kommuneregisteret (fylkesnummer fra 2024), nasjonal eller digital"),
    ("Samling", "kommuner"): ("kommuner", "kommuneregisteret (kommunenummer fra 2024)"),
    ("Kommunecase", "metoder"): ("metoder", "data/metoder.yml"),
    ("Samling", "fokusomrader"): ("fokusomrader", "data/fokusomrader.yml"),
    ("Metode", "ressurser"): ("ressurser", "data/ressurser.yml"),
}

# Labels for the model's value lists (vocabularies without reader labels get theirs here).
SPRAK = {"nb": "bokmål", "nn": "nynorsk"}
PRESISJON = {"dag": "datoen er eksakt", "maned": "bare måneden er kjent", "halvar": "bare halvåret er kjent"}
VOCABULARIES = [STATUS, SEKTOR, PARTNERTYPE, INNGANG, VERDIOMRADE, SAMLINGSTYPE, SPRAK, PRESISJON, BRUKERGRUPPE, BELEGG, KILDETYPE]


@dataclass(frozen=True)
class Rule:
    """A whole-record rule of recordrules.RULES (the one definition) as JSON Schema keywords.

    `code` is the rule's id, `message` its template (macros/core/formrules.py gives it to the
    browser, so the form shows the words `kulturskole sjekk` prints); the keywords sit on the node
    at `path` in `model`; `at` is the sub-field the message is attached to when it is not the node
    itself (as recordrules.problems does)."""

    code: str
    model: str
    path: str
    schema: dict
    message: str
    at: str | None = None
    error_message: str | None = None  # the static text VS Code shows (errorMessage)


# Static texts for VS Code (it cannot fill in a template), per rule.
ERROR_MESSAGES = {
    "ks_dato_merknad": "Skriv dato (ÅÅÅÅ-MM-DD), eller en merknad som sier hvorfor den ikke er kjent.",
    "ks_samtykke": "Navn eller e-post uten samtykke: fjern dem, eller skriv samtykke: true når personen har sagt ja.",
    "ks_gruppe_storrelse": "I piloten skal kommunegruppa ha 4–6 roller.",
    "ks_gruppe_ekstern": "Minst én i kommunegruppa må komme fra utenfor kulturskolen.",
}

# Every whole-record rule JSON Schema can express; tests/test_form_rules.py checks none is left out.
RULES: list[Rule] = [
    Rule(r.id, r.model, r.path, keywords, r.message, r.args.get("meld_pa"), ERROR_MESSAGES.get(r.id))
    for r in recordrules.RULES if (keywords := recordrules.json_schema(r)) is not None
]


def rule_entry(rule: Rule) -> dict:
    """The schema keywords of one rule, marked so the browser knows which message belongs to it.
    No x-etter: like `kulturskole sjekk`, the form runs these on every value, next to field errors."""
    entry = {**rule.schema, "x-regel": rule.code}
    if rule.at:
        entry["x-ved"] = rule.at
    if rule.error_message:
        entry["errorMessage"] = rule.error_message
    return entry


class EditorSchema(GenerateJsonSchema):
    """Pydantic's generator, minus English auto-titles, plus the validators as schema keywords."""

    def field_title_should_be_set(self, schema) -> bool:
        return False  # «Slik Vil Vi Fremsta» helps nobody; Norwegian titles come from FIELD_TITLES

    def function_after_schema(self, schema):
        out = dict(self.generate_inner(schema["schema"]))
        function = schema["function"]["function"]
        extra = VALIDATORS.get(function)
        if extra:
            if "pattern" in out:  # one schema node has one pattern: further ones go in allOf
                out.setdefault("allOf", []).append(extra)
            else:
                out.update(extra)
        return out


def _rule_target(node: dict, defs: dict, path: str) -> dict:
    """The schema node a whole-record rule's path names: a nullable field's value (anyOf [X, null]
    gets the rule on X; null stays allowed), a list's items for «[]», a sub-record's definition."""
    for part in [p for p in path.split(".") if p]:
        node = node["properties"][part.removesuffix("[]")]
        node = next((o for o in node.get("anyOf", []) if o.get("type") != "null"), node)
        if part.endswith("[]"):
            node = node["items"]
        if "$ref" in node:
            node = defs[node["$ref"].rsplit("/", 1)[-1]]
    return node


def _add_record_rules(model_name: str, item: dict, defs: dict) -> None:
    for rule in RULES:
        if rule.model != model_name:
            continue
        when = next(r.when for r in recordrules.RULES if r.id == rule.code)
        if when:  # on the record: if the field has one of the values, then the rule on its path
            field_name = rule.path
            item.setdefault("allOf", []).append({
                "if": {"required": [when["felt"]], "properties": {when["felt"]: {"enum": list(when["en_av"])}}},
                "then": {"properties": {field_name: rule_entry(rule)}}, "x-regel": rule.code})
        else:
            _rule_target(item, defs, rule.path).setdefault("allOf", []).append(rule_entry(rule))


def _polish(node):
    """Norwegian messages for patterns, reader labels for enums; recursively."""
    if isinstance(node, dict):
        if node.get("pattern") in PATTERN_MESSAGES and "patternErrorMessage" not in node:
            node["patternErrorMessage"] = PATTERN_MESSAGES[node["pattern"]]
        if "enum" in node:
            for vocab in VOCABULARIES:
                if list(node["enum"]) == list(vocab):
                    node["enumDescriptions"] = list(vocab.values())
        for value in node.values():
            _polish(value)
    elif isinstance(node, list):
        for value in node:
            _polish(value)
    return node


def _retitle(defs: dict) -> None:
    for name, sub in defs.items():
        title, description = MODEL_TEXT[name]
        sub["title"], sub["description"] = title, description


def _value_node(node: dict) -> dict:
    """The node that holds a field's value: X in anyOf [X, null], the items of a list."""
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    node = options[0] if len(options) == 1 else node
    return node.get("items", node) if node.get("type") == "array" else node


def _add_data_enums(model_name: str, obj: dict, ids: DataIds) -> None:
    for (owner, field_name), (kind, where) in DATA_ENUMS.items():
        node = obj.get("properties", {}).get(field_name)
        values = getattr(ids, kind)
        if owner != model_name or node is None or not values:
            continue
        target = _value_node(node)
        target["enum"] = [v for v, _ in values]
        target["enumDescriptions"] = [label for _, label in values]
        target["errorMessage"] = f"Finnes ikke i {where}."
        target["x-kilde"] = where


def _add_titles(model_name: str, obj: dict) -> None:
    for field_name, node in obj.get("properties", {}).items():
        title = FIELD_TITLES.get(f"{model_name}.{field_name}") or FIELD_TITLES.get(field_name)
        if title:
            node["title"] = title


def _register_rule(ids: DataIds) -> dict:
    """Kommunenummer: from the 2024 register, except in fictional examples, which use 99xx
    (rules.EXAMPLE_PREFIX). The same choice `kulturskole sjekk` makes."""
    from .crossrules import EXAMPLE_PREFIX

    def when_a_number(rule: dict) -> dict:  # as rules.py: only a number in the right form is looked up
        return {"properties": {"kommunenummer": {"if": {"type": "string", "pattern": model.KOMMUNENUMMER_PATTERN},
                                                 "then": rule}}}
    return {
        "if": {"required": ["eksempel"], "properties": {"eksempel": {"const": True}}},
        "then": when_a_number({
            "pattern": f"^{EXAMPLE_PREFIX}", "x-regel": "eksempel_nummer",
            "errorMessage": f"Eksempler har et fiktivt kommunenummer som begynner med {EXAMPLE_PREFIX}."}),
        "else": when_a_number({
            "enum": [nr for nr, _ in ids.kommuner], "x-regel": "ukjent_nummer",
            "errorMessage": "Finnes ikke i kommuneregisteret for 2024."}),
    }


def _present(name: str) -> dict:
    """facts._present as JSON Schema: the field holds a non-blank text, a non-empty list or group,
    or another value."""
    return {"required": [name], "properties": {name: {"anyOf": [
        {"type": "string", "pattern": r"\S"}, {"type": "array", "minItems": 1}, {"type": "object", "minProperties": 1},
        {"type": "boolean"}, {"type": "number"}]}}}


_NOT_EXAMPLE = {"not": {"required": ["eksempel"], "properties": {"eksempel": {"const": True}}}}


def fact_rules() -> list[dict]:
    """The facts rules of facts.py (a real case that says something has a source; an editorial
    reading needs the focus area it reads), as schema keywords. Run on every value, like
    `kulturskole sjekk` runs them (no x-etter). x-felt: the fields the message names."""
    from .facts import FACT_FIELDS, label
    return [
        {"if": {**_NOT_EXAMPLE, "anyOf": [_present(f) for f in FACT_FIELDS]},
         "then": {"required": ["kilder"], "properties": {"kilder": {"type": "array", "minItems": 1}}},
         "x-regel": "fakta_kilder", "x-ved": "kilder", "x-felt": [label(f) for f in FACT_FIELDS],
         "errorMessage": "Siden sier noe om kommunens arbeid, men har ingen kilder: legg til en offentlig kilde "
                         "eller kommunens egen beretning."},
        {"if": {**_NOT_EXAMPLE, **_present("fokusomrade_tolkning")},
         "then": _present("fokusomrade"),
         "x-regel": "fakta_tolkning", "x-ved": "fokusomrade_tolkning",
         "errorMessage": "Forklarer et fokusområde, men fokusomrade mangler."},
    ]


def schema_for(name: str, ids: DataIds | None = None, record: type[BaseModel] | None = None) -> dict:
    """The JSON Schema for one file type; with `ids`, also the ids from the data as enums.
    `record` replaces the file's model (tests: a model with one more field)."""
    model_of_file, is_list, file_title = FILES[name]
    record = record or model_of_file
    ids = ids or DataIds()
    item = record.model_json_schema(schema_generator=EditorSchema)
    defs = item.pop("$defs", {})
    _retitle(defs)
    for def_name, sub in defs.items():
        _add_data_enums(def_name, sub, ids)
        _add_titles(def_name, sub)
    _add_data_enums(model_of_file.__name__, item, ids)
    _add_titles(model_of_file.__name__, item)
    _add_record_rules(model_of_file.__name__, item, defs)
    if issubclass(record, Kommunecase):
        item.setdefault("allOf", []).extend(fact_rules())
        if ids.kommuner:
            item["allOf"].append(_register_rule(ids))
    title, description = MODEL_TEXT[model_of_file.__name__]
    item["title"], item["description"] = title, description
    if is_list:
        body = {"title": file_title, "description": f"En liste der hver post begynner med «- ». {description}",
                "type": "array", "items": item}
    else:
        body = {**item, "title": file_title}
    out = {"$schema": DRAFT, **body}
    if defs:
        out["$defs"] = dict(sorted(defs.items()))
    return _polish(out)


def schemas(ids: DataIds | None = None) -> dict[str, dict]:
    """File name -> JSON Schema, for every file type an editor writes."""
    return {name: schema_for(name, ids) for name in FILES}


def other_schemas() -> dict[str, dict]:
    """The schema of every other file in core/datafiles.py's table (the statement, the register and
    the generated files): from its model, in the same dialect, without the editor-only additions."""
    from .datafiles import DATA_FILES, LIST

    out = {}
    for entry in DATA_FILES:
        if entry.schema is None or entry.schema in FILES:
            continue
        item = entry.model.model_json_schema(schema_generator=EditorSchema)
        defs = item.pop("$defs", {})
        for sub in [item, *defs.values()]:
            sub.pop("description", None)  # the classes' docstrings, written for developers
        title = f"data/{entry.pattern}" + (f" (laget av {entry.made_by}; ikke rediger for hånd)" if entry.made_by else "")
        item["description"] = "Kontrolleres av «kulturskole sjekk» sammen med de andre datafilene."
        body = {"title": title, "type": "array", "items": item} if entry.form == LIST else {**item, "title": title}
        schema = {"$schema": DRAFT, **body}
        if defs:
            schema["$defs"] = dict(sorted(defs.items()))
        out[entry.schema] = _polish(schema)
    return out


def all_schemas(ids: DataIds | None = None) -> dict[str, dict]:
    """Every file in data/ that has a schema: the editors' record files and the others."""
    return {**schemas(ids), **other_schemas()}


def dumps(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(out_dir: Path, ids: DataIds | None = None) -> list[tuple[Path, bool]]:
    """Write every schema to out_dir; returns (path, changed) per file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    result = []
    for name, schema in all_schemas(ids).items():
        path = out_dir / name
        text = dumps(schema)
        changed = not path.exists() or path.read_text(encoding="utf-8") != text
        if changed:
            path.write_text(text, encoding="utf-8")
        result.append((path, changed))
    return result
