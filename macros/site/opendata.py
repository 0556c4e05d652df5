"""The /data/ page and every open-data file it lists (issue 4): the formats themselves are in
exports.py (JSON, CSV, GeoJSON, Atom), calendar.py (iCalendar) and exportschema.py (the files' schemas)."""
from __future__ import annotations

import json

from ..core.catalog import Catalog
from ..core.model import Kommunecase
from ..core.schema import data_ids, schemas
from .calendar import samlinger_ics
from .exports import (CSV_COLUMNS, CSV_PATH, DERIVED_FIELDS, FEED_PATH, GEOJSON_PATH, GEOJSON_PROPERTIES, ICS_PATH,
                      JSON_PATH, KREDITERING, LISENS_URL, atom_feed, deltakere_geojson, kommuner_csv, kommuner_json,
                      revision)
from .exportschema import DELTAKERE_SCHEMA, KOMMUNER_SCHEMA, deltakere_schema, kommuner_schema
from .pagebase import GeneratedPage, front_matter
from .render import rel, render


def field_rows() -> list[tuple[str, str]]:
    """(key, description) for each case in kommuner.json, in the file's order: the case file's
    fields (descriptions from the model) with the derived ones where case_record() puts them."""
    after = {"kommunenummer": ["kommunenummer_2020", "fylkesnummer", "fylke"],
             "program": ["program_tittel", "status", "status_utledet", "sist_kjente_status", "sist_kjente_dato"],
             "fokusomrade": ["fokusomrade_tittel"]}
    rows = [("id", DERIVED_FIELDS["id"])]
    for name, info in Kommunecase.model_fields.items():
        if name == "eksempel":
            continue
        if name == "kontakt":
            rows.append((name, "Kontaktperson med rolle, navn og epost. Rollen står alltid; navn og epost "
                               "bare med samtykke, ellers null."))
        else:
            rows.append((name, info.description or ""))
        rows += [(k, DERIVED_FIELDS[k]) for k in after.get(name, [])]
    return rows + [("fortelling", DERIVED_FIELDS["fortelling"]), ("side", DERIVED_FIELDS["side"])]


def data_page(cat: Catalog, schema_names: list[str]) -> str:
    here = "data/"
    body = render("data.md", antall=len(cat.cases), antall_samlinger=len(cat.samlinger),
                  oppdatert=revision(cat), felt=field_rows(), csv_felt=list(CSV_COLUMNS.items()),
                  geo_felt=GEOJSON_PROPERTIES, skjema=schema_names, lisens_url=LISENS_URL,
                  kreditering=KREDITERING, rel=rel, here=here)
    return front_matter(
        "Åpne data", "Data fra Kulturskole 3.0 som åpne data under CC BY 4.0: JSON, CSV, GeoJSON, Atom, "
        "kalender og skjema.") + body


def export_files(cat: Catalog, site_url: str | None = None, checkpoint=None) -> list:
    """/data/ and its files. checkpoint: called before each file (see site/generate.py)."""
    ids = data_ids(cat.ds)
    all_schemas = {**schemas(ids), KOMMUNER_SCHEMA: kommuner_schema(ids),
                   DELTAKERE_SCHEMA: deltakere_schema(GEOJSON_PROPERTIES, ids)}
    makers = [
        ("data/index.md", lambda: data_page(cat, sorted(all_schemas))),
        (JSON_PATH, lambda: kommuner_json(cat, site_url)),
        (CSV_PATH, lambda: kommuner_csv(cat, site_url)),
        (GEOJSON_PATH, lambda: deltakere_geojson(cat, site_url)),
        (FEED_PATH, lambda: atom_feed(cat, site_url)),
        (ICS_PATH, lambda: samlinger_ics(cat, site_url)),
    ]
    files = []
    for path, make in makers:
        if checkpoint is not None:
            checkpoint()
        files.append(GeneratedPage(path, make()))
    files += [GeneratedPage(f"data/skjema/{name}", json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
              for name, schema in sorted(all_schemas.items())]
    return files
