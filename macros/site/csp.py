"""The content security policy every page carries, as a <meta http-equiv> tag (GitHub Pages sets no
headers). Plain functions: the MkDocs hook (macros/engine/material_fixes.py) calls them on each
page's finished HTML, and another engine could do the same.

The policy lets the browser run only
- script files from the site itself;
- the few inline scripts the theme's templates write (Material's `__md_scope` helpers, the colour
  scheme restorer, the content-tab restorer), each allowed by its SHA-256 hash, computed from the
  page at build time;
- never eval(), new Function() or WebAssembly (no 'wasm-unsafe-eval': the search is plain JavaScript;
  tests/test_supply_chain.py fails if a script the site serves starts to use WebAssembly).

Which inline scripts are the theme's is decided by the templates, never by the page: every inline
<script> in the theme's template folders becomes a pattern (a `{{ … }}` in it may stand for a short
text without quotes, brackets or backslashes, such as a relative path). A script in a page that no
template wrote, say one that slipped through escaping in an editor's Markdown, matches no pattern,
gets no hash, and the browser refuses to run it.

Everything else is locked to the site itself: styles, images (plus data: URIs, which Material's
icons use), fetches (the search index), workers; no plugins, frames or third-party hosts of any
kind; <base> is forbidden; forms may only go to the site, and to the project's GitHub repository
when one is configured (the case form links there).
"""
from __future__ import annotations

import base64
import hashlib
import html as htmllib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

# <script ...>body</script>, as the HTML parser reads it (a script's text ends at the first </script).
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
# Script types the browser executes (anything else, such as application/json, is data).
_JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript",
             "application/ecmascript"}
_JINJA_EXPR = re.compile(r"\{\{.*?\}\}", re.S)
_JINJA_OTHER = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.S)
# What a `{{ … }}` inside a theme script may stand for: a short text without quotes, angle
# brackets, backslashes or line breaks (in Material: a relative path like "../..").
_FILLER = r"""[^"'`<>\\\n]{0,200}"""

META_NAME = "Content-Security-Policy"


def is_executable(attrs: str) -> bool:
    if _SRC.search(attrs):
        return False
    m = _TYPE.search(attrs)
    return (m.group(1).lower() if m else "") in _JS_TYPES


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run in this HTML."""
    return [m.group(2) for m in _SCRIPT.finditer(html) if is_executable(m.group(1))]


def template_pattern(body: str) -> re.Pattern | None:
    """A pattern that matches what the template's script renders to, or None if the script has
    template logic ({% … %}) that makes its output unpredictable (such a script is not trusted)."""
    if _JINJA_OTHER.search(body):
        return None
    parts = _JINJA_EXPR.split(body)
    return re.compile(_FILLER.join(re.escape(p) for p in parts), re.S)


@dataclass
class TrustedScripts:
    """The inline scripts the theme's templates write, as patterns (see the module docstring)."""
    patterns: list[re.Pattern] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # "partials/javascripts/palette.html" ...

    # script -> its hash source if trusted, else None. Pages repeat the same few scripts: each is
    # matched and hashed once per build (0.5 s at 2,000 pages).
    _verdicts: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)

    def trusts(self, script: str) -> bool:
        return any(p.fullmatch(script) for p in self.patterns)

    def hash_if_trusted(self, script: str) -> str | None:
        try:
            return self._verdicts[script]
        except KeyError:
            pass
        verdict = sha256_source(script) if self.trusts(script) else None
        if len(self._verdicts) < 10_000:
            self._verdicts[script] = verdict
        return verdict


def trusted_scripts(template_dirs: list[Path]) -> TrustedScripts:
    """Every inline <script> in the template folders (theme overrides first, then the theme)."""
    trusted = TrustedScripts()
    seen: set[str] = set()
    for folder in template_dirs:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.html")):
            rel = path.relative_to(folder).as_posix()
            if rel in seen:  # an override hides the theme's own file of the same name
                continue
            seen.add(rel)
            text = path.read_text(encoding="utf-8")
            for m in _SCRIPT.finditer(text):
                # A template's type attribute may itself be a {{ … }}; only plain script tags count.
                if _JINJA_EXPR.search(m.group(1)) or not is_executable(m.group(1)):
                    continue
                pattern = template_pattern(m.group(2))
                if pattern is not None and m.group(2).strip():
                    trusted.patterns.append(pattern)
                    trusted.sources.append(rel)
    return trusted


def sha256_source(script: str) -> str:
    """The CSP source expression for an inline script ('sha256-…' of its exact UTF-8 text)."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def script_hashes(html: str, trusted: TrustedScripts) -> tuple[list[str], list[str]]:
    """(hash sources for the page's trusted inline scripts, the untrusted scripts' text)."""
    hashes: list[str] = []
    untrusted: list[str] = []
    for script in inline_scripts(html):
        h = trusted.hash_if_trusted(script)
        if h is None:
            untrusted.append(script)
        elif h not in hashes:
            hashes.append(h)
    return hashes, untrusted


def form_targets(repo_url: str | None) -> list[str]:
    """Where forms may send a visitor besides the site: the project's GitHub repository, if any.

    Only an https address on github.com counts; the path is kept (with a trailing slash, so it
    matches everything under the repository and nothing else)."""
    if not repo_url:
        return []
    parts = urlsplit(repo_url.strip())
    path = parts.path.rstrip("/")
    if parts.scheme != "https" or parts.netloc.lower() != "github.com" or path.count("/") != 2:
        return []
    if not re.fullmatch(r"/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", path):
        return []
    return [f"https://github.com{path.removesuffix('.git')}/"]


def policy(script_sources: list[str], forms: list[str]) -> str:
    """The policy text. Fetch directives fall back to default-src 'none'; those the site needs
    are opened to 'self' only. The preview server adds a nonce for its live-reload script to each
    response (with_nonce); 'unsafe-inline' is never allowed."""
    directives = [
        ("default-src", ["'none'"]),
        ("script-src", ["'self'", *script_sources]),
        ("style-src", ["'self'"]),
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("worker-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("media-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("frame-src", ["'none'"]),
        ("base-uri", ["'none'"]),
        ("form-action", ["'self'", *forms]),
    ]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives)


_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)


def add_policy(html: str, text: str) -> tuple[str, bool]:
    """The HTML with the policy as the first thing after <meta charset> (before any script or
    style the policy governs); False if the page has no head to put it in."""
    value = htmllib.escape(text, quote=False).replace('"', "&quot;")
    tag = f'<meta http-equiv="{META_NAME}" content="{value}">'
    m = _CHARSET.search(html) or _HEAD.search(html)
    if not m:
        return html, False
    return html[:m.end()] + "\n      " + tag + html[m.end():], True


def page_policy(html: str, trusted: TrustedScripts, repo_url: str | None) -> tuple[str, str, list[str]]:
    """(the page with its policy added, the policy text, untrusted inline scripts found)."""
    hashes, untrusted = script_hashes(html, trusted)
    text = policy(hashes, form_targets(repo_url))
    out, ok = add_policy(html, text)
    if not ok:
        raise ValueError("fant ikke <head> å legge sikkerhetsregelen (CSP) i")
    return out, text, untrusted


_POLICY_TAG = re.compile(rb'<meta http-equiv="' + META_NAME.encode() + rb'" content="[^"]*?script-src ')
_NONCE = re.compile(r"[A-Za-z0-9+/_-]{16,}={0,2}")


def with_nonce(html: bytes, nonce: str) -> bytes | None:
    """The page with 'nonce-<nonce>' allowed in its policy's script-src, for one response of the
    preview server (its live-reload script carries the nonce). Only the policy tag in the page's
    first 20,000 bytes is changed: add_policy puts it first in <head>, before anything from the
    page's content. None if the page has no policy of ours (the caller then adds no script)."""
    if not _NONCE.fullmatch(nonce):
        raise ValueError("en nonce er minst 16 tegn base64")
    m = _POLICY_TAG.search(html, 0, 20_000)
    if m is None:
        return None
    return html[:m.end()] + f"'nonce-{nonce}' ".encode() + html[m.end():]
