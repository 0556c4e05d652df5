"""Lighthouse scores of a built site, served as GitHub Pages serves it (issue 12).

    .venv/bin/python scripts/lighthouse.py [site] [--sider forside,utforsk,...] [--ganger 3] [--json fil]

Serves the site with gzip (scripts/pages_server.py), runs Lighthouse from npm (pinned in
package.json) in Debian's Chromium through scripts/lighthouse.mjs, and prints the four category
scores per page: performance, accessibility, best practices and SEO. The targets are performance
≥ 98 and 100 for the rest. Lighthouse's defaults are used: a mid-range phone on slow 4G with a
4x slower CPU, simulated from the real page load.

The load on the machine still moves the performance score a little (the CPU time a page takes
is measured, then multiplied by 4), so `--ganger N` measures each page N times and keeps the
median. The other three categories do not depend on timing.

`make test` runs the same on the real site (tests/browser/test_lighthouse.py); `make lighthouse`
also measures the explorer at 2,000 fictional cases (bench/gen.py).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from pages_server import serve  # noqa: E402

NODE_SCRIPT = HERE / "lighthouse.mjs"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
NAMES = {"performance": "ytelse", "accessibility": "tilgjengelighet", "best-practices": "beste praksis",
         "seo": "søkemotorer"}
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}


@dataclass(frozen=True)
class Page:
    id: str
    name: str
    path: str
    search: bool = False  # also measured with the search dialog open


# The page types issue 12 names: the home page, a case, the explorer, a county and the search dialog.
PAGES = [
    Page("forside", "Forsiden", ""),
    Page("case", "En kommuneside (Bodø)", "kommuner/bodo/"),
    Page("utforsk", "Utforsk", "utforsk/"),
    Page("fylke", "En fylkesside (Vestland)", "fylker/vestland/"),
    Page("sok", "Søkedialogen (åpnet på «Om prosjektet»)", "om/", search=True),
]


class LighthouseError(Exception):
    pass


def node_available() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if not (ROOT / "node_modules" / "lighthouse").exists():
        return "fant ikke Lighthouse i node_modules (npm ci installerer det)"
    if not Path(os.environ.get("CHROME_PATH", "/usr/bin/chromium")).exists():
        return "fant ikke Chromium (/usr/bin/chromium; sett CHROME_PATH)"
    return None


def run_once(base: str, pages: list[Page]) -> list[dict]:
    """One Lighthouse run over the pages of a site served at base."""
    job = {"base": base, "pages": [{"id": p.id, "path": p.path, "search": p.search} for p in pages]}
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    proc = subprocess.run(["node", str(NODE_SCRIPT), json.dumps(job)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=900, check=False)
    if proc.returncode != 0:
        raise LighthouseError(f"Lighthouse stoppet (kode {proc.returncode}):\n{proc.stderr[-3000:]}")
    try:
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError) as e:
        raise LighthouseError(f"Lighthouse svarte ikke med JSON:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}") from e


def median_run(runs: list[dict]) -> dict:
    """Of several runs of one page, the one with the median performance score (all its numbers
    belong together), with every run's performance score."""
    ordered = sorted(runs, key=lambda r: r["scores"].get("performance", -1))
    chosen = dict(ordered[(len(ordered) - 1) // 2])
    chosen["alle_ytelse"] = [r["scores"].get("performance") for r in runs]
    return chosen


def measure(site: Path, pages: list[Page], times: int = 1) -> list[dict]:
    """Lighthouse results per page (and per search-dialog snapshot), median of `times` runs."""
    with serve(site) as base:
        runs = [run_once(base, pages) for _ in range(times)]
    by_id: dict[str, list[dict]] = {}
    for run in runs:
        for r in run:
            by_id.setdefault(r["id"], []).append(r)
    return [median_run(rs) for rs in by_id.values()]


def shortfalls(result: dict) -> list[str]:
    """What keeps a result from the targets, in Norwegian."""
    out = []
    if result.get("errors"):
        out.append("Lighthouse-feil: " + "; ".join(result["errors"]))
    for cat, target in TARGETS.items():
        score = result["scores"].get(cat)
        if score is None:
            if result["mode"] == "navigation" or cat != "performance":
                out.append(f"{NAMES[cat]}: ingen poengsum")
            continue
        if score < target:
            audits = [f"{a['id']} ({a['verdi'] or a['score']})" for a in result["failing"] if a["kategori"] == cat]
            out.append(f"{NAMES[cat]} {score} (mål {target}): {', '.join(audits) or 'ingen enkeltmåling under 1'}")
    return out


def build_fictional(n_cases: int, work: Path) -> Path:
    """The site built from bench/gen.py's N fictional cases (as `make bench` builds them), in work/."""
    sys.path.insert(0, str(ROOT / "bench"))
    import gen  # noqa: E402  (bench/gen.py)
    import projects  # noqa: E402  (bench/projects.py)

    data = gen.generate(n_cases, work / "data")
    project = projects.make_ours(work / "nettsted", data)
    site = work / "site"
    proc = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--quiet", "--site-dir", str(site)],
                          cwd=project, env=projects.env(), capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise LighthouseError(f"byggingen med {n_cases} caser stoppet:\n{proc.stderr[-3000:]}")
    return site


def table(results: list[dict]) -> str:
    lines = ["| Side | Ytelse | Tilgjengelighet | Beste praksis | Søkemotorer | FCP | LCP | TBT | CLS |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        s, m = r["scores"], r.get("metrics") or {}
        ms = lambda k: f"{m[k] / 1000:.1f} s" if m.get(k) is not None else "–"  # noqa: E731
        perf = s.get("performance", "–")
        if len(r.get("alle_ytelse", [])) > 1:
            perf = f"{perf} ({'/'.join(str(x) for x in r['alle_ytelse'])})"
        lines.append(f"| {r['id']} (`{r['url'].split('/', 3)[-1] or '/'}`) | {perf} | {s.get('accessibility', '–')} | "
                     f"{s.get('best-practices', '–')} | {s.get('seo', '–')} | {ms('fcp')} | {ms('lcp')} | "
                     f"{'–' if m.get('tbt') is None else str(round(m['tbt'])) + ' ms'} | "
                     f"{'–' if m.get('cls') is None else round(m['cls'], 3)} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="Lighthouse-poeng for et bygd nettsted, servert som på GitHub Pages.")
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--sider", default=",".join(p.id for p in PAGES),
                        help="hvilke sider (" + ", ".join(p.id for p in PAGES) + ")")
    parser.add_argument("--ganger", type=int, default=1, help="mål hver side så mange ganger og bruk medianen")
    parser.add_argument("--json", type=Path, help="skriv resultatene hit")
    parser.add_argument("--caser", type=int, help="bygg i stedet nettstedet med så mange fiktive caser (bench/gen.py) "
                                                  "i bench/work/lighthouse-N og mål det")
    args = parser.parse_args()
    why = node_available()
    if why:
        print(f"lighthouse: {why}", file=sys.stderr)
        return 2
    if args.caser:
        print(f"Bygger nettstedet med {args.caser} fiktive caser ...", flush=True)
        try:
            args.site = build_fictional(args.caser, ROOT / "bench" / "work" / f"lighthouse-{args.caser}")
        except LighthouseError as e:
            print(f"lighthouse: {e}", file=sys.stderr)
            return 1
    if not (args.site / "index.html").exists():
        print(f"lighthouse: fant ikke et bygd nettsted i {args.site} (make site)", file=sys.stderr)
        return 2
    wanted = args.sider.split(",")
    pages = [p for p in PAGES if p.id in wanted]
    if args.caser:  # the fictional dataset has no Bodø: its first case instead
        import gen  # noqa: E402  (bench/gen.py, on the path since build_fictional)
        pages = [Page(p.id, p.name, f"kommuner/{gen.slug(1)}/") if p.id == "case" else p for p in pages]
    try:
        results = measure(args.site, pages, args.ganger)
    except LighthouseError as e:
        print(f"lighthouse: {e}", file=sys.stderr)
        return 1
    print(table(results))
    problems = [f"{r['id']}: {s}" for r in results for s in shortfalls(r)]
    for p in problems:
        print(f"under målet: {p}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
