"""Resources: exact Norwegian messages for bad entries, and the page lists the real items as links."""
from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from macros.core.catalog import validate

from .conftest import ROOT, read
from .test_site import article

GOOD = dedent("""\
    - id: en-rapport
      tittel: En rapport
      type: rapport
      url: https://example.org/rapport
      beskrivelse: Noe å lese.
    """)


def problems(data: Path, text: str) -> list[str]:
    (data / "ressurser.yml").write_text(dedent(text), encoding="utf-8")
    _, found = validate(data)
    return [str(p) for p in found]


def test_good_resource_is_accepted(data):
    assert problems(data, GOOD) == []


def test_unknown_type(data):
    assert problems(data, GOOD.replace("type: rapport", "type: video")) == [
        "data/ressurser.yml:3: [1].type: fant «video»; tillatt er: rapport, film, forskning, verktoy-og-metode, nettside"
    ]


def test_link_must_be_https(data):
    assert problems(data, GOOD.replace("https://example.org/rapport", "http://example.org/rapport")) == [
        "data/ressurser.yml:4: [1].url: fant «http://example.org/rapport»; lenken må være en fullstendig adresse "
        "som begynner med https://"
    ]


def test_unknown_focus_area(data):
    assert problems(data, GOOD + "  fokusomrader: [helhetlig-oppvekst, helse]\n") == [
        "data/ressurser.yml:6: [1].fokusomrader[2]: fant «helse», som ikke finnes i data/fokusomrader.yml; "
        "tillatt er: helhetlig-oppvekst, tomt-omrade"
    ]


def test_unknown_audience(data):
    assert problems(data, GOOD + "  malgruppe: [foreldre]\n") == [
        "data/ressurser.yml:6: [1].malgruppe[1]: fant «foreldre»; tillatt er: kommuneledelse, kulturskoleledere, "
        "kommunegruppe, politikere, alle"
    ]


def test_year_with_two_digits(data):
    assert problems(data, GOOD + "  ar: 21\n") == [
        "data/ressurser.yml:6: [1].ar: fant «21»; skriv årstallet med fire siffer, f.eks. 2021"
    ]


def test_missing_description_and_misspelt_key(data):
    text = GOOD.replace("  beskrivelse: Noe å lese.\n", "  beskrivlse: Noe å lese.\n")
    assert problems(data, text) == [
        "data/ressurser.yml:1: [1].beskrivelse: mangler; feltet er påkrevd",
        "data/ressurser.yml:5: [1].beskrivlse: ukjent felt; mente du «beskrivelse»? tillatte felt her er: id, "
        "tittel, type, malgruppe, fokusomrader, url, beskrivelse, utgiver, ar, eksempel",
    ]


def test_duplicate_id(data):
    assert problems(data, GOOD + GOOD.replace("tittel: En rapport", "tittel: En annen")) == [
        "data/ressurser.yml:6: [2].id: id-en «en-rapport» er brukt før i samme fil; hver post trenger sin egen id"
    ]


def test_missing_file(data):
    (data / "ressurser.yml").unlink()
    _, found = validate(data)
    assert [str(p) for p in found] == ["data/ressurser.yml:1: filen mangler; den skal ligge i data/"]


# --- The page ------------------------------------------------------------------------------------


def test_real_page_links_the_items_named_in_the_call(real_site):
    page = article(real_site, "ressurser")
    links = page.links
    assert ("På vei mot Fremtidens kulturskole",
            "https://www.kulturskoleradet.no/vi-tilbyr/fremtidens-kulturskole/fremtidens-kulturskole-rapporter") in links
    assert ("Fremtidens kulturskole", "https://vimeo.com/453660113") in links
    assert ("Fremtidens kulturskole", "https://kulturskoleradet.no/vi-tilbyr/fremtidens-kulturskole") in links
    assert ("Verkstedguide: fremtidsbilder for kulturskolen", "verksted/") in links
    text = page.text
    assert "Norsk kulturskoleråd · 2021" in text
    assert "Lenken går til Vimeo, en ekstern tjeneste (vimeo.com)." in text
    # The dialogue booklet is mentioned, with no invented address.
    assert "Dialoghefte fra pilotprosjektet" in text
    assert "Dialoghefte fra pilotprosjektet" not in [t for t, _ in links]
    assert "Ingen offentlig lenke er kjent ennå." in text
    # Grouped by type, in a fixed order.
    headings = [h for h in ["Rapporter", "Filmer", "Verktøy og metoder", "Nettsider"] if h in text]
    assert headings == ["Rapporter", "Filmer", "Verktøy og metoder", "Nettsider"]
    assert text.index("Rapporter") < text.index("Filmer") < text.index("Verktøy og metoder") < text.index("Nettsider")


def test_page_embeds_nothing(real_site):
    html = read(real_site, "ressurser")
    for tag in ("<iframe", "<video", "<embed", "<object", "player.vimeo.com"):
        assert tag not in html


def test_fixture_page_escapes_values_hides_examples_and_links_focus_areas(fixture_site):
    html = read(fixture_site, "ressurser")
    assert ">Testrapport om «oppvekst» &amp; samspill</a>" in html
    assert 'href="https://example.org/rapport?a=1&amp;b=2"' in html
    assert "Eksempelressurs" not in html
    page = article(fixture_site, "ressurser")
    assert ("Kulturskolens plass i et helhetlig oppvekstilbud", "../fokusomrader/helhetlig-oppvekst/") in page.links
    assert "Forskning" not in page.text  # only the example had that type
    assert "Lenken går til example.org." in page.text


def test_workshop_guide_covers_who_steps_time_and_fields(real_site):
    text = article(real_site, "ressurser/verksted").text
    for expected in [
        "Hvordan ønsker vi at kulturskolen skal fremstå?",
        "Hvordan ser det ut når kulturskolen har den rollen og posisjonen som er ønskelig?",
        "Hvordan oppleves kulturskolen i forhold til dette målbildet akkurat nå?",
        "Hva skal til for å fylle gapet mellom disse to bildene?",
        "Fire til seks personer", "Minst én lokal aktør utenfor kulturskolen", "Ledere fra flere sektorer",
        "15 min", "40 min", "fremtidsbilde.slik_vil_vi_fremsta", "fremtidsbilde.nar_rollen_er_nadd",
        "fremtidsbilde.slik_er_det_na", "fremtidsbilde.hva_skal_til.tiltak", "Notatark",
    ]:
        assert expected in text, expected
