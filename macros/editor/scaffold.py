"""Tools for editors: a new case file from the register (`kulturskole ny`) and the CODEOWNERS
example that routes each county's cases to a reviewer (`kulturskole kodeeiere`).

Pure functions plus thin writers; nothing here knows MkDocs. Field descriptions in the new file
come from the model, so they never drift from what `kulturskole sjekk` enforces.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel

from ..core.load import load_dataset
from ..core.messages import _inner_model
from ..core.model import Kommune, Kommunecase, Program
from ..core.register import RegisterIndex
from ..core.rules import case_stems
from ..core.slug import slugify

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/kommunecase.schema.json"

# The placeholder history entry a new file starts with. It validates (so the file builds at
# once) but states plainly that it is unfinished; the guide and the PR checklist say to replace it.
PLACEHOLDER_NOTE = "Utkast – dato og status er ikke fylt inn ennå."

# Fields the new file fills in (from the register, or as a marked placeholder).
FILLED = ("navn", "kommunenummer", "sprak", "program", "deltakelse", "oppdatert")

# The programme a new case belongs to unless the editor names one (--program): work a
# municipality does on its own. The pilot (2021–2022) is over; its cases are all in place.
DEFAULT_PROGRAM = "egen-utvikling"


class ScaffoldError(Exception):
    """An editor's mistake, with a Norwegian message that says what to do."""


def examples(fokus_ids: list[str], kriterie_ids: list[str], metode_ids: list[str] | None = None) -> dict[str, object]:
    """Example values for every optional field of a case. They are placeholders that describe
    what to write (never facts about a real municipality) and validate as they stand."""
    return {
        "fokusomrade": fokus_ids[0] if fokus_ids else "helhetlig-oppvekst",
        "fokusomrade_tolkning": "Bare når fokusområdet er redaksjonens tolkning: hva tolkningen bygger på.",
        "utviklingsprosjekt": {
            "tittel": "Navnet på prosjektet",
            "sammendrag": "Hva prosjektet handler om, med noen få setninger.",
        },
        "kommunegruppe": [
            {"rolle": "kulturskolerektor", "sektor": "kulturskole"},
            {"rolle": "kommunalsjef for oppvekst", "sektor": "kommuneledelse"},
            {"rolle": "rektor på en barneskole", "sektor": "skole"},
            {"rolle": "leder i frivilligsentralen", "sektor": "frivillighet"},
        ],
        "partnere": [{"navn": "Navnet på den lokale aktøren", "type": "frivillighet"}],
        "fremtidsbilde": {
            "slik_vil_vi_fremsta": "Svaret på spørsmål 1.",
            "nar_rollen_er_nadd": "Svaret på spørsmål 2.",
            "slik_er_det_na": "Svaret på spørsmål 3.",
            "hva_skal_til": {"beskrivelse": "Svaret på spørsmål 4.", "tiltak": ["Første tiltak.", "Andre tiltak."]},
        },
        "erfaringer": {
            "dette_fungerte": ["Noe som fungerte."],
            "dette_fungerte_ikke": ["Noe som ikke fungerte, eller som dere ville gjort annerledes."],
        },
        "resultater": "Hva som kom ut av arbeidet: hva som endret seg, og for hvem.",
        "ressursbruk": "Hva arbeidet krevde: tid, folk og penger, med ord eller tall.",
        "forutsetninger": "Hva som må være på plass for at en annen kommune skal kunne gjøre det samme.",
        "brukergrupper": ["6-12", "13-19"],
        "metoder": (metode_ids or ["samskaping"])[:1],
        "belegg": "egen-beskrivelse",
        "suksesskriterier": [{"id": kriterie_ids[0] if kriterie_ids else "vaer-nysgjerrig",
                              "belegg": "Hva i arbeidet som viser dette kriteriet."}],
        "kontakt": {"rolle": "kulturskolerektor", "navn": "Fornavn Etternavn",
                    "epost": "fornavn.etternavn@kommune.no", "samtykke": True},
        "kilder": [{"tittel": "Tittelen på kilden", "url": "https://example.org/side-om-prosjektet"}],
    }


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key («  - status: …»), as the data files are written."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def to_yaml(value: dict) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=1000)


def field_help(model: type[BaseModel], name: str) -> list[str]:
    """The model's description of a field, and of its sub-fields, as comment text."""
    info = model.model_fields[name]
    lines = [f"{name}: {info.description}"]
    sub = _inner_model(info.annotation)
    if sub is not None:
        for sub_name, sub_info in sub.model_fields.items():
            lines.append(f"  {sub_name}: {sub_info.description}")
            inner = _inner_model(sub_info.annotation)
            if inner is not None:
                lines += [f"    {n}: {i.description}" for n, i in inner.model_fields.items()]
    return lines


def _comment(lines: list[str], mark: str = "##") -> str:
    return "".join(f"{mark} {line}".rstrip() + "\n" for line in lines)


def pilot_number(reg: RegisterIndex, kommune: Kommune) -> str:
    old = kommune.nummer_2020
    if not old:
        return "ikke i registeret"
    fylke = reg.fylker_2020.get(old[:2])
    return f"{old} ({fylke.navn})" if fylke else old


def program_help(programmer: list[Program]) -> list[str]:
    lines = ["Programmene (id, navn og periode):"]
    for p in programmer:
        when = f" ({p.periode})" if p.periode else ""
        lines.append(f"  {p.id}: {p.tittel}{when}. Statuser: {', '.join(p.statuser)}.")
    return lines


def case_text(reg: RegisterIndex, kommune: Kommune, fokus_ids: list[str], kriterie_ids: list[str],
              today: dt.date, program: Program, programmer: list[Program], stem: str | None = None,
              metode_ids: list[str] | None = None) -> str:
    """The text of a new data/kommuner/<stem>.yml: facts from the register, the programme, a marked
    placeholder for the history, and every other field as a commented example with its description."""
    fylke = reg.fylker[kommune.fylke]
    slug = stem or reg.case_slug(kommune.nummer)
    ex = examples(fokus_ids, kriterie_ids, metode_ids)
    out = [SCHEMA_LINE + "\n"]
    out.append(_comment([
        f"Kommunecase for {kommune.navn}, program: {program.tittel} ({program.id}).",
        f"Fylke: {fylke.navn} (fylkesnummer {fylke.nummer}). "
        f"Kommunenummer i pilotperioden (2020–2023): {pilot_number(reg, kommune)}.",
        f"Laget med «kulturskole ny» {today.isoformat()}. Veiledning og alle feltene: siden «Bidra» på nettstedet.",
        "",
        "Linjer som begynner med ## er forklaringer. Linjer som begynner med «# » er eksempler:",
        "skriv inn kommunens egne opplysninger, og fjern «# » foran linjene for å ta dem i bruk.",
        "Bare kjente fakta: la et felt stå som kommentar så lenge opplysningen ikke er kjent.",
        "Kontroller filen med «kulturskole sjekk» (kontrollen kjører også i pull requesten).",
    ]))
    for name in ("navn", "kommunenummer", "sprak"):
        out.append("\n" + _comment(field_help(Kommunecase, name)))
        value = {"navn": kommune.navn, "kommunenummer": kommune.nummer, "sprak": "nb"}[name]
        out.append(to_yaml({name: value}).replace(f"'{kommune.nummer}'", f'"{kommune.nummer}"'))
    out.append("\n" + _comment(field_help(Kommunecase, "program") + program_help(programmer)))
    out.append(to_yaml({"program": program.id}))
    out.append("\n" + _comment(field_help(Kommunecase, "deltakelse")))
    out.append(_comment([f"Statusene i {program.tittel}: {', '.join(program.statuser)}.",
                         "FYLL INN: riktig status og dato. Punktet under er bare en plassholder, og",
                         "merknaden «Utkast» vises på siden til den er byttet ut."]))
    out.append(to_yaml({"deltakelse": [{"status": program.statuser[0], "merknad": PLACEHOLDER_NOTE}]}))
    for name in Kommunecase.model_fields:
        if name in FILLED or name == "eksempel":
            continue
        help_lines = field_help(Kommunecase, name)
        if name == "fokusomrade" and fokus_ids:
            help_lines.append(f"Tillatt her: {', '.join(fokus_ids)}.")
        if name == "suksesskriterier" and kriterie_ids:
            help_lines.append(f"Id-er som finnes: {', '.join(kriterie_ids)}.")
        if name == "metoder" and metode_ids:
            help_lines.append(f"Id-er som finnes: {', '.join(metode_ids)}.")
        out.append("\n" + _comment(help_lines))
        out.append(_comment(to_yaml({name: ex[name]}).splitlines(), mark="#"))
    out.append("\n" + _comment([
        f"En lengre fortelling i Markdown kan stå i data/kommuner/{slug}.md (samme navn, endelsen .md).",
        "Feltet eksempel: brukes bare i fiktive eksempler; det skal ikke stå i en ekte kommunes fil.",
    ]))
    out.append("\n" + _comment(field_help(Kommunecase, "oppdatert") + ["Sett dagens dato hver gang du endrer filen."]))
    out.append(to_yaml({"oppdatert": today}))
    return "".join(out)


def find_kommune(reg: RegisterIndex, query: str) -> Kommune:
    """A municipality by 2024 number or name; a Norwegian ScaffoldError otherwise."""
    q = query.strip()
    if q.isdigit():
        if q in reg.kommuner:
            return reg.kommuner[q]
        raise ScaffoldError(reg.unknown_number_message(q))
    found = reg.find(q)
    if found is not None:
        return found
    hits = reg.find_all(q)
    if len(hits) > 1:
        names = ", ".join(f"{k.navn} ({k.nummer}, {reg.fylker[k.fylke].navn})" for k in hits)
        raise ScaffoldError(f"«{q}» er navnet på flere kommuner: {names}; skriv kommunenummeret i stedet, "
                            f"f.eks. «kulturskole ny {hits[0].nummer}»")
    close = reg.suggest(q)
    if close:
        quoted = [f"«{c}»" for c in close]
        alternatives = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " eller " + quoted[-1]
        raise ScaffoldError(f"fant ingen kommune som heter «{q}» i kommuneregisteret for 2024; mente du {alternatives}?")
    raise ScaffoldError(f"fant ingen kommune som heter «{q}» i kommuneregisteret for 2024; skriv navnet slik det "
                        "står i registeret, eller kommunenummeret med fire siffer")


@dataclass
class NewCase:
    path: Path  # the file written
    name: str  # its path relative to the project, e.g. data/kommuner/stord.yml
    kommune: Kommune
    fylke: str
    url: str  # the page it becomes, e.g. kommuner/stord/
    program: Program | None = None
    others: list[str] = ()  # the municipality's cases that were there already (file names)


def choose_program(programmer: list[Program], wanted: str | None) -> Program:
    by_id = {p.id: p for p in programmer}
    if not by_id:
        raise ScaffoldError("fant ingen gyldige program i data/programmer.yml; kjør «kulturskole sjekk» for detaljer")
    if wanted is None:
        return by_id.get(DEFAULT_PROGRAM, programmer[-1])
    if wanted not in by_id:
        raise ScaffoldError(f"fant ikke programmet «{wanted}» i data/programmer.yml; tillatt er: {', '.join(by_id)}")
    return by_id[wanted]


def new_case(data_dir: Path, query: str, today: dt.date | None = None, program: str | None = None) -> NewCase:
    """Create a case file for a municipality in a programme; never overwrites a case.

    The file is data/kommuner/<kommune>.yml, or <kommune>-<program>.yml when the municipality
    has a case already (one case per municipality and programme)."""
    data_dir = Path(data_dir).resolve()
    ds = load_dataset(data_dir)
    if ds.register is None:
        raise ScaffoldError(f"fant ikke et gyldig kommuneregister i {data_dir / 'kommuneregister.yml'}; "
                            "kjør «kulturskole sjekk» for detaljer")
    reg = RegisterIndex(ds.register)
    kommune = find_kommune(reg, query)
    chosen = choose_program(ds.programmer, program)
    slug = reg.case_slug(kommune.nummer)
    own = [(other, src.data.get("program")) for other, src in ds.case_sources
           if str(src.data.get("kommunenummer", "")).strip() == kommune.nummer]
    for other, other_program in own:
        if str(other_program or "").strip() == chosen.id:
            free = [p.id for p in ds.programmer if p.id not in {str(o or "").strip() for _, o in own}]
            hint = f", eller velg et annet program med --program ({', '.join(free)})" if free else ""
            raise ScaffoldError(f"{kommune.navn} ({kommune.nummer}) har allerede en case i programmet {chosen.id}: "
                                f"{other}; rediger den filen i stedet{hint} (ingenting er endret)")
    bare, further = case_stems(slug, chosen.id)
    stem = further if own or (data_dir / "kommuner" / f"{bare}.yml").exists() else bare
    path = data_dir / "kommuner" / f"{stem}.yml"
    name = f"{data_dir.name}/kommuner/{stem}.yml"
    if path.exists():
        raise ScaffoldError(f"filen {name} finnes allerede; rediger den filen i stedet (ingenting er endret)")
    text = case_text(reg, kommune, [f.id for f in ds.fokusomrader], [k.id for k in ds.kriterier],
                     today or dt.date.today(), chosen, ds.programmer, stem, [m.id for m in ds.metoder])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as fh:  # "x": fail rather than overwrite, even in a race
        fh.write(text)
    return NewCase(path, name, kommune, reg.fylker[kommune.fylke].navn, f"kommuner/{stem}/", chosen,
                   [other for other, _ in own])


# --- CODEOWNERS ---------------------------------------------------------------------------------

def codeowners(reg: RegisterIndex, org: str = "kulturskoleradet", program_ids: list[str] = ()) -> str:
    """A CODEOWNERS example: each county's case files (present and future) to a county team:
    <kommune>.* and, for a municipality's further cases, <kommune>-<program>.* (written as
    <kommune>-* unless another municipality's file name starts with that).

    GitHub applies the last matching line, so the general rules come first."""
    lines = [
        "# EKSEMPEL – tilpass før bruk. Laget av «kulturskole kodeeiere» fra kommuneregisteret (2024).",
        f"# Lagene (@{org}/<fylke>, @{org}/redaksjon, @{org}/utviklere) er plassholdere:",
        "# opprett dem i GitHub-organisasjonen (eller bytt dem ut med brukernavn), og gi filen navnet",
        "# CODEOWNERS (uten .eksempel) for å ta den i bruk. GitHub bruker den siste linjen som passer.",
        "",
        "# Alt som ikke står under: redaksjonen.",
        f"* @{org}/redaksjon",
        "",
        "# Kode, maler, sider og arbeidsflyter kan kjøre kode under byggingen: alltid utviklerne.",
        *(f"{p} @{org}/utviklere" for p in ("/macros/", "/overrides/", "/docs/", "/tests/", "/scripts/",
                                             "/schema/", "/.github/", "/.ci/", "/mkdocs.yml", "/pyproject.toml",
                                             "/constraints.txt", "/Makefile", "/package.json",
                                             "/package-lock.json", "/data/kommuneregister.yml")),
        "",
        "# Kommunecasene (data/kommuner/<kommune>.yml og .md, og <kommune>-<program>.* for en",
        "# kommunes flere caser), fylke for fylke.",
    ]
    def variants(k: Kommune) -> list[str]:
        return [reg.case_slug(k.nummer, v) for v in dict.fromkeys([k.navn, *(p.strip() for p in k.navn.split(" - "))])]

    owner = {slug: k.nummer for k in reg.kommuner.values() for slug in variants(k)}
    for fylke in sorted(reg.fylker.values(), key=lambda f: f.nummer):
        team = f"@{org}/{slugify(fylke.navn)}"
        lines += ["", f"# {fylke.navn} ({fylke.nummer})"]
        for k in sorted((k for k in reg.kommuner.values() if k.fylke == fylke.nummer), key=lambda k: k.nummer):
            for slug in variants(k):
                lines.append(f"/data/kommuner/{slug}.* {team}")
                if any(other.startswith(f"{slug}-") and nr != k.nummer for other, nr in owner.items()):
                    lines += [f"/data/kommuner/{slug}-{p}.* {team}" for p in program_ids]
                else:
                    lines.append(f"/data/kommuner/{slug}-* {team}")
    return "\n".join(lines) + "\n"


def codeowners_for(data_dir: Path, org: str = "kulturskoleradet") -> str:
    ds = load_dataset(Path(data_dir).resolve())
    if ds.register is None:
        raise ScaffoldError("fant ikke et gyldig kommuneregister; kjør «kulturskole sjekk» for detaljer")
    return codeowners(RegisterIndex(ds.register), org, [p.id for p in ds.programmer])

