"""Which repository the site links to: one the publisher named, or none. Never a guessed one.

1. `REPO_URL` in the environment (the publishing workflow sets it);
2. else the checkout's `git remote` (origin, or the only remote) when it is a GitHub address;
3. else no repository: no «Kildekode og data» link, no «Rediger denne siden», no «send til GitHub».

A plain function (no MkDocs), so the hook, a bench or another engine can ask the same question.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

GITHUB = re.compile(
    r"^(?:https?://(?:[^@/\s]+@)?github\.com/|ssh://git@github\.com[:/]|git@github\.com:)"
    r"(?P<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/(?P<repo>[A-Za-z0-9._-]+?)(?:\.git)?/?$"
)


class RepositoryError(ValueError):
    """REPO_URL is set but is not a usable address (Norwegian message)."""


@dataclass(frozen=True)
class Repository:
    url: str | None  # https://github.com/<owner>/<repo>, or None: the site has no repository
    source: str  # where it came from, for the build's one info line (Norwegian)

    def info_line(self) -> str:
        if self.url is None:
            return ("Ingen adresse til et repositorium: REPO_URL er ikke satt, og git remote peker ikke på "
                    "GitHub. Nettstedet bygges uten lenke til kildekoden, uten «Rediger denne siden» og uten "
                    "«send til GitHub».")
        return f"Repositoriet er {self.url} ({self.source})."


def github_url(remote: str) -> str | None:
    """A git remote address -> https://github.com/<owner>/<repo>, or None if it is not GitHub.
    Any user name or token in the address is dropped."""
    m = GITHUB.match(remote.strip())
    return f"https://github.com/{m['owner']}/{m['repo']}" if m else None


def _git(project_dir: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(project_dir), *args], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def remote_url(project_dir: Path) -> str | None:
    """The GitHub address of the checkout's remote: origin, or the only remote there is."""
    names = (_git(project_dir, "remote") or "").split()
    name = "origin" if "origin" in names else (names[0] if len(names) == 1 else None)
    if name is None:
        return None
    url = _git(project_dir, "remote", "get-url", name)
    return github_url(url) if url else None


def find_repository(env: Mapping[str, str], project_dir: Path) -> Repository:
    explicit = (env.get("REPO_URL") or "").strip()
    if explicit:
        if not re.match(r"^https://[^\s/]+/[^\s]+$", explicit):
            raise RepositoryError(
                f"REPO_URL er «{explicit}»; den må være en fullstendig https-adresse til repositoriet, "
                "f.eks. https://github.com/<eier>/<repositorium>, eller stå tom")
        return Repository(explicit.rstrip("/").removesuffix(".git"), "fra REPO_URL")
    found = remote_url(project_dir)
    if found:
        return Repository(found, "fra git remote i denne kopien")
    return Repository(None, "ingen")
