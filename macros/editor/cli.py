"""The `kulturskole` command for editors and CI. Imports nothing from MkDocs."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.catalog import validate
from ..core.forked import Workers


def _default_data_dir() -> Path:
    here = Path.cwd() / "data"
    return here if here.is_dir() else Path(__file__).resolve().parents[2] / "data"


def cmd_sjekk(args: argparse.Namespace) -> int:
    data_dir = Path(args.data) if args.data else _default_data_dir()
    catalog, problems = validate(data_dir, args.workers)
    for p in problems:
        print(p)
        if args.github:
            print(_github_annotation(p))
    if problems:
        n = len(problems)
        print(f"\n{n} feil funnet. Rett feilene over og kjør «kulturskole sjekk» igjen.", file=sys.stderr)
        return 1
    def n(count: int, one: str, more: str) -> str:
        return f"{count} {one if count == 1 else more}"

    print(f"Alt i orden: {n(len(catalog.cases), 'kommunecase', 'kommunecaser')}, "
          f"{n(len(catalog.fokusomrader), 'fokusområde', 'fokusområder')}, "
          f"{n(len(catalog.kriterier), 'suksesskriterium', 'suksesskriterier')}, "
          f"{n(len(catalog.samlinger), 'samling', 'samlinger')}"
          f" ({n(len(catalog.examples), 'eksempel', 'eksempler')} holdt utenfor).")
    return 0


def _github_annotation(p) -> str:
    """A GitHub Actions workflow command: the error shown at its line in the pull request's diff."""
    def esc(text: str, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text
    title = f"{p.field}: feil i datafilen" if p.field else "Feil i datafilen"
    return f"::error file={esc(p.file, True)},line={p.line},title={esc(title, True)}::{esc(p.message)}"


def _project_dir(args: argparse.Namespace) -> tuple[Path, Path]:
    data_dir = (Path(args.data) if args.data else _default_data_dir()).resolve()
    return data_dir, data_dir.parent


def _shown(path: Path) -> str:
    """A path as the editor typed it: relative to the current folder when inside it."""
    path = path.resolve()
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


def cmd_ny(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, new_case

    data_dir, _ = _project_dir(args)
    query = " ".join(args.kommune)
    try:
        made = new_case(data_dir, query, program=args.program)
    except ScaffoldError as exc:
        print(f"kulturskole ny: {exc}", file=sys.stderr)
        return 1
    k = made.kommune
    print(f"Laget {made.name} for {k.navn} (kommunenummer {k.nummer}, {made.fylke}) i programmet "
          f"{made.program.id} ({made.program.tittel}).")
    if made.others:
        print(f"{k.navn} har også {'casen' if len(made.others) == 1 else 'casene'} {', '.join(made.others)}.")
    print("Neste steg:")
    print("  1. Sjekk programmet (program:), og fyll inn deltakelse: riktig status og dato i stedet for "
          "plassholderen «Utkast».")
    print("  2. Ta i bruk flere felt: skriv kommunens egne opplysninger og fjern «# » foran linjene.")
    print("  3. Kjør «kulturskole sjekk», og se siden med «make serve» på "
          f"http://127.0.0.1:8000/{made.url}")
    return 0


def cmd_skjema(args: argparse.Namespace) -> int:
    from ..core.schema import data_ids_from, write_schemas

    data_dir, project = _project_dir(args)
    out_dir = Path(args.ut) if args.ut else project / "schema"
    for path, changed in write_schemas(out_dir, data_ids_from(data_dir)):
        print(f"{'Oppdatert' if changed else 'Uendret'}: {_shown(path)}")
    return 0


def cmd_kodeeiere(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, codeowners_for

    data_dir, project = _project_dir(args)
    out = Path(args.ut) if args.ut else project / ".github" / "CODEOWNERS.eksempel"
    try:
        text = codeowners_for(data_dir, args.org)
    except ScaffoldError as exc:
        print(f"kulturskole kodeeiere: {exc}", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"Skrev {_shown(out)}.")
    return 0


def cmd_lenker(args: argparse.Namespace) -> int:
    import datetime as dt
    import ssl

    from .linkreport import markdown, report_lines, summary
    from .links import Checker, find_urls, no_network, seconds

    data_dir = (Path(args.data) if args.data else _default_data_dir()).resolve()
    if not data_dir.is_dir():
        print(f"kulturskole lenker: fant ikke datamappen {_shown(data_dir)}", file=sys.stderr)
        return 2
    context = None
    if args.ca_fil:  # an extra certificate authority to trust (a local test server)
        context = ssl.create_default_context(cafile=args.ca_fil)
    occurrences = find_urls(data_dir)
    urls = list(dict.fromkeys(o.url for o in occurrences))
    print(f"Kontrollerer {len(urls)} adresser i {_shown(data_dir)}, én om gangen "
          f"(minst {seconds(args.forsinkelse)} s mellom forespørsler til samme vert) ...", file=sys.stderr)
    results = Checker(delay=args.forsinkelse, timeout=args.tidsavbrudd, context=context).check_all(urls)
    for line in report_lines(occurrences, results, only_problems=args.bare_feil):
        print(line)
    print(summary(occurrences, results))
    if no_network(results):
        print("kulturskole lenker: ingen av adressene svarte i det hele tatt, på flere ulike verter. Maskinen er "
              "trolig uten nettverk, så rapporten sier ikke noe om kildene. Prøv igjen med nettverk.", file=sys.stderr)
        return 2
    if args.markdown:
        Path(args.markdown).write_text(markdown(occurrences, results, dt.date.today()), encoding="utf-8")
    return 1 if any(not r.ok for r in results.values()) else 0


def _seconds(text: str) -> float:
    """A number of seconds, with a decimal comma or point («0,5»)."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"fant «{text}»; skriv et antall sekunder, f.eks. 1 eller 0,5") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"fant «{text}»; antall sekunder kan ikke være negativt")
    return value


def cmd_generer(args: argparse.Namespace) -> int:
    from ..site import prebuild

    data_dir, project = _project_dir(args)
    catalog, problems = validate(data_dir, args.workers)
    for p in problems:
        print(p)
    if problems:
        print(f"\n{len(problems)} feil funnet; sidene lages ikke før de er rettet (se «kulturskole sjekk»).",
              file=sys.stderr)
        return 1
    docs = Path(args.docs) if args.docs else project / "docs"
    dest = Path(args.til)
    try:
        written = prebuild.prepare(catalog, docs, dest, args.nettsted or None, args.workers)
    except ValueError as exc:
        print(f"kulturskole generer: {exc}", file=sys.stderr)
        return 1
    print(f"Skrev {len(written.changed)} filer til {_shown(dest)} ({written.unchanged} uendret, "
          f"{len(written.removed)} fjernet): sidene i {_shown(docs)} og sidene laget fra dataene.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kulturskole", description="Verktøy for Kulturskole 3.0-nettstedet.")
    sub = parser.add_subparsers(dest="kommando", metavar="kommando")
    p = sub.add_parser("sjekk", help="kontroller alle datafiler uten å bygge nettstedet")
    p.add_argument("--data", help="datamappe (standard: ./data)")
    p.add_argument("--github", action="store_true",
                   help="vis også hver feil ved linjen den gjelder i pull requesten (for GitHub Actions)")
    p.set_defaults(func=cmd_sjekk)

    p = sub.add_parser("ny", help="lag en ny kommunecase, data/kommuner/<kommune>.yml, fra kommuneregisteret "
                                  "(<kommune>-<program>.yml når kommunen har en case fra før)")
    p.add_argument("kommune", nargs="+", help="kommunenavn eller kommunenummer, f.eks. Stord eller 4614")
    p.add_argument("--program", help="id-en til programmet casen hører til, fra data/programmer.yml "
                                     "(standard: egen-utvikling)")
    p.add_argument("--data", help="datamappe (standard: ./data)")
    p.set_defaults(func=cmd_ny)

    p = sub.add_parser("skjema", help="skriv JSON-skjemaene for datafilene (brukes av VS Code) til schema/")
    p.add_argument("--ut", help="mappe å skrive til (standard: schema/ ved siden av data/)")
    p.add_argument("--data", help="datamappe (standard: ./data)")
    p.set_defaults(func=cmd_skjema)

    p = sub.add_parser("lenker", help="kontroller at alle eksterne adresser i datafilene virker (https, svar, videresending)")
    p.add_argument("--data", help="datamappe (standard: ./data)")
    p.add_argument("--bare-feil", action="store_true", help="vis bare døde, flyttede og usikre adresser")
    p.add_argument("--forsinkelse", type=_seconds, default=1.0, metavar="SEKUNDER",
                   help="minste tid mellom forespørsler til samme vert (standard: 1)")
    p.add_argument("--tidsavbrudd", type=_seconds, default=20.0, metavar="SEKUNDER",
                   help="hvor lenge en adresse får bruke på å svare, alle videresendinger medregnet (standard: 20)")
    p.add_argument("--markdown", metavar="FIL", help="skriv også rapporten som Markdown (brukes av den ukentlige arbeidsflyten)")
    p.add_argument("--ca-fil", metavar="FIL", help="stol også på sertifikatene i denne filen (for en lokal testtjener)")
    p.set_defaults(func=cmd_lenker)
    p = sub.add_parser("generer", help="skriv alle sidene (docs/ og sidene laget fra data) til én mappe, "
                                       "for en annen byggemotor enn MkDocs")
    p.add_argument("--til", required=True, help="mappen sidene skrives til (f.eks. bygg/kilder)")
    p.add_argument("--docs", help="mappen med de håndskrevne sidene (standard: docs/ ved siden av data/)")
    p.add_argument("--nettsted", help="nettstedets adresse, for absolutte lenker i nyhetsstrømmen (standard: ingen)")
    p.add_argument("--data", help="datamappe (standard: ./data)")
    p.set_defaults(func=cmd_generer)

    p = sub.add_parser("kodeeiere", help="skriv eksempelet på CODEOWNERS (hvem som godkjenner hvert fylkes caser)")
    p.add_argument("--ut", help="fil å skrive til (standard: .github/CODEOWNERS.eksempel)")
    p.add_argument("--org", default="kulturskoleradet", help="GitHub-organisasjonen lagene hører til")
    p.add_argument("--data", help="datamappe (standard: ./data)")
    p.set_defaults(func=cmd_kodeeiere)
    return parser


# argparse's own words (usage, errors, -h) in Norwegian; the rest of its text is ours.
_ARGPARSE_NB = {
    "usage: ": "bruk: ",
    "positional arguments": "argumenter",
    "options": "valg",
    "show this help message and exit": "vis denne hjelpen og avslutt",
    "the following arguments are required: %s": "mangler: %s",
    "unrecognized arguments: %s": "ukjente argumenter: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ukjent kommando: %(value)r (velg blant %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: feil: %(message)s\n",
    "expected one argument": "mangler en verdi",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
}


def main(argv: list[str] | None = None) -> int:
    argparse._ = lambda text: _ARGPARSE_NB.get(text, text)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:  # the one place this command decides how many processes it may use (core/forked.py)
        args.workers = Workers.from_env()
    except ValueError as exc:
        print(f"kulturskole: {exc}", file=sys.stderr)
        return 2
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
