"""A local web server for a built site that answers like GitHub Pages does.

GitHub Pages compresses text (HTML, CSS, JavaScript, JSON, SVG, XML) with gzip when the browser
asks for it, lets browsers cache everything for ten minutes (Cache-Control: max-age=600), and
answers an unknown address with the site's own 404.html. Lighthouse measures what a visitor gets,
so it must be measured behind a server that does the same: Python's plain http.server sends
everything uncompressed and would make every page look slower than it is.

    .venv/bin/python scripts/pages_server.py site [--port 8000]

`serve(site_dir)` is the same server as a context manager (tests and scripts/lighthouse.py).
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import threading
from pathlib import Path

COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".ics", ".csv", ".geojson",
              ".map", ".webmanifest"}
MAX_AGE = 600


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip (when asked for), ten minutes of caching, and the site's 404 page."""

    protocol_version = "HTTP/1.1"  # keep-alive, as a real web server

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "application/javascript", ".mjs": "application/javascript",
                      ".json": "application/json", ".svg": "image/svg+xml", ".wasm": "application/wasm",
                      ".pagefind": "application/octet-stream", ".pf_meta": "application/octet-stream",
                      ".pf_fragment": "application/octet-stream", ".pf_index": "application/octet-stream",
                      ".geojson": "application/geo+json", ".ics": "text/calendar; charset=utf-8",
                      ".csv": "text/csv; charset=utf-8", ".xml": "application/xml",
                      ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8"}

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", f"max-age={MAX_AGE}")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the address with a slash
            path = path / "index.html"
        if not path.is_file():
            return self._not_found()
        body = path.read_bytes()
        ctype = self.guess_type(str(path))
        headers = {"Content-Type": ctype}
        if path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            headers["Content-Encoding"] = "gzip"
            headers["Vary"] = "Accept-Encoding"
        return self._answer(200, body, headers)

    def _not_found(self):
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.exists() else b"Not found"
        headers = {"Content-Type": "text/html; charset=utf-8"}
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            headers["Content-Encoding"] = "gzip"
        return self._answer(404, body, headers)

    def _answer(self, code: int, body: bytes, headers: dict):
        import io

        self.send_response(code)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(site_dir: Path, port: int = 0):
    """Serve site_dir on 127.0.0.1 (a free port unless given); yields the base URL ending in /."""
    handler = functools.partial(PagesHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def main() -> int:
    parser = argparse.ArgumentParser(description="Viser et bygd nettsted slik GitHub Pages gjør (gzip, 404-side).")
    parser.add_argument("site", type=Path, help="mappen med det bygde nettstedet (site/)")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    with serve(args.site, args.port) as url:
        print(f"Viser {args.site} på {url} (Ctrl+C stopper)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
