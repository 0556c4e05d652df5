"""Shared fixtures: the project paths, a small fixture dataset, and real site builds in tmp_path.

Builds follow mkdocstrings' pattern: write a site into tmp_path, build it with MkDocs' own API,
and assert on the HTML a reader gets.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "data"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# `make mutasjon` runs the fast tests once per mutant: no site builds (tests that need one are
# skipped) and fewer Hypothesis examples. See tests/MUTASJON.md.
MUTATION = bool(os.environ.get("KS_MUTASJON"))


def make_project(dest: Path, data: Path | None = None) -> Path:
    """A copy of the site (config, docs, overrides) in dest, with `data` as its data folder.

    The register is always the project's committed one."""
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, dest / name)
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copytree(data or ROOT / "data", dest / "data")
    if not (dest / "data" / "kommuneregister.yml").exists():
        shutil.copy(ROOT / "data" / "kommuneregister.yml", dest / "data" / "kommuneregister.yml")
    if not (dest / "data" / "kart").exists():  # the generated map, as the register
        shutil.copytree(ROOT / "data" / "kart", dest / "data" / "kart")
    # mkdocs.yml names the hook by path and the macros module by name: both resolve here.
    (dest / "macros").symlink_to(ROOT / "macros", target_is_directory=True)
    return dest


def build(project: Path, env: dict[str, str] | None = None) -> Path:
    """Build project/ into project/site. env: environment variables set for this build only
    (REPO_URL, SITE_URL)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    if MUTATION:
        pytest.skip("bygger ikke nettstedet under mutasjonstesting (make mutasjon)")
    cwd = os.getcwd()
    saved = {k: os.environ.get(k) for k in env or {}}
    os.environ.update(env or {})
    os.chdir(project)  # mkdocs-macros looks for module_name relative to the project
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        os.chdir(cwd)
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return project / "site"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The site built from the real data/."""
    return build(make_project(tmp_path_factory.mktemp("ekte")))


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The site built from the small fixture dataset (full cases, criteria, an example)."""
    return build(make_project(tmp_path_factory.mktemp("fiks"), FIXTURE_DATA))


def read(site: Path, url: str) -> str:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    return path.read_text(encoding="utf-8")


def copy_fixture_data(dest: Path) -> Path:
    """A writable copy of the fixture dataset, with the project's register, at dest/data."""
    d = dest / "data"
    shutil.copytree(FIXTURE_DATA, d)
    shutil.copy(ROOT / "data" / "kommuneregister.yml", d / "kommuneregister.yml")
    shutil.copytree(ROOT / "data" / "kart", d / "kart")
    return d


@pytest.fixture
def data(tmp_path) -> Path:
    """A fresh, writable copy of the fixture dataset for one test to break."""
    return copy_fixture_data(tmp_path)


@pytest.fixture(scope="session")
def cat():
    """The real data as a Catalog."""
    from macros.core.catalog import validate
    catalog, problems = validate(ROOT / "data")
    assert problems == []
    return catalog


@pytest.fixture(scope="session")
def fixture_cat(tmp_path_factory):
    """The fixture dataset as a Catalog."""
    from macros.core.catalog import validate
    catalog, problems = validate(copy_fixture_data(tmp_path_factory.mktemp("fiks-data")))
    assert problems == []
    return catalog


@pytest.fixture(scope="session")
def generated_site(tmp_path_factory):
    """(Catalog, site): 20 cases from bench/gen.py, thinned at random, and 2 marked examples, built for
    real once (tests/test_nothing_lost.py and its browser half)."""
    from .test_nothing_lost import dataset

    tmp = tmp_path_factory.mktemp("tapt-bygg")
    cat = dataset(tmp / "generert", 20, seed=13, n_examples=2)
    (tmp / "prosjekt").mkdir()
    return cat, build(make_project(tmp / "prosjekt", tmp / "generert" / "data"))
