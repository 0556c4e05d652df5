"""Supply chain (issue 22, item 7): the vendored js-yaml is the locked npm package's file, the
workflows' container is pinned by digest and zizmor's pedantic persona finds nothing, and no script
the site serves needs WebAssembly (the policy no longer allows it)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.site import csp

from .conftest import ROOT, read

BIN = Path(sys.executable).parent
VENDORED = ROOT / "docs" / "assets" / "vendor"
# The file of the npm package the vendored copy is (its UMD build, for a plain <script>).
PACKAGE_FILE = Path("js-yaml") / "dist" / "browser" / "js-yaml.umd.min.js"


def test_vendored_js_yaml_is_the_locked_npm_package():
    """A Dependabot bump of js-yaml in package.json/package-lock.json fails here until the vendored
    file is copied from node_modules (make test installs the locked packages with npm ci)."""
    wanted = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["js-yaml"]
    locked = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]["node_modules/js-yaml"]
    assert locked["version"] == wanted
    installed = ROOT / "node_modules" / "js-yaml"
    if not installed.exists():
        pytest.skip("node_modules mangler (make test installerer npm-pakkene med npm ci)")
    assert json.loads((installed / "package.json").read_text(encoding="utf-8"))["version"] == locked["version"]
    assert (VENDORED / "js-yaml.min.js").read_bytes() == (ROOT / "node_modules" / PACKAGE_FILE).read_bytes(), (
        f"docs/assets/vendor/js-yaml.min.js er ikke js-yaml {locked['version']}: kopier node_modules/{PACKAGE_FILE}")
    assert (VENDORED / "js-yaml.LICENSE.txt").read_bytes() == (installed / "LICENSE").read_bytes()


WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CONTAINER = re.compile(r"^\s*container:\s*(\S+)(.*)$", re.MULTILINE)


def test_every_container_is_pinned_by_digest_with_its_tag_as_a_comment():
    found = []
    for path in WORKFLOWS:
        for image, rest in CONTAINER.findall(path.read_text(encoding="utf-8")):
            found.append(image)
            assert re.fullmatch(r"[\w./-]+@sha256:[0-9a-f]{64}", image), (path.name, image)
            assert re.fullmatch(r"\s*# [\w.-]+", rest), (path.name, image, "the tag belongs in a comment")
    assert found  # kontroll.yml and publiser.yml run in Debian's container


def test_zizmor_pedantic_finds_nothing():
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--no-progress", "--persona", "pedantic",
                             str(ROOT / ".github" / "workflows")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr
    suppressed = [line for p in WORKFLOWS for line in p.read_text(encoding="utf-8").splitlines() if "zizmor: ignore" in line]
    assert suppressed == []  # none needed; one added later must say why on its line


def test_zizmor_pedantic_would_find_a_container_by_tag(tmp_path):
    text = (ROOT / ".github" / "workflows" / "kontroll.yml").read_text(encoding="utf-8")
    (tmp_path / "kontroll.yml").write_text(CONTAINER.sub("    container: debian:bookworm", text), encoding="utf-8")
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--no-progress", "--persona", "pedantic",
                             str(tmp_path / "kontroll.yml")], capture_output=True, text=True, timeout=300)
    assert result.returncode != 0 and "unpinned-images" in result.stdout


# --- No WebAssembly, so the policy does not allow it ------------------------------------------------

WASM = re.compile(r"WebAssembly|\.wasm\b|instantiateStreaming|compileStreaming|wasm-unsafe-eval")


def test_the_policy_allows_no_webassembly():
    built = csp.policy(["'sha256-abc='"], [])
    page, _ = csp.add_policy("<html><head><title>x</title></head><body></body></html>", built)
    served = csp.with_nonce(page.encode(), "AbCdEfGhIjKlMnOpQrStUv").decode()  # the preview's form of it
    assert "wasm" not in built and "wasm" not in served


def test_no_script_the_site_serves_uses_webassembly(real_site):
    """Every script file in the built site (Material's bundle, ours, vendored ones) and every inline
    script of every page. A script that starts to compile WebAssembly fails here, and in the browser
    tests as a policy violation on its page."""
    files = sorted(real_site.rglob("*.js")) + sorted(real_site.rglob("*.mjs"))
    assert any(p.name == "sok.js" for p in files) and any("bundle" in p.name for p in files)
    using = [p.relative_to(real_site).as_posix() for p in files if WASM.search(p.read_text(encoding="utf-8", errors="replace"))]
    assert using == []
    assert not list(real_site.rglob("*.wasm"))
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 50
    inline = [p.relative_to(real_site).as_posix() for p in pages
              if any(WASM.search(s) for s in csp.inline_scripts(p.read_text(encoding="utf-8")))]
    assert inline == []
    assert "wasm" not in read(real_site, "kommuner/bodo/").split("Content-Security-Policy", 1)[1][:2000]
