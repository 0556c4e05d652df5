"""The preview server answers every bad request cleanly (issue 22, item 5): never a file outside the
site, never a traceback, 400 for malformed paths and oversized numbers, 421 for a foreign Host."""
from __future__ import annotations

import http.client

import pytest

from .previewkit import serving

SECRET = "hemmelig-innhold-utenfor-nettstedet"


def _secrets(tmp) -> None:
    (tmp / "hemmelig.txt").write_text(SECRET, encoding="utf-8")  # beside the served folder
    (tmp / "p" / "hemmelig.txt").write_text(SECRET, encoding="utf-8")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serving(tmp_path_factory.mktemp("forhandsvisning-http"), _secrets) as (_, srv):
        srv.poll_response_timeout = 0.2
        yield srv


def _get(server, target: str, host: str | None = None) -> tuple[int, str]:
    """A raw request: the path is sent exactly as given (no client normalises it)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host if host is not None else f"127.0.0.1:{server.port}")
        conn.endheaders()
        r = conn.getresponse()
        return r.status, r.read().decode("utf-8", errors="replace")
    finally:
        conn.close()


def _clean(status: int, body: str) -> None:
    assert SECRET not in body
    assert "Traceback" not in body and 'File "' not in body and "Error" not in body


TRAVERSALS = [
    "/../hemmelig.txt",
    "/../../p/hemmelig.txt",
    "/%2e%2e/hemmelig.txt",
    "/..%2fhemmelig.txt",
    "/%2e%2e%2f%2e%2e%2fp%2fhemmelig.txt",
    "/..%5chemmelig.txt",
    "/%252e%252e/hemmelig.txt",
    "/....//....//hemmelig.txt",
    "/%c0%ae%c0%ae/hemmelig.txt",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_no_path_leads_outside_the_site(server, target):
    status, body = _get(server, target)
    _clean(status, body)
    assert status in (400, 404), (target, status)


def test_the_site_itself_is_served(server):
    status, body = _get(server, "/om/")
    assert status == 200 and "<html" in body


@pytest.mark.parametrize("target", ["/om/%00", "/%00/../hemmelig.txt", "/om%0a/", "/%ff%fe/"])
def test_nul_control_characters_and_bad_encoding_get_400(server, target):
    status, body = _get(server, target)
    _clean(status, body)
    assert status == 400
    assert body.startswith("400: adressen ")


def test_a_livereload_id_of_5000_digits_gets_400(server):
    for target in (f"/livereload/{'9' * 5000}/1", f"/livereload/1/{'9' * 5000}"):
        status, body = _get(server, target)
        _clean(status, body)
        assert status == 400
        assert body in ("400: adressen er for lang\n",
                        "400: live reload venter /livereload/<versjon>/<nummer> med korte tall\n")
    status, body = _get(server, f"/livereload/{'9' * 21}/1")  # short enough for a path, too long a number
    assert status == 400 and "korte tall" in body


def test_a_normal_livereload_poll_answers_with_a_version(server):
    status, body = _get(server, "/livereload/1/1")
    assert status == 200 and int(body) > 1


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1:1", "127.0.0.1", "",
                                  "localhost.evil.example:{port}"])
def test_a_foreign_host_gets_421(server, host):
    status, body = _get(server, "/om/", host.format(port=server.port))
    _clean(status, body)
    assert status == 421
    assert "127.0.0.1, localhost og [::1]" in body


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}", "LOCALHOST:{port}"])
def test_the_local_names_are_served(server, host):
    status, _ = _get(server, "/om/", host.format(port=server.port))
    assert status == 200


def test_an_error_while_answering_is_a_short_norwegian_500(server, monkeypatch):
    def broken(environ):
        raise ValueError("noe gikk galt inni")

    monkeypatch.setattr(server, "respond", broken)
    status, body = _get(server, "/om/")
    assert status == 500
    assert body == "500: forhåndsvisningen kunne ikke vise dette; se terminalen.\n"
