"""The link checker cannot be steered (issue 22, item 4): local servers that redirect to http, to the
machine itself or the network around it, to ftp, that drip their headers, redirect forever, or send
a huge header; and a report that shows what a server sent back as text, never as a link or image.

The servers listen on 127.0.0.1, which the checker refuses: LocalPolicy (tests/test_links.py) lets
these tests reach that one address, and only that one, as if it were public.
"""
from __future__ import annotations

import datetime as dt
import socket
import ssl
import threading
import time

import markdown
import pytest
import trustme

from macros.editor import linkreport, links
from macros.editor.links import Checker, Occurrence, Policy

from .test_links import LocalPolicy

EVIL_LOCATION = "https://x.example/`a`|b![bilde](https://evil.example/p.png)<img src=x onerror=alert(1)>\x1b[31m"


class Listener:
    """A TCP listener on 127.0.0.1 that counts connections and what it was sent (an ftp or http
    server that must never be reached)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        self.connections, self.received = 0, b""
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.sendall(b"220 ftp klar\r\n")
            conn.settimeout(1)
            try:
                self.received += conn.recv(1000)
            except OSError:
                pass
            conn.close()


class RawTLS:
    """An HTTPS server on 127.0.0.1 that answers each path with its own raw bytes, at its own pace."""

    def __init__(self, context: ssl.SSLContext):
        self.context = context
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(50)
        self.port = self.sock.getsockname()[1]
        self.base = f"https://127.0.0.1:{self.port}"
        self.seen: list[str] = []
        self.routes: dict = {}
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn):
        try:
            tls = self.context.wrap_socket(conn, server_side=True)
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = tls.recv(4096)
                if not chunk:
                    return
                request += chunk
            method, path = request.split(b" ")[:2]
            self.seen.append(f"{method.decode()} {path.decode()}")
            route = self.routes.get(path.decode().split("?")[0])
            if route is None:
                tls.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
            else:
                route(tls, path.decode())
            tls.close()
        except (OSError, ssl.SSLError):
            pass


def redirect(location: str, code: int = 302):
    def send(tls, path):
        tls.sendall(f"HTTP/1.1 {code} Funnet\r\nLocation: ".encode() + location.encode("utf-8")
                    + b"\r\nContent-Length: 0\r\n\r\n")
    return send


def ok(tls, path):
    tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")


def drip(tls, path):
    """A header a byte at a time, each well within any per-read timeout, never ending."""
    tls.sendall(b"HTTP/1.1 200 OK\r\n")
    try:
        for _ in range(600):
            tls.sendall(b"X")
            time.sleep(0.1)
    except OSError:
        pass


def huge(tls, path):
    try:
        tls.sendall(b"HTTP/1.1 200 OK\r\n" + b"".join(f"X-Fyll-{i}: ".encode() + b"a" * 60_000 + b"\r\n"
                                                          for i in range(100)) + b"\r\n")
    except OSError:
        pass


def endless(tls, path):
    n = int(path.rsplit("/", 1)[-1])
    redirect(f"/ring/{n + 1}", 301)(tls, path)


class SlowHandshake:
    """A TCP server on 127.0.0.1 that starts a TLS record and then drips it, a byte at a time."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.base = f"https://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    @staticmethod
    def _drip(conn):
        try:
            conn.recv(4096)  # the ClientHello
            conn.sendall(b"\x16\x03\x03\x40\x00")  # a handshake record of 16 KiB ...
            for _ in range(600):  # ... that never ends
                conn.sendall(b"\x00")
                time.sleep(0.1)
        except OSError:
            pass


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    ca = trustme.CA()
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost", "intern.test").configure_cert(server_ctx)
    client_ctx = ssl.create_default_context()
    ca.configure_trust(client_ctx)
    server = RawTLS(server_ctx)
    ftp, plain = Listener(), Listener()
    server.routes.update({
        "/ok": ok,
        "/til-http": redirect(f"http://127.0.0.1:{plain.port}/ok"),
        "/til-ftp": redirect(f"ftp://127.0.0.1:{ftp.port}/"),
        "/til-loopback": redirect(f"https://127.0.0.2:{server.port}/ok"),
        "/til-ipv6-loopback": redirect(f"https://[::1]:{server.port}/ok"),
        "/til-ipv4-i-ipv6": redirect(f"https://[::ffff:127.0.0.1]:{server.port}/ok"),
        "/til-privat": redirect("https://10.0.0.1/"),
        "/til-metadata": redirect("https://169.254.169.254/latest/meta-data/"),
        "/til-intern-dns": redirect(f"https://intern.test:{server.port}/ok"),
        "/til-localhost-navn": redirect(f"https://localhost.:{server.port}/ok"),
        "/drypp": drip,
        "/stor": huge,
        "/ring/0": endless,
        "/ond": redirect(EVIL_LOCATION),
    })
    for n in range(1, 40):
        server.routes[f"/ring/{n}"] = endless
    return {"server": server, "ftp": ftp, "plain": plain, "context": client_ctx}


class TestPolicy(LocalPolicy):
    """127.0.0.1 is public here, and «intern.test» resolves to a private address (a DNS answer an
    attacker controls)."""

    def addresses(self, host, port, timeout):
        return ["10.1.2.3"] if host == "intern.test" else super().addresses(host, port, timeout)


def check(world, path: str, timeout: float = 5.0) -> links.Result:
    checker = Checker(delay=0, timeout=timeout, context=world["context"], policy=TestPolicy())
    return checker.check(world["server"].base + path)


def test_the_local_server_answers_when_allowed(world):
    r = check(world, "/ok")
    assert r.ok and r.status == 200


def test_redirect_to_http_is_not_followed(world):
    r = check(world, "/til-http")
    assert not r.ok and r.refused and world["plain"].connections == 0
    assert r.describe() == f"videresendt (302) til http://127.0.0.1:{world['plain'].port}/ok; ikke https; ikke fulgt"


def test_redirect_to_ftp_opens_no_connection(world):
    r = check(world, "/til-ftp")
    assert not r.ok and r.refused
    assert world["ftp"].connections == 0 and b"USER" not in world["ftp"].received


@pytest.mark.parametrize("path,address", [
    ("/til-loopback", "127.0.0.2"), ("/til-ipv6-loopback", "::1"), ("/til-ipv4-i-ipv6", "::ffff:127.0.0.1"),
    ("/til-privat", "10.0.0.1"), ("/til-metadata", "169.254.169.254"), ("/til-intern-dns", "10.1.2.3"),
])
def test_redirect_to_a_local_or_internal_address_is_refused_after_dns(world, path, address):
    before = len(world["server"].seen)
    r = check(world, path)
    assert not r.ok and r.refused
    assert r.describe().endswith(f"vertsnavnet peker til en lokal eller intern adresse ({address}); ikke kontrollert")
    assert len(world["server"].seen) == before + 1  # only the first hop reached a server


def test_a_server_that_drips_its_headers_is_held_to_the_deadline(world):
    start = time.monotonic()
    r = check(world, "/drypp", timeout=1.5)
    took = time.monotonic() - start
    assert r.dead and r.describe() == "død: tidsavbrudd: ikke svar innen 1,5 sekunder"
    assert took < 4.5, took  # one deadline for the address, not one per read (the server drips for 60 s)


def test_a_dripped_tls_handshake_is_held_to_the_deadline(world):
    slow = SlowHandshake()
    start = time.monotonic()
    r = Checker(delay=0, timeout=1.5, context=world["context"], policy=TestPolicy()).check(slow.base + "/")
    assert r.dead and r.describe() == "død: tidsavbrudd: ikke svar innen 1,5 sekunder"
    assert time.monotonic() - start < 4.5


def test_a_host_name_in_another_script_is_asked_as_dns_writes_it(world):
    seen = []

    class Recording(TestPolicy):
        def addresses(self, host, port, timeout):
            seen.append(host)
            return ["127.0.0.1"]

    r = Checker(delay=0, timeout=10, context=world["context"], policy=Recording()).check(
        f"https://bø.example:{world['server'].port}/ok")
    assert seen == ["xn--b-5ga.example"]
    assert r.dead and "TLS-feil" in r.describe()  # the test certificate does not name it: asked, and refused by TLS


def test_endless_redirects_stop_at_the_cap(world):
    before = len(world["server"].seen)
    r = check(world, "/ring/0")
    assert r.dead and len(r.redirects) == links.MAX_REDIRECTS + 1
    assert "for mange videresendinger" in r.describe()
    assert len(world["server"].seen) - before == links.MAX_REDIRECTS + 1


def test_a_huge_header_is_not_read(world):
    r = check(world, "/stor")
    assert r.dead and r.describe() == "død: svarhodene er større enn 64 KiB; ikke lest videre"


def test_the_default_policy_refuses_local_and_internal_addresses():
    p = Policy()
    for address in ["127.0.0.1", "127.8.9.10", "::1", "10.2.3.4", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                    "100.64.0.1", "0.0.0.0", "::", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
                    "224.0.0.1", "ff02::1", "240.0.0.1", "255.255.255.255", "192.0.2.1", "198.18.0.1", "fe80::1%lo"]:
        assert not p.public(address), address
    for address in ["93.184.215.14", "2606:4700::6810:84e5", "151.101.1.69"]:
        assert p.public(address), address


def test_the_checker_refuses_the_test_server_with_the_default_policy(world):
    before = len(world["server"].seen)
    r = Checker(delay=0, timeout=5, context=world["context"]).check(world["server"].base + "/ok")
    assert r.refused and "127.0.0.1" in r.describe()
    assert len(world["server"].seen) == before


def test_what_a_server_sends_back_is_text_in_the_report(world):
    r = check(world, "/ond")
    assert r.redirects and r.refused is False or r.dead
    o = Occurrence("data/ressurser.yml", 2, "[1].url", world["server"].base + "/ond")
    text = linkreport.markdown([o], {o.url: r}, dt.date(2026, 12, 7))
    html = markdown.markdown(text, extensions=["tables"])
    assert "<img" not in html and "<a " not in html and "\x1b" not in text
    row = next(line for line in text.splitlines() if line.startswith("| `data/ressurser.yml:2`"))
    assert row.count(" | ") == 3  # four cells: the pipe inside the address is escaped
    assert "<code>" in html and "evil.example/p.png" in html
    # The terminal report escapes the control character (no colours, no cursor moves).
    line = linkreport.report_lines([o], {o.url: r})[0]
    assert "\x1b" not in line and "\\u001b[31m" in line


def test_code_spans_hold_any_text():
    for text in ["a`b", "``", "`start", "slutt`", "|", "![x](y)", "<b>", "", " ", "a\nb"]:
        span = linkreport.code(text)
        html = markdown.markdown(span)
        assert "<code>" in html or not text.strip(), (text, html)
        assert "<img" not in html and "<a " not in html and "<b>" not in html
