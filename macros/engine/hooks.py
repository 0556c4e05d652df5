"""Thin MkDocs hooks: load the data once, stop the build on data errors, add generated pages.

All logic lives in plain functions (catalog.load_site, site.generate); this file only adapts
them to MkDocs events, so the site can move to another engine without rewriting the core.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from macros.core.catalog import load_site
from macros.site.generate import generate
from macros.site.search import index_site

log = logging.getLogger("mkdocs.hooks.kulturskole")


def data_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "data"


def catalog_or_fail(config):
    catalog, problems = load_site(data_dir(config))
    if problems:
        lines = "\n".join(f"  {p}" for p in problems)
        raise PluginError(
            f"Datafilene har {len(problems)} feil, og nettstedet bygges ikke før de er rettet:\n{lines}\n"
            "Kjør «make check» (kulturskole sjekk) for samme liste."
        )
    return catalog


def on_config(config):
    catalog_or_fail(config)
    return config


def on_files(files: Files, config) -> Files:
    # Hand-written pages: the edit link points at docs/<file> in the repository.
    for f in files.documentation_pages():
        if f.generated_by is None:
            f.edit_uri = f"{Path(config.docs_dir).name}/{f.src_uri}"
    for page in generate(catalog_or_fail(config), config.site_url or None):
        f = File.generated(config, page.src_uri, content=page.content, inclusion=InclusionLevel.NOT_IN_NAV)
        f.edit_uri = page.edit_path
        files.append(f)
    return files


def on_post_build(config):
    index_site(Path(config.site_dir))
