"""What each case lacks, as an invitation (issue 21.2): computed from the model, «Dette mangler» on
each case page with «Rediger i skjema», /bidra/mangler/ for every case, and the explorer's «har»
facet."""
from __future__ import annotations

import re
from collections import Counter

from macros.core.completeness import ADMIN, completeness, content_fields, filled
from macros.core.model import Erfaringer, Fremtidsbilde, Kommunecase
from macros.site import explorer

from .conftest import read
from .test_site import article


def test_every_field_of_the_model_counts_except_the_record_s_own():
    assert content_fields() == [n for n in Kommunecase.model_fields if n not in ADMIN]
    for name in ("resultater", "ressursbruk", "forutsetninger", "brukergrupper", "metoder", "belegg", "kilder",
                 "erfaringer", "kommunegruppe"):
        assert name in content_fields()


def test_filled_looks_into_groups_and_lists():
    assert not filled(Erfaringer(dette_fungerte=[], dette_fungerte_ikke=[]))
    assert filled(Erfaringer(dette_fungerte=["Noe"]))
    assert not filled(Fremtidsbilde())
    assert not filled([]) and not filled(None) and not filled("  ")
    assert filled(False) and filled(["0-5"])


def test_the_real_cases_completeness(cat):
    bodo = next(c for c in cat.cases if c.slug == "bodo")
    c = completeness(bodo.record)
    assert set(c.filled) == {"fokusomrade", "utviklingsprosjekt", "metoder", "belegg", "kilder"}
    assert "erfaringer" in c.missing and "resultater" in c.missing
    assert c.has_sources and c.focus_is_reading
    gjesdal = completeness(next(c for c in cat.cases if c.slug == "gjesdal").record)
    assert gjesdal.filled == () and not gjesdal.has_sources


def test_case_page_says_what_is_missing_to_the_municipality_and_links_the_form(real_site):
    page = article(real_site, "kommuner/bodo")
    assert ("Dette mangler Er dere fra Bodø kommune? Siden forteller ennå ikke: hva som fungerte og hva som ikke "
            "fungerte hva som kom ut av arbeidet, og for hvem hva som må være på plass for at andre kan gjøre det samme "
            "hva arbeidet krevde av tid, folk og penger og 6 ting til (se alt som mangler)") in page.text
    assert "Fokusområdet er redaksjonens tolkning av kildene. Stemmer det" in page.text
    links = dict(page.links)
    assert links["Rediger i skjema"] == "../../bidra/skjema/?rediger=bodo"
    assert links["og 6 ting til (se alt som mangler)"] == "../../bidra/mangler/#bodo"
    assert [t for t, _ in page.links].count("Rediger i skjema") == 1
    # Written in the case's own standard.
    nn = article(real_site, "kommuner/sunnfjord").text
    assert "Dette manglar Er de frå Sunnfjord kommune? Sida fortel enno ikkje: kva som fungerte" in nn
    # The fictional example is complete and never asks.
    assert "Dette mangler" not in article(real_site, "bidra/eksempel").text


def test_mangler_lists_every_case_with_missing_fields_in_county_order_with_a_form_link(cat, real_site):
    html = read(real_site, "bidra/mangler")
    rows = re.findall(r'<tr id="([^"]+)"><td data-sort="[^"]*"><a href="[^"]+">([^<]+)</a></td>'
                      r'<td data-sort="(\d\d)">', html)
    lacking = [c for c in cat.cases if completeness(c.record).missing or completeness(c.record).focus_is_reading]
    assert sorted(slug for slug, _, _ in rows) == sorted(c.slug for c in lacking)
    assert len(rows) == 16
    numbers = [nr for _, _, nr in rows]
    assert numbers == sorted(numbers), "ikke i fylkesrekkefølge"
    for c in lacking:
        assert f'href="../skjema/?rediger={c.slug}">Rediger {c.record.navn} i skjema</a>' in html
        n = len(completeness(c.record).missing)
        assert re.search(rf'<tr id="{c.slug}">.*?<td data-sort="{n}">{n}</td>', html)
    assert '<script src="../../assets/mangler.js"></script>' in html
    assert "mangler noe, med det som mangler" in article(real_site, "bidra/mangler").text


def test_explorer_filters_on_project_experiences_and_sources(cat, real_site):
    items = explorer.entries(cat)
    har = {v.value: (v.label, v.count) for v in next(f for f in explorer.facets(cat, items) if f.key == "har").values}
    expected = Counter(k for c in cat.cases for k in completeness(c.record).filled if k in explorer.HAR)
    assert har["utviklingsprosjekt"] == ("Har prosjekt", expected["utviklingsprosjekt"])
    assert har["erfaringer"] == ("Har erfaringer", 0)  # shown even when no case has it yet
    assert har["kilder"] == ("Har kilder", expected["kilder"]) and expected["kilder"] == 11
    html = read(real_site, "utforsk")
    assert Counter(v for h in re.findall(r'data-har="([^"]*)"', html) for v in h.split()) == expected
    assert 'id="utforsk-har-erfaringer" name="har" value="erfaringer"' in html
