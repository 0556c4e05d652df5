"""The facts rules as rules: sources for every stated fact, editorial readings said out loud, no
invented success criteria, no unverified claim stated as fact, no private persons' names.

The rules come from the project's facts list (real municipalities only get facts with a public
source) and the README («Facts, not invention»). The checks in `kulturskole sjekk` live in
macros/core/facts.py; this file tests them and what the built pages say.
"""
from __future__ import annotations

import re
from pathlib import Path
from textwrap import dedent

import pytest
import yaml

from macros.core import facts
from macros.core.catalog import validate
from macros.core.load import load_dataset

from .conftest import ROOT
from .test_site import article

GOOD = dedent("""\
    navn: Bodø
    kommunenummer: "1804"
    deltakelse:
      - status: valgt
        dato: 2021-04-22
    oppdatert: 2026-10-01
    program: kulturskole-3-0
    """)
NO_SOURCE = ("siden sier noe om kommunens arbeid ({fields}), men har ingen kilder; legg til en kilde: en offentlig "
             "side med lenke (https://), eller kommunens egen beretning med rolle og dato; eller ta bort "
             "opplysningene som ikke har kilde")


def problems(data: Path, text: str, name: str = "bodo.yml") -> list[str]:
    (data / "kommuner" / name).write_text(dedent(text), encoding="utf-8")
    _, found = validate(data)
    return [str(p) for p in found]


# --- kulturskole sjekk: a stated fact needs a source ----------------------------------------------

def test_fact_without_source_is_an_error_at_the_first_fact(data):
    text = GOOD + "utviklingsprosjekt:\n  tittel: Et prosjekt\n  sammendrag: Noe kommunen gjorde.\n" \
                  "partnere:\n  - {navn: Et lag, type: frivillighet}\n"
    assert problems(data, text) == [
        "data/kommuner/bodo.yml:8: kilder: " + NO_SOURCE.format(fields="utviklingsprosjekt, partnere")
    ]


def test_an_empty_source_list_is_no_source(data):
    assert problems(data, GOOD + "fokusomrade: helhetlig-oppvekst\nkilder: []\n") == [
        "data/kommuner/bodo.yml:8: kilder: " + NO_SOURCE.format(fields="fokusområde")
    ]


def test_fact_with_a_source_is_accepted(data):
    text = GOOD + "fokusomrade: helhetlig-oppvekst\nkilder:\n  - {tittel: Kilde, url: \"https://example.org/k\"}\n"
    assert problems(data, text) == []


def test_participation_and_contact_need_no_source(data):
    assert problems(data, GOOD + "kontakt:\n  rolle: kulturskolerektor\n") == []


def test_a_story_is_a_fact_too(data):
    (data / "kommuner" / "bodo.md").write_text("Slik gjorde vi det.\n", encoding="utf-8")
    assert problems(data, GOOD) == [
        "data/kommuner/bodo.yml:1: kilder: " + NO_SOURCE.format(fields="fortellingen i .md-filen")
    ]


def test_examples_are_fiction_and_exempt(data):
    text = GOOD.replace("Bodø", "Eksempelby").replace('"1804"', '"9902"') + \
        "eksempel: true\nutviklingsprosjekt:\n  tittel: Fiktivt\n  sammendrag: Fiktivt.\n"
    assert problems(data, text, "eksempelby.yml") == []


def test_reported_with_field_errors_in_the_same_run(data):
    text = GOOD.replace("status: valgt", "status: ferdig") + "fokusomrade: helhetlig-oppvekst\n"
    assert problems(data, text) == [
        "data/kommuner/bodo.yml:4: deltakelse[1].status: fant «ferdig»; tillatt i programmet kulturskole-3-0 "
        "(Piloten) er: valgt, aktiv, fullfort, trukket",
        "data/kommuner/bodo.yml:8: kilder: " + NO_SOURCE.format(fields="fokusområde"),
    ]


def test_editorial_reading_needs_the_focus_area_it_explains(data):
    text = GOOD + "fokusomrade_tolkning: Vår tolkning.\nkilder:\n  - {tittel: K, url: \"https://example.org/k\"}\n"
    assert problems(data, text) == [
        "data/kommuner/bodo.yml:8: fokusomrade_tolkning: forklarer et fokusområde, men fokusomrade mangler; "
        "skriv fokusomrade, eller fjern fokusomrade_tolkning"
    ]


def test_a_criterion_needs_its_public_source(data):
    path = data / "suksesskriterier.yml"
    kriterier = yaml.safe_load(path.read_text(encoding="utf-8"))
    del kriterier[1]["kilde"]
    path.write_text(yaml.safe_dump(kriterier, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, found = validate(data)
    assert "data/suksesskriterier.yml:8: [2].kilde: mangler; feltet er påkrevd" in [str(p) for p in found]


# --- The real data ----------------------------------------------------------------------------------

def test_every_real_case_that_states_a_fact_has_a_source():
    ds = load_dataset(ROOT / "data")
    assert facts.check(ds) == []
    stating = [c for c in ds.cases if not c.eksempel and any(
        getattr(c.record, f) for f in facts.FACT_FIELDS)]
    assert {c.slug for c in stating} >= {"bodo", "lillestrom", "malselv", "nes", "sunnfjord"}
    for c in stating:
        assert c.record.kilder and all(k.url.startswith("https://") for k in c.record.kilder), c.slug


# Cases whose own public source names their focus area (then it is no editorial reading). None so far.
FOCUS_STATED_BY_SOURCE: set[str] = set()


def test_every_real_focus_area_is_marked_as_a_reading_or_stated_by_a_source():
    """No known source names one of the call's focus areas for a municipality, so each one we give
    is our reading, and the data says what it rests on."""
    cat, _ = validate(ROOT / "data")
    given = [c for c in cat.cases if c.record.fokusomrade]
    assert given, "ingen fokusområder i dataene"
    assert [c.slug for c in given if not c.record.fokusomrade_tolkning and c.slug not in FOCUS_STATED_BY_SOURCE] == []


def test_only_criteria_with_a_source_and_never_more_than_six():
    cat, _ = validate(ROOT / "data")
    assert 1 <= len(cat.kriterier) <= 6
    assert [k.tittel for k in cat.kriterier] == ["Vær nysgjerrig"]  # the only one known; add others with a source
    assert all(k.kilde.url.startswith("https://") for k in cat.kriterier)


def test_only_tynset_is_said_to_have_left():
    """14 completed, but which second municipality left is not verified: no page may say."""
    cat, _ = validate(ROOT / "data")
    assert [c.slug for c in cat.cases if c.record.status == "trukket"] == ["tynset"]


# Capitalised word pairs in free text are names of places, organisations, titles or events; a new
# one must be added here knowingly (a private person's name never: roles only).
KNOWN_NAMES = {
    "Deichman Bjørvika", "Frode Laks",  # a library branch; the name of Sunnfjord's travelling bag
    "Om Kul",  # the title of Nes' video «Om Kul-prosjektet»
}
PAIR = re.compile(r"(?<![.!?:«]\s)(?<!^)\b([A-ZÆØÅ][a-zæøåA-ZÆØÅ]+ [A-ZÆØÅ][a-zæøå]+)")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in ("url",):
                yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_no_private_names_in_real_data():
    texts = []
    for path in sorted((ROOT / "data" / "kommuner").glob("*.yml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        if raw.get("eksempel"):
            continue
        assert "navn" not in (raw.get("kontakt") or {}), path.name  # no real contact is named
        texts += list(_strings(raw))
    for name in ("ressurser.yml", "samlinger.yml", "suksesskriterier.yml", "metoder.yml", "programmer.yml",
                 "fokusomrader.yml"):
        texts += list(_strings(yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))))
    pairs = {m.group(1) for t in texts for line in t.splitlines() for m in PAIR.finditer(line)}
    assert pairs - KNOWN_NAMES == set()


def test_the_name_check_finds_a_name():
    assert PAIR.search("Rapporten ble skrevet av Kari Nordmann i 2022.")


# --- What the built pages say ---------------------------------------------------------------------

def test_criteria_page_says_six_links_the_summary_and_invents_none(real_site):
    page = article(real_site, "suksesskriterier")
    assert "samlet i seks mulige suksesskriterier" in page.text
    assert "Her er 1 av de seks skrevet inn ennå" in page.text
    summary = "https://www.ks.no/fagomrader/barn-og-unge/kultur/fremtidens-kulturskole/gjort---lart---lurt/"
    assert summary in [href for _, href in page.links]
    from .conftest import read
    listed = read(real_site, "suksesskriterier").split('<ul class="ks-kriterieliste">')[1].split("</ul>")[0]
    assert re.findall(r">([^<>]+)</a></li>", listed) == ["1. Vær nysgjerrig"]  # none invented
    assert ("KS – de seks suksesskriteriene, under «Kommunal samskaping – med kulturskolen som døråpner»", summary) \
        in article(real_site, "suksesskriterier/vaer-nysgjerrig").links


def test_reading_of_a_focus_area_is_said_on_the_page(real_site):
    bodo = article(real_site, "kommuner/bodo").text
    assert "Fokusområde Kulturskolens plass i et helhetlig oppvekstilbud (redaksjonens tolkning)" in bodo
    assert "Om fokusområdet: Bodø skriver at arbeidet først og fremst gjelder oppvekstfeltet." in bodo
    sunnfjord = article(real_site, "kommuner/sunnfjord").text
    assert "(redaksjonen si tolking)" in sunnfjord
    assert "Fokusområde Ikke oppgitt" in article(real_site, "kommuner/malselv").text


def test_sunnfjord_is_nynorsk(real_site):
    from .conftest import read
    html = read(real_site, "kommuner/sunnfjord")
    assert '<div lang="nn"' in html
    text = article(real_site, "kommuner/sunnfjord").text
    for nn in ("Deltaking", "Vald ut – 22. april 2021", "Fullført – 26. januar 2023", "Kjelder", "reisebag",
               "Kommunen si eiga skildring av arbeidet er ikkje skriven inn her enno."):
        assert nn in text, nn
    for nb in ("Deltakelse", "Valgt ut", "Kilder", "ikke", "kommuner"):
        assert not re.search(rf"\b{nb}\b", text.split("Andre kommunar")[0]), nb


def test_case_pages_show_their_facts_and_sources(real_site):
    expected = {
        "kommuner/malselv": ["Sameskolen i Troms", "det samiske", "https://www.folkebladet.no/"],
        "kommuner/bodo": ["oppvekstfeltet", "livsløpsperspektiv", "spørreundersøkelse",
                          "https://bodo.kommune.no/kulturskolen/om-oss-2/fremtidens-kulturskole"],
        "kommuner/nes": ["KUL – Kultur, Utvikling, Lek", "0 til 6 år", "Årnes kulturbarnehage",
                         "Åpen barnehage i Familiens hus", "dans eller musikk", "film",
                         "https://testweb.nes.kommune.no/aktuelt/kul---kultur-utvikling-lek/"],
        "kommuner/lillestrom": ["Frogner skole", "1 000 elever", "150", "Elevrådet",
                                "https://www.ks.no/fagomrader/barn-og-unge/kultur/pilotsamling-for-fremtidens-kulturskole/"],
        "kommuner/sunnfjord": ["Frode Laks", "songar, regler og bøker på nynorsk", "introduksjonshefte",
                               "sju kort", "https://www.firda.no/"],
        "kommuner/asker": ["på vegne av de 14 kommunene"],
    }
    for url, needles in expected.items():
        page = article(real_site, url)
        hrefs = " ".join(h for _, h in page.links)
        for n in needles:
            assert n in (hrefs if n.startswith("https://") else page.text), (url, n)
    for slug in ("lillestrom", "porsgrunn", "sunnfjord", "nes", "malselv", "steinkjer", "hoyanger", "as",
                 "inderoy", "bodo"):  # the pilot films page has a film from each of these
        hrefs = [h for _, h in article(real_site, f"kommuner/{slug}").links]
        assert "https://www.kulturskoleradet.no/vi-tilbyr/fremtidens-kulturskole/synliggjoring-av-erfaringer-fra-piloten" \
            in hrefs, slug


def test_no_unverified_number_is_stated(real_site):
    for page in real_site.rglob("*.html"):
        assert "17 kommuner" not in page.read_text(encoding="utf-8"), page


def test_resources_have_publisher_type_and_year_where_known(real_site):
    cat, _ = validate(ROOT / "data")
    by_id = {r.id: r for r in cat.ressurser}
    for rid in ("ks-rapporter-og-filmer", "ks-seks-suksesskriterier", "ks-verktoy-og-arbeidsmater",
                "samskaping-som-ressurs", "inn-i-fremtiden", "filmer-fra-piloten", "frode-laks"):
        r = by_id[rid]
        assert r.utgiver and r.type and r.url, rid
    assert by_id["ks-rapporter-og-filmer"].ar == 2023
    text = article(real_site, "ressurser").text
    assert "KS · 2023 ·" in text
    assert "Sunnfjord kommune · år ikke oppgitt ·" in text  # never a guessed year
    assert "Utgiver ikke oppgitt · år ikke oppgitt" in text  # the film named in the call


@pytest.mark.parametrize("needle", [
    "KS publiserer kommunenes rapporter og filmer", "Asker, Målselv og Sunnfjord presenterte",
    "Oppfølgingsmøte på nett", "Nasjonalt dialogseminar", "Oslo, Trondheim og Førde",
    "Nytt nasjonalt dialogseminar", "Oppstartssamling for de regionale utviklingsprogrammene",
])
def test_timeline_has_the_follow_up(real_site, needle):
    assert needle in article(real_site, "tidslinje").text
