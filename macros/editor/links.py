"""`kulturskole lenker`: is every external address in data/ still there?

Finds every http(s) address in the data files (YAML through core.yamlsrc, so each one has its file,
line and field; Markdown and other text files line by line), asks each distinct address once and
reports by file and line, in Norwegian:

- an address that is not https is reported and not asked;
- redirects are followed, and the final address and its status code are reported;
- a status of 400 or more, a timeout, a TLS error, or no answer at all is a dead link.

It cannot be steered by the servers it asks (issue 22): every hop must be https, and every address
a host name resolves to is checked after DNS, on every hop, before anything connects: loopback,
private, link-local, shared, multicast and reserved ranges are refused (no request to the machine
itself or to the network around it), and the connection goes to the address that was checked. Each
address has one deadline for all its hops (`timeout`, 20 s by default), enforced on every read (a
server that drips its headers a byte at a time cannot hold it), at most MAX_REDIRECTS redirects and
MAX_HEAD bytes of status line and headers. Addresses a server sends back are shown escaped.

It is polite: one request at a time, at least `delay` seconds between requests to the same host.
A HEAD request comes first; a server that refuses HEAD gets a GET (whose body is never read).
"""
from __future__ import annotations

import http
import ipaddress
import re
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from ..core.fieldpath import field_path
from ..core.yamlsrc import read

URL = re.compile(r"\b(?:https?)://[^\s<>\"'«»`|\\]+", re.IGNORECASE)
TRAILING = ".,;:!?)]}"
USER_AGENT = "kulturskole-lenker/1.0 (lenkekontroll for nettstedet Kulturskole 3.0)"
TEXT_SUFFIXES = {".md", ".json", ".geojson", ".txt", ".csv"}
# Domains reserved for examples (RFC 2606): the fictional example case links there; never asked.
EXAMPLE_HOSTS = {"example.org", "example.com", "example.net"}
YAML_SUFFIXES = {".yml", ".yaml"}
DEADLINE = 20.0  # seconds per address, all hops together (the command's --tidsavbrudd)
MAX_REDIRECTS = 10
MAX_HEAD = 64 * 1024  # bytes of status line and headers
REDIRECTS = {301, 302, 303, 307, 308}


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
    refused: bool = False  # a hop the checker would not follow (not https, or a local address)

    @property
    def dead(self) -> bool:
        return not self.not_https and (self.error is not None or self.status is None or self.status >= 400)

    @property
    def ok(self) -> bool:
        return not self.not_https and not self.dead

    def describe(self, url=None) -> str:
        """What happened, in one Norwegian phrase. url: how an address is written (escaped); by
        default shown() for a terminal, markdown() passes a code span."""
        url = url or shown
        if self.not_https:
            return "ikke https: ikke kontrollert; bruk en adresse som begynner med https://"
        hops = ""
        if self.redirects:
            first = self.redirects[0][0]
            hops = f"videresendt ({first}) til {url(self.final or '')}; "
        if self.error:
            return f"{hops}{self.error}" if self.refused else f"{hops}død: {self.error}"
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


class Policy:
    """Which addresses the checker may connect to. Tests give it another (tests/test_links*.py),
    to reach their servers on 127.0.0.1; the command always uses this one."""

    def addresses(self, host: str, port: int, timeout: float) -> list[str]:
        """The host's addresses, from DNS (at most `timeout` seconds)."""
        found: list = []

        def look_up():
            try:
                found.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
            except OSError as exc:
                found.append(exc)

        worker = threading.Thread(target=look_up, daemon=True)
        worker.start()
        worker.join(max(timeout, 0.001))
        if not found:
            raise TimeoutError("DNS")
        if isinstance(found[0], OSError):
            raise found[0]
        return list(dict.fromkeys(info[4][0] for info in found[0]))

    def public(self, address: str) -> bool:
        """An address on the public internet: not the machine itself, not a private, link-local,
        shared (carrier-grade NAT), multicast, reserved or unspecified range, also when written
        as an IPv4 address inside IPv6."""
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if ip.version == 6 and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        return ip.is_global and not ip.is_multicast


class _Stop(Exception):
    """Why an address was not (or no longer) asked, in Norwegian; refused: the checker said no."""

    def __init__(self, text: str, refused: bool = False):
        super().__init__(text)
        self.text, self.refused = text, refused


def _target(parts) -> str:
    """The request target (path and query), with anything that is not printable ASCII escaped."""
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return quote(target, safe="".join(chr(c) for c in range(0x21, 0x7F) if chr(c) != "%") + "%")


def _head(sock: socket.socket, deadline: float, clock) -> bytes:
    """The status line and headers, read against the one deadline and at most MAX_HEAD bytes."""
    data = b""
    while b"\r\n\r\n" not in data and b"\n\n" not in data:
        left = deadline - clock()
        if left <= 0:
            raise TimeoutError
        sock.settimeout(left)
        chunk = sock.recv(4096)
        if not chunk:  # closed before the headers ended (by the server, or by the watchdog at the deadline)
            raise TimeoutError if clock() >= deadline - 0.01 else ConnectionResetError
        data += chunk
        if len(data) > MAX_HEAD:
            raise _Stop(f"svarhodene er større enn {MAX_HEAD // 1024} KiB; ikke lest videre")
    return data


def _ask(url: str, method: str, deadline: float, context: ssl.SSLContext, policy: Policy, clock) -> tuple[int, str]:
    """(status, Location or "") for one hop, after the address passed the policy."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "https" or not parts.hostname:
        raise _Stop("ikke https; ikke fulgt", refused=True)
    try:
        port = parts.port or 443
    except ValueError:
        raise _Stop("ugyldig portnummer; ikke fulgt", refused=True) from None
    host = parts.hostname
    try:  # a name in another script (bø.kommune.no) as DNS and the Host header write it
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        raise _Stop("ugyldig vertsnavn; ikke kontrollert", refused=True) from None
    if not re.fullmatch(r"[A-Za-z0-9._:-]+", ascii_host):
        raise _Stop("ugyldig vertsnavn; ikke kontrollert", refused=True)
    addresses = policy.addresses(ascii_host, port, deadline - clock())
    local = [a for a in addresses if not policy.public(a)]
    if local or not addresses:
        raise _Stop(f"vertsnavnet peker til en lokal eller intern adresse ({', '.join(local) or 'ingen'}); "
                    "ikke kontrollert", refused=True)
    left = deadline - clock()
    if left <= 0:
        raise TimeoutError
    current: list = [socket.create_connection((addresses[0], port), timeout=left)]
    # A backstop for what one read's timeout cannot bound (a TLS handshake dripped a byte at a time).
    watchdog = threading.Timer(max(deadline - clock(), 0.001), lambda: _close(current[0]))
    watchdog.start()
    try:
        # The handshake after the socket is current[0], so the watchdog can stop a handshake that is
        # dripped a byte at a time (each read within its own timeout).
        current[0] = context.wrap_socket(current[0], server_hostname=ascii_host, do_handshake_on_connect=False)
        current[0].settimeout(max(deadline - clock(), 0.001))
        current[0].do_handshake()
        netloc = f"[{ascii_host}]" if ":" in ascii_host else ascii_host
        if parts.port and parts.port != 443:
            netloc += f":{parts.port}"
        request = (f"{method} {_target(parts)} HTTP/1.1\r\nHost: {netloc}\r\nUser-Agent: {USER_AGENT}\r\n"
                   "Accept: */*\r\nConnection: close\r\n\r\n")
        current[0].sendall(request.encode("ascii"))
        head = _head(current[0], deadline, clock)
    finally:
        watchdog.cancel()
        _close(current[0])
    lines = head.decode("iso-8859-1").split("\n")
    match = re.match(r"HTTP/\d(?:\.\d)? (\d{3})\b", lines[0])
    if not match:
        raise _Stop("svaret er ikke HTTP")
    location = ""
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "location":
            location = value.strip()
    return int(match.group(1)), location


def _close(sock) -> None:
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass


def _error_text(exc: BaseException, timeout: float) -> str:
    reason = exc
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
    if isinstance(reason, (ConnectionResetError, BrokenPipeError, ssl.SSLEOFError)):
        return "tilkoblingen ble brutt"
    return f"ingen svar ({shown(str(reason))})"


def _request(url: str, method: str, timeout: float, context: ssl.SSLContext | None, policy: Policy | None = None,
             clock=time.monotonic, budget: float | None = None) -> Result:
    """Ask for url, following redirects, within `timeout` seconds for all hops (budget: what is
    left of it when a HEAD came first; reported as the whole)."""
    policy = policy or Policy()
    context = context or ssl.create_default_context()
    deadline = clock() + (timeout if budget is None else budget)
    result, current = Result(url), url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            status, location = _ask(current, method, deadline, context, policy, clock)
            if status in REDIRECTS and location:
                current = urljoin(current, location)
                result.redirects.append((status, current))
                continue
            result.status, result.final = status, current
            return result
        result.status, result.final = status, current
        result.error = (f"for mange videresendinger (siste svar {status}); adressen går "
                        "trolig i ring")
    except _Stop as exc:
        result.error, result.refused, result.final = exc.text, exc.refused, current
    except (OSError, ValueError, UnicodeError) as exc:
        # Past the deadline, whatever the socket said (the watchdog closed it): a timeout.
        late = clock() >= deadline - 0.01
        result.error, result.final = _error_text(TimeoutError() if late else exc, timeout), current
    return result


class Checker:
    """Asks each address once, one at a time, with `delay` seconds between requests to a host."""

    def __init__(self, delay: float = 1.0, timeout: float = DEADLINE, context: ssl.SSLContext | None = None,
                 sleep=time.sleep, clock=time.monotonic, policy: Policy | None = None):
        self.delay, self.timeout, self.context = delay, timeout, context
        self.sleep, self.clock, self.policy = sleep, clock, policy
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
        start = self.clock()
        result = _request(url, "HEAD", self.timeout, self.context, self.policy)
        # Some servers answer HEAD wrongly (403, 404, 405, 501): ask again with GET before calling it
        # dead, within what is left of the address's one deadline.
        if result.error is None and result.status is not None and result.status >= 400:
            spent = self.clock() - start
            self._polite(url)
            if self.timeout - spent > 0:
                result = _request(url, "GET", self.timeout, self.context, self.policy, budget=self.timeout - spent)
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
    asked = [r for r in results.values() if not r.not_https and not (r.refused and not r.redirects)]
    hosts = {(urlsplit(r.url).hostname or "").lower() for r in asked}
    return len(hosts) >= 2 and all(r.status is None and r.error for r in asked)


# --- How an address is shown ---------------------------------------------------------------------

_UNSHOWN = re.compile(r"[\x00-\x20\x7f-\xa0\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
SHOWN_MAX = 300


def shown(url: str) -> str:
    """An address as the report prints it: anything invisible or that moves the cursor (control
    characters, spaces, line breaks, direction marks) as \\u escapes, cut at SHOWN_MAX characters."""
    text = _UNSHOWN.sub(lambda m: f"\\u{ord(m.group()):04x}", url)
    return text if len(text) <= SHOWN_MAX else text[:SHOWN_MAX] + "…"
