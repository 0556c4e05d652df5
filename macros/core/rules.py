"""Rules that span records: register numbers and names, ids that must exist, duplicates, and the
participation statuses each programme allows.

File names: a municipality's case is data/kommuner/<kommune>.yml (the register's slug of its
name), and each further case of the same municipality is <kommune>-<program>.yml. Either name is
accepted for any case; there is one case per (municipality, programme).
"""
from __future__ import annotations

import re

from . import facts
from .load import Dataset, is_example
from .model import ID_PATTERN
from .register import RegisterIndex
from .slug import slugify
from .yamlsrc import Problem

EXAMPLE_PREFIX = "99"  # Norway has no 99xx municipality numbers: safe for fictional examples.


def _line(ds: Dataset, file: str, path: tuple) -> int:
    src = ds.sources.get(file)
    return src.line_of(path) if src else 1


def all_problems(ds: Dataset) -> list[Problem]:
    """The dataset's own problems and the cross-record ones, without saying one thing twice: where a
    programme rule names what a case's programme allows (its statuses, the programme ids), the
    model's more general message for the same field is left out."""
    found, superseded = _check(ds)
    return [p for p in ds.problems if (p.file, p.field) not in superseded] + found


def check(ds: Dataset) -> list[Problem]:
    """All cross-record problems in the dataset (records that failed their own model are absent)."""
    return _check(ds)[0]


def _check(ds: Dataset) -> tuple[list[Problem], set[tuple[str, str]]]:
    out: list[Problem] = facts.check(ds)  # the facts rules (sources, editorial readings)
    superseded: set[tuple[str, str]] = set()
    if ds.register is None:
        return out, superseded
    # A file others rely on that could not be read is reported first (catalog.validate); «fant x, som
    # ikke finnes» on every case would only follow from it, so those checks wait until it is fixed.
    broken = {entry.pattern for entry in getattr(ds, "broken", {}).values()}
    reg = RegisterIndex(ds.register)
    out += _unique_ids(ds, "data/programmer.yml", [p.id for p in ds.programmer])
    out += _unique_ids(ds, "data/fokusomrader.yml", [f.id for f in ds.fokusomrader])
    out += _unique_ids(ds, "data/suksesskriterier.yml", [k.id for k in ds.kriterier])
    out += _unique_ids(ds, "data/samlinger.yml", [s.id for s in ds.samlinger])
    out += _unique_ids(ds, "data/ressurser.yml", [r.id for r in ds.ressurser])
    out += _unique_ids(ds, "data/metoder.yml", [m.id for m in ds.metoder])
    fokus_ids = None if "fokusomrader.yml" in broken else {f.id for f in ds.fokusomrader}
    if fokus_ids is not None:
        out += _check_ressurser(ds, fokus_ids)
        out += _check_id_lists(ds, "data/samlinger.yml", "fokusomrader", fokus_ids, "data/fokusomrader.yml")
    out += _check_id_lists(ds, "data/metoder.yml", "ressurser", {r.id for r in ds.ressurser}, "data/ressurser.yml")
    metode_ids = {m.id for m in ds.metoder}
    kriterie_ids = None if "suksesskriterier.yml" in broken else {k.id for k in ds.kriterier}
    programmer = {}
    for p in ds.programmer:
        programmer.setdefault(p.id, p)
    src = ds.sources.get("data/programmer.yml")
    items = src.data if src is not None and isinstance(src.data, list) else []
    # Ids as written, also of programmes with errors of their own (reported there, not on every case).
    written = [i for i in (_text(x.get("id")) if isinstance(x, dict) else None for x in items) if i]

    by_key: dict[tuple[str, str | None], list[tuple[str, int]]] = {}
    for file, src in ds.case_sources:
        out += _check_case(file, src, reg, fokus_ids, kriterie_ids, by_key, metode_ids)
        found = [] if "programmer.yml" in broken else _check_program(file, src, programmer, written)
        out += found
        superseded |= {(p.file, p.field) for p in found}  # more exact than the model's message there
    for (nr, program), files in by_key.items():
        for file, line in files if len(files) > 1 else []:
            others = ", ".join(f for f, _ in files if f != file)
            if program:
                out.append(Problem(file, line, "kommunenummer",
                                   f"kommune {nr} har også en case i programmet {program}: {others}; hver kommune "
                                   "kan ha én case per program: flett innholdet sammen i én av dem"))
            else:
                out.append(Problem(file, line, "kommunenummer",
                                   f"kommune {nr} har også en fil i {others}; skriv hvilket program hver case "
                                   "hører til (program:), én case per program"))

    file = "data/samlinger.yml"
    for i, s in enumerate(ds.samlinger):
        if s.fylke and s.fylke not in reg.fylker:
            out.append(Problem(file, _line(ds, file, (i, "fylke")), f"[{i + 1}].fylke",
                               f"fant «{s.fylke}»; tillatt er fylkesnummer fra 2024: {', '.join(sorted(reg.fylker))}"))
        for j, nr in enumerate(s.kommuner):
            if nr not in reg.kommuner:
                out.append(Problem(file, _line(ds, file, (i, "kommuner", j)), f"[{i + 1}].kommuner[{j + 1}]",
                                   reg.unknown_number_message(nr)))
    return out, superseded


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _check_program(file: str, src, programmer: dict, written: list[str]) -> list[Problem]:
    """The case's programme exists, and each status in its history is one the programme uses."""
    raw = src.data
    program = _text(raw.get("program"))
    if program is None:
        return []  # missing or not text: the model says so
    if program not in written:
        return [Problem(file, src.line_of(("program",)), "program",
                        f"fant «{program}», som ikke finnes i data/programmer.yml; "
                        f"tillatt er: {', '.join(dict.fromkeys(written))}")]
    p = programmer.get(program)
    if p is None:
        return []  # the programme has errors of its own, reported in data/programmer.yml
    out = []
    history = raw.get("deltakelse")
    for i, item in enumerate(history if isinstance(history, list) else []):
        status = _text(item.get("status")) if isinstance(item, dict) else None
        if status is not None and status not in p.statuser:
            out.append(Problem(file, src.line_of(("deltakelse", i, "status")), f"deltakelse[{i + 1}].status",
                               f"fant «{status}»; tillatt i programmet {program} ({p.tittel}) er: "
                               f"{', '.join(p.statuser)}"))
    return out


def _check_case(file: str, src, reg: RegisterIndex, fokus_ids: set | None, kriterie_ids: set | None,
                by_key: dict[tuple[str, str | None], list[tuple[str, int]]],
                metode_ids: set | None = None) -> list[Problem]:
    """Cross-record rules on one case file's raw values (run even when the model found errors)."""
    out: list[Problem] = []
    raw = src.data
    line = lambda *p: src.line_of(p)  # noqa: E731
    nr, navn = _text(raw.get("kommunenummer")), _text(raw.get("navn"))
    eksempel = is_example(raw)
    valid_nr = nr is not None and len(nr) == 4 and nr.isdigit()
    if valid_nr and eksempel and not nr.startswith(EXAMPLE_PREFIX):
        out.append(Problem(file, line("kommunenummer"), "kommunenummer",
                           f"fant «{nr}» i et eksempel; eksempler må ha et fiktivt nummer som begynner med "
                           f"{EXAMPLE_PREFIX}, f.eks. \"9901\""))
    elif valid_nr and not eksempel:
        if nr not in reg.kommuner:
            out.append(Problem(file, line("kommunenummer"), "kommunenummer", reg.unknown_number_message(nr)))
        elif navn and not reg.name_matches(nr, navn):
            out.append(Problem(file, line("navn"), "navn",
                               f"fant «{navn}», som ikke er navnet på kommune {nr} ({reg.kommuner[nr].navn}); "
                               f"skriv navn: {reg.kommuner[nr].navn} (eller rett kommunenummeret)"))
    program = _text(raw.get("program"))
    program = program if program and re.match(ID_PATTERN, program) else None
    if valid_nr:
        by_key.setdefault((nr, program), []).append((file, line("kommunenummer")))
    stem = file.rsplit("/", 1)[-1].removesuffix(".yml")
    known = valid_nr and not eksempel and nr in reg.kommuner
    if known:  # the register decides the slug; a name that does not match is reported above
        expected = reg.case_slug(nr, navn) if navn and reg.name_matches(nr, navn) else None
    else:
        expected = slugify(navn) if navn else None
    if expected and stem not in case_stems(expected, program):
        further = f", eller {expected}-{program}.yml når kommunen har flere caser" if program else ""
        out.append(Problem(file, line("navn"), "navn",
                           f"filnavnet «{stem}.yml» passer ikke med navnet «{navn}»; gi filen navnet "
                           f"{expected}.yml{further}"))
    fokus = _text(raw.get("fokusomrade"))
    if fokus and fokus_ids is not None and fokus not in fokus_ids:
        out.append(Problem(file, line("fokusomrade"), "fokusomrade",
                           f"fant «{fokus}», som ikke finnes i data/fokusomrader.yml; "
                           f"tillatt er: {', '.join(sorted(fokus_ids))}"))
    kriterier = raw.get("suksesskriterier")
    for i, k in enumerate(kriterier if isinstance(kriterier, list) else []):
        kid = _text(k.get("id")) if isinstance(k, dict) else None
        if kid and kriterie_ids is not None and kid not in kriterie_ids:
            out.append(Problem(file, line("suksesskriterier", i, "id"), f"suksesskriterier[{i + 1}].id",
                               f"fant «{kid}», som ikke finnes i data/suksesskriterier.yml; "
                               f"tillatt er: {', '.join(sorted(kriterie_ids))}"))
    metoder = raw.get("metoder")
    for i, mid in enumerate(metoder if isinstance(metoder, list) and metode_ids is not None else []):
        mid = _text(mid)
        if mid and mid not in metode_ids:
            out.append(Problem(file, line("metoder", i), f"metoder[{i + 1}]",
                               f"fant «{mid}», som ikke finnes i data/metoder.yml; "
                               f"tillatt er: {', '.join(sorted(metode_ids))}"))
    return out


def _check_id_lists(ds: Dataset, file: str, key: str, known: set, where: str) -> list[Problem]:
    """Ids in a list field of every record in a list file must exist in another file (raw values)."""
    out: list[Problem] = []
    src = ds.sources.get(file)
    items = src.data if src is not None and isinstance(src.data, list) else []
    for i, item in enumerate(items):
        ids = item.get(key) if isinstance(item, dict) else None
        for j, value in enumerate(ids if isinstance(ids, list) else []):
            value = _text(value)
            if value and value not in known:
                out.append(Problem(file, src.line_of((i, key, j)), f"[{i + 1}].{key}[{j + 1}]",
                                   f"fant «{value}», som ikke finnes i {where}; "
                                   f"tillatt er: {', '.join(sorted(known))}"))
    return out


def case_stems(slug: str, program: str | None) -> tuple[str, ...]:
    """The file names (without .yml) a case of this municipality and programme may have."""
    return (slug, f"{slug}-{program}") if program else (slug,)


def _check_ressurser(ds: Dataset, fokus_ids: set) -> list[Problem]:
    """Focus-area ids on resources must exist (checked on raw values, like cases)."""
    out: list[Problem] = []
    file = "data/ressurser.yml"
    src = ds.sources.get(file)
    items = src.data if src is not None and isinstance(src.data, list) else []
    for i, item in enumerate(items):
        ids = item.get("fokusomrader") if isinstance(item, dict) else None
        for j, fid in enumerate(ids if isinstance(ids, list) else []):
            fid = _text(fid)
            if fid and fid not in fokus_ids:
                out.append(Problem(file, src.line_of((i, "fokusomrader", j)), f"[{i + 1}].fokusomrader[{j + 1}]",
                                   f"fant «{fid}», som ikke finnes i data/fokusomrader.yml; "
                                   f"tillatt er: {', '.join(sorted(fokus_ids))}"))
    return out


def _unique_ids(ds: Dataset, file: str, ids: list[str]) -> list[Problem]:
    out, seen = [], set()
    for i, id_ in enumerate(ids):
        if id_ in seen:
            out.append(Problem(file, _line(ds, file, (i, "id")), f"[{i + 1}].id",
                               f"id-en «{id_}» er brukt før i samme fil; hver post trenger sin egen id"))
        seen.add(id_)
    return out
