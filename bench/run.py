"""`make bench`: our site vs plain MkDocs + Material on fictional datasets of 16, 357 and 2,000 cases.

For each size: generate the dataset (bench/gen.py), set up ours/ and plain/ (bench/projects.py,
outside any timing), build them alternately (ours, plain, plain, ours, ...) with `mkdocs build` in a
fresh process each time, and measure wall time and peak memory of the process tree. Then
sizes, HTML per case page, the bytes one search query fetches (Chromium against the built site)
and `kulturskole sjekk`. Finally `make serve` (bench/serve_probe.py): time from saving a case's YAML,
its story and a hand-written page to the served page showing the change, at 357 and 2,000 cases.
Writes bench/RESULTS.md.

    .venv/bin/python bench/run.py [--sizes 16,357,2000] [--runs 3] [--no-serve] [--no-search]
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import gen  # noqa: E402
import projects  # noqa: E402

WORK = HERE / "work"
BIN = Path(sys.executable).parent
RESULTS = HERE / "RESULTS.md"
QUERIES = ["kulturskolen", "barnehage", "frivilligsentralen"]
TARGETS = dict(build_s=20.0, ratio=0.80, html_kb=60.0, search_kb=100.0, sjekk_s=2.0,  # search: issue 10, ratio: issue 11
               form_kb=150.0,  # the case form's JavaScript with what it loads: issue 9
               memory_ratio=1.5)  # peak memory (sum of PSS) against plain's: issue 20


def log(msg: str) -> None:
    print(msg, flush=True)


# --- running things -------------------------------------------------------------------------------

CPU: dict[str, float] = {}  # CPU seconds (user + system, process tree) of the last run_timed call


def _pss_kb(pid: int) -> int | None:
    """Proportional set size (KB): the process's memory, with each page it shares with other
    processes (a forked child shares most of its parent's) counted as its share."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def _tree_memory_kb(root: int) -> int:
    """Memory (KB) of a process and all its descendants now, from /proc: the sum of their PSS (RSS
    where that cannot be read). Summing RSS would count the pages a forked child shares with its
    parent twice."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * page_kb
        except (OSError, IndexError, ValueError):
            continue
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        tree.add(pid)
        todo += [c for c, p in parents.items() if p == pid and c not in tree]
    total = 0
    for pid in tree:
        pss = _pss_kb(pid)
        total += pss if pss is not None else rss.get(pid, 0)
    return total


def run_timed(cmd: list[str], cwd: Path, logfile: Path) -> tuple[float, int, int]:
    """Wall seconds, peak memory (KB) of the process tree, and exit code (CPU seconds in CPU["last"]).

    The peak is the largest sum over the build's processes (PSS, see _tree_memory_kb), sampled every
    0.25 s: our build runs a second process beside MkDocs (the search index) and forked ones (YAML,
    case pages), and the biggest single process alone (wait4) would leave them out. The same
    measure for plain's one process. Without /proc: wait4's largest process."""
    import threading

    with open(logfile, "ab") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=projects.env())
        peak, done = [0], threading.Event()

        def sample() -> None:
            while not done.wait(0.25):
                if os.path.exists("/proc"):
                    peak[0] = max(peak[0], _tree_memory_kb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        done.set()
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    CPU["last"] = usage.ru_utime + usage.ru_stime
    return seconds, peak[0] or usage.ru_maxrss, proc.returncode


def mkdocs_build(project: Path, site: Path, logfile: Path) -> tuple[float, int]:
    secs, rss, rc = run_timed([str(BIN / "mkdocs"), "build", "--clean", "--site-dir", str(site)], project, logfile)
    if rc != 0:
        raise SystemExit(f"Build failed in {project} (exit {rc}); see {logfile}:\n"
                         + logfile.read_text(encoding="utf-8", errors="replace")[-3000:])
    return secs, rss


def ours_runs_pagefind() -> bool:
    """Does our build index the site for search (macros/site/search.py)? Then plain runs it too."""
    try:
        from macros.site import search
    except ImportError:
        return False
    return hasattr(search, "index_command") or hasattr(search, "pagefind_command")


def pagefind(site: Path, logfile: Path) -> tuple[float, int]:
    """The search indexing step of our build, run after plain's build (the site's own index since issue 10)."""
    from macros.site import search
    command = search.index_command(site) if hasattr(search, "index_command") else search.pagefind_command(site)
    secs, rss, rc = run_timed(command, ROOT, logfile)
    if rc != 0:
        raise SystemExit(f"Search indexing failed on {site}; see {logfile}")
    return secs, rss


# --- measuring the output ---------------------------------------------------------------------------

def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def case_page_bytes(site: Path, slugs: list[str]) -> list[int]:
    return [(site / "kommuner" / s / "index.html").stat().st_size for s in slugs]


class _ArticleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        self.depth += tag == "article"

    def handle_endtag(self, tag):
        self.depth -= tag == "article"

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def words_per_case_page(site: Path, slugs: list[str]) -> float:
    counts = []
    for s in slugs[:50]:
        t = _ArticleText()
        t.feed((site / "kommuner" / s / "index.html").read_text(encoding="utf-8"))
        counts.append(len(" ".join(t.parts).split()))
    return statistics.median(counts)


def largest_pages(site: Path, n: int = 3) -> list[tuple[int, str]]:
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    return sorted(pages, reverse=True)[:n]


def search_bytes(site: Path, some_page: str) -> dict:
    """Bytes the browser fetches for one query through the site's own search dialog (Pagefind),
    or the size of Material's lunr index when the site has no Pagefind bundle."""
    if not ((site / "pagefind" / "pagefind.js").exists() or (site / "sok" / "indeks.json").exists()):
        idx = site / "search" / "search_index.json"
        if idx.exists():
            data = idx.read_bytes()
            return {"engine": "lunr", "bytes": len(data), "gzip": len(gzip.compress(data)), "queries": {}}
        return {"engine": "none", "bytes": 0, "gzip": 0, "queries": {}}
    from search_probe import CHROMIUM, measure
    if not Path(CHROMIUM).exists():
        log(f"No Chromium at {CHROMIUM}: search bytes not measured (make browser-deps installs it)")
        return None
    return measure(site, some_page, QUERIES)


def form_js_bytes(site: Path) -> dict:
    """The case form /bidra/skjema/ (issue 9.3): every script the page loads (<script src>, the
    theme's included) plus the data its script fetches (regler.json, the largest case JSON that
    «Rediger i skjema» can fetch), in bytes and gzip bytes."""
    import re
    page = site / "bidra" / "skjema" / "index.html"
    html = page.read_text(encoding="utf-8")
    files = [(page.parent / src.split("?")[0]).resolve() for src in re.findall(r'<script[^>]* src="([^"]+)"', html)]
    files.append(page.parent / "regler.json")
    cases = sorted((page.parent / "caser").glob("*.json"), key=lambda p: p.stat().st_size)
    files += cases[-1:]
    parts = {str(f.relative_to(site.resolve()) if f.is_absolute() else f): f.read_bytes() for f in files}
    return {"bytes": sum(len(b) for b in parts.values()), "gzip": sum(len(gzip.compress(b)) for b in parts.values()),
            "files": {name: len(gzip.compress(b)) for name, b in parts.items()}}


def sjekk_seconds(data: Path, logfile: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        secs, _, rc = run_timed([str(BIN / "kulturskole"), "sjekk", "--data", str(data)], ROOT, logfile)
        if rc != 0:
            raise SystemExit(f"kulturskole sjekk failed on {data}; see {logfile}")
        times.append(secs)
    return statistics.median(times)


# --- one dataset ------------------------------------------------------------------------------------

def bench_size(n: int, runs: int, with_search: bool) -> dict:
    base = WORK / f"n{n}"
    base.mkdir(parents=True, exist_ok=True)
    logfile = base / "bench.log"
    logfile.write_text("")
    t0 = time.perf_counter()
    data = gen.generate(n, base / "data")
    ours = projects.make_ours(base / "ours", data)
    # Ours' untimed warm-up build also saves the hand-written pages as mkdocs-macros rendered them.
    rendered = base / "rendered"
    shutil.rmtree(rendered, ignore_errors=True)
    capture = projects.capture_config(ours, rendered)
    phases_file = base / "phases.json"
    secs, _, rc = run_timed([sys.executable, str(HERE / "phases.py"), str(capture), str(ours / "site"),
                             str(phases_file)], ours, logfile)
    if rc != 0:
        raise SystemExit(f"Build failed in {ours} (exit {rc}); see {logfile}:\n"
                         + logfile.read_text(encoding="utf-8", errors="replace")[-3000:])
    plain = projects.make_plain(base / "plain", ours, rendered)
    prep = time.perf_counter() - t0
    log(f"[{n}] prepared in {prep:.1f} s (dataset, ours/, plain/ with {sum(1 for _ in (plain / 'docs').rglob('*.md'))} "
        "Markdown pages)")
    with_pagefind = ours_runs_pagefind()

    def build_plain(site: Path) -> tuple[float, int, float]:
        secs, rss = mkdocs_build(plain, site, logfile)
        cpu = CPU["last"]
        pf = 0.0
        if with_pagefind:  # the same search index step as ours, run the way a plain site would
            pf, pf_rss = pagefind(site, logfile)
            rss = max(rss, pf_rss)
            cpu += CPU["last"]
        CPU["last"] = cpu
        return secs + pf, rss, pf

    phases = json.loads(phases_file.read_text(encoding="utf-8"))
    res: dict = {"n": n, "phases": phases, "ours": [], "plain": [], "plain_pagefind": [], "ours_rss": 0, "plain_rss": 0,
                 "ours_cpu": [], "plain_cpu": []}
    # Ours' untimed warm-up was the capture build above; plain's docs were just written (in the file
    # cache). Then alternating timed runs.
    for r in range(runs):
        order = ("ours", "plain") if r % 2 == 0 else ("plain", "ours")
        for kind in order:
            if kind == "ours":
                secs, rss = mkdocs_build(ours, ours / "site", logfile)
            else:
                secs, rss, pf = build_plain(plain / "site")
                res["plain_pagefind"].append(pf)
            res[kind].append(secs)
            res[f"{kind}_cpu"].append(CPU["last"])
            res[f"{kind}_rss"] = max(res[f"{kind}_rss"], rss)
            log(f"[{n}] {kind:5} run {r + 1}: {secs:6.2f} s (CPU {CPU['last']:6.2f} s), peak {rss / 1024:5.0f} MB")
    slugs = projects.case_slugs(data)
    site = ours / "site"
    sizes = case_page_bytes(site, slugs)
    plain_sizes = case_page_bytes(plain / "site", slugs)
    res.update(
        ours_s=statistics.median(res["ours"]), plain_s=statistics.median(res["plain"]),
        site_bytes=tree_bytes(site), plain_site_bytes=tree_bytes(plain / "site"),
        html_median=statistics.median(sizes), html_max=max(sizes),
        plain_html_median=statistics.median(plain_sizes), largest=largest_pages(site),
        words=words_per_case_page(site, slugs),
        pagefind=with_pagefind,
    )
    res["ratio"] = res["ours_s"] / res["plain_s"]
    res["cpu_ratio"] = statistics.median(res["ours_cpu"]) / statistics.median(res["plain_cpu"])
    res["search"] = search_bytes(site, f"kommuner/{slugs[0]}/") if with_search else None
    res["sjekk_s"] = sjekk_seconds(data, logfile, max(3, runs))
    res["form"] = form_js_bytes(site)
    log(f"[{n}] ours {res['ours_s']:.2f} s, plain {res['plain_s']:.2f} s, ratio {res['ratio']:.2f}, "
        f"HTML/case median {res['html_median'] / 1024:.1f} KB max {res['html_max'] / 1024:.1f} KB, "
        f"sjekk {res['sjekk_s']:.2f} s")
    if res["search"]:
        log(f"[{n}] search: {json.dumps(res['search'])}")
    return res


# --- report -------------------------------------------------------------------------------------------

def machine() -> dict:
    from importlib.metadata import version
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GB"
    except (OSError, ValueError, IndexError):
        pass
    pkgs = {p: version(p) for p in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "Markdown",
                                     "pymdown-extensions", "Jinja2", "PyYAML", "pydantic", "pagefind")}
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
    except OSError:
        commit = "?"
    return {"cores": os.cpu_count(), "cpu": cpu, "mem": mem, "python": platform.python_version(),
            "platform": platform.platform(), "pkgs": pkgs, "commit": commit}


def _ok(value: float, limit: float) -> str:
    return "✅" if value <= limit else "❌"


def table(results: list[dict]) -> list[str]:
    head = ("| Cases | Ours build s (median) | Plain build s (median) | Ours/plain (wall; CPU) | "
            "Peak memory (PSS) ours / plain | Site size | HTML per case page median / max | "
            "Search: one query fetches | `kulturskole sjekk` s |")
    rows = [head, "|" + "---|" * 9]
    for r in results:
        s = r.get("search")
        if not s:
            search = "not measured"
        elif s["engine"] in ("pagefind", "sok"):
            search = f"{s['gzip'] / 1024:.0f} KB gzip ({s['bytes'] / 1024:.0f} KB as stored)"
        elif s["engine"] == "lunr":
            search = f"{s['bytes'] / 1024:.0f} KB (lunr index; {s['gzip'] / 1024:.0f} KB gzip)"
        else:
            search = "no search index"
        rows.append(
            f"| {r['n']:,} | {r['ours_s']:.2f} | {r['plain_s']:.2f} | {r['ratio']:.2f}; {r['cpu_ratio']:.2f} | "
            f"{r['ours_rss'] / 1024:.0f} / {r['plain_rss'] / 1024:.0f} MB | {r['site_bytes'] / 1e6:.1f} MB | "
            f"{r['html_median'] / 1024:.1f} / {r['html_max'] / 1024:.1f} KB | {search} | {r['sjekk_s']:.2f} |")
    return rows


def targets(results: list[dict]) -> list[str]:
    out = []
    big = max(results, key=lambda r: r["n"])
    t = TARGETS
    out.append(f"- {big['n']:,} cases build ≤ {t['build_s']:.0f} s: {big['ours_s']:.1f} s {_ok(big['ours_s'], t['build_s'])}")
    out.append(f"- {big['n']:,} cases ≤ {t['ratio']}× plain MkDocs: {big['ratio']:.2f}× {_ok(big['ratio'], t['ratio'])}")
    mem = big["ours_rss"] / big["plain_rss"] if big.get("plain_rss") else float("inf")
    out.append(f"- {big['n']:,} cases peak memory (sum of PSS) ≤ {t['memory_ratio']}× plain MkDocs: "
               f"{big['ours_rss'] / 1024:.0f} / {big['plain_rss'] / 1024:.0f} MB = {mem:.2f}× {_ok(mem, t['memory_ratio'])}")
    worst = max(r["html_max"] for r in results) / 1024
    out.append(f"- HTML per case page ≤ {t['html_kb']:.0f} KB at every size: max {worst:.1f} KB {_ok(worst, t['html_kb'])}")
    s = big.get("search")
    if s and s["engine"] in ("pagefind", "sok"):
        kb, raw = s["gzip"] / 1024, s["bytes"] / 1024
        worst = max(v["gzip"] for v in s["queries"].values()) / 1024
        out.append(f"- One search query at {big['n']:,} cases ≤ {t['search_kb']:.0f} KB: {kb:.0f} KB over a "
                   f"compressing server (median of {len(s['queries'])} queries; worst {worst:.0f} KB; "
                   f"{raw:.0f} KB without compression) {_ok(kb, t['search_kb'])}")
    elif s:
        kb = s["bytes"] / 1024
        out.append(f"- One search query at {big['n']:,} cases ≤ {t['search_kb']:.0f} KB: lunr fetches the whole "
                   f"index, {kb:.0f} KB {_ok(kb, t['search_kb'])}")
    out.append(f"- `kulturskole sjekk` on {big['n']:,} cases ≤ {t['sjekk_s']:.0f} s: {big['sjekk_s']:.2f} s "
               f"{_ok(big['sjekk_s'], t['sjekk_s'])}")
    f = big.get("form")
    if f:
        kb = f["gzip"] / 1024
        parts = ", ".join(f"{name} {b / 1024:.0f}" for name, b in sorted(f["files"].items(), key=lambda x: -x[1]))
        out.append(f"- The case form's JavaScript with everything it loads, at {big['n']:,} cases, ≤ {t['form_kb']:.0f} KB "
                   f"gzip: {kb:.0f} KB ({f['bytes'] / 1024:.0f} KB as stored; gzip KB per file: {parts}) "
                   f"{_ok(kb, t['form_kb'])}")
    return out


SERVE_TARGETS = {357: 1.5, 2000: 3.0}  # issue 11: save -> page shows it, seconds


def _mmm(xs: list[float]) -> str:
    if not xs:
        return "–"
    return f"{statistics.median(xs):.2f} ({min(xs):.2f}–{max(xs):.2f})"


def serve_section(serve: list[dict]) -> list[str]:
    lines = ["", "## `make serve`: from saving a file to the page showing the change", "",
             "| Dataset | Server | First build s | YAML → case page s | YAML → /data/ page s (background) | "
             "Story (.md) → case page s | docs/om.md → /om/ s | Search index rewritten s | Files rewritten by one save |",
             "|---|---|---|---|---|---|---|---|---|"]
    for sv in serve:
        rewritten = sv.get("rewritten")
        files = (f"{len(rewritten)} of {sv['files']}: " + ", ".join(rewritten)) if rewritten is not None else "–"
        lines.append(f"| {sv['name']} | {sv['server']} | {sv['startup']:.1f} | {_mmm(sv['yaml'])} | "
                     f"{_mmm(sv['data_page'])} | {_mmm(sv['story'])} | {_mmm(sv['docs'])} | {_mmm(sv['search'])} | "
                     f"{files} |")
    lines += ["", "Targets (median, issue 11):", ""]
    for sv in serve:
        n = sv.get("n")
        if n in SERVE_TARGETS and sv["server"] == "make serve":
            limit = SERVE_TARGETS[n]
            for key, what in (("yaml", "a case's YAML"), ("story", "a story (.md)"), ("docs", "a page in docs/")):
                if sv[key]:
                    m = statistics.median(sv[key])
                    lines.append(f"- {n:,} cases, {what} → its page ≤ {limit} s: {m:.2f} s {_ok(m, limit)}")
    for sv in serve:
        if "error_shown" in sv:
            lines.append(f"- {sv['name']}: broken YAML → the Norwegian message on the case page "
                         f"{sv['error_shown']:.2f} s after the save, also on other pages: "
                         f"{'yes' if sv['error_on_other_pages'] else 'no'}; the previous page stayed under it; "
                         f"fixed → message gone {sv['error_gone']:.2f} s; server still running: "
                         f"{'yes' if sv['alive'] else 'no'}.")
    lines += ["", "Measured with the server `make serve` runs (`python -m macros.engine.serve`, bench/serve_probe.py) "
              "on a copy of the data, polling the served page every 50 ms until the new text appears. The server "
              "builds once with MkDocs, then after a save makes only the saved case's (or page's) page at once; "
              "the other pages whose text changed (here /data/, which shows the newest date, the exports and the "
              "home page's latest cases) follow in the background, each browser tab reloading when its own page "
              "was rewritten; the search index is rebuilt after that, in its own process. `mkdocs serve` "
              "(MkDocs 1.6) rebuilds everything on every save: 7.1 s at 357 cases in the previous run of this "
              "benchmark."]
    return lines


def write_results(results: list[dict], serve: list[dict] | None, info: dict, started: dt.datetime,
                  load: tuple, runs: int, elapsed: float) -> str:
    lines = [
        "# Benchmark results (`make bench`)",
        "",
        "How it is measured, what the profile showed and what changed: [README.md](README.md).",
        "",
        f"Run {started:%Y-%m-%d %H:%M} UTC, {elapsed / 60:.1f} min, commit `{info['commit']}` (plus the working tree).",
        f"Machine: {info['cores']} cores ({info['cpu']}), {info['mem']} RAM, Python {info['python']}, {info['platform']}.",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in info["pkgs"].items()) + ".",
        f"Load average at start {load[0]}, at end {load[1]}: the machine is shared with other sessions, "
        "so absolute seconds are noisy; the ratio comes from alternating runs and is steadier.",
        "",
        f"Datasets are fictional («Testkommune 0001» …, bench/gen.py): every field filled, a Markdown story per "
        f"case, {statistics.median(r['words'] for r in results):.0f} words of text per case page (median). *Ours* is `mkdocs build` of this site; *plain* is `mkdocs build` "
        "of the same rendered Markdown (site.generate() written to docs/ once, outside the timing) with the "
        "same theme, overrides, extensions and explicit small nav, without the macros plugin and the hooks"
        + (", followed by the same search indexing step our hook runs" if any(r["pagefind"] for r in results)
           else "") + f". Medians of {runs} alternating runs each (ours warmed up by one untimed build).",
        "",
        *table(results),
        "",
        "Targets:",
        "",
        *targets(results),
        "",
    ]
    for r in results:
        if r["pagefind"] and r["plain_pagefind"]:
            lines.append(f"- {r['n']:,} cases: search indexing takes {statistics.median(r['plain_pagefind']):.2f} s "
                         f"of the plain build (the same step runs inside ours, beside the page rendering: "
                         f"macros/site/searchfeed.py).")
    lines += ["", "Where ours spends its time (the untimed warm-up build, in-process, wall seconds; bench/phases.py):", "",
              "| Cases | Total | Data load + check (on_config) | Pages from data (on_files) | MkDocs Markdown → HTML, all pages | "
              "Theme + write, all pages | mkdocs-macros per page | Search index: the wait after the last page (on_post_build) |",
              "|---|---|---|---|---|---|---|---|"]
    for r in results:
        ph = r["phases"]
        lines.append(f"| {r['n']:,} | {ph.get('total', 0):.1f} | {ph.get('event config', 0):.1f} | "
                     f"{ph.get('event files', 0):.1f} | {ph.get('_populate_page', 0):.1f} | "
                     f"{ph.get('_build_page', 0):.1f} | {ph.get('event page_markdown', 0):.1f} | "
                     f"{ph.get('event post_build', 0):.1f} |")
    lines.append("")
    big = max(results, key=lambda r: r["n"])
    lines.append(f"- Largest pages at {big['n']:,} cases: "
                 + ", ".join(f"{p} {b / 1024:.0f} KB" for b, p in big["largest"]) + ".")
    s = big.get("search")
    for r in results:
        s = r.get("search")
        if not (s and s["engine"] in ("pagefind", "sok")):
            continue
        lines.append(f"- Search at {r['n']:,} cases, per query through the site's search dialog (fresh browser, "
                     "first page of results), gzip / as stored: "
                     + "; ".join(f"«{q}» {v['gzip'] / 1024:.0f} / {v['bytes'] / 1024:.0f} KB "
                                 f"({v['status']})" for q, v in s["queries"].items()) + ".")
        first = next(iter(s["queries"].values()))
        lines.append("  Where the bytes of «" + next(iter(s["queries"])) + "» go (gzip KB, files): " + ", ".join(
            f"{k} {v[1] / 1024:.0f} ({v[2]})" for k, v in sorted(first["parts"].items())) + ".")
        for q, v in s.get("typed", {}).items():
            lines.append(f"  Typed letter by letter ({s.get('typing', 'the dialog searches on every keystroke')}), «{q}» fetches "
                         f"{v['gzip'] / 1024:.0f} KB gzip in {v['requests']} requests.")
    if serve:
        lines += serve_section(serve)
    text = "\n".join(lines) + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    return text


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="16,357,2000")
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 3)))
    ap.add_argument("--no-serve", action="store_true")
    ap.add_argument("--no-search", action="store_true")
    ap.add_argument("--no-write", action="store_true", help="print only; keep bench/RESULTS.md")
    args = ap.parse_args(argv)
    if args.runs < 3 and not args.no_write:
        log("note: fewer than 3 runs: RESULTS.md not written")
        args.no_write = True
    started = dt.datetime.now(dt.timezone.utc)
    t0 = time.perf_counter()
    load0 = os.getloadavg()
    info = machine()
    log(f"Machine: {info['cores']} cores, Python {info['python']}, load {load0[0]:.2f}")
    results = [bench_size(int(n), args.runs, not args.no_search) for n in args.sizes.split(",")]
    serve = None
    if not args.no_serve:
        from serve_probe import serve_latency
        serve = []
        for n in (357, 2000):
            data = WORK / f"n{n}" / "data"
            if not (data / "kommuneregister.yml").exists():
                gen.generate(n, data)
            serve.append({**serve_latency(f"{n:,} cases", data, WORK / f"serve-{n}"), "n": n})
    load1 = os.getloadavg()
    elapsed = time.perf_counter() - t0
    print()
    print("\n".join(table(results)))
    print("\n".join(targets(results)))
    if not args.no_write:
        write_results(results, serve, info, started, (f"{load0[0]:.2f}", f"{load1[0]:.2f}"), args.runs, elapsed)
        log(f"\nWrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
