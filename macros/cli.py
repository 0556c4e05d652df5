"""The `kulturskole` command for editors and CI. Imports nothing from MkDocs."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalog import validate


def _default_data_dir() -> Path:
    here = Path.cwd() / "data"
    return here if here.is_dir() else Path(__file__).resolve().parent.parent / "data"


def cmd_sjekk(args: argparse.Namespace) -> int:
    data_dir = Path(args.data) if args.data else _default_data_dir()
    catalog, problems = validate(data_dir)
    for p in problems:
        print(p)
    if problems:
        n = len(problems)
        print(f"\n{n} feil funnet. Rett feilene over og kjør «kulturskole sjekk» igjen.", file=sys.stderr)
        return 1
    print(f"Alt i orden: {len(catalog.cases)} kommunecaser, {len(catalog.fokusomrader)} fokusområder, "
          f"{len(catalog.kriterier)} suksesskriterier, {len(catalog.samlinger)} samlinger"
          f" ({len(catalog.examples)} eksempel holdt utenfor).")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kulturskole", description="Verktøy for Kulturskole 3.0-nettstedet.")
    sub = parser.add_subparsers(dest="kommando", metavar="kommando")
    p = sub.add_parser("sjekk", help="kontroller alle datafiler uten å bygge nettstedet")
    p.add_argument("--data", help="datamappe (standard: ./data)")
    p.set_defaults(func=cmd_sjekk)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
