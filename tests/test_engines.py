"""The site is ready for another engine: one pre-build step writes every page as files (the same text
MkDocs builds from), the hooks' work is reachable as plain commands, and ProperDocs (the MkDocs 1.6
fork) builds the same site."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.site import prebuild

from .conftest import FIXTURE_DATA, ROOT, copy_fixture_data, make_project
from .test_site import Text

BIN = Path(sys.executable).parent


def _front(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text[4:text.index("\n---\n", 3)])


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def test_generer_writes_docs_and_generated_pages_with_their_source(tmp_path):
    data = copy_fixture_data(tmp_path)
    out = tmp_path / "kilder"
    r = _run(str(BIN / "kulturskole"), "generer", "--data", str(data), "--docs", str(ROOT / "docs"), "--til", str(out),
             cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Skrev" in r.stdout
    bodo = (out / "kommuner" / "bodo.md").read_text(encoding="utf-8")
    assert _front(bodo)["kilde"] == "data/kommuner/bodo.yml"
    assert _front((out / "om.md").read_text(encoding="utf-8"))["kilde"] == "docs/om.md"
    assert (out / "assets" / "kulturskole.css").read_bytes() == (ROOT / "docs" / "assets" / "kulturskole.css").read_bytes()
    assert (out / "data" / "kommuner.json").exists()

    # A second run rewrites only what changed: a case that is gone loses its page (and pages that
    # listed it change), the field reference and hand-written pages stay as they were.
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    (data / "kommuner" / "sunnfjord.yml").unlink()
    r = _run(str(BIN / "kulturskole"), "generer", "--data", str(data), "--docs", str(ROOT / "docs"), "--til", str(out),
             cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert not (out / "kommuner" / "sunnfjord.md").exists()
    assert (out / "bidra" / "felter.md").stat().st_mtime_ns == before[out / "bidra" / "felter.md"]
    assert (out / "om.md").stat().st_mtime_ns == before[out / "om.md"]
    assert int(re.search(r"(\d+) fjernet", r.stdout).group(1)) >= 1


def test_generer_stops_on_data_errors_and_writes_nothing(tmp_path):
    data = copy_fixture_data(tmp_path)
    path = data / "kommuner" / "bodo.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("navn: Bodø", "navn:"), encoding="utf-8")
    out = tmp_path / "kilder"
    r = _run(str(BIN / "kulturskole"), "generer", "--data", str(data), "--til", str(out), cwd=tmp_path)
    assert r.returncode == 1
    assert "data/kommuner/bodo.yml" in r.stdout
    assert "sidene lages ikke" in r.stderr
    assert "Traceback" not in r.stderr
    assert not out.exists()


def test_mkdocs_builds_from_exactly_the_files_the_step_writes(tmp_path):
    """No second path: the hook's generated MkDocs files are the pre-build step's files, byte for byte,
    and their edit links point at the data the front matter names."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", FIXTURE_DATA)
    cwd = os.getcwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
    finally:
        config.plugins.on_shutdown()
        os.chdir(cwd)
    out = tmp_path / "kilder"
    from macros.core.catalog import validate
    catalog, problems = validate(project / "data")
    prebuild.prepare(catalog, project / "docs", out, config.site_url or None)
    # The one stylesheet is the hook's own (material_fixes.on_files); without it the theme links the
    # sheets one by one (overrides/main.html), so it is not part of the pre-build step.
    bundle = config.extra["stilark_fil"]
    generated = [f for f in files if f.generated_by and f.src_uri != bundle]
    assert len(generated) > 20
    for f in generated:
        on_disk = (out / f.src_uri).read_bytes()
        assert f.content_bytes == on_disk, f.src_uri
        if f.src_uri.endswith(".md"):
            assert f.edit_uri == _front(f.content_string).get("kilde"), f.src_uri
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {prebuild.MANIFEST}
    assert written == {f.src_uri for f in files if (f.generated_by or f.src_dir) and f.src_uri != bundle}


def _pages(site: Path) -> dict[str, str]:
    """Every HTML page's main content (the text of <article>) by path."""
    out = {}
    for path in sorted(site.rglob("*.html")):
        t = Text()
        t.feed(path.read_text(encoding="utf-8"))
        out[path.relative_to(site).as_posix()] = t.text
    return out


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("properdocs"), FIXTURE_DATA)
    r = _run(str(BIN / "properdocs"), "build", "--strict", "--site-dir", str(project / "site"), cwd=project)
    assert r.returncode == 0, r.stdout + r.stderr
    return project / "site"


def test_properdocs_builds_the_same_pages_with_the_same_content(fixture_site, properdocs_site):
    mkdocs_pages, properdocs_pages = _pages(fixture_site), _pages(properdocs_site)
    assert sorted(properdocs_pages) == sorted(mkdocs_pages)
    assert len(mkdocs_pages) > 30
    for path, text in mkdocs_pages.items():
        assert properdocs_pages[path] == text, path
    assert "Bodø – Piloten Kommunenummer 1804" in properdocs_pages["kommuner/bodo/index.html"]
    # Beyond the main content: the whole HTML, except the generator's name, and the same other files
    # (search index, exports, assets).
    for path in mkdocs_pages:
        ours = [line for line in (fixture_site / path).read_text(encoding="utf-8").splitlines()
                if 'name="generator"' not in line]
        theirs = [line for line in (properdocs_site / path).read_text(encoding="utf-8").splitlines()
                  if 'name="generator"' not in line]
        assert theirs == ours, path
    files = {p.relative_to(fixture_site).as_posix() for p in fixture_site.rglob("*") if p.is_file()}
    assert files == {p.relative_to(properdocs_site).as_posix() for p in properdocs_site.rglob("*") if p.is_file()}


def test_postbuild_checks_links_of_any_engines_output(fixture_site, tmp_path):
    from macros.engine import postbuild

    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)
    assert postbuild.main([str(site), "--uten-sok", "--uten-rettelser"]) == 0
    page = site / "kommuner" / "bodo" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("../../fylker/nordland/", "../../fylker/nordlandet/"),
                    encoding="utf-8")
    assert postbuild.main([str(site), "--uten-sok", "--uten-rettelser"]) == 1


def test_postbuild_applies_the_material_fixes(tmp_path):
    from macros.engine import postbuild

    (tmp_path / "index.html").write_text(
        '<html><body><input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
        'autocomplete="off"><div data-md-component="skip"><a href="#x" class="md-skip">Hopp</a></div>'
        '<article class="md-content__inner md-typeset"><h1>Tittel</h1></article></body></html>', encoding="utf-8")
    assert postbuild.fix_site(tmp_path) == 1
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'autocomplete="off"' not in html
    assert '<h1 id="hovedinnhold">' in html and 'href="#hovedinnhold"' in html


def test_postbuild_adds_the_content_security_policy(tmp_path):
    """Another engine's pages get the same policy as MkDocs's: the template's inline script hashed,
    a script nobody wrote blocked (no 'unsafe-inline')."""
    from macros.engine import postbuild
    from macros.site import csp

    templates = tmp_path / "maler"
    templates.mkdir()
    (templates / "main.html").write_text("<script>var tema = 1;</script>", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<html><head><meta charset="utf-8"><script>var tema = 1;</script></head><body>'
        '<script>alert(1)</script></body></html>', encoding="utf-8")
    assert postbuild.fix_site(site, [templates]) == 1
    html = (site / "index.html").read_text(encoding="utf-8")
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert meta and "'unsafe-inline'" not in meta.group(1).split("script-src")[1].split(";")[0]
    assert csp.sha256_source("var tema = 1;") in meta.group(1)
    assert csp.sha256_source("alert(1)") not in meta.group(1)
    assert postbuild.fix_site(site, [templates]) == 0  # a second run changes nothing


def test_postbuild_trusts_the_inline_scripts_of_the_theme_it_is_given(tmp_path):
    """Another engine's theme (Zensical's) writes its own inline scripts: --tema names its templates."""
    from macros.engine import postbuild

    theme, site = tmp_path / "tema", tmp_path / "site"
    theme.mkdir()
    site.mkdir()
    (theme / "base.html").write_text('<script>var scope = new URL("{{ base_url }}", location);</script>',
                                     encoding="utf-8")
    page = '<html><head><meta charset="utf-8"><script>var scope = new URL("../..", location);</script></head>' \
           '<body><h1>T</h1></body></html>'
    for name, args in (("a", []), ("b", ["--tema", str(theme)])):
        (site / "index.html").write_text(page, encoding="utf-8")
        assert postbuild.main([str(site), "--uten-sok", "--maler", str(tmp_path / "ingen"), *args]) == 0
        policy = (site / "index.html").read_text(encoding="utf-8").split("script-src", 1)[1].split(";", 1)[0]
        assert ("'sha256-" in policy) == (name == "b"), policy
