"""Reproducible builds (issue 13.3): the same commit, built in two checkout paths on two different
days, gives a byte-identical site, including sitemap.xml.gz, the search index and the exports.

Each build runs `mkdocs build --strict` in its own process under libfaketime (Debian's
`faketime`), so every clock the build reads (time.time, datetime.now, file dates) says another
day, in another time zone, with another hash seed. SOURCE_DATE_EPOCH is not set: a developer's
`make site` does not set it either, so the site must not depend on the clock at all.
"""
from __future__ import annotations

import difflib
import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MUTATION, ROOT

FAKETIME = shutil.which("faketime")
SITE_URL = "https://kulturskoleradet.github.io/kulturskole-3-0/"
REPO_URL = "https://github.com/kulturskoleradet/kulturskole-3-0"

# (checkout path under tmp, fake clock, time zone, hash seed)
BUILDS = [
    ("a/kulturskole", "2027-03-01 08:00:00", "Europe/Oslo", "1"),
    ("en/helt/annen/sti/med mellomrom/ks-3-0", "2031-11-20 23:59:30", "America/Los_Angeles", "2"),
]


def checkout(dest: Path) -> Path:
    """A copy of the committed project files, as `git clone` would make (no venv, no site/)."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, check=True).stdout
    for rel in filter(None, files.decode().split("\0")):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    # What the publisher fills in before publishing (a published build stops without it).
    statement = dest / "data" / "tilgjengelighet.yml"
    text = re.sub(r"(?m)^virksomhet:.*$", "virksomhet: Testvirksomheten", statement.read_text(encoding="utf-8"))
    statement.write_text(re.sub(r"(?m)^  epost:.*$", "  epost: post@example.org", text), encoding="utf-8")
    return dest


def build(project: Path, clock: str, tz: str, seed: str) -> Path:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "SITE_URL", "REPO_URL")}
    # As the publishing workflow builds: with the site's address (the sitemap then lists every
    # page) and the repository's.
    env |= {"TZ": tz, "PYTHONHASHSEED": seed, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1",
            "SITE_URL": SITE_URL, "REPO_URL": REPO_URL}
    cmd = [FAKETIME, clock, sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"]
    result = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def describe(name: str, a: bytes, b: bytes) -> str:
    if name.endswith(".gz"):
        a, b = gzip.decompress(a) if a[:2] == b"\x1f\x8b" else a, gzip.decompress(b) if b[:2] == b"\x1f\x8b" else b
        if a == b:
            return f"{name}: samme innhold, ulik gzip-header"
    try:
        diff = difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(), lineterm="", n=0)
        return f"{name}:\n" + "\n".join(list(diff)[2:8])
    except UnicodeDecodeError:
        return f"{name}: ulike bytes ({len(a)} og {len(b)})"


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    if MUTATION:
        pytest.skip("bygger ikke nettstedet under mutasjonstesting (make mutasjon)")
    if FAKETIME is None:
        pytest.fail("Fant ikke faketime. «make test» installerer Debian-pakken faketime (libfaketime).")
    base = tmp_path_factory.mktemp("reproduserbar")
    sites = []
    for path, clock, tz, seed in BUILDS:
        project = checkout(base / path)
        sites.append(build(project, clock, tz, seed))
    return sites


def test_two_builds_on_different_days_in_different_paths_are_identical(two_builds):
    first, second = (files(s) for s in two_builds)
    assert sorted(first) == sorted(second)
    differ = [describe(name, first[name], second[name]) for name in first if first[name] != second[name]]
    assert differ == [], "\n\n".join(differ)
    # The comparison covers what the issue names.
    assert first["sitemap.xml"].count(b"<url>") > 40
    for name in ("sitemap.xml.gz", "sitemap.xml", "sok/indeks.json", "sok/d/0.json", "sok/s/0.json",
                 "data/kommuner.json", "data/kommuner.csv", "data/deltakere.geojson", "feed.xml", "samlinger.ics"):
        assert name in first, name


def test_the_clock_reaches_the_build(tmp_path):
    """The fake clock is real to the build's process (else the test above would prove nothing)."""
    if FAKETIME is None:
        pytest.fail("Fant ikke faketime. «make test» installerer Debian-pakken faketime (libfaketime).")
    code = "import datetime, time, mkdocs.utils as u; print(u.get_build_date(), datetime.date.today(), int(time.time()))"
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {"TZ": "UTC"}
    out = subprocess.run([FAKETIME, BUILDS[1][1], sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True).stdout.split()
    assert out[:2] == ["2031-11-20", "2031-11-20"]


def test_sitemap_dates_come_from_the_data(two_builds):
    """lastmod is the case's «oppdatert» (other pages: the newest of them), never the build day."""
    import datetime as dt
    import re

    from macros.core.catalog import validate

    cat, _ = validate(ROOT / "data")
    sitemap = (two_builds[0] / "sitemap.xml").read_text(encoding="utf-8")
    lastmod = dict(re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap))
    newest = max(c.record.oppdatert for c in cat.cases)
    for c in cat.cases:
        assert lastmod[f"{SITE_URL}kommuner/{c.slug}/"] == c.record.oppdatert.isoformat()
    assert lastmod[SITE_URL] == newest.isoformat()
    header_mtime = int.from_bytes((two_builds[0] / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert dt.datetime.fromtimestamp(header_mtime, dt.timezone.utc).date() == newest
