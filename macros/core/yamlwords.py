"""What PyYAML's and libyaml's English messages mean for an editor, in Norwegian (core/yamlsrc.py
puts the line and field beside it). Never PyYAML's English text."""
from __future__ import annotations


# Phrases from PyYAML's and libyaml's messages -> what an editor should look for (first match wins).
_TAGS = "en tagg (!…); datafilene bruker ikke tagger, så fjern den eller sett teksten i anførselstegn"
_YAML_PROBLEMS = {
    "mapping values are not allowed": "et kolon (:) der det ikke er lov, eller feil innrykk; sett teksten i anførselstegn",
    "mapping keys are not allowed": "et feltnavn der det ikke er lov; sjekk innrykket, eller sett teksten i anførselstegn",
    "block sequence entries are not allowed": "en liste («- ») der det ikke er lov; sjekk innrykket",
    "expected ':'": "mangler kolon (:) etter feltnavnet",
    "'\\t'": "tabulator i innrykk (bruk mellomrom)",
    "tab character": "tabulator i innrykk (bruk mellomrom)",
    "expected ',' or ']'": "mangler komma eller ] i en liste",
    "expected ',' or '}'": "mangler komma eller } i en gruppe",
    "expected node content": "en verdi mangler (en uavsluttet [ ] eller { }?)",
    "expected the node content": "en verdi mangler (en uavsluttet [ ] eller { }?)",
    "expected key": "feil innrykk: linjen står ikke under feltet den hører til",
    "expected <block end>": "feil innrykk",
    "expected '-' indicator": "feil innrykk i en liste («- »)",
    "single document": "filen har mer enn ett dokument (---); en datafil skal ha bare ett",
    "another document": "filen har mer enn ett dokument (---); en datafil skal ha bare ett",
    "document start": "tekst etter slutten av dokumentet (--- eller ...); en datafil skal ha bare ett dokument",
    "DOCUMENT-START": "tekst etter slutten av dokumentet (--- eller ...); en datafil skal ha bare ett dokument",
    "comment or line break": "tegn etter verdien på samme linje (f.eks. etter et avsluttende anførselstegn)",
    "comment or a line break": "tegn etter verdien på samme linje (f.eks. etter et avsluttende anførselstegn)",
    "expected whitespace": "mangler mellomrom (f.eks. etter «-» eller «:»)",
    "alphabetic or numeric character": "et ugyldig navn etter & eller * (anker eller alias); sett teksten i anførselstegn",
    "unexpected end of stream": "filen slutter midt i en verdi (mangler et anførselstegn?)",
    "end of stream": "filen slutter midt i en verdi (mangler et anførselstegn?)",
    "document indicator": "«---» eller «...» midt i en tekst; sett teksten i anførselstegn",
    "unknown escape character": "et ukjent tegn etter \\ i tekst i doble anførselstegn; skriv \\\\ for \\, eller bruk enkle anførselstegn",
    "hexdecimal number": "en ugyldig \\x-, \\u- eller \\U-kode i tekst i doble anførselstegn",
    "hexadecimal number": "en ugyldig \\x-, \\u- eller \\U-kode i tekst i doble anførselstegn",
    "escape code": "en ugyldig \\x-, \\u- eller \\U-kode i tekst i doble anførselstegn",
    "cannot start any token": "et tegn som ikke kan starte en verdi (f.eks. @ eller `); sett teksten i anførselstegn",
    "undefined alias": "ukjent alias (*)",
    "duplicate anchor": "dobbelt anker (&)",
    "tag handle": _TAGS, "tag URI": _TAGS, "expected '!'": _TAGS, "expected '>'": _TAGS, "the expected '>'": _TAGS,
    "URI escaped": _TAGS, "a tag": _TAGS, "could not determine a constructor": _TAGS,
    "expected a mapping node": _TAGS, "expected a sequence": _TAGS, "expected a scalar node": _TAGS,
    "base64": _TAGS, "timestamp": _TAGS,
    "directive": "en linje som begynner med %; sett teksten i anførselstegn (slike linjer er YAML-direktiver)",
    "YAML document": "en linje som begynner med %; sett teksten i anførselstegn (slike linjer er YAML-direktiver)",
    "version number": "en linje som begynner med %; sett teksten i anførselstegn (slike linjer er YAML-direktiver)",
    "indentation indicator": "et ugyldig tall etter | eller >",
    "unexpected ':'": "et kolon (:) der det ikke er lov; sett teksten i anførselstegn",
    "nesting depth": "for mange nivåer inne i hverandre (en [ eller { for mye?)",
    "unhashable key": "et feltnavn som er en liste eller gruppe; et feltnavn skal være vanlig tekst",
    "UTF-": "ugyldig tegnkoding; lagre filen som UTF-8",
    "surrogate": "ugyldig tegnkoding; lagre filen som UTF-8",
    "non-alphabetical": "et ugyldig tegn; sett teksten i anførselstegn",
}


def yaml_problem(problem: str) -> str:
    for phrase, norwegian in _YAML_PROBLEMS.items():
        if phrase in problem:
            return norwegian
    # Never PyYAML's English text: an editor gets the line and a Norwegian hint (the caller's).
    return "YAML kan ikke lese det som står her"
