"""What the MkDocs hooks do after pages are rendered, as one command for any engine's output:

    python -m macros.engine.postbuild site/      # Material fixes, link check, search index

- the fixes to Material's HTML (material_fixes.fix_html) on every HTML file;
- the internal link check (site.linkcheck.check_site): every relative link leads to a page or file,
  every #anchor to an id;
- the search index (site.search.index_site).

Together with `kulturskole generer` (before the engine) this is the whole build around an engine
that has no hooks, such as Zensical. MkDocs runs the same functions from macros/engine/hooks.py.
Imports nothing from MkDocs.
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from macros.engine.material_fixes import fix_html
from macros.site.linkcheck import check_site
from macros.site.search import SearchIndexError, index_site


def fix_site(site_dir: Path) -> int:
    """Apply the Material fixes to every HTML file; the number of files changed."""
    changed = 0
    for path in sorted(Path(site_dir).rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        fixed = fix_html(html, path.relative_to(site_dir).as_posix())
        if fixed != html:
            path.write_text(fixed, encoding="utf-8")
            changed += 1
    return changed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m macros.engine.postbuild",
                                 description="Etterarbeid på et bygd nettsted: rettelser, lenkesjekk og søkeindeks.")
    ap.add_argument("site", help="mappen med det bygde nettstedet")
    ap.add_argument("--uten-rettelser", action="store_true", help="ikke rett Materials HTML")
    ap.add_argument("--uten-sok", action="store_true", help="ikke lag søkeindeksen")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    site = Path(args.site)
    if not (site / "index.html").exists():
        print(f"Fant ikke {site}/index.html; bygg nettstedet først.", file=sys.stderr)
        return 1
    if not args.uten_rettelser:
        print(f"Rettet HTML i {fix_site(site)} filer.")
    broken = check_site(site)
    for b in broken:
        print(b)
    if broken:
        print(f"\n{len(broken)} lenker fører ingen steder.", file=sys.stderr)
        return 1
    if not args.uten_sok:
        try:
            index_site(site)
        except SearchIndexError as exc:
            print(exc, file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
