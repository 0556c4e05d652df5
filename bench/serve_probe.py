"""`make serve` responsiveness: time from saving a case's YAML to the served page showing the change.

Runs `mkdocs serve` (live reload, as `make serve` does) on a copy of a dataset, edits one case's
`oppdatert` date (shown on its page as «11. mars 2031»), and polls the served page every 50 ms
until the new date appears. Never touches the real data/: the project is a copy.
"""
from __future__ import annotations

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
MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _wait_for(url: str, text: str | None, timeout: float, proc: subprocess.Popen) -> float:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped (exit {proc.returncode}); see serve.log")
        body = _get(url)
        if body is not None and (text is None or text in body):
            return time.perf_counter() - t0
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


def serve_latency(name: str, data: Path, work: Path, edits: int = 3, extra: tuple[str, ...] = ()) -> dict:
    project = projects.make_ours(work / "ours", Path(data))
    case = next(p for p in sorted((project / "data" / "kommuner").glob("*.yml")) if p.stem != "eksempelkommune")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/kommuner/{case.stem}/"
    logfile = work / "serve.log"
    with open(logfile, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}", *extra], cwd=project,
                                stdout=out, stderr=subprocess.STDOUT, env=projects.env())
        try:
            _wait_for(url, None, 900, proc)
            startup = time.perf_counter() - t0
            time.sleep(2)  # let the watcher settle
            latencies = []
            for k in range(edits):
                day = 11 + k
                text = case.read_text(encoding="utf-8")
                new = re.sub(r"(?m)^oppdatert:.*$", f"oppdatert: 2031-03-{day}", text, count=1)
                t_save = time.perf_counter()
                case.write_text(new, encoding="utf-8")
                _wait_for(url, f"{day}. mars 2031", 600, proc)
                latencies.append(time.perf_counter() - t_save)
                time.sleep(2)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
    print(f"[serve] {name}: first build {startup:.1f} s, save → page {', '.join(f'{x:.1f}' for x in latencies)} s",
          flush=True)
    return {"name": name, "startup": startup, "latency": latencies}


if __name__ == "__main__":
    print(serve_latency(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), extra=tuple(sys.argv[4:])))
