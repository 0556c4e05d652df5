"""Nothing lost (issue 13.2): every valid case reaches every place a reader or a program looks for
it, and no example reaches any of them.

A property over generated datasets: bench/gen.py's fictional datasets (any size), thinned at random
(fields dropped, shorter histories, so cases differ in what they have), plus fictional examples
that carry a marker word. Most examples run through the pure generation functions
(macros/site/generate.py); one generated dataset and the real data are also built for real, and the
HTML, the exports on disk and the search index are read.

For every published case:
- its page; its county page; its focus area's page; each criterion page it names (with its evidence);
- the explorer: the list in the HTML (what a reader without JavaScript gets), and on each item the
  data-* values docs/assets/utforsk.js filters on (the script reads them from there, no other copy);
- the search index (the files docs/assets/sok/ reads): the case page with its title, found by
  each word of its name;
- kommuner.json, kommuner.csv and deltakere.geojson, with the same values in all three;
- the Atom feed.
The counts on the home page, the index and each county page equal the records.
"""
from __future__ import annotations

import csv
import io
import json
import posixpath
import random
import re
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml
from markupsafe import escape
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from macros.core.catalog import Catalog, validate
from macros.core.model import STATUS
from macros.core.slug import slugify
from macros.core.status import shown_status
from macros.site.generate import generate

from .conftest import MUTATION, ROOT

sys.path.insert(0, str(ROOT / "bench"))
import gen  # noqa: E402  (the benchmark's fictional dataset generator)

ATOM = "{http://www.w3.org/2005/Atom}"
MARKER = "Lekkasjesjekk"  # in every extra example's name and texts; must reach no public page or file
OPTIONAL = ["fokusomrade", "utviklingsprosjekt", "kommunegruppe", "partnere", "fremtidsbilde", "erfaringer",
            "suksesskriterier", "kontakt", "sprak"]
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


# --- Datasets --------------------------------------------------------------------------------

def thin(data: Path, seed: int, n_examples: int) -> int:
    """Make gen.py's uniform cases differ: drop optional fields, cut histories short, give some
    municipalities a second case in another programme (<kommune>-egen-utvikling.yml), and add
    fictional examples (eksempel: true, 99xx) that name a focus area and a criterion. Returns the
    number of second cases."""
    rng = random.Random(seed)
    extra = 0
    for path in sorted((data / "kommuner").glob("testkommune-*.yml")):
        rec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for field in OPTIONAL:
            if rng.random() < 0.35:
                rec.pop(field, None)
        rec["deltakelse"] = rec["deltakelse"][: rng.randint(1, len(rec["deltakelse"]))]
        if rng.random() < 0.2:
            path.with_suffix(".md").unlink()
        if not any(rec.get(f) for f in ("utviklingsprosjekt", "fokusomrade", "partnere", "kommunegruppe",
                                         "fremtidsbilde", "erfaringer", "suksesskriterier")) and rng.random() < 0.5:
            rec.pop("kilder", None)  # nothing claimed: no source needed (unless the story stays)
            if path.with_suffix(".md").exists():
                rec["kilder"] = [{"tittel": "Fiktiv kilde", "url": "https://example.org/kilde"}]
        path.write_text(yaml.dump(rec, Dumper=_DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")
        if rng.random() < 0.3:  # a second case, in a programme whose statuses differ from the pilot's
            second = {"navn": rec["navn"], "kommunenummer": rec["kommunenummer"], "program": "egen-utvikling",
                      "deltakelse": [{"status": "planlagt", "dato": "2025-01-15"}], "oppdatert": "2026-06-01"}
            path.with_name(f"{path.stem}-egen-utvikling.yml").write_text(
                yaml.dump(second, Dumper=_DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")
            extra += 1
    fokus = yaml.safe_load((data / "fokusomrader.yml").read_text(encoding="utf-8"))[0]["id"]
    krit = yaml.safe_load((data / "suksesskriterier.yml").read_text(encoding="utf-8"))[0]["id"]
    for i in range(n_examples):
        navn = f"Ø{MARKER.lower()} {i + 1}"  # sorts after «Eksempelkommune», which keeps /bidra/eksempel/
        rec = {"navn": navn, "kommunenummer": f"99{50 + i}", "eksempel": True, "program": "kulturskole-3-0",
               "deltakelse": [{"status": "aktiv", "dato": "2022-01-01"}], "fokusomrade": fokus,
               "utviklingsprosjekt": {"tittel": f"{MARKER}prosjekt", "sammendrag": f"{MARKER} tekst."},
               "partnere": [{"navn": f"{MARKER}laget", "type": "frivillighet"}],
               "suksesskriterier": [{"id": krit, "belegg": f"{MARKER}belegg"}],
               "kontakt": {"rolle": f"{MARKER}rolle", "navn": f"{MARKER} Navn", "epost": "x@example.org",
                           "samtykke": True},
               "oppdatert": "2099-01-01"}  # newer than everything: would top the feed and the home page
        (data / "kommuner" / f"{slugify(navn)}.yml").write_text(
            yaml.dump(rec, Dumper=_DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")
        (data / "kommuner" / f"{slugify(navn)}.md").write_text(f"{MARKER} fortelling.\n", encoding="utf-8")
    return extra


def dataset(tmp: Path, n: int, seed: int, n_examples: int) -> Catalog:
    data = gen.generate(n, tmp / "data")
    extra = thin(data, seed, n_examples)
    cat, problems = validate(data)
    assert [str(p) for p in problems] == []
    assert len(cat.cases) == n + extra and len(cat.examples) == n_examples + 1  # + the copied Eksempelkommune
    return cat


# --- What a page or file must show ----------------------------------------------------------------

def href(here: str, url: str) -> str:
    """The relative link from page `here` to `url`, both directory URLs ('' is the home page)."""
    return posixpath.relpath(url.rstrip("/") or ".", here.rstrip("/") or ".") + "/"


def link(here: str, url: str, text: str) -> str:
    return f'<a href="{href(here, url)}">{escape(text)}</a>'


def fylke_of(cat: Catalog, case):
    return cat.reg.fylker[cat.reg.kommuner[case.record.kommunenummer].fylke]


def count(text: str, n: int, word: str) -> bool:
    return f"<strong>{n}</strong> {word}" in text


def check_published(cat: Catalog, out: dict[str, str]) -> None:
    """out: generated pages and files by path (src_uri). Every published case is everywhere."""
    cases = cat.cases
    explorer = out["utforsk/index.md"]
    items = re.findall(r"<li data-program=[^>]*>.*?</li>", explorer)
    assert len(items) == len(cases)
    assert f"Her er alle {len(cases)} casene" in explorer
    index = out["kommuner/index.md"]
    records = json.loads(out["data/kommuner.json"])
    assert records["antall"] == len(cases) == len(records["kommuner"])
    by_id = {r["id"]: r for r in records["kommuner"]}
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out["data/kommuner.csv"]))}
    features = {f["id"]: f for f in json.loads(out["data/deltakere.geojson"])["features"]}
    feed = ET.fromstring(out["feed.xml"].encode("utf-8"))
    entries = {e.find(f"{ATOM}link").get("href"): e for e in feed.findall(f"{ATOM}entry")}
    assert len(entries) == len(cases) == len(rows) == len(features)

    for case in cases:
        r, url = case.record, f"kommuner/{case.slug}/"
        fylke = fylke_of(cat, case)
        fylke_url = f"fylker/{slugify(fylke.navn)}/"
        # The name, and the programme when the municipality has several cases.
        several = len([c for c in cases if c.record.kommunenummer == r.kommunenummer]) > 1
        title = f"{r.navn} – {cat.program(r.program).tittel}" if several else r.navn
        # Its own page, titled with its name.
        page = out[f"kommuner/{case.slug}.md"]
        assert yaml.safe_load(page.split("---\n")[1])["title"] == title
        # Listed on the index, its county page, its programme's page, its focus area page, each criterion page.
        assert link("kommuner/", url, title) in index
        assert link(fylke_url, url, title) in out[f"{fylke_url.rstrip('/')}.md"], (case.slug, fylke_url)
        assert link(f"program/{r.program}/", url, title) in out[f"program/{r.program}.md"]
        if r.fokusomrade:
            assert link(f"fokusomrader/{r.fokusomrade}/", url, title) in out[f"fokusomrader/{r.fokusomrade}.md"]
        for k in r.suksesskriterier:
            page = out[f"suksesskriterier/{k.id}.md"]
            assert link(f"suksesskriterier/{k.id}/", url, title) in page
            assert str(escape(" ".join(k.belegg.split()))) in page
        # The explorer: in the list without JavaScript, with the values the script filters on.
        [item] = [i for i in items if link("utforsk/", url, title) in i]
        attrs = dict(re.findall(r'data-(\w+)="([^"]*)"', item.split(">", 1)[0] + ">"))
        assert attrs["program"] == r.program
        assert attrs["fylke"] == slugify(fylke.navn)
        assert attrs["fokus"] == (r.fokusomrade or "ikke-oppgitt")
        shown = shown_status(r, cat.program_of(case)).kode  # the status shown today (core/status.py)
        assert attrs["status"] == shown
        assert attrs["kriterium"].split() == list(dict.fromkeys(k.id for k in r.suksesskriterier))
        assert sorted(attrs["partner"].split()) == sorted({p.type for p in r.partnere})
        # JSON, CSV and GeoJSON: the same values.
        rec = by_id[case.slug]
        assert (rec["navn"], rec["kommunenummer"], rec["program"], rec["status"], rec["fokusomrade"],
                rec["oppdatert"]) == (r.navn, r.kommunenummer, r.program, shown, r.fokusomrade,
                                      r.oppdatert.isoformat())
        assert rec["sist_kjente_status"] == r.status
        assert (rec["fylkesnummer"], rec["fylke"]) == (fylke.nummer, fylke.navn)
        row = rows[case.slug]
        for key, value in row.items():
            if key in rec and not isinstance(rec[key], (dict, list)):
                assert value == ("" if rec[key] is None else json.dumps(rec[key]) if isinstance(rec[key], bool)
                                 else str(rec[key])), (case.slug, key)
        assert row["suksesskriterier"] == "; ".join(k["id"] for k in rec["suksesskriterier"])
        assert row["partnere"] == "; ".join(p["navn"] for p in rec["partnere"])
        assert row["utviklingsprosjekt"] == ((rec["utviklingsprosjekt"] or {}).get("tittel") or "")
        kontakt = rec["kontakt"] or {}
        assert [row[f"kontakt_{k}"] for k in ("rolle", "navn", "epost")] == \
            [kontakt.get(k) or "" for k in ("rolle", "navn", "epost")]
        feature = features[case.slug]
        assert all(feature["properties"][k] == rec[k] for k in feature["properties"])
        assert feature["geometry"]["coordinates"] == list(cat.reg.kommuner[r.kommunenummer].punkt)
        # The feed: one entry, titled like its page.
        assert entries[href("", url)].find(f"{ATOM}title").text == title

    # Counts: the home page (the programmes' own figures, and the cases of the other programmes
    # counted apart), the index, each programme page and each county page equal the records.
    from macros.site.pages import home_blocks
    tall = home_blocks(cat, "")["tall"]
    for p in cat.programmer:
        for t in p.nokkeltall:
            assert f"<strong>{t.antall}</strong> {escape(t.tekst)}" in tall
    others = sum(1 for c in cases if not cat.program(c.record.program).nokkeltall)
    assert count(tall, others, "case" if others == 1 else "caser")
    for p in cat.programmer:
        n = sum(1 for c in cases if c.record.program == p.id)
        assert f"Caser her</dt> <dd>{n}</dd>" in out[f"program/{p.id}.md"]
    for fylke in cat.fylker:
        page = out[f"fylker/{slugify(fylke.navn)}.md"]
        n = sum(1 for c in cases if fylke_of(cat, c).nummer == fylke.nummer)
        assert f"{n} {'case' if n == 1 else 'caser'}," in page.split("---\n")[1]  # the page's description
        section = page.split(f"## Kommuner med caser i {fylke.navn}\n")[1].split("## Kommuner med caser i nabofylkene")[0]
        if n:
            assert section.count("<li><a href=") == n, fylke.navn
        else:
            assert f"Ingen kommuner i {fylke.navn} har en case her ennå." in section


# The case form's rules name every file in data/kommuner (number, file name), examples too, so the
# form can say a file is taken: a list of the repository's files, not a listing of cases.
FILE_LIST = "bidra/skjema/regler.json"


def without_file_list(out: dict[str, str]) -> dict[str, str]:
    if FILE_LIST not in out:
        return out
    rules = json.loads(out[FILE_LIST])
    assert all(len(entry) == 4 and entry[1].startswith("data/kommuner/") for entry in rules.pop("caser"))
    return {**out, FILE_LIST: json.dumps(rules, ensure_ascii=False)}


def check_examples_hidden(cat: Catalog, out: dict[str, str]) -> None:
    """No example's name or texts anywhere, except the one example shown at /bidra/eksempel/."""
    out = without_file_list(out)
    shown = out.get("bidra/eksempel.md", "")
    assert MARKER not in shown  # the shown example is the real «Eksempelkommune», not ours
    leaks = [name for name, text in out.items() if MARKER in text or MARKER.lower() in text]
    assert leaks == []
    ours = [ex.record.kommunenummer for ex in cat.examples if MARKER.lower() in ex.record.navn]
    for name, text in out.items():  # (9901 is also the guide's and the messages' «f.eks. "9901"»)
        assert not set(ours) & set(re.findall(r"\b99\d\d\b", text)), name


# --- 1. Pure generation, over many generated datasets ------------------------------------------------

@settings(max_examples=2 if MUTATION else 6, derandomize=True, database=None, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(n=st.integers(1, 24), seed=st.integers(0, 10**6), n_examples=st.integers(0, 2))
def test_every_case_is_everywhere_and_no_example_anywhere(tmp_path_factory, n, seed, n_examples):
    cat = dataset(tmp_path_factory.mktemp("tapt"), n, seed, n_examples)
    out = {p.src_uri: p.content for p in generate(cat, None)}
    check_published(cat, out)
    check_examples_hidden(cat, out)


# --- 2. Real builds: the HTML, the files on disk and the search index --------------------------------

def search_pages(site: Path) -> dict[str, tuple[int, dict]]:
    """The search index's page records (sok/s/<n>.json: what a result line shows): url -> (n, record)."""
    meta = json.loads((site / "sok" / "indeks.json").read_text(encoding="utf-8"))
    docs = [json.loads((site / "sok" / "s" / f"{i}.json").read_text(encoding="utf-8")) for i in range(meta["sider"])]
    return {d["u"]: (i, d) for i, d in enumerate(docs)}


def search_finds(site: Path, typed: str) -> set[int]:
    """The pages the search index gives for one typed word, read from the files the browser reads
    (docs/assets/sok/: the chunk by the sorted bounds, the word's keys, each key's postings)."""
    from macros.site.search import decode_postings

    meta = json.loads((site / "sok" / "indeks.json").read_text(encoding="utf-8"))

    def lookup(name: str, part: str):
        n = sum(1 for b in meta["grenser"] if b <= name) - 1
        return json.loads((site / "sok" / "d" / f"{max(0, n)}.json").read_text(encoding="utf-8"))[part].get(name)

    keys = (lookup(typed, "f") or "").split()
    return {page for k in keys for page, _ in decode_postings((lookup(k, "k") or [""])[0])}


def site_files(site: Path) -> dict[str, str]:
    """The built site as text by path, for the leak check (HTML, exports, feed, sitemap, search index)."""
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*")
            if p.is_file() and p.suffix in (".html", ".json", ".csv", ".geojson", ".xml", ".ics", ".txt", ".js")}


def check_built(cat: Catalog, site: Path) -> None:
    indexed = search_pages(site)
    explorer = (site / "utforsk" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<li data-program=", explorer)) == len(cat.cases)
    home = (site / "index.html").read_text(encoding="utf-8")
    others = sum(1 for c in cat.cases if not cat.program(c.record.program).nokkeltall)
    assert count(home, others, "case" if others == 1 else "caser")
    for case in cat.cases:
        r, url = case.record, f"kommuner/{case.slug}/"
        title = cat.case_title(case)
        page = (site / url / "index.html").read_text(encoding="utf-8")
        assert re.search(rf"<h1[^>]*>{re.escape(str(escape(title)))}</h1>", page), case.slug
        assert f'href="{href("utforsk/", url)}"' in explorer
        fylke_url = f"fylker/{slugify(fylke_of(cat, case).navn)}/"
        assert f'href="{href(fylke_url, url)}"' in (site / fylke_url / "index.html").read_text(encoding="utf-8")
        # In the search index, under its own title, found by each word of its name.
        n, record = indexed[url]
        assert record["t"] == title
        for word in re.findall(r"\w+", r.navn.lower()):
            assert n in search_finds(site, word), (case.slug, word)
    # The exports on disk are exactly what the pure functions make.
    pure = {p.src_uri: p.content for p in generate(cat, None) if not p.src_uri.endswith(".md")}
    for name, text in pure.items():
        assert (site / name).read_bytes() == text.encode("utf-8"), name
    leaks = [name for name, text in without_file_list(site_files(site)).items()
             if MARKER in text or MARKER.lower() in text]
    assert leaks == []
    assert not any(f"kommuner/{ex.slug}" in url for ex in cat.examples for url in indexed)


def test_generated_dataset_built_for_real(generated_site):
    check_built(*generated_site)


def test_real_data_built_for_real(real_site, cat):
    check_built(cat, real_site)
    check_published(cat, {p.src_uri: p.content for p in generate(cat, None)})
