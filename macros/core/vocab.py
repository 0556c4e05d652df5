"""The vocabularies of the content model: each allowed value with the Norwegian label readers see,
and the Literal type the models use for it (core/model.py). Kept apart so pages, the ranking and
the exports can name values without the models."""
from __future__ import annotations

from typing import Literal

# Participation statuses of every programme, in the order a participation runs. Each programme in
# data/programmer.yml lists the ones it uses (the pilot: valgt, aktiv, fullfort, trukket).
STATUS = {
    "sokt": "Søkt",
    "planlagt": "Planlagt",
    "valgt": "Valgt ut",
    "aktiv": "Aktiv",
    "fullfort": "Fullført",
    "avsluttet": "Avsluttet",
    "trukket": "Ikke lenger med",
}
Status = Literal["sokt", "planlagt", "valgt", "aktiv", "fullfort", "avsluttet", "trukket"]
# Nynorsk labels for case pages written in nynorsk.
STATUS_NN = {**STATUS, "valgt": "Vald ut", "avsluttet": "Avslutta", "trukket": "Ikkje lenger med"}
# Statuses after which nothing more is expected to happen.
STATUS_FINAL = ("fullfort", "avsluttet", "trukket")

SEKTOR = {
    "kulturskole": "Kulturskolen",
    "kommuneledelse": "Kommuneledelsen",
    "skole": "Skole",
    "barnehage": "Barnehage",
    "helse": "Helse og omsorg",
    "kultur": "Kultur (kommunal)",
    "frivillighet": "Frivillig sektor",
    "naeringsliv": "Næringsliv",
    "innbyggere": "Innbyggere",
    "annet": "Annet",
}
Sektor = Literal[
    "kulturskole", "kommuneledelse", "skole", "barnehage", "helse", "kultur",
    "frivillighet", "naeringsliv", "innbyggere", "annet",
]

PARTNERTYPE = {
    "frivillighet": "Frivillig sektor",
    "naeringsliv": "Næringsliv",
    "innbyggere": "Innbyggere",
    "kommunal-tjeneste": "Kommunal tjeneste",
    "kunst-og-kultur": "Kunst- og kulturaktør",
    "forskning": "Forskning",
    "annet": "Annet",
}
Partnertype = Literal[
    "frivillighet", "naeringsliv", "innbyggere", "kommunal-tjeneste", "kunst-og-kultur", "forskning", "annet"
]

# The four entries ("innganger") of Kulturskolerådet's «Kulturskole 3.0» pages. The source does not
# call them value areas (FACTS.md, corrected 2026-12-05).
INNGANG = {
    "ressurssenter": "Kulturskolen som ressurssenter",
    "helhetlig-oppvekst": "Helhetlig oppvekst",
    "livslopsperspektivet": "Livsløpsperspektivet",
    "inkludering-og-utenforskap": "Inkludering og utenforskap",
}
Inngang = Literal["ressurssenter", "helhetlig-oppvekst", "livslopsperspektivet", "inkludering-og-utenforskap"]
INNGANG_KILDE = ("Norsk kulturskoleråd – Fremtidens kulturskole (Kulturskole 3.0)",
                 "https://kulturskoleradet.no/vi-tilbyr/fremtidens-kulturskole")

# The four value areas ("verdiområder") of the report «På vei mot Fremtidens kulturskole» (January 2021).
VERDIOMRADE = {
    "attraktiv-og-relevant": "Attraktiv og relevant",
    "inkluderende-og-mangfoldig": "Inkluderende og mangfoldig",
    "utviklende-og-skapende": "Utviklende og skapende",
    "betydningsfull-og-mestringsorientert": "Betydningsfull og mestringsorientert",
}
VERDIOMRADE_KILDE = ("Norsk kulturskoleråd – prosjektrapporten «På vei mot Fremtidens kulturskole» (14. januar 2021)",
                     "https://www.kulturskoleradet.no/nyheter/2021/januar/fremtidens-kulturskole-prosjektrapport")

# Who the work reaches (the call: «flere brukergrupper og større deler av livet»).
BRUKERGRUPPE = {
    "0-5": "0–5 år",
    "6-12": "6–12 år",
    "13-19": "13–19 år",
    "voksne": "Voksne",
    "seniorer": "Seniorer",
}
Brukergruppe = Literal["0-5", "6-12", "13-19", "voksne", "seniorer"]

# How strong the evidence for a whole case is: a plain label, never a score.
BELEGG = {
    "egen-beskrivelse": "Kommunens egen beskrivelse",
    "oppsummering": "Oppsummering fra KS eller Kulturskolerådet",
    "uavhengig-evaluering": "Uavhengig evaluering",
}
Belegg = Literal["egen-beskrivelse", "oppsummering", "uavhengig-evaluering"]

SAMLINGSTYPE = {
    "fellessamling": "Fellessamling",
    "lokal-samling": "Lokal samling",
    "lederoppfolgingsdag": "Lederoppfølgingsdag",
    "regional-arena": "Regional arena",
    "verksted": "Verksted",
    "seminar": "Seminar",
    "mote": "Møte",
    "milepael": "Milepæl",
}
Samlingstype = Literal[
    "fellessamling", "lokal-samling", "lederoppfolgingsdag", "regional-arena", "verksted", "seminar", "mote",
    "milepael",
]

Presisjon = Literal["dag", "maned", "halvar"]

# The kinds of source a case can name: a public page or document anyone can open, or the
# municipality's own account, given through the form by someone in a role (no name), on a date.
KILDETYPE = {"offentlig": "Offentlig kilde", "kommunen": "Kommunens egen beretning"}
KILDETYPE_NN = {"offentlig": "Offentleg kjelde", "kommunen": "Kommunen si eiga forteljing"}
Kildetype = Literal["offentlig", "kommunen"]

# --- Resources for municipalities that want to start -----------------------------------------

RESSURSTYPE = {
    "rapport": "Rapporter",
    "film": "Filmer",
    "forskning": "Forskning",
    "verktoy-og-metode": "Verktøy og metoder",
    "nettside": "Nettsider",
}
Ressurstype = Literal["rapport", "film", "forskning", "verktoy-og-metode", "nettside"]

# The call's target group: leaders across sectors, culture-school leaders, the local group.
MALGRUPPE = {
    "kommuneledelse": "Ledere i kommunen på tvers av sektorer",
    "kulturskoleledere": "Kulturskolens ledere og mellomledere",
    "kommunegruppe": "Kommunegrupper og lokale aktører",
    "politikere": "Folkevalgte",
    "alle": "Alle som er interessert",
}
Malgruppe = Literal["kommuneledelse", "kulturskoleledere", "kommunegruppe", "politikere", "alle"]
