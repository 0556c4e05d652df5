"""YAML files -> validated records, with every problem collected (never only the first)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import recordrules, textrules
from .forked import Workers
from .messages import problems_from
from .datafiles import DATA_FILES, JSON, LIST, RECORD, DataFile, entry_for
from .model import Fokusomrade, Kommunecase, Metode, Program, Redaksjon, Register, Ressurs, Samling, Suksesskriterium, Synonymer
from .yamlsrc import Memory, Problem, Source, read


@dataclass
class Case:
    """A municipality case as read from data/kommuner/<slug>.yml (and its optional .md)."""

    record: Kommunecase
    slug: str
    path: str  # relative to the project root, e.g. data/kommuner/bodo.yml
    src: Source
    markdown: str | None = None
    markdown_path: str | None = None

    @property
    def eksempel(self) -> bool:
        return self.record.eksempel


@dataclass
class Dataset:
    data_dir: Path | None = None  # the folder it was read from (the map, data/kart/, lies there too)
    register: Register | None = None
    programmer: list[Program] = field(default_factory=list)
    fokusomrader: list[Fokusomrade] = field(default_factory=list)
    kriterier: list[Suksesskriterium] = field(default_factory=list)
    samlinger: list[Samling] = field(default_factory=list)
    ressurser: list[Ressurs] = field(default_factory=list)
    metoder: list[Metode] = field(default_factory=list)
    synonymer: list[Synonymer] = field(default_factory=list)
    erklaering: object | None = None  # data/tilgjengelighet.yml (core.statement.Erklaering)
    redaksjon: Redaksjon | None = None  # data/redaksjon.yml (optional file): where contributions go
    cases: list[Case] = field(default_factory=list)
    # What every file of core/datafiles.py's table holds, by its pattern (a list file: its records;
    # a record file: the record or None), new files included.
    files: dict[str, object] = field(default_factory=dict)
    # Files others rely on that could not be read at all: reported first (core/catalog.py), and the
    # problems that would only follow from them (ids that seem not to exist) are held back.
    broken: dict[str, DataFile] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    # Every case file that parsed to a mapping, valid or not: cross-record rules check these too,
    # so an editor sees all problems at once.
    case_sources: list[tuple[str, Source]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # The preview server's memory of earlier parses and checks (yamlsrc.Memory); None in a build.
    memory: Memory | None = field(default=None, repr=False, compare=False)


_BOOL = TypeAdapter(bool)


def is_example(raw) -> bool:
    """Is this raw case (a dict from YAML) an example, as the model reads `eksempel`: «true», but
    also «yes», "true" or 1 (pydantic's rules)? Rules on raw values use this, so no rule treats as
    real a case the model keeps out as an example, or the other way round."""
    try:
        return isinstance(raw, dict) and _BOOL.validate_python(raw.get("eksempel", False)) is True
    except ValidationError:
        return False


def _duplicates(src: Source, name: str) -> list[Problem]:
    from .fieldpath import field_path
    return [Problem(name, line, field_path(path), "feltet står to ganger; slå dem sammen til ett")
            for path, line in src.duplicates]


def _validate(model: type[BaseModel], src: Source, name: str, problems: list[Problem], prefix: tuple = (),
              memory: Memory | None = None):
    """The record, or None with its problems added: field errors and whole-record rules together.
    memory (the preview server's): an unchanged file gives the same Source object, and checking it
    again gives the same record and problems, so only the saved file is checked again."""
    key = (model.__name__, name, prefix)
    if memory is not None:
        hit = memory.checked.get(key)
        if hit is not None and hit[0] is src:
            problems.extend(hit[2])
            return hit[1]
    record, found = _check(model, src, name, prefix)
    if memory is not None:
        memory.checked[key] = (src, record, found)
    problems.extend(found)
    return record


def _check(model: type[BaseModel], src: Source, name: str, prefix: tuple) -> tuple[BaseModel | None, list[Problem]]:
    data = src.data
    for part in prefix:
        data = data[part]
    found = recordrules.problems(model.__name__, src, name, prefix) + textrules.problems(model, data, src, name, prefix)
    try:
        record = model.model_validate(data)
    except ValidationError as exc:
        found = problems_from(exc, model, src, name, prefix) + found
        record = None
    return (None if found else record), found


def _load_list(path: Path, root: Path, model: type[BaseModel], ds: Dataset) -> list | None:
    """The valid records of a list file; None when the file cannot be read as a list at all."""
    name = path.relative_to(root).as_posix()
    if not path.exists():
        ds.problems.append(Problem(name, 1, "", "filen mangler; den skal ligge i data/"))
        return None
    src, problem = read(path, root, ds.memory)
    if problem:
        ds.problems.append(problem)
        return None
    ds.sources[name] = src
    ds.problems.extend(_duplicates(src, name))
    if not isinstance(src.data, list):
        ds.problems.append(Problem(name, 1, "", "filen skal være en liste der hver post begynner med «- »"))
        return None
    records = []
    for i in range(len(src.data)):
        rec = _validate(model, src, name, ds.problems, (i,), ds.memory)
        if rec is not None:
            records.append(rec)
    return records


def _load_record(path: Path, root: Path, model: type[BaseModel], ds: Dataset) -> tuple[object | None, bool]:
    """(the record or None, could the file be read as a record at all?)"""
    name = path.relative_to(root).as_posix()
    src, problem = read(path, root, ds.memory)
    if problem:
        ds.problems.append(problem)
        return None, False
    ds.sources[name] = src
    ds.problems.extend(_duplicates(src, name))
    if src.data is None:  # only comments: nothing filled in yet, checked as an empty record
        src = replace(src, data={})
    if not isinstance(src.data, dict):
        ds.problems.append(Problem(name, 1, "", "filen skal bestå av felt som «navn: …», ikke en liste eller tekst"))
        return None, False
    return _validate(model, src, name, ds.problems, memory=ds.memory), True


def _load_json(path: Path, root: Path, entry: DataFile, ds: Dataset) -> tuple[object | None, bool]:
    import json

    name = path.relative_to(root).as_posix()
    again = f"; filen lages av {entry.made_by}: kjør det på nytt" if entry.made_by else ""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        ds.problems.append(Problem(name, 1, "", f"filen er ikke UTF-8{again}"))
        return None, False
    except json.JSONDecodeError as exc:
        ds.problems.append(Problem(name, exc.lineno, "", f"ugyldig JSON (feil i kolonne {exc.colno}){again}"))
        return None, False
    except OSError:
        ds.problems.append(Problem(name, 1, "", "filen kan ikke leses (er det en mappe, eller mangler tilgangen?)"))
        return None, False
    if not isinstance(data, dict):
        ds.problems.append(Problem(name, 1, "", f"filen skal være et JSON-objekt ({{ … }}){again}"))
        return None, False
    return _validate(entry.model, Source(data, {(): 1}), name, ds.problems), True


def load_file(entry: DataFile, data_dir: Path, root: Path, ds: Dataset) -> None:
    """One line of the table: read, checked, and kept in ds.files (and its Dataset attribute)."""
    path = data_dir / entry.pattern
    name = path.relative_to(root).as_posix()
    if not path.exists() and not entry.required:
        value, readable = ([] if entry.form == LIST else None), True
    elif entry.form == LIST:
        value = _load_list(path, root, entry.model, ds)
        readable = value is not None
        value = value or []
    elif not path.exists():
        ds.problems.append(Problem(name, 1, "", "filen mangler; den skal ligge i data/"))
        value, readable = None, False
    elif entry.form == JSON:
        value, readable = _load_json(path, root, entry, ds)
    else:
        value, readable = _load_record(path, root, entry.model, ds)
    ds.files[entry.pattern] = value
    if entry.attr:
        setattr(ds, entry.attr, value)
    if not readable and entry.needed_by:
        ds.broken[name] = entry


def load_case(path: Path, root: Path, ds: Dataset, parsed: tuple | None = None) -> Case | None:
    """parsed: read(path, root), when it was done already (by a second process, see _parses)."""
    name = path.relative_to(root).as_posix()
    src, problem = parsed if parsed is not None else read(path, root, ds.memory)
    if problem:
        ds.problems.append(problem)
        return None
    ds.sources[name] = src
    ds.problems.extend(_duplicates(src, name))
    if not isinstance(src.data, dict):
        ds.problems.append(Problem(name, 1, "", "filen skal bestå av felt som «navn: …», ikke en liste eller tekst"))
        return None
    ds.case_sources.append((name, src))
    record = _validate(Kommunecase, src, name, ds.problems, memory=ds.memory)
    if record is None:
        return None
    md_path = path.with_suffix(".md")
    case = Case(record=record, slug=path.stem, path=name, src=src)
    if md_path.exists():
        md_name = md_path.relative_to(root).as_posix()
        try:
            case.markdown = md_path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            line = md_path.read_bytes().count(b"\n", 0, exc.start) + 1
            ds.problems.append(Problem(md_name, line, "", "filen er ikke UTF-8 (første feil er på denne linjen); "
                                       "lagre den som UTF-8"))
            return None
        except OSError:
            ds.problems.append(Problem(md_name, 1, "", "filen kan ikke leses (er det en mappe, eller mangler tilgangen?)"))
            return None
        story = textrules.story_problems(case.markdown, md_name)
        if story:
            ds.problems.extend(story)
            return None
        case.markdown_path = md_name
    return case


def _parses(paths: list[Path], root: Path, workers: Workers):
    """read(path, root) for each path, in order: None where load_case should read it itself. With
    many files a forked child parses the last ones (forked.JOBS["yaml"]) while this process checks
    the first."""
    own, child = workers.share("yaml", lambda path: read(path, root), paths)
    with child:
        yield from (None for _ in own)
        yield from child.result()


def load_register(data_dir: Path, root: Path, ds: Dataset) -> None:
    load_file(next(e for e in DATA_FILES if e.attr == "register"), data_dir, root, ds)


def _unknown_files(data_dir: Path, root: Path) -> list[Problem]:
    """Files in data/ that no line of core/datafiles.py's table describes (hidden files aside)."""
    import os

    out, prefix = [], data_dir.relative_to(root).as_posix()
    stack = [("", str(data_dir))]
    while stack:
        rel_dir, folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for e in entries:
            if e.name.startswith("."):
                continue  # hidden files and folders (an editor's or the system's) are not data
            rel = f"{rel_dir}{e.name}"
            if e.is_dir():
                stack.append((rel + "/", e.path))
            elif entry_for(rel) is None and not (rel.startswith("kommuner/") and rel.endswith(".yaml")):
                # (a case named .yaml is told to rename it, below)
                out.append(Problem(f"{prefix}/{rel}", 1, "",
                                   "filen er ukjent: kulturskole sjekk vet ikke hva den skal inneholde, og nettstedet "
                                   "bruker den ikke; flytt den ut av data/, eller gi den en modell (én linje i "
                                   "macros/core/datafiles.py)"))
    return sorted(out, key=lambda p: p.file)


def load_dataset(data_dir: Path, workers: Workers | None = None, memory: Memory | None = None) -> Dataset:
    """Read every data file under data_dir; problems are collected in Dataset.problems.
    workers: how many processes may parse (core/forked.py; serial unless the caller decided).
    memory: the preview server's parses and checks of the last load (yamlsrc.Memory), reused for
    files whose text is unchanged (the preview is serial: a child's parses would not be kept)."""
    data_dir = Path(data_dir).resolve()
    root = data_dir.parent
    ds = Dataset(data_dir=data_dir, memory=memory)
    for entry in DATA_FILES:
        if entry.form in (LIST, RECORD, JSON):
            load_file(entry, data_dir, root, ds)
    ds.problems.extend(_unknown_files(data_dir, root))
    case_dir = data_dir / "kommuner"
    paths = sorted(case_dir.glob("*.yml")) if case_dir.is_dir() else []
    for path, parsed in zip(paths, _parses(paths, root, workers or Workers.serial())):
        case = load_case(path, root, ds, parsed)
        if case is not None:
            ds.cases.append(case)
    for path in sorted(case_dir.glob("*.md")) if case_dir.is_dir() else []:
        if not path.with_suffix(".yml").exists():
            ds.problems.append(Problem(path.relative_to(root).as_posix(), 1, "",
                                       f"Markdown-filen har ingen {path.stem}.yml ved siden av seg; "
                                       "lag YAML-filen først (kulturskole ny), eller gi filen samme navn som den"))
    for path in sorted(case_dir.glob("*.yaml")) if case_dir.is_dir() else []:
        ds.problems.append(Problem(path.relative_to(root).as_posix(), 1, "",
                                   "filendelsen er .yaml; gi filen endelsen .yml"))
    ds.files["kommuner/*.yml"] = ds.cases
    return ds
