"""`kulturskole lenker` against local HTTPS servers (no internet): OK, 404, redirect, timeout,
a TLS error (a self-signed certificate) and an address that is not https.

The good server's certificate comes from a test certificate authority (trustme) that the checker
is told to trust; the self-signed one is trusted by nobody.
"""
from __future__ import annotations

import datetime as dt
import http.server
import ipaddress
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path
from textwrap import dedent

import pytest
import trustme

from macros.editor import links
from macros.editor.linkreport import markdown, report_lines, summary
from macros.editor.links import Checker, Occurrence, Result, find_urls

from .conftest import ROOT


SLOW = 6.0  # seconds the slow page waits; the checker's deadline in these tests (DEADLINE) is shorter
DEADLINE = 2.0  # per address, all hops: enough for a TLS handshake on a loaded machine (make test)


class LocalPolicy(links.Policy):
    """The test servers listen on 127.0.0.1, which the checker refuses (test_links_steering.py):
    here that one address counts as public, and nothing else local does."""

    def addresses(self, host: str, port: int, timeout: float) -> list[str]:
        return ["127.0.0.1"] if host == "localhost" else super().addresses(host, port, timeout)

    def public(self, address: str) -> bool:
        return address == "127.0.0.1" or super().public(address)


@pytest.fixture
def local_policy(monkeypatch):
    """The command, run in this process, with LocalPolicy."""
    monkeypatch.setattr(links, "Policy", LocalPolicy)


def run_cli(*args: str) -> tuple[int, str, str]:
    import contextlib
    import io

    from macros.editor.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


class Handler(http.server.BaseHTTPRequestHandler):
    seen: list[tuple[str, str]]  # (method, path), shared by the server

    def log_message(self, *args):
        pass

    def _answer(self, head: bool):
        self.server.seen.append((self.command, self.path))
        path = self.path
        if path == "/ok":
            self._send(200, head)
        elif path == "/flyttet":
            self._send(301, head, location="/ok")
        elif path == "/ring":
            self._send(302, head, location="/ring")
        elif path == "/bare-get":
            self._send(405 if head else 200, head)
        elif path == "/treg":
            time.sleep(SLOW)
            self._send(200, head)
        else:
            self._send(404, head)

    def _send(self, code: int, head: bool, location: str | None = None):
        body = b"hei\n"
        self.send_response(code)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            try:
                self.wfile.write(body)
            except OSError:
                pass

    def do_HEAD(self):
        self._answer(head=True)

    def do_GET(self):
        self._answer(head=False)


def _serve(context: ssl.SSLContext):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.block_on_close = False
    server.seen = []
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


def _self_signed(path: Path) -> ssl.SSLContext:
    """A certificate for 127.0.0.1 signed by its own key: what a misconfigured server presents."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .sign(key, hashes.SHA256()))
    (path / "selvsignert.pem").write_bytes(
        cert.public_bytes(serialization.Encoding.PEM)
        + key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()))
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(path / "selvsignert.pem")
    return ctx


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lenker")
    ca = trustme.CA()
    good_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(good_ctx)
    ca_file = tmp / "test-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    good, bad = _serve(good_ctx), _serve(_self_signed(tmp))
    yield {"good": f"https://127.0.0.1:{good.server_address[1]}", "bad": f"https://127.0.0.1:{bad.server_address[1]}",
           "ca": ca_file, "good_server": good, "bad_server": bad}
    good.shutdown()
    bad.shutdown()


@pytest.fixture
def data(tmp_path, servers):
    """A data folder whose files name every kind of address, at known lines."""
    g, b = servers["good"], servers["bad"]
    d = tmp_path / "data"
    (d / "kommuner").mkdir(parents=True)
    (d / "ressurser.yml").write_text(dedent(f"""\
        - id: i-orden
          url: {g}/ok
        - id: borte
          url: {g}/borte
        - id: flyttet
          url: {g}/flyttet
        - id: treg
          url: {g}/treg
        - id: tls
          url: {b}/ok
        - id: ikke-https
          url: http://127.0.0.1:9/ok
        - id: bare-get
          url: {g}/bare-get
        """), encoding="utf-8")
    (d / "kommuner" / "bodo.yml").write_text(dedent(f"""\
        navn: Bodø
        kilder:
          - tittel: Samme side igjen
            url: {g}/ok
          - tittel: Eksempel
            url: https://example.org/ikke-kontrollert
        """), encoding="utf-8")
    (d / "kommuner" / "bodo.md").write_text(f"Les mer [her]({g}/borte).\n\nOg i ring: {g}/ring.\n", encoding="utf-8")
    return d


def ca_context(servers) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(servers["ca"]))


# --- Finding the addresses ---------------------------------------------------------------------


def test_finds_every_address_with_file_line_and_field(data, servers):
    g = servers["good"]
    found = find_urls(data)
    assert [(o.file, o.line, o.field, o.url) for o in found] == [
        ("data/kommuner/bodo.md", 1, "", f"{g}/borte"),  # the closing bracket is not part of it
        ("data/kommuner/bodo.md", 3, "", f"{g}/ring"),  # nor the full stop
        ("data/kommuner/bodo.yml", 4, "kilder[1].url", f"{g}/ok"),
        ("data/ressurser.yml", 2, "[1].url", f"{g}/ok"),
        ("data/ressurser.yml", 4, "[2].url", f"{g}/borte"),
        ("data/ressurser.yml", 6, "[3].url", f"{g}/flyttet"),
        ("data/ressurser.yml", 8, "[4].url", f"{g}/treg"),
        ("data/ressurser.yml", 10, "[5].url", f"{servers['bad']}/ok"),
        ("data/ressurser.yml", 12, "[6].url", "http://127.0.0.1:9/ok"),
        ("data/ressurser.yml", 14, "[7].url", f"{g}/bare-get"),
    ]  # example.org (reserved for examples) is never asked


def test_real_data_addresses_are_all_https_and_found():
    found = find_urls(ROOT / "data")
    assert len(found) >= 30
    assert all(o.url.startswith("https://") for o in found), [o for o in found if not o.url.startswith("https://")]
    assert ("data/kommuner/nes.yml", "kilder[1].url") in {(o.file, o.field) for o in found}


# --- Asking for them ---------------------------------------------------------------------------


@pytest.fixture
def results(data, servers):
    checker = Checker(delay=0, timeout=DEADLINE, context=ca_context(servers), policy=LocalPolicy())
    found = find_urls(data)
    servers["good_server"].seen.clear()
    return found, checker.check_all(dict.fromkeys(o.url for o in found)), checker


def test_ok(results, servers):
    _, res, _ = results
    r = res[f"{servers['good']}/ok"]
    assert (r.status, r.final, r.redirects, r.ok) == (200, f"{servers['good']}/ok", [], True)
    assert r.describe() == "svarer 200 OK"


def test_not_found_is_dead(results, servers):
    _, res, _ = results
    r = res[f"{servers['good']}/borte"]
    assert r.dead and r.status == 404
    assert r.describe() == "død: svarer 404 Not Found"


def test_redirect_is_followed_and_the_final_address_reported(results, servers):
    _, res, _ = results
    g = servers["good"]
    r = res[f"{g}/flyttet"]
    assert r.ok and (r.status, r.final, r.redirects) == (200, f"{g}/ok", [(301, f"{g}/ok")])
    assert r.describe() == f"videresendt (301) til {g}/ok; svarer 200 OK"


def test_redirect_loop_is_dead(results, servers):
    _, res, _ = results
    r = res[f"{servers['good']}/ring"]
    assert r.dead and r.describe().startswith(f"videresendt (302) til {servers['good']}/ring; død: for mange videresendinger")


def test_timeout_is_dead(results, servers):
    _, res, _ = results
    r = res[f"{servers['good']}/treg"]
    assert r.dead and r.describe() == "død: tidsavbrudd: ikke svar innen 2 sekunder"


def test_tls_error_is_dead(results, servers):
    _, res, _ = results
    r = res[f"{servers['bad']}/ok"]
    assert r.dead and r.status is None
    assert r.describe() == "død: TLS-feil: sertifikatet kunne ikke bekreftes (self-signed certificate)"
    assert servers["bad_server"].seen == []  # the handshake failed: no request was made


def test_not_https_is_reported_and_never_asked(results):
    _, res, checker = results
    r = res["http://127.0.0.1:9/ok"]
    assert r.not_https and not r.ok and not r.dead
    assert r.describe() == "ikke https: ikke kontrollert; bruk en adresse som begynner med https://"


def test_head_refused_falls_back_to_get(results, servers):
    _, res, _ = results
    assert res[f"{servers['good']}/bare-get"].status == 200
    seen = servers["good_server"].seen
    assert ("HEAD", "/bare-get") in seen and ("GET", "/bare-get") in seen
    assert seen.count(("HEAD", "/ok")) == 2  # once for /ok, once at the end of the redirect: each address once


def test_each_address_is_asked_once_and_the_same_host_waits():
    waits, now = [], [0.0]
    checker = Checker(delay=1.5, sleep=lambda s: (waits.append(round(s, 3)), now.__setitem__(0, now[0] + s)),
                      clock=lambda: now[0])
    asked = []

    def fake(url, method, timeout, context, policy=None, budget=None):
        asked.append(url)
        now[0] += 0.5  # each request takes half a second
        return Result(url, status=200, final=url)

    original, links._request = links._request, fake
    try:
        checker.check_all(["https://a.no/1", "https://a.no/1", "https://b.no/1", "https://a.no/2"])
    finally:
        links._request = original
    assert asked == ["https://a.no/1", "https://b.no/1", "https://a.no/2"]
    assert waits == [0.5]  # a.no was last asked 1.0 s earlier; b.no never waits


# --- The report and the command --------------------------------------------------------------------


def test_report_by_file_and_line(results, servers):
    found, res, _ = results
    g, b = servers["good"], servers["bad"]
    assert report_lines(found, res, only_problems=True) == [
        f"data/kommuner/bodo.md:1: {g}/borte – død: svarer 404 Not Found",
        f"data/kommuner/bodo.md:3: {g}/ring – videresendt (302) til {g}/ring; død: for mange videresendinger "
        "(siste svar 302); adressen går trolig i ring",
        f"data/ressurser.yml:4: [2].url: {g}/borte – død: svarer 404 Not Found",
        f"data/ressurser.yml:6: [3].url: {g}/flyttet – videresendt (301) til {g}/ok; svarer 200 OK",
        f"data/ressurser.yml:8: [4].url: {g}/treg – død: tidsavbrudd: ikke svar innen 2 sekunder",
        f"data/ressurser.yml:10: [5].url: {b}/ok – død: TLS-feil: sertifikatet kunne ikke bekreftes "
        "(self-signed certificate)",
        "data/ressurser.yml:12: [6].url: http://127.0.0.1:9/ok – ikke https: ikke kontrollert; bruk en adresse "
        "som begynner med https://",
    ]
    assert summary(found, res) == ("Kontrollerte 8 adresser (10 forekomster i 3 filer): 3 i orden (av dem 1 "
                                   "videresendt), 4 døde, 1 uten https.")


def test_markdown_for_the_issue(results, servers):
    found, res, _ = results
    text = markdown(found, res, dt.date(2026, 12, 7))
    assert text.startswith("`kulturskole lenker` kontrollerte alle eksterne adresser i `data/` 2026-12-07.")
    assert f"| `data/ressurser.yml:4` | `[2].url` | `{servers['good']}/borte` | død: svarer 404 Not Found |" in text
    assert f"| `data/ressurser.yml:6` | `{servers['good']}/flyttet` | `{servers['good']}/ok` |" in text
    assert "## Døde lenker og lenker uten https" in text and "## Adresser som videresender" in text


def test_markdown_when_all_is_well():
    o = Occurrence("data/ressurser.yml", 2, "[1].url", "https://a.no/")
    text = markdown([o], {o.url: Result(o.url, status=200, final=o.url)}, dt.date(2026, 12, 7))
    assert "Ingen døde lenker." in text and "|" not in text


def test_command_prints_the_report_and_fails_on_dead_links(data, servers, tmp_path, local_policy):
    out = tmp_path / "rapport.md"
    code, stdout, stderr = run_cli("lenker", "--data", str(data), "--forsinkelse", "0", "--tidsavbrudd", "2",
                                   "--ca-fil", str(servers["ca"]), "--markdown", str(out))
    assert code == 1, stderr
    assert "Traceback" not in stderr
    lines = stdout.splitlines()
    assert f"data/ressurser.yml:2: [1].url: {servers['good']}/ok – svarer 200 OK" in lines
    assert f"data/ressurser.yml:4: [2].url: {servers['good']}/borte – død: svarer 404 Not Found" in lines
    assert lines[-1].startswith("Kontrollerte 8 adresser")
    assert "Døde lenker" in out.read_text(encoding="utf-8")


def test_command_exits_zero_when_all_links_work(tmp_path, servers, local_policy):
    d = tmp_path / "data"
    d.mkdir()
    (d / "ressurser.yml").write_text(f"- url: {servers['good']}/ok\n", encoding="utf-8")
    code, stdout, stderr = run_cli("lenker", "--data", str(d), "--bare-feil", "--ca-fil", str(servers["ca"]))
    assert code == 0, stdout + stderr
    assert stdout.splitlines() == ["Kontrollerte 1 adresse (1 forekomst i 1 fil): 1 i orden (av dem 0 "
                                   "videresendt), 0 døde, 0 uten https."]


def test_no_answer_from_any_host_is_inconclusive_not_dead(tmp_path, local_policy):
    """An offline machine must not report every source as dead (the workflow would file them all)."""
    d = tmp_path / "data"
    d.mkdir()
    (d / "ressurser.yml").write_text("- url: https://127.0.0.1:1/a\n- url: https://localhost:1/b\n", encoding="utf-8")
    code, stdout, stderr = run_cli("lenker", "--data", str(d), "--forsinkelse", "0", "--tidsavbrudd", "2",
                                   "--markdown", str(tmp_path / "r.md"))
    assert code == 2, stdout + stderr
    assert "Maskinen er trolig uten nettverk" in stderr
    assert "tilkoblingen ble avvist" in stdout
    assert not (tmp_path / "r.md").exists()  # nothing for the issue


def test_the_command_itself_refuses_local_addresses(tmp_path, servers):
    """Without the tests' policy (as the weekly workflow runs it), the local test server is refused
    before any connection, and that is not mistaken for an offline machine."""
    d = tmp_path / "data"
    d.mkdir()
    (d / "ressurser.yml").write_text(f"- url: {servers['good']}/ok\n- url: https://localhost:1/b\n", encoding="utf-8")
    servers["good_server"].seen.clear()
    result = subprocess.run([sys.executable, "-m", "macros.editor.cli", "lenker", "--data", str(d), "--forsinkelse", "0",
                             "--ca-fil", str(servers["ca"])], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"data/ressurser.yml:1: [1].url: {servers['good']}/ok – vertsnavnet peker til en lokal eller intern " \
           "adresse (127.0.0.1); ikke kontrollert" in result.stdout.splitlines()
    assert servers["good_server"].seen == []
