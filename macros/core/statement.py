"""Models of the data files that are not records of the case library: the accessibility statement
(data/tilgjengelighet.yml, written by the editors and the publisher) and the two generated files
(data/tilgjengelighet-resultater.json, data/kart/norge.json), so `kulturskole sjekk` checks every
file in data/ the same way (core/datafiles.py).

The statement's values are text: site/statement.py shows them without Markdown. Its links are
limited here: the feedback form must be https, the address an e-mail address.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from .model import EPOST_PATTERN, HttpsUrl, Record, Tekst

Epost = Annotated[str, Field(pattern=EPOST_PATTERN)]


class Avvik(Record):
    krav: Tekst = Field(description="Suksesskriteriet i WCAG 2.1, f.eks. «4.1.2 Navn, rolle, verdi».")
    beskrivelse: Tekst = Field(description="Hva som ikke er i samsvar, og hva det betyr for brukeren.")
    plan: Tekst | None = Field(None, description="Hva vi gjør med det, og når.")


class Vurdering(Record):
    krav: Tekst = Field(description="Suksesskriteriet, f.eks. «2.5.8 Målstørrelse (minimum) (nivå AA)».")
    resultat: Literal["oppfylt", "ikke oppfylt", "ikke relevant"] = Field(description="Resultatet av vurderingen.")
    vurdering: Tekst = Field(description="Hvordan kravet er kontrollert, og hva vi fant.")


class Tilbakemelding(Record):
    epost: Epost | None = Field(None, description="E-postadresse der brukerne melder fra, f.eks. post@virksomhet.no.")
    nettskjema: HttpsUrl | None = Field(None, description="Adresse (https://) til et skjema eller en saksliste der "
                                                          "brukerne melder fra.")
    nettskjema_tekst: Tekst | None = Field(None, description="Lenketeksten for nettskjema, f.eks. «Meld fra i skjemaet vårt».")


class Erklaering(Record):
    """data/tilgjengelighet.yml: what the editors declare (uustatus.no's order)."""

    nettsted: Tekst = Field(description="Nettstedet erklæringen gjelder.")
    virksomhet: Tekst | None = Field(None, description="Hvem som har ansvar for nettstedet. Fylles ut av den som publiserer.")
    standard: Tekst = Field(description="Standarden, f.eks. «WCAG 2.1 nivå A og AA».")
    regelverk: Tekst = Field(description="Forskriften kravene står i.")
    status: Literal["samsvar", "delvis", "ikke"] = Field(description="I hvilken grad nettstedet er i samsvar: samsvar, delvis eller ikke.")
    status_forklaring: Tekst = Field(description="Hvorfor statusen er som den er.")
    avvik: list[Avvik] = Field(default_factory=list, description="Kjent innhold som ikke er i samsvar.")
    ikke_kontrollert: list[Tekst] = Field(default_factory=list, description="Det som ikke er kontrollert ennå.")
    unntak: list[Tekst] = Field(default_factory=list, description="Innhold som ikke omfattes av kravene.")
    wcag22: list[Vurdering] = Field(default_factory=list, description="Vurderingen av kravene som er nye i WCAG 2.2.")
    tilbakemelding: Tilbakemelding = Field(default_factory=Tilbakemelding,
                                           description="Hvor brukerne melder fra. Fylles ut av den som publiserer.")
    svartid: Tekst = Field(description="Hvor raskt vi svarer.")
    opprettet: dt.date = Field(description="Dato erklæringen ble opprettet (ÅÅÅÅ-MM-DD).")
    oppdatert: dt.date = Field(description="Dato erklæringen sist ble oppdatert (ÅÅÅÅ-MM-DD).")


# --- Generated files: checked so a broken copy stops `sjekk`, never the build with a traceback ----

class Generated(BaseModel):
    """A generated file: its keys as the script writes them (new keys from a newer script are kept)."""

    model_config = ConfigDict(extra="allow", frozen=True)


class Side(Generated):
    navn: str
    url: str
    lenke: bool = True
    kontroller: dict[str, int] = Field(default_factory=dict)


class Testresultater(Generated):
    """data/tilgjengelighet-resultater.json, written by scripts/update_a11y_results.py."""

    dato: dt.date
    verktoy: dict[str, str] = Field(default_factory=dict)
    sider: list[Side]
    tastatur: dict[str, int] = Field(default_factory=dict)


class Norgeskart(Generated):
    """data/kart/norge.json, written by scripts/build_geo.py (boundaries as TopoJSON-like arcs)."""

    kilde: str
    lisens: str
    kvant: int
    nivaer: dict[str, dict[str, float]]
    naboer: dict[str, list[str]]
    fylker: dict[str, dict[str, list]]
    kommuner: dict[str, dict[str, list]]
    arcs: dict[str, list]
