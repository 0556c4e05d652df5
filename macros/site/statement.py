"""The accessibility statement at /tilgjengelighet/, from data.

`statement_markdown()` renders data/tilgjengelighet.yml (what the editors declare) plus
data/tilgjengelighet-resultater.json (the latest green run of the automated browser tests,
copied there by scripts/update_a11y_results.py).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

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


class StatementError(ValueError):
    """data/tilgjengelighet.yml cannot be read or breaks its model: the problems, one per line
    (`kulturskole sjekk` and the build report the same ones first, so a build never gets here)."""


def load_statement(data_dir: Path):
    """The statement (core.statement.Erklaering), read and checked as `kulturskole sjekk` does."""
    from ..core.datafiles import by_attr
    from ..core.load import Dataset, load_file

    data_dir = Path(data_dir).resolve()
    ds = Dataset(data_dir=data_dir)
    load_file(by_attr("erklaering"), data_dir, data_dir.parent, ds)
    if ds.problems or ds.erklaering is None:
        raise StatementError("\n".join(str(p) for p in ds.problems))
    return ds.erklaering


def publisher_gaps(st) -> list[str]:
    """What the publisher has not filled in yet (Norwegian), in the order of the file."""
    gaps = []
    if not (st.virksomhet or "").strip():
        gaps.append("virksomhet (hvem som har ansvar for nettstedet)")
    kontakt = st.tilbakemelding
    if not ((kontakt.epost or "").strip() or (kontakt.nettskjema or "").strip()):
        gaps.append("tilbakemelding.epost eller tilbakemelding.nettskjema (hvor brukerne melder fra om feil)")
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
    """The recorded results, checked against their model (core.statement.Testresultater)."""
    from ..core.statement import Testresultater

    path = Path(data_dir) / RESULTS_FILE
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Testresultater.model_validate(raw).model_dump(mode="json")


def _dato(value: dt.date) -> str:
    months = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
              "oktober", "november", "desember"]
    return f"{value.day}. {months[value.month - 1]} {value.year}"


def _esc(text: str) -> str:
    """For an HTML attribute value (a link's address)."""
    from markupsafe import escape
    return str(escape(text))


# Characters Markdown (with this site's extensions: attr_list, admonition, tables, details,
# superfences) or HTML gives a meaning anywhere in a line, and those that mean something only at the
# start of a paragraph (a heading, a list, an admonition, a details block). Written as a numeric
# character reference, each is just that character to the reader, and nothing to Markdown. Values
# are put on one line per paragraph, so nothing can span lines (a table, a setext heading).
_MARKUP = frozenset('\\`*_{}[]<>&~')
_LEADING = re.compile(r"^(?:[#+\-!?=]|\d+[.)](?=\s|$))")


def _text(value, one_line: bool = False) -> str:
    """A value from the data as text in the page's Markdown: no Markdown, no HTML, no attributes,
    no links (issue 22: «{: onfocus=…}» and «[l](javascript:…)» stay text). Paragraphs (a blank
    line) are kept unless one_line; other line breaks and runs of spaces become one space."""
    text = str(value).strip()
    parts = [text] if one_line else re.split(r"\n[ \t]*\n", text)
    out = []
    for part in parts:
        part = " ".join(part.split())
        lead = _LEADING.match(part)
        head = "".join(f"&#{ord(c)};" for c in lead.group()) if lead else ""
        out.append(head + "".join(f"&#{ord(c)};" if c in _MARKUP else c for c in part[len(head and lead.group()):]))
    return "\n\n".join(p for p in out if p)


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
    e = _esc  # attribute values only
    t = _text  # block text: paragraphs kept
    line = lambda value: _text(value, one_line=True)  # noqa: E731
    out: list[str] = []
    add = out.append

    if st.virksomhet:
        add(f"Denne erklæringen gjelder nettstedet {line(st.nettsted)}, som {line(st.virksomhet)} har ansvar for. "
            f"Kravene står i {line(st.regelverk)}, som viser til {line(st.standard)}.\n")
    else:  # only in a local build: a publishing build stops (publisher_message)
        add(f"Denne erklæringen gjelder nettstedet {line(st.nettsted)}. Hvem som har ansvar for nettstedet, er ikke "
            f"fylt inn ennå. Kravene står i {line(st.regelverk)}, som viser til {line(st.standard)}.\n")

    add("## I hvilken grad er nettstedet i samsvar med kravene?\n")
    add(f"**{line(STATUS_TEXT[st.status])}**\n")
    add(f"{t(st.status_forklaring)}\n")

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
            add(f"- {line(CHECK_NAMES[c])}")
        if res["tastatur"]:
            add("\nMed tastatur alene kontrollerte vi dessuten:\n")
            for c in res["tastatur"]:
                add(f"- {line(KEYBOARD_NAMES.get(c, c))}")
        add("")
        if res["feil"]:
            add("Testene fant dette:\n")
            for navn, url, check, count in res["feil"]:
                if check in KEYBOARD_NAMES:
                    add(f"- Tastatur: «{line(KEYBOARD_NAMES[check])}» stemmer ikke ({count} funn).")
                else:
                    add(f"- {line(navn)}: {count} funn ved kontrollen «{line(CHECK_NAMES.get(check, check))}».")
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
                add(f'<li><a href="{e(href)}">{line(p["navn"])}</a></li>')
            else:
                add(f"<li>{line(p['navn'])}</li>")
        add("</ul></details>\n")
        if res["verktoy"]:
            add("Verktøy og versjoner:\n")
            for tool, version in res["verktoy"].items():
                add(f"- {line(tool)} {line(version)}")
            add("")

    if st.wcag22:
        add("## Kravene som er nye i WCAG 2.2\n")
        add("Verktøyene over kontrollerer bare noen av kravene som kom med WCAG 2.2. Slik har vi kontrollert "
            "dem:\n")
        for v in st.wcag22:
            add(f"- **{line(v.krav)}**: {line(v.resultat)}. {line(v.vurdering)}")
        add("")

    add("## Innhold som ikke er universelt utformet\n")
    if st.avvik:
        for a in st.avvik:
            add(f"### {line(a.krav)}\n")
            add(f"{t(a.beskrivelse)}\n")
            if a.plan:
                add(f"{t(a.plan)}\n")
    else:
        add("Vi kjenner ikke til innhold som bryter kravene.\n")
    if st.ikke_kontrollert:
        add("## Dette har vi ikke kontrollert ennå\n")
        for item in st.ikke_kontrollert:
            add(f"- {line(item)}")
        add("")
    if st.unntak:
        add("## Innhold som ikke omfattes av kravene\n")
        for item in st.unntak:
            add(f"- {line(item)}")
        add("")

    add("## Meld gjerne fra om feil og mangler\n")
    add("Vi vil gjerne høre fra deg hvis du har funnet noe på nettstedet som er vanskelig å bruke, hvis du "
        "trenger innholdet i en annen form, eller hvis du har forslag til forbedringer.\n")
    kontakt = st.tilbakemelding
    if kontakt.epost:
        add(f'- E-post: <a href="mailto:{e(kontakt.epost)}">{line(kontakt.epost)}</a>')
    if kontakt.nettskjema:
        add(f'- <a href="{e(kontakt.nettskjema)}">{line(kontakt.nettskjema_tekst or kontakt.nettskjema)}</a>')
    if not (kontakt.epost or kontakt.nettskjema):  # only in a local build (see publisher_message)
        add("- Kanalen for tilbakemeldinger er ikke fylt inn ennå.")
    add(f"\n{t(st.svartid)}\n")

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
