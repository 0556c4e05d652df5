"""Safe YAML reading that remembers the line of every key and list item.

Scalars stay text (only true/false/null are resolved): `kommunenummer: 0301` keeps its leading
zero, `sprak: no` stays the string «no», and dates are parsed by the model, which gives a
Norwegian message for a bad one instead of a YAML traceback.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml


# libyaml's parser when present (several times faster); the resolver stays ours either way.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TextLoader(_Base):
    """SafeLoader whose implicit types are only bool (true/false), null and text."""


TextLoader.yaml_implicit_resolvers = {}
TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
TextLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])

# The same answers as the two resolvers above, as one dict look-up per scalar (PyYAML tries the
# regular expressions for every scalar; thousands of case files have hundreds of thousands).
_STR, _BOOL, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_PLAIN_TAGS = {**dict.fromkeys(["true", "True", "TRUE", "false", "False", "FALSE"], _BOOL),
               **dict.fromkeys(["~", "null", "Null", "NULL", ""], _NULL)}


def _resolve(self, kind, value, implicit, _scalar_node=yaml.ScalarNode, _tags=_PLAIN_TAGS):
    if kind is _scalar_node and not self.yaml_path_resolvers:
        return (implicit[0] and _tags.get(value)) or self.DEFAULT_SCALAR_TAG
    return _Base.resolve(self, kind, value, implicit)


TextLoader.resolve = _resolve


@dataclass
class Problem:
    """One user error, printed as `<file>:<line>: <field>: <what is wrong>; <what is allowed>`."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass
class Source:
    """Parsed YAML plus the line of each path, e.g. ("deltakelse", 0, "dato") -> 7."""

    data: object
    lines: dict[tuple, int] = field(default_factory=dict)
    duplicates: list[tuple[tuple, int]] = field(default_factory=list)

    def line_of(self, path: tuple) -> int:
        # The nearest enclosing path that has a line (a missing key points at its parent).
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def _walk(node: yaml.Node, path: tuple, lines: dict[tuple, int], dups: list) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = path + (key.value,)
            if child in lines:  # PyYAML keeps the last one silently; content would be lost
                dups.append((child, key.start_mark.line + 1))
            lines[child] = key.start_mark.line + 1
            _walk(value, child, lines, dups)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines, dups)


class _Unusual(Exception):
    """A node the fast path leaves to PyYAML: other tags, a shared (aliased) collection, a complex key."""


_BOOL_VALUES = yaml.constructor.SafeConstructor.bool_values


_ScalarNode, _MappingNode, _SequenceNode = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode


def _scalar(node: yaml.ScalarNode):
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _NULL:
        return None
    if tag == _BOOL and node.value.lower() in _BOOL_VALUES:
        return _BOOL_VALUES[node.value.lower()]
    raise _Unusual


def _build(node: yaml.Node, path: tuple, lines: dict[tuple, int], dups: list, seen: set):
    """construct_document and _walk in one pass, for documents of text, true/false/null, mappings
    and lists (every data file): the same data, lines and duplicates, several times faster."""
    lines.setdefault(path, node.start_mark.line + 1)
    cls = type(node)
    if cls is _ScalarNode:
        return _scalar(node)
    if id(node) in seen:
        raise _Unusual
    seen.add(id(node))
    if cls is _MappingNode and node.tag == _MAP:
        out = {}
        for key, value in node.value:
            if type(key) is not _ScalarNode:
                raise _Unusual
            name = key.value if key.tag == _STR else _scalar(key)
            child = path + (key.value,)
            line = key.start_mark.line + 1
            if child in lines:  # PyYAML keeps the last one silently; content would be lost
                dups.append((child, line))
            lines[child] = line
            if type(value) is _ScalarNode and value.tag == _STR:  # most values: inline
                out[name] = value.value
            else:
                out[name] = _build(value, child, lines, dups, seen)
        return out
    if cls is _SequenceNode and node.tag == _SEQ:
        items = []
        for i, item in enumerate(node.value):
            if type(item) is _ScalarNode and item.tag == _STR:
                lines.setdefault(path + (i,), item.start_mark.line + 1)
                items.append(item.value)
            else:
                items.append(_build(item, path + (i,), lines, dups, seen))
        return items
    raise _Unusual


def parse(text: str, filename: str) -> tuple[Source | None, Problem | None]:
    """Parse one YAML document; a syntax error becomes a Problem with the line."""
    loader = TextLoader(text)
    lines: dict[tuple, int] | None = None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Problem(filename, 1, "", "filen er tom; den må inneholde feltene for posten (se /bidra/)")
        try:
            lines, dups = {}, []
            data = _build(node, (), lines, dups, set())
        except (_Unusual, RecursionError):
            lines = None
            data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = _yaml_problem(exc.problem or str(exc))
        return None, Problem(filename, line, "", f"ugyldig YAML: {what}; sjekk innrykk, kolon og anførselstegn på linjen")
    except yaml.YAMLError as exc:
        return None, Problem(filename, 1, "", f"ugyldig YAML: {exc}; sjekk filen")
    finally:
        loader.dispose()
    if lines is None:
        lines, dups = {}, []
        _walk(node, (), lines, dups)
    return Source(data, lines, dups), None


# Phrases from PyYAML's and libyaml's messages -> what an editor should look for.
_YAML_PROBLEMS = {
    "mapping values are not allowed": "et kolon (:) der det ikke er lov, eller feil innrykk; sett teksten i anførselstegn",
    "expected ':'": "mangler kolon (:) etter feltnavnet",
    "'\\t'": "tabulator i innrykk (bruk mellomrom)",
    "tab": "tabulator i innrykk (bruk mellomrom)",
    "expected ',' or ']'": "mangler komma eller ] i en liste",
    "expected ',' or '}'": "mangler komma eller } i en gruppe",
    "expected node content": "en verdi mangler (en uavsluttet [ ] eller { }?)",
    "expected the node content": "en verdi mangler (en uavsluttet [ ] eller { }?)",
    "expected key": "feil innrykk: linjen står ikke under feltet den hører til",
    "expected <block end>": "feil innrykk",
    "unexpected end of stream": "filen slutter midt i en verdi (mangler et anførselstegn?)",
    "end of stream": "filen slutter midt i en verdi (mangler et anførselstegn?)",
    "cannot start any token": "et tegn som ikke kan starte en verdi (f.eks. @ eller `); sett teksten i anførselstegn",
    "undefined alias": "ukjent alias (*)",
    "duplicate anchor": "dobbelt anker (&)",
}


def _yaml_problem(problem: str) -> str:
    for phrase, norwegian in _YAML_PROBLEMS.items():
        if phrase in problem:
            return norwegian
    return f"YAML-feil ({problem})"


def read(path: Path, root: Path) -> tuple[Source | None, Problem | None]:
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, Problem(name, 1, "", "filen er ikke UTF-8; lagre den som UTF-8")
    if not text.strip():
        return None, Problem(name, 1, "", "filen er tom; den må inneholde feltene for posten (se /bidra/)")
    for i, line in enumerate(text.splitlines() if "\t" in text else (), 1):
        if line[: len(line) - len(line.lstrip())].count("\t"):
            return None, Problem(name, i, "", "tabulator i innrykk; bruk mellomrom (to per nivå)")
    return parse(text, name)
