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
from pathlib import Path

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from . import model
from .model import PARTNERTYPE, SAMLINGSTYPE, SEKTOR, STATUS, VERDIOMRADE, Fokusomrade, Kommunecase, Ressurs, Samling, Suksesskriterium

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
    "Fokusomrade": ("Fokusområde", "Ett fokusområde i data/fokusomrader.yml."),
    "Suksesskriterium": ("Suksesskriterium", "Ett suksesskriterium i data/suksesskriterier.yml."),
    "Samling": ("Samling eller milepæl", "Én samling eller milepæl i data/samlinger.yml."),
    "Ressurs": ("Ressurs", "Én rapport, film, studie, metode eller nettside i data/ressurser.yml."),
}

# File name -> (model, is the file a list of records?, title of the file).
FILES: dict[str, tuple[type[BaseModel], bool, str]] = {
    "kommunecase.schema.json": (Kommunecase, False, "Kommunecase (data/kommuner/<kommune>.yml)"),
    "fokusomrader.schema.json": (Fokusomrade, True, "Fokusområder (data/fokusomrader.yml)"),
    "suksesskriterier.schema.json": (Suksesskriterium, True, "Suksesskriterier (data/suksesskriterier.yml)"),
    "samlinger.schema.json": (Samling, True, "Samlinger og milepæler (data/samlinger.yml)"),
    "ressurser.schema.json": (Ressurs, True, "Ressurser (data/ressurser.yml)"),
}

# The model's own validators (functions, not annotations pydantic can describe) as schema
# keywords, with the same Norwegian message `kulturskole sjekk` gives. Same regexes as model.py.
VALIDATORS: dict[object, dict] = {
    model._not_blank: {"pattern": r"\S", "patternErrorMessage": "Feltet er tomt; skriv tekst eller fjern feltet."},
    model._no_markup: {
        "pattern": r"^(?![\s\S]*(\{\{|\{%))[^<>]*$",
        "patternErrorMessage": "Tegnene < > {{ og {% er ikke lov i titler og navn; skriv vanlig tekst.",
    },
    model._https: {
        "pattern": r"^https://[^\s/$.?#][^\s]*$",
        "patternErrorMessage": "Lenken må være en fullstendig adresse som begynner med https://",
    },
}

PATTERN_MESSAGES = {
    model.ID_PATTERN: "Bruk bare små bokstaver a–z, tall og bindestrek, f.eks. helhetlig-oppvekst.",
    r"^\d{4}$": "Skriv kommunenummeret med fire siffer i anførselstegn, f.eks. \"1804\".",
    r"^\d{2}$": "Skriv fylkesnummeret med to siffer i anførselstegn, f.eks. \"46\".",
    r"^[^@\s<>]+@[^@\s<>]+\.[a-z]{2,}$": "Skriv en gyldig e-postadresse, f.eks. navn@kommune.no.",
}

# Labels for the model's value lists (vocabularies without reader labels get theirs here).
SPRAK = {"nb": "bokmål", "nn": "nynorsk"}
PRESISJON = {"dag": "datoen er eksakt", "maned": "bare måneden er kjent", "halvar": "bare halvåret er kjent"}
VOCABULARIES = [STATUS, SEKTOR, PARTNERTYPE, VERDIOMRADE, SAMLINGSTYPE, SPRAK, PRESISJON]


class EditorSchema(GenerateJsonSchema):
    """Pydantic's generator, minus English auto-titles, plus the validators as patterns."""

    def field_title_should_be_set(self, schema) -> bool:
        return False  # «Slik Vil Vi Fremsta» helps nobody; the description says what the field is

    def function_after_schema(self, schema):
        out = dict(self.generate_inner(schema["schema"]))
        extra = VALIDATORS.get(schema["function"]["function"])
        if extra:
            if "pattern" in out:  # one schema node has one pattern: further ones go in allOf
                out.setdefault("allOf", []).append(extra)
            else:
                out.update(extra)
        return out


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


def schema_for(name: str) -> dict:
    record, is_list, file_title = FILES[name]
    item = record.model_json_schema(schema_generator=EditorSchema)
    defs = item.pop("$defs", {})
    _retitle(defs)
    title, description = MODEL_TEXT[record.__name__]
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


def schemas() -> dict[str, dict]:
    """File name -> JSON Schema, for every file type an editor writes."""
    return {name: schema_for(name) for name in FILES}


def dumps(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(out_dir: Path) -> list[tuple[Path, bool]]:
    """Write every schema to out_dir; returns (path, changed) per file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    result = []
    for name, schema in schemas().items():
        path = out_dir / name
        text = dumps(schema)
        changed = not path.exists() or path.read_text(encoding="utf-8") != text
        if changed:
            path.write_text(text, encoding="utf-8")
        result.append((path, changed))
    return result
