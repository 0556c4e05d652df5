"""The status a case shows today, decided once for every page, list, facet, export and feed.

A case's history is dated when a source dates it. When the programme it belongs to has ended
(`til` in data/programmer.yml) and the history's newest dated entry is from before that end, the
last status in the history says what was true then, not now: an «Aktiv» from 2021 in a pilot
that ended in 2022 would read as today's status. Such a case shows «not known after the
programme», with the last known status and the newest date the history has. A final status
(fullført, avsluttet, trukket) stays as it is: nothing more is expected after it.

Examples are treated the same way; only the data decides.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import STATUS, STATUS_FINAL, STATUS_NN, Kommunecase, Program

UNKNOWN = "ikke-kjent"  # the shown status of an inferred case (facet value, export value)
# Label in lists, facets and exports (bokmål and nynorsk).
UNKNOWN_LABEL = {"nb": "Ikke kjent etter programslutt", "nn": "Ikkje kjend etter programslutt"}
# Every status a case can show, in order: the programme statuses, then the inferred one.
SHOWN = {**STATUS, UNKNOWN: UNKNOWN_LABEL["nb"]}


def programme_end(program: Program) -> dt.date | None:
    """The last day of the programme, when it has ended (the end of its `til` year)."""
    return dt.date(program.til, 12, 31) if program.til is not None else None


@dataclass(frozen=True)
class ShownStatus:
    kode: str  # a key of STATUS, or UNKNOWN
    utledet: bool  # True: the status is inferred (the programme ended after the newest dated entry)
    sist_kjente: str  # the last status in the history (a key of STATUS)
    sist_dato: dt.date | None  # the newest date in the history, when it has one
    program_tittel: str

    def label(self, sprak: str = "nb") -> str:
        """Short label for lists and facets."""
        if self.utledet:
            return UNKNOWN_LABEL.get(sprak, UNKNOWN_LABEL["nb"])
        return (STATUS_NN if sprak == "nn" else STATUS)[self.kode]

    def sentence(self, sprak: str = "nb") -> str:
        """What the case page says when the status is inferred: «Status etter piloten er ikke kjent»."""
        etter = self.program_tittel[:1].lower() + self.program_tittel[1:]
        if sprak == "nn":
            return f"Status etter {etter} er ikkje kjend"
        return f"Status etter {etter} er ikke kjent"


def shown_status(record: Kommunecase, program: Program) -> ShownStatus:
    last = record.deltakelse[-1].status
    dates = [d.dato for d in record.deltakelse if d.dato is not None]
    newest = max(dates) if dates else None
    end = programme_end(program)
    inferred = (last not in STATUS_FINAL and end is not None and (newest is None or newest < end))
    return ShownStatus(UNKNOWN if inferred else last, inferred, last, newest, program.tittel)
