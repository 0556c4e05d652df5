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


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "docs" / "assets").glob("*.js")))
def test_the_site_serves_each_script_with_the_same_code(name, real_site, tmp_path):
    source = (ROOT / "docs" / "assets" / name).read_text(encoding="utf-8")
    served = (real_site / "assets" / name).read_text(encoding="utf-8")
    if scripts.compact(source) is None:
        assert served == source
        return
    assert _code_lines(served) == _code_lines(source) and len(served) < len(source)
    node = shutil.which("node")
    if node:
        (tmp_path / name).write_text(served, encoding="utf-8")
        assert subprocess.run([node, "--check", str(tmp_path / name)], capture_output=True).returncode == 0
