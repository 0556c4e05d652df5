"""Rules on a case that need the other data files: one declarative table, for sjekk and the form.

rules.py applies these rows to every case file; formrules.py hands the same rows and their tables
(the register's names, the cases that exist, each programme's statuses) to the case form, where
docs/assets/skjema-regler.js applies them with the same handful of tests. A new row of an existing
test needs no code on either side; tests/test_form_differential.py proves the two agree.

Each row: the field the message is about (a path; «[]» means each item of a list), the test, its
arguments, and the Norwegian templates. `supersedes`: the row's message replaces the model's more
general one for the same field (a programme's statuses say more than the list of all statuses).

The tests read the raw values as YAML gives them (text, true/false, null, lists, groups) and a
context built from the data (`Context`): never a pydantic record, so they run on files with errors
too, and an editor sees every problem in one run.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

EXAMPLE_PREFIX = "99"  # Norway has no 99xx municipality numbers: safe for fictional examples.
NUMBER = re.compile(r"[0-9]{4}")  # ASCII digits only, as the model's pattern (not str.isdigit)


@dataclass(frozen=True)
class CrossRule:
    id: str
    path: str
    test: str
    args: dict = field(default_factory=dict)
    messages: dict = field(default_factory=dict)  # template name -> Norwegian template
    supersedes: bool = False


CASE_RULES: tuple[CrossRule, ...] = (
    CrossRule("ks_navn_register", "navn", "navn_i_registeret", {"nummer": "kommunenummer"}, {
        "mal": "fant «{verdi}», som ikke er navnet på kommune {nr} ({offisielt}); skriv navn: {offisielt} "
               "(eller rett kommunenummeret)"}),
    CrossRule("ks_filnavn", "navn", "filnavn", {"nummer": "kommunenummer", "program": "program"}, {
        "mal": "filnavnet «{stamme}.yml» passer ikke med navnet «{navn}»; gi filen navnet {forventet}.yml",
        "med_program": "filnavnet «{stamme}.yml» passer ikke med navnet «{navn}»; gi filen navnet "
                       "{forventet}.yml, eller {forventet}-{program}.yml når kommunen har flere caser"}),
    CrossRule("ks_en_per_program", "kommunenummer", "en_per_program", {"program": "program"}, {
        "mal": "kommune {nr} har også en case i programmet {program}: {andre}; hver kommune kan ha én case "
               "per program: flett innholdet sammen i én av dem",
        "uten_program": "kommune {nr} har også en fil i {andre}; skriv hvilket program hver case hører til "
                        "(program:), én case per program"}),
    CrossRule("ks_program_finnes", "program", "finnes", {"tabell": "programmer"}, {
        "mal": "fant «{verdi}», som ikke finnes i data/programmer.yml; tillatt er: {tillatt}"}, supersedes=True),
    CrossRule("ks_status_program", "deltakelse[].status", "i_programmet", {"program": "program"}, {
        "mal": "fant «{verdi}»; tillatt i programmet {program} ({tittel}) er: {tillatt}"}, supersedes=True),
)


@dataclass
class Context:
    """What the tests look up. Built from the data (rules.py) or sent to the browser (formrules.py)."""

    # number -> [official name, {name variant (casefolded): file slug}]
    register: dict[str, list] = field(default_factory=dict)
    # every case file: [number, file, programme] (raw values, trimmed; None when not a text)
    caser: list[list] = field(default_factory=list)
    # programme id -> {"tittel", "statuser"}; "programmer" in the order written, duplicates once
    programmer: dict[str, dict] = field(default_factory=dict)
    tabeller: dict[str, list[str]] = field(default_factory=dict)
    fil: str = ""  # the file the case is in (data/kommuner/<stem>.yml)
    eksempel: bool = False  # the case is an example (load.is_example)


def fill(template: str, values: dict[str, Any]) -> str:
    """A template with its values filled in by plain replacement (what the browser does too)."""
    out = template
    for key, value in values.items():
        out = out.replace("{" + key + "}", str(value))
    return out


def text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def program_id(value: Any) -> str | None:
    """The programme as an id the rules key on: text that is an id, else None."""
    from .model import ID_PATTERN
    p = text(value)
    return p if p and re.match(ID_PATTERN, p) else None


def valid_number(nr: str | None) -> bool:
    return nr is not None and NUMBER.fullmatch(nr) is not None


def stems(slug: str, program: str | None) -> tuple[str, ...]:
    """The file names (without .yml) a case of this municipality and programme may have."""
    return (slug, f"{slug}-{program}") if program else (slug,)


# --- The tests: (record, value at path, args, context) -> [(template name, values)] -------------

Finding = tuple[str, dict]


def _navn_i_registeret(raw: dict, value: Any, args: dict, ctx: Context) -> list[Finding]:
    nr, navn = text(raw.get(args["nummer"])), text(value)
    entry = ctx.register.get(nr) if valid_number(nr) and not ctx.eksempel else None
    if entry and navn and navn.casefold() not in entry[1]:
        return [("mal", {"verdi": navn, "nr": nr, "offisielt": entry[0]})]
    return []


def expected_slug(raw: dict, ctx: Context, nummer: str = "kommunenummer") -> str | None:
    """The file name (slug) the case's name gives: the register's for a real municipality whose
    name matches its number, else the name made into a slug."""
    from .slug import slugify
    nr, navn = text(raw.get(nummer)), text(raw.get("navn"))
    entry = ctx.register.get(nr) if valid_number(nr) and not ctx.eksempel else None
    if entry:
        return entry[1].get(navn.casefold()) if navn else None
    return slugify(navn) if navn else None


def _filnavn(raw: dict, value: Any, args: dict, ctx: Context) -> list[Finding]:
    expected = expected_slug(raw, ctx, args["nummer"])
    program = program_id(raw.get(args["program"]))
    stem = ctx.fil.rsplit("/", 1)[-1].removesuffix(".yml")
    if expected and stem not in stems(expected, program):
        return [("med_program" if program else "mal",
                 {"stamme": stem, "navn": text(value), "forventet": expected, "program": program or ""})]
    return []


def _en_per_program(raw: dict, value: Any, args: dict, ctx: Context) -> list[Finding]:
    nr = text(value)
    if not valid_number(nr):
        return []
    program = program_id(raw.get(args["program"]))
    others = [c[1] for c in ctx.caser if c[0] == nr and c[2] == program and c[1] != ctx.fil]
    if not others:
        return []
    return [("mal" if program else "uten_program", {"nr": nr, "program": program or "", "andre": ", ".join(others)})]


def _finnes(raw: dict, value: Any, args: dict, ctx: Context) -> list[Finding]:
    given = text(value)
    allowed = ctx.tabeller.get(args["tabell"], [])
    if given is not None and given not in allowed:
        return [("mal", {"verdi": given, "tillatt": ", ".join(allowed)})]
    return []


def _i_programmet(raw: dict, value: Any, args: dict, ctx: Context) -> list[Finding]:
    program = text(raw.get(args["program"]))
    p = ctx.programmer.get(program) if program else None
    status = text(value)
    if p is None or status is None or status in p["statuser"]:
        return []
    return [("mal", {"verdi": status, "program": program, "tittel": p["tittel"], "tillatt": ", ".join(p["statuser"])})]


TESTS: dict[str, Callable[[dict, Any, dict, Context], list[Finding]]] = {
    "navn_i_registeret": _navn_i_registeret, "filnavn": _filnavn, "en_per_program": _en_per_program,
    "finnes": _finnes, "i_programmet": _i_programmet,
}


def at(data: Any, path: str) -> Iterator[tuple[tuple, Any]]:
    """(location, value) for each place `path` names in data: a missing field names none, and a
    field that is present names itself even when its value is not text (the tests decide)."""
    places: list[tuple[tuple, Any]] = [((), data)]
    for part in [p for p in path.split(".") if p]:
        each, key = part.endswith("[]"), part.removesuffix("[]")
        nxt = []
        for loc, value in places:
            if not isinstance(value, dict) or key not in value:
                continue
            child = value[key]
            if each:
                nxt += [(loc + (key, i), item) for i, item in enumerate(child)] if isinstance(child, list) else []
            else:
                nxt.append((loc + (key,), child))
        places = nxt
    return iter(places)


def findings(raw: dict, ctx: Context, rules: tuple[CrossRule, ...] = CASE_RULES) -> list[tuple[CrossRule, tuple, str]]:
    """(rule, location, message) for every cross-file rule the case breaks."""
    out = []
    for rule in rules:
        for loc, value in at(raw, rule.path):
            for template, values in TESTS[rule.test](raw, value, rule.args, ctx):
                out.append((rule, loc, fill(rule.messages[template], values)))
    return out


def browser_table(rules: tuple[CrossRule, ...] = CASE_RULES) -> list[dict]:
    """The rows as JSON-ready data for the form."""
    return [{"id": r.id, "sti": r.path, "test": r.test, "args": r.args, "meldinger": r.messages,
             "erstatter": r.supersedes} for r in rules]
