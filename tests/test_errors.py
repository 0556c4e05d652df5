"""Each user error class: a failing YAML in, the exact Norwegian message out (file:line: field: ...)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from textwrap import dedent

import pytest

from macros.core.catalog import validate

from .conftest import FIXTURE_DATA, ROOT

GOOD = dedent("""\
    navn: Bodø
    kommunenummer: "1804"
    deltakelse:
      - status: valgt
        dato: 2021-04-22
    oppdatert: 2026-10-01
    """)
# Appended after a field that states a fact: the facts rule wants a source (macros/core/facts.py).
SOURCE = 'kilder:\n  - {tittel: Testkilde, url: "https://example.org/kilde"}\n'


def problems(data: Path, filename: str, text: str) -> list[str]:
    (data / "kommuner" / filename).write_text(dedent(text), encoding="utf-8")
    _, found = validate(data)
    return [str(p) for p in found]


def test_fixture_dataset_is_clean(data):
    catalog, found = validate(data)
    assert found == []
    assert [c.record.navn for c in catalog.cases] == ["Bodø", "Sunnfjord"]
    assert [c.record.navn for c in catalog.examples] == ["Eksempelkommune"]


def test_real_data_is_clean():
    catalog, found = validate(ROOT / "data")
    assert [str(p) for p in found] == []
    assert len(catalog.cases) == 16


def test_malformed_yaml(data):
    assert problems(data, "bodo.yml", "navn: [Bodø\nkommunenummer: '1804'\n") == [
        "data/kommuner/bodo.yml:2: ugyldig YAML: mangler komma eller ] i en liste; "
        "sjekk innrykk, kolon og anførselstegn på linjen"
    ]


def test_empty_file(data):
    assert problems(data, "bodo.yml", "\n") == [
        "data/kommuner/bodo.yml:1: filen er tom; den må inneholde feltene for posten (se /bidra/)"
    ]


def test_unknown_key_suggests_the_right_one(data):
    assert problems(data, "bodo.yml", GOOD + "fokusomrad: helhetlig-oppvekst\n") == [
        "data/kommuner/bodo.yml:7: fokusomrad: ukjent felt; mente du «fokusomrade»? tillatte felt her er: "
        "navn, kommunenummer, sprak, deltakelse, fokusomrade, fokusomrade_tolkning, utviklingsprosjekt, kommunegruppe, "
        "partnere, "
        "fremtidsbilde, erfaringer, suksesskriterier, kontakt, kilder, oppdatert, eksempel"
    ]


def test_missing_required_key(data):
    assert problems(data, "bodo.yml", GOOD.replace("oppdatert: 2026-10-01\n", "")) == [
        "data/kommuner/bodo.yml:1: oppdatert: mangler; feltet er påkrevd"
    ]


def test_wrong_type(data):
    text = GOOD + "partnere: Frivilligsentralen\n" + SOURCE
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:7: partnere: fant «Frivilligsentralen»; her skal det stå en liste "
        "(linjer som begynner med «- »)"
    ]


def test_wrong_value_lists_what_is_allowed(data):
    text = GOOD.replace("status: valgt", "status: ferdig")
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:4: deltakelse[1].status: fant «ferdig»; tillatt er: valgt, aktiv, fullfort, trukket"
    ]


def test_unknown_focus_area(data):
    assert problems(data, "bodo.yml", GOOD + "fokusomrade: helse\n" + SOURCE) == [
        "data/kommuner/bodo.yml:7: fokusomrade: fant «helse», som ikke finnes i data/fokusomrader.yml; "
        "tillatt er: helhetlig-oppvekst, tomt-omrade"
    ]


def test_unknown_criterion(data):
    text = GOOD + "suksesskriterier:\n  - id: vaer-modig\n    belegg: x\n" + SOURCE
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:8: suksesskriterier[1].id: fant «vaer-modig», som ikke finnes i "
        "data/suksesskriterier.yml; tillatt er: testkriterium-to, vaer-nysgjerrig"
    ]


def test_number_not_in_register(data):
    assert problems(data, "bodo.yml", GOOD.replace('"1804"', '"1899"')) == [
        "data/kommuner/bodo.yml:2: kommunenummer: fant «1899», som ikke finnes i kommuneregisteret for 2024; "
        "sjekk nummeret (fire siffer)"
    ]


def test_pilot_era_number_names_its_replacement(data):
    text = GOOD.replace("Bodø", "Lillestrøm").replace('"1804"', '"3030"')
    assert problems(data, "lillestrom.yml", text) == [
        "data/kommuner/lillestrom.yml:2: kommunenummer: 3030 er kommunenummeret fra 2020–2023 (Lillestrøm); "
        "bruk 2024-nummeret: 3205 (Lillestrøm)"
    ]


def test_name_not_matching_number(data):
    assert problems(data, "bodo.yml", GOOD.replace('"1804"', '"1806"')) == [
        "data/kommuner/bodo.yml:1: navn: fant «Bodø», som ikke er navnet på kommune 1806 (Narvik); "
        "skriv navn: Narvik (eller rett kommunenummeret)"
    ]


def test_sami_name_variants_are_accepted(data):
    text = GOOD.replace("Bodø", "Nesseby").replace('"1804"', '"5636"')
    assert problems(data, "nesseby.yml", text) == []
    full = GOOD.replace("Bodø", "Unjárga - Nesseby").replace('"1804"', '"5636"')
    (data / "kommuner" / "nesseby.yml").unlink()
    assert problems(data, "unjarga-nesseby.yml", full) == []


def test_same_municipality_twice(data):
    assert problems(data, "bodo-kopi.yml", GOOD) == [
        "data/kommuner/bodo-kopi.yml:1: navn: filnavnet «bodo-kopi.yml» passer ikke med navnet «Bodø»; "
        "gi filen navnet bodo.yml",
        "data/kommuner/bodo-kopi.yml:2: kommunenummer: kommune 1804 har også en fil i data/kommuner/bodo.yml; "
        "hver kommune skal ha bare én fil: flett innholdet sammen i én av dem",
        "data/kommuner/bodo.yml:2: kommunenummer: kommune 1804 har også en fil i data/kommuner/bodo-kopi.yml; "
        "hver kommune skal ha bare én fil: flett innholdet sammen i én av dem",
    ]


def test_bad_date(data):
    assert problems(data, "bodo.yml", GOOD.replace("2021-04-22", "22.04.2021")) == [
        "data/kommuner/bodo.yml:5: deltakelse[1].dato: ugyldig dato «22.04.2021»; skriv datoen som ÅÅÅÅ-MM-DD, "
        "f.eks. 2021-04-22"
    ]


def test_impossible_date(data):
    assert problems(data, "bodo.yml", GOOD.replace("2026-10-01", "2026-02-30")) == [
        "data/kommuner/bodo.yml:6: oppdatert: ugyldig dato «2026-02-30»; skriv datoen som ÅÅÅÅ-MM-DD, "
        "f.eks. 2021-04-22"
    ]


GROUP = "kommunegruppe:\n" + "".join(f"  - rolle: rolle {i}\n    sektor: {{s}}\n" for i in range(3))


def test_group_too_small(data):
    text = GOOD + GROUP.format(s="skole") + SOURCE
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:7: kommunegruppe: kommunegruppe har 3 medlemmer; utlysningen krever 4–6 "
        "(fire til seks) roller"
    ]


def test_group_too_large(data):
    text = GOOD + "kommunegruppe:\n" + "".join(f"  - {{rolle: r{i}, sektor: skole}}\n" for i in range(7)) + SOURCE
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:7: kommunegruppe: kommunegruppe har 7 medlemmer; utlysningen krever 4–6 "
        "(fire til seks) roller"
    ]


def test_group_without_outside_actor(data):
    text = GOOD + "kommunegruppe:\n" + "".join(f"  - {{rolle: r{i}, sektor: kulturskole}}\n" for i in range(4)) + SOURCE
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:7: kommunegruppe: alle i kommunegruppe er fra kulturskolen; minst én må komme "
        "utenfor kulturskolen (f.eks. sektor: skole, helse, frivillighet eller naeringsliv)"
    ]


def test_source_must_be_https(data):
    text = GOOD + "kilder:\n  - tittel: Kommunens side\n    url: http://bodo.kommune.no\n"
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:9: kilder[1].url: fant «http://bodo.kommune.no»; lenken må være en fullstendig "
        "adresse som begynner med https://"
    ]


def test_name_and_email_need_consent(data):
    text = GOOD + "kontakt:\n  rolle: rektor\n  navn: Ola Nordmann\n"
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:7: kontakt: navn eller e-post uten samtykke; fjern dem, eller skriv "
        "samtykke: true når personen har sagt ja"
    ]


def test_duplicate_key_is_not_silently_dropped(data):
    text = GOOD + "oppdatert: 2026-11-01\n"
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:7: oppdatert: feltet står to ganger; slå dem sammen til ett"
    ]


def test_municipality_number_keeps_leading_zero(data):
    text = GOOD.replace("Bodø", "Oslo").replace('"1804"', "0301")
    assert problems(data, "oslo.yml", text) == []


def test_all_errors_are_reported_at_once(data):
    (data / "kommuner" / "tom.yml").write_text("", encoding="utf-8")
    text = GOOD.replace("status: valgt", "status: x").replace('"1804"', '"1806"') + "fokusomrade: nei\n" + SOURCE
    found = problems(data, "bodo.yml", text)
    assert [f.split(": ")[1] for f in found] == ["navn", "deltakelse[1].status", "fokusomrade", "filen er tom; den må inneholde feltene for posten (se /bidra/)"]


def test_cli_prints_every_error_without_traceback(data):
    (data / "kommuner" / "bodo.yml").write_text(GOOD.replace("valgt", "x") + "ukjent: 1\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros.editor.cli", "sjekk", "--data", str(data)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "data/kommuner/bodo.yml:4: deltakelse[1].status: fant «x»; tillatt er: valgt, aktiv, fullfort, trukket",
        "data/kommuner/bodo.yml:7: ukjent: ukjent felt; tillatte felt her er: navn, kommunenummer, sprak, "
        "deltakelse, fokusomrade, fokusomrade_tolkning, utviklingsprosjekt, kommunegruppe, partnere, "
        "fremtidsbilde, erfaringer, suksesskriterier, kontakt, kilder, oppdatert, eksempel",
    ]
    assert "2 feil funnet" in result.stderr


def test_cli_clean_data_exits_zero():
    result = subprocess.run([sys.executable, "-m", "macros.editor.cli", "sjekk"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout
    assert "16 kommunecaser" in result.stdout


def test_shared_names_get_the_county_in_the_file_name(data):
    text = GOOD.replace("Bodø", "Herøy").replace('"1804"', '"1818"')
    assert problems(data, "heroy.yml", text) == [
        "data/kommuner/heroy.yml:1: navn: filnavnet «heroy.yml» passer ikke med navnet «Herøy»; "
        "gi filen navnet heroy-nordland.yml"
    ]
    (data / "kommuner" / "heroy.yml").unlink()
    assert problems(data, "heroy-nordland.yml", text) == []
    other = GOOD.replace("Bodø", "Herøy").replace('"1804"', '"1515"')
    assert problems(data, "heroy-more-og-romsdal.yml", other) == []


# --- Rules that had no test (issue 13.7) ---------------------------------------------------------


def list_problems(data: Path, filename: str, text: str) -> list[str]:
    (data / filename).write_text(dedent(text), encoding="utf-8")
    _, found = validate(data)
    return [str(p) for p in found]


def test_participation_needs_a_date_or_a_note(data):
    text = GOOD.replace("    dato: 2021-04-22\n", "")
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:4: deltakelse[1].dato: mangler dato; skriv dato (ÅÅÅÅ-MM-DD), eller en merknad som "
        "sier hvorfor den ikke er kjent"]
    assert problems(data, "bodo.yml", text.replace("status: valgt", "status: valgt\n    merknad: Datoen er ikke kjent.")) == []


def test_gathering_county_and_municipalities_must_exist(data):
    text = (FIXTURE_DATA / "samlinger.yml").read_text(encoding="utf-8")
    found = list_problems(data, "samlinger.yml", text.replace('fylke: "46"', 'fylke: "99"')
                          .replace('kommuner: ["4647"]', 'kommuner: ["4647", "1899"]'))
    assert found[0].startswith("data/samlinger.yml:6: [1].fylke: fant «99»; tillatt er fylkesnummer fra 2024: 03, ")
    assert found[1:] == ["data/samlinger.yml:7: [1].kommuner[2]: fant «1899», som ikke finnes i kommuneregisteret "
                         "for 2024; sjekk nummeret (fire siffer)"]
    assert list_problems(data, "samlinger.yml", text.replace('fylke: "46"', 'fylke: "4"')) == [
        'data/samlinger.yml:6: [1].fylke: fant «4»; skriv fylkesnummeret med to siffer i anførselstegn, f.eks. "46"']


def test_an_example_needs_a_99xx_number(data):
    (data / "kommuner" / "eksempelkommune.yml").unlink()
    example = GOOD.replace("Bodø", "Eksempelby").replace('"1804"', '"1806"') + "eksempel: true\n"
    assert problems(data, "eksempelby.yml", example) == [
        'data/kommuner/eksempelby.yml:2: kommunenummer: fant «1806» i et eksempel; eksempler må ha et fiktivt nummer '
        'som begynner med 99, f.eks. "9901"']
    assert problems(data, "eksempelby.yml", example.replace('"1806"', '"9977"')) == []


def test_story_without_its_case_file(data):
    (data / "kommuner" / "stord.md").write_text("Fortelling.\n", encoding="utf-8")
    _, found = validate(data)
    assert [str(p) for p in found] == [
        "data/kommuner/stord.md:1: Markdown-filen har ingen stord.yml ved siden av seg; lag YAML-filen først "
        "(kulturskole ny), eller gi filen samme navn som den"]


def test_yaml_extension_is_named(data):
    (data / "kommuner" / "bodo.yml").rename(data / "kommuner" / "bodo.yaml")
    _, found = validate(data)
    assert [str(p) for p in found] == ["data/kommuner/bodo.yaml:1: filendelsen er .yaml; gi filen endelsen .yml"]


def test_tab_indentation(data):
    assert problems(data, "bodo.yml", GOOD + "kontakt:\n\trolle: rektor\n") == [
        "data/kommuner/bodo.yml:8: tabulator i innrykk; bruk mellomrom (to per nivå)"]


def test_file_that_is_not_utf8(data):
    (data / "kommuner" / "bodo.yml").write_bytes(GOOD.replace("Bodø", "Bodø\nx: æ").encode("latin-1"))
    _, found = validate(data)
    assert [str(p) for p in found] == [
        "data/kommuner/bodo.yml:1: filen er ikke UTF-8 (første feil er på denne linjen); lagre den som UTF-8"]


def test_list_file_that_is_not_a_list(data):
    found = list_problems(data, "fokusomrader.yml", "id: helhetlig-oppvekst\ntittel: Oppvekst\n")
    assert found[0] == "data/fokusomrader.yml:1: filen skal være en liste der hver post begynner med «- »"
    # With no focus areas read, the cases that name one are told so too (all errors in one run).
    assert all("som ikke finnes i data/fokusomrader.yml" in f for f in found[1:])


def test_case_file_that_is_a_list(data):
    assert problems(data, "bodo.yml", "- navn: Bodø\n") == [
        "data/kommuner/bodo.yml:1: filen skal bestå av felt som «navn: …», ikke en liste eller tekst"]


def test_municipality_number_in_the_wrong_format(data):
    assert problems(data, "bodo.yml", GOOD.replace('"1804"', '"180"')) == [
        'data/kommuner/bodo.yml:2: kommunenummer: fant «180»; skriv kommunenummeret med fire siffer i anførselstegn, '
        'f.eks. "1804"']


def test_empty_participation_list(data):
    text = GOOD.replace("deltakelse:\n  - status: valgt\n    dato: 2021-04-22\n", "deltakelse: []\n")
    assert problems(data, "bodo.yml", text) == ["data/kommuner/bodo.yml:3: deltakelse: listen er tom; skriv minst 1 punkt"]


def test_consent_must_be_true_or_false(data):
    text = GOOD + "kontakt:\n  rolle: rektor\n  navn: Ola Nordmann\n  samtykke: ja\n"
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:10: kontakt.samtykke: fant «ja»; skriv true eller false"]


def test_text_where_sub_fields_belong(data):
    assert problems(data, "bodo.yml", GOOD + "kontakt: rektor Ola\n") == [
        "data/kommuner/bodo.yml:7: kontakt: fant «rektor Ola»; her skal det stå underfelt (nye linjer med innrykk)"]
