"""The same report as PDF (WeasyPrint from an HTML rendering) and its tables as XLSX."""

from __future__ import annotations

import base64

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from noichinh.core import clock
from noichinh.core import xlsx as xlsx_text
from noichinh.core.formats import vn_long_date
from noichinh.reports.documents import drafts
from noichinh.reports.documents.report import ReportData, fmt_change, fmt_value
from noichinh.reports.models import SubmissionValue


def html(data: ReportData) -> str:
    meta = data.meta
    issued = meta.issued_on or clock.today()
    return render_to_string(
        "reports/report_pdf.html",
        {
            "data": data,
            "agg": data.agg,
            "meta": meta,
            "issued": issued,
            "place_date": vn_long_date(issued, meta.place),
            "tables": [(section, data.table_rows(rows)) for section, rows in data.agg.sections],
            "header": data.table_header(),
            "charts": [
                (caption, "data:image/png;base64," + base64.b64encode(png).decode())
                for caption, png in data.charts
            ],
            "parts": drafts.written_parts(data),
        },
    )


def pdf(data: ReportData) -> bytes:
    from weasyprint import HTML

    return HTML(string=html(data)).write_pdf()


_SAFE = str.maketrans({c: " " for c in "[]:*?/\\"})


def xlsx(data: ReportData) -> bytes:
    """One sheet per section, the submission status, and the entered figures by agency."""
    agg = data.agg
    wb = Workbook()
    wb.remove(wb.active)
    header = data.table_header() + ["Nguồn"]
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE3EA")
    for index, (section, rows) in enumerate(agg.sections, 1):
        ws = wb.create_sheet(f"{index}. {section.title}".translate(_SAFE)[:31])
        ws["A1"] = f"{section.title} — {agg.scope.label}, {agg.period.title}"
        ws["A1"].font = Font(bold=True, size=12)
        if data.meta is not None and data.meta.stamp:
            ws["A2"] = data.meta.stamp  # the audit checkpoint of an issued version
            ws["A2"].font = Font(italic=True, size=9)
        for col, text in enumerate(header, 1):
            cell = ws.cell(row=3, column=col, value=text)
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for r, (row, text_row) in enumerate(zip(rows, data.table_rows(rows), strict=True), 4):
            ind = row.indicator
            fmt = "0.0" if ind.is_percent else "#,##0"
            cells = [
                text_row[0],
                text_row[1],
                ind.unit,
                _number(row.value, row.available),
                _number(row.previous, row.available),
                fmt_change(row, row.change_previous),
                _number(row.last_year, row.available),
                fmt_change(row, row.change_last_year),
                "Sổ theo dõi" if ind.is_computed else "Cơ quan báo cáo",
            ]
            if data.single_comparison:
                del cells[4:6]
            for col, value in enumerate(cells, 1):
                cell = ws.cell(row=r, column=col, value=value)
                if isinstance(value, int | float) and col > 3:
                    cell.number_format = fmt
            if not row.available:
                ws.cell(row=r, column=4, value=fmt_value(row, None, False))
        widths = [5, 50, 12, 16, 16, 22, 16, 22, 16]
        if data.single_comparison:
            del widths[4:6]
        for col, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(col)].width = width

    ws = wb.create_sheet("Tình trạng nộp")
    for col, text in enumerate(["Cơ quan", "Trạng thái", "Số lần nhắc"], 1):
        ws.cell(row=1, column=col, value=text).font = bold
    for r, status in enumerate(agg.statuses, 2):
        ws.cell(row=r, column=1, value=status["agency"].name)
        ws.cell(row=r, column=2, value=status["status"])
        ws.cell(row=r, column=3, value=status["reminders"])
    ws.column_dimensions["A"].width = 50
    ws.column_dimensions["B"].width = 24

    ws = wb.create_sheet("Theo cơ quan")
    for col, text in enumerate(["Cơ quan", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị", "Số liệu"], 1):
        ws.cell(row=1, column=col, value=text).font = bold
    values = SubmissionValue.objects.filter(
        submission__period=agg.period, submission__status="approved"
    ).select_related("submission__agency", "indicator")
    if agg.scope.agency_ids is not None:
        values = values.filter(submission__agency_id__in=agg.scope.agency_ids)
    for r, v in enumerate(
        values.order_by(
            "submission__agency__name", "indicator__section__order", "indicator__order"
        ),
        2,
    ):
        ws.cell(row=r, column=1, value=v.submission.agency.name)
        ws.cell(row=r, column=2, value=v.indicator.code)
        ws.cell(row=r, column=3, value=v.indicator.name)
        ws.cell(row=r, column=4, value=v.indicator.unit)
        cell = ws.cell(row=r, column=5, value=_number(v.value, True))
        cell.number_format = "0.0" if v.indicator.is_percent else "#,##0"
    for col, width in enumerate([45, 30, 50, 12, 16], 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    return xlsx_text.to_bytes(wb)


def _number(value, available):
    if not available or value is None:
        return None
    return int(value) if float(value) == int(value) else float(value)
