"""The content model: one pydantic model per record type.

YAML keys are Norwegian bokmål (ASCII). Field descriptions are Norwegian: they are shown to
editors in the JSON Schema and in the field guide on the site, so they are written for them.
Whole-record rules (group size, consent, date or note, dates in order) are a declarative table in
recordrules.py, applied to the raw data next to these models so they are reported together with
field errors. Cross-record rules (register numbers, ids that must exist, a programme's statuses)
live in rules.py.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

# The vocabularies live in vocab.py; imported here for the models and for code that reads them
# from the model.
from .vocab import (  # noqa: F401
    BELEGG, BRUKERGRUPPE, Belegg, Brukergruppe, INNGANG, INNGANG_KILDE, Inngang, KILDETYPE,
    KILDETYPE_NN, Kildetype, MALGRUPPE, Malgruppe, PARTNERTYPE, Partnertype, Presisjon, RESSURSTYPE,
    Ressurstype, SAMLINGSTYPE, SEKTOR, STATUS, STATUS_FINAL, STATUS_NN, Samlingstype, Sektor,
    Status, VERDIOMRADE, VERDIOMRADE_KILDE,
)

# --- Shared field types -----------------------------------------------------------------------

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
EPOST_PATTERN = r"^[^@\s<>]+@[^@\s<>]+\.[a-z]{2,}$"
# ASCII digits: the regex engine's \d would also take other scripts' digits («١٢٣٤»).
KOMMUNENUMMER_PATTERN = r"^[0-9]{4}$"
FYLKESNUMMER_PATTERN = r"^[0-9]{2}$"
# Where a gathering was: a county number, or the whole country, or online.
OMFANG = {"nasjonal": "Nasjonal", "digital": "Digital"}
OMFANG_PATTERN = r"^([0-9]{2}|nasjonal|digital)$"


def _no_markup(value: str) -> str:
    # Titles reach <title>, navigation and headings; the theme does not escape them.
    # pydantic fills in {found} by plain replacement (no brace escaping), so {{ and {% stay as written.
    if re.search(r"[<>]|\{\{|\{%", value):
        shown = value if len(value) <= 60 else value[:60] + "…"
        raise PydanticCustomError(
            "ks_markup", "fant «{found}»; tegnene < > {{ og {% er ikke lov i titler og navn; skriv vanlig tekst",
            {"found": shown},
        )
    return value


def _https(value: str) -> str:
    if not re.match(r"^https://[^\s/$.?#][^\s]*$", value):
        raise PydanticCustomError(
            "ks_https", "fant «{found}»; lenken må være en fullstendig adresse som begynner med https://",
            {"found": value},
        )
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("ks_blank", "feltet er tomt; skriv tekst eller fjern feltet")
    return value


def _year(value: int) -> int:
    if not 1900 <= value <= 2100:
        raise PydanticCustomError(
            "ks_ar", "fant «{found}»; skriv årstallet med fire siffer, f.eks. 2021", {"found": value}
        )
    return value


def _iso_date(value):
    # A date is written ÅÅÅÅ-MM-DD and nothing else (pydantic would also take 2025-01-15T00:00:00 or
    # a count of seconds); the case form checks the same shape.
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise PydanticCustomError("date_parsing", "ugyldig dato")
    return value


class _Block:
    """Marks block text: a tab or a line break is text there (core/textrules.py); every other text
    field stands on one line."""

    def __repr__(self) -> str:
        return "BLOCK"


BLOCK = _Block()
Tekst = Annotated[str, AfterValidator(_not_blank), BLOCK]
Dato = Annotated[dt.date, BeforeValidator(_iso_date)]
Tittel = Annotated[str, AfterValidator(_not_blank), AfterValidator(_no_markup)]
HttpsUrl = Annotated[str, AfterValidator(_https)]
Id = Annotated[str, Field(pattern=ID_PATTERN)]


class Record(BaseModel):
    """Base for every record: unknown keys are errors, so a typo never silently drops content."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


# --- Municipality case --------------------------------------------------------------------------


class Deltakelse(Record):
    status: Status = Field(description="Status fra denne datoen. Programmet casen hører til, bestemmer hvilke "
                                       "som er lov (statuser i data/programmer.yml); piloten Kulturskole 3.0 "
                                       "bruker valgt, aktiv, fullfort og trukket.")
    dato: Dato | None = Field(None, description="Dato for endringen (ÅÅÅÅ-MM-DD). Utelat bare når den ikke er kjent, og forklar i merknad.")
    merknad: Tekst | None = Field(None, description="Kort forklaring, f.eks. kilde eller hva som er usikkert.")


class Utviklingsprosjekt(Record):
    tittel: Tittel = Field(description="Navnet på kommunens utviklingsprosjekt.")
    sammendrag: Tekst = Field(description="Hva prosjektet handler om, med noen få setninger.")


class Medlem(Record):
    rolle: Tekst = Field(description="Rollen i kommunegruppa, f.eks. «kulturskolerektor» eller «kommunalsjef oppvekst». Ikke navn.")
    sektor: Sektor = Field(description="Hvor personen kommer fra: " + ", ".join(SEKTOR) + ".")


class Partner(Record):
    navn: Tittel = Field(description="Navnet på partneren (organisasjon, virksomhet eller gruppe).")
    type: Partnertype = Field(description="Type partner: " + ", ".join(PARTNERTYPE) + ".")


class HvaSkalTil(Record):
    beskrivelse: Tekst = Field(description="Hva som skal til for å fylle gapet mellom dagens bilde og målbildet.")
    tiltak: list[Tekst] = Field(default_factory=list, description="Konkrete tiltak, ett per punkt.")


class Fremtidsbilde(Record):
    slik_vil_vi_fremsta: Tekst | None = Field(None, description="Spørsmål 1: Hvordan ønsker vi at kulturskolen skal fremstå?")
    nar_rollen_er_nadd: Tekst | None = Field(None, description="Spørsmål 2: Hvordan ser det ut når kulturskolen har den rollen og posisjonen som er ønskelig?")
    slik_er_det_na: Tekst | None = Field(None, description="Spørsmål 3: Hvordan oppleves kulturskolen i forhold til dette målbildet akkurat nå?")
    hva_skal_til: HvaSkalTil | None = Field(None, description="Spørsmål 4: Hva skal til for å fylle gapet mellom disse to bildene? Med tiltak.")


class Erfaringer(Record):
    dette_fungerte: list[Tekst] = Field(default_factory=list, description="Det som fungerte, ett punkt per erfaring.")
    dette_fungerte_ikke: list[Tekst] = Field(default_factory=list, description="Det som ikke fungerte, eller som dere ville gjort annerledes.")


class KriterieBelegg(Record):
    id: Id = Field(description="Id-en til et suksesskriterium i data/suksesskriterier.yml.")
    belegg: Tekst = Field(description="Hva i kommunens arbeid som viser dette kriteriet.")


class Kontakt(Record):
    rolle: Tekst = Field(description="Kontaktpersonens rolle, f.eks. «kulturskolerektor». Vises alltid.")
    navn: Tittel | None = Field(None, description="Navn. Bare med samtykke: krever samtykke: true.")
    epost: Annotated[str, Field(pattern=EPOST_PATTERN)] | None = Field(
        None, description="E-postadresse. Bare med samtykke: krever samtykke: true."
    )
    samtykke: bool = Field(False, description="true når personen har samtykket til at navn og e-post vises på nettstedet.")


class Kilde(Record):
    tittel: Tittel = Field(description="Tittelen på kilden.")
    url: HttpsUrl = Field(description="Lenke som begynner med https://")


class Casekilde(Record):
    """A source for what a case says: public (with its address), or the municipality's own account
    (whole-record rules in recordrules.py say which fields each kind needs)."""

    type: Kildetype = Field("offentlig", description="offentlig: en side eller et dokument alle kan åpne (med url). "
                            "kommunen: kommunens egen beretning, gitt av noen i en rolle (rolle og dato, ikke navn).")
    tittel: Tittel = Field(description="Tittelen på kilden.")
    url: HttpsUrl | None = Field(None, description="Lenke som begynner med https://. Påkrevd for en offentlig kilde.")
    rolle: Tekst | None = Field(None, description="Kommunens egen beretning: rollen til den som forteller, "
                                "f.eks. «kulturskolerektor». Ikke navn.")
    dato: Dato | None = Field(None, description="Kommunens egen beretning: datoen den ble gitt (ÅÅÅÅ-MM-DD).")


class Kommunecase(Record):
    """A municipality's case in one programme: data/kommuner/<kommune>.yml, or for a municipality's
    further cases data/kommuner/<kommune>-<program>.yml (one case per municipality and programme)."""

    navn: Tittel = Field(description="Kommunens navn slik det står i kommuneregisteret (2024).")
    kommunenummer: Annotated[str, Field(pattern=KOMMUNENUMMER_PATTERN)] = Field(
        description="Kommunenummer fra 2024 med fire siffer, f.eks. 1804."
    )
    sprak: Literal["nb", "nn"] = Field("nb", description="Målform for teksten: nb (bokmål) eller nn (nynorsk).")
    program: Id = Field(description="Id-en til programmet casen hører til, fra data/programmer.yml: kulturskole-3-0 "
                                    "for piloten, regionale-utviklingsprogram, eller egen-utvikling for arbeid "
                                    "kommunen gjør på egen hånd. Én case per kommune og program.")
    deltakelse: list[Deltakelse] = Field(min_length=1, description="Datert historikk over deltakelsen i programmet, eldste først.")
    fokusomrade: Id | None = Field(None, description="Id-en til kommunens fokusområde i data/fokusomrader.yml.")
    fokusomrade_tolkning: Tekst | None = Field(
        None, description="Når fokusområdet er redaksjonens tolkning av kildene og ikke kommunens eget valg: "
        "hva tolkningen bygger på. Vises ved fokusområdet på siden.")
    utviklingsprosjekt: Utviklingsprosjekt | None = Field(None, description="Kommunens konkrete utviklingsprosjekt.")
    kommunegruppe: list[Medlem] | None = Field(
        None, description="Kommunegruppa: minst én fra utenfor kulturskolen (i piloten 4–6 roller). Roller, ikke navn."
    )
    partnere: list[Partner] = Field(default_factory=list, description="Lokale aktører utenfor kulturskolen som deltok.")
    fremtidsbilde: Fremtidsbilde | None = Field(None, description="Svarene på utlysningens fire spørsmål om fremtidsbilder.")
    erfaringer: Erfaringer | None = Field(None, description="Hva som fungerte og hva som ikke fungerte.")
    resultater: Tekst | None = Field(
        None, description="Hva som kom ut av arbeidet: hva som endret seg, og for hvem. Skriv også når det er "
        "for tidlig å si, eller når målet ikke ble nådd.")
    ressursbruk: Tekst | None = Field(
        None, description="Hva arbeidet krevde: tid, folk og penger, med ord eller tall.")
    forutsetninger: Tekst | None = Field(
        None, description="Hva som må være på plass for at en annen kommune skal kunne gjøre det samme.")
    brukergrupper: list[Brukergruppe] = Field(
        default_factory=list, description="Hvem arbeidet er for: " + ", ".join(BRUKERGRUPPE) + " (år), voksne "
        "eller seniorer. Utlysningen ønsket flere brukergrupper og større deler av livet.")
    metoder: list[Id] = Field(
        default_factory=list, description="Id-er for metodene for samskaping og medvirkning kommunen brukte, "
        "fra data/metoder.yml.")
    suksesskriterier: list[KriterieBelegg] = Field(default_factory=list, description="Suksesskriterier kommunens arbeid viser, med belegg.")
    kontakt: Kontakt | None = Field(None, description="Kontaktperson. Rollen vises alltid; navn og e-post bare med samtykke.")
    belegg: Belegg | None = Field(
        None, description="Hva casen som helhet bygger på: egen-beskrivelse (kommunens egen beskrivelse), "
        "oppsummering (fra KS eller Kulturskolerådet) eller uavhengig-evaluering. Vises som en merkelapp.")
    kilder: list[Casekilde] = Field(default_factory=list, description="Kildene for opplysningene på siden: offentlige "
                                    "kilder, eller kommunens egen beretning.")
    oppdatert: Dato = Field(description="Dato siden sist ble oppdatert (ÅÅÅÅ-MM-DD).")
    eksempel: bool = Field(False, description="true for fiktivt eksempelinnhold. Eksempler vises aldri i lister, tall, kart eller eksport.")

    @property
    def status(self) -> Status:
        return self.deltakelse[-1].status


# --- Focus areas, criteria, gatherings ---------------------------------------------------------


class Fokusomrade(Record):
    id: Id = Field(description="Kort id med små bokstaver og bindestrek, brukes i adressen.")
    tittel: Tittel = Field(description="Fokusområdets navn.")
    kort: Tekst = Field(description="Én setning som beskriver området.")
    beskrivelse: Tekst = Field(description="Lengre beskrivelse (Markdown er ikke tillatt; avsnitt skilles med tom linje).")
    innganger: list[Inngang] = Field(
        default_factory=list, description="Hvilke av de fire inngangene på Kulturskolerådets sider om "
        "Kulturskole 3.0 området henger sammen med: " + ", ".join(INNGANG) + ".")
    fra_utlysningen: bool = Field(False, description="true når området er nevnt som eksempel i utlysningen.")
    kilder: list[Kilde] = Field(default_factory=list, description="Offentlige kilder for det beskrivelsen sier.")


class Suksesskriterium(Record):
    id: Id = Field(description="Kort id med små bokstaver og bindestrek, brukes i adressen.")
    nummer: int | None = Field(None, description="Rekkefølgen kriteriet har i piloten, når den er kjent.")
    tittel: Tittel = Field(description="Kriteriets navn.")
    beskrivelse: Tekst = Field(description="Hva kriteriet betyr.")
    kilde: Kilde = Field(description="Offentlig kilde der kriteriet står. Påkrevd: et kriterium legges bare inn når det er publisert.")
    flere_kilder: list[Kilde] = Field(default_factory=list, description="Andre offentlige kilder for det beskrivelsen sier.")


class Samling(Record):
    id: Id = Field(description="Stabil id (brukes i kalenderen); endres aldri etter publisering.")
    type: Samlingstype = Field(description="Type: " + ", ".join(SAMLINGSTYPE) + ".")
    tittel: Tittel = Field(description="Navn på samlingen eller milepælen.")
    dato: Dato = Field(description="Dato (ÅÅÅÅ-MM-DD). Ved presisjon maned/halvar: første dag i perioden.")
    presisjon: Presisjon = Field("dag", description="Hvor presis datoen er: dag, maned eller halvar.")
    sted: Tekst | None = Field(None, description="Sted, f.eks. «Deichman Bjørvika, Oslo».")
    fylke: Annotated[str, Field(pattern=OMFANG_PATTERN)] | None = Field(
        None, description="Hvor samlingen var: fylkesnummer (2024), f.eks. \"46\", eller nasjonal (for hele landet, "
        "også når det var samlinger i flere fylker) eller digital (på nett).")
    kommuner: list[Annotated[str, Field(pattern=KOMMUNENUMMER_PATTERN)]] = Field(default_factory=list, description="Kommunenummer (2024) for kommunene det gjelder.")
    beskrivelse: Tekst | None = Field(None, description="Kort beskrivelse.")
    kilde: Kilde | None = Field(None, description="Offentlig kilde.")
    fokusomrader: list[Id] = Field(default_factory=list, description="Id-er fra data/fokusomrader.yml når samlingen "
                                   "handlet om bestemte fokusområder. Tom liste: gjelder alle.")
    eksempel: bool = Field(False, description="true for fiktivt eksempelinnhold.")


# --- Programmes: what a case belongs to ---------------------------------------------------------


class Nokkeltall(Record):
    antall: Annotated[int, Field(ge=0)] = Field(description="Tallet, f.eks. 16.")
    tekst: Tekst = Field(description="Det som står etter tallet på forsiden og programsiden, f.eks. «kommuner valgt ut til piloten».")
    dato: Dato | None = Field(None, description="Datoen tallet gjelder (ÅÅÅÅ-MM-DD), når den er kjent.")
    merknad: Tekst | None = Field(None, description="Kort forklaring, f.eks. hva som er usikkert.")
    kilde: Kilde | None = Field(None, description="Offentlig kilde for tallet.")


class Program(Record):
    """A programme or effort a case belongs to: the 2021–22 pilot, the regional programmes, a
    municipality's own work. data/programmer.yml is an open list."""

    id: Id = Field(description="Kort, stabil id med små bokstaver og bindestrek. Brukes i adressen (/program/<id>/), "
                               "i feltet program i kommunecasene og i filnavnet til en kommunes ekstra caser.")
    tittel: Tittel = Field(description="Kort navn som vises i lister, f.eks. «Piloten» eller «Egen utvikling».")
    kort: Tekst = Field(description="Én setning som beskriver programmet.")
    beskrivelse: Tekst = Field(description="Lengre beskrivelse med egne ord (ikke Markdown; avsnitt skilles med tom linje).")
    fra: Annotated[int, AfterValidator(_year)] | None = Field(
        None, description="Året programmet startet, med fire siffer. Utelat når arbeidet ikke har en fast periode.")
    til: Annotated[int, AfterValidator(_year)] | None = Field(
        None, description="Året programmet sluttet. Utelat mens det pågår.")
    eier: Tekst = Field(description="Hvem som står bak, f.eks. «KS og Norsk kulturskoleråd».")
    statuser: list[Status] = Field(min_length=1, description="Deltakerstatusene casene i programmet kan ha, i den "
                                   "rekkefølgen en deltakelse går: " + ", ".join(STATUS) + ".")
    nokkeltall: list[Nokkeltall] = Field(default_factory=list, description="Tall for hele programmet fra offentlige "
                                         "kilder, vist på forsiden og programsiden (f.eks. hvor mange som fullførte).")
    kilder: list[Kilde] = Field(default_factory=list, description="Offentlige kilder om programmet.")
    fylkesvis: Tekst | None = Field(
        None, description="Det kildene sier om programmet fylke for fylke (f.eks. hvem som ble invitert, og at det "
        "ikke er kjent hvilke fylker som var med). Vises på hver fylkesside.")

    @property
    def periode(self) -> str:
        """«2021–2022», «2024–» (still running), or "" for work without a fixed period."""
        if self.fra is None:
            return ""
        if self.til is None:
            return f"{self.fra}–"
        return f"{self.fra}–{self.til}" if self.til != self.fra else str(self.fra)


# --- Register (generated, not edited by hand) --------------------------------------------------


class Fylke(Record):
    nummer: str
    navn: str
    offisielt_navn: str


class Kommune(Record):
    nummer: str
    navn: str
    fylke: str
    punkt: tuple[float, float]
    nummer_2020: str | None = None


class Fylke2020(Record):
    nummer: str
    navn: str


class Kommune2020(Record):
    nummer: str
    navn: str
    fylke: str
    erstattet_av: list[str]


class Register(Record):
    gyldig_fra: dt.date
    kilde: str
    fylker: list[Fylke]
    kommuner: list[Kommune]
    fylker_2020: list[Fylke2020]
    kommuner_2020: list[Kommune2020]


# --- Resources for municipalities that want to start -----------------------------------------

class Ressurs(Record):
    """A report, film, study, tool or web page: always linked, never embedded."""

    id: Id = Field(description="Kort id med små bokstaver og bindestrek; stabil.")
    tittel: Tittel = Field(description="Tittelen slik utgiveren skriver den.")
    type: Ressurstype = Field(description="Type: " + ", ".join(RESSURSTYPE) + ".")
    malgruppe: list[Malgruppe] = Field(default_factory=list, description="Hvem ressursen passer for: " + ", ".join(MALGRUPPE) + ".")
    fokusomrader: list[Id] = Field(default_factory=list, description="Id-er fra data/fokusomrader.yml ressursen handler om. Tom liste: gjelder alle.")
    url: HttpsUrl | None = Field(None, description="Lenke som begynner med https://. Utelat når ingen offentlig lenke er kjent; skriv aldri en gjettet adresse.")
    beskrivelse: Tekst = Field(description="Hva ressursen er og hva den kan brukes til, med egne ord.")
    utgiver: Tekst | None = Field(None, description="Hvem som har gitt ut ressursen, f.eks. «Norsk kulturskoleråd».")
    ar: Annotated[int, AfterValidator(_year)] | None = Field(None, description="Utgivelsesår med fire siffer, f.eks. 2021.")
    eksempel: bool = Field(False, description="true for fiktivt eksempelinnhold. Eksempler vises aldri.")


class Metode(Record):
    """A method for co-creation or participation (data/metoder.yml), with a page of its own."""

    id: Id = Field(description="Kort id med små bokstaver og bindestrek, brukes i adressen (/metoder/<id>/) og i "
                               "feltet metoder i kommunecasene.")
    tittel: Tittel = Field(description="Metodens navn.")
    kort: Tekst = Field(description="Én setning om hva metoden er.")
    beskrivelse: Tekst = Field(description="Lengre beskrivelse med egne ord (ikke Markdown; avsnitt skilles med tom linje).")
    ressurser: list[Id] = Field(default_factory=list, description="Id-er fra data/ressurser.yml med mer om metoden.")
    kilder: list[Kilde] = Field(default_factory=list, description="Offentlige kilder der metoden er omtalt i "
                                "forbindelse med Fremtidens kulturskole.")


# --- The editors' contact (data/redaksjon.yml) -----------------------------------------------------

Epost = Annotated[str, Field(pattern=EPOST_PATTERN)]


class Redaksjon(Record):
    """Where contributions without a GitHub account go: filled in by whoever publishes the site, never
    guessed. Empty: the case form offers no such channel."""

    epost: Epost | None = Field(None, description="Redaksjonens e-postadresse. Skjemaet tilbyr «Send til "
                                "redaksjonen» bare når den er fylt inn.")
    skjema: HttpsUrl | None = Field(None, description="Valgfritt: adressen til redaksjonens eget innsendingsskjema "
                                    "(begynner med https://).")


# --- Site search: words that mean the same (issue 19) -------------------------------------------

class Synonymer(Record):
    """Words or phrases the site search treats as one: a query with one of them finds the others."""

    ord: list[Tittel] = Field(min_length=2, description="To eller flere ord eller uttrykk som betyr det samme i et søk, f.eks. [åpne data, open data]. Små eller store bokstaver spiller ingen rolle.")
    merknad: Tekst | None = Field(None, description="Hvorfor ordene hører sammen (vises ikke på nettstedet).")


# The YAML files an editor touches, and the model each holds (a list file or a single record).
LIST_FILES = {
    "programmer.yml": Program,
    "fokusomrader.yml": Fokusomrade,
    "suksesskriterier.yml": Suksesskriterium,
    "samlinger.yml": Samling,
    "ressurser.yml": Ressurs,
    "metoder.yml": Metode,
    "synonymer.yml": Synonymer,
}
