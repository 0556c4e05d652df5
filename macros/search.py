"""Site search index (issue 4). Called once after a build from the thin hook."""
from __future__ import annotations

from pathlib import Path


def index_site(site_dir: Path) -> None:
    return None
