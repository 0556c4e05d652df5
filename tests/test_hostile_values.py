"""Hostile values (issue 22, items 1 and 2): what no output can carry is refused by `sjekk` with file,
line and field; what is allowed is escaped by each output for its own format; the accessibility
statement shows its values as text.

HOSTILE_TRIED counts the inputs tried here (the report's tally).
"""
from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest
import yaml

from macros.core.catalog import validate
from macros.site import calendar, exports, opendata
from macros.site.statement import statement_markdown

from .conftest import ROOT, copy_fixture_data

CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x0d", "\x1b", "\x1f", "\x7f", "\x80", "\x85", "\x9f",
            "\u2028", "\u2029", "\ufffe", "\uffff"]
FORMULAS = ['=HYPERLINK("https://example.org/x","klikk")', "@SUM(1+1)", "+1+1", "-1+1@A1", "=1+1",
            "\tTAB", "=cmd|' /C calc'!A0"]


def _yaml_escape(ch: str) -> str:
    return f"\\u{ord(ch):04x}"


def _write_case(data: Path, extra: str) -> None:
    path = data / "kommuner" / "bodo.yml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


# --- 2. The model refuses what no output can carry ----------------------------------------------

FIELDS = [  # (YAML added to bodo.yml, the field the message names, its line in the file)
    ('utviklingsprosjekt:\n  tittel: "Pro{c}sjekt"\n  sammendrag: Tekst.\n', "utviklingsprosjekt.tittel", 15),
    ('utviklingsprosjekt:\n  tittel: Prosjekt\n  sammendrag: "Tek{c}st"\n', "utviklingsprosjekt.sammendrag", 16),
    ('partnere:\n  - {{navn: "Lag{c}et", type: frivillighet}}\n', "partnere[1].navn", 15),
    ('erfaringer:\n  dette_fungerte:\n    - "Godt{c}"\n', "erfaringer.dette_fungerte[1]", 16),
]


@pytest.mark.parametrize("ch", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("extra,field,line", FIELDS, ids=[f[1] for f in FIELDS])
def test_control_characters_are_refused_with_file_line_and_field(data, ch, extra, field, line):
    _write_case(data, extra.format(c=_yaml_escape(ch)))
    _, problems = validate(data)
    ours = [p for p in problems if "usynlig" in p.message]
    assert [(p.file, p.line, p.field) for p in ours] == [("data/kommuner/bodo.yml", line, field)], problems
    code = f"U+{ord(ch):04X}"
    assert code in ours[0].message and "slett det" in ours[0].message


@pytest.mark.parametrize("where,text", [
    ("samlinger.yml", '- id: x\n  type: verksted\n  tittel: "Sam\\u0001ling"\n  dato: 2022-01-01\n'),
    ("tilgjengelighet.yml", None),
])
def test_control_characters_are_refused_in_every_data_file(data, where, text):
    path = data / where
    if text is None:
        text = path.read_text(encoding="utf-8").replace("svartid: Vi svarer så snart vi kan.",
                                                       'svartid: "Vi svarer\\u2028så snart vi kan."')
    else:
        text = path.read_text(encoding="utf-8") + text
    path.write_text(text, encoding="utf-8")
    _, problems = validate(data)
    assert [p.file for p in problems if "usynlig" in p.message] == [f"data/{where}"]


def test_tab_and_line_break_only_in_block_text(data):
    _write_case(data, 'utviklingsprosjekt:\n  tittel: "Linje\\nto"\n  sammendrag: "Linje\\nto\\tmed tab"\n')
    _, problems = validate(data)
    assert [(p.field, p.message.split(",")[0]) for p in problems] == [
        ("utviklingsprosjekt.tittel", "teksten har et linjeskift")]


def test_binary_and_other_tags_are_refused_by_sjekk(data):
    path = data / "kommuner" / "bodo.yml"
    for tag in ("!!binary aGVp", "!!float 1.5", "!!set {a}", "!!omap [a: 1]", "!lokal x", "!!python/name:os.system"):
        path.write_text(path.read_text(encoding="utf-8").replace("rolle: kulturskolerektor", f"rolle: {tag}"),
                        encoding="utf-8")
        _, problems = validate(data)
        assert [(p.line, p.field) for p in problems] == [(10, "kontakt.rolle")], (tag, problems)
        assert "datafilene bruker ikke tagger" in problems[0].message
        path.write_text(path.read_text(encoding="utf-8").replace(f"rolle: {tag}", "rolle: kulturskolerektor"),
                        encoding="utf-8")


# --- 2. Every export escapes for its format ---------------------------------------------------------

@pytest.fixture
def hostile_catalog(data):
    """The fixture data with formula starts and markup in every kind of text the CSV shows."""
    path = data / "kommuner" / "sunnfjord.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("tittel: Testprosjekt i Sunnfjord", f"tittel: {yaml.safe_dump(FORMULAS[0]).split(chr(10))[0]}")
    text = text.replace("{navn: Testlaget, type: frivillighet}", '{navn: "@SUM(1+1)", type: frivillighet}')
    path.write_text(text, encoding="utf-8")
    bodo = data / "kommuner" / "bodo.yml"
    bodo.write_text(bodo.read_text(encoding="utf-8").replace(
        "kontakt:\n  rolle: kulturskolerektor\n",
        "kontakt:\n  rolle: \"+1+1\"\n  navn: \"-1+1@A1\"\n  epost: \"=1+1@example.org\"\n  samtykke: true\n"),
        encoding="utf-8")
    cat, problems = validate(data)
    assert problems == [], problems  # legal text: sjekk accepts it, so the exports must carry it safely
    return cat


def test_csv_cells_that_could_start_a_formula_get_an_apostrophe(hostile_catalog):
    text = exports.kommuner_csv(hostile_catalog)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(exports.CSV_FORMULA_START)]
    for value in (FORMULAS[0], "@SUM(1+1)", "+1+1", "-1+1@A1", "=1+1@example.org"):
        assert "'" + value in cells or any(("'" + value) in c for c in cells), value
    # The reader can take the apostrophe away: the rest is the value as written.
    header = rows[0]
    bodo = dict(zip(header, next(r for r in rows if r[0] == "bodo")))
    assert (bodo["kontakt_rolle"], bodo["kontakt_navn"], bodo["kontakt_epost"]) == ("'+1+1", "'-1+1@A1", "'=1+1@example.org")


@pytest.mark.parametrize("value", FORMULAS + ["\r=1", "\n=1", "vanlig", "", None, "2021-04-22", "-", "1-1"])
def test_csv_cell(value):
    cell = exports.csv_cell(value)
    assert not cell.startswith(exports.CSV_FORMULA_START)
    assert cell.removeprefix("'") == ("" if value is None else value)


def test_the_data_page_explains_the_apostrophe(hostile_catalog):
    page = opendata.data_page(hostile_catalog, [])
    assert "har fått en apostrof ' foran seg" in page and "=HYPERLINK" in page


def test_feed_and_calendar_are_well_formed_with_markup_in_the_data(hostile_catalog):
    feed = exports.atom_feed(hostile_catalog)
    ET.fromstring(feed.encode("utf-8"))
    assert "=HYPERLINK(&quot;" in feed or '=HYPERLINK("' in feed


@pytest.mark.parametrize("ch", CONTROLS + ["\ud800", "\ufffe", "\uffff"], ids=lambda c: f"U+{ord(c):04X}")
def test_xml_and_ics_writers_drop_what_their_format_cannot_hold(ch):
    """Defence in depth behind the model: any value, in any element or attribute, in any feed."""
    root = ET.Element("feed", {"a": f"x{ch}y"})
    ET.SubElement(root, "title").text = f"Tit{ch}tel ]]> & <b>"
    text = exports.xml_document(root)
    parsed = ET.fromstring(text.encode("utf-8", "surrogatepass"))
    assert parsed.find("title").text.startswith("Tit") and "]]> & <b>" in parsed.find("title").text
    line = calendar.ics_fold("SUMMARY:" + calendar.ics_escape(f"Sam{ch}ling; a, b\\c"))
    assert not re.search(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]", line.replace("\r\n ", ""))
    assert line.replace("\r\n ", "").startswith("SUMMARY:Sam") and line.endswith("ling\\; a\\, b\\\\c")


# --- 1. The statement's values are text -----------------------------------------------------------

INJECTIONS = ["{: autofocus onfocus=alert(1) }", "[lenke](javascript:alert(1))", "![bilde](https://example.org/x.png)",
              "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "!!! danger\n    tekst",
              "??? note\n    tekst", "```\nkode\n```", "| a | b |\n|---|---|\n| c | d |", "# Overskrift",
              "1. punkt", "- punkt", "*uthevet* og _ikke_", "&lt;kodet&gt;", "{{ config }}", "\\*escaped\\*",
              "<https://example.org/>", "[x]: javascript:alert(1)\n\n[x]"]


def _site_markdown(text: str) -> str:
    """Markdown with the site's own extensions (mkdocs.yml), as MkDocs renders the statement page."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    extensions, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, {}))
        extensions.append(name)
        configs[name] = {k: v == "true" if v in ("true", "false") else v for k, v in (options or {}).items()}
    return markdown.markdown(text, extensions=extensions, extension_configs=configs)


def _statement_html(tmp_path: Path, value: str) -> str:
    data = tmp_path / "data"
    if not data.exists():
        copy_fixture_data(tmp_path)
    src = (ROOT / "tests" / "fixtures" / "data" / "tilgjengelighet.yml").read_text(encoding="utf-8")
    quoted = yaml.safe_dump(value, allow_unicode=True, default_style='"', width=10**6).strip()
    extra = (f"avvik:\n  - krav: {quoted}\n    beskrivelse: {quoted}\n    plan: {quoted}\n"
             f"ikke_kontrollert: [{quoted}]\nunntak: [{quoted}]\n"
             f"wcag22:\n  - krav: {quoted}\n    resultat: oppfylt\n    vurdering: {quoted}\n")
    (data / "tilgjengelighet.yml").write_text(src + extra, encoding="utf-8")
    return _site_markdown(statement_markdown(data))


def _tags(html: str) -> list[str]:
    return [re.sub(r'\s+id="[^"]*"', "", tag) for tag in re.findall(r"<[^>]+>", html)]


@pytest.mark.parametrize("value", INJECTIONS)
def test_statement_values_stay_text(tmp_path, value):
    """The page's tags are the same whatever the values say (the same text with every visible
    character an «x» gives the same tags), and the reader sees the value as written."""
    html = _statement_html(tmp_path, value)
    plain = _statement_html(tmp_path, re.sub(r"\S", "x", value))
    assert _tags(html) == _tags(plain)
    assert 'href="javascript' not in html and "onfocus=" not in "".join(_tags(html))
    import html as htmllib
    shown = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split())
    for paragraph in re.split(r"\n\s*\n", value):
        assert " ".join(paragraph.split()) in shown, paragraph
