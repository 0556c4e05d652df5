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
    program: kulturskole-3-0
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
    assert [(c.record.navn, c.record.program) for c in catalog.cases] == [
        ("Alta", "egen-utvikling"), ("Bodø", "kulturskole-3-0"), ("Bodø", "regionale-utviklingsprogram"),
        ("Sunnfjord", "kulturskole-3-0")]
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
        "data/kommuner/bodo.yml:8: fokusomrad: ukjent felt; mente du «fokusomrade»? tillatte felt her er: "
        "navn, kommunenummer, sprak, program, deltakelse, fokusomrade, fokusomrade_tolkning, utviklingsprosjekt, "
        "kommunegruppe, partnere, "
        "fremtidsbilde, erfaringer, resultater, ressursbruk, forutsetninger, brukergrupper, metoder, "
        "suksesskriterier, kontakt, belegg, kilder, oppdatert, eksempel"
    ]


def test_missing_required_key(data):
    assert problems(data, "bodo.yml", GOOD.replace("oppdatert: 2026-10-01\n", "")) == [
        "data/kommuner/bodo.yml:1: oppdatert: mangler; feltet er påkrevd"
    ]


def test_wrong_type(data):
    text = GOOD + "partnere: Frivilligsentralen\n" + SOURCE
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:8: partnere: fant «Frivilligsentralen»; her skal det stå en liste "
        "(linjer som begynner med «- »)"
    ]


def test_wrong_value_lists_what_is_allowed(data):
    text = GOOD.replace("status: valgt", "status: ferdig")
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:5: deltakelse[1].status: fant «ferdig»; tillatt i programmet kulturskole-3-0 "
        "(Piloten) er: valgt, aktiv, fullfort, trukket"
    ]


def test_unknown_focus_area(data):
    assert problems(data, "bodo.yml", GOOD + "fokusomrade: helse\n" + SOURCE) == [
        "data/kommuner/bodo.yml:8: fokusomrade: fant «helse», som ikke finnes i data/fokusomrader.yml; "
        "tillatt er: helhetlig-oppvekst, tomt-omrade"
    ]


def test_unknown_criterion(data):
    text = GOOD + "suksesskriterier:\n  - id: vaer-modig\n    belegg: x\n" + SOURCE
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:9: suksesskriterier[1].id: fant «vaer-modig», som ikke finnes i "
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


def test_same_municipality_twice_in_one_programme(data):
    assert problems(data, "bodo-kopi.yml", GOOD) == [
        "data/kommuner/bodo-kopi.yml:1: navn: filnavnet «bodo-kopi.yml» passer ikke med navnet «Bodø»; "
        "gi filen navnet bodo.yml, eller bodo-kulturskole-3-0.yml når kommunen har flere caser",
        "data/kommuner/bodo-kopi.yml:2: kommunenummer: kommune 1804 har også en case i programmet kulturskole-3-0: "
        "data/kommuner/bodo.yml; hver kommune kan ha én case per program: flett innholdet sammen i én av dem",
        "data/kommuner/bodo.yml:2: kommunenummer: kommune 1804 har også en case i programmet kulturskole-3-0: "
        "data/kommuner/bodo-kopi.yml; hver kommune kan ha én case per program: flett innholdet sammen i én av dem",
    ]


def test_same_municipality_twice_under_both_file_names(data):
    # The further-case name does not make a second case in the same programme acceptable.
    assert problems(data, "bodo-kulturskole-3-0.yml", GOOD) == [
        "data/kommuner/bodo-kulturskole-3-0.yml:2: kommunenummer: kommune 1804 har også en case i programmet "
        "kulturskole-3-0: data/kommuner/bodo.yml; hver kommune kan ha én case per program: flett innholdet sammen "
        "i én av dem",
        "data/kommuner/bodo.yml:2: kommunenummer: kommune 1804 har også en case i programmet kulturskole-3-0: "
        "data/kommuner/bodo-kulturskole-3-0.yml; hver kommune kan ha én case per program: flett innholdet sammen "
        "i én av dem",
    ]


def test_further_case_needs_its_programme_in_the_file_name(data):
    other = GOOD.replace("kulturskole-3-0", "egen-utvikling").replace("status: valgt", "status: planlagt")
    assert problems(data, "bodo-egen-utvikling.yml", other) == []
    (data / "kommuner" / "bodo-egen-utvikling.yml").unlink()
    assert problems(data, "bodo-regionale-utviklingsprogram.yml", other) == [
        "data/kommuner/bodo-regionale-utviklingsprogram.yml:1: navn: filnavnet «bodo-regionale-utviklingsprogram.yml» "
        "passer ikke med navnet «Bodø»; gi filen navnet bodo.yml, eller bodo-egen-utvikling.yml når kommunen har "
        "flere caser"
    ]


def test_programme_must_exist(data):
    assert problems(data, "bodo.yml", GOOD.replace("program: kulturskole-3-0", "program: regional")) == [
        "data/kommuner/bodo.yml:3: program: fant «regional», som ikke finnes i data/programmer.yml; tillatt er: "
        "kulturskole-3-0, regionale-utviklingsprogram, egen-utvikling"
    ]
    # Not an id at all: the same message, and not a second one about the id's form.
    assert problems(data, "bodo.yml", GOOD.replace("program: kulturskole-3-0", "program: Kulturskole 3.0")) == [
        "data/kommuner/bodo.yml:3: program: fant «Kulturskole 3.0», som ikke finnes i data/programmer.yml; "
        "tillatt er: kulturskole-3-0, regionale-utviklingsprogram, egen-utvikling"
    ]


def test_programme_is_required(data):
    assert problems(data, "bodo.yml", GOOD.replace("program: kulturskole-3-0\n", "")) == [
        "data/kommuner/bodo.yml:1: program: mangler; feltet er påkrevd"
    ]


def test_status_must_be_one_the_programme_uses(data):
    # «sokt» is a status of the regional programmes, not of the pilot.
    text = GOOD.replace("status: valgt", "status: sokt")
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:5: deltakelse[1].status: fant «sokt»; tillatt i programmet kulturskole-3-0 "
        "(Piloten) er: valgt, aktiv, fullfort, trukket"
    ]
    regional = text.replace("kulturskole-3-0", "regionale-utviklingsprogram")
    (data / "kommuner" / "bodo-regionale-utviklingsprogram.yml").write_text(regional, encoding="utf-8")
    assert problems(data, "bodo.yml", GOOD) == []  # the same status is right in the regional programme


def test_programme_statuses_are_checked_against_the_vocabulary(data):
    path = data / "programmer.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("statuser: [planlagt, aktiv, avsluttet]",
                                                             "statuser: [planlagt, igang]"), encoding="utf-8")
    found = [str(p) for p in validate(data)[1]]
    assert found == [
        "data/programmer.yml:33: [3].statuser[2]: fant «igang»; tillatt er: sokt, planlagt, valgt, aktiv, "
        "fullfort, avsluttet, trukket"
    ]  # and no error on Alta's case, whose programme this is: one problem, in one place


def test_programme_period_in_order(data):
    path = data / "programmer.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  til: 2022", "  til: 2020"), encoding="utf-8")
    assert [str(p) for p in validate(data)[1]] == [
        "data/programmer.yml:7: [1].til: fant «2020», som er før fra (2021); til er året programmet sluttet"
    ]


def test_bad_date(data):
    assert problems(data, "bodo.yml", GOOD.replace("2021-04-22", "22.04.2021")) == [
        "data/kommuner/bodo.yml:6: deltakelse[1].dato: ugyldig dato «22.04.2021»; skriv datoen som ÅÅÅÅ-MM-DD, "
        "f.eks. 2021-04-22"
    ]


def test_impossible_date(data):
    assert problems(data, "bodo.yml", GOOD.replace("2026-10-01", "2026-02-30")) == [
        "data/kommuner/bodo.yml:7: oppdatert: fant «2026-02-30», en dato som ikke finnes; sjekk dag og måned"]


GROUP = "kommunegruppe:\n" + "".join(f"  - rolle: rolle {i}\n    sektor: {{s}}\n" for i in range(3))


def test_group_too_small(data):
    text = GOOD + GROUP.format(s="skole") + SOURCE
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:8: kommunegruppe: kommunegruppe har 3 medlemmer; utlysningen til piloten krever 4–6 "
        "(fire til seks) roller"
    ]


def test_group_size_binds_only_the_pilot(data):
    # A municipality in its own development work may start with three people: the 4–6 is the pilot's call.
    text = (GOOD.replace("program: kulturskole-3-0", "program: egen-utvikling").replace("status: valgt", "status: aktiv")
            + GROUP.format(s="skole") + SOURCE)
    assert problems(data, "bodo.yml", text) == []


def test_group_too_large(data):
    text = GOOD + "kommunegruppe:\n" + "".join(f"  - {{rolle: r{i}, sektor: skole}}\n" for i in range(7)) + SOURCE
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:8: kommunegruppe: kommunegruppe har 7 medlemmer; utlysningen til piloten krever 4–6 "
        "(fire til seks) roller"
    ]


def test_group_without_outside_actor(data):
    text = GOOD + "kommunegruppe:\n" + "".join(f"  - {{rolle: r{i}, sektor: kulturskole}}\n" for i in range(4)) + SOURCE
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:8: kommunegruppe: alle i kommunegruppe er fra kulturskolen; minst én må komme "
        "utenfor kulturskolen (f.eks. sektor: skole, helse, frivillighet eller naeringsliv)"
    ]


# --- Whole-record rules come in the same run as field errors (issue 12, item 3) -------------------


def test_wrong_sector_and_group_of_three_in_one_run(data):
    text = GOOD + "kommunegruppe:\n  - {rolle: a, sektor: skolen}\n  - {rolle: b, sektor: skole}\n  - {rolle: c, sektor: helse}\n" \
        + SOURCE
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:8: kommunegruppe: kommunegruppe har 3 medlemmer; utlysningen til piloten krever 4–6 "
        "(fire til seks) roller",
        "data/kommuner/bodo.yml:9: kommunegruppe[1].sektor: fant «skolen»; tillatt er: kulturskole, kommuneledelse, "
        "skole, barnehage, helse, kultur, frivillighet, naeringsliv, innbyggere, annet",
    ]


def test_all_culture_school_group_with_a_bad_role_in_one_run(data):
    text = GOOD + "kommunegruppe:\n" + "".join(f"  - {{rolle: r{i}, sektor: kulturskole}}\n" for i in range(3)) + \
        "  - {rolle: '', sektor: kulturskole}\n" + SOURCE
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:8: kommunegruppe: alle i kommunegruppe er fra kulturskolen; minst én må komme "
        "utenfor kulturskolen (f.eks. sektor: skole, helse, frivillighet eller naeringsliv)",
        "data/kommuner/bodo.yml:12: kommunegruppe[4].rolle: feltet er tomt; skriv tekst eller fjern feltet",
    ]


def test_consent_and_a_bad_email_in_one_run(data):
    text = GOOD + "kontakt:\n  rolle: rektor\n  navn: Ola Nordmann\n  epost: ola@\n"
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:8: kontakt: navn eller e-post uten samtykke; fjern dem, eller kryss av for "
        "samtykke (samtykke: true) når personen har sagt ja",
        "data/kommuner/bodo.yml:11: kontakt.epost: fant «ola@»; skriv en gyldig e-postadresse, f.eks. navn@kommune.no",
    ]


def test_consent_of_the_wrong_type_is_one_problem(data):
    text = GOOD + "kontakt:\n  rolle: rektor\n  navn: Ola Nordmann\n  samtykke: ja\n"
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:11: kontakt.samtykke: fant «ja»; skriv true eller false"
    ]


def test_date_or_note_and_a_wrong_status_in_one_run(data):
    text = GOOD.replace("  - status: valgt\n    dato: 2021-04-22\n", "  - status: ferdig\n")
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:5: deltakelse[1].dato: mangler dato; skriv dato (ÅÅÅÅ-MM-DD), eller en merknad som "
        "sier hvorfor den ikke er kjent",
        "data/kommuner/bodo.yml:5: deltakelse[1].status: fant «ferdig»; tillatt i programmet kulturskole-3-0 "
        "(Piloten) er: valgt, aktiv, fullfort, trukket",
    ]


def test_dates_in_order_with_a_bad_date_in_one_run(data):
    text = GOOD.replace("oppdatert: 2026-10-01", "oppdatert: 1. oktober").replace("    dato: 2021-04-22\n", "    dato: 2021-04-22\n  - status: aktiv\n    dato: 2021-01-10\n"
                                                 "  - status: fullfort\n    dato: 2023-01-26\n")
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:8: deltakelse[2].dato: fant «2021-01-10», som er før datoen over (2021-04-22); "
        "er datoen feil, rett den, og skriv ellers historikken med eldste først",
        "data/kommuner/bodo.yml:11: oppdatert: ugyldig dato «1. oktober»; skriv datoen som ÅÅÅÅ-MM-DD, "
        "f.eks. 2021-04-22",
    ]


def test_every_whole_record_rule_with_field_errors_in_one_run(data):
    """The issue's case and the rest at once: one `kulturskole sjekk`, every problem."""
    text = dedent("""\
        navn: Bodø
        kommunenummer: "1804"
        program: kulturskole-3-0
        deltakelse:
          - status: valgt
            dato: 2021-04-22
          - status: aktiv
          - status: fullfort
            dato: 2021-01-01
        kommunegruppe:
          - {rolle: rektor, sektor: skolen}
          - {rolle: leder, sektor: kulturskole}
          - {rolle: lærer, sektor: kulturskole}
        kontakt:
          rolle: rektor
          epost: ola@
        kilder:
          - {tittel: Kilde, url: "https://example.org/k"}
        oppdatert: 2026-10-01
        """)
    (data / "kommuner" / "bodo.yml").write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros.editor.cli", "sjekk", "--data", str(data)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert [line.split(": ")[1] for line in result.stdout.splitlines()] == [
        "deltakelse[2].dato", "deltakelse[3].dato", "kommunegruppe", "kommunegruppe[1].sektor", "kontakt",
        "kontakt.epost"]
    assert "mangler dato" in result.stdout and "før datoen over" in result.stdout
    assert "har 3 medlemmer" in result.stdout and "uten samtykke" in result.stdout


def test_whole_record_rules_are_one_table():
    """Each rule is data in one place (for the browser form to reuse): every test it names exists,
    and the messages keep the «found; allowed» form."""
    from macros.core.recordrules import RULES, TESTS
    assert {r.id for r in RULES} >= {"ks_gruppe_storrelse", "ks_gruppe_ekstern", "ks_samtykke", "ks_dato_merknad",
                                     "ks_dato_rekkefolge"}
    for rule in RULES:
        assert rule.test in TESTS, rule.id
        assert "; " in rule.message, rule.id
    assert len({r.id for r in RULES}) == len(RULES)


def test_source_must_be_https(data):
    text = GOOD + "kilder:\n  - tittel: Kommunens side\n    url: http://bodo.kommune.no\n"
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:10: kilder[1].url: fant «http://bodo.kommune.no»; lenken må være en fullstendig "
        "adresse som begynner med https://"
    ]


def test_name_and_email_need_consent(data):
    text = GOOD + "kontakt:\n  rolle: rektor\n  navn: Ola Nordmann\n"
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:8: kontakt: navn eller e-post uten samtykke; fjern dem, eller kryss av for "
        "samtykke (samtykke: true) når personen har sagt ja"
    ]


def test_duplicate_key_is_not_silently_dropped(data):
    text = GOOD + "oppdatert: 2026-11-01\n"
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:8: oppdatert: feltet står to ganger; slå dem sammen til ett"
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
        "data/kommuner/bodo.yml:5: deltakelse[1].status: fant «x»; tillatt i programmet kulturskole-3-0 "
        "(Piloten) er: valgt, aktiv, fullfort, trukket",
        "data/kommuner/bodo.yml:8: ukjent: ukjent felt; tillatte felt her er: navn, kommunenummer, sprak, "
        "program, deltakelse, fokusomrade, fokusomrade_tolkning, utviklingsprosjekt, kommunegruppe, partnere, "
        "fremtidsbilde, erfaringer, resultater, ressursbruk, forutsetninger, brukergrupper, metoder, "
        "suksesskriterier, kontakt, belegg, kilder, oppdatert, eksempel",
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
        "gi filen navnet heroy-nordland.yml, eller heroy-nordland-kulturskole-3-0.yml når kommunen har flere caser"
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
        "data/kommuner/bodo.yml:5: deltakelse[1].dato: mangler dato; skriv dato (ÅÅÅÅ-MM-DD), eller en merknad som "
        "sier hvorfor den ikke er kjent"]
    assert problems(data, "bodo.yml", text.replace("status: valgt", "status: valgt\n    merknad: Datoen er ikke kjent.")) == []


def test_gathering_county_and_municipalities_must_exist(data):
    text = (FIXTURE_DATA / "samlinger.yml").read_text(encoding="utf-8")
    found = list_problems(data, "samlinger.yml", text.replace('fylke: "46"', 'fylke: "99"')
                          .replace('kommuner: ["4647"]', 'kommuner: ["4647", "1899"]'))
    assert found[0].startswith("data/samlinger.yml:6: [1].fylke: fant «99»; tillatt er fylkesnummer fra 2024: 03, ")
    assert found[0].endswith(", eller nasjonal eller digital")
    assert found[1:] == ["data/samlinger.yml:7: [1].kommuner[2]: fant «1899», som ikke finnes i kommuneregisteret "
                         "for 2024; sjekk nummeret (fire siffer)"]
    assert list_problems(data, "samlinger.yml", text.replace('fylke: "46"', 'fylke: "4"')) == [
        'data/samlinger.yml:6: [1].fylke: fant «4»; skriv fylkesnummeret med to siffer, f.eks. 46']
    assert list_problems(data, "samlinger.yml", text.replace('fylke: "46"', 'fylke: digital')) == []


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
        "data/kommuner/bodo.yml:9: tabulator i innrykk; bruk mellomrom (to per nivå)"]


def test_file_that_is_not_utf8(data):
    (data / "kommuner" / "bodo.yml").write_bytes(GOOD.replace("Bodø", "Bodø\nx: æ").encode("latin-1"))
    _, found = validate(data)
    assert [str(p) for p in found] == [
        "data/kommuner/bodo.yml:1: filen er ikke UTF-8 (første feil er på denne linjen); lagre den som UTF-8"]


def test_list_file_that_is_not_a_list(data):
    found = list_problems(data, "fokusomrader.yml", "id: helhetlig-oppvekst\ntittel: Oppvekst\n")
    assert found[0].startswith("data/fokusomrader.yml:1: filen skal være en liste der hver post begynner med «- » – "
                               "rett denne først")
    # With no focus areas read, the cases that name one wait (issue 22): they would only follow from it.
    assert found[1:] == []


def test_case_file_that_is_a_list(data):
    assert problems(data, "bodo.yml", "- navn: Bodø\n") == [
        "data/kommuner/bodo.yml:1: filen skal bestå av felt som «navn: …», ikke en liste eller tekst"]


def test_municipality_number_in_the_wrong_format(data):
    assert problems(data, "bodo.yml", GOOD.replace('"1804"', '"180"')) == [
        'data/kommuner/bodo.yml:2: kommunenummer: fant «180»; skriv kommunenummeret med fire siffer, f.eks. 1804']


def test_empty_participation_list(data):
    text = GOOD.replace("deltakelse:\n  - status: valgt\n    dato: 2021-04-22\n", "deltakelse: []\n")
    assert problems(data, "bodo.yml", text) == ["data/kommuner/bodo.yml:4: deltakelse: listen er tom; skriv minst 1 punkt"]


def test_consent_must_be_true_or_false(data):
    text = GOOD + "kontakt:\n  rolle: rektor\n  navn: Ola Nordmann\n  samtykke: ja\n"
    assert problems(data, "bodo.yml", text) == [
        "data/kommuner/bodo.yml:11: kontakt.samtykke: fant «ja»; skriv true eller false"]


def test_text_where_sub_fields_belong(data):
    assert problems(data, "bodo.yml", GOOD + "kontakt: rektor Ola\n") == [
        "data/kommuner/bodo.yml:8: kontakt: fant «rektor Ola»; her skal det stå underfelt (nye linjer med innrykk)"]


def test_a_programme_figure_cannot_be_negative(data):
    path = data / "programmer.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("antall: 5", "antall: -5"), encoding="utf-8")
    assert [str(p) for p in validate(data)[1]] == [
        "data/programmer.yml:14: [1].nokkeltall[2].antall: fant «-5»; skriv et tall som er 0 eller større"
    ]
