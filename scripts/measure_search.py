"""Measure site search: recall of Material's lunr search vs Pagefind, and bytes fetched per query.

Both engines index the same fixture site (the real site with the fictional case texts in
tests/fixtures/sok/data) and answer the same query set (tests/fixtures/sok/sporsmal.yml: inflected
Norwegian words and the pages where the word stands in some form). Both run in Chromium, each with
its own code: lunr through Material's search worker (built with the `search` plugin and
`theme.language: nb`), Pagefind through pagefind.js as the site's search dialog uses it.

Then Pagefind indexes a synthetic site of 2,000 Norwegian pages and the script counts the bytes the
server sends for one query (the runtime once, and the index chunks and result fragments per query).

Run from the project root:  .venv/bin/python scripts/measure_search.py  [--sider 2000] [--vis-bommer]
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from tests.conftest import build, make_project  # noqa: E402
from tests.fixtures.sok.bygg import fixture_data, load_queries  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


# --- serving, with a record of every byte sent ------------------------------------------------
class CountingServer:
    def __init__(self, directory: Path):
        log = self.log = []

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def copyfile(self, source, outputfile):
                data = source.read()
                outputfile.write(data)
                path = self.path.split("?")[0]
                # What a compressing web server would send: Pagefind's own files are gzip already.
                packed = len(gzip.compress(data)) if path.endswith((".js", ".json", ".html")) else len(data)
                log.append((path, len(data), packed))

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self):
        self.httpd.shutdown()


# --- the two builds -----------------------------------------------------------------------------
def build_fixture(work: Path, lunr: bool) -> Path:
    root = work / ("lunr" if lunr else "pagefind")
    root.mkdir()
    project = root / "prosjekt"
    project.mkdir()
    make_project(project, fixture_data(root / "data"))
    if lunr:
        # Material's own search: the search plugin on, and Material's header partials back.
        cfg = project / "mkdocs.yml"
        text = cfg.read_text(encoding="utf-8")
        text = text.replace("plugins:\n", "plugins:\n  - search\n", 1)
        cfg.write_text(text, encoding="utf-8")
        for name in ("header.html", "search.html"):
            (project / "overrides" / "partials" / name).unlink(missing_ok=True)
    return build(project)


# --- the engines, driven in the browser ---------------------------------------------------------
PAGEFIND_JS = """async (q) => {
  if (!window.__pf) {
    window.__pf = await import(new URL('pagefind/pagefind.js', document.baseURI).href);
    await window.__pf.options({baseUrl: '/', excerptLength: 24, noWorker: true});  // as docs/assets/sok.js
    await window.__pf.init();
  }
  const s = await window.__pf.search(q);
  const all = await Promise.all(s.results.map(r => r.data()));
  return all.map(d => d.url);
}"""

PAGEFIND_FIRST_PAGE_JS = """async (q) => {
  if (!window.__pf) {
    window.__pf = await import(new URL('pagefind/pagefind.js', document.baseURI).href);
    await window.__pf.options({baseUrl: '/', excerptLength: 24, noWorker: true});  // as docs/assets/sok.js
    await window.__pf.init();
  }
  const s = await window.__pf.search(q);
  const first = await Promise.all(s.results.slice(0, 10).map(r => r.data()));
  return {count: s.results.length, urls: first.map(d => d.url)};
}"""

LUNR_JS = """async (q) => {
  if (!window.__lunr) {
    const cfg = JSON.parse(document.getElementById('__config').textContent);
    const base = new URL(cfg.base + '/', location.href);
    const index = await (await fetch(new URL('search/search_index.json', base))).json();
    const worker = new Worker(new URL(cfg.search, location.href));
    const pending = [];
    worker.onmessage = (e) => { const p = pending.shift(); if (p) p(e.data); };
    const ready = new Promise(r => pending.push(r));
    worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
    await ready;
    window.__lunr = (query) => new Promise(r => { pending.push(r); worker.postMessage({type: 2, data: query}); });
  }
  const answer = await window.__lunr(q);
  const urls = [];
  for (const group of answer.data.items) for (const doc of group) urls.push(doc.location.split('#')[0]);
  return urls;
}"""


def normalise(url: str) -> str:
    url = re.sub(r"^(https?://[^/]+)?/", "", url.split("#")[0])
    return url.removesuffix("index.html")


def run_queries(page, js: str, queries: list[dict]) -> dict[str, set[str]]:
    return {q["sok"]: {normalise(u) for u in page.evaluate(js, q["sok"])} for q in queries}


def recall(found: dict[str, set[str]], queries: list[dict]) -> tuple[int, int, list[str]]:
    hit = total = 0
    misses = []
    for q in queries:
        expected = set(q["forventer"])
        got = expected & found[q["sok"]]
        hit += len(got)
        total += len(expected)
        if got != expected:
            misses.append(f"{q['sok']}: fant {len(got)} av {len(expected)}")
    return hit, total, misses


# --- scale: a synthetic site of n Norwegian pages -----------------------------------------------
def synthetic_site(dest: Path, n: int, vocabulary: list[str], seed: int = 4) -> Path:
    rnd = random.Random(seed)
    dest.mkdir(parents=True)
    for i in range(n):
        name = f"Testkommune {i:04d}"
        words = rnd.choices(vocabulary, k=rnd.randint(250, 600))
        sentences = [" ".join(words[j:j + 12]).capitalize() + "." for j in range(0, len(words), 12)]
        body = "".join(f"<p>{s}</p>" for s in sentences)
        page = dest / "kommuner" / f"testkommune-{i:04d}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>{name}</title></head>'
                        f'<body><nav>meny</nav><article data-pagefind-body><h1>{name}</h1>{body}</article>'
                        f"</body></html>", encoding="utf-8")
    (dest / "index.html").write_text('<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Start</title>'
                                     '</head><body><h1>Start</h1></body></html>', encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(dest), "--quiet"], check=True)
    return dest


def vocabulary_from(site: Path, extra: int = 3000, seed: int = 7) -> list[str]:
    """Words of the fixture site's pages, plus made-up names and compounds (a bigger vocabulary)."""
    text = " ".join(p.read_text(encoding="utf-8") for p in site.glob("kommuner/*/index.html"))
    text = re.sub(r"<[^>]+>", " ", text)
    words = [w.lower() for w in re.findall(r"[A-Za-zÆØÅæøå]{3,}", text)]
    rnd = random.Random(seed)
    syllables = ["kul", "tur", "sko", "le", "sam", "ar", "beid", "hel", "se", "bar", "ne", "ha", "ge", "kor", "ps",
                 "mu", "sikk", "dan", "sen", "fjell", "vik", "dal", "strand", "by", "nes", "øy", "ås", "lag"]
    made_up = ["".join(rnd.choices(syllables, k=rnd.randint(2, 4))) for _ in range(extra)]
    return words + made_up


def bytes_for_queries(site: Path, queries: list[str]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server = CountingServer(site)
    out = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            for q in queries:
                ctx = browser.new_context()  # a fresh cache for each query: the worst case
                page = ctx.new_page()
                page.goto(server.url)
                server.log.clear()
                res = page.evaluate(PAGEFIND_FIRST_PAGE_JS, q)
                per_query = [row for row in server.log if re.search(r"/(index|fragment)/", row[0])]
                once = [row for row in server.log if row not in per_query]
                out.append({"sok": q, "treff": res["count"], "runtime": sum(r[1] for r in once),
                            "runtime_gzip": sum(r[2] for r in once), "indeks_og_utdrag": sum(r[1] for r in per_query),
                            "filer": len(server.log)})
                ctx.close()
            browser.close()
    finally:
        server.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sider", type=int, default=2000, help="antall sider i skalatesten (0: hopp over)")
    ap.add_argument("--vis-bommer", action="store_true", help="vis søkene som ikke fant alle sidene")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    queries = load_queries()
    work = Path(tempfile.mkdtemp(prefix="maal-sok-"))
    try:
        print(f"Bygger testnettstedet to ganger (Pagefind og lunr) i {work} ...", flush=True)
        sites = {"pagefind": build_fixture(work, lunr=False), "lunr": build_fixture(work, lunr=True)}
        results = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            for engine, js in (("lunr", LUNR_JS), ("pagefind", PAGEFIND_JS)):
                server = CountingServer(sites[engine])
                page = browser.new_page()
                page.goto(server.url)
                results[engine] = run_queries(page, js, queries)
                page.close()
                server.close()
            browser.close()
        pairs = sum(len(q["forventer"]) for q in queries)
        print(f"\nSpørresett: {len(queries)} bøyde søk, {pairs} forventede (søk, side)-par "
              "(tests/fixtures/sok/sporsmal.yml)\n")
        print(f"{'motor':<40} {'funnet':>8} {'recall':>8} {'søk med alle':>14}")
        for engine, label in (("lunr", "Material lunr (search-plugin, språk nb)"), ("pagefind", "Pagefind 1.5.2 (nb-stemming)")):
            hit, total, misses = recall(results[engine], queries)
            print(f"{label:<40} {hit:>4}/{total:<4} {100 * hit / total:>7.1f}% {len(queries) - len(misses):>6} av {len(queries)}")
            if args.vis_bommer:
                for m in misses:
                    print(f"    {m}")
        lunr_index = sites["lunr"] / "search" / "search_index.json"
        print(f"\nlunr-indeksen hentes hel: {lunr_index.stat().st_size:,} byte for {len(list(sites['lunr'].rglob('index.html')))} sider "
              "(STACK-NOTES: 10,8 MB ved 2 000 sider).")

        if args.sider:
            print(f"\nSkala: Pagefind over {args.sider} syntetiske norske sider ...", flush=True)
            syn = synthetic_site(work / "syntetisk", args.sider, vocabulary_from(sites["pagefind"]))
            sample = ["kulturskolene", "samarbeidet", "helsesektoren", "barnehagene", "korpset", "tjenestene"]
            rows = bytes_for_queries(syn, sample)
            print(f"{'søk':<16} {'treff':>6} {'indeks + 10 utdrag':>20} {'+ kjøretid første gang':>24} {'(gzip)':>10}")
            for r in rows:
                print(f"{r['sok']:<16} {r['treff']:>6} {r['indeks_og_utdrag']:>18,} B {r['runtime']:>22,} B "
                      f"{r['runtime_gzip']:>8,} B")
            worst = max(r["indeks_og_utdrag"] for r in rows)
            print(f"Per søk hentes høyst {worst:,} byte indeks og utdrag. Første søk henter i tillegg Pagefinds "
                  f"kjøretid (pagefind.js, wasm, metadata) én gang: {rows[0]['runtime']:,} byte, "
                  f"{rows[0]['runtime_gzip']:,} byte fra en server som komprimerer.")
        print(json.dumps({e: {q: sorted(v) for q, v in r.items()} for e, r in results.items()}, ensure_ascii=False)
              if os.environ.get("MAAL_SOK_JSON") else "", end="")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
