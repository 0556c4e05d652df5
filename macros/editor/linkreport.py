"""The report of `kulturskole lenker` (editor/links.py finds and asks): by file and line for the
terminal, and as Markdown for the issue the scheduled workflow opens."""
from __future__ import annotations

import datetime as dt
import re

from .links import Occurrence, Result, _n, shown

def report_lines(occurrences: list[Occurrence], results: dict[str, Result], only_problems: bool = False) -> list[str]:
    lines = []
    for o in occurrences:
        r = results[o.url]
        if only_problems and r.ok and not r.redirects:
            continue
        where = f"{o.file}:{o.line}: {shown(o.field)}: " if o.field else f"{o.file}:{o.line}: "
        lines.append(f"{where}{shown(o.url)} – {r.describe()}")
    return lines


def summary(occurrences: list[Occurrence], results: dict[str, Result]) -> str:
    files = len({o.file for o in occurrences})
    dead = sum(r.dead for r in results.values())
    plain = sum(r.not_https for r in results.values())
    moved = sum(bool(r.redirects) and r.ok for r in results.values())
    ok = sum(r.ok for r in results.values())
    return (f"Kontrollerte {_n(len(results), 'adresse', 'adresser')} ({_n(len(occurrences), 'forekomst', 'forekomster')} "
            f"i {_n(files, 'fil', 'filer')}): "
            f"{ok} i orden (av dem {moved} videresendt), {dead} døde, {plain} uten https.")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def code(text: str) -> str:
    """Text as a Markdown code span: never a link, an image, HTML or a mention. The fence is longer
    than any run of backticks inside (_cell then escapes |, which GitHub's tables split at even
    inside code)."""
    text = shown(text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def markdown(occurrences: list[Occurrence], results: dict[str, Result], today: dt.date) -> str:
    """The body of the one issue the weekly workflow keeps up to date."""
    bad = [o for o in occurrences if not results[o.url].ok]
    moved = [o for o in occurrences if results[o.url].ok and results[o.url].redirects]
    out = [f"`kulturskole lenker` kontrollerte alle eksterne adresser i `data/` {today.isoformat()}.", "",
           summary(occurrences, results), ""]
    if bad:
        out += ["## Døde lenker og lenker uten https", "",
                "Rett adressen, finn en ny kilde, eller fjern opplysningen som bare hadde denne kilden.", "",
                "| Fil og linje | Felt | Adresse | Hva skjedde |", "|---|---|---|---|"]
        out += [f"| {_cell(code(f'{o.file}:{o.line}'))} | {_cell(code(o.field)) if o.field else '–'} | "
                f"{_cell(code(o.url))} | {_cell(results[o.url].describe(url=code))} |" for o in bad]
        out.append("")
    else:
        out += ["Ingen døde lenker.", ""]
    if moved:
        out += ["## Adresser som videresender", "",
                "Disse virker, men har flyttet. Vurder å bytte til den nye adressen.", "",
                "| Fil og linje | Adresse | Ny adresse |", "|---|---|---|"]
        out += [f"| {_cell(code(f'{o.file}:{o.line}'))} | {_cell(code(o.url))} | {_cell(code(results[o.url].final or ''))} |"
                for o in moved]
        out.append("")
    return "\n".join(out)
