"""What a case holds and what it lacks, computed from the model at build time.

Every field of Kommunecase counts, except those that say which case it is or keep its history
(ADMIN): a field added to the model is counted here without a line of code. A field is filled
when it holds a non-blank text, a non-empty list or a group with something in it. «Sourced»
says whether the case has public sources (the facts rules require them for everything it
states), and whether its focus area is the editors' reading rather than the municipality's own
choice, which only the municipality can confirm.
"""
from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from .model import Kommunecase

# Fields that identify the case or keep its record: never «missing».
ADMIN = ("navn", "kommunenummer", "sprak", "program", "deltakelse", "oppdatert", "eksempel", "fokusomrade_tolkning")


def content_fields() -> list[str]:
    """The fields a case can fill in, in the model's order."""
    return [name for name in Kommunecase.model_fields if name not in ADMIN]


def filled(value) -> bool:
    """Does a field's value say anything? Texts, lists and groups are looked into."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple)):
        return any(map(filled, value))
    if isinstance(value, BaseModel):
        return any(map(filled, value.__dict__.values()))  # the field values (records have no extras)
    return True


@dataclass(frozen=True)
class Completeness:
    filled: tuple[str, ...]  # field names, in the model's order
    missing: tuple[str, ...]
    has_sources: bool
    focus_is_reading: bool  # the focus area is the editors' reading of the sources

    @property
    def share(self) -> float:
        total = len(self.filled) + len(self.missing)
        return len(self.filled) / total if total else 1.0


_CONTENT = tuple(content_fields())


def completeness(record: Kommunecase) -> Completeness:
    values = record.__dict__
    have = tuple(n for n in _CONTENT if filled(values[n]))
    return Completeness(
        filled=have,
        missing=tuple(n for n in _CONTENT if n not in have),
        has_sources=filled(record.kilder),
        focus_is_reading=bool(record.fokusomrade and record.fokusomrade_tolkning),
    )
