"""The switch (issue 20): KULTURSKOLE_PROSESSER=1 builds everything in one process, and the parallel
build gives the very same site, byte for byte: the fixture site and the benchmark's 357-case site.
A child that hangs costs the build its deadline and one log line, never the build.

Each build is `mkdocs build --strict` in a fresh process (as `make site`), so nothing of the test
process (its threads, its caches) decides whether it forks. The parallel builds must really fork:
their debug log names each helper process.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.core import forked

from .conftest import FIXTURE_DATA, MUTATION, ROOT, make_project

pytestmark = [
    pytest.mark.skipif(MUTATION, reason="bygger ikke nettstedet under mutasjonstesting (make mutasjon)"),
    pytest.mark.skipif(not hasattr(os, "fork") or not sys.platform.startswith("linux") or forked._affinity() < 2,
                       reason="en parallell bygging trenger Linux og minst to prosessorer"),
]


def _build(project: Path, site: str, processes: str, driver: str | None = None) -> tuple[Path, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL")}
    env |= {"NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", forked.ENV: processes}
    build = ["build", "--strict", "--verbose", "--site-dir", site]
    cmd = [sys.executable, "-c", driver, *build] if driver else [sys.executable, "-m", "mkdocs", *build]
    result = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return project / site, result.stdout + result.stderr


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _same(a: Path, b: Path) -> None:
    one, two = _tree(a), _tree(b)
    assert sorted(one) == sorted(two)
    differ = [path for path in one if one[path] != two[path]]
    assert differ == [], f"{len(differ)} filer er ulike, f.eks. {differ[:5]}"


def _forked_jobs(log: str) -> set[str]:
    """The jobs a build handed to a helper process (core/forked.py's debug line)."""
    return set(re.findall(r"«([^»]+)»: \d+ jobber i hjelpeprosess \d+", log))


@pytest.fixture(scope="module")
def fixture_project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("serie-parallell"), FIXTURE_DATA)


@pytest.fixture(scope="module")
def serial_fixture_site(fixture_project) -> Path:
    site, log = _build(fixture_project, "serie", "1")
    assert _forked_jobs(log) == set()
    return site


# The fixture's 5 cases are too few for any child (forked.JOBS): this build forks for every list.
_EVERY_JOB_FORKED = """
import dataclasses, sys
from macros.core import forked
for name, job in list(forked.JOBS.items()):
    forked.JOBS[name] = dataclasses.replace(job, fork_from=1)
from mkdocs.__main__ import cli
sys.argv[0] = "mkdocs"
cli()
"""


def test_the_fixture_site_is_the_same_built_serially_and_in_parallel(fixture_project, serial_fixture_site):
    parallel, log = _build(fixture_project, "parallell", "2")
    assert "Søkeindeksen lages i en egen prosess" in log and _forked_jobs(log) == set()
    _same(serial_fixture_site, parallel)
    every, log = _build(fixture_project, "alle", "2", driver=_EVERY_JOB_FORKED)
    assert {"yaml", "casesider", "ferdige sider"} <= _forked_jobs(log)
    _same(serial_fixture_site, every)


def test_the_357_case_site_is_the_same_built_serially_and_in_parallel(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import gen
    finally:
        sys.path.remove(str(ROOT / "bench"))
    tmp = tmp_path_factory.mktemp("serie-parallell-357")
    data = gen.generate(357, tmp / "data")
    (tmp / "p").mkdir()
    project = make_project(tmp / "p", data)
    serial, log = _build(project, "serie", "1")
    assert _forked_jobs(log) == set() and "Søkeindeksen lages i en egen prosess" not in log
    parallel, log = _build(project, "parallell", "2")
    assert {"yaml", "casesider"} <= _forked_jobs(log)  # «ferdige sider» forks only when told (core/forked.py)
    _same(serial, parallel)


# Case pages made in a child that never finishes: the build stops waiting at the child's deadline,
# makes the child's pages itself, says so once, and finishes.
_HANGING_CHILD = """
import os, sys, time
from macros.core import forked
from macros.site import generate
forked.JOBS["casesider"] = forked.Job(fork_from=1, child_share=0.65, deadline=3.0, why="test")
parent, real = os.getpid(), generate.case_page
def case_page(case, cat):
    if os.getpid() != parent:
        time.sleep(3600)
    return real(case, cat)
generate.case_page = case_page
from mkdocs.__main__ import cli
sys.argv[0] = "mkdocs"
cli()
"""


def test_a_hanging_child_costs_its_deadline_and_one_log_line(fixture_project, serial_fixture_site):
    site, log = _build(fixture_project, "henger", "2", driver=_HANGING_CHILD)
    said = [line for line in log.splitlines() if "Hjelpeprosessen for «casesider»" in line]
    assert len(said) == 1, log[-3000:]
    assert re.fullmatch(r"INFO\s+-\s+Hjelpeprosessen for «casesider» ble ikke ferdig innen 3 s; denne prosessen "
                        r"gjør de \d+ jobbene selv\.", said[0].strip()), said[0]
    _same(serial_fixture_site, site)
