"""What the MkDocs hooks do after pages are rendered, as one command for any engine's output:

    python -m macros.engine.postbuild site/      # Material fixes, link check, search index

- the fixes to Material's HTML (material_fixes.fix_html) and the content security policy
  (site.csp.page_policy, with the inline scripts of the theme's templates trusted) on every HTML file;
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
import re
import sys
from pathlib import Path

from macros.engine.material_fixes import fix_html
from macros.site import csp
from macros.site.linkcheck import check_site
from macros.site.search import SearchIndexError, index_site


_HEAD = re.compile(r"<head\b", re.I)


def theme_dirs(overrides: Path = Path("overrides"), theme: Path | None = None) -> list[Path]:
    """The template folders a page comes from: the site's overrides, then the theme's templates
    (Material's unless another engine's, such as Zensical's, is given)."""
    if theme is None:
        import material  # the theme package only, not MkDocs

        theme = Path(material.__file__).resolve().parent / "templates"
    return [Path(overrides), Path(theme)]


def fix_site(site_dir: Path, templates: list[Path] | None = None, repo_url: str | None = None) -> int:
    """Apply the Material fixes and the content security policy to every HTML file; the number of
    files changed. Inline scripts that no template writes stay untrusted (the browser blocks them)."""
    trusted = csp.trusted_scripts(templates if templates is not None else theme_dirs())
    changed = 0
    for path in sorted(Path(site_dir).rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        fixed, _missing = fix_html(html, path.relative_to(site_dir).as_posix())
        if _HEAD.search(fixed) and 'http-equiv="Content-Security-Policy"' not in fixed:
            fixed = csp.page_policy(fixed, trusted, repo_url)[0]
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
    ap.add_argument("--maler", default="overrides", help="mappen med nettstedets egne maler (overrides)")
    ap.add_argument("--tema", default=None,
                    help="mappen med temaets maler, hvis motoren har sine egne (f.eks. Zensicals zensical/templates); "
                         "standard: Materials")
    ap.add_argument("--repo", default=None, help="adressen til GitHub-repositoriet skjemaer kan sende til")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    site = Path(args.site)
    if not (site / "index.html").exists():
        print(f"Fant ikke {site}/index.html; bygg nettstedet først.", file=sys.stderr)
        return 1
    if not args.uten_rettelser:
        print(f"Rettet HTML i {fix_site(site, theme_dirs(Path(args.maler), args.tema), args.repo)} filer.")
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
