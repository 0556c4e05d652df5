"""Shared parts of the fuzz tests (tests/test_fuzz*.py): Hypothesis strategies for valid records,
for YAML text and for mutations of it, a small data folder to load, and the checks every
error message must pass.

Valid records are generated from the pydantic models themselves: each field's type, its Literal
values, patterns, minimum lengths and validators decide what is drawn, so a field added to the
model is generated without touching this file. Only what the model states in words or what spans
records is written here: a municipality's number and name come from the register, ids that must
exist come from the generated lists, the whole-record rules of recordrules.py (a date or a note,
dates in order, consent before a name, 4–6 group members with one from outside the culture school,
a programme's period in order) and the statuses each case's programme allows (rules.py).
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
import types
import typing
import unicodedata
from pathlib import Path

import yaml
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from macros.core import model as m
from macros.core.datafiles import DATA_FILES, RECORD
from macros.core.facts import FACT_FIELDS
from macros.core.slug import slugify

from .conftest import FIXTURE_DATA, ROOT

FIXTURE_METODER = [x["id"] for x in yaml.safe_load((FIXTURE_DATA / "metoder.yml").read_text(encoding="utf-8"))]

# --- A small data folder ----------------------------------------------------------------------

_REGISTER = yaml.load((ROOT / "data" / "kommuneregister.yml").read_text(encoding="utf-8"),
                      Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
# Names with several parts (Sámi and Kven names), names two municipalities share, a number with a
# leading zero, and the fixture's municipalities: the cases the reader and the rules treat specially.
_KEEP = {k["nummer"] for k in _REGISTER["kommuner"] if " - " in k["navn"]
         or k["navn"] in ("Herøy", "Våler", "Oslo", "Bodø", "Sunnfjord", "Lillestrøm", "Ås", "Nes")}


def small_register() -> dict:
    """The real register cut to ~35 municipalities (all counties): loads in milliseconds."""
    kommuner = [k for k in _REGISTER["kommuner"] if k["nummer"] in _KEEP]
    old = [k for k in _REGISTER["kommuner_2020"] if set(k["erstattet_av"]) <= _KEEP]
    return {**_REGISTER, "kommuner": kommuner, "kommuner_2020": old}


SMALL_REGISTER = small_register()
_REGISTER_TEXT = yaml.dump(SMALL_REGISTER, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                           sort_keys=False)
KOMMUNER = SMALL_REGISTER["kommuner"]
FYLKER = [f["nummer"] for f in SMALL_REGISTER["fylker"]]


def dump(obj) -> str:
    return yaml.safe_dump(obj, allow_unicode=True, sort_keys=False)


def make_data(dest: Path, cases: bool = True) -> Path:
    """dest/data: the fixture lists, the small register, and (if cases) the fixture's cases."""
    data = dest / "data"
    shutil.copytree(FIXTURE_DATA, data)
    if not cases:
        for path in (data / "kommuner").iterdir():
            path.unlink()
    (data / "kommuneregister.yml").write_text(_REGISTER_TEXT, encoding="utf-8")
    return data


# --- Checks on what an editor is shown ----------------------------------------------------------

LINE = re.compile(r"^(?P<file>data/[^:\n]+?):(?P<line>[1-9]\d*): (?P<rest>.+)$")
# Words of PyYAML's and pydantic's English messages: a message that falls through to them.
ENGLISH = re.compile(r"\b(should|must|Input|[Vv]alue error|[Ff]ield required|Keys|expected|found|could not|"
                     r"not allowed|unacceptable|character|while|scanning|parsing|Invalid|unhashable|"
                     r"constructor|nesting)\b")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def editor_lines(text: str) -> list[str]:
    """The lines an editor shows: split at \\n, \\r\\n and \\r only (not at U+2028 or NEL)."""
    return re.split(r"\r\n|\r|\n", text.removesuffix("\n").removesuffix("\r")) if text else [""]


def check_problems(problems, root: Path) -> list[str]:
    """Every problem: «file:line: [field: ]message» on one line, a file that exists, a line it
    has, a Norwegian message. Returns the printed lines."""
    printed = []
    for p in problems:
        text = str(p)
        printed.append(text)
        assert not CONTROL.search(text), f"kontrolltegn eller linjeskift i meldingen: {text!r}"
        match = LINE.match(text)
        assert match, f"ikke på formen fil:linje: …: {text!r}"
        path = root / match["file"]
        assert path.is_file(), f"meldingen peker på en fil som ikke finnes: {text!r}"
        raw = path.read_bytes().decode("utf-8", errors="replace")
        lines = editor_lines(raw)
        line = int(match["line"])
        assert 1 <= line <= max(1, len(lines)), f"linje {line} finnes ikke (filen har {len(lines)}): {text!r}"
        assert not ENGLISH.search(match["rest"]), f"engelsk i meldingen: {text!r}"
        assert p.message.strip(), text
        if p.field and p.message.startswith(("ukjent felt", "feltet står to ganger")):
            key = re.split(r"[.\]]", p.field)[-1]
            # The line names the key, unless the key is written in an unusual way (quoted, escaped),
            # or holds a control character the message shows as an escape (a tab as \t).
            here = unicodedata.normalize("NFC", lines[line - 1])
            assert key in here or re.search(r"[\"'\\?]", here) or not key.isascii() or "\\" in key, \
                f"linje {line} ({here!r}) nevner ikke feltet: {text!r}"
    return printed


# --- Text ------------------------------------------------------------------------------------

# Words editors really write, and the ones YAML treats specially.
WORDS = [
    "Bodø", "Unjárga", "Guovdageaidnu", "Kárášjohka", "Porsáŋgu", "Snåase", "Raarvihke", "Nåavmesjenjaelmie",
    "Evenášši", "Gáivuotna", "Æ", "øy", "å", "«sitat»", "“Word”", "‘enkel’", "–", "—", "…", "½", "ﬁ",
    "e\u0301", "a\u030a", "Ω", "😀", "中文", "عربى", "\u00a0", "\u200b", "\u2003",
    "- ", ": ", "#", " #", "&a", "*a", "!tag", "!!str", "{", "}", "[", "]", "'", '"', "|", ">", "%", "@", "`",
    "?", ",", "<<", "---", "...", "null", "~", "yes", "no", "on", "off", "True", "0301", "0x1F", "1e3",
    "2021-04-22", "22.04.2021", "=", "\\", "\\n", "\n", "\n\n", "\t", "  ",
]
# No control characters, U+2028 or U+2029 (category Zl, Zp): the model refuses them (core/textrules.py).
_CHARS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"), include_characters="\n\t")


def text(min_size: int = 1) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(WORDS), st.text(_CHARS, min_size=1, max_size=8))
    return st.lists(piece, min_size=min_size, max_size=4).map(" ".join)


def nonblank() -> st.SearchStrategy[str]:
    return text().filter(lambda s: s.strip())


def one_line(s: str) -> str:
    """Tab and line break only where the model allows them: in block text (core/textrules.py)."""
    return re.sub(r"[\t\n]", " ", s)


def title() -> st.SearchStrategy[str]:
    # Titles: no < > {{ {% (the model says so; they reach <title> and headings), on one line.
    return nonblank().map(lambda s: one_line(re.sub(r"[<>]", "", s).replace("{{", "{").replace("{%", "%"))) \
        .filter(lambda s: s.strip())


def https_url() -> st.SearchStrategy[str]:
    host = st.from_regex(r"\A[a-z0-9]([a-z0-9-]{0,12}[a-z0-9])?(\.[a-z0-9]{1,8}){0,2}\.[a-z]{2,6}\Z")
    path = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), max_size=20)
    return st.builds(lambda h, p, q: f"https://{h}/{p}" + (f"?{q}" if q else ""), host, path,
                     st.sampled_from(["", "a=1&b=2", "%C3%B8"]))


def email() -> st.SearchStrategy[str]:
    local = st.from_regex(r"\A[a-z0-9æøå._+-]{1,12}\Z")
    domain = st.from_regex(r"\A[a-z0-9-]{1,12}(\.[a-z0-9-]{1,8})?\Z")
    return st.builds(lambda a, b, c: f"{a}@{b}.{c}", local, domain, st.from_regex(r"\A[a-z]{2,6}\Z"))


def ident() -> st.SearchStrategy[str]:
    return st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}\Z")


# --- Records, from the models ------------------------------------------------------------------

def _validators(metadata) -> set[str]:
    names = set()
    for item in metadata:
        func = getattr(item, "func", None)
        if func is not None:
            names.add(func.__name__)
        if isinstance(item, FieldInfo):
            names |= _validators(item.metadata)
    return names


def _pattern(metadata) -> str | None:
    for item in metadata:
        if getattr(item, "pattern", None):
            return item.pattern
        if isinstance(item, FieldInfo):
            found = _pattern(item.metadata)
            if found:
                return found
    return None


def _min_len(metadata) -> int:
    return max([getattr(item, "min_length", 0) or 0 for item in metadata] or [0])


def _ge(metadata) -> int:
    """The lowest number a field allows (Field(ge=…)), or a very low one."""
    for item in metadata:
        if getattr(item, "ge", None) is not None:
            return item.ge
        if isinstance(item, FieldInfo):
            found = _ge(item.metadata)
            if found > -10**9:
                return found
    return -10**9


def for_type(ann, metadata: list, ctx: dict) -> st.SearchStrategy:
    """A strategy for one annotation (with the field's metadata: validators, pattern, length)."""
    origin = typing.get_origin(ann)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(ann)
        return for_type(inner, [*metadata, *extra], ctx)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(ann) if a is not type(None)]
        return st.one_of([for_type(a, metadata, ctx) for a in options])
    if origin is typing.Literal:
        return st.sampled_from(typing.get_args(ann))
    if origin is list:
        (item,) = typing.get_args(ann)
        low = _min_len(metadata)
        return st.lists(for_type(item, [], ctx), min_size=low, max_size=max(low, 2))
    if origin is tuple:
        return st.tuples(*[for_type(a, [], ctx) for a in typing.get_args(ann)])
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return record(ann, ctx)
    validators = _validators(metadata)
    if ann is str:
        pattern = _pattern(metadata)
        if "_https" in validators:
            return https_url()
        if pattern == m.ID_PATTERN:
            return ident()
        if pattern and "@" in pattern:
            return email()
        if pattern:
            return st.from_regex(pattern.replace("^", r"\A").replace("$", r"\Z").replace(r"\d", "[0-9]"))
        if "_no_markup" in validators:
            return title()
        if "_not_blank" in validators:
            return nonblank() if m.BLOCK in metadata else nonblank().map(one_line).filter(lambda s: s.strip())
        return text().map(one_line)
    if ann is bool:
        return st.booleans()
    if ann is int:
        if "_year" in validators:
            return st.integers(1900, 2100)
        return st.integers(max(-10**6, _ge(metadata)), 10**6)
    if ann is float:
        return st.floats(-1e6, 1e6, allow_nan=False)
    if ann is dt.date:
        return st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
    raise NotImplementedError(f"fuzzkit kan ikke lage verdier av typen {ann!r}; lær den det")


def _override(model: str, field: str, ctx: dict) -> st.SearchStrategy | None:
    """Values that must exist elsewhere (ids, register numbers), and the group's size."""
    fokus, krit = ctx.get("fokus", []), ctx.get("kriterier", [])
    key = (model, field)
    if key == ("Kommunecase", "fokusomrade"):
        return st.sampled_from(fokus) if fokus else st.none()
    if key == ("Kommunecase", "program"):
        return st.sampled_from(sorted(ctx["programmer"])) if ctx.get("programmer") else st.nothing()
    if key == ("KriterieBelegg", "id"):
        return st.sampled_from(krit) if krit else st.nothing()
    if key in (("Ressurs", "fokusomrader"), ("Samling", "fokusomrader")):
        return st.lists(st.sampled_from(fokus), max_size=2) if fokus else st.just([])
    if key == ("Kommunecase", "metoder"):  # the dataset's methods, else the fixture's data/metoder.yml
        metoder = ctx.get("metoder", FIXTURE_METODER)
        return st.lists(st.sampled_from(metoder), max_size=2) if metoder else st.just([])
    if key == ("Metode", "ressurser"):
        ressurser = ctx.get("ressurser", [])
        return st.lists(st.sampled_from(ressurser), max_size=2) if ressurser else st.just([])
    if key == ("Samling", "fylke"):
        return st.sampled_from(FYLKER)
    if key == ("Samling", "kommuner"):
        return st.lists(st.sampled_from([k["nummer"] for k in KOMMUNER]), max_size=3)
    if key in (("Samling", "eksempel"), ("Ressurs", "eksempel")):
        return st.just(False)
    if key == ("Kommunecase", "kommunegruppe"):
        return st.none() | st.lists(record(m.Medlem, ctx), min_size=4, max_size=6)
    return None


def _repair(model: type[BaseModel], d: dict) -> dict:
    """The rules the model validators state in words (docstrings and messages in model.py)."""
    name = model.__name__
    if name == "Deltakelse" and d.get("dato") is None and not (d.get("merknad") or "").strip():
        d["merknad"] = "Datoen er ikke kjent."
    if name == "Kontakt" and (d.get("navn") or d.get("epost")):
        d["samtykke"] = True
    if name == "Kommunecase" and d.get("kommunegruppe") and all(x["sektor"] == "kulturskole" for x in d["kommunegruppe"]):
        d["kommunegruppe"][0]["sektor"] = "skole"
    if name == "Kommunecase" and d.get("deltakelse"):  # dates in order, oldest first
        dated = [x for x in d["deltakelse"] if x.get("dato") is not None]
        for x, day in zip(dated, sorted(x["dato"] for x in dated)):
            x["dato"] = day
    if name == "Casekilde":  # a public source has its address; the municipality's own account role and date
        if d.get("type", "offentlig") == "offentlig" and not d.get("url"):
            d["url"] = "https://example.org/kilde"
        if d.get("type") == "kommunen":
            d["rolle"] = d.get("rolle") or "kulturskolerektor"
            d["dato"] = d.get("dato") or dt.date(2025, 1, 15)
    if name == "Program" and d.get("fra") is not None and d.get("til") is not None and d["til"] < d["fra"]:
        d["fra"], d["til"] = d["til"], d["fra"]
    return d


@st.composite
def record(draw, model: type[BaseModel], ctx: dict, skip: tuple = ()):
    """One record of `model` as the dict an editor would write: required fields always, optional
    ones sometimes (None written out where the model allows it), keys in a random order."""
    out = {}
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        required = info.is_required()
        if not required and not draw(st.booleans()):
            continue
        strategy = _override(model.__name__, name, ctx)
        if strategy is None:
            strategy = for_type(info.annotation, list(info.metadata), ctx)
        value = draw(strategy)
        if value is None and info.default is not None and not required:
            continue  # a list with a default cannot be written as null
        out[name] = value
    keys = draw(st.permutations(list(out)))
    return _repair(model, {k: out[k] for k in keys})


def _file_stem(nummer: str, navn: str) -> str:
    """The file name the guide asks for: the name's slug, plus the county when two
    municipalities carry that name (Herøy in Nordland and in Møre og Romsdal)."""
    owners = {}
    for k in KOMMUNER:
        for part in {k["navn"], *k["navn"].split(" - ")}:
            owners.setdefault(slugify(part.strip()), set()).add(k["nummer"])
    stem = slugify(navn)
    if len(owners.get(stem, ())) > 1:
        fylke_nr = next(k["fylke"] for k in KOMMUNER if k["nummer"] == nummer)
        stem += "-" + slugify(next(f["navn"] for f in SMALL_REGISTER["fylker"] if f["nummer"] == fylke_nr))
    return stem


@st.composite
def case_record(draw, ctx: dict, used: set):
    """(file stem, case dict): a real municipality (any written form of its name) or an example."""
    base = draw(record(m.Kommunecase, ctx, skip=("navn", "kommunenummer", "eksempel")))
    if draw(st.integers(0, 9)) == 0:
        nummer = draw(st.from_regex(r"\A99[0-9]{2}\Z").filter(lambda n: n not in used))
        navn = draw(title().filter(lambda s: slugify(s)))
        head = {"navn": navn, "kommunenummer": nummer, "eksempel": True}
        stem = slugify(navn)
    else:
        kommune = draw(st.sampled_from([k for k in KOMMUNER if k["nummer"] not in used]))
        nummer = kommune["nummer"]
        navn = draw(st.sampled_from([kommune["navn"], *[p.strip() for p in kommune["navn"].split(" - ")]]))
        navn = draw(st.sampled_from([navn, navn.upper(), f"  {navn} "]))
        head = {"navn": navn, "kommunenummer": nummer}
        if draw(st.booleans()):
            head["eksempel"] = False
        stem = _file_stem(nummer, navn.strip())
    used.add(nummer)
    out = {**head, **base}
    # Each status in the history is one the case's programme uses (rules.py).
    statuser = ctx["programmer"][out["program"]]
    for item in out["deltakelse"]:
        item["status"] = draw(st.sampled_from(statuser))
    # The facts rules (macros/core/facts.py): a real municipality's claims need a public source,
    # and an editorial reading of the focus area needs the focus area.
    if out.get("fokusomrade_tolkning") and not out.get("fokusomrade"):
        del out["fokusomrade_tolkning"]
    if not head.get("eksempel") and any(out.get(f) for f in FACT_FIELDS) and not out.get("kilder"):
        out["kilder"] = [{"tittel": "Kilde", "url": draw(https_url())}]
    return stem, out


@st.composite
def dataset(draw, max_cases: int = 3):
    """A whole valid data folder's records: lists, and 1..max_cases cases with distinct
    municipalities and file names."""
    fokus = draw(st.lists(record(m.Fokusomrade, {}), min_size=1, max_size=3, unique_by=lambda d: d["id"]))
    krit = draw(st.lists(record(m.Suksesskriterium, {}), min_size=1, max_size=3, unique_by=lambda d: d["id"]))
    programmer = draw(st.lists(record(m.Program, {}), min_size=1, max_size=3, unique_by=lambda d: d["id"]))
    ctx = {"fokus": [f["id"] for f in fokus], "kriterier": [k["id"] for k in krit],
           "programmer": {p["id"]: p["statuser"] for p in programmer}}
    samlinger = draw(st.lists(record(m.Samling, ctx), max_size=2, unique_by=lambda d: d["id"]))
    ressurser = draw(st.lists(record(m.Ressurs, ctx), max_size=2, unique_by=lambda d: d["id"]))
    ctx["ressurser"] = [r["id"] for r in ressurser]
    metoder = draw(st.lists(record(m.Metode, ctx), max_size=2, unique_by=lambda d: d["id"]))
    ctx["metoder"] = [x["id"] for x in metoder]
    synonymer = draw(st.lists(record(m.Synonymer, ctx), max_size=2))
    used: set = set()
    cases = draw(st.lists(case_record(ctx, used), min_size=1, max_size=max_cases, unique_by=lambda c: c[0]))
    out = {"programmer.yml": programmer, "fokusomrader.yml": fokus, "suksesskriterier.yml": krit,
           "samlinger.yml": samlinger, "ressurser.yml": ressurser, "metoder.yml": metoder, "synonymer.yml": synonymer,
           "kommuner": dict(cases)}
    # Every other file an editor writes (core/datafiles.py: record files with a model; generated
    # files and the register are not drawn), so a file added to the table is fuzzed too.
    for entry in DATA_FILES:
        if entry.form == RECORD and not entry.made_by and entry.pattern not in out:
            out[entry.pattern] = draw(record(entry.model, ctx))
    return out


# --- YAML text: styles an editor or a tool may produce -------------------------------------------

STYLES = st.fixed_dictionaries({
    "default_flow_style": st.sampled_from([False, None, True]),
    "default_style": st.sampled_from([None, None, None, '"', "'"]),
    "allow_unicode": st.booleans(),
    "width": st.sampled_from([40, 80, 200, 10**6]),
    "indent": st.sampled_from([2, 3, 4]),
    "explicit_start": st.booleans(),
})
ENCODINGS = st.fixed_dictionaries({
    "crlf": st.booleans(),
    "bom": st.booleans(),
    "normal": st.sampled_from(["NFC", "NFC", "NFD"]),
    "comment": st.booleans(),
})


def to_yaml(obj, style: dict, enc: dict) -> str:
    """The record as YAML in the given style; NFD turns every «á» into «a» + combining accent (a
    Mac, or a copy from a PDF, may do that)."""
    out = yaml.safe_dump(obj, sort_keys=False, **style)
    if enc["comment"]:
        out = "# Kommentar: «data» – ø\n" + out
    out = unicodedata.normalize(enc["normal"], out)
    if enc["crlf"]:
        out = out.replace("\n", "\r\n")
    return ("\ufeff" if enc["bom"] else "") + out


def write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


def nfc(value):
    """What the loader makes of a value: text in NFC (and stripped, as the model strips)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: nfc(v) for k, v in value.items()}
    return value


# --- Mutations of YAML text ----------------------------------------------------------------------

INSERTS = ["\t", "'", '"', "&a ", "*a", "*b ", "!!str ", "!!int ", "!!binary ", "!foo ", "!!python/object:os.system ",
           "!!set ", "!!omap ", "\x00", "\x01", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\ufeff", "\u2028", "\u2029",
           "\ufffe", "\r", "\r\n", "{", "}", "[", "]", ": ", "- ", "#", "%", "@", "`", "|", ">", "? ", ",", "&", "*",
           "<<: *a\n", "e\u0301", "\u200b", "\\", "\\x", '"\\u', "…", "😀"]
GADGETS = ["<<: *a", "a: &a {x: 1}", "b: *a", "kilder: &k [1, 2]", "partnere: *k", "---", "...", "%YAML 1.1",
           "%TAG ! tag:example.org,2000:", "? [a, b]\n: c", "? {a: 1}\n: x", "[" * 60, "{" * 60 + "}" * 60,
           "null: x", "true: 1", "1: 2", "'': x", "~: y", "eksempel: ja", "samtykke: ja", "oppdatert: 2026-02-30",
           "kommunenummer: 1804", "navn: |\n  flere\n  linjer", "navn: >-\n\tfoldet", "- a\n- b", "a:\n\t- b",
           "x: !!timestamp 2021-04-22", "x: !!float .nan", "x: !!binary aGVp", "x: !!null", "eksempel: \"true\"",
           "eksempel: yes", "deltakelse: []", "deltakelse:\n  - {status: valgt}", "kontakt: tekst",
           "kontakt:\n  rolle: r\n  navn: N\n  samtykke: ja", "\ufeffnavn: x", "navn: " + "x" * 5000]


@st.composite
def mutations(draw, n_max: int = 4):
    """A list of edits: (kind, line fraction, column fraction, payload)."""
    kinds = st.sampled_from(["delete", "duplicate", "reindent", "truncate_line", "truncate_file", "insert",
                             "swap", "long", "gadget", "nfd", "crlf", "bom", "blank", "random"])
    edit = st.tuples(kinds, st.floats(0, 1), st.floats(0, 1),
                     st.one_of(st.sampled_from(INSERTS), st.sampled_from(GADGETS), st.text(max_size=8),
                               st.integers(-6, 6)))
    return draw(st.lists(edit, min_size=1, max_size=n_max))


def mutate(text: str, edits) -> str:
    lines = text.split("\n")
    for kind, fl, fc, payload in edits:
        i = min(int(fl * len(lines)), len(lines) - 1)
        line = lines[i]
        col = min(int(fc * (len(line) + 1)), len(line))
        if kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, line)
        elif kind == "reindent":
            shift = payload if isinstance(payload, int) else 2
            stripped = line.lstrip(" ")
            lines[i] = " " * max(0, len(line) - len(stripped) + shift) + stripped
        elif kind == "truncate_line":
            lines[i] = line[:col]
        elif kind == "truncate_file":
            joined = "\n".join(lines)
            lines = joined[: int(fl * len(joined))].split("\n")
        elif kind == "insert":
            lines[i] = line[:col] + (payload if isinstance(payload, str) else "\t") + line[col:]
        elif kind == "swap" and len(lines) > 1:
            j = min(int(fc * len(lines)), len(lines) - 1)
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "long":
            lines[i] = line + " " + ("ø" * 3000 if isinstance(payload, int) else str(payload) * 600)[:6000]
        elif kind == "gadget":
            lines.insert(i, payload if isinstance(payload, str) else GADGETS[payload % len(GADGETS)])
        elif kind == "nfd":
            lines[i] = unicodedata.normalize("NFD", line)
        elif kind == "crlf":
            lines = [ln + "\r" if k % 2 == int(fl * 2) % 2 else ln for k, ln in enumerate(lines)]
        elif kind == "bom":
            lines[i] = "\ufeff" + line
        elif kind == "blank":
            lines.insert(i, " " * (payload if isinstance(payload, int) and payload > 0 else 0))
        elif kind == "random" and isinstance(payload, str):
            lines[i] = payload
    return "\n".join(lines)
