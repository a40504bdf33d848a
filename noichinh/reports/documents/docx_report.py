"""The briefing report as an editable DOCX in the administrative format (legal.md §7)."""

from __future__ import annotations

import copy
import io

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from noichinh.core import clock, docx_format
from noichinh.reports.documents import drafts
from noichinh.reports.documents.report import ReportData

TABLE_PT = 11
# TT, indicator, unit, this period, previous, change, same period last year, change (mm)
WIDTHS = [9, 47, 15, 19, 19, 19, 19, 18]
# One comparison only (a year: the previous period is the same period last year).
WIDTHS_SINGLE = [9, 67, 15, 22, 22, 30]


def _widths(columns: int) -> list[int]:
    return WIDTHS_SINGLE if columns == len(WIDTHS_SINGLE) else WIDTHS


def _run(paragraph, text, *, size=14, bold=False, italic=False):
    run = paragraph.add_run(text)
    run.font.name = docx_format.FONT
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), docx_format.FONT)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    return run


def _heading(document, text, *, size=14):
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    p.paragraph_format.space_before = Pt(6)
    p.paragraph_format.space_after = Pt(3)
    p.paragraph_format.first_line_indent = Mm(10)
    _run(p, text, size=size, bold=True)
    return p


def _repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def _table_style(document):
    """A paragraph style for table text (Times New Roman 11 pt, no spacing): set once, so
    cells carry no per-run formatting (much faster, and editable in one place in Word)."""
    name = "Bảng số liệu"
    try:
        return document.styles[name]
    except KeyError:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.name = docx_format.FONT
        style.font.size = Pt(TABLE_PT)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.space_before = Pt(0)
        return style


def add_table(document, header: list[str], rows: list[list[str]], widths=WIDTHS):
    """The header and the first row are built cell by cell; every further row is a copy of
    a formatted template row with its texts set: python-docx building 10 tables cell by cell
    was ≈300 ms of the DOCX (issue 21)."""
    style_id = _table_style(document).style_id
    table = document.add_table(rows=2 if rows else 1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _format_row(table.rows[0], header, widths, style_id, header=True)
    if rows:
        template_row = table.rows[1]
        _format_row(template_row, ["0"] * len(header), widths, style_id, header=False)
        template = template_row._tr
        tbl = table._tbl
        tbl.remove(template)
        for values in rows:
            tr = copy.deepcopy(template)
            tbl.append(tr)
            for i, (run, text) in enumerate(zip(tr.iter(qn("w:r")), values, strict=True)):
                _set_text(run, text, italic=i == 1 and text.startswith("Trong đó"))
    for i, column in enumerate(table.columns):
        column.width = Mm(widths[i])  # the grid (w:gridCol) carries the real widths
    _repeat_header(table.rows[0])
    return table


def _format_row(row, values, widths, style_id, *, header: bool) -> None:
    centre, left, right = (
        WD_ALIGN_PARAGRAPH.CENTER,
        WD_ALIGN_PARAGRAPH.LEFT,
        WD_ALIGN_PARAGRAPH.RIGHT,
    )
    for i, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
        cell.width = Mm(widths[i])
        p = cell.paragraphs[0]
        p._p.get_or_add_pPr().style = style_id  # direct: the style look-up is slow
        p.alignment = centre if header or i in (0, 2) else left if i == 1 else right
        run = p.add_run(text)
        if header:
            run.bold = True


def _set_text(r, text: str, *, italic: bool) -> None:
    """The text of a copied run (its one w:t), as python-docx's add_run would write it."""
    from docx.text.run import Run

    t = r.find(qn("w:t"))
    if not text:
        r.remove(t)
    elif text != text.strip() or "\n" in text or "\t" in text:
        r.remove(t)
        Run(r, None).text = text
    else:
        t.text = text
    if italic:
        Run(r, None).italic = True


def _annex(document, data: ReportData) -> None:
    """The figure tables (and charts) as an annex after the signature, on a page of its own."""
    agg = data.agg
    p = document.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "PHỤ LỤC", bold=True)
    c = document.add_paragraph()
    c.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(
        c,
        f"Số liệu kết quả công tác {agg.scope.label} {agg.period.title_in_sentence}",
        bold=True,
    )
    c = document.add_paragraph()
    c.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(c, f"(Kèm theo Báo cáo số {data.meta.number or '…'})", size=13, italic=True)
    for number, (section, rows) in enumerate(agg.sections, 1):
        _heading(document, f"{number}. {section.title}").paragraph_format.keep_with_next = True
        header = data.table_header()
        add_table(document, header, data.table_rows(rows), widths=_widths(len(header)))
        if data.awards and section.pk == data.awards_section_id:
            docx_format.add_body(document, data.award_sentence())
    for caption, png in data.charts:
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(8)
        p.paragraph_format.keep_with_next = True
        p.add_run().add_picture(io.BytesIO(png), width=Mm(150))
        c = document.add_paragraph()
        c.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(c, caption, size=12, italic=True)


def build(data: ReportData) -> bytes:
    agg, meta = data.agg, data.meta
    document = docx_format.new_document(
        party=meta.party,
        issuer_lines=meta.issuer_lines,
        number=meta.number,
        place=meta.place,
        date=meta.issued_on or clock.today(),
        doc_type="Báo cáo",
        summary=data.title_summary,
    )
    period = agg.period
    if meta.correction:
        docx_format.add_body(document, meta.correction, bold=True, indent=False)
    docx_format.add_body(
        document,
        f"Thực hiện chế độ báo cáo định kỳ, {meta.issuer_short or 'cơ quan thường trực'} tổng hợp "
        f"kết quả công tác {agg.scope.label} {period.title_in_sentence} (số liệu từ ngày "
        f"{period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}; số liệu về tiếp công dân, "
        f"đơn thư, vụ án và nhiệm vụ được tính trực tiếp từ sổ theo dõi của hệ thống; so sánh "
        f"với {data.comparison_phrase}) như sau:",
    )
    for roman, title, text in drafts.written_parts(data):
        _heading(document, f"{roman}. {title}")
        docx_format.add_body(document, text)
    docx_format.add_body(
        document,
        "(Số liệu chi tiết tại Phụ lục kèm theo.)",
        italic=True,
    )
    missing = [s["agency"] for s in agg.statuses if not s["approved"]]
    if missing:
        docx_format.add_body(
            document,
            "Cơ quan chưa có số liệu được thủ trưởng duyệt trong kỳ (chưa tổng hợp): "
            + ", ".join(a.short_name or a.name for a in missing)
            + ".",
            italic=True,
        )
    docx_format.add_signature(
        document,
        recipients=meta.recipients,
        on_behalf="",
        title=meta.signer_title,
        name=meta.signer_name,
    )
    _annex(document, data)
    if meta.stamp:
        p = document.add_paragraph()
        p.paragraph_format.space_before = Pt(12)
        _run(p, meta.stamp, size=9, italic=True)
    return docx_format.to_bytes(document)
