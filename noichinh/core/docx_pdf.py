"""A PDF of a generated DOCX notice (paragraphs, alignment, bold/italic, tables), for signing:
the notices are built as DOCX (core/docx_format.py) and a signature needs a PDF. WeasyPrint
lays it out in Times New Roman (Liberation Serif) at the notice's sizes."""

import html
import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

_ALIGN = {
    WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.RIGHT: "right",
    WD_ALIGN_PARAGRAPH.JUSTIFY: "justify",
}

_CSS = """
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 14pt; }
p { margin: 0 0 4pt 0; line-height: 1.25; }
table { width: 100%; border-collapse: collapse; margin: 0 0 6pt 0; }
td { vertical-align: top; padding: 0 4pt; }
"""


def _runs(paragraph) -> str:
    out = []
    for run in paragraph.runs:
        text = html.escape(run.text)
        if not text:
            continue
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        if run.font.size:
            text = f'<span style="font-size:{run.font.size.pt:g}pt">{text}</span>'
        out.append(text)
    return "".join(out) or "&nbsp;"


def _paragraph(paragraph) -> str:
    align = _ALIGN.get(paragraph.alignment, "left")
    return f'<p style="text-align:{align}">{_runs(paragraph)}</p>'


def _table(table) -> str:
    rows = []
    for row in table.rows:
        cells = "".join(
            "<td>" + "".join(_paragraph(p) for p in cell.paragraphs) + "</td>" for cell in row.cells
        )
        rows.append(f"<tr>{cells}</tr>")
    return "<table>" + "".join(rows) + "</table>"


def docx_to_pdf(content: bytes) -> bytes:
    import weasyprint

    doc = Document(io.BytesIO(content))
    parts = []
    body = doc.element.body
    paragraphs = {p._p: p for p in doc.paragraphs}
    tables = {t._tbl: t for t in doc.tables}
    for child in body.iterchildren():
        if child in paragraphs:
            parts.append(_paragraph(paragraphs[child]))
        elif child in tables:
            parts.append(_table(tables[child]))
    page = f"<html><head><meta charset='utf-8'><style>{_CSS}</style></head><body>{''.join(parts)}</body></html>"
    return weasyprint.HTML(string=page).write_pdf()
