"""Measure site search: ours (macros/site/search.py + docs/assets/sok/) beside Pagefind as the site
used it before issue 10, on the same pages and the same query sets.

Both sites are built once: the search fixture site (tests/fixtures/sok/data, fictional case texts) and
the real site (data/). Pagefind 1.5.2 then indexes the same built pages (the same data-pagefind-body
mark), and both engines answer in Chromium, each with its own code: ours through
window.KulturskoleSok (what the dialog runs), Pagefind through pagefind.js as the dialog used it.

Printed per site and engine: recall and R-precision on the inflection set (tests/fixtures/sok/sporsmal.yml),
the ranking set (tests/fixtures/sok/maal.py), and the bytes of a first query. On the real site, the
independent set (tests/fixtures/sok/uavhengig.yml, issue 19) by category for our engine as typed, for
our engine without the GPL word pairs (KULTURSKOLE_ORDPAR=0) and for Pagefind: recall, MRR, hit@1,
hit@3, empty, false hits. With --skala DIR (a site built from bench/gen.py's 2,000 cases, e.g.
bench/work/n2000/ours/site after `make bench`), the bytes of a first query there for both engines, and
ten queries typed one after another in one dialog: their bytes and how long after the end of each
typing pause the results showed.

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
from tests.fixtures.sok import maal, uavhengig  # noqa: E402
from tests.fixtures.sok.bygg import fixture_data  # noqa: E402
from tests.fixtures.sok.motor import run_queries  # noqa: E402

BYTE_QUERIES = ["kulturskolen", "barnehage", "samarbeidet"]
# Ten queries typed one after another (words on the bench site, a phrase, a compound, a typo).
SESSION = ["kulturskolen", "barnehage", "samarbeid", "dans i barnehagen", "frivillighet", "helsesektoren",
           "musikk", "korps", "samskaping", "kulturskle"]
PAUSE_MS = 300  # docs/assets/sok/5-dialog.js PAUSE_MS

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
                ctx = browser.new_context(bypass_csp=True)  # Pagefind needs WebAssembly, which the site's policy forbids
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
                page = browser.new_context(bypass_csp=engine == "pagefind").new_page()
                page.goto(server.url)
                found[engine] = run_queries(page, texts, engine)
                page.close()
            browser.close()
    finally:
        server.close()
    for engine, label in (("pagefind", "Pagefind 1.5.2 (som før)"), ("ours", "Søket vårt")):
        q = maal.inflection_quality(found[engine], expected)  # (Pagefind as typed, like ours)
        ok, total, misses = maal.ranking_quality(found[engine], ranking)
        print(f"  {label:<26} bøyning: {q.line()}")
        print(f"  {'':<26} rangering: {total} søk, {ok} riktig ({ok / total:.0%})")
        if show_misses:
            for m in q.misses + misses:
                print(f"      {m}")


def independent(site: Path, work: Path) -> None:
    """The independent set by category: ours as typed, ours without the GPL word pairs, Pagefind."""
    from playwright.sync_api import sync_playwright

    plain = work / "uten-ordpar"
    shutil.copytree(site, plain)
    subprocess.run([sys.executable, "-m", "macros.site.search", str(plain)], check=True, cwd=ROOT,
                   env={**os.environ, "KULTURSKOLE_ORDPAR": "0"})
    for path in uavhengig.SETS:
        if not path.exists():
            print(f"  ({path.relative_to(ROOT)} finnes ikke)")
            continue
        queries = uavhengig.load(path)
        texts = [q["sok"] for q in queries]
        found = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            for label, where, engine in (("Søket vårt, som skrevet", site, "ours"),
                                         ("Søket vårt uten GPL-ordparene", plain, "ours"),
                                         ("Pagefind 1.5.2", site, "pagefind")):
                server = CountingServer(where)
                try:
                    page = browser.new_context(bypass_csp=engine == "pagefind").new_page()
                    page.goto(server.url)
                    found[label] = uavhengig.tally(queries, run_queries(page, texts, engine))
                    page.close()
                finally:
                    server.close()
            browser.close()
        print(f"\n  Det uavhengige spørresettet {path.name} ({len(queries)} søk): recall, MRR, hit@1, hit@3, tomme, "
              "falske treff")
        print("\n".join(uavhengig.table(found)))
        short = uavhengig.shortfalls(found["Søket vårt, som skrevet"], found["Pagefind 1.5.2"])
        print("  Under målene: " + ("; ".join(text for _, _, text in short) if short else "ingen"))


def session(site: Path, page_url: str, queries: list[str]) -> None:
    """Ten queries typed one after another in one dialog: bytes (gzip) and milliseconds from the end of
    each typing pause to the results."""
    import gzip

    from playwright.sync_api import sync_playwright

    server = CountingServer(site)
    lines, total = [], 0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = browser.new_context().new_page()
            page.goto(server.url + page_url, wait_until="networkidle")
            server.sent.clear()
            js = (site / "assets" / "sok.js").read_bytes()
            server.sent.append(("/assets/sok.js", len(js), len(gzip.compress(js))))
            page.click("[data-ks-sok-apne]")
            field = page.locator("[data-ks-sok-felt]")
            page.evaluate("""() => { const s = document.querySelector('[data-ks-sok-status]');
              document.querySelector('[data-ks-sok-felt]').addEventListener('input', () => { window.__last = performance.now(); });
              window.__seen = [];
              new MutationObserver(() => window.__seen.push([performance.now(), s.textContent]))
                .observe(s, {childList: true, subtree: true, characterData: true}); }""")
            for q in queries:
                field.fill("")
                page.evaluate("() => { window.__seen = []; }")
                field.press_sequentially(q, delay=60)
                page.wait_for_function(
                    "(q) => { const l = document.querySelector('[data-ks-sok-treff]');"
                    " const s = document.querySelector('[data-ks-sok-status]');"
                    " return !l.hasAttribute('aria-busy') && s.textContent.includes('«' + q + '»'); }", arg=q, timeout=30000)
                page.wait_for_load_state("networkidle")
                ms = page.evaluate("(q) => window.__seen.find(t => t[1].includes('«' + q + '»'))[0] - window.__last", q)
                lines.append(f"«{q}» {ms - PAUSE_MS:.0f} ms")
            total = sum(r[2] for r in server.sent)
            browser.close()
    finally:
        server.close()
    print(f"  Ti søk etter hverandre i samme dialog: {total / 1024:.0f} KB gzip i alt (mål ≤ 150). "
          "Tid fra slutten av pausen til treffene: " + ", ".join(lines) + " (mål ≤ 50 ms, på en rolig maskin)")


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
    ap.add_argument("--til", type=Path, help="skriv også alt som skrives ut, til denne Markdown-fila (make bench)")
    args = ap.parse_args()
    if args.til:
        return _written_to(args.til, lambda: _measure(args))
    return _measure(args)


class _Both:
    """Standard output and a copy."""
    def __init__(self, *streams):
        self.streams = streams

    def write(self, text):
        for s in self.streams:
            s.write(text)

    def flush(self):
        for s in self.streams:
            s.flush()


def _written_to(path: Path, run) -> int:
    import contextlib
    import datetime as dt
    import io
    import subprocess as sp

    copy = io.StringIO()
    with contextlib.redirect_stdout(_Both(sys.stdout, copy)):
        code = run()
    commit = sp.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    path.write_text(f"# Søket målt (`make bench`: scripts/measure_search.py)\n\n"
                    f"Kjørt {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, commit `{commit}`. Søket vårt og "
                    f"Pagefind 1.5.2 på de samme sidene, i Chromium; målene står i issue 19 og i "
                    f"tests/fixtures/sok/uavhengig.py.\n\n```text\n{copy.getvalue().strip()}\n```\n", encoding="utf-8")
    return code


def _measure(args) -> int:
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
            if which == "ekte":
                independent(site, work)
        if args.skala:
            copy = work / "skala"
            shutil.copytree(args.skala, copy)
            pagefind_index(copy)
            case = next(p.parent.name for p in (copy / "kommuner").glob("*/index.html"))
            print(f"\nSkala: {args.skala} ({len(list((copy / 'sok' / 's').glob('*.json')))} sider):")
            bytes_line(copy, f"kommuner/{case}/")
            session(copy, f"kommuner/{case}/", SESSION)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
