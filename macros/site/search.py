"""Site search index (issue 4). Called once after a build from the thin hook.

The engine is Pagefind (PyPI `pagefind[bin]`, pinned; the binary ships in the wheel and runs
offline). It was chosen on measurement (scripts/measure_search.py): it stems Norwegian (the page
language comes from <html lang="nb">), so «kulturskolene» finds «kulturskole», and the browser
fetches only the index chunks a query needs instead of the whole index.

Only the article is indexed: overrides/main.html marks it with data-pagefind-body, and leaves the
mark off pages that must never be found (the fictional example, the explorer). Indexing the real
site takes well under a second, so it runs after every build, also under `mkdocs serve`.
"""
from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

BUNDLE = "pagefind"  # the index lands in <site>/pagefind/; docs/assets/sok.js loads it from there
TIMEOUT_S = 300
# Pagefind also writes its ready-made UIs; the site has its own dialog (docs/assets/sok.js) and
# never loads them, so they are removed rather than published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
log = logging.getLogger("mkdocs.hooks.kulturskole.sok")


try:  # MkDocs shows a PluginError as a clean message and stops the build; usable without MkDocs too
    from mkdocs.exceptions import PluginError as _Failure
except ImportError:  # pragma: no cover
    _Failure = RuntimeError


class SearchIndexError(_Failure):
    """The search index could not be built; the message says why, in Norwegian."""


def pagefind_command(site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE]


def index_site(site_dir: Path) -> None:
    """Build the Pagefind index into site_dir/pagefind; raise SearchIndexError if that fails."""
    site_dir = Path(site_dir)
    try:
        result = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True,
                                timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"Søkeindeksen (Pagefind) kunne ikke lages: {exc}") from exc
    output = "\n".join(part.strip() for part in (result.stdout, result.stderr) if part.strip())
    if result.returncode != 0:
        hint = ("Pagefind er ikke installert i miljøet; kjør «make site» (installerer de låste pakkene)."
                if "No module named pagefind" in output else "Se meldingen over.")
        raise SearchIndexError(
            f"Søkeindeksen (Pagefind) kunne ikke lages (kode {result.returncode}).\n{output}\n{hint}")
    if not (site_dir / BUNDLE / "pagefind.js").exists():
        raise SearchIndexError(f"Pagefind meldte ingen feil, men {BUNDLE}/pagefind.js mangler i {site_dir}.\n{output}")
    if "Did not find a data-pagefind-body" in output:
        # Without the mark Pagefind would index navigation, header and footer of every page.
        raise SearchIndexError("Ingen side har data-pagefind-body; sjekk overrides/main.html.")
    for name in UNUSED:
        (site_dir / BUNDLE / name).unlink(missing_ok=True)
    pages = re.search(r"Indexed (\d+) pages?", output)
    log.info("Søkeindeks (Pagefind): %s sider", pages.group(1) if pages else "?")
