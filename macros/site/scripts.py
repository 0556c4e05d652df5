"""Our own scripts (docs/assets/*.js) as the site serves them: without comment lines, blank lines and
indentation. The search script loads on every page and counts in two byte budgets (ten queries ≤ 150 KB
gzip at 2,000 cases, issue 19; the case form with all it loads ≤ 150 KB, issue 9), and its comments, which
explain every rule, were a quarter of it. The files in docs/assets/ keep them; the tests that run a
script in Node read those.

Line by line, so nothing a line of code says changes: a line is dropped only when all of it is a comment
(`// …`, or a `/* … */` block whose first line starts it and last line ends it), and the line breaks stay
(automatic semicolon insertion reads them). A file with a template literal (a backtick) or a line that
continues a string (ends in a backslash) could hold such a line inside a string: it is served as it is.
Plain functions: the MkDocs hook (macros/engine/material_fixes.py) calls them, another engine could too.
"""
from __future__ import annotations


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
    """Is rel (a path in docs/) one of our scripts? (Vendored libraries are served as they come.)"""
    return rel.startswith("assets/") and rel.endswith(".js") and "/vendor/" not in rel


def served(rel: str, text: str) -> str | None:
    """What the site serves for docs/<rel>, when it differs from the file (the hook and the pre-build
    step for other engines both ask here)."""
    return compact(text) if ours(rel) else None
