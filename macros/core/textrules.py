"""Characters no output can carry: refused in every text value of every data file (issue 22).

- C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F) make the Atom feed not well-formed
  XML, break calendar lines and hide in pages; U+2028 and U+2029 break lines in some readers and
  not in others. None of them is ever meant.
- Tab and line break are text in block text (fields typed `Tekst`, marked `BLOCK` in model.py: a
  description, a story), but not in a field that stands on one line (titles, names, addresses, ids).

The rule looks at the values as YAML gave them, for any model, so a field added to a model later is
covered without a line here. Each problem names file, line and field, like every other message.
"""
from __future__ import annotations

import re
import typing
from functools import lru_cache

from pydantic import BaseModel

from .model import BLOCK
from .yamlsrc import Problem, Source

# What is never allowed (tab and line feed are handled by the one-line rule); also lone surrogates
# (a JSON file can hold them) and U+FFFE, U+FFFF, which are not characters at all to XML.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
LINE_BREAKS = "\x85\u2028\u2029"


def _code(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def control_message(ch: str) -> str:
    if ch in LINE_BREAKS:
        return (f"teksten har et usynlig linjeskift ({_code(ch)}, ofte fra Word eller en nettside), som ikke alle "
                "lesere og filformater tåler; slett det, eller skriv et vanlig linjeskift i et tekstfelt")
    return (f"teksten har et usynlig kontrolltegn ({_code(ch)}), som ikke er lov i noe felt; slett det (det kommer "
            "ofte med når tekst kopieres fra et annet program)")


def _flatten(ann, meta: tuple = ()):
    """(type, metadata) for each option of an annotation: Annotated and Optional unwrapped."""
    origin = typing.get_origin(ann)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(ann)
        yield from _flatten(inner, meta + tuple(extra))
    elif origin in (typing.Union, getattr(__import__("types"), "UnionType")):
        for arg in typing.get_args(ann):
            yield from _flatten(arg, meta)
    else:
        yield ann, meta


@lru_cache(maxsize=4096)
def is_block(model: type[BaseModel], loc: tuple) -> bool:
    """Does the value at loc (field names, None for a list position) hold block text?"""
    current = [(model, ())]
    for part in loc:
        nxt = []
        for ann, meta in current:
            for base, m in _flatten(ann, meta):
                if part is None and typing.get_origin(base) is list:
                    nxt.append((typing.get_args(base)[0], ()))
                elif part is not None and isinstance(base, type) and issubclass(base, BaseModel):
                    info = base.model_fields.get(part)
                    if info is not None:
                        nxt.append((info.annotation, tuple(info.metadata)))
        if not nxt:
            return False
        current = nxt
    return any(BLOCK in m for ann, meta in current for _, m in _flatten(ann, meta))


def _suspects(data, controls: bool):
    """(path, text) for each text in data holding a tab, a line break or (controls) a character
    CONTROL finds: one pass that builds a path only for a container or a text it yields."""
    search = CONTROL.search
    stack = [((), data)]
    while stack:
        path, value = stack.pop()
        items = value.items() if type(value) is dict else enumerate(value)
        for key, child in items:
            kind = type(child)
            if kind is str:
                if "\n" in child or "\t" in child or (controls and search(child)):
                    yield path + (key,), child
            elif kind is dict or kind is list:
                stack.append((path + (key,), child))


def problems(model: type[BaseModel], data, src: Source, name: str, prefix: tuple = ()) -> list[Problem]:
    """Control characters anywhere in the record, and tabs or line breaks in one-line fields."""
    from .fieldpath import field_path

    controls = src.may_hide_controls
    out: list[Problem] = []
    if type(data) not in (dict, list):
        return out
    for path, value in _suspects(data, controls):
        bad = CONTROL.search(value) if controls else None
        where = prefix + path
        if bad:
            out.append(Problem(name, src.line_of(where), field_path(where), control_message(bad.group())))
            continue
        inner = value.strip()
        if ("\n" in inner or "\t" in inner) and not is_block(model, tuple(
                None if isinstance(p, int) else p for p in path)):
            what = "et linjeskift" if "\n" in inner else "en tabulator"
            out.append(Problem(name, src.line_of(where), field_path(where),
                               f"teksten har {what}, men feltet skal stå på én linje; skriv det på én linje "
                               "med mellomrom"))
    return sorted(out, key=lambda p: p.line)


def story_problems(text: str, name: str) -> list[Problem]:
    """A story (Markdown beside a case) is block text: tab and line break allowed, nothing else."""
    bad = CONTROL.search(text)
    if not bad:
        return []
    line = text.count("\n", 0, bad.start()) + 1
    return [Problem(name, line, "", control_message(bad.group()))]
