"""Pages for editors under /bidra/: the field reference, generated from the JSON Schemas, which are
generated from the pydantic models. One source of truth, so the guide never drifts from what
`kulturskole sjekk`, VS Code and the build enforce.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..core.schema import FILES, MODEL_TEXT, PATTERN_MESSAGES, VALIDATORS, DataIds, data_ids, schema_for
from ..core import model
FIELDS_URL = "bidra/felter/"

# Patterns -> what an editor writes, in words.
PATTERN_WORDS = {
    model.ID_PATTERN: "id: små bokstaver a–z, tall og bindestrek",
    r"^[0-9]{4}$": "fire siffer, f.eks. 1804",
    r"^[0-9]{2}$": "to siffer, f.eks. 46",
    model.OMFANG_PATTERN: "fylkesnummer med to siffer, f.eks. 46, eller nasjonal eller digital",
    r"^[^@\s<>]+@[^@\s<>]+\.[a-z]{2,}$": "en e-postadresse, f.eks. navn@kommune.no",
    VALIDATORS[model._https]["pattern"]: "lenke som begynner med https://",
    VALIDATORS[model._no_markup]["pattern"]: "tekst uten tegnene < > {{ {%",
}
assert set(PATTERN_MESSAGES) <= set(PATTERN_WORDS)


@dataclass
class Kind:
    """What to write in a field: words, an optional link to a sub-record, allowed values."""

    text: str
    ref: tuple[str, str] | None = None  # (anchor, title)
    values: list[tuple[str, str | None]] = field(default_factory=list)  # (value, label for readers)
    note: str = ""


@dataclass
class Row:
    name: str
    required: bool
    kind: Kind
    description: str
    default: str | None


@dataclass
class Section:
    anchor: str
    title: str
    description: str
    where: str  # where the record sits, e.g. "data/kommuner/<kommune>.yml" or "hvert punkt i deltakelse"
    rows: list[Row]


def _anchor(def_name: str) -> str:
    return def_name.lower()


def _unwrap(node: dict) -> dict:
    """An optional field's schema is anyOf [X, null]: the editor writes X (or leaves it out)."""
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    if len(options) == 1:
        return {**{k: v for k, v in node.items() if k != "anyOf"}, **options[0]}
    return node


def _ref(node: dict, defs: dict) -> tuple[str, str] | None:
    ref = node.get("$ref")
    if not ref:
        return None
    name = ref.rsplit("/", 1)[-1]
    return _anchor(name), defs[name]["title"]


def _patterns(node: dict) -> list[str]:
    return [p for p in [node.get("pattern"), *(a.get("pattern") for a in node.get("allOf", []))] if p]


def describe(node: dict, defs: dict) -> Kind:
    node = _unwrap(node)
    if "$ref" in node:
        return Kind("en gruppe med underfelt: ", _ref(node, defs))
    kind = node.get("type")
    if kind == "array":
        items = _unwrap(node.get("items", {}))
        note = f" (minst {node['minItems']})" if node.get("minItems") else ""
        if "$ref" in items:
            return Kind("en liste; hvert punkt er ", _ref(items, defs), note=note)
        inner = describe(items, defs)
        if inner.values:
            return Kind("en liste; hvert punkt (linje som begynner med «- ») er ett av disse:", values=inner.values,
                        note=note)
        return Kind(f"en liste med {inner.text}, ett punkt per linje som begynner med «- »", note=note)
    if "enum" in node and len(node["enum"]) > 40 and node.get("x-kilde"):  # the register: too many to list
        return Kind(f"en verdi fra {node['x-kilde']}")
    if "enum" in node:
        labels = node.get("enumDescriptions") or [None] * len(node["enum"])
        return Kind("ett av disse:", values=list(zip(node["enum"], labels)))
    if kind == "string" and node.get("format") == "date":
        return Kind("en dato: ÅÅÅÅ-MM-DD, f.eks. 2021-04-22")
    if kind == "string":
        words = [PATTERN_WORDS[p] for p in _patterns(node) if p in PATTERN_WORDS]
        return Kind(words[0] if words else "tekst")
    if kind == "boolean":
        return Kind("true eller false")
    if kind == "integer":
        return Kind("et heltall")
    return Kind("tekst")


def _default(node: dict) -> str | None:
    if "default" not in node or node["default"] in (None, [], {}):
        return None
    value = node["default"]
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _rows(obj: dict, defs: dict) -> list[Row]:
    required = set(obj.get("required", []))
    return [Row(name, name in required, describe(node, defs), node.get("description", ""), _default(node))
            for name, node in obj["properties"].items()]


def _refs_in(obj: dict) -> list[tuple[str, str]]:
    """(field, sub-record name) in the order an editor meets them."""
    out: list[tuple[str, str]] = []

    def walk(prop: str, node):
        if isinstance(node, dict):
            if "$ref" in node:
                out.append((prop, node["$ref"].rsplit("/", 1)[-1]))
            for value in node.values():
                walk(prop, value)
        elif isinstance(node, list):
            for value in node:
                walk(prop, value)

    for prop, node in obj.get("properties", {}).items():
        walk(prop, node)
    return out


def sections(ids: DataIds | None = None) -> list[Section]:
    """Every record type an editor writes, case first, each sub-record once (depth first).
    With `ids`, fields that refer to the data list the ids that exist."""
    out: list[Section] = []
    seen: set[str] = set()
    for file_name, (record, is_list, file_title) in FILES.items():
        schema = schema_for(file_name, ids)
        defs = schema.get("$defs", {})
        top = schema["items"] if is_list else schema
        title, description = MODEL_TEXT[record.__name__]
        path = file_title[file_title.index("(") + 1:-1]
        where = f"filen {path}" + (", en liste der hver post begynner med «- »" if is_list else ", én fil per kommune")
        out.append(Section(_anchor(record.__name__), title, description, where, _rows(top, defs)))
        seen.add(record.__name__)
        queue = [(title, prop, name) for prop, name in _refs_in(top)]
        while queue:
            parent, prop, name = queue.pop(0)
            if name in seen:
                continue
            seen.add(name)
            sub = defs[name]
            out.append(Section(_anchor(name), sub["title"], sub["description"],
                               f"feltet {prop} i {parent.lower()}", _rows(sub, defs)))
            queue = [(sub["title"], p, n) for p, n in _refs_in(sub)] + queue
    return out


def field_guide_page(cat):
    from .pages import EXAMPLE_URL, GeneratedPage, front_matter, src_uri
    from .render import rel, render

    here = FIELDS_URL
    body = render("bidra_felter.md", sections=sections(data_ids(cat.ds)), example_url=rel(here, EXAMPLE_URL),
                  guide_url=rel(here, "bidra/"), here=here, rel=rel)
    fm = front_matter("Alle feltene",
                      "Hva hvert felt i en kommunecase betyr, hva som må fylles ut og hvilke verdier som er "
                      "tillatt. Laget automatisk fra datamodellen.")
    return GeneratedPage(src_uri(here), fm + body, "macros/core/model.py")


def editor_pages(cat) -> list:
    return [field_guide_page(cat)]
