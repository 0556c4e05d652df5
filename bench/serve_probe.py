"""`make serve` responsiveness: from saving a file to the served page showing the change.

Runs the preview server exactly as `make serve` does (`python -m macros.engine.serve`, or
`mkdocs serve` for comparison) on a copy of a dataset, and measures, polling the served pages every
50 ms:

- a case's YAML: its `oppdatert` date (shown on the case page as «11. mars 2031») → the case page,
  and the open-data page /data/ that shows the newest date (rewritten in the background);
- the case's Markdown story: a new sentence → the case page;
- a hand-written page (docs/om.md): a new sentence → /om/;
- the files the save rewrote in the served folder (everything else must keep its time);
- search: the time until the search index (sok/) has been rewritten after the save (off the save path);
- a data error: broken YAML → every page shows the Norwegian message while the last good page stays
  served; fixed → the message is gone and the page is back.

Never touches the real data/: the project is a copy.

    .venv/bin/python bench/serve_probe.py NAME DATA_DIR WORK_DIR [--mkdocs]
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import projects

BIN = Path(sys.executable).parent
DATE = "{day}. mars 2031"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _wait_for(url: str, test, timeout: float, proc: subprocess.Popen, t0: float | None = None) -> float:
    """Seconds from t0 (default: now) until test(body) is true for the page at url."""
    t0 = time.perf_counter() if t0 is None else t0
    while time.perf_counter() - t0 < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"the server stopped (exit {proc.returncode}); see serve.log")
        body = _get(url)
        if body is not None and test(body):
            return time.perf_counter() - t0
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not change as expected within {timeout:.0f} s")


def _has(text: str):
    return lambda body: text in body


def _mtimes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def _median(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[len(xs) // 2] if len(xs) % 2 else (xs[len(xs) // 2 - 1] + xs[len(xs) // 2]) / 2


def serve_latency(name: str, data: Path, work: Path, edits: int = 3, mkdocs: bool = False) -> dict:
    project = projects.make_ours(work / "ours", Path(data))
    case = next(p for p in sorted((project / "data" / "kommuner").glob("*.yml")) if p.stem != "eksempelkommune")
    story = case.with_suffix(".md")
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    url = f"{base}kommuner/{case.stem}/"
    site = work / "served"
    logfile = work / "serve.log"
    if mkdocs:
        cmd = [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    else:
        cmd = [sys.executable, "-m", "macros.engine.serve", "--dev-addr", f"127.0.0.1:{port}", "--site-dir", str(site)]
    res: dict = {"name": name, "server": "mkdocs serve" if mkdocs else "make serve", "yaml": [], "data_page": [],
                 "story": [], "docs": [], "search": []}
    with open(logfile, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=project, stdout=out, stderr=subprocess.STDOUT, env=projects.env())
        try:
            _wait_for(url, lambda body: True, 900, proc)
            res["startup"] = time.perf_counter() - t0
            time.sleep(2)  # let the watcher and the first search index settle
            for k in range(edits):
                day = 11 + k
                before = _mtimes(site) if not mkdocs and k == 0 else None
                entry = (site / "sok" / "indeks.json") if not mkdocs else None
                entry_time = entry.stat().st_mtime_ns if entry and entry.exists() else None
                text = case.read_text(encoding="utf-8")
                t_save = time.perf_counter()
                case.write_text(re.sub(r"(?m)^oppdatert:.*$", f"oppdatert: 2031-03-{day}", text, count=1),
                                encoding="utf-8")
                res["yaml"].append(_wait_for(url, _has(DATE.format(day=day)), 600, proc, t_save))
                res["data_page"].append(_wait_for(f"{base}data/", _has(DATE.format(day=day)), 600, proc, t_save))
                if entry is not None:
                    deadline = time.perf_counter() + 300
                    while time.perf_counter() < deadline:
                        if entry.exists() and entry.stat().st_mtime_ns != entry_time:
                            res["search"].append(time.perf_counter() - t_save)
                            break
                        time.sleep(0.1)
                if before is not None:
                    time.sleep(3)
                    after = _mtimes(site)
                    rewritten = sorted(p for p, t in after.items() if before.get(p) != t and not p.startswith(("pagefind/", "sok/")))
                    res["rewritten"] = rewritten
                    res["files"] = len(after)
                time.sleep(2)
            for k in range(edits):
                marker = f"Fortellingsprøve {k}"
                t_save = time.perf_counter()
                with open(story, "a", encoding="utf-8") as f:
                    f.write(f"\n\n{marker}.\n")
                res["story"].append(_wait_for(url, _has(marker), 600, proc, t_save))
                time.sleep(2)
            om = project / "docs" / "om.md"
            for k in range(edits):
                marker = f"Sideprøve {k}"
                t_save = time.perf_counter()
                with open(om, "a", encoding="utf-8") as f:
                    f.write(f"\n\n{marker}.\n")
                res["docs"].append(_wait_for(f"{base}om/", _has(marker), 600, proc, t_save))
                time.sleep(2)
            if not mkdocs:
                good = case.read_text(encoding="utf-8")
                t_save = time.perf_counter()
                case.write_text(re.sub(r"(?m)^navn:", "navn: [uavsluttet\nx:", good, count=1), encoding="utf-8")
                res["error_shown"] = _wait_for(url, lambda b: "Datafilene har feil" in b and case.name in b
                                               and DATE.format(day=10 + edits) in b, 600, proc, t_save)
                res["error_on_other_pages"] = "Datafilene har feil" in (_get(f"{base}om/") or "")
                t_save = time.perf_counter()
                case.write_text(good, encoding="utf-8")
                res["error_gone"] = _wait_for(url, lambda b: "Datafilene har feil" not in b, 600, proc, t_save)
                res["alive"] = proc.poll() is None
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
    summary = {k: f"{_median(v):.2f}" for k, v in res.items() if isinstance(v, list) and v and isinstance(v[0], float)}
    print(f"[serve] {name} ({res['server']}): first build {res['startup']:.1f} s, medians {summary}, "
          f"rewritten {res.get('rewritten')}", flush=True)
    return res


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    print(serve_latency(args[0], Path(args[1]), Path(args[2]), mkdocs="--mkdocs" in sys.argv))
