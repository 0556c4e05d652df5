"""JSON Schemas for editors, generated from the pydantic models (the one source of truth)."""
from __future__ import annotations

from .model import Fokusomrade, Kommunecase, Samling, Suksesskriterium


def schemas() -> dict[str, dict]:
    """File name -> JSON Schema, for every file type an editor writes."""
    def list_of(model) -> dict:
        item = model.model_json_schema()
        defs = item.pop("$defs", None)
        out = {"type": "array", "items": item}
        if defs:
            out["$defs"] = defs
        return out

    return {
        "kommunecase.schema.json": Kommunecase.model_json_schema(),
        "fokusomrader.schema.json": list_of(Fokusomrade),
        "suksesskriterier.schema.json": list_of(Suksesskriterium),
        "samlinger.schema.json": list_of(Samling),
    }
