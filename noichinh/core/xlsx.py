"""Writing XLSX exports so that what people typed stays text (no formula injection).

Text from citizens and officers (a summary, a name, a narrative) goes into exports, and
openpyxl stores a string that starts with "=" as a formula. OWASP's "CSV Injection" page
and ASVS 5.0 V1.2.10 say: when exporting to CSV or a spreadsheet format (XLS, XLSX, ODF), a
field that starts with "=", "+", "-", "@", a tab or a carriage return must be escaped with a
single quote. In XLSX the single quote is a cell attribute, not a character: Excel stores a
typed leading ' as ``quotePrefix="1"`` on a text cell and shows the text without it. So every
string cell is written as a text cell (``t="inlineStr"``, never ``<f>``), and one that starts
with a trigger also gets ``quotePrefix`` — the value itself is unchanged (an agency's
narrative read back from its template is what it typed). Numbers and dates stay numbers and
dates; a negative number is a number.

Every export goes through here: ``text_cell`` for write-only sheets, ``to_bytes`` (which
walks every cell of an ordinary workbook) for the others.
"""

from __future__ import annotations

import io

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def as_text(cell):
    """Make ``cell`` a text cell when its value is a string (quote-prefixed if needed)."""
    value = cell.value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True
    return cell


def text_cell(sheet, value):
    """A write-only cell holding ``value``; a string is always text, never a formula."""
    from openpyxl.cell import WriteOnlyCell

    return as_text(WriteOnlyCell(sheet, value=value))


def to_bytes(workbook) -> bytes:
    """Save an ordinary (not write-only) workbook after making every string cell text."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                as_text(cell)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
