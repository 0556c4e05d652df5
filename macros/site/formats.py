"""Writing text into a file format so that any accepted value comes out as that value: CSV cells
no spreadsheet reads as a formula, XML that is well-formed whatever the text holds. Per format,
never per field, so a field added to the model is covered by whatever export shows it (site/exports.py).
"""
from __future__ import annotations

import csv
import io
import re
from xml.etree import ElementTree as ET


# A spreadsheet reads a cell that begins with one of these as a formula (=HYPERLINK(…), @SUM(…),
# +1+1, -1+1): such a cell gets a leading apostrophe, which spreadsheets show as text (OWASP's
# advice against CSV injection). Explained to readers on /data/.
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value) -> str:
    """One cell as text: None is empty, a value that could start a formula gets a leading '."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(CSV_FORMULA_START) else text


def csv_document(columns: list[str], rows) -> str:
    """UTF-8 (no byte-order mark), comma-separated, header row, CRLF rows (RFC 4180); every cell
    through csv_cell(), whatever the column."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([csv_cell(c) for c in columns])
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    return buf.getvalue()


# Characters XML 1.0 cannot hold at all (C0 controls but tab and line breaks, U+FFFE, U+FFFF,
# lone surrogates), and those it holds only as discouraged (C1, which feed readers reject as not
# well-formed text); a carriage return would be read back as a line feed. The model refuses them
# all (core/textrules.py); this drops any that reach a feed anyway, in any element or attribute.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def xml_document(root: ET.Element) -> str:
    """An ElementTree as an XML document (indented, UTF-8 declared), every text, tail and attribute
    value through xml_text(): well-formed whatever the data holds."""
    for node in root.iter():
        if node.text:
            node.text = xml_text(node.text)
        if node.tail:
            node.tail = xml_text(node.tail)
        for key, value in node.attrib.items():
            node.attrib[key] = xml_text(value)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
