"""The six fields that make a case worth copying (issue 21.3): resultater, ressursbruk, forutsetninger,
brukergrupper, metoder and belegg, through model, checks, schema, page, exports and explorer, with
the same source rule as every other statement about a municipality. The browser half (the form,
and form -> YAML -> sjekk -> page -> exports) is tests/browser/test_new_fields.py."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from macros.core.catalog import validate
from macros.core.facts import FACT_FIELDS
from macros.core.schema import data_ids_from, schema_for
from macros.site import explorer

from .conftest import ROOT, build, copy_fixture_data, make_project, read
from .test_site import article

SIX = ("resultater", "ressursbruk", "forutsetninger", "brukergrupper", "metoder", "belegg")

ALTA = """\
navn: Alta
kommunenummer: "5601"
sprak: nb
program: egen-utvikling
deltakelse:
  - status: aktiv
    dato: 2025-01-15
resultater: Flere barn i <kulturskolen> & færre på venteliste.
ressursbruk: En halv stilling i to år.
forutsetninger: En kommunalsjef som vil.
brukergrupper: ["0-5", seniorer]
metoder: [testmetode]
belegg: uavhengig-evaluering
kilder:
  - {tittel: Testkilde for Alta, url: "https://example.org/alta"}
oppdatert: 2026-09-01
"""


def sjekk(data: Path, text: str) -> list[str]:
    (data / "kommuner" / "alta.yml").write_text(text, encoding="utf-8")
    _, problems = validate(data)
    return [str(p) for p in problems]


def test_the_six_fields_are_statements_that_need_a_source(data):
    assert set(SIX) <= set(FACT_FIELDS)
    assert sjekk(data, ALTA) == []
    without = ALTA.replace("kilder:\n  - {tittel: Testkilde for Alta, url: \"https://example.org/alta\"}\n", "")
    found = sjekk(data, without)
    assert len(found) == 1 and found[0].startswith("data/kommuner/alta.yml:8: kilder: siden sier noe om kommunens "
                                                   "arbeid (resultater, ressursbruk, forutsetninger, brukergrupper, "
                                                   "metoder, belegg), men har ingen kilder")


def test_the_self_assessment_ranks_by_user_groups_and_methods_chosen(data):
    from macros.site.related import choices_profile, rank_choices
    from macros.site.selfassess import CHOICES, choice_options

    (data / "kommuner" / "alta.yml").write_text(ALTA, encoding="utf-8")
    cat, problems = validate(data)
    assert problems == []
    options = choice_options(cat)
    assert {"brukergruppe", "metode"} <= {key for key, _, _ in CHOICES}
    assert ("0-5", "0–5 år") in options["brukergruppe"] and options["metode"][0][0] == "testmetode"
    subject = choices_profile(cat, None, brukergruppe=["0-5", "voksne"], metode=["testmetode"])
    ranked = [(m.case.record.navn, m.reasons) for m in rank_choices(subject, cat)]
    assert ranked == [("Alta", ["Samme brukergruppe: 0–5 år", "Samme metode: Testmetode for «samskaping» & medvirkning"])]


def test_wrong_values_name_the_file_line_field_and_what_is_allowed(data):
    text = ALTA.replace("metoder: [testmetode]", "metoder: [testmetode, gjettet]").replace(
        'brukergrupper: ["0-5", seniorer]', 'brukergrupper: ["0-6"]').replace("uavhengig-evaluering", "stjerner")
    found = sjekk(data, text)
    assert any(p.startswith("data/kommuner/alta.yml:12: metoder[2]: fant «gjettet», som ikke finnes i "
                            "data/metoder.yml; tillatt er: testmetode, ubrukt-metode") for p in found), found
    assert any(p.startswith("data/kommuner/alta.yml:11: brukergrupper[1]:") and "0-5" in p for p in found), found
    assert any(p.startswith("data/kommuner/alta.yml:13: belegg:") and "egen-beskrivelse" in p for p in found), found


def test_a_method_s_resources_and_a_gathering_s_focus_areas_must_exist(data):
    text = (data / "metoder.yml").read_text(encoding="utf-8").replace(
        "  beskrivelse: En metode brukt i testene.\n", "  beskrivelse: En metode brukt i testene.\n"
        "  ressurser: [testrapport, borte]\n")
    (data / "metoder.yml").write_text(text, encoding="utf-8")
    _, problems = validate(data)
    assert [str(p) for p in problems] == [
        "data/metoder.yml:6: [1].ressurser[2]: fant «borte», som ikke finnes i data/ressurser.yml; tillatt er: "
        "eksempelressurs, testfilm, testhefte-uten-lenke, testrapport"]


def test_the_schema_and_so_the_form_has_the_six_fields_with_their_choices():
    schema = schema_for("kommunecase.schema.json", data_ids_from(ROOT / "data"))
    props = schema["properties"]
    assert [props[f]["title"] for f in SIX] == ["Resultater", "Ressursbruk", "Forutsetninger", "Brukergrupper",
                                               "Metoder", "Belegg for hele casen"]
    assert props["brukergrupper"]["items"]["enum"] == ["0-5", "6-12", "13-19", "voksne", "seniorer"]
    assert props["brukergrupper"]["items"]["enumDescriptions"][0] == "0–5 år"
    assert props["metoder"]["items"]["enum"][:3] == ["fremtidsbilder", "samskaping", "aksjonslaering"]
    assert props["metoder"]["items"]["x-kilde"] == "data/metoder.yml"
    belegg = next(o for o in props["belegg"]["anyOf"] if o.get("type") != "null")
    assert belegg["enumDescriptions"] == ["Kommunens egen beskrivelse", "Oppsummering fra KS eller Kulturskolerådet",
                                          "Uavhengig evaluering"]
    fact_rule = next(r for r in schema["allOf"] if r.get("x-regel") == "fakta_kilder")
    assert set(SIX) <= set(fact_rule["x-felt"])
    # The committed schema (VS Code, the form) is the generated one.
    committed = json.loads((ROOT / "schema" / "kommunecase.schema.json").read_text(encoding="utf-8"))
    assert committed["properties"]["metoder"] == props["metoder"]


@pytest.fixture(scope="module")
def alta_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("seks-felt")
    data = copy_fixture_data(tmp)
    (data / "kommuner" / "alta.yml").write_text(ALTA, encoding="utf-8")
    metoder = (data / "metoder.yml").read_text(encoding="utf-8")
    (data / "metoder.yml").write_text(metoder.replace("  beskrivelse: En metode brukt i testene.\n",
                                                      "  beskrivelse: En metode brukt i testene.\n"
                                                      "  ressurser: [testrapport]\n"), encoding="utf-8")
    cat, problems = validate(data)
    assert problems == []
    (tmp / "prosjekt").mkdir()
    return cat, build(make_project(tmp / "prosjekt", data))


def test_page_shows_them_with_the_evidence_as_a_plain_label(alta_site):
    _, site = alta_site
    page = article(site, "kommuner/alta")
    assert "Brukergrupper 0–5 år, Seniorer Metoder Testmetode for «samskaping» & medvirkning Belegg Uavhengig " \
           "evaluering" in page.text
    assert "Resultater Flere barn i <kulturskolen> & færre på venteliste." in page.text
    assert "Hva det krevde En halv stilling i to år." in page.text
    assert "Dette må være på plass En kommunalsjef som vil." in page.text
    assert ("Testmetode for «samskaping» & medvirkning", "../../metoder/testmetode/") in page.links
    html = read(site, "kommuner/alta")
    assert "&lt;kulturskolen&gt;" in html and "★" not in html
    method = article(site, "metoder/testmetode")
    assert ("Verkstedguiden", "../../ressurser/verksted/") in method.links
    assert ("Testrapport om «oppvekst» & samspill", "https://example.org/rapport?a=1&b=2") in method.links
    assert "Kommuner som har brukt metoden Alta" in method.text
    assert "Ingen kommuner har oppgitt denne metoden ennå" in article(site, "metoder/ubrukt-metode").text


def test_exports_and_explorer_carry_them(alta_site):
    cat, site = alta_site
    data = json.loads((site / "data" / "kommuner.json").read_text(encoding="utf-8"))
    alta = next(k for k in data["kommuner"] if k["id"] == "alta")
    assert {f: alta[f] for f in SIX} == {
        "resultater": "Flere barn i <kulturskolen> & færre på venteliste.", "ressursbruk": "En halv stilling i to år.",
        "forutsetninger": "En kommunalsjef som vil.", "brukergrupper": ["0-5", "seniorer"], "metoder": ["testmetode"],
        "belegg": "uavhengig-evaluering"}
    row = next(r for r in csv.DictReader(io.StringIO((site / "data" / "kommuner.csv").read_text(encoding="utf-8")))
               if r["id"] == "alta")
    assert (row["brukergrupper"], row["metoder"], row["belegg"]) == ("0-5; seniorer", "testmetode",
                                                                      "uavhengig-evaluering")
    assert row["resultater"].startswith("Flere barn")
    assert "belegg" in article(site, "data").text
    facets = {f.key: {v.value: v.count for v in f.values} for f in explorer.facets(cat, explorer.entries(cat))}
    assert facets["brukergruppe"] == {"0-5": 1, "seniorer": 1}
    assert facets["metode"] == {"testmetode": 1}
    assert facets["belegg"] == {"uavhengig-evaluering": 1}
    assert facets["har"]["resultater"] == 1 and facets["har"]["forutsetninger"] == 1
    html = read(site, "utforsk")
    assert 'data-brukergruppe="0-5 seniorer" data-metode="testmetode" data-belegg="uavhengig-evaluering"' in html


def test_real_cases_use_the_fields_only_with_a_source(cat):
    used = {c.slug: {f for f in SIX if getattr(c.record, f)} for c in cat.cases}
    assert used["nes"] == {"brukergrupper", "belegg"} and used["malselv"] == {"metoder"}
    assert all(c.record.kilder for c in cat.cases if used[c.slug])
    # No real case claims results, costs or conditions: nothing public says them.
    assert not any(c.record.resultater or c.record.ressursbruk or c.record.forutsetninger for c in cat.cases)
