"""The facts rules as checks: what a real municipality's page states must have a public source.

The site's rule (README, «Facts, not invention»): a real municipality only gets facts that a
public source backs, and a focus area that is the editors' reading of the sources says so. These
checks run on the raw values of every case file (like the cross-record rules), so they are
reported in the same run as field errors. Examples (eksempel: true) are fiction and exempt.
"""
from __future__ import annotations

from .load import Dataset, is_example
from .yamlsrc import Problem

# Fields that state something about what a municipality did; each needs a source under `kilder`.
# (Participation history is the programme's own record, and a contact is not a claim.)
FACT_FIELDS = ("utviklingsprosjekt", "fokusomrade", "partnere", "kommunegruppe", "fremtidsbilde",
               "erfaringer", "suksesskriterier", "resultater", "ressursbruk", "forutsetninger", "brukergrupper",
               "metoder", "belegg")


def label(name: str) -> str:
    """The field as the message names it: its title (fieldtitles.FIELD_TITLES), e.g. «fokusområde»."""
    from .fieldtitles import FIELD_TITLES
    return (FIELD_TITLES.get(name) or name).lower()


def _present(value) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, dict)):
        return bool(value)
    return value is not None


def check_case(file: str, src, has_story: bool = False) -> list[Problem]:
    """Facts rules for one case file's raw values."""
    raw = src.data
    if not isinstance(raw, dict) or is_example(raw):
        return []
    out: list[Problem] = []
    stated = [f for f in FACT_FIELDS if _present(raw.get(f))]
    kilder = raw.get("kilder")
    if (stated or has_story) and not (isinstance(kilder, list) and kilder):
        named = ", ".join([label(f) for f in stated] + (["fortellingen i .md-filen"] if has_story else []))
        line = src.line_of((stated[0],)) if stated else 1
        out.append(Problem(file, line, "kilder",
                           f"siden sier noe om kommunens arbeid ({named}), men har ingen kilder; legg til en kilde: "
                           "en offentlig side med lenke (https://), eller kommunens egen beretning med rolle og "
                           "dato; eller ta bort opplysningene som ikke har kilde"))
    if _present(raw.get("fokusomrade_tolkning")) and not _present(raw.get("fokusomrade")):
        out.append(Problem(file, src.line_of(("fokusomrade_tolkning",)), "fokusomrade_tolkning",
                           "forklarer et fokusområde, men fokusomrade mangler; skriv fokusomrade, eller "
                           "fjern fokusomrade_tolkning"))
    return out


def check(ds: Dataset) -> list[Problem]:
    """Facts rules over every case file that parsed to a mapping."""
    out: list[Problem] = []
    stories = {c.path for c in ds.cases if c.markdown is not None}
    for file, src in ds.case_sources:
        out += check_case(file, src, has_story=file in stories)
    return out
