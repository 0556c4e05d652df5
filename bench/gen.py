"""Generate a FICTIONAL dataset of N municipality cases for the benchmark (never into data/).

    python bench/gen.py 2000 bench/work/data-2000

Everything is visibly fictional: municipalities are «Testkommune 0001» … with numbers from 6001
upwards (no Norwegian municipality has had a 60xx–80xx number) in a fictional register of
max(N, 357) municipalities, spread over the 15 real counties in proportion to their real number
of municipalities, each with a point jittered around a real municipality of that county (so all
points lie in Norway). Every case has every field filled and a Markdown story beside it; a case
page carries about 600 words. The output is deterministic for a given N.
"""
from __future__ import annotations

import random
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REAL_DATA = ROOT / "data"
FIRST_NUMBER = 6000
REGISTER_MIN = 357

# --- Vocabulary ----------------------------------------------------------------------------------

GRUPPER = ["barn", "unge", "eldre", "familier", "nyankomne", "ungdommer", "småbarnsforeldre", "pensjonister",
           "elever på mellomtrinnet", "elever på ungdomstrinnet", "barnehagebarn", "unge voksne",
           "beboere på sykehjemmet", "deltakere i introduksjonsprogrammet", "barn med særskilte behov",
           "lærlinger", "studenter", "frivillige", "foreldre", "besteforeldre"]
UTTRYKK = ["sang", "dans", "drama", "visuell kunst", "korpsmusikk", "band", "skriving", "film", "teater",
           "sirkus", "keramikk", "animasjon", "fiolin", "gitar", "slagverk", "hiphop", "folkemusikk",
           "kammermusikk", "joik", "scenografi", "tegneserier", "fotografi", "podkast", "elektronisk musikk",
           "kor", "musikal", "treskjæring", "tekstil", "spillutvikling", "arkitektur"]
PARTNERE = ["barnehagene", "grunnskolene", "folkebiblioteket", "frivilligsentralen", "helsestasjonen",
            "sykehjemmet", "skolekorpset", "idrettslaget", "menigheten", "ungdomsklubben",
            "næringsforeningen", "museet", "kulturhuset", "flyktningtjenesten", "barnevernet", "NAV-kontoret",
            "den videregående skolen", "pensjonistforeningen", "husflidslaget", "teaterlaget", "mannskoret",
            "det lokale rockeverkstedet", "høgskolen", "fylkesbiblioteket", "ungdomsrådet", "eldrerådet"]
STEDER = ["grendehuset", "kulturhuset", "skolen", "biblioteket", "samfunnshuset", "sentrum", "bydelshuset",
          "ungdomshuset", "kirken", "aulaen", "gymsalen", "kaia", "torget", "museet", "låven"]
TIDER = ["høsten 2021", "våren 2022", "høsten 2022", "vinteren 2023", "våren 2023", "skoleåret 2022/23",
         "sommeren 2022", "det første halvåret", "det andre året", "i oppstarten", "mot slutten av piloten"]
VERB = ["prøvde ut", "utviklet", "planla", "evaluerte", "videreførte", "justerte", "dokumenterte",
        "presenterte", "la fram", "drøftet", "kartla", "beskrev", "forankret", "organiserte"]
TILTAK = ["faste møter", "en felles årsplan", "hospitering", "et pilotkurs", "en åpen dag", "en brukerundersøkelse",
          "en samarbeidsavtale", "en fagdag", "et felles verksted", "en ressursbank", "et mentorprogram",
          "en ny timeplan", "en arbeidsgruppe", "en digital oppslagstavle", "et lavterskeltilbud",
          "en sommerskole", "en turnéordning", "en kompetanseplan"]
ROLLER = [("kulturskolerektor", "kulturskole"), ("avdelingsleder i kulturskolen", "kulturskole"),
          ("kulturskolelærer", "kulturskole"), ("kommunalsjef for oppvekst", "kommuneledelse"),
          ("kommunalsjef for kultur", "kommuneledelse"), ("rektor i grunnskolen", "skole"),
          ("styrer i en kommunal barnehage", "barnehage"), ("leder for helsestasjonen", "helse"),
          ("kulturkonsulent", "kultur"), ("leder i frivilligsentralen", "frivillighet"),
          ("daglig leder i næringsforeningen", "naeringsliv"), ("representant for ungdomsrådet", "innbyggere"),
          ("bibliotekleder", "kultur"), ("leder for hjemmetjenesten", "helse")]
PARTNERTYPER = ["frivillighet", "naeringsliv", "innbyggere", "kommunal-tjeneste", "kunst-og-kultur", "forskning",
                "annet"]
PARTNERNAVN = ["musikklag", "historielag", "skolekorps", "ungdomsråd", "frivilligsentral", "næringsforening",
               "teaterlag", "bygdekvinnelag", "idrettslag", "kunstforening", "jazzklubb", "bibliotek",
               "forskningssenter", "pensjonistforening", "helsestasjon"]
STAVELSER_1 = ["Nord", "Sør", "Vest", "Øst", "Hå", "Sol", "Berg", "Li", "Fjell", "Strand", "Skog", "Myr", "Ås",
               "Elve", "Kvit", "Rød", "Grøn", "Lang", "Breid", "Stor", "Lille", "Haug", "Vik", "Dal", "Tind"]
STAVELSER_2 = ["bakken", "vika", "dalen", "haugen", "li", "moen", "neset", "øya", "tun", "vollen", "sletta",
               "berget", "holmen", "åsen", "lia", "fjorden", "stranda", "brekka", "rud", "heim"]

SETNINGER = [
    "Kulturskolen {verb} et tilbud i {uttrykk} for {gruppe} sammen med {partner}.",
    "Kommunegruppa møttes i {sted} {tid} og {verb} hvordan {gruppe} kunne nås bedre.",
    "Erfaringen var at {gruppe} deltok mer når tilbudet lå i {sted} og ikke i kulturskolens egne lokaler.",
    "Samarbeidet med {partner} ga nye ideer til hvordan {uttrykk} kan brukes i hverdagen til {gruppe}.",
    "Vi {verb} {tiltak} for å gjøre arbeidet mindre avhengig av enkeltpersoner.",
    "{tid} ble {tiltak} tatt i bruk, og {partner} var med fra første dag.",
    "Lærerne i kulturskolen fikk tid til å hospitere hos {partner}, noe som ga bedre kjennskap til {gruppe}.",
    "Det tok lengre tid enn ventet å finne et fast tidspunkt som passet for både {partner} og kulturskolen.",
    "Tilbakemeldingene fra {gruppe} viste at {uttrykk} var mest populært, særlig når det ble vist fram i {sted}.",
    "Kommunen ser kulturskolen som en ressurs for hele lokalsamfunnet, ikke bare for elevene som betaler kontingent.",
    "Gruppa brukte de fire spørsmålene om fremtidsbilder som utgangspunkt for samtalene med {partner}.",
    "En viktig lærdom var at ledelsen i kommunen må være med fra starten, ellers stopper arbeidet opp.",
    "{uttrykk_stor} ble et felles språk mellom kulturskolen og {partner}.",
    "Vi {verb} en plan der {gruppe} selv var med på å bestemme innholdet i {uttrykk}.",
    "Økonomien var en utfordring, men {tiltak} gjorde det mulig å dele utgiftene med {partner}.",
    "I {stedsnavn} ble det arrangert en forestilling der {gruppe} viste fram det de hadde laget.",
    "Prosjektet i {stedsnavn} viste at små tiltak kan gi store endringer når mange drar i samme retning.",
    "Kulturskolen har fått en tydeligere rolle i kommunens planer for oppvekst og folkehelse.",
    "Det var krevende å kombinere utviklingsarbeidet med den vanlige undervisningen i {uttrykk}.",
    "Foreldre og {gruppe} fortalte at de ikke visste hva kulturskolen kunne tilby før prosjektet startet.",
    "Etter piloten er {tiltak} skrevet inn i kommunens handlingsplan, slik at arbeidet fortsetter.",
    "Vi lærte mye av de andre kommunene på fellessamlingene, særlig om samarbeid med {partner}.",
    "Skyssen var et hinder for {gruppe} i {stedsnavn}, så tilbudet ble flyttet nærmere der de bor.",
    "Gjennom {uttrykk} fikk {gruppe} en arena der de kunne møtes på tvers av alder og bakgrunn.",
]


def _sentence(rng: random.Random, stedsnavn: str) -> str:
    uttrykk = rng.choice(UTTRYKK)
    s = rng.choice(SETNINGER).format(
        verb=rng.choice(VERB), uttrykk=uttrykk, uttrykk_stor=uttrykk[0].upper() + uttrykk[1:],
        gruppe=rng.choice(GRUPPER), partner=rng.choice(PARTNERE), sted=rng.choice(STEDER), tid=rng.choice(TIDER),
        tiltak=rng.choice(TILTAK), stedsnavn=stedsnavn)
    return s[0].upper() + s[1:]


def _text(rng: random.Random, n: int, stedsnavn: str) -> str:
    return " ".join(_sentence(rng, stedsnavn) for _ in range(n))


def _stedsnavn(rng: random.Random) -> str:
    return rng.choice(STAVELSER_1) + rng.choice(STAVELSER_2)


# --- Register ------------------------------------------------------------------------------------

def _real_register() -> dict:
    return yaml.safe_load((REAL_DATA / "kommuneregister.yml").read_text(encoding="utf-8"))


def fictional_register(n_cases: int) -> dict:
    """max(n_cases, 357) fictional municipalities over the 15 real counties, in the real shape."""
    real = _real_register()
    rng = random.Random(4242)
    size = max(n_cases, REGISTER_MIN)
    by_county: dict[str, list] = {}
    for k in real["kommuner"]:
        by_county.setdefault(k["fylke"], []).append(k)
    # Counties in proportion to their real number of municipalities (at least one each).
    slots: list[str] = []
    for nr, members in by_county.items():
        slots += [nr] * max(1, round(size * len(members) / len(real["kommuner"])))
    rng.shuffle(slots)
    while len(slots) < size:
        slots.append(rng.choice(list(by_county)))
    slots = slots[:size]
    kommuner = []
    for i, fylke in enumerate(slots, 1):
        anchor = rng.choice(by_county[fylke])["punkt"]
        lon = round(anchor[0] + rng.uniform(-0.05, 0.05), 3)
        lat = round(anchor[1] + rng.uniform(-0.03, 0.03), 3)
        nummer = f"{FIRST_NUMBER + i}"
        kommuner.append({"nummer": nummer, "navn": name(i), "fylke": fylke, "punkt": [lon, lat],
                         "nummer_2020": nummer})
    return {
        "gyldig_fra": real["gyldig_fra"],
        "kilde": "FIKTIVT testregister for ytelsesmåling (bench/gen.py); ikke ekte kommuner",
        "fylker": real["fylker"],
        "kommuner": kommuner,
        "fylker_2020": real["fylker_2020"],
        "kommuner_2020": [],
    }


def name(i: int) -> str:
    return f"Testkommune {i:04d}"


def slug(i: int) -> str:
    return f"testkommune-{i:04d}"


# --- Lists ---------------------------------------------------------------------------------------

def kriterier() -> list[dict]:
    out = [{"id": "vaer-nysgjerrig", "nummer": 1, "tittel": "Vær nysgjerrig",
            "beskrivelse": "Det første av de seks mulige suksesskriteriene (ekte tittel; resten er fiktive).",
            "kilde": {"tittel": "Fiktiv kilde for ytelsesmåling", "url": "https://example.org/kriterier"}}]
    for n in range(2, 7):
        out.append({"id": f"testkriterium-{n}", "nummer": n, "tittel": f"Testkriterium {n} (fiktivt)",
                    "beskrivelse": f"Et fiktivt kriterium nummer {n}, bare for ytelsesmåling.",
                    "kilde": {"tittel": "Fiktiv kilde for ytelsesmåling", "url": "https://example.org/kriterier"}})
    return out


def fokusomrader() -> list[dict]:
    real = yaml.safe_load((REAL_DATA / "fokusomrader.yml").read_text(encoding="utf-8"))
    return real + [{"id": f"testomrade-{n}", "tittel": f"Testområde {n} (fiktivt)",
                    "kort": "Et fiktivt fokusområde for ytelsesmåling.",
                    "beskrivelse": "Fiktivt innhold. " * 20, "innganger": ["ressurssenter"]}
                   for n in range(1, 5)]


def samlinger(register: dict, n_cases: int) -> list[dict]:
    rng = random.Random(77)
    nums = [k["nummer"] for k in register["kommuner"][:n_cases]]
    out = [{"id": "testmilepael-valgt", "type": "milepael", "tittel": "Testkommunene valgt ut (fiktivt)",
            "dato": "2021-04-22", "beskrivelse": "Fiktiv milepæl.", "kommuner": nums[:16]}]
    types = ["fellessamling", "lokal-samling", "lederoppfolgingsdag", "regional-arena", "verksted"]
    for i in range(max(10, n_cases // 10)):
        year, month = 2021 + i % 4, 1 + (i * 5) % 12
        fylke = rng.choice(register["fylker"])["nummer"]
        s = {"id": f"testsamling-{i + 1:04d}", "type": types[i % len(types)],
             "tittel": f"Testsamling {i + 1} (fiktiv)", "dato": f"{year}-{month:02d}-15",
             "sted": f"{_stedsnavn(rng)}, fiktivt sted", "fylke": fylke,
             "beskrivelse": _text(rng, 2, "Testby"),
             "kilde": {"tittel": "Fiktiv kilde", "url": f"https://example.org/samling/{i + 1}"}}
        if i % 3 == 0:
            s["kommuner"] = rng.sample(nums, min(len(nums), rng.randint(2, 8)))
        out.append(s)
    return out


# --- Cases ---------------------------------------------------------------------------------------

def case(i: int, rng: random.Random, nummer: str, fokus_ids: list[str], kriterie_ids: list[str]) -> tuple[dict, str]:
    sted = _stedsnavn(rng)
    roller = rng.sample(ROLLER[:3], 2) + rng.sample(ROLLER[3:], rng.randint(2, 4))  # 4–6, outside members
    year = rng.choice([2021, 2022])
    record = {
        "navn": name(i),
        "kommunenummer": nummer,
        "sprak": "nn" if i % 7 == 0 else "nb",
        "program": "kulturskole-3-0",
        "deltakelse": [
            {"status": "valgt", "dato": f"{year}-04-22"},
            {"status": "aktiv", "dato": f"{year}-09-01", "merknad": "Kommunegruppa hadde sitt første møte (fiktivt)."},
            {"status": "fullfort", "dato": f"{year + 2}-01-26"},
        ],
        "fokusomrade": rng.choice(fokus_ids),
        "utviklingsprosjekt": {"tittel": f"{rng.choice(UTTRYKK).capitalize()} for {rng.choice(GRUPPER)} i {sted}",
                               "sammendrag": _text(rng, 2, sted)},
        "kommunegruppe": [{"rolle": r, "sektor": s} for r, s in roller],
        "partnere": [{"navn": f"{sted} {rng.choice(PARTNERNAVN)} (fiktiv)", "type": rng.choice(PARTNERTYPER)}
                     for _ in range(rng.randint(2, 4))],
        "fremtidsbilde": {
            "slik_vil_vi_fremsta": _text(rng, 2, sted),
            "nar_rollen_er_nadd": _text(rng, 2, sted),
            "slik_er_det_na": _text(rng, 2, sted),
            "hva_skal_til": {"beskrivelse": _text(rng, 1, sted),
                             "tiltak": [f"{t[0].upper()}{t[1:]} sammen med {rng.choice(PARTNERE)}."
                                        for t in rng.sample(TILTAK, 3)]},
        },
        "erfaringer": {"dette_fungerte": [_sentence(rng, sted) for _ in range(2)],
                       "dette_fungerte_ikke": [_sentence(rng, sted) for _ in range(2)]},
        "suksesskriterier": [{"id": k, "belegg": _text(rng, 1, sted)} for k in rng.sample(kriterie_ids, 2)],
        "kontakt": {"rolle": "kulturskolerektor", "navn": f"Testperson {i:04d}",
                    "epost": f"testperson{i:04d}@example.org", "samtykke": True},
        "kilder": [{"tittel": f"{name(i)} sin nettside (fiktiv)", "url": f"https://example.org/{slug(i)}"},
                   {"tittel": "Fiktiv lokalavis", "url": f"https://example.org/avis/{slug(i)}"}],
        "oppdatert": f"2026-{1 + i % 11:02d}-{1 + i % 28:02d}",
    }
    story = "\n\n".join([
        f"Dette er en fiktiv fortelling om arbeidet i {name(i)}, laget for ytelsesmåling.",
        "## Slik begynte vi", _text(rng, 3, sted),
        "\n".join(f"- {_sentence(rng, sted)}" for _ in range(2)),
        "## Det vi lærte", _text(rng, 3, sted),
        f"Les mer hos [{sted} (fiktiv)](https://example.org/{slug(i)}/fortelling).",
    ]) + "\n"
    return record, story


def _dump(obj, path: Path, header: str = "# FIKTIVE testdata for ytelsesmåling (bench/gen.py).\n") -> None:
    path.write_text(header + yaml.dump(obj, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")


def generate(n_cases: int, out: Path) -> Path:
    """Write a complete data directory with n_cases fictional cases to out (replaced if present)."""
    out = Path(out).resolve()
    if out == REAL_DATA.resolve() or REAL_DATA.resolve() in out.parents:
        raise SystemExit("bench/gen.py skriver aldri i data/")
    if out.exists():
        shutil.rmtree(out)
    (out / "kommuner").mkdir(parents=True)
    register = fictional_register(n_cases)
    _dump(register, out / "kommuneregister.yml")
    fokus = fokusomrader()
    krit = kriterier()
    lists = {"fokusomrader.yml": fokus, "suksesskriterier.yml": krit,
             "samlinger.yml": samlinger(register, n_cases)}
    for fname, items in lists.items():
        _dump(items, out / fname)
    # Every other file in data/ (ressurser.yml, tilgjengelighet.yml, kart/, ...: the list files the
    # loader requires may grow, see macros.model.LIST_FILES) is copied as it is; they name no
    # municipality. Should one start to, the check below fails and this generator must learn it.
    for src in REAL_DATA.iterdir():
        if src.name in lists or src.name in ("kommuner", "kommuneregister.yml") or src.name.startswith("."):
            continue
        if src.is_dir():
            shutil.copytree(src, out / src.name)
        else:
            shutil.copy(src, out / src.name)
    # The accessibility results name the real pages that were tested, one of them a real case page
    # (kommuner/bodo/): point that at a fictional case, or the statement would link to nothing.
    results = out / "tilgjengelighet-resultater.json"
    if results.exists():
        text = results.read_text(encoding="utf-8")
        text = re.sub(r'"kommuner/(?!eksempelkommune/)[a-z0-9-]+/"', f'"kommuner/{slug(1)}/"', text)
        results.write_text(text, encoding="utf-8")
    # The real example case (eksempel: true, number 99xx): the nav links to its page.
    for src in (REAL_DATA / "kommuner").glob("eksempelkommune.*"):
        shutil.copy(src, out / "kommuner" / src.name)
    fokus_ids = [f["id"] for f in fokus]
    kriterie_ids = [k["id"] for k in krit]
    for i, k in enumerate(register["kommuner"][:n_cases], 1):
        rng = random.Random(i)
        record, story = case(i, rng, k["nummer"], fokus_ids, kriterie_ids)
        _dump(record, out / "kommuner" / f"{slug(i)}.yml")
        (out / "kommuner" / f"{slug(i)}.md").write_text(story, encoding="utf-8")
    return out


if __name__ == "__main__":
    n = int(sys.argv[1])
    dest = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "bench" / "work" / f"data-{n}"
    print(generate(n, dest))
