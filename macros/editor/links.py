"""`kulturskole lenker`: is every external address in data/ still there?

Finds every http(s) address in the data files (YAML through core.yamlsrc, so each one has its file,
line and field; Markdown and other text files line by line), asks each distinct address once and
reports by file and line, in Norwegian:

- an address that is not https is reported and not asked;
- redirects are followed, and the final address and its status code are reported;
- a status of 400 or more, a timeout, a TLS error, or no answer at all is a dead link.

It is polite: one request at a time, at least `delay` seconds between requests to the same host,
and a timeout on every request. A HEAD request comes first; a server that refuses HEAD gets a GET
(whose body is never read).
"""
from __future__ import annotations

import datetime as dt
import http
import http.client
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..core.messages import field_path
from ..core.yamlsrc import read

URL = re.compile(r"\b(?:https?)://[^\s<>\"'«»`|\\]+", re.IGNORECASE)
TRAILING = ".,;:!?)]}"
USER_AGENT = "kulturskole-lenker/1.0 (lenkekontroll for nettstedet Kulturskole 3.0)"
TEXT_SUFFIXES = {".md", ".json", ".geojson", ".txt", ".csv"}
# Domains reserved for examples (RFC 2606): the fictional example case links there; never asked.
EXAMPLE_HOSTS = {"example.org", "example.com", "example.net"}
YAML_SUFFIXES = {".yml", ".yaml"}


@dataclass(frozen=True)
class Occurrence:
    """Where an address stands: file (relative to the project), line and field (empty in text files)."""

    file: str
    line: int
    field: str
    url: str


@dataclass
class Result:
    url: str
    status: int | None = None  # the final status code, when there was an answer
    final: str | None = None  # the final address after redirects
    redirects: list[tuple[int, str]] = field(default_factory=list)  # (code, new address) per hop
    error: str | None = None  # why there was no usable answer (Norwegian)
    not_https: bool = False

    @property
    def dead(self) -> bool:
        return not self.not_https and (self.error is not None or self.status is None or self.status >= 400)

    @property
    def ok(self) -> bool:
        return not self.not_https and not self.dead

    def describe(self) -> str:
        """What happened, in one Norwegian phrase."""
        if self.not_https:
            return "ikke https: ikke kontrollert; bruk en adresse som begynner med https://"
        hops = ""
        if self.redirects:
            first = self.redirects[0][0]
            hops = f"videresendt ({first}) til {self.final}; "
            if self.final and not self.final.lower().startswith("https://"):
                hops = f"videresendt ({first}) til {self.final}, som ikke er https; "
        if self.error:
            return f"{hops}død: {self.error}"
        phrase = _phrase(self.status)
        if self.status is not None and self.status >= 400:
            return f"{hops}død: svarer {self.status}{phrase}"
        return f"{hops}svarer {self.status}{phrase}"


def seconds(value: float) -> str:
    """1.0 -> «1», 0.5 -> «0,5» (Norwegian decimal comma)."""
    return f"{value:g}".replace(".", ",")


def _n(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _phrase(status: int | None) -> str:
    try:
        return f" {http.HTTPStatus(status).phrase}" if status else ""
    except ValueError:
        return ""


# --- Finding the addresses ---------------------------------------------------------------------


def _clean(url: str) -> str:
    while url and url[-1] in TRAILING:
        # Keep a closing bracket that belongs to the address, as in Wikipedia-style links.
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _walk(value, path: tuple):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, path + (i,))


def find_urls(data_dir: Path) -> list[Occurrence]:
    """Every http(s) address in the data files under data_dir, in file and line order."""
    data_dir = Path(data_dir).resolve()
    root = data_dir.parent
    out: list[Occurrence] = []
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        name = path.relative_to(root).as_posix()
        suffix = path.suffix.lower()
        src = None
        if suffix in YAML_SUFFIXES:
            src, _problem = read(path, root)
        if src is not None:
            for p, text in _walk(src.data, ()):
                for m in URL.finditer(text):
                    out.append(Occurrence(name, src.line_of(p), field_path(p), _clean(m.group(0))))
        elif suffix in YAML_SUFFIXES | TEXT_SUFFIXES:  # text, or YAML that does not parse
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            for i, line in enumerate(text.splitlines(), 1):
                for m in URL.finditer(line):
                    out.append(Occurrence(name, i, "", _clean(m.group(0))))
    out = [o for o in out if (urlsplit(o.url).hostname or "").removeprefix("www.") not in EXAMPLE_HOSTS]
    return sorted(out, key=lambda o: (o.file, o.line, o.field, o.url))


# --- Asking for them ---------------------------------------------------------------------------


class _Recorder(urllib.request.HTTPRedirectHandler):
    """Follows redirects as urllib does, and remembers each hop."""

    def __init__(self):
        self.hops: list[tuple[int, str]] = []

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        self.hops.append((code, newurl))
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"
        return new


def _error_text(exc: BaseException, timeout: float) -> str:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, (TimeoutError, socket.timeout)) or isinstance(exc, (TimeoutError, socket.timeout)):
        return f"tidsavbrudd: ikke svar innen {seconds(timeout)} sekunder"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"TLS-feil: sertifikatet kunne ikke bekreftes ({reason.verify_message or reason})"
    if isinstance(reason, ssl.SSLError):
        return f"TLS-feil: {reason.reason or reason}"
    if isinstance(reason, socket.gaierror):
        return "fant ikke vertsnavnet (DNS)"
    if isinstance(reason, ConnectionRefusedError):
        return "tilkoblingen ble avvist"
    if isinstance(reason, ConnectionResetError):
        return "tilkoblingen ble brutt"
    return f"ingen svar ({reason})"


def _request(url: str, method: str, timeout: float, context: ssl.SSLContext | None) -> Result:
    recorder = _Recorder()
    handlers = [recorder, urllib.request.HTTPSHandler(context=context or ssl.create_default_context())]
    opener = urllib.request.build_opener(*handlers)
    req = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    result = Result(url)
    try:
        with opener.open(req, timeout=timeout) as resp:
            result.status, result.final = resp.status, resp.geturl()
    except urllib.error.HTTPError as exc:  # an answer with status >= 400 (after any redirects)
        result.status, result.final = exc.code, exc.geturl() or url
        if 300 <= exc.code < 400:  # urllib gives up on a redirect loop or too many redirects
            result.error = f"for mange videresendinger (siste svar {exc.code}); adressen går trolig i ring"
        exc.close()
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        result.error = _error_text(exc, timeout)
        result.final = recorder.hops[-1][1] if recorder.hops else url
    result.redirects = recorder.hops
    return result


class Checker:
    """Asks each address once, one at a time, with `delay` seconds between requests to a host."""

    def __init__(self, delay: float = 1.0, timeout: float = 15.0, context: ssl.SSLContext | None = None,
                 sleep=time.sleep, clock=time.monotonic):
        self.delay, self.timeout, self.context = delay, timeout, context
        self.sleep, self.clock = sleep, clock
        self._last: dict[str, float] = {}
        self.requests = 0

    def _polite(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        last = self._last.get(host)
        if last is not None:
            wait = last + self.delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()
        self.requests += 1

    def check(self, url: str) -> Result:
        if not url.lower().startswith("https://"):
            return Result(url, not_https=True)
        self._polite(url)
        result = _request(url, "HEAD", self.timeout, self.context)
        # Some servers answer HEAD wrongly (403, 404, 405, 501): ask again with GET before calling it dead.
        if result.error is None and result.status is not None and result.status >= 400:
            self._polite(url)
            result = _request(url, "GET", self.timeout, self.context)
        return result

    def check_all(self, urls) -> dict[str, Result]:
        results: dict[str, Result] = {}
        for url in urls:
            if url not in results:
                results[url] = self.check(url)
        return results


def no_network(results: dict[str, Result]) -> bool:
    """True when no address on two or more hosts gave any answer at all: the machine is probably
    offline, and calling every source dead would be wrong."""
    asked = [r for r in results.values() if not r.not_https]
    hosts = {(urlsplit(r.url).hostname or "").lower() for r in asked}
    return len(hosts) >= 2 and all(r.status is None and r.error for r in asked)


# --- The report ---------------------------------------------------------------------------------


def report_lines(occurrences: list[Occurrence], results: dict[str, Result], only_problems: bool = False) -> list[str]:
    lines = []
    for o in occurrences:
        r = results[o.url]
        if only_problems and r.ok and not r.redirects:
            continue
        where = f"{o.file}:{o.line}: {o.field}: " if o.field else f"{o.file}:{o.line}: "
        lines.append(f"{where}{o.url} – {r.describe()}")
    return lines


def summary(occurrences: list[Occurrence], results: dict[str, Result]) -> str:
    files = len({o.file for o in occurrences})
    dead = sum(r.dead for r in results.values())
    plain = sum(r.not_https for r in results.values())
    moved = sum(bool(r.redirects) and r.ok for r in results.values())
    ok = sum(r.ok for r in results.values())
    return (f"Kontrollerte {_n(len(results), 'adresse', 'adresser')} ({_n(len(occurrences), 'forekomst', 'forekomster')} "
            f"i {_n(files, 'fil', 'filer')}): "
            f"{ok} i orden (av dem {moved} videresendt), {dead} døde, {plain} uten https.")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(occurrences: list[Occurrence], results: dict[str, Result], today: dt.date) -> str:
    """The body of the one issue the weekly workflow keeps up to date."""
    bad = [o for o in occurrences if not results[o.url].ok]
    moved = [o for o in occurrences if results[o.url].ok and results[o.url].redirects]
    out = [f"`kulturskole lenker` kontrollerte alle eksterne adresser i `data/` {today.isoformat()}.", "",
           summary(occurrences, results), ""]
    if bad:
        out += ["## Døde lenker og lenker uten https", "",
                "Rett adressen, finn en ny kilde, eller fjern opplysningen som bare hadde denne kilden.", "",
                "| Fil og linje | Felt | Adresse | Hva skjedde |", "|---|---|---|---|"]
        out += [f"| `{o.file}:{o.line}` | {_cell(o.field) or '–'} | {_cell(o.url)} | {_cell(results[o.url].describe())} |"
                for o in bad]
        out.append("")
    else:
        out += ["Ingen døde lenker.", ""]
    if moved:
        out += ["## Adresser som videresender", "",
                "Disse virker, men har flyttet. Vurder å bytte til den nye adressen.", "",
                "| Fil og linje | Adresse | Ny adresse |", "|---|---|---|"]
        out += [f"| `{o.file}:{o.line}` | {_cell(o.url)} | {_cell(results[o.url].final or '')} |" for o in moved]
        out.append("")
    return "\n".join(out)
