"""Every file in data/, one line each: what it holds (its model), its form, its schema, and which
files rely on it. `kulturskole sjekk` and the build read every file through this table
(core/load.py), so a file is checked the same way whether it is a case, a list, the statement or a
generated file, and a file in data/ that is not in the table is an error.

To add a data file: write its model (core/model.py or a module beside it) and add one line here.
`kulturskole skjema` then writes its schema to schema/.
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from pydantic import BaseModel

from .model import (Fokusomrade, Kommunecase, Metode, Program, Redaksjon, Register, Ressurs, Samling, Suksesskriterium,
                    Synonymer)
from .statement import Erklaering, Norgeskart, Testresultater

LIST, RECORD, JSON, CASE, STORY = "list", "record", "json", "case", "story"


@dataclass(frozen=True)
class DataFile:
    pattern: str  # the path under data/ ("programmer.yml"), or a pattern ("kommuner/*.yml")
    model: type[BaseModel] | None  # None only for the Markdown story beside a case (block text)
    form: str  # LIST: a YAML list of records; RECORD: one YAML record; JSON; CASE: one case per file; STORY
    schema: str | None  # its JSON Schema in schema/ (None: the story, which is Markdown)
    attr: str | None = None  # the Dataset attribute it fills (None: Dataset.files[pattern] only)
    needed_by: str = ""  # who relies on it (Norwegian): when it cannot be read, it is reported first
    made_by: str = ""  # a generated file: the script that writes it (never edited by hand)
    required: bool = True


DATA_FILES: list[DataFile] = [
    DataFile("kommuneregister.yml", Register, RECORD, "kommuneregister.schema.json", "register",
             needed_by="kommunecasene og samlingene (kommunenummer og navn)", made_by="scripts/build_register.py"),
    DataFile("programmer.yml", Program, LIST, "programmer.schema.json", "programmer",
             needed_by="kommunecasene (program og status)"),
    DataFile("fokusomrader.yml", Fokusomrade, LIST, "fokusomrader.schema.json", "fokusomrader",
             needed_by="kommunecasene og ressursene (fokusområder)"),
    DataFile("suksesskriterier.yml", Suksesskriterium, LIST, "suksesskriterier.schema.json", "kriterier",
             needed_by="kommunecasene (suksesskriterier)"),
    DataFile("samlinger.yml", Samling, LIST, "samlinger.schema.json", "samlinger"),
    DataFile("ressurser.yml", Ressurs, LIST, "ressurser.schema.json", "ressurser"),
    DataFile("metoder.yml", Metode, LIST, "metoder.schema.json", "metoder"),
    DataFile("synonymer.yml", Synonymer, LIST, "synonymer.schema.json", "synonymer", required=False),
    DataFile("redaksjon.yml", Redaksjon, RECORD, "redaksjon.schema.json", "redaksjon", required=False),
    DataFile("tilgjengelighet.yml", Erklaering, RECORD, "tilgjengelighet.schema.json", "erklaering"),
    DataFile("tilgjengelighet-resultater.json", Testresultater, JSON, "tilgjengelighet-resultater.schema.json",
             made_by="scripts/update_a11y_results.py", required=False),
    DataFile("kart/norge.json", Norgeskart, JSON, "kart.schema.json", made_by="scripts/build_geo.py", required=False),
    DataFile("kommuner/*.yml", Kommunecase, CASE, "kommunecase.schema.json"),
    DataFile("kommuner/*.md", None, STORY, None, required=False),
]


def entry_for(name: str) -> DataFile | None:
    """The table's line for a path under data/ ("kommuner/bodo.yml"), or None."""
    folder, _, file = name.rpartition("/")
    for entry in DATA_FILES:
        if name == entry.pattern:
            return entry
        where, _, glob = entry.pattern.rpartition("/")
        if "*" in glob and where == folder and fnmatch.fnmatchcase(file, glob):
            return entry
    return None


def by_attr(attr: str) -> DataFile:
    return next(e for e in DATA_FILES if e.attr == attr)
