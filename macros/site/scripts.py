"""Our own scripts (docs/assets/*.js) as the site serves them: without comment lines, blank lines and
indentation. The search script loads on every page and counts in two byte budgets (ten queries ≤ 150 KB
gzip at 2,000 cases, issue 19; the case form with all it loads ≤ 150 KB, issue 9), and its comments, which
explain every rule, were a quarter of it. The files in docs/assets/ keep them; the tests that run a
script in Node read those.

Line by line, so nothing a line of code says changes: a line is dropped only when all of it is a comment
(`// …`, or a `/* … */` block whose first line starts it and last line ends it), and the line breaks stay
(automatic semicolon insertion reads them). A file with a template literal (a backtick) or a line that
continues a string (ends in a backslash) could hold such a line inside a string: it is served as it is.
A script too long for one module is a folder of parts, docs/assets/<name>/<n>-<part>.js, served as one
file, assets/<name>.js: the parts in name order inside one function (one request, one scope, as the
browser had it before the split; each part is plain declarations, and a part on its own is valid code).

Plain functions: the MkDocs hook (macros/engine/material_fixes.py), the pre-build step for other engines
(site/prebuild.py) and the preview after a save (engine/serve/preview.py) all serve through serve().
"""
from __future__ import annotations

from pathlib import Path

# Around the parts of a folder: one function, strict, as a single script file would have.
BUNDLE_START = '(function () {\n"use strict";\n'
BUNDLE_END = "})();\n"


def compact(text: str) -> str | None:
    """text without comment lines, blank lines and indentation; None when it cannot be done safely."""
    lines = text.split("\n")
    if "`" in text or any(line.rstrip().endswith("\\") for line in lines):
        return None
    out: list[str] = []
    block: list[str] | None = None  # the original lines of a comment block being read
    for line in lines:
        code = line.strip()
        if block is not None:
            block.append(line)
            if "*/" in code:
                if code.endswith("*/") and code.count("*/") == 1:
                    block = None  # the whole block was comment: dropped
                else:  # code after the block on its last line: keep the block as it was
                    out.extend(block)
                    block = None
            continue
        if not code or code.startswith("//"):
            continue
        if code.startswith("/*") and "*/" not in code:
            block = [line]
            continue
        if code.startswith("/*") and code.endswith("*/") and code.count("*/") == 1:
            continue
        out.append(code)
    if block is not None:  # an unterminated comment: serve the file as it is
        return None
    return "\n".join(out) + "\n"


def ours(rel: str) -> bool:
    """Is rel (a path in docs/) one of our scripts, or a part of one? (Vendored libraries are served as
    they come.)"""
    return rel.startswith("assets/") and rel.endswith(".js") and "/vendor/" not in rel and rel.count("/") <= 2


def part_of(rel: str) -> str | None:
    """The served file a part belongs to (assets/sok/3-ord.js -> assets/sok.js), or None."""
    head, _, name = rel.rpartition("/")
    return head + ".js" if ours(rel) and head.count("/") == 1 and name else None


def served(rel: str, text: str) -> str | None:
    """What the site serves for a single script docs/<rel>, when it differs from the file."""
    return compact(text) if ours(rel) and not part_of(rel) else None


def bundle(parts: dict[str, str]) -> str:
    """One script from its parts (path -> text), in path order, inside one function; compacted."""
    text = BUNDLE_START + "".join(t if t.endswith("\n") else t + "\n" for _, t in sorted(parts.items())) + BUNDLE_END
    return compact(text) or text


def serve(sources: dict[str, str]) -> dict[str, str]:
    """Our scripts (docs-relative path -> text) -> what the site serves (site path -> text): each single
    script compacted where that is safe, each folder's parts as one file."""
    out: dict[str, str] = {}
    folders: dict[str, dict[str, str]] = {}
    for rel, text in sources.items():
        whole = part_of(rel)
        if whole:
            folders.setdefault(whole, {})[rel] = text
        elif ours(rel):
            out[rel] = served(rel, text) or text
    for whole, parts in folders.items():
        if whole in out:
            raise ValueError(f"docs/{whole} finnes både som fil og som mappe med deler")
        out[whole] = bundle(parts)
    return out


def sources(docs_dir: Path) -> dict[str, str]:
    """Our scripts and their parts in docs_dir/assets/, by docs-relative path."""
    docs_dir = Path(docs_dir)
    out: dict[str, str] = {}
    for p in sorted((docs_dir / "assets").rglob("*.js")):
        rel = p.relative_to(docs_dir).as_posix()
        if ours(rel) and not any(x.startswith(".") for x in rel.split("/")):  # hidden: left out, as MkDocs does
            out[rel] = p.read_text(encoding="utf-8")
    return out
