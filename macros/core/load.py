"""YAML files -> validated records, with every problem collected (never only the first)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import recordrules, yamlsrc
from .forked import Share
from .messages import problems_from
from .model import LIST_FILES, OPTIONAL_FILES, Fokusomrade, Kommunecase, Program, Register, Ressurs, Samling, Suksesskriterium
from .yamlsrc import Problem, Source, read


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
    cases: list[Case] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    # Every case file that parsed to a mapping, valid or not: cross-record rules check these too,
    # so an editor sees all problems at once.
    case_sources: list[tuple[str, Source]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


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
    from .messages import field_path
    return [Problem(name, line, field_path(path), "feltet står to ganger; slå dem sammen til ett")
            for path, line in src.duplicates]


# While yamlsrc remembers parses (the preview server), an unchanged file gives the same Source object,
# and checking it again gives the same record and problems: (model, file, position) -> (Source,
# record, problems). After a save at 2,000 cases only the saved file is checked again (~0.6 s less).
_checked: dict[tuple, tuple] = {}


def _validate(model: type[BaseModel], src: Source, name: str, problems: list[Problem], prefix: tuple = ()):
    """The record, or None with its problems added: field errors and whole-record rules together."""
    remember = yamlsrc.remembering()
    key = (model.__name__, name, prefix)
    if remember:
        hit = _checked.get(key)
        if hit is not None and hit[0] is src:
            problems.extend(hit[2])
            return hit[1]
    elif _checked:
        _checked.clear()
    record, found = _check(model, src, name, prefix)
    if remember:
        _checked[key] = (src, record, found)
    problems.extend(found)
    return record


def _check(model: type[BaseModel], src: Source, name: str, prefix: tuple) -> tuple[BaseModel | None, list[Problem]]:
    data = src.data
    for part in prefix:
        data = data[part]
    found = recordrules.problems(model.__name__, src, name, prefix)
    try:
        record = model.model_validate(data)
    except ValidationError as exc:
        found = problems_from(exc, model, src, name, prefix) + found
        record = None
    return (None if found else record), found


def _load_list(path: Path, root: Path, model: type[BaseModel], ds: Dataset) -> list:
    name = path.relative_to(root).as_posix()
    if not path.exists():
        if path.name in OPTIONAL_FILES:
            return []
        ds.problems.append(Problem(name, 1, "", "filen mangler; den skal ligge i data/"))
        return []
    src, problem = read(path, root)
    if problem:
        ds.problems.append(problem)
        return []
    ds.sources[name] = src
    ds.problems.extend(_duplicates(src, name))
    if not isinstance(src.data, list):
        ds.problems.append(Problem(name, 1, "", "filen skal være en liste der hver post begynner med «- »"))
        return []
    records = []
    for i in range(len(src.data)):
        rec = _validate(model, src, name, ds.problems, (i,))
        if rec is not None:
            records.append(rec)
    return records


def load_case(path: Path, root: Path, ds: Dataset, parsed: tuple | None = None) -> Case | None:
    """parsed: read(path, root), when it was done already (by a second process, see _parses)."""
    name = path.relative_to(root).as_posix()
    src, problem = parsed if parsed is not None else read(path, root)
    if problem:
        ds.problems.append(problem)
        return None
    ds.sources[name] = src
    ds.problems.extend(_duplicates(src, name))
    if not isinstance(src.data, dict):
        ds.problems.append(Problem(name, 1, "", "filen skal bestå av felt som «navn: …», ikke en liste eller tekst"))
        return None
    ds.case_sources.append((name, src))
    record = _validate(Kommunecase, src, name, ds.problems)
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
        case.markdown_path = md_name
    return case


# Parsing is about two thirds of reading the case files (1.2 of 1.9 s at 2,000 cases). With many of
# them, a forked child parses the last CHILD_SHARE while this process parses and checks the others.
FORK_FROM = 200  # case files; with fewer, starting the child costs more than it saves
CHILD_SHARE = 0.6


def _parses(paths: list[Path], root: Path):
    """read(path, root) for each path, in order: None where load_case should read it itself."""
    if len(paths) < FORK_FROM or yamlsrc.remembering():  # remembered parses live in this process
        yield from (None for _ in paths)
        return
    cut = len(paths) - int(len(paths) * CHILD_SHARE)
    with Share(lambda path: read(path, root), paths[cut:]) as child:
        yield from (None for _ in paths[:cut])
        yield from child.result()


def load_register(data_dir: Path, root: Path, ds: Dataset) -> None:
    path = data_dir / "kommuneregister.yml"
    src, problem = read(path, root)
    if problem:
        ds.problems.append(problem)
        return
    ds.register = _validate(Register, src, path.relative_to(root).as_posix(), ds.problems)


def load_dataset(data_dir: Path) -> Dataset:
    """Read every data file under data_dir; problems are collected in Dataset.problems."""
    data_dir = Path(data_dir).resolve()
    root = data_dir.parent
    ds = Dataset(data_dir=data_dir)
    load_register(data_dir, root, ds)
    loaded = {fname: _load_list(data_dir / fname, root, model, ds) for fname, model in LIST_FILES.items()}
    ds.programmer = loaded["programmer.yml"]
    ds.fokusomrader = loaded["fokusomrader.yml"]
    ds.kriterier = loaded["suksesskriterier.yml"]
    ds.samlinger = loaded["samlinger.yml"]
    ds.ressurser = loaded["ressurser.yml"]
    case_dir = data_dir / "kommuner"
    paths = sorted(case_dir.glob("*.yml")) if case_dir.is_dir() else []
    for path, parsed in zip(paths, _parses(paths, root)):
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
    return ds
