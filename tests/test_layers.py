"""The four layers of macros/ (README, «Slik er prosjektet bygd»): each imports only the layers below
it, only engine/ imports MkDocs, and only engine/serve/renderer.py uses MkDocs' private API. Read from
the source with ast, so a new import that breaks the rule fails here."""
from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

MACROS = ROOT / "macros"
ALLOWED = {  # layer -> the layers (sub-packages of macros) it may import
    "core": {"core"},
    "site": {"core", "site"},
    "editor": {"core", "site", "editor"},
    "engine": {"core", "site", "editor", "engine"},
}
# Known, and not this layer's to fix: the search module names MkDocs' error class when it is there
# (inside try/except ImportError), so the build shows its message without a traceback.
MKDOCS_OUTSIDE_ENGINE = {"site/search.py"}


def _modules():
    for path in sorted(MACROS.rglob("*.py")):
        rel = path.relative_to(MACROS)
        if len(rel.parts) > 1:
            yield rel, ast.parse(path.read_text(encoding="utf-8"))


def _imported(rel: Path, tree: ast.AST) -> list[str]:
    """Every module this file imports, as an absolute dotted name."""
    package = ["macros", *rel.parts[:-1]]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                out.append(".".join(base + ([node.module] if node.module else [])))
            else:
                out.append(node.module or "")
    return out


def test_each_layer_imports_only_the_layers_below_it():
    wrong = []
    for rel, tree in _modules():
        layer = rel.parts[0]
        for name in _imported(rel, tree):
            parts = name.split(".")
            if parts[0] == "macros" and len(parts) > 1 and parts[1] in ALLOWED and parts[1] not in ALLOWED[layer]:
                wrong.append(f"macros/{rel.as_posix()} importerer {name}")
    assert wrong == []


def test_only_the_engine_imports_mkdocs():
    wrong = [f"macros/{rel.as_posix()} importerer {name}" for rel, tree in _modules() for name in _imported(rel, tree)
             if name.split(".")[0] == "mkdocs" and rel.parts[0] != "engine"
             and rel.as_posix() not in MKDOCS_OUTSIDE_ENGINE]
    assert wrong == []
    core = [f"macros/{rel.as_posix()}" for rel, tree in _modules() if rel.parts[0] == "core"
            for name in _imported(rel, tree) if name.split(".")[0] in ("mkdocs", "material", "properdocs")]
    assert core == []


def test_only_the_renderer_uses_mkdocs_private_api():
    """A name with a leading underscore reached through a module or object from MkDocs: mkbuild._x,
    config._x (the config is MkDocs'), or an import of such a name."""
    users = set()
    for rel, tree in _modules():
        mkdocs_names = {alias.asname or alias.name.split(".")[0]
                        for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                        and ((node.module or "") if isinstance(node, ast.ImportFrom) else node.names[0].name)
                        .startswith("mkdocs") for alias in node.names}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mkdocs") \
                    and any(a.name.startswith("_") for a in node.names):
                users.add(rel.as_posix())
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__") \
                    and isinstance(node.value, ast.Name) and (node.value.id in mkdocs_names or node.value.id == "config"):
                users.add(rel.as_posix())
    assert users == {"engine/serve/renderer.py"}
