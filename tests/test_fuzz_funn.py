"""What the fuzzing found (issue 13.1), each pinned as a plain regression test.

Before the fix, each of these gave a traceback, an English or multi-line message, a line that is
not in the file, or rejected a valid record. The comment above each test says which.
"""
from __future__ import annotations

import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

from macros.core.catalog import validate
from macros.core.model import Kommunecase
from macros.core.yamlsrc import parse

from .conftest import ROOT

GOOD = 'navn: Bodø\nkommunenummer: "1804"\ndeltakelse:\n  - status: valgt\n    dato: 2021-04-22\noppdatert: 2026-10-01\nprogram: kulturskole-3-0\n'
FIELDS = ", ".join(Kommunecase.model_fields)  # the message lists the model's fields
SJEKK = "sjekk innrykk, kolon og anførselstegn på linjen"


def problems(data: Path, text: str, filename: str = "bodo.yml") -> list[str]:
    (data / "kommuner" / filename).write_text(text, encoding="utf-8")
    _, found = validate(data)
    return [str(p) for p in found]


# Was: «ugyldig YAML: unacceptable character #x0001: control characters are not allowed\n in
# "<unicode string>", position 240», on line 1 and over two lines.
def test_control_character_names_its_line(data):
    assert problems(data, GOOD.replace("oppdatert: 2026", "oppdatert: \x01 2026")) == [
        "data/kommuner/bodo.yml:6: linjen har et usynlig kontrolltegn (U+0001), som ikke er lov i YAML; slett det "
        "(det kommer ofte med når tekst kopieres fra et annet program)"]
    assert problems(data, GOOD.replace("Bodø", "Bo\x00dø"))[0].startswith(
        "data/kommuner/bodo.yml:1: linjen har et usynlig kontrolltegn (U+0000)")


# Was: line 8 of a 7-line file (the end of the text is after the last line break).
def test_unclosed_quote_at_the_end_points_at_the_last_line(data):
    assert problems(data, GOOD + "kilder: 'abc\n") == [
        f"data/kommuner/bodo.yml:8: ugyldig YAML: filen slutter midt i en verdi (mangler et anførselstegn?); {SJEKK}"]


# Was: «YAML-feil (exceeded maximum nesting depth)».
def test_deep_nesting_is_explained(data):
    assert problems(data, GOOD + "kilder: " + "[" * 1200 + "]" * 1200 + "\n") == [
        f"data/kommuner/bodo.yml:8: ugyldig YAML: for mange nivåer inne i hverandre (en [ eller {{ for mye?); {SJEKK}"]


# Was: minutes of work and gigabytes of memory («billion laughs»: nine aliases, 10^9 values).
def test_alias_bomb_is_refused_quickly(data):
    levels = "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]\n" for a, b in zip("abcdefgh", "bcdefghi"))
    start = time.process_time()
    found = problems(data, GOOD + levels)
    assert time.process_time() - start < 5
    assert found == ["data/kommuner/bodo.yml:8: aliasene (*) gjør innholdet mange ganger større enn det som står i "
                     "filen; skriv verdiene ut i stedet for å bruke & og *"]
    # Ordinary aliases still work as YAML says (the reader keeps PyYAML's meaning).
    src, problem = parse("a: &x {k: v}\nb: *x\n", "x.yml")
    assert problem is None and src.data == {"a": {"k": "v"}, "b": {"k": "v"}}


# Was: «YAML-feil (could not determine a constructor for the tag ...)», and a traceback
# (AttributeError, ValueError) for a known tag with a value it cannot take. Then (issue 22): a
# message without the field; and !!binary passed `sjekk` as bytes and crashed `make site`.
def test_tags_are_explained_at_their_line(data):
    rest = ("datafilene bruker ikke tagger (bare tekst, heltall, true/false, null og datoer), så fjern taggen "
            "eller sett teksten i anførselstegn")
    for line, field, found in [("kilder: !!python/object:os.system x", "kilder", "taggen «!!python/object:os.system»"),
                               ("kilder: !!int x", "kilder", "«!!int x»; taggen passer ikke til verdien"),
                               ("oppdatert: !!timestamp", "oppdatert", "«!!timestamp »; taggen passer ikke til verdien"),
                               ("oppdatert: !!timestamp 2021-02-30", "oppdatert",
                                "«!!timestamp 2021-02-30»; taggen passer ikke til verdien"),
                               ("eksempel: !!bool kanskje", "eksempel", "«!!bool kanskje»; taggen passer ikke til verdien"),
                               ("navn: !!binary aGVp", "navn", "taggen «!!binary»")]:
        text = GOOD.replace("oppdatert: 2026-10-01\n", "").replace("navn: Bodø\n", "") + line + "\n"
        assert problems(data, text) == [f"data/kommuner/bodo.yml:{text.count(chr(10))}: {field}: fant {found}; {rest}"], line


# Was: «None: Keys should be strings (fant ingenting)» and «[2]: Keys should be strings».
def test_keys_yaml_reads_as_true_or_null_are_named_as_written(data):
    for key in ("true", "null"):
        assert problems(data, GOOD + f"{key}: x\n") == [
            f"data/kommuner/bodo.yml:8: {key}: feltnavnet «{key}» er ikke et felt her; tillatte felt her er: {FIELDS}"]


# Was: the message broke over two lines at the line break inside the value.
def test_a_line_break_in_a_value_stays_on_the_messages_line(data):
    assert problems(data, GOOD.replace("status: valgt", 'status: "valgt\\nfullfort"')) == [
        "data/kommuner/bodo.yml:4: deltakelse[1].status: fant «valgt\\nfullfort»; tillatt i programmet "
        "kulturskole-3-0 (Piloten) er: valgt, aktiv, fullfort, trukket"]


# Was: «fant «Unjárga - Nesseby», som ikke er navnet på kommune 5636 (Unjárga - Nesseby)»: the
# name in decomposed form (a + combining accent, as a Mac or a PDF may write it) was refused.
def test_decomposed_sami_name_is_the_same_name(data):
    text = GOOD.replace("Bodø", "Unjárga - Nesseby").replace('"1804"', '"5636"')
    assert problems(data, unicodedata.normalize("NFD", text), "unjarga-nesseby.yml") == []
    cat, _ = validate(data)
    assert [c.record.navn for c in cat.cases if c.slug == "unjarga-nesseby"] == ["Unjárga - Nesseby"]
    # The same letter written as an escape in double quotes.
    src, _ = parse('navn: "Unja\\u0301rga"\n', "x.yml")
    assert src.data["navn"] == "Unjárga"


# Was: lines counted at U+2028 (and NEL, U+2029) as YAML does, so every later line number was
# off by one for the editor, or past the end of the file.
def test_invisible_line_separator_is_found_on_the_editors_line(data):
    text = GOOD.replace("navn: Bodø", "# Kopiert fra Word:\u2028ny linje\nnavn: Bodø")
    assert problems(data, text) == [
        "data/kommuner/bodo.yml:1: linjen har et usynlig linjeskift (U+2028, ofte fra Word eller en nettside), som "
        "YAML leser som et nytt linjeskift; slett det"]
    src, _ = parse("a: 'x\u2028y'\nb: 1\n", "x.yml")
    assert src.lines[("b",)] == 2


# Was: IsADirectoryError (a folder named like a case file).
def test_folder_named_like_a_case_file(data):
    (data / "kommuner" / "mappe.yml").mkdir()
    _, found = validate(data)
    assert [str(p) for p in found] == [
        "data/kommuner/mappe.yml:1: filen kan ikke leses (er det en mappe, eller mangler tilgangen?)"]


# Was: UnicodeDecodeError from the story beside a valid case.
def test_story_that_is_not_utf8(data):
    (data / "kommuner" / "bodo.md").write_bytes("# Fortelling\n\nLatin-1: bl\xe5b\xe6r\n".encode("latin-1"))
    _, found = validate(data)
    assert [str(p) for p in found] == [
        "data/kommuner/bodo.md:3: filen er ikke UTF-8 (første feil er på denne linjen); lagre den som UTF-8"]


# Was: FileNotFoundError from `kulturskole sjekk --data` on a folder without the register.
def test_sjekk_on_an_empty_folder(tmp_path):
    result = subprocess.run([sys.executable, "-m", "macros.editor.cli", "sjekk", "--data", str(tmp_path / "data")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[0].startswith("data/fokusomrader.yml:1: filen mangler; den skal ligge i data/ – rett denne først")
    assert any(line.startswith("data/kommuneregister.yml:1: filen mangler; den skal ligge i data/") for line in result.stdout.splitlines())


# Was: «eksempel: yes» (or "true" in quotes) made the case an example to the model, which hides it,
# but a real case to the rules and the facts rules, which then skipped the 99xx rule (or refused a
# valid example: not in the register, claims without sources).
def test_example_flag_means_the_same_to_model_and_rules(data):
    example = GOOD.replace("Bodø", "Eksempelby").replace('"1804"', '"9902"') + "fokusomrade: helhetlig-oppvekst\n"
    assert problems(data, example + 'eksempel: "true"\n', "eksempelby.yml") == []
    (data / "kommuner" / "eksempelby.yml").unlink()
    assert problems(data, GOOD + "eksempel: yes\n") == [
        'data/kommuner/bodo.yml:2: kommunenummer: fant «1804» i et eksempel; eksempler må ha et fiktivt nummer som '
        'begynner med 99, f.eks. "9901"']


# Was: a tab inside a block of text (valid YAML) refused as «tabulator i innrykk».
# Since issue 22, only in block text: a title stands on one line.
def test_tab_inside_a_block_of_text_is_text(data):
    text = GOOD + ("erfaringer:\n  dette_fungerte:\n    - |\n      Linje\n      \tmed tabulator\n"
                   "kilder:\n  - {tittel: Kilde, url: https://example.org/}\n")
    assert problems(data, text) == []
    text = GOOD + "kilder:\n  - tittel: |\n      Linje\n      \tmed tabulator\n    url: https://example.org/\n"
    assert problems(data, text) == ["data/kommuner/bodo.yml:9: kilder[1].tittel: teksten har et linjeskift, men feltet "
                                    "skal stå på én linje; skriv det på én linje med mellomrom"]
    assert problems(data, GOOD + "kontakt:\n\trolle: rektor\n") == [
        "data/kommuner/bodo.yml:9: tabulator i innrykk; bruk mellomrom (to per nivå)"]


# Was: English for these YAML errors: «did not find expected alphabetic or numeric character»,
# «but found another document», «found unknown escape character».
def test_more_yaml_errors_in_norwegian(data):
    assert problems(data, GOOD + "kilder: *\n") == [
        "data/kommuner/bodo.yml:8: ugyldig YAML: et ugyldig navn etter & eller * (anker eller alias); sett teksten i "
        f"anførselstegn; {SJEKK}"]
    assert problems(data, GOOD + "---\nnavn: x\n") == [
        f"data/kommuner/bodo.yml:8: ugyldig YAML: filen har mer enn ett dokument (---); en datafil skal ha bare ett; "
        f"{SJEKK}"]
    assert problems(data, GOOD.replace("navn: Bodø", 'navn: "Bod\\ø"')) == [
        "data/kommuner/bodo.yml:1: ugyldig YAML: et ukjent tegn etter \\ i tekst i doble anførselstegn; skriv \\\\ for "
        f"\\, eller bruk enkle anførselstegn; {SJEKK}"]


# Was (found by the derandomized pass in CI): an empty document after «---» gave its root line 3 in
# a file of 2 lines; a message about it could name a line the editor does not have.
def test_empty_document_after_a_document_marker_stays_inside_the_file(data):
    src, problem = parse("\n---\n", "data/kommuner/bodo.yml")
    assert problem is None and src.data is None and src.lines == {(): 2}
    assert problems(data, "\n---\n") == [
        "data/kommuner/bodo.yml:1: filen skal bestå av felt som «navn: …», ikke en liste eller tekst"]


# Were (`make fuzz`, 1 Dec): PyYAML's English text inside the message, «YAML-feil (failed to decode
# base64 data: …)» and «YAML-feil (expected a scalar node, but found mapping)»; the fallback for a
# problem without a Norwegian text now gives a Norwegian hint only.
def test_tags_yaml_cannot_apply_are_explained_in_norwegian():
    tag = "datafilene bruker ikke tagger"
    for text in ("!!binary 0", "a: !!str {b: 1}\n", "a: !!timestamp 2021-02-30\n", "a: !!float .nan\n", "a: !!set {x}\n"):
        src, problem = parse(text, "data/x.yml")
        assert src is None and problem.line == 1 and tag in problem.message, (text, problem)


def test_an_unknown_yaml_problem_gives_no_english():
    from macros.core.yamlwords import yaml_problem

    assert yaml_problem("something PyYAML says that we have not seen") == "YAML kan ikke lese det som står her"


# Was (issue 22, once every data file was mutated): «kommuner[15].punkt[1]: Input should be a valid number
# (fant ingenting)» for a register point cut short; and the same English for a number in a generated file.
def test_a_number_that_is_not_one_is_explained_in_norwegian(data):
    path = data / "kommuneregister.yml"
    text = path.read_text(encoding="utf-8")
    first = re.search(r"punkt: \[(\d+\.\d+), ", text)
    path.write_text(text[:first.start(1)] + "x" + text[first.end(1):], encoding="utf-8")
    _, found = validate(data)
    assert [p.message for p in found if ".punkt[" in p.field] == ["fant «x»; skriv et tall, f.eks. 60.39"]
    text = path.read_text(encoding="utf-8")
    point = re.search(r"punkt: \[[^\]]*\]", text)
    path.write_text(text[:point.start()] + "punkt:" + text[point.end():], encoding="utf-8")
    _, found = validate(data)
    assert [p.message for p in found if p.field.endswith(".punkt")] == [
        "fant ingenting; her skal det stå en liste (linjer som begynner med «- »)"]
