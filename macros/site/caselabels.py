"""Fixed words on a case page, in the case's own written standard (bokmål or nynorsk).

LABELS: headings and labels. QUESTIONS: the call's four questions. MISSING: what «Dette mangler»
asks the municipality for, per field of the model (core/completeness.py decides which are
missing; a field without a line here is named by its schema title).
"""
from __future__ import annotations

# Fixed labels on a case page, in the case's own written standard.
LABELS = {
    "nb": dict(
        kommunenummer="Kommunenummer", fylke="Fylke", pilotnummer="Nummer i pilotperioden",
        program="Program", andre_caser="Andre caser fra {navn}",
        ikke_bekreftet="Om kommunen fullførte programmet, er ikke bekreftet.",
        fokusomrade="Fokusområde", status="Status", oppdatert="Sist oppdatert", ikke_oppgitt="Ikke oppgitt",
        deltakelse="Deltakelse", utviklingsprosjekt="Utviklingsprosjekt", kommunegruppe="Kommunegruppe",
        kommunegruppe_caption="Roller i kommunegruppa", rolle="Rolle", sektor="Sektor", partnere="Partnere",
        fremtidsbilde="Fremtidsbilder", tiltak="Tiltak", erfaringer="Erfaringer", fungerte="Dette fungerte",
        fungerte_ikke="Dette fungerte ikke", suksesskriterier="Suksesskriterier", fortelling="Fortellingen",
        kontakt="Kontakt", kilder="Kilder",
        tolkning="redaksjonens tolkning", om_fokusomradet="Om fokusområdet",
        ikke_publisert="Kommunens egen beskrivelse av arbeidet er ikke skrevet inn her ennå. Siden viser bare "
                       "opplysninger fra offentlige kilder.",
        eksempel_tittel="Eksempel – fiktivt innhold",
        eksempel_tekst="Denne kommunen finnes ikke. Siden viser hvordan en fullstendig case ser ut, og "
                       "telles aldri med i lister, tall, kart eller eksport.",
        sist_kjente="Sist kjente status", sist_daterte="sist daterte opplysning",
        resultater="Resultater", ressursbruk="Hva det krevde", forutsetninger="Dette må være på plass",
        brukergrupper="Brukergrupper", metoder="Metoder", belegg="Belegg",
        mangler="Dette mangler", mangler_intro="Er dere fra {navn} kommune? Siden forteller ennå ikke",
        mangler_slutt="Andre kommuner ser etter nettopp dette når de vurderer å gjøre det samme.",
        mangler_tolkning="Fokusområdet er redaksjonens tolkning av kildene. Stemmer det, eller valgte dere et annet?",
        mangler_skjema="skjemaet åpnes med det som står på siden fra før, og dere sender inn det dere vil legge til.",
        mangler_ingen="Siden har alle feltene fylt ut. Er noe endret, kan dere rette det i skjemaet.",
        mangler_flere="og {n} ting til (se alt som mangler)",
    ),
    "nn": dict(
        kommunenummer="Kommunenummer", fylke="Fylke", pilotnummer="Nummer i pilotperioden",
        program="Program", andre_caser="Andre casar frå {navn}",
        ikke_bekreftet="Om kommunen fullførte programmet, er ikkje stadfesta.",
        fokusomrade="Fokusområde", status="Status", oppdatert="Sist oppdatert", ikkje_oppgitt="Ikkje oppgitt",
        ikke_oppgitt="Ikkje oppgitt",
        deltakelse="Deltaking", utviklingsprosjekt="Utviklingsprosjekt", kommunegruppe="Kommunegruppe",
        kommunegruppe_caption="Roller i kommunegruppa", rolle="Rolle", sektor="Sektor", partnere="Partnarar",
        fremtidsbilde="Framtidsbilete", tiltak="Tiltak", erfaringer="Erfaringar", fungerte="Dette fungerte",
        fungerte_ikke="Dette fungerte ikkje", suksesskriterier="Suksesskriterium", fortelling="Forteljinga",
        kontakt="Kontakt", kilder="Kjelder",
        tolkning="redaksjonen si tolking", om_fokusomradet="Om fokusområdet",
        ikke_publisert="Kommunen si eiga skildring av arbeidet er ikkje skriven inn her enno. Sida viser berre "
                       "opplysningar frå offentlege kjelder.",
        eksempel_tittel="Eksempel – fiktivt innhald",
        eksempel_tekst="Denne kommunen finst ikkje. Sida viser korleis ein fullstendig case ser ut, og "
                       "blir aldri teken med i lister, tal, kart eller eksport.",
        sist_kjente="Sist kjende status", sist_daterte="sist daterte opplysning",
        resultater="Resultat", ressursbruk="Kva det kravde", forutsetninger="Dette må vere på plass",
        brukergrupper="Brukargrupper", metoder="Metodar", belegg="Belegg",
        mangler="Dette manglar", mangler_intro="Er de frå {navn} kommune? Sida fortel enno ikkje",
        mangler_slutt="Andre kommunar ser etter nettopp dette når dei vurderer å gjere det same.",
        mangler_tolkning="Fokusområdet er redaksjonen si tolking av kjeldene. Stemmer det, eller valde de eit anna?",
        mangler_skjema="skjemaet opnar med det som står på sida frå før, og de sender inn det de vil leggje til.",
        mangler_ingen="Sida har alle felta fylte ut. Er noko endra, kan de rette det i skjemaet.",
        mangler_flere="og {n} ting til (sjå alt som manglar)",
    ),
}


QUESTIONS = {
    "nb": [
        ("slik_vil_vi_fremsta", "Hvordan ønsker vi at kulturskolen skal fremstå?"),
        ("nar_rollen_er_nadd", "Hvordan ser det ut når kulturskolen har den rollen og posisjonen som er ønskelig?"),
        ("slik_er_det_na", "Hvordan oppleves kulturskolen i forhold til dette målbildet akkurat nå?"),
        ("hva_skal_til", "Hva skal til for å fylle gapet mellom disse to bildene?"),
    ],
    "nn": [
        ("slik_vil_vi_fremsta", "Korleis ønskjer vi at kulturskulen skal framstå?"),
        ("nar_rollen_er_nadd", "Korleis ser det ut når kulturskulen har den rolla og posisjonen som er ønskjeleg?"),
        ("slik_er_det_na", "Korleis blir kulturskulen opplevd i forhold til dette målbiletet akkurat no?"),
        ("hva_skal_til", "Kva skal til for å fylle gapet mellom desse to bileta?"),
    ],
}


# The order «Dette mangler» names missing fields in: what a municipality deciding whether to copy a
# case asks for first. Fields not named here follow in the model's order.
MISSING_ORDER = ("erfaringer", "resultater", "utviklingsprosjekt", "forutsetninger", "ressursbruk", "kommunegruppe",
                 "partnere", "fremtidsbilde", "brukergrupper", "metoder", "fokusomrade", "suksesskriterier", "belegg",
                 "kontakt", "kilder")
MISSING_SHOWN = 4  # on the case page; /bidra/mangler/ lists them all

# What «Dette mangler» asks for, per field, continuing «Siden forteller ennå ikke …».
MISSING = {
    "nb": {
        "fokusomrade": "hvilket fokusområde dere valgte",
        "utviklingsprosjekt": "hva utviklingsprosjektet deres het og handlet om",
        "kommunegruppe": "hvem som var med i kommunegruppa (roller, ikke navn)",
        "partnere": "hvilke lokale aktører utenfor kulturskolen som var med",
        "fremtidsbilde": "hvilket fremtidsbilde dere arbeidet mot (de fire spørsmålene)",
        "erfaringer": "hva som fungerte og hva som ikke fungerte",
        "resultater": "hva som kom ut av arbeidet, og for hvem",
        "ressursbruk": "hva arbeidet krevde av tid, folk og penger",
        "forutsetninger": "hva som må være på plass for at andre kan gjøre det samme",
        "brukergrupper": "hvem arbeidet var for (aldersgrupper, voksne, seniorer)",
        "metoder": "hvilke metoder for samskaping og medvirkning dere brukte",
        "suksesskriterier": "hvilke suksesskriterier arbeidet deres viser",
        "kontakt": "hvem andre kan kontakte (en rolle holder)",
        "belegg": "hva beskrivelsen bygger på (egen beskrivelse, oppsummering eller evaluering)",
        "kilder": "hvor det er skrevet om arbeidet (offentlige kilder)",
    },
    "nn": {
        "fokusomrade": "kva fokusområde de valde",
        "utviklingsprosjekt": "kva utviklingsprosjektet dykkar heitte og handla om",
        "kommunegruppe": "kven som var med i kommunegruppa (roller, ikkje namn)",
        "partnere": "kva lokale aktørar utanfor kulturskulen som var med",
        "fremtidsbilde": "kva framtidsbilete de arbeidde mot (dei fire spørsmåla)",
        "erfaringer": "kva som fungerte og kva som ikkje fungerte",
        "resultater": "kva som kom ut av arbeidet, og for kven",
        "ressursbruk": "kva arbeidet kravde av tid, folk og pengar",
        "forutsetninger": "kva som må vere på plass for at andre kan gjere det same",
        "brukergrupper": "kven arbeidet var for (aldersgrupper, vaksne, seniorar)",
        "metoder": "kva metodar for samskaping og medverknad de brukte",
        "suksesskriterier": "kva suksesskriterium arbeidet dykkar viser",
        "kontakt": "kven andre kan kontakte (ei rolle held)",
        "belegg": "kva skildringa byggjer på (eiga skildring, oppsummering eller evaluering)",
        "kilder": "kvar det er skrive om arbeidet (offentlege kjelder)",
    },
}

# Nynorsk labels of the vocabularies a case page shows (bokmål: core/model.py).
BRUKERGRUPPE_NN = {"0-5": "0–5 år", "6-12": "6–12 år", "13-19": "13–19 år", "voksne": "Vaksne", "seniorer": "Seniorar"}
BELEGG_NN = {"egen-beskrivelse": "Kommunen si eiga skildring", "oppsummering": "Oppsummering frå KS eller Kulturskolerådet",
             "uavhengig-evaluering": "Uavhengig evaluering"}
