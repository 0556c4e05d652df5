"""Rules that span records: register numbers and names, ids that must exist, duplicates, and the
participation statuses each programme allows.

File names: a municipality's case is data/kommuner/<kommune>.yml (the register's slug of its
name), and each further case of the same municipality is <kommune>-<program>.yml. Either name is
accepted for any case; there is one case per (municipality, programme).
"""
from __future__ import annotations

import re

from . import crossrules, facts
from .crossrules import EXAMPLE_PREFIX
from .load import Dataset, is_example
from .fieldpath import field_path
from .model import OMFANG
from .register import RegisterIndex
from .yamlsrc import Problem


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
    # With data/programmer.yml unreadable, «no such programme» on every case would only follow from it.
    held_back = {"ks_program_finnes", "ks_status_program"} if "programmer.yml" in broken else set()
    ctx = context(ds, reg)
    for file, src in ds.case_sources:
        out += _check_case(file, src, reg, fokus_ids, kriterie_ids, metode_ids)
        ctx.fil, ctx.eksempel = file, is_example(src.data)
        for rule, loc, message in crossrules.findings(src.data, ctx):
            if rule.id in held_back:
                continue
            out.append(Problem(file, src.line_of(loc), field_path(loc), message))
            if rule.supersedes:  # more exact than the model's message there
                superseded.add((file, field_path(loc)))

    file = "data/samlinger.yml"
    for i, s in enumerate(ds.samlinger):
        if s.fylke and s.fylke not in reg.fylker and s.fylke not in OMFANG:
            out.append(Problem(file, _line(ds, file, (i, "fylke")), f"[{i + 1}].fylke",
                               f"fant «{s.fylke}»; tillatt er fylkesnummer fra 2024: {', '.join(sorted(reg.fylker))}, "
                               f"eller {' eller '.join(OMFANG)}"))
        for j, nr in enumerate(s.kommuner):
            if nr not in reg.kommuner:
                out.append(Problem(file, _line(ds, file, (i, "kommuner", j)), f"[{i + 1}].kommuner[{j + 1}]",
                                   reg.unknown_number_message(nr)))
    return out, superseded


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def context(ds: Dataset, reg: RegisterIndex) -> crossrules.Context:
    """What the cross-file rules look up, from the dataset (also what the case form gets)."""
    programmer: dict[str, dict] = {}
    for p in ds.programmer:
        programmer.setdefault(p.id, {"tittel": p.tittel, "statuser": list(p.statuser)})
    src = ds.sources.get("data/programmer.yml")
    items = src.data if src is not None and isinstance(src.data, list) else []
    # Ids as written, also of programmes with errors of their own (reported there, not on every case).
    written = [i for i in (_text(x.get("id")) if isinstance(x, dict) else None for x in items) if i]
    register = {}
    for k in reg.kommuner.values():
        if k.fylke not in reg.fylker:
            continue  # a register that names a county it lacks (a broken register file): no file names from it
        written_names = dict.fromkeys([k.navn, *(p.strip() for p in k.navn.split(" - "))])
        register[k.nummer] = [k.navn, {n.casefold(): reg.case_slug(k.nummer, n) for n in written_names}]
    caser = [[_text(src.data.get("kommunenummer")), file, crossrules.program_id(src.data.get("program"))]
             for file, src in ds.case_sources]
    return crossrules.Context(register=register, caser=caser, programmer=programmer,
                              tabeller={"programmer": list(dict.fromkeys(written))})


def _check_case(file: str, src, reg: RegisterIndex, fokus_ids: set | None, kriterie_ids: set | None,
                metode_ids: set | None = None) -> list[Problem]:
    """Cross-record rules on one case file's raw values (run even when the model found errors) that
    the form checks with the JSON Schema; the others are rows of crossrules.CASE_RULES."""
    out: list[Problem] = []
    raw = src.data
    line = lambda *p: src.line_of(p)  # noqa: E731
    nr = _text(raw.get("kommunenummer"))
    eksempel = is_example(raw)
    valid_nr = crossrules.valid_number(nr)
    if valid_nr and eksempel and not nr.startswith(EXAMPLE_PREFIX):
        out.append(Problem(file, line("kommunenummer"), "kommunenummer",
                           f"fant «{nr}» i et eksempel; eksempler må ha et fiktivt nummer som begynner med "
                           f"{EXAMPLE_PREFIX}, f.eks. \"9901\""))
    elif valid_nr and not eksempel and nr not in reg.kommuner:
        out.append(Problem(file, line("kommunenummer"), "kommunenummer", reg.unknown_number_message(nr)))
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


case_stems = crossrules.stems  # the file names (without .yml) a case of a municipality and programme may have


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
