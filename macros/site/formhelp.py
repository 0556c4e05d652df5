"""The case form's help texts: plain words for people who never saw the YAML (issue 18.2).

The model's descriptions (model.py) are written for editors of the YAML files: they name files,
ids, `true` and quoting. The form shows these instead, in bokmål and nynorsk (the form follows the
case's målform). Keyed like fieldtitles.FIELD_TITLES: "Model.field" where the meaning depends on the
record, else the field name. tests/test_form_help.py checks that every field of the case has one and
that none names a file, an id, true/false or a quoting rule.
"""
from __future__ import annotations

from pydantic import BaseModel

from ..core.messages import _inner_model
from ..core.model import Kommunecase

HELP: dict[str, tuple[str, str]] = {  # key -> (nb, nn)
    "Kommunecase.navn": ("Kommunens navn, f.eks. Stord. Velg fra listen, så fylles kommunenummeret inn.",
                         "Namnet på kommunen, t.d. Stord. Vel frå lista, så blir kommunenummeret fylt inn."),
    "kommunenummer": ("Fire siffer, f.eks. 4614 for Stord. Fylles inn når du har skrevet navnet.",
                      "Fire siffer, t.d. 4614 for Stord. Blir fylt inn når du har skrive namnet."),
    "sprak": ("Velg nynorsk hvis dere skriver på nynorsk.", "Vel nynorsk dersom de skriv på nynorsk."),
    "program": ("Hvilket arbeid casen handler om. Arbeider kommunen på egen hånd, velger du «Egen utvikling».",
                "Kva arbeid casen handlar om. Arbeider kommunen på eiga hand, vel du «Egen utvikling»."),
    "deltakelse": ("Hva som har skjedd, eldste først: én linje for hver endring, f.eks. da arbeidet startet "
                   "og da det ble avsluttet.",
                   "Kva som har skjedd, eldste først: éi line for kvar endring, t.d. då arbeidet starta og då "
                   "det vart avslutta."),
    "status": ("Hvor langt arbeidet var kommet fra denne datoen. Valgene passer til programmet over.",
               "Kor langt arbeidet var kome frå denne datoen. Vala passar til programmet over."),
    "Deltakelse.dato": ("Skriv datoen som dd.mm.åååå, f.eks. 15.01.2025.",
                        "Skriv datoen som dd.mm.åååå, t.d. 15.01.2025."),
    "merknad": ("Valgfritt. Kort forklaring, f.eks. hvorfor datoen ikke er kjent.",
                "Valfritt. Kort forklaring, t.d. kvifor datoen ikkje er kjend."),
    "fokusomrade": ("Området kommunen vil utvikle kulturskolen innenfor.",
                    "Området kommunen vil utvikle kulturskulen innanfor."),
    "fokusomrade_tolkning": ("La stå tomt hvis kommunen selv har valgt fokusområdet. Har redaksjonen tolket det ut "
                             "fra kildene, skriv hva tolkningen bygger på.",
                             "La stå tomt dersom kommunen sjølv har valt fokusområdet. Har redaksjonen tolka det ut "
                             "frå kjeldene, skriv kva tolkinga byggjer på."),
    "utviklingsprosjekt": ("Det konkrete prosjektet kommunen arbeider med.",
                           "Det konkrete prosjektet kommunen arbeider med."),
    "Utviklingsprosjekt.tittel": ("Navnet på prosjektet.", "Namnet på prosjektet."),
    "sammendrag": ("Hva prosjektet handler om, med noen få setninger.",
                   "Kva prosjektet handlar om, med nokre få setningar."),
    "kommunegruppe": ("Gruppa som leder arbeidet, med minst én fra utenfor kulturskolen (i piloten fire til seks "
                      "personer). Skriv roller, ikke navn.",
                      "Gruppa som leier arbeidet, med minst éin frå utanfor kulturskulen (i piloten fire til seks "
                      "personar). Skriv roller, ikkje namn."),
    "Medlem.rolle": ("Rollen i gruppa, f.eks. kulturskolerektor eller leder i et lag. Ikke navn.",
                     "Rolla i gruppa, t.d. kulturskulerektor eller leiar i eit lag. Ikkje namn."),
    "sektor": ("Hvor personen kommer fra.", "Kvar personen kjem frå."),
    "partnere": ("Lag, foreninger, bedrifter og andre utenfor kulturskolen som er med.",
                 "Lag, foreiningar, bedrifter og andre utanfor kulturskulen som er med."),
    "Partner.navn": ("Navnet på organisasjonen, virksomheten eller gruppa.",
                     "Namnet på organisasjonen, verksemda eller gruppa."),
    "Partner.type": ("Hva slags aktør partneren er.", "Kva slags aktør partnaren er."),
    "fremtidsbilde": ("Svarene på de fire spørsmålene i utlysningen. Alle er valgfrie.",
                      "Svara på dei fire spørsmåla i utlysinga. Alle er valfrie."),
    "slik_vil_vi_fremsta": ("Hvordan ønsker dere at kulturskolen skal fremstå?",
                            "Korleis ønskjer de at kulturskulen skal framstå?"),
    "nar_rollen_er_nadd": ("Hvordan ser det ut når kulturskolen har den rollen dere ønsker?",
                           "Korleis ser det ut når kulturskulen har den rolla de ønskjer?"),
    "slik_er_det_na": ("Hvordan er det i dag, sett opp mot dette bildet?",
                       "Korleis er det i dag, sett opp mot dette biletet?"),
    "hva_skal_til": ("Hva skal til for å komme dit?", "Kva skal til for å kome dit?"),
    "HvaSkalTil.beskrivelse": ("Hva som må skje for å komme fra i dag til målet.",
                               "Kva som må skje for å kome frå i dag til målet."),
    "tiltak": ("Konkrete tiltak, ett per punkt.", "Konkrete tiltak, eitt per punkt."),
    "erfaringer": ("Hva dere har lært så langt.", "Kva de har lært så langt."),
    "dette_fungerte": ("Det som fungerte, ett punkt per erfaring.", "Det som fungerte, eitt punkt per erfaring."),
    "dette_fungerte_ikke": ("Det som ikke fungerte, eller som dere ville gjort annerledes.",
                            "Det som ikkje fungerte, eller som de ville gjort annleis."),
    "resultater": ("Valgfritt. Hva som kom ut av arbeidet: hva som endret seg, og for hvem. Skriv det også når det er "
                   "for tidlig å si, eller når dere ikke nådde målet.",
                   "Valfritt. Kva som kom ut av arbeidet: kva som endra seg, og for kven. Skriv det òg når det er "
                   "for tidleg å seie, eller når de ikkje nådde målet."),
    "ressursbruk": ("Valgfritt. Hva arbeidet krevde: tid, folk og penger, med ord eller tall.",
                    "Valfritt. Kva arbeidet kravde: tid, folk og pengar, med ord eller tal."),
    "forutsetninger": ("Valgfritt. Hva som må være på plass for at en annen kommune skal kunne gjøre det samme.",
                       "Valfritt. Kva som må vere på plass for at ein annan kommune skal kunne gjere det same."),
    "brukergrupper": ("Valgfritt. Hvem arbeidet er for: barn, unge, voksne eller eldre. Kryss av for alle som passer.",
                      "Valfritt. Kven arbeidet er for: born, unge, vaksne eller eldre. Kryss av for alle som passar."),
    "metoder": ("Valgfritt. Måtene dere arbeidet sammen med innbyggere og andre på, f.eks. dialogkafé eller "
                "brukerreiser.",
                "Valfritt. Måtane de arbeidde saman med innbyggjarar og andre på, t.d. dialogkafé eller "
                "brukarreiser."),
    "Kommunecase.belegg": ("Valgfritt. Hva casen som helhet bygger på: kommunens egen beskrivelse, en oppsummering "
                           "fra KS eller Kulturskolerådet, eller en uavhengig evaluering.",
                           "Valfritt. Kva casen som heilskap byggjer på: kommunen si eiga skildring, ei oppsummering "
                           "frå KS eller Kulturskulerådet, eller ei uavhengig evaluering."),
    "suksesskriterier": ("Valgfritt. Kriterier fra piloten som arbeidet deres viser, hvert med det som viser det.",
                         "Valfritt. Kriterium frå piloten som arbeidet dykkar viser, kvart med det som viser det."),
    "KriterieBelegg.id": ("Kriteriet.", "Kriteriet."),
    "belegg": ("Hva i arbeidet deres som viser dette kriteriet.", "Kva i arbeidet dykkar som viser dette kriteriet."),
    "kontakt": ("Hvem andre kan spørre. Rollen vises alltid; navn og e-post bare når personen har sagt ja.",
                "Kven andre kan spørje. Rolla blir alltid vist; namn og e-post berre når personen har sagt ja."),
    "Kontakt.rolle": ("Rollen, f.eks. kulturskolerektor.", "Rolla, t.d. kulturskulerektor."),
    "Kontakt.navn": ("Bare når personen har sagt ja til å vises med navn.",
                     "Berre når personen har sagt ja til å bli vist med namn."),
    "epost": ("Bare når personen har sagt ja, f.eks. navn@kommune.no.",
              "Berre når personen har sagt ja, t.d. namn@kommune.no."),
    "samtykke": ("Kryss av bare når personen har sagt ja til at navn og e-post vises på nettstedet.",
                 "Kryss av berre når personen har sagt ja til at namn og e-post blir viste på nettstaden."),
    "kilder": ("Hvor opplysningene kommer fra. Har kommunen ingen offentlig side om arbeidet ennå, velg "
               "«Kommunens egen beretning».",
               "Kvar opplysningane kjem frå. Har kommunen inga offentleg side om arbeidet enno, vel "
               "«Kommunens egen beretning»."),
    "Casekilde.type": ("En offentlig kilde er en nettside eller et dokument alle kan åpne. Kommunens egen beretning "
                       "er det dere selv forteller her.",
                       "Ei offentleg kjelde er ei nettside eller eit dokument alle kan opne. Kommunen si eiga "
                       "forteljing er det de sjølve fortel her."),
    "Casekilde.tittel": ("Hva kilden heter, f.eks. «Kulturskolens side på kommunens nettsted». For kommunens egen "
                         "beretning: hva den gjelder, f.eks. «Kulturskolerektorens beretning om arbeidet».",
                         "Kva kjelda heiter, t.d. «Kulturskulen si side på nettstaden til kommunen». For kommunen si "
                         "eiga forteljing: kva ho gjeld, t.d. «Kulturskulerektoren si forteljing om arbeidet»."),
    "url": ("Adressen, som begynner med https://.", "Adressa, som byrjar med https://."),
    "Casekilde.rolle": ("Rollen til den som forteller, f.eks. kulturskolerektor. Ikke navn.",
                        "Rolla til den som fortel, t.d. kulturskulerektor. Ikkje namn."),
    "Casekilde.dato": ("Når beretningen ble gitt, som dd.mm.åååå.", "Når forteljinga vart gitt, som dd.mm.åååå."),
    "oppdatert": ("Datoen du fyller ut skjemaet. Dagens dato står der fra før.",
                  "Datoen du fyller ut skjemaet. Dagens dato står der frå før."),
    "eksempel": ("Kryss av bare for et oppdiktet eksempel. Eksempler vises ikke i lister, kart eller tall.",
                 "Kryss av berre for eit oppdikta døme. Døme blir ikkje viste i lister, kart eller tal."),
}


def _fields(record: type[BaseModel], prefix: str = ""):
    """(path, model, field name, info) of every field of the record and its sub-records, lists as []."""
    for name, info in record.model_fields.items():
        path = prefix + name
        yield path, record, name, info
        sub = _inner_model(info.annotation)
        if sub is not None:
            yield from _fields(sub, path + ("[]." if "list" in str(info.annotation) else "."))


def help_texts(record: type[BaseModel] = Kommunecase) -> dict[str, dict[str, str]]:
    """Per field path ("deltakelse[].dato" style), {"nb": …, "nn": …}, for every field of the record
    and its sub-records that has a help text."""
    out: dict[str, dict[str, str]] = {}
    for path, model, name, _ in _fields(record):
        text = HELP.get(f"{model.__name__}.{name}") or HELP.get(name)
        if text:
            out[path] = {"nb": text[0], "nn": text[1]}
    return out


def missing_help(record: type[BaseModel] = Kommunecase) -> list[str]:
    """Fields of the record (and its sub-records) that have no help text."""
    have = help_texts(record)
    return [path for path, *_ in _fields(record) if path not in have]
