"""Norwegian titles of the content model's fields: the schema (VS Code), the case form, page tables
and messages name fields by them."""
from __future__ import annotations

# Norwegian titles for fields (VS Code shows them on hover; the case form uses them as labels).
# "Model.field" for a field whose meaning depends on the record, else the field name. A field
# without a title still works everywhere: the form falls back to its name.
FIELD_TITLES = {
    "Kommunecase.navn": "Kommunens navn", "kommunenummer": "Kommunenummer", "sprak": "Målform",
    "program": "Program", "deltakelse": "Deltakelse", "status": "Status", "dato": "Dato",
    "merknad": "Merknad", "fokusomrade": "Fokusområde", "utviklingsprosjekt": "Utviklingsprosjekt",
    "tittel": "Tittel", "sammendrag": "Sammendrag", "kommunegruppe": "Kommunegruppe", "rolle": "Rolle",
    "sektor": "Sektor", "partnere": "Partnere", "Partner.navn": "Navn på partneren", "type": "Type",
    "fremtidsbilde": "Fremtidsbilder", "slik_vil_vi_fremsta": "Slik vil vi fremstå",
    "nar_rollen_er_nadd": "Når rollen er nådd", "slik_er_det_na": "Slik er det nå",
    "hva_skal_til": "Hva skal til", "beskrivelse": "Beskrivelse", "tiltak": "Tiltak",
    "erfaringer": "Erfaringer", "dette_fungerte": "Dette fungerte", "dette_fungerte_ikke": "Dette fungerte ikke",
    "suksesskriterier": "Suksesskriterier", "KriterieBelegg.id": "Suksesskriterium", "belegg": "Belegg",
    "kontakt": "Kontaktperson", "Kontakt.navn": "Navn", "epost": "E-post", "samtykke": "Samtykke",
    "kilder": "Kilder", "url": "Lenke", "oppdatert": "Sist oppdatert", "eksempel": "Fiktivt eksempel",
    "fokusomrade_tolkning": "Tolkning av fokusområdet",
    "resultater": "Resultater", "ressursbruk": "Ressursbruk", "forutsetninger": "Forutsetninger",
    "brukergrupper": "Brukergrupper", "metoder": "Metoder", "Kommunecase.belegg": "Belegg for hele casen",
    "innganger": "Innganger i modellen", "fylkesvis": "Fylke for fylke",
    "Casekilde.type": "Type kilde", "Casekilde.rolle": "Rollen til den som forteller",
    "Casekilde.dato": "Dato for beretningen",
}
