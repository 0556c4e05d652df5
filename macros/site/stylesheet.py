"""One stylesheet for the whole site, bundled at build time.

A page used to ask for six stylesheets before it could show anything (Material's main and palette
sheets and four of ours), each a request that blocks rendering. `bundle()` joins them, in the
order the browser applied them, into one file whose name carries a hash of its content, so a
changed sheet is never served stale from a cache. Plain functions: the MkDocs hook
(macros/engine/material_fixes.py) calls them, another engine could too.

Material's sheets are the ones its base.html links in its `styles` block; `theme_stylesheets()`
reads that block, so an upgrade that renames or adds a sheet is followed, and one that changes the
block so the names cannot be found stops the build with a message (tests/test_material_markup.py
says the same before the upgrade is merged).
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

_STYLES_BLOCK = re.compile(r"\{%\s*block styles\s*%\}(.*?)\{%\s*endblock\s*%\}", re.S)
_SHEET = re.compile(r"""\{\{\s*['"](assets/stylesheets/[^'"]+\.css)['"]\s*\|\s*url\s*\}\}""")
_SOURCE_MAP = re.compile(r"/\*#\s*sourceMappingURL=[^*]*\*/")


class BundleError(Exception):
    """The theme's stylesheets could not be found (a Material upgrade changed base.html)."""


def theme_stylesheets(theme_dir: Path) -> list[str]:
    """Material's stylesheets in the order base.html links them ("assets/stylesheets/main.….css", …).

    The palette sheet is linked only when a palette is configured; this site always has one."""
    base = Path(theme_dir) / "base.html"
    if not base.exists():
        raise BundleError(f"fant ikke {base}")
    block = _STYLES_BLOCK.search(base.read_text(encoding="utf-8"))
    sheets = _SHEET.findall(block.group(1)) if block else []
    if not sheets:
        raise BundleError(f"fant ikke stilarkene i blokken «styles» i {base}")
    missing = [s for s in sheets if not (Path(theme_dir) / s).exists()]
    if missing:
        raise BundleError(f"stilarkene {', '.join(missing)} som {base} lenker til, finnes ikke")
    return sheets


def bundle(parts: list[tuple[str, str]]) -> str:
    """The sheets (name, text) joined in order, each introduced by a comment naming it. Their
    source-map comments are dropped (the maps belong to the separate files)."""
    out = []
    for name, text in parts:
        out.append(f"/* {name} */\n{_SOURCE_MAP.sub('', text).strip()}\n")
    return "".join(out)


def bundle_name(text: str, stem: str = "assets/stylesheets/nettsted") -> str:
    """The bundle's path in the site, with a short hash of its content: assets/stylesheets/nettsted.1a2b3c4d.css."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"{stem}.{digest}.css"
