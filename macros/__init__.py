"""Kulturskole 3.0 site, in four layers (each sub-package's docstring says its job):

- core/    the data model, safe YAML, Norwegian messages, rules, register and catalog (no MkDocs);
- site/    pure functions from the validated catalog to pages, maps, exports and the search index;
- editor/  the `kulturskole` command for editors and CI (new case files, checks, schemas);
- engine/  the thin face towards MkDocs: hooks, Material fixes, and the macros entry below.

mkdocs-macros loads this package (module_name: macros) and calls `define_env`. Macros are rendered
only on hand-written pages that opt in with `render_macros: true` (render_by_default: false).
"""
from __future__ import annotations


def define_env(env):  # pragma: no cover - exercised by the site build tests
    from .engine.page_macros import define_env as define

    define(env)
