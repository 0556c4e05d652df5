"""The accessibility statement at /tilgjengelighet/, from data.

`statement_markdown()` renders data/tilgjengelighet.yml (what the editors declare) plus
data/tilgjengelighet-resultater.json (the latest green run of the automated browser tests,
copied there by scripts/update_a11y_results.py).
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Literal

STATEMENT_FILE = "tilgjengelighet.yml"
RESULTS_FILE = "tilgjengelighet-resultater.json"

STATUS_TEXT = {
    "samsvar": "Nettstedet er i samsvar med kravene til universell utforming av ikt.",
    "delvis": "Nettstedet er delvis i samsvar med kravene til universell utforming av ikt.",
    "ikke": "Nettstedet er ikke i samsvar med kravene til universell utforming av ikt.",
}

# Names of the automated checks, as the browser tests record them (tests/browser/test_a11y.py).
CHECK_NAMES = {
    "axe_lys": "axe-core, lyst tema (1280 piksler bred skjerm)",
    "axe_mork": "axe-core, mørkt tema (1280 piksler bred skjerm)",
    "axe_mobil": "axe-core, lyst tema (390 piksler bred mobilskjerm)",
    "malstorrelse": "størrelse på klikkflater, minst 24 x 24 piksler eller god nok avstand (WCAG 2.2, krav 2.5.8)",
    "csp": "sikkerhetsregelen (Content-Security-Policy) finnes og blir ikke brutt",
    "html": "HTML-validering med Nu Html Checker",
    "eksterne_foresporsler": "forespørsler til andre nettsteder",
    "informasjonskapsler": "informasjonskapsler",
    "sprak": "språkkode (nb, og nn på innhold skrevet på nynorsk)",
    "tittel": "sidetittel og beskrivelse",
}
KEYBOARD_NAMES = {
    "hoppelenke": "lenken «Hopp til hovedinnhold» er det første Tab når, og flytter fokus forbi menyene",
    "synlig_fokus": "synlig fokusmarkering med minst 3:1 kontrast på alle elementer man kan tabbe til",
    "fokus_ikke_skjult": "elementet med fokus havner aldri skjult bak toppmenyen, verken med Tab eller Shift+Tab (WCAG 2.2, krav 2.4.11)",
    "meny": "hovedmenyen kan brukes med tastatur på bred skjerm",
    "meny_smal": "hovedmenyen kan åpnes med tastatur på smal skjerm (mobil, eller 400 prosent forstørrelse)",
    "fargetema": "bytte mellom lyst og mørkt tema med tastatur",
}


def _models():
    from pydantic import BaseModel, ConfigDict, Field

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    class Avvik(Strict):
        krav: str = Field(description="Suksesskriteriet i WCAG 2.1, f.eks. «4.1.2 Navn, rolle, verdi».")
        beskrivelse: str = Field(description="Hva som ikke er i samsvar, og hva det betyr for brukeren.")
        plan: str | None = Field(None, description="Hva vi gjør med det, og når.")

    class Vurdering(Strict):
        krav: str = Field(description="Suksesskriteriet, f.eks. «2.5.8 Målstørrelse (minimum) (nivå AA)».")
        resultat: Literal["oppfylt", "ikke oppfylt", "ikke relevant"]
        vurdering: str = Field(description="Hvordan kravet er kontrollert, og hva vi fant.")

    class Kontakt(Strict):
        epost: str | None = None
        nettskjema: str | None = Field(None, description="Adresse (https://) til et sted å melde fra.")
        nettskjema_tekst: str | None = None

    class Erklaering(Strict):
        nettsted: str
        virksomhet: str | None = Field(None, description="Hvem som har ansvar for nettstedet. Fylles ut av den som publiserer.")
        standard: str
        regelverk: str
        status: Literal["samsvar", "delvis", "ikke"]
        status_forklaring: str
        avvik: list[Avvik] = []
        ikke_kontrollert: list[str] = []
        unntak: list[str] = []
        wcag22: list[Vurdering] = []
        tilbakemelding: Kontakt = Field(default_factory=Kontakt,
                                        description="Hvor brukerne melder fra. Fylles ut av den som publiserer.")
        svartid: str
        opprettet: dt.date
        oppdatert: dt.date

    return Erklaering


def load_statement(data_dir: Path):
    """The statement data, validated (a clear error on a typo rather than a silently wrong page)."""
    import yaml

    raw = yaml.safe_load((Path(data_dir) / STATEMENT_FILE).read_text(encoding="utf-8"))
    return _models().model_validate(raw)


def publisher_gaps(st) -> list[str]:
    """What the publisher has not filled in yet (Norwegian), in the order of the file."""
    gaps = []
    if not (st.virksomhet or "").strip():
        gaps.append("virksomhet (hvem som har ansvar for nettstedet)")
    kontakt = st.tilbakemelding
    if not ((kontakt.epost or "").strip() or (kontakt.nettskjema or "").strip()):
        gaps.append("tilbakemelding.epost eller tilbakemelding.nettskjema (hvor brukerne melder fra om feil)")
    elif kontakt.nettskjema and not kontakt.nettskjema.startswith("https://"):
        gaps.append(f"tilbakemelding.nettskjema må begynne med https:// (fant «{kontakt.nettskjema}»)")
    return gaps


def publisher_message(data_dir: Path) -> str | None:
    """None when the statement names its owner and feedback channel; else what is missing."""
    gaps = publisher_gaps(load_statement(data_dir))
    if not gaps:
        return None
    return ("Tilgjengelighetserklæringen mangler det den som publiserer nettstedet, skal fylle inn i "
            f"data/{STATEMENT_FILE}: {'; '.join(gaps)}. En erklæring uten ansvarlig og uten en kanal for "
            "tilbakemeldinger oppfyller ikke kravene.")


def load_results(data_dir: Path) -> dict | None:
    path = Path(data_dir) / RESULTS_FILE
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def _dato(value: dt.date) -> str:
    months = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
              "oktober", "november", "desember"]
    return f"{value.day}. {months[value.month - 1]} {value.year}"


def _esc(text: str) -> str:
    from markupsafe import escape
    return str(escape(text))


def results_summary(results: dict | None) -> dict:
    """What the latest recorded run shows: pages, checks, and every check that found something."""
    if not results:
        return {"finnes": False}
    pages = results.get("sider", [])
    failures = [(p["navn"], p["url"], check, count) for p in pages
                for check, count in p.get("kontroller", {}).items() if count]
    keyboard = results.get("tastatur", {})
    failures += [("Tastatur", "", name, count) for name, count in keyboard.items() if count]
    return {"finnes": True, "sider": pages, "feil": failures, "tastatur": keyboard,
            "dato": dt.date.fromisoformat(results["dato"]), "verktoy": results.get("verktoy", {})}


def _page_exists(data_dir: Path, url: str) -> bool:
    """A tested case page exists only while its case file does (a copy of the site with other data,
    or a case that was renamed, must not link to nothing)."""
    parts = url.split("?")[0].strip("/").split("/")
    if len(parts) == 2 and parts[0] == "kommuner":
        return (Path(data_dir) / "kommuner" / f"{parts[1]}.yml").exists()
    return True


def statement_markdown(data_dir: Path, page_url: str = "tilgjengelighet/") -> str:
    """The statement as Markdown/HTML for docs/tilgjengelighet.md (uustatus.no's order)."""
    from .render import rel

    st = load_statement(data_dir)
    res = results_summary(load_results(data_dir))
    e = _esc
    out: list[str] = []
    add = out.append

    if st.virksomhet:
        add(f"Denne erklæringen gjelder nettstedet {e(st.nettsted)}, som {e(st.virksomhet)} har ansvar for. "
            f"Kravene står i {e(st.regelverk)}, som viser til {e(st.standard)}.\n")
    else:  # only in a local build: a publishing build stops (publisher_message)
        add(f"Denne erklæringen gjelder nettstedet {e(st.nettsted)}. Hvem som har ansvar for nettstedet, er ikke "
            f"fylt inn ennå. Kravene står i {e(st.regelverk)}, som viser til {e(st.standard)}.\n")

    add("## I hvilken grad er nettstedet i samsvar med kravene?\n")
    add(f"**{e(STATUS_TEXT[st.status])}**\n")
    add(f"{e(st.status_forklaring)}\n")

    add("## Resultat av de automatiske testene\n")
    if not res["finnes"]:
        add("Det finnes ingen lagrede resultater fra de automatiske testene ennå.\n")
    else:
        pages = res["sider"]
        add(f"De automatiske testene ble sist kjørt {_dato(res['dato'])}, på {len(pages)} sider og visninger "
            "som til sammen dekker alle sidetypene på nettstedet. Hver av dem ble åpnet i en ekte nettleser "
            "og kontrollert slik:\n")
        checks = sorted({c for p in pages for c in p.get("kontroller", {})}, key=list(CHECK_NAMES).index)
        for c in checks:
            add(f"- {e(CHECK_NAMES[c])}")
        if res["tastatur"]:
            add("\nMed tastatur alene kontrollerte vi dessuten:\n")
            for c in res["tastatur"]:
                add(f"- {e(KEYBOARD_NAMES.get(c, c))}")
        add("")
        if res["feil"]:
            add("Testene fant dette:\n")
            for navn, url, check, count in res["feil"]:
                if check in KEYBOARD_NAMES:
                    add(f"- Tastatur: «{e(KEYBOARD_NAMES[check])}» stemmer ikke ({count} funn).")
                else:
                    add(f"- {e(navn)}: {count} funn ved kontrollen «{e(CHECK_NAMES.get(check, check))}».")
            add("")
        else:
            add("Testene fant **ingen** brudd, ingen HTML-feil, ingen forespørsler til andre nettsteder og ingen "
                "informasjonskapsler på disse sidene.\n")
        add("Automatiske verktøy finner bare en del av bruddene på WCAG. Mange krav, for eksempel om "
            "forståelige tekster, meningsfulle alternativtekster og logisk rekkefølge, må en person vurdere. "
            "Resultatet over sier derfor ikke at nettstedet oppfyller alle kravene.\n")
        add('<details class="ks-sider"><summary>Sidene som ble testet</summary>')
        add("<ul>")
        for p in pages:
            if p.get("lenke", True) and _page_exists(data_dir, p["url"]):
                href = rel(page_url, p["url"].split("?")[0])
                add(f'<li><a href="{e(href)}">{e(p["navn"])}</a></li>')
            else:
                add(f"<li>{e(p['navn'])}</li>")
        add("</ul></details>\n")
        if res["verktoy"]:
            add("Verktøy og versjoner:\n")
            for tool, version in res["verktoy"].items():
                add(f"- {e(tool)} {e(str(version))}")
            add("")

    if st.wcag22:
        add("## Kravene som er nye i WCAG 2.2\n")
        add("Verktøyene over kontrollerer bare noen av kravene som kom med WCAG 2.2. Slik har vi kontrollert "
            "dem:\n")
        for v in st.wcag22:
            add(f"- **{e(v.krav)}**: {e(v.resultat)}. {e(v.vurdering)}")
        add("")

    add("## Innhold som ikke er universelt utformet\n")
    if st.avvik:
        for a in st.avvik:
            add(f"### {e(a.krav)}\n")
            add(f"{e(a.beskrivelse)}\n")
            if a.plan:
                add(f"{e(a.plan)}\n")
    else:
        add("Vi kjenner ikke til innhold som bryter kravene.\n")
    if st.ikke_kontrollert:
        add("## Dette har vi ikke kontrollert ennå\n")
        for item in st.ikke_kontrollert:
            add(f"- {e(item)}")
        add("")
    if st.unntak:
        add("## Innhold som ikke omfattes av kravene\n")
        for item in st.unntak:
            add(f"- {e(item)}")
        add("")

    add("## Meld gjerne fra om feil og mangler\n")
    add("Vi vil gjerne høre fra deg hvis du har funnet noe på nettstedet som er vanskelig å bruke, hvis du "
        "trenger innholdet i en annen form, eller hvis du har forslag til forbedringer.\n")
    kontakt = st.tilbakemelding
    if kontakt.epost:
        add(f'- E-post: <a href="mailto:{e(kontakt.epost)}">{e(kontakt.epost)}</a>')
    if kontakt.nettskjema:
        add(f'- <a href="{e(kontakt.nettskjema)}">{e(kontakt.nettskjema_tekst or kontakt.nettskjema)}</a>')
    if not (kontakt.epost or kontakt.nettskjema):  # only in a local build (see publisher_message)
        add("- Kanalen for tilbakemeldinger er ikke fylt inn ennå.")
    add(f"\n{e(st.svartid)}\n")

    add("## Klage\n")
    add('Diskrimineringsnemnda behandler klager på brudd på kravene til universell utforming av ikt. På '
        '<a href="https://www.diskrimineringsnemnda.no/">diskrimineringsnemnda.no</a> står det hvordan du klager. '
        "Du kan også klage hvis du ikke får svar, eller får svar for sent, når du har meldt fra til oss.\n")
    add('Tilsynet for universell utforming av ikt (Uu-tilsynet) i Digitaliseringsdirektoratet fører tilsyn med '
        'at kravene blir fulgt. Du kan melde fra om nettsteder som ikke følger kravene, på '
        '<a href="https://www.uutilsynet.no/">uutilsynet.no</a>.\n')

    add("## Om erklæringen\n")
    add(f"Erklæringen ble opprettet {_dato(st.opprettet)} og sist oppdatert {_dato(st.oppdatert)}. "
        "Den bygger på egen vurdering og på resultatene fra de automatiske testene over. Testene kjøres når "
        "nettstedet endres; resultatene på denne siden er fra den siste fullstendige kjøringen der alle "
        "testene besto (datoen står over).\n")
    return "\n".join(out)
