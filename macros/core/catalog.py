"""The validated dataset as the site sees it: published cases, examples and the views pages need.

Examples (eksempel: true) are kept apart here, once, so no listing, count, map or export can
include them by accident.
"""
from __future__ import annotations

import contextlib
import gc
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .load import Case, Dataset, load_dataset
from .model import Fokusomrade, Fylke, Program, Ressurs, Samling, Suksesskriterium
from .register import RegisterIndex, distance_km
from .rules import all_problems
from .slug import slugify
from .yamlsrc import Problem

_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}", "Æ": "{", "Ø": "|", "Å": "}"})


def sort_key(text: str) -> str:
    """Norwegian alphabetical order: æ, ø, å after z."""
    return text.casefold().translate(_ORDER)


@dataclass
class Catalog:
    ds: Dataset

    @cached_property
    def reg(self) -> RegisterIndex:
        return RegisterIndex(self.ds.register)

    @cached_property
    def cases(self) -> list[Case]:
        """Published (real) cases in Norwegian name order, a municipality's cases in programme
        order (the order of data/programmer.yml). Examples are never here."""
        return sorted((c for c in self.ds.cases if not c.eksempel), key=self._case_order)

    def _case_order(self, case: Case) -> tuple:
        return sort_key(case.record.navn), self._program_rank.get(case.record.program, len(self._program_rank))

    @cached_property
    def programmer(self) -> list[Program]:
        """The programmes in file order (the editors' order: the pilot first)."""
        return self.ds.programmer

    @cached_property
    def _program_rank(self) -> dict[str, int]:
        return {p.id: i for i, p in reversed(list(enumerate(self.programmer)))}

    @cached_property
    def examples(self) -> list[Case]:
        return [c for c in self.ds.cases if c.eksempel]

    @cached_property
    def fokusomrader(self) -> list[Fokusomrade]:
        return self.ds.fokusomrader

    @cached_property
    def kriterier(self) -> list[Suksesskriterium]:
        return sorted(self.ds.kriterier, key=lambda k: (k.nummer is None, k.nummer or 0, sort_key(k.tittel)))

    @cached_property
    def samlinger(self) -> list[Samling]:
        return sorted((s for s in self.ds.samlinger if not s.eksempel), key=lambda s: s.dato)

    @cached_property
    def ressurser(self) -> list[Ressurs]:
        """Resources in file order (the editors' order). Examples are never here."""
        return [r for r in self.ds.ressurser if not r.eksempel]

    @cached_property
    def fylker(self) -> list[Fylke]:
        return sorted(self.ds.register.fylker, key=lambda f: f.nummer)

    # --- look-ups -----------------------------------------------------------------------
    def fylke_of(self, case: Case) -> Fylke | None:
        return None if case.eksempel else self.reg.fylke_of(case.record.kommunenummer)

    # Look-up tables, built once: pages call these per case, and cases can be thousands.
    @cached_property
    def _fokus_by_id(self) -> dict[str, Fokusomrade]:
        out: dict = {}
        for f in self.fokusomrader:
            out.setdefault(f.id, f)  # the first one, as a linear search would find
        return out

    @cached_property
    def _kriterium_by_id(self) -> dict[str, Suksesskriterium]:
        out: dict = {}
        for k in self.kriterier:
            out.setdefault(k.id, k)
        return out

    @cached_property
    def _cases_by_fylke(self) -> dict[str, list[Case]]:
        out: dict[str, list[Case]] = {}
        for c in self.cases:
            out.setdefault(self.reg.kommuner[c.record.kommunenummer].fylke, []).append(c)
        return out

    @cached_property
    def _program_by_id(self) -> dict[str, Program]:
        out: dict = {}
        for p in self.programmer:
            out.setdefault(p.id, p)
        return out

    @cached_property
    def _cases_by_program(self) -> dict[str, list[Case]]:
        out: dict[str, list[Case]] = {}
        for c in self.cases:
            out.setdefault(c.record.program, []).append(c)
        return out

    @cached_property
    def _cases_by_kommune(self) -> dict[str, list[Case]]:
        out: dict[str, list[Case]] = {}
        for c in self.cases:
            out.setdefault(c.record.kommunenummer, []).append(c)
        return out

    def program(self, id_: str) -> Program | None:
        return self._program_by_id.get(id_)

    def program_of(self, case: Case) -> Program:
        """A case's programme (the checks make sure it exists)."""
        return self._program_by_id[case.record.program]

    def cases_in_program(self, program_id: str) -> list[Case]:
        return list(self._cases_by_program.get(program_id, ()))

    def cases_of_kommune(self, nummer: str) -> list[Case]:
        """A municipality's published cases, in programme order."""
        return list(self._cases_by_kommune.get(nummer, ()))

    def case_title(self, case: Case) -> str:
        """A case's title in lists, feeds and its page: the name, and the programme when the
        municipality has several cases (so each has its own title)."""
        if not case.eksempel and len(self._cases_by_kommune.get(case.record.kommunenummer, ())) > 1:
            return f"{case.record.navn} – {self.program_of(case).tittel}"
        return case.record.navn

    def primary_case(self, nummer: str) -> Case | None:
        """The case a link to the municipality as a whole goes to (map, timeline): the one in the
        first programme, which links to the others."""
        cases = self._cases_by_kommune.get(nummer)
        return cases[0] if cases else None

    def fokus(self, id_: str | None) -> Fokusomrade | None:
        return self._fokus_by_id.get(id_)

    def kriterium(self, id_: str) -> Suksesskriterium | None:
        return self._kriterium_by_id.get(id_)

    def cases_in_fylke(self, fylke_nr: str) -> list[Case]:
        return list(self._cases_by_fylke.get(fylke_nr, ()))

    def cases_in_fokus(self, fokus_id: str) -> list[Case]:
        return [c for c in self.cases if c.record.fokusomrade == fokus_id]

    def cases_with_kriterium(self, kriterium_id: str) -> list[tuple[Case, str]]:
        return [(c, k.belegg) for c in self.cases for k in c.record.suksesskriterier if k.id == kriterium_id]

    def samlinger_in_fylke(self, fylke_nr: str) -> list[Samling]:
        # A gathering belongs to a county when it was held there, or when every municipality it
        # names lies there (a national milestone naming all participants belongs to none).
        return [s for s in self.samlinger
                if s.fylke == fylke_nr
                or (s.kommuner and all(self.reg.kommuner[k].fylke == fylke_nr for k in s.kommuner))]

    def nearest_cases(self, fylke_nr: str, n: int = 3) -> list[tuple[Case, int]]:
        """The n municipalities with cases nearest the county's centre, outside it, each by its
        first case, with distance in km."""
        centre = self.reg.fylke_point(fylke_nr)
        others = [cases[0] for nr, cases in self._cases_by_kommune.items() if self.reg.kommuner[nr].fylke != fylke_nr]
        ranked = sorted(others, key=lambda c: distance_km(centre, self.reg.kommuner[c.record.kommunenummer].punkt))
        return [(c, round(distance_km(centre, self.reg.kommuner[c.record.kommunenummer].punkt))) for c in ranked[:n]]

    def latest(self, n: int = 5) -> list[Case]:
        return sorted(self.cases, key=lambda c: (c.record.oppdatert, sort_key(c.record.navn)), reverse=True)[:n]

    @staticmethod
    def fylke_slug(fylke: Fylke) -> str:
        return slugify(fylke.navn)


def validate(data_dir: Path) -> tuple[Catalog | None, list[Problem]]:
    """Load and check everything once; a Catalog only when there are no problems."""
    # Loading allocates hundreds of thousands of small objects and frees almost none: the cyclic
    # garbage collector's repeated full passes over them took a third of the time at 2,000 cases.
    # It is paused while loading and resumed (as it was) afterwards.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        ds = load_dataset(data_dir)
        problems = all_problems(ds)
    finally:
        if was_enabled:
            gc.enable()
    problems.sort(key=lambda p: (p.file, p.line))
    return (None if problems else Catalog(ds)), problems


_cache: dict[str, tuple[tuple[int, int], tuple[Catalog | None, list[Problem]]]] = {}


def _stamp(data_dir: Path) -> tuple[int, int]:
    """The newest modification time under data_dir, of files and of folders (deleting or renaming a
    file changes its folder's), and the number of files. One scandir walk: cheap per call."""
    newest, count, stack = 0, 0, [str(data_dir)]
    with contextlib.suppress(OSError):
        newest = os.stat(data_dir).st_mtime_ns
    while stack:
        try:
            with os.scandir(stack.pop()) as entries:
                for e in entries:
                    if e.is_dir(follow_symlinks=False):
                        newest = max(newest, e.stat(follow_symlinks=False).st_mtime_ns)
                        stack.append(e.path)
                    elif e.is_file():
                        newest = max(newest, e.stat().st_mtime_ns)
                        count += 1
        except OSError:  # a folder that vanished or cannot be read, as pathlib's glob
            continue
    return newest, count


def data_stamp(data_dir: Path) -> tuple[int, int]:
    """What load_site() compares to know whether its cached catalog is still current."""
    return _stamp(Path(data_dir).resolve())


def remember(data_dir: Path, stamp: tuple[int, int], catalog: Catalog) -> None:
    """load_site() gives `catalog` while the data is as it was at `stamp` (taken before the caller
    read what changed: a later change makes a newer stamp, so it is never hidden). For the preview
    server, which applies a saved story to the loaded catalog instead of checking every case again."""
    _cache[str(Path(data_dir).resolve())] = (stamp, (catalog, []))


def load_site(data_dir: Path) -> tuple[Catalog | None, list[Problem]]:
    """validate(), cached until a file under data_dir changes (one load per build, also in serve)."""
    data_dir = Path(data_dir).resolve()
    stamp = _stamp(data_dir)
    hit = _cache.get(str(data_dir))
    if hit and hit[0] == stamp:
        return hit[1]
    result = validate(data_dir)
    _cache[str(data_dir)] = (stamp, result)
    return result
