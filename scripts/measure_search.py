"""Measure site search: ours (macros/site/search.py + docs/assets/sok.js) beside Pagefind as the site
used it before issue 10, on the same pages and the same query sets.

Both sites are built once: the search fixture site (tests/fixtures/sok/data, fictional case texts) and
the real site (data/). Pagefind 1.5.2 then indexes the same built pages (the same data-pagefind-body
mark), and both engines answer in Chromium, each with its own code: ours through
window.KulturskoleSok (what the dialog runs), Pagefind through pagefind.js as the dialog used it.

Printed per site and engine: recall and precision on the inflection set (tests/fixtures/sok/sporsmal.yml),
the ranking set (tests/fixtures/sok/maal.py), and the bytes of a first query. With --skala DIR (a site
built from bench/gen.py's 2,000 cases, e.g. bench/work/n2000/ours/site after `make bench`), the bytes of
a first query there too, for both engines.

Run from the project root:  .venv/bin/python scripts/measure_search.py  [--skala DIR] [--vis-bommer]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from search_probe import ARGS, CHROMIUM, CountingServer, measure  # noqa: E402
from tests.conftest import build, make_project  # noqa: E402
from tests.fixtures.sok import maal  # noqa: E402
from tests.fixtures.sok.bygg import fixture_data  # noqa: E402
from tests.fixtures.sok.motor import run_queries  # noqa: E402

BYTE_QUERIES = ["kulturskolen", "barnehage", "samarbeidet"]

PAGEFIND_FIRST_PAGE_JS = """async (q) => {
  const pf = await import(new URL('pagefind/pagefind.js', document.baseURI).href);
  await pf.options({baseUrl: '/', excerptLength: 24, noWorker: true});  // as the dialog did
  await pf.init();
  const s = await pf.search(q);
  await Promise.all(s.results.slice(0, 10).map(r => r.data()));
  return s.results.length;
}"""


def pagefind_index(site: Path) -> None:
    """Pagefind as the build ran it before issue 10, on the same built pages."""
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind", "--quiet"],
                   check=True)


def pagefind_bytes(site: Path, queries: list[str]) -> dict[str, tuple[int, int]]:
    """query -> (bytes, gzip bytes) Pagefind fetches for it in a fresh browser (runtime, index, 10 fragments)."""
    from playwright.sync_api import sync_playwright

    server = CountingServer(site)
    out = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            for q in queries:
                ctx = browser.new_context()
                page = ctx.new_page()
                page.goto(server.url, wait_until="networkidle")
                server.sent.clear()
                page.evaluate(PAGEFIND_FIRST_PAGE_JS, q)
                out[q] = (sum(r[1] for r in server.sent), sum(r[2] for r in server.sent))
                ctx.close()
            browser.close()
    finally:
        server.close()
    return out


def quality(site: Path, which: str, show_misses: bool) -> None:
    from playwright.sync_api import sync_playwright

    queries = maal.load_queries()
    expected = maal.expected_pages(site, queries)
    ranking = maal.ranking_queries(site, which)
    texts = [q["sok"] for q in queries] + [q["sok"] for q in ranking]
    server = CountingServer(site)
    found = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            for engine in ("pagefind", "ours"):
                page = browser.new_page()
                page.goto(server.url)
                found[engine] = run_queries(page, texts, engine)
                page.close()
            browser.close()
    finally:
        server.close()
    for engine, label in (("pagefind", "Pagefind 1.5.2 (som før)"), ("ours", "Søket vårt")):
        q = maal.inflection_quality(found[engine], expected)
        ok, total, misses = maal.ranking_quality(found[engine], ranking)
        print(f"  {label:<26} bøyning: {q.line()}")
        print(f"  {'':<26} rangering: {total} søk, {ok} riktig ({ok / total:.0%})")
        if show_misses:
            for m in q.misses + misses:
                print(f"      {m}")


def bytes_line(site: Path, page_url: str) -> None:
    ours = measure(site, page_url, BYTE_QUERIES)
    pf = pagefind_bytes(site, BYTE_QUERIES)
    for q in BYTE_QUERIES:
        o = ours["queries"][q]
        print(f"  «{q}»: søket vårt {o['gzip'] / 1024:.0f} KB gzip ({o['bytes'] / 1024:.0f} KB), "
              f"Pagefind {pf[q][1] / 1024:.0f} KB gzip ({pf[q][0] / 1024:.0f} KB)")
    t = next(iter(ours["typed"].values()))
    print(f"  Skrevet bokstav for bokstav, «{BYTE_QUERIES[0]}»: søket vårt {t['gzip'] / 1024:.0f} KB gzip i "
          f"{t['requests']} forespørsler (venter på en pause i skrivingen)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--skala", type=Path, help="et bygd nettsted med mange caser (bytes for begge motorene)")
    ap.add_argument("--vis-bommer", action="store_true", help="vis søkene som ikke fant det de skulle")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="maal-sok-"))
    try:
        print("Bygger testnettstedet og det ekte nettstedet ...", flush=True)
        (work / "test").mkdir()
        test_site = build(make_project(work / "test", fixture_data(work / "testdata")))
        (work / "ekte").mkdir()
        real_site = build(make_project(work / "ekte"))
        for site in (test_site, real_site):
            pagefind_index(site)
        for name, site, which in (("Testnettstedet", test_site, "test"), ("Det ekte nettstedet", real_site, "ekte")):
            print(f"\n{name} ({len(list((site / 'sok' / 's').glob('*.json')))} sider i søket):")
            quality(site, which, args.vis_bommer)
            bytes_line(site, "kommuner/bergen/" if which == "test" else "kommuner/bodo/")
        if args.skala:
            copy = work / "skala"
            shutil.copytree(args.skala, copy)
            pagefind_index(copy)
            case = next(p.parent.name for p in (copy / "kommuner").glob("*/index.html"))
            print(f"\nSkala: {args.skala} ({len(list((copy / 'sok' / 's').glob('*.json')))} sider):")
            bytes_line(copy, f"kommuner/{case}/")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
