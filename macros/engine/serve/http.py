"""The preview's HTTP server: the built site from its folder, each HTML page with the error message
(if any) and a live-reload script that polls until its own page changed.

Every request gets a clean answer, never a traceback:
- 421 for a Host header other than 127.0.0.1:<port>, localhost:<port> or [::1]:<port> (or the
  address the server was started on): a page of another site cannot reach it by DNS rebinding;
- 400 for a path with NUL or control characters, or that is not UTF-8, and for a live-reload
  request whose numbers are not short numbers;
- 404 for anything outside the site folder, however it is written;
- 500 with a short Norwegian text if something fails here (the traceback goes to the terminal).

The live-reload script is inline: each response gets a new nonce, allowed in that page's content
security policy (site/csp.with_nonce), so the policy never needs 'unsafe-inline'.
"""
from __future__ import annotations

import ipaddress
import logging
import mimetypes
import os
import posixpath
import re
import secrets
import socket
import socketserver
import time
import urllib.parse
import wsgiref.simple_server

from macros.engine.serve.preview import banner_html
from macros.site import csp

log = logging.getLogger("mkdocs.kulturskole.serve")

LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
_LIVERELOAD = re.compile(r"/livereload/([0-9]{1,20})/([0-9]{1,20})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BODY = re.compile(rb"<body\b[^>]*>")

# Polls /livereload/<version>/<request id>; the server answers when this tab's page (or every page)
# changed after <version>, or after a minute with the same version. As MkDocs' live reload does.
SCRIPT = """
(function (epoch, requestId) {
  var req, timeout;
  function poll() {
    req = new XMLHttpRequest();
    req.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) { location.reload(); }
      else { timeout = setTimeout(poll, this.status === 200 ? 0 : 3000); }
    };
    req.open("GET", "/livereload/" + epoch + "/" + requestId);
    req.send();
  }
  function stop() {
    if (req) { req.abort(); }
    if (timeout) { clearTimeout(timeout); }
    req = timeout = undefined;
  }
  window.addEventListener("load", function () { if (document.visibilityState === "visible") { poll(); } });
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { poll(); } else { stop(); }
  });
  window.addEventListener("beforeunload", stop);
})(%d, %d);
"""


class BadRequest(Exception):
    """Answered with 400 and the message."""


class _Handler(wsgiref.simple_server.WSGIRequestHandler):
    def log_request(self, code="-", size="-"):
        level = logging.DEBUG if str(code) in ("200", "302") else logging.WARNING
        log.log(level, '"%s" %s', self.requestline[:200], code)

    def log_message(self, format, *args):
        log.debug(format, *args)


class PreviewServer(socketserver.ThreadingMixIn, wsgiref.simple_server.WSGIServer):
    """Serves preview.site_dir; preview gives the versions, the error and the waiting (preview.py)."""

    daemon_threads = True
    poll_response_timeout = 60.0

    def __init__(self, preview, host: str, port: int):
        self.preview = preview
        self.root = os.path.realpath(preview.site_dir)
        self.mount_path = ("/" + preview.renderer.mount_path.lstrip("/")).rstrip("/") + "/"
        self.host = host
        try:
            if isinstance(ipaddress.ip_address(host), ipaddress.IPv6Address):
                self.address_family = socket.AF_INET6
        except ValueError:
            pass
        super().__init__((host, port), _Handler, bind_and_activate=False)
        self.set_app(self.app)

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{self.mount_path}"

    def allowed_hosts(self) -> set[str]:
        hosts = set(LOCAL_HOSTS)
        try:
            if not ipaddress.ip_address(self.host).is_unspecified:
                hosts.add(f"[{self.host}]" if ":" in self.host else self.host)
        except ValueError:
            hosts.add(self.host.lower())
        return {f"{h}:{self.port}" for h in hosts}

    # --- WSGI --------------------------------------------------------------------------------------
    def app(self, environ, start_response):
        try:
            status, headers, body = self.respond(environ)
        except BadRequest as exc:
            status, headers, body = "400 Bad Request", _text(), f"400: {exc}\n".encode()
        except Exception:  # noqa: BLE001 - the terminal gets the traceback, the browser never does
            log.exception("Forhåndsvisningen kunne ikke svare på %s", environ.get("PATH_INFO", "")[:200])
            status, headers, body = ("500 Internal Server Error", _text(),
                                     "500: forhåndsvisningen kunne ikke vise dette; se terminalen.\n".encode())
        start_response(status, [*headers, ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
        return [body]

    def respond(self, environ) -> tuple[str, list, bytes]:
        host = (environ.get("HTTP_HOST") or "").lower()
        if host not in self.allowed_hosts():
            return ("421 Misdirected Request", _text(),
                    "421: forhåndsvisningen svarer bare på 127.0.0.1, localhost og [::1].\n".encode())
        path = _path(environ)
        m = _LIVERELOAD.fullmatch(path)
        if m:
            page = self._page_path(environ.get("HTTP_REFERER") or "")
            version = self.preview.versions.wait_for_change(page, int(m[1]), self.poll_response_timeout)
            return "200 OK", _text(), b"%d" % version
        if path.startswith("/livereload/"):
            raise BadRequest("live reload venter /livereload/<versjon>/<nummer> med korte tall")
        if not (path + "/").startswith(self.mount_path):
            if path == "/":
                return "302 Found", [("Location", urllib.parse.quote(self.mount_path))], b""
            return _not_found()
        rel = path[len(self.mount_path):]
        if path.endswith("/"):
            rel += "index.html"
        file_path = self._inside(rel)
        if file_path is None:
            return _not_found()
        version = self.preview.versions.current()
        try:
            with open(file_path, "rb") as f:
                content = f.read()
        except OSError:
            if not path.endswith("/") and os.path.isfile(os.path.join(file_path, "index.html")):
                return "302 Found", [("Location", urllib.parse.quote(path) + "/")], b""
            if self.preview.built or not self.preview.error:
                return _not_found()
            content, file_path = _ERROR_PAGE, "index.html"
        if file_path.endswith(".html"):
            content = self.inject(content, version)
        return "200 OK", [("Content-Type", _content_type(file_path))], content

    def _inside(self, rel: str) -> str | None:
        """The file for a path under the site, or None when it would lead outside the site folder."""
        rel = posixpath.normpath("/" + rel.replace("\\", "/")).lstrip("/")
        full = os.path.realpath(os.path.join(self.root, rel))
        return full if full == self.root or full.startswith(self.root + os.sep) else None

    def _page_path(self, referer: str) -> str:
        try:
            path = urllib.parse.unquote(urllib.parse.urlsplit(referer).path, errors="strict")
        except (ValueError, UnicodeDecodeError):
            return ""
        if path.startswith(self.mount_path):
            path = "/" + path[len(self.mount_path):]
        if path.endswith("/index.html"):
            path = path[: -len("index.html")]
        return path

    def inject(self, content: bytes, version: int) -> bytes:
        """The data error above the page, and the live-reload script with this response's nonce."""
        error = self.preview.error
        if error:
            banner = banner_html(error[1], error[0], self.preview.built).encode("utf-8")
            m = _BODY.search(content)
            at = m.end() if m else 0
            content = content[:at] + banner + content[at:]
        nonce = secrets.token_urlsafe(18)
        secured = csp.with_nonce(content, nonce)
        if secured is None:  # not a page of ours: no policy to allow the script in, so no script
            return content
        script = (SCRIPT % (version, round(time.monotonic() * 1000))).encode()  # the tab's request id
        at = secured.rfind(b"</body>")
        at = len(secured) if at < 0 else at
        return secured[:at] + f'<script nonce="{nonce}">'.encode() + script + b"</script>" + secured[at:]


_ERROR_PAGE = (b'<!doctype html><html lang="nb"><head><meta charset="utf-8">'
               b'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'self\'; '
               b'style-src \'self\'; connect-src \'self\'"><title>Kulturskole 3.0 - feil'
               b"</title></head><body></body></html>")


def _path(environ) -> str:
    """PATH_INFO as UTF-8 text (wsgiref gives it as Latin-1 after unquoting); 400 when it is not."""
    try:
        path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        raise BadRequest("adressen er ikke gyldig UTF-8") from None
    if _CONTROL.search(path):
        raise BadRequest("adressen har kontrolltegn (som NUL)")
    if len(path) > 2000:
        raise BadRequest("adressen er for lang")
    return path or "/"


def _text() -> list[tuple[str, str]]:
    return [("Content-Type", "text/plain; charset=utf-8")]


def _not_found() -> tuple[str, list, bytes]:
    return "404 Not Found", _text(), "404: fant ikke siden.\n".encode()


def _content_type(path: str) -> str:
    if path.endswith((".js", ".mjs")):
        return "application/javascript"
    if path.endswith(".gz"):
        return "application/gzip"
    guess, _ = mimetypes.guess_type(path)
    if guess and (guess.startswith("text/") or guess in ("application/json", "application/xml")):
        return guess + "; charset=utf-8"
    return guess or "application/octet-stream"
