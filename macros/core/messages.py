"""Norwegian messages for pydantic's validation errors.

Each message says what was found and what is allowed, so an editor knows what to write.
"""
from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from .fieldpath import field_path
from .yamlsrc import Problem, Source

_TYPE_NAMES = {str: "tekst", int: "heltall", bool: "true/false", list: "liste", dict: "felt med underfelt"}


def _found(value: Any) -> str:
    if value is None:
        return "ingenting"
    if isinstance(value, dict):
        return "en gruppe med underfelt"
    if isinstance(value, list):
        return "en liste"
    text = str(value)
    return f"«{text[:60]}{'…' if len(text) > 60 else ''}»"


def _field_info(model: type[BaseModel], loc: tuple) -> tuple[type[BaseModel] | None, FieldInfo | None]:
    """Walk loc through nested models; return the innermost model and the field at the end."""
    current: Any = model
    info = None
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None, None
        info = current.model_fields.get(part)
        if info is None:
            return current, None
        ann = info.annotation
        current = _inner_model(ann)
        if current is None:
            return None, info
    return current, info


def _inner_model(ann: Any) -> type[BaseModel] | None:
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    for arg in getattr(ann, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _allowed_literals(info: FieldInfo | None) -> list[str]:
    if info is None:
        return []
    values: list[str] = []

    def collect(ann: Any) -> None:
        if getattr(ann, "__origin__", None) is not None and str(ann.__origin__) == "typing.Literal":
            values.extend(ann.__args__)
        for arg in getattr(ann, "__args__", ()) or ():
            if not isinstance(arg, str):
                collect(arg)

    collect(info.annotation)
    return values


def describe(model: type[BaseModel], err: dict) -> str:
    kind = err["type"]
    loc = tuple(p for p in err["loc"])
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "mangler; feltet er påkrevd"
    if kind == "extra_forbidden":
        parent, _ = _field_info(model, loc[:-1]) if len(loc) > 1 else (model, None)
        allowed = list(parent.model_fields) if parent else []
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f"mente du «{close[0]}»? " if close else ""
        return f"ukjent felt; {hint}tillatte felt her er: {', '.join(allowed)}"
    if kind == "literal_error":
        _, info = _field_info(model, loc)
        allowed = _allowed_literals(info) or [ctx.get("expected", "")]
        return f"fant {_found(value)}; tillatt er: {', '.join(allowed)}"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return f"fant {_found(value)}, en dato som ikke finnes; sjekk dag og måned"
        return f"ugyldig dato {_found(value)}; skriv datoen som ÅÅÅÅ-MM-DD, f.eks. 2021-04-22"
    if kind == "string_pattern_mismatch":
        name = loc[-1] if loc else ""
        if name in ("kommunenummer",) or str(ctx.get("pattern", "")).startswith(r"^[0-9]{4}"):
            return f"fant {_found(value)}; skriv kommunenummeret med fire siffer, f.eks. 1804"
        if str(ctx.get("pattern", "")).startswith((r"^[0-9]{2}", r"^([0-9]{2}|")):
            return f"fant {_found(value)}; skriv fylkesnummeret med to siffer, f.eks. 46"
        if name == "epost":
            return f"fant {_found(value)}; skriv en gyldig e-postadresse, f.eks. navn@kommune.no"
        return f"fant {_found(value)}; bruk bare små bokstaver a–z, tall og bindestrek, f.eks. helhetlig-oppvekst"
    if kind == "string_type":
        return f"fant {_found(value)}; her skal det stå tekst"
    if kind in ("list_type", "tuple_type"):
        return f"fant {_found(value)}; her skal det stå en liste (linjer som begynner med «- »)"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"fant {_found(value)}; her skal det stå underfelt (nye linjer med innrykk)"
    if kind in ("bool_type", "bool_parsing"):
        return f"fant {_found(value)}; skriv true eller false"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"fant {_found(value)}; skriv et heltall"
    if kind in ("float_type", "float_parsing", "finite_number"):  # the register's points, the map's numbers
        return f"fant {_found(value)}; skriv et tall, f.eks. 60.39"
    if kind == "greater_than_equal":
        return f"fant {_found(value)}; skriv et tall som er {ctx.get('ge')} eller større"
    if kind == "too_short":
        return f"listen er tom; skriv minst {ctx.get('min_length', 1)} punkt"
    if kind == "too_long":
        return f"listen er for lang; høyst {ctx.get('max_length')} punkt"
    if kind == "invalid_key":  # a key YAML reads as true/false/null or a number (via a tag)
        parent, _ = _field_info(model, loc[:-1]) if len(loc) > 1 else (model, None)
        allowed = ", ".join(parent.model_fields) if parent else ""
        return f"feltnavnet {_found(loc[-1])} er ikke et felt her; tillatte felt her er: {allowed}"
    if kind.startswith("ks_"):
        return err["msg"]
    # Never pydantic's English: a kind not named above (a generated file's odd value) gets this.
    return f"fant {_found(value)}, som ikke er en gyldig verdi i dette feltet"


def problems_from(exc: ValidationError, model: type[BaseModel], src: Source, filename: str,
                  prefix: tuple = ()) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = prefix + tuple(err["loc"])
        field_loc = loc
        if err["type"] == "invalid_key":  # pydantic's loc holds True as 1 and None as 'None': use the key
            key = err.get("input")
            key = "true" if key is True else "false" if key is False else "null" if key is None else str(key)
            field_loc = loc = loc[:-1] + (key,)
            err = err | {"loc": tuple(err["loc"][:-1]) + (key,)}
        out.append(Problem(filename, src.line_of(field_loc), field_path(field_loc), describe(model, err | {"loc": err["loc"]})))
    return out
