"""Safe YAML reading that remembers the line of every key and list item.

Scalars stay text (only true/false/null are resolved): `kommunenummer: 0301` keeps its leading
zero, `sprak: no` stays the string «no», and dates are parsed by the model, which gives a
Norwegian message for a bad one instead of a YAML traceback.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .yamlwords import yaml_problem


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


# Characters that would break a message's one line, or hide in it: line breaks, tabs, control
# characters. Shown as escapes instead («a\\nb»), so each message stays on its own line.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _visible(text: str) -> str:
    if not _UNPRINTABLE.search(text):
        return text
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return _UNPRINTABLE.sub(lambda m: named.get(m.group(), f"\\u{ord(m.group()):04x}"), text)


@dataclass
class Problem:
    """One user error, printed as `<file>:<line>: <field>: <what is wrong>; <what is allowed>`."""

    file: str
    line: int
    field: str
    message: str

    def __post_init__(self):
        self.field, self.message = _visible(str(self.field)), _visible(self.message)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass
class Source:
    """Parsed YAML plus the line of each path, e.g. ("deltakelse", 0, "dato") -> 7."""

    data: object
    lines: dict[tuple, int] = field(default_factory=dict)
    duplicates: list[tuple[tuple, int]] = field(default_factory=list)
    # False when the text cannot hold a control character in a value: the reader refuses them raw,
    # so only an escape in double quotes, a carriage return or NEL, U+2028 or U+2029 can put one
    # there (core/textrules.py then need not look).
    may_hide_controls: bool = True

    def line_of(self, path: tuple) -> int:
        # The nearest enclosing path that has a line (a missing key points at its parent).
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


class _TooBig(Exception):
    """Aliases (*) that expand the document far beyond its written size (a «billion laughs»)."""

    def __init__(self, line: int):
        self.line = line


def _walk(node: yaml.Node, path: tuple, lines: dict[tuple, int], dups: list, seen: set, count: list) -> None:
    # Every node as often as aliases repeat it: stop when that is far more than the nodes written.
    seen.add(id(node))
    count[0] += 1
    if count[0] > 100 * len(seen) + 10_000:
        raise _TooBig(node.start_mark.line + 1)
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = path + (key.value,)
            if child in lines:  # PyYAML keeps the last one silently; content would be lost
                dups.append((child, key.start_mark.line + 1))
            lines[child] = key.start_mark.line + 1
            _walk(value, child, lines, dups, seen, count)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines, dups, seen, count)


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


EMPTY = "filen er tom; den må inneholde feltene for posten (se /bidra/)"
_EDITOR_BREAK = re.compile(r"\r\n|\r|\n")
_YAML_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # YAML 1.1 also breaks lines at NEL, LS and PS
_ODD_BREAK = re.compile(r"[\x85\u2028\u2029]")
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE  # what YAML refuses (control characters, U+FFFE, ...)


def _editor_line_count(text: str) -> int:
    return max(1, len(_EDITOR_BREAK.split(text.removesuffix("\n").removesuffix("\r"))))


# Explicit tags a data file may use: text, whole numbers, true/false, null, a date, and the plain
# mapping and list. Any other (!!binary, !!float, !!set, !!python/…, local !tags) is refused by the
# reader, with its field, before PyYAML makes bytes, floats or sets of it that no output can carry.
_ALLOWED_TAGS = {_STR, _BOOL, _NULL, _MAP, _SEQ, "tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _tagged(node: yaml.Node, allowed: set | frozenset = frozenset((_STR, _BOOL, _NULL, _MAP, _SEQ))):
    """(node, path) of the first node (in file order) whose tag is not in `allowed`, or a bool or
    date tag on a value it cannot take; None when there is none."""
    stack, seen = [(node, ())], set()
    while stack:
        n, path = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        kind = _MappingNode if n.tag == _MAP else _SequenceNode if n.tag == _SEQ else _ScalarNode
        if n.tag not in allowed or type(n) is not kind or (n.tag == _BOOL and n.value.lower() not in _BOOL_VALUES) \
                or (n.tag == "tag:yaml.org,2002:timestamp" and not _DATE.match(n.value.strip())):
            return n, path
        if isinstance(n, yaml.MappingNode):
            children = [(x, path + (k.value,)) for k, v in n.value for x in (k, v)]
        elif isinstance(n, yaml.SequenceNode):
            children = [(x, path + (i,)) for i, x in enumerate(n.value)]
        else:
            children = []
        stack.extend(reversed(children))
    return None


def _first_tagged(node: yaml.Node) -> yaml.Node:
    """The first node (in file order) with a tag other than text, true/false, null, map or list."""
    found = _tagged(node)
    return found[0] if found else node


def _tag_name(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


class _Forbidden(Exception):
    """A tag the data files may not use, at (node, path)."""

    def __init__(self, node: yaml.Node, path: tuple):
        self.node, self.path = node, path


def _to_editor_lines(text: str):
    """YAML's line number -> the line an editor shows, which does not break at NEL, LS or PS."""
    starts = [0, *(m.end() for m in _YAML_BREAK.finditer(text))]
    ends = [m.end() for m in _EDITOR_BREAK.finditer(text)]
    return lambda line: 1 + bisect.bisect_right(ends, starts[min(max(line, 1), len(starts)) - 1])


def _tab_line(text: str) -> int | None:
    for i, line in enumerate(_EDITOR_BREAK.split(text) if "\t" in text else (), 1):
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
            return i
    return None


def parse(text: str, filename: str) -> tuple[Source | None, Problem | None]:
    """Parse one YAML document; a syntax error becomes a Problem with the line an editor sees.

    Text is read in Unicode's composed form (NFC): «á» typed as «a» plus a combining accent (as a
    Mac or a PDF may give it) is the same letter as the precomposed one, in names and ids too."""
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    src, problem = _parse(text, filename)
    odd = not text.isascii() and _ODD_BREAK.search(text)
    if problem is not None:
        line = _to_editor_lines(text)(problem.line) if odd else problem.line
        problem.line = min(line, _editor_line_count(text))
        if odd and problem.message.startswith("ugyldig YAML"):
            first = len(_EDITOR_BREAK.findall(text, 0, odd.start())) + 1
            if first <= problem.line:
                problem = Problem(filename, first, "", f"linjen har et usynlig linjeskift (U+{ord(odd.group()):04X}, "
                                  "ofte fra Word eller en nettside), som YAML leser som et nytt linjeskift; slett det")
    elif odd:
        to_editor = _to_editor_lines(text)
        src.lines = {path: to_editor(line) for path, line in src.lines.items()}
        src.duplicates = [(path, to_editor(line)) for path, line in src.duplicates]
    if src is not None:
        # An empty document after «---» starts on the line after the last one: point at the last.
        last = _editor_line_count(text)
        if any(line > last for line in src.lines.values()):
            src.lines = {path: min(line, last) for path, line in src.lines.items()}
    return src, problem


def _parse(text: str, filename: str) -> tuple[Source | None, Problem | None]:
    loader = TextLoader(text)
    lines: dict[tuple, int] | None = None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Problem(filename, 1, "", EMPTY)
        try:
            lines, dups = {}, []
            data = _build(node, (), lines, dups, set())
        except (_Unusual, RecursionError):
            lines = None
            forbidden = _tagged(node, _ALLOWED_TAGS)
            if forbidden is not None:
                raise _Forbidden(*forbidden)
            try:
                data = loader.construct_document(node)
            except yaml.YAMLError:
                raise
            except Exception as exc:  # a tag with a value it cannot take (!!int x, !!timestamp 2021-02-30)
                found = _tagged(node)
                if found is None:
                    raise yaml.constructor.ConstructorError(None, None, "a tag", node.start_mark) from exc
                raise _Forbidden(*found) from exc
    except _Forbidden as exc:
        from .fieldpath import field_path
        n = exc.node
        shown = _tag_name(n.tag)
        if n.tag in _ALLOWED_TAGS:  # !!bool kanskje, !!int x, !!timestamp with a time or a wrong date
            shown += f" {n.value}" if isinstance(n.value, str) else ""
            what = f"fant «{shown[:60]}»; taggen passer ikke til verdien"
        else:
            what = f"fant taggen «{shown[:60]}»"
        return None, Problem(filename, n.start_mark.line + 1, field_path(exc.path),
                             f"{what}; datafilene bruker ikke tagger (bare tekst, heltall, true/false, null og "
                             "datoer), så fjern taggen eller sett teksten i anførselstegn")
    except yaml.reader.ReaderError:
        bad = _NON_PRINTABLE.search(text)
        line = text.count("\n", 0, bad.start()) + 1 if bad else 1
        code = f"U+{ord(bad.group()):04X}" if bad else "ukjent"
        return None, Problem(filename, line, "", f"linjen har et usynlig kontrolltegn ({code}), som ikke er lov i "
                             "YAML; slett det (det kommer ofte med når tekst kopieres fra et annet program)")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        tab = _tab_line(text)
        if tab is not None and tab <= line:
            return None, Problem(filename, tab, "", "tabulator i innrykk; bruk mellomrom (to per nivå)")
        what = yaml_problem(exc.problem or str(exc))
        return None, Problem(filename, line, "", f"ugyldig YAML: {what}; sjekk innrykk, kolon og anførselstegn på linjen")
    except yaml.YAMLError as exc:
        return None, Problem(filename, 1, "", f"ugyldig YAML: {yaml_problem(str(exc))}; sjekk filen")
    except RecursionError:
        return None, Problem(filename, 1, "", yaml_problem("nesting depth"))
    finally:
        loader.dispose()
    if lines is None:
        lines, dups = {}, []
        try:
            _walk(node, (), lines, dups, set(), [0])
        except _TooBig as exc:
            return None, Problem(filename, exc.line, "", "aliasene (*) gjør innholdet mange ganger større enn det "
                                 "som står i filen; skriv verdiene ut i stedet for å bruke & og *")
        except RecursionError:
            return None, Problem(filename, 1, "", yaml_problem("nesting depth"))
    if "\\" in text:  # an escape in quotes ("e\\u0301") can still spell a decomposed letter
        data = _nfc(data)
    hidden = "\\" in text or "\r" in text or (not text.isascii() and _ODD_BREAK.search(text) is not None)
    return Source(data, lines, dups, hidden), None


def _nfc(value):
    if isinstance(value, str):
        return value if value.isascii() else unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    return value


class Memory:
    """The preview server reloads all data on every save. With a Memory, each file's last parse is
    reused as long as its text is the same (parsing is pure, and a Source is never changed after it
    is made), so only the saved file is parsed again; load.py keeps each record's last check here
    too. The preview server owns one; a build has none."""

    def __init__(self):
        self.parses: dict[str, tuple[str, tuple[Source | None, Problem | None]]] = {}
        self.checked: dict[tuple, tuple] = {}  # (model, file, position) -> (Source, record, problems)


def read(path: Path, root: Path, memory: Memory | None = None) -> tuple[Source | None, Problem | None]:
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, Problem(name, 1, "", "filen mangler; den skal ligge i data/")
    except OSError:
        return None, Problem(name, 1, "", "filen kan ikke leses (er det en mappe, eller mangler tilgangen?)")
    try:
        # As Path.read_text does: \r\n and a lone \r become \n (an editor counts each as one line break).
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, Problem(name, line, "", "filen er ikke UTF-8 (første feil er på denne linjen); lagre den som UTF-8")
    if memory is not None:
        key = f"{path}\0{name}"
        hit = memory.parses.get(key)
        if hit is None or hit[0] != text:
            hit = memory.parses[key] = (text, _read_text(text, name))
        return hit[1]
    return _read_text(text, name)


def _read_text(text: str, name: str) -> tuple[Source | None, Problem | None]:
    if not text.strip():
        return None, Problem(name, 1, "", EMPTY)
    return parse(text, name)
