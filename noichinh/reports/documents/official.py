"""An official statistical form (``reports.official_forms``) as XLSX, DOCX and PDF.

The layout is the form's: the form number top right ("Biểu số 01/TCD"), its title, the
period ("Số liệu tính từ ngày … đến ngày …"), the legal source, the merged column headings,
the row of column numbers with the form's own formulas ("1=2+3+...+7"), one row per unit and
the "Tổng số" row; a cell the registers cannot know says "chưa có nguồn". Below: the result
of the form's checks.
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string

from noichinh.core import xlsx as xlsx_text
from noichinh.core.formats import vn_date
from noichinh.reports.official_forms import NO_SOURCE, Computed, cell_text, cell_url


def period_line(c: Computed) -> str:
    return f"Số liệu tính từ ngày {vn_date(c.start)} đến ngày {vn_date(c.end)}"


# The line under the period on the form, filled by hand when the report is numbered.
ATTACHED_TO = "(Kèm theo báo cáo số …… ngày …… tháng …… năm …… của ……)"


def number_cells(c: Computed) -> list[str]:
    return ["MS"] + [col.note or str(col.number) for col in c.form.leaves()]


def check_lines(c: Computed) -> list[str]:
    words = {
        "ok": "khớp",
        "failed": "KHÔNG KHỚP",
        "unchecked": "không kiểm tra được (chưa có nguồn)",
    }
    out = []
    for result in c.checks:
        line = f"{result.label}: {words[result.status]}"
        if result.failures:
            line += " — " + "; ".join(result.failures)
        out.append(line)
    return out


def xlsx(c: Computed) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    form = c.form
    leaves = form.leaves()
    width = 1 + len(leaves)
    wb = Workbook()
    ws = wb.active
    ws.title = form.code.replace("/", "-")
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    last = get_column_letter(width)

    def line(row, text, *, bold=False, italic=False, align="center"):
        ws.merge_cells(f"A{row}:{last}{row}")
        cell = ws.cell(row=row, column=1, value=text)
        cell.font = Font(bold=bold, italic=italic, size=12 if bold else 11)
        cell.alignment = Alignment(horizontal=align, wrap_text=True)

    ws.cell(row=1, column=width, value=f"Biểu số {form.code}").font = Font(bold=True)
    ws.cell(row=1, column=width).alignment = Alignment(horizontal="right")
    line(2, form.title, bold=True)
    line(3, period_line(c), italic=True)
    line(4, ATTACHED_TO, italic=True)
    line(5, f"Đơn vị báo cáo: {c.scope_label}", italic=True)
    line(6, f"(Ban hành kèm theo {form.legal_source})", italic=True)
    top = 8
    depth = form.depth()
    for row, col, rspan, cspan, text in form.header_cells():
        r, k = top + row, 1 + col
        cell = ws.cell(row=r, column=k, value=text)
        if rspan > 1 or cspan > 1:
            ws.merge_cells(
                start_row=r, start_column=k, end_row=r + rspan - 1, end_column=k + cspan - 1
            )
        cell.font = Font(bold=True)
        cell.alignment = centre
    numbers = top + depth
    for k, text in enumerate(number_cells(c), 1):
        cell = ws.cell(row=numbers, column=k, value=text)
        cell.font = Font(italic=True)
        cell.alignment = centre
    r = numbers + 1
    for row in c.rows:
        ws.cell(row=r, column=1, value=row.label).font = Font(bold=row.is_total)
        for k, col in enumerate(leaves, 2):
            value = row.values[col.number]
            cell = ws.cell(row=r, column=k, value=NO_SOURCE if value is None else value)
            cell.alignment = Alignment(horizontal="right" if value is not None else "center")
            cell.number_format = "#,##0"
            if row.is_total:
                cell.font = Font(bold=True)
        r += 1
    for row_cells in ws.iter_rows(min_row=top, max_row=r - 1, max_col=width):
        for cell in row_cells:
            cell.border = border
    ws.column_dimensions["A"].width = 34
    for k in range(2, width + 1):
        ws.column_dimensions[get_column_letter(k)].width = 9
    r += 1
    ws.cell(row=r, column=1, value="Kiểm tra các tổng của biểu:").font = Font(bold=True)
    for text in check_lines(c):
        r += 1
        ws.cell(row=r, column=1, value=text)
    if form.unverified:
        r += 1
        ws.cell(row=r, column=1, value=f"Ghi chú: {form.unverified}").font = Font(italic=True)
    return xlsx_text.to_bytes(wb)


def html(c: Computed) -> str:
    return render_to_string("reports/official_form_pdf.html", table_context(c))


def table_context(c: Computed) -> dict:
    """Header rows (cells with spans), the numbers row and the body, for HTML and DOCX."""
    depth = c.form.depth()
    header_rows: list[list[tuple[int, int, str]]] = [[] for _ in range(depth)]
    for row, _col, rspan, cspan, text in c.form.header_cells():
        header_rows[row].append((rspan, cspan, text))
    leaves = c.form.leaves()
    body = [
        (row, [(cell_text(row.values[col.number]), cell_url(c, row, col)) for col in leaves])
        for row in c.rows
    ]
    return {
        "c": c,
        "form": c.form,
        "period_line": period_line(c),
        "attached_to": ATTACHED_TO,
        "header_rows": header_rows,
        "numbers": number_cells(c),
        "body": body,
        "check_lines": check_lines(c),
    }


def pdf(c: Computed) -> bytes:
    from weasyprint import HTML

    return HTML(string=html(c)).write_pdf()


def docx(c: Computed) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from noichinh.core import docx_format

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(12))
    style = document.styles["Normal"]
    style.font.name = docx_format.FONT
    style.font.size = Pt(9)

    def para(text, *, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=11):
        p = document.add_paragraph()
        p.alignment = align
        run = p.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
        return p

    form = c.form
    para(f"Biểu số {form.code}", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(form.title, bold=True, size=13)
    para(period_line(c), italic=True)
    para(ATTACHED_TO, italic=True)
    para(f"Đơn vị báo cáo: {c.scope_label}", italic=True)
    para(f"(Ban hành kèm theo {form.legal_source})", italic=True, size=9)
    leaves = form.leaves()
    depth = form.depth()
    table = document.add_table(rows=depth + 1 + len(c.rows), cols=1 + len(leaves))
    table.style = "Table Grid"
    for row, col, rspan, cspan, text in form.header_cells():
        cell = table.cell(row, col)
        if rspan > 1 or cspan > 1:
            cell = cell.merge(table.cell(row + rspan - 1, col + cspan - 1))
        cell.text = text
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in p.runs:
                run.bold = True
    for k, text in enumerate(number_cells(c)):
        table.cell(depth, k).text = text
    for i, row in enumerate(c.rows):
        cells = table.rows[depth + 1 + i].cells
        cells[0].text = row.label
        for k, col in enumerate(leaves, 1):
            cells[k].text = cell_text(row.values[col.number])
            cells[k].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if row.is_total:
            for cell in cells:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    para("Kiểm tra các tổng của biểu:", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, size=10)
    for text in check_lines(c):
        para(text, align=WD_ALIGN_PARAGRAPH.LEFT, size=10)
    if form.unverified:
        para(f"Ghi chú: {form.unverified}", italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, size=9)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
