"""The GitHub workflows: zizmor (offline) finds nothing, they validate against the GitHub workflow
schema (check-jsonschema's vendored copy, offline), every action is pinned by full commit SHA,
Dependabot proposes updates, and the weekly link check keeps one issue with the narrowest rights.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*args], capture_output=True, text=True, timeout=300, **kw)


def test_there_are_workflows():
    assert {p.name for p in WORKFLOWS} >= {"kontroll.yml", "publiser.yml", "lenker.yml"}


def test_zizmor_finds_nothing():
    result = run(str(BIN / "zizmor"), "--offline", "--no-progress", str(ROOT / ".github" / "workflows"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_zizmor_would_find_an_action_referenced_by_tag(tmp_path):
    """The check can fail: the same workflow with a tag instead of a SHA is a finding."""
    text = (ROOT / ".github" / "workflows" / "kontroll.yml").read_text(encoding="utf-8")
    bad = re.sub(r"actions/checkout@[0-9a-f]{40}( # \S+)?", "actions/checkout@v4", text)
    (tmp_path / "kontroll.yml").write_text(bad, encoding="utf-8")
    result = run(str(BIN / "zizmor"), "--offline", "--no-progress", str(tmp_path / "kontroll.yml"))
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_the_github_schema(path):
    result = run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_matches_its_schema_and_covers_pip_npm_and_actions():
    path = ROOT / ".github" / "dependabot.yml"
    result = run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.dependabot", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    updates = yaml.safe_load(path.read_text(encoding="utf-8"))["updates"]
    assert sorted(u["package-ecosystem"] for u in updates) == ["github-actions", "npm", "pip"]
    assert all(u["directory"] == "/" for u in updates)
    # Its pull requests run the full check: kontroll.yml runs on every pull request, make test included.
    kontroll = yaml.safe_load((ROOT / ".github" / "workflows" / "kontroll.yml").read_text(encoding="utf-8"))
    assert "pull_request" in kontroll[True]  # PyYAML reads the key `on` as True


def test_schema_check_can_fail(tmp_path):
    bad = tmp_path / "feil.yml"
    bad.write_text("name: Feil\non: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    stepz: []\n", encoding="utf-8")
    result = run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(bad))
    assert result.returncode != 0


USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", re.MULTILINE)


def test_every_action_is_pinned_by_full_commit_sha_with_its_tag():
    found = []
    for path in WORKFLOWS:
        for ref, rest in USES.findall(path.read_text(encoding="utf-8")):
            found.append(ref)
            assert re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}", ref), (path.name, ref)
            assert re.fullmatch(r"\s*# v\d+(\.\d+)*", rest), (path.name, ref, "the tag belongs in a comment")
    assert len(found) >= 6


# --- The weekly link check ----------------------------------------------------------------------------

def lenker() -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / "lenker.yml").read_text(encoding="utf-8"))


def test_link_check_runs_weekly_with_the_default_token_and_narrow_rights():
    wf = lenker()
    [cron] = [s["cron"] for s in wf[True]["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert day == month == "*" and weekday.isdigit()  # once a week
    assert wf["permissions"] == {}
    [job] = wf["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    text = (ROOT / ".github" / "workflows" / "lenker.yml").read_text(encoding="utf-8")
    assert "secrets." not in text
    assert "GH_TOKEN: ${{ github.token }}" in text
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    assert any("kulturskole lenker" in s.get("run", "") for s in job["steps"])


@pytest.fixture
def fake_gh(tmp_path):
    """A `gh` that records its arguments and answers `issue list` with $FAKE_ISSUE."""
    log = tmp_path / "gh.log"
    gh = tmp_path / "bin" / "gh"
    gh.parent.mkdir()
    gh.write_text('#!/usr/bin/env bash\nprintf "%s\\n" "$*" >> "$GH_LOG"\n'
                  'if [ "$1 $2" = "issue list" ]; then printf "%s" "${FAKE_ISSUE:-}"; fi\n', encoding="utf-8")
    gh.chmod(0o755)
    report = tmp_path / "rapport.md"
    report.write_text("rapport\n", encoding="utf-8")

    def call(status: str, existing: str = "") -> list[str]:
        env = {**os.environ, "PATH": f"{gh.parent}:{os.environ['PATH']}", "GH_LOG": str(log), "STATUS": status,
               "FAKE_ISSUE": existing}
        log.write_text("", encoding="utf-8")
        result = run("bash", str(ROOT / ".github" / "scripts" / "lenkesak.sh"), str(report), env=env)
        assert result.returncode == 0, result.stderr
        return [line for line in log.read_text(encoding="utf-8").splitlines() if not line.startswith("issue list")]

    return call, report


def test_dead_links_open_one_issue_then_update_it_then_close_it(fake_gh):
    call, report = fake_gh
    assert call("1") == [f"issue create --title Døde lenker i data/ --body-file {report}"]
    assert call("1", existing="7") == [f"issue edit 7 --body-file {report}"]
    [closed] = call("0", existing="7")
    assert closed.startswith("issue close 7 --comment Alle eksterne lenker i data/ virker igjen")
    assert call("0") == []
