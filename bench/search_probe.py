"""Bytes the browser fetches for one search query, through the site's own search dialog.

The built site is served from 127.0.0.1 by a server that records every response it sends. Debian's
Chromium (driven by Playwright) opens a case page in a fresh context (empty cache), opens the search
dialog and enters the query, and waits for the first page of results. Everything the server sent
from the click on, is the cost of one query:

- the site's own search (issue 10, <site>/sok/): indeks.json, the vocabulary chunks of the query's
  words, one small file per result shown; assets/sok.js itself comes with every page, and is
  counted here too (as «runtime») so the number is the whole cost of searching;
- Pagefind (a site indexed by it, as before issue 10): its runtime (pagefind.js, entry, WebAssembly,
  metadata) and the index chunks and result fragments it needs. Pagefind's own data files are
  already compressed.

JavaScript and JSON are counted as sent (uncompressed) and also gzip-compressed.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import os
import statistics
import threading
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


class CountingServer:
    def __init__(self, directory: Path):
        sent = self.sent = []

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def copyfile(self, source, outputfile):
                data = source.read()
                try:
                    outputfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the browser moved on; the bytes still count
                    pass
                path = self.path.split("?")[0]
                packed = len(gzip.compress(data)) if path.endswith((".js", ".json", ".html", ".css")) else len(data)
                sent.append((path, len(data), packed))

        self.directory = str(directory)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                     functools.partial(Handler, directory=str(directory)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self):
        self.httpd.shutdown()


def _one(browser, server: CountingServer, page_url: str, query: str, typed: bool) -> dict:
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(server.url + page_url, wait_until="networkidle")
        server.sent.clear()
        own = (Path(server.directory) / "sok" / "indeks.json").exists()
        if own:  # sok.js came with the page; count it as part of searching
            js = (Path(server.directory) / "assets" / "sok.js").read_bytes()
            server.sent.append(("/assets/sok.js", len(js), len(gzip.compress(js))))
        page.click("[data-ks-sok-apne]")
        field = page.locator("[data-ks-sok-felt]")
        if typed:
            field.press_sequentially(query, delay=120)
        else:
            field.fill(query)
        page.wait_for_function(
            "(q) => { const l = document.querySelector('[data-ks-sok-treff]');"
            " const s = document.querySelector('[data-ks-sok-status]');"
            " return l && !l.hasAttribute('aria-busy') && s && s.textContent.includes('«' + q + '»'); }",
            arg=query, timeout=30000)
        page.wait_for_load_state("networkidle")
        results = page.locator("[data-ks-sok-treff] li").count()
        status = page.locator("[data-ks-sok-status]").text_content() or ""
        files = list(server.sent)
    finally:
        ctx.close()
    parts: dict[str, list[int]] = {}
    for path, raw, packed in files:
        kind = ("fragments" if "/fragment/" in path or "/sok/s/" in path
                else "index" if "/index/" in path or "/sok/d/" in path or path.endswith("/sok/indeks.json")
                else "filters" if "/filter/" in path else "typos" if "/sok/ord/" in path
                else "runtime" if "/pagefind/" in path or path.endswith("/sok.js") else "other")
        acc = parts.setdefault(kind, [0, 0, 0])
        acc[0], acc[1], acc[2] = acc[0] + raw, acc[1] + packed, acc[2] + 1
    return {"bytes": sum(b for _, b, _ in files), "gzip": sum(g for _, _, g in files), "results": results,
            "status": status.strip(), "requests": len(files), "parts": parts}


def measure(site: Path, page_url: str, queries: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    server = CountingServer(site)
    own = (Path(site) / "sok" / "indeks.json").exists()
    out: dict = {"engine": "sok" if own else "pagefind", "queries": {}, "typed": {},
                 "typing": "the dialog waits for a pause in typing" if own else "the dialog searches on every keystroke"}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            try:
                for q in queries:
                    out["queries"][q] = _one(browser, server, page_url, q, typed=False)
                # A reader types letter by letter (with Pagefind the dialog searched on every keystroke).
                out["typed"][queries[0]] = _one(browser, server, page_url, queries[0], typed=True)
            finally:
                browser.close()
    finally:
        server.close()
    out["bytes"] = statistics.median(v["bytes"] for v in out["queries"].values())
    out["gzip"] = statistics.median(v["gzip"] for v in out["queries"].values())
    return out


if __name__ == "__main__":
    import json
    import sys
    print(json.dumps(measure(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "",
                             sys.argv[3:] or ["kulturskolen"]), indent=1, ensure_ascii=False))
