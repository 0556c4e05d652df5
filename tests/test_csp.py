"""The content security policy (macros/site/csp.py) as built, without a browser (issue 13).

tests/browser/test_csp.py shows the browser enforcing it; tests/browser/test_a11y.py that no page
type or state breaks it.
"""
from __future__ import annotations

import base64
import hashlib
import re

import pytest

from macros.site import csp

from .conftest import read


def directives(text: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in text.split("; ")}


def meta_policy(html: str) -> str:
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert m, "siden har ingen sikkerhetsregel"
    return m.group(1)


@pytest.mark.parametrize("url", ["", "kommuner/bodo/", "utforsk/", "fylker/vestland/", "tilgjengelighet/", "404.html"])
def test_every_page_type_carries_a_strict_policy_before_any_script(real_site, url):
    html = read(real_site, url)
    policy = meta_policy(html)
    d = directives(policy)
    assert d["default-src"] == ["'none'"]
    assert d["script-src"][0] == "'self'" and "'wasm-unsafe-eval'" not in d["script-src"]
    assert all(s.startswith("'sha256-") for s in d["script-src"][1:])
    assert d["object-src"] == ["'none'"] and d["base-uri"] == ["'none'"] and d["frame-src"] == ["'none'"]
    assert d["form-action"][0] == "'self'"
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy and "*" not in policy
    # No host but the site itself (and GitHub for forms when a repository is configured).
    hosts = [s for values in d.values() for s in values if "://" in s]
    assert all(h.startswith("https://github.com/") for h in hosts) and "form-action" in d
    # The policy comes before the first script and the first stylesheet, right after <meta charset>.
    head = html[:html.index("</head>")]
    assert head.index("Content-Security-Policy") < min(i for i in (head.find("<script"), head.find("<link rel=\"stylesheet\"")) if i >= 0)


def test_the_hashes_are_exactly_those_of_the_pages_inline_scripts(real_site):
    html = read(real_site, "kommuner/bodo/")
    scripts = csp.inline_scripts(html)
    assert len(scripts) >= 2
    expected = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in scripts}
    assert set(directives(meta_policy(html))["script-src"][1:]) == expected


def test_json_data_scripts_are_not_hashed():
    html = '<script id="__config" type="application/json">{"a": 1}</script><script src="x.js"></script><script>go()</script>'
    assert csp.inline_scripts(html) == ["go()"]


def test_templates_decide_what_is_trusted_not_the_page(tmp_path):
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "a.html").write_text(
        '<script>var base = new URL("{{ base_url }}", location)</script>\n'
        '{% if x %}<script>{% if y %}a(){% endif %}</script>{% endif %}\n', encoding="utf-8")
    trusted = csp.trusted_scripts([tmp_path])
    assert trusted.sources == ["partials/a.html"]
    assert trusted.trusts('var base = new URL("../..", location)')
    assert not trusted.trusts('var base = new URL("x"), alert(1), ("", location)')  # quotes cannot be filled in
    assert not trusted.trusts("a()")  # a script with template logic in it is never trusted
    hashes, untrusted = csp.script_hashes('<script>var base = new URL("..", location)</script><script>alert(1)</script>',
                                          trusted)
    assert len(hashes) == 1 and untrusted == ["alert(1)"]


@pytest.mark.parametrize("repo,expected", [
    ("https://github.com/eier/kulturskole", ["https://github.com/eier/kulturskole/"]),
    ("https://github.com/eier/kulturskole.git/", ["https://github.com/eier/kulturskole/"]),
    ("https://GitHub.com/eier/kulturskole/", ["https://github.com/eier/kulturskole/"]),
    ("http://github.com/eier/kulturskole", []),
    ("https://gitlab.com/eier/kulturskole", []),
    ("https://github.com/eier", []),
    ("https://github.com/eier/repo/tree/main", []),
    ("", []),
    (None, []),
])
def test_forms_may_go_to_the_configured_github_repository_only(repo, expected):
    assert csp.form_targets(repo) == expected


def test_no_policy_allows_inline_scripts_and_the_preview_adds_only_its_nonce():
    """The preview's live-reload script runs by a nonce made for each response (issue 22, item 1):
    the policy never holds 'unsafe-inline', and with_nonce changes only the script sources."""
    built = directives(csp.policy(["'sha256-abc='"], []))
    assert built["script-src"] == ["'self'", "'sha256-abc='"]
    page, _ = csp.add_policy('<html><head><meta charset="utf-8"><title>x</title></head><body>'
                             '<p>script-src \'nonce-feil\'</p></body></html>', csp.policy(["'sha256-abc='"], []))
    served = csp.with_nonce(page.encode(), "AbCdEfGhIjKlMnOpQrStUv")
    text = served.decode()
    policy = re.search(r'content="([^"]+)"', text).group(1).replace("&#x27;", "'")
    got = directives(policy)
    assert got["script-src"] == ["'nonce-AbCdEfGhIjKlMnOpQrStUv'", "'self'", "'sha256-abc='"]
    assert {k: v for k, v in got.items() if k != "script-src"} == {k: v for k, v in built.items() if k != "script-src"}
    assert "unsafe-inline" not in text
    assert text.count("nonce-") == 2 and "<p>script-src 'nonce-feil'</p>" in text  # the page's own text untouched
    assert csp.with_nonce(b"<html><head></head><body>ingen regel</body></html>", "AbCdEfGhIjKlMnOpQrStUv") is None
    with pytest.raises(ValueError):
        csp.with_nonce(page.encode(), "kort' 'unsafe-inline")


def test_policy_goes_first_in_the_head():
    html, ok = csp.add_policy('<html><head><meta charset="utf-8"><script>x()</script></head></html>', "default-src 'none'")
    assert ok and html.index("Content-Security-Policy") < html.index("<script>")
    assert csp.add_policy("<p>ingen head</p>", "x") == ("<p>ingen head</p>", False)
