"""JSON Schemas for the two JSON exports, published beside them under /data/skjema/ (issue 22):
kommuner.json (each case: the case file's own fields, as the case schema describes them, plus the
derived ones; the contact as published) and deltakere.geojson (RFC 7946 points with a subset of
the same properties). Made from the case schema, so a field added to the model is described here
without a line of its own, and tests/test_output_properties.py validates the exports against them.
"""
from __future__ import annotations

import copy

from ..core.model import STATUS
from ..core.status import SHOWN
from ..core.schema import DRAFT, DataIds, schema_for

KOMMUNER_SCHEMA, DELTAKERE_SCHEMA = "eksport-kommuner.schema.json", "eksport-deltakere.schema.json"

_TEXT_OR_NULL = {"type": ["string", "null"]}
# The derived fields of site/exports.py (DERIVED_FIELDS), each with its type.
DERIVED = {
    "id": {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"},
    "kommunenummer_2020": _TEXT_OR_NULL,
    "fylkesnummer": {"type": "string", "pattern": r"^\d{2}$"},
    "fylke": {"type": "string"},
    "program_tittel": {"type": "string"},
    "status": {"enum": list(SHOWN)},
    "status_utledet": {"type": "boolean"},
    "sist_kjente_status": {"enum": list(STATUS)},
    "sist_kjente_dato": {"anyOf": [{"type": "null"}, {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}]},
    "fokusomrade_tittel": _TEXT_OR_NULL,
    "fortelling": _TEXT_OR_NULL,
    "side": {"type": "string"},
}
KONTAKT = {"anyOf": [{"type": "null"}, {
    "type": "object", "additionalProperties": False, "required": ["rolle", "navn", "epost"],
    "description": "Kontaktpersonen slik den vises: rollen alltid, navn og e-post bare med samtykke, ellers null.",
    "properties": {"rolle": {"type": "string"}, "navn": _TEXT_OR_NULL, "epost": _TEXT_OR_NULL}}]}
META = {
    "lisens": {"type": "string"}, "lisens_url": {"type": "string"}, "kreditering": {"type": "string"},
    "oppdatert": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}, "antall": {"type": "integer", "minimum": 0},
}


def case_item(ids: DataIds | None = None) -> tuple[dict, dict]:
    """(the schema of one case in kommuner.json, its $defs)."""
    case = copy.deepcopy(schema_for("kommunecase.schema.json", ids))
    defs = case.pop("$defs", {})
    case.pop("$schema", None)
    props = case["properties"]
    props.pop("eksempel", None)  # examples are never exported
    props["kontakt"] = KONTAKT
    props.update({k: v for k, v in DERIVED.items() if k not in props})
    case["required"] = sorted(set(case.get("required", [])) | set(DERIVED) | {"kontakt"})
    case["title"], case["description"] = "Kommunecase i kommuner.json", (
        "Feltene fra casefilen (se kommunecase.schema.json) og de avledede feltene; felt uten verdi er null.")
    return case, defs


def kommuner_schema(ids: DataIds | None = None) -> dict:
    item, defs = case_item(ids)
    return {"$schema": DRAFT, "title": "kommuner.json", "type": "object", "additionalProperties": False,
            "required": [*META, "kommuner"], "properties": {**META, "kommuner": {"type": "array", "items": item}},
            "$defs": defs}


def deltakere_schema(properties: list[str], ids: DataIds | None = None) -> dict:
    """RFC 7946: a FeatureCollection of Point features (longitude, latitude in WGS 84)."""
    item, defs = case_item(ids)
    props = {k: item["properties"][k] for k in properties}
    point = {"type": "array", "minItems": 2, "maxItems": 2, "items": [
        {"type": "number", "minimum": -180, "maximum": 180}, {"type": "number", "minimum": -90, "maximum": 90}]}
    feature = {"type": "object", "additionalProperties": False, "required": ["type", "id", "geometry", "properties"],
               "properties": {"type": {"const": "Feature"}, "id": {"type": "string"},
                              "geometry": {"type": "object", "additionalProperties": False,
                                           "required": ["type", "coordinates"],
                                           "properties": {"type": {"const": "Point"}, "coordinates": point}},
                              "properties": {"type": "object", "additionalProperties": False,
                                             "required": properties, "properties": props}}}
    return {"$schema": DRAFT, "title": "deltakere.geojson", "type": "object", "additionalProperties": False,
            "required": ["type", *META, "features"],
            "properties": {"type": {"const": "FeatureCollection"}, **META, "features": {"type": "array", "items": feature}},
            "$defs": defs}
