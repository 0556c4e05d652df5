"""How a message names a place in a record: the path of a field, counted from 1 for editors."""
from __future__ import annotations


def field_path(loc: tuple) -> str:
    """("deltakelse", 0, "dato") -> "deltakelse[1].dato" (positions counted from 1 for editors)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out
