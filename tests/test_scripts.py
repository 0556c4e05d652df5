"""Our scripts as the site serves them (macros/site/scripts.py): comment lines, blank lines and indentation
go, every line of code stays as it is, in order."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from macros.site import scripts

ROOT = Path(__file__).resolve().parent.parent


def test_comment_lines_go_and_code_lines_stay():
    text = ("/*\n * Header.\n */\n(function () {\n  // why\n  var a = \"// not a comment\"; // trailing stays\n\n"
            "  /* one line */\n  /* a block\n     of two */\n  var b = 1 / 2; /* inline */ var c = 3;\n})();\n")
    assert scripts.compact(text) == ("(function () {\nvar a = \"// not a comment\"; // trailing stays\n"
                                     "var b = 1 / 2; /* inline */ var c = 3;\n})();\n")


def test_code_after_a_block_comment_keeps_the_block():
    text = "/* a\n b */ var x = 1;\nvar y = 2;\n"
    assert scripts.compact(text) == "/* a\n b */ var x = 1;\nvar y = 2;\n"


@pytest.mark.parametrize("text", ["var t = `a\n// b`;\n", "var s = 'a\\\n// b';\n", "/* never closed\nvar x;\n"])
def test_what_a_line_cannot_tell_is_served_as_it_is(text):
    assert scripts.compact(text) is None


def _code_lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip() and not line.strip().startswith(("//", "/*", "*"))]


SOURCES = scripts.sources(ROOT / "docs")
SERVED = sorted(scripts.serve(SOURCES))


def test_the_search_script_is_served_as_one_file_from_its_parts():
    parts = sorted(rel for rel in SOURCES if scripts.part_of(rel) == "assets/sok.js")
    assert parts[0] == "assets/sok/1-indeks.js" and len(parts) >= 4
    assert "assets/sok.js" in SERVED and not any(rel.startswith("assets/sok/") for rel in SERVED)
    # Each part is one job, small enough to read.
    for rel in parts:
        assert SOURCES[rel].count("\n") <= 450, rel


def test_parts_are_joined_in_name_order_inside_one_function():
    out = scripts.serve({"assets/x/2-b.js": "var b = a;\n", "assets/x/1-a.js": "// why\nvar a = 1;",
                         "assets/y.js": "var y = 2;\n"})
    assert out == {"assets/x.js": '(function () {\n"use strict";\nvar a = 1;\nvar b = a;\n})();\n',
                   "assets/y.js": "var y = 2;\n"}
    with pytest.raises(ValueError, match="både som fil og som mappe"):
        scripts.serve({"assets/x.js": "", "assets/x/1-a.js": ""})


@pytest.mark.parametrize("rel", SERVED)
def test_the_site_serves_each_script_with_the_same_code(rel, real_site, tmp_path):
    parts = {r: t for r, t in SOURCES.items() if r == rel or scripts.part_of(r) == rel}
    source = "".join(t for _, t in sorted(parts.items()))
    served = (real_site / rel).read_text(encoding="utf-8")
    if len(parts) == 1 and scripts.compact(source) is None:
        assert served == source
        return
    wrapper = [] if len(parts) == 1 else ["(function () {", '"use strict";']
    end = [] if len(parts) == 1 else ["})();"]
    assert _code_lines(served) == wrapper + _code_lines(source) + end and len(served) < len(source)
    node = shutil.which("node")
    if node:
        (tmp_path / "x.js").write_text(served, encoding="utf-8")
        assert subprocess.run([node, "--check", str(tmp_path / "x.js")], capture_output=True).returncode == 0
