"""The XLSX template an agency fills for a period, and reading it back.

The template carries a hidden sheet "_mau" naming the period and the agency, so a file made
for another period or agency, or not made by the system at all, is refused. Reading is all
or nothing: every problem is listed with its cell.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter

from noichinh.core import xlsx
from noichinh.reports import validation

MARKER = "noichinh-bao-cao-dinh-ky"
VERSION = 1
DATA_SHEET = "Số liệu"
TEXT_SHEET = "Thuyết minh"
META_SHEET = "_mau"
FIRST_ROW = 5
VALUE_COL = 4
NARRATIVE = [
    ("results", "Kết quả nổi bật"),
    ("shortcomings", "Tồn tại, hạn chế"),
    ("proposals", "Đề xuất, kiến nghị"),
]


def build(*, period, agency, indicators, values=None, previous=None, narrative=None) -> bytes:
    values, previous, narrative = values or {}, previous or {}, narrative or {}
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    ws["A1"] = f"BÁO CÁO SỐ LIỆU {period.title.upper()} — {agency.name.upper()}"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = (
        f"Số liệu từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}. "
        "Chỉ nhập số vào cột “Số liệu kỳ này”; để trống nếu không có số liệu."
    )
    ws["A2"].font = Font(italic=True)
    headers = ["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Số liệu kỳ này", "Kỳ trước (tham khảo)"]
    for col, text in enumerate(headers, 1):
        cell = ws.cell(row=FIRST_ROW - 1, column=col, value=text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE3EA")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    fill = PatternFill("solid", fgColor="FFF7D6")
    for i, ind in enumerate(indicators):
        row = FIRST_ROW + i
        name = ind.name if ind.parent_id is None else f"   trong đó: {ind.name}"
        ws.cell(row=row, column=1, value=ind.code)
        ws.cell(row=row, column=2, value=name)
        ws.cell(row=row, column=3, value=ind.unit)
        cell = ws.cell(row=row, column=VALUE_COL, value=_plain(values.get(ind.code)))
        cell.protection = Protection(locked=False)
        cell.fill = fill
        cell.number_format = "0.0" if ind.is_percent else "#,##0"
        ws.cell(row=row, column=5, value=_plain(previous.get(ind.code)))
    for col, width in enumerate([30, 60, 14, 18, 20], 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.protection.sheet = True
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=1)

    text = wb.create_sheet(TEXT_SHEET)
    text["A1"], text["B1"] = "Nội dung", "Thuyết minh"
    for i, (key, label) in enumerate(NARRATIVE, 2):
        text.cell(row=i, column=1, value=label).font = Font(bold=True)
        cell = text.cell(row=i, column=2, value=narrative.get(key, ""))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    text.column_dimensions["A"].width = 22
    text.column_dimensions["B"].width = 100

    meta = wb.create_sheet(META_SHEET)
    for i, value in enumerate([MARKER, VERSION, period.pk, agency.code, period.title], 1):
        meta.cell(row=i, column=1, value=value)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    return xlsx.to_bytes(wb)


def _plain(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


@dataclass
class Parsed:
    values: dict = field(default_factory=dict)
    narrative: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    cells: dict = field(default_factory=dict)

    def cell_of(self, code: str) -> str:
        return self.cells.get(code, "")


def read(content: bytes, *, period, agency, indicators: dict) -> Parsed:
    out = Parsed()
    from noichinh.core.uploads import zip_bomb_message

    if message := zip_bomb_message(content):
        out.errors.append(message)
        return out
    try:
        wb = load_workbook(io.BytesIO(content), data_only=True, read_only=False)
    except Exception:
        out.errors.append("Tệp không phải bảng tính XLSX hợp lệ.")
        return out
    if META_SHEET not in wb.sheetnames or DATA_SHEET not in wb.sheetnames:
        out.errors.append(
            "Tệp không đúng mẫu của hệ thống: hãy tải mẫu XLSX của kỳ báo cáo và điền vào đó."
        )
        return out
    meta = wb[META_SHEET]
    marker, _version, period_id, agency_code = (
        meta.cell(row=i, column=1).value for i in range(1, 5)
    )
    if marker != MARKER:
        out.errors.append("Tệp không đúng mẫu của hệ thống (thiếu dấu hiệu nhận biết mẫu).")
        return out
    if str(period_id) != str(period.pk):
        out.errors.append(
            f"Mẫu này dành cho kỳ {meta.cell(row=5, column=1).value}, không phải {period.title}."
        )
    if agency_code != agency.code:
        out.errors.append(f"Mẫu này dành cho cơ quan khác (mã {agency_code}), không phải {agency}.")
    if out.errors:
        return out
    ws = wb[DATA_SHEET]
    seen = set()
    for row in range(FIRST_ROW, ws.max_row + 1):
        code = ws.cell(row=row, column=1).value
        raw = ws.cell(row=row, column=VALUE_COL).value
        address = f"{get_column_letter(VALUE_COL)}{row}"
        if code is None or str(code).strip() == "":
            if raw not in (None, ""):
                out.errors.append(f"Ô {address}: có số liệu nhưng không có mã chỉ tiêu ở cột A.")
            continue
        code = str(code).strip()
        if code not in indicators:
            out.errors.append(
                f"Dòng {row}: mã chỉ tiêu “{code}” không thuộc mẫu của cơ quan (mẫu cũ hoặc bị sửa)."
            )
            continue
        if code in seen:
            out.errors.append(f"Dòng {row}: mã chỉ tiêu “{code}” bị lặp.")
            continue
        seen.add(code)
        out.cells[code] = f"Ô {address}"
        try:
            out.values[code] = validation.parse_number(raw)
        except ValueError:
            out.errors.append(
                f"Ô {address}: “{indicators[code].name}” phải là số, không phải “{raw}”."
            )
    out.errors.extend(validation.check_values(indicators, out.values, where=out.cell_of))
    if TEXT_SHEET in wb.sheetnames:
        text = wb[TEXT_SHEET]
        for i, (key, _label) in enumerate(NARRATIVE, 2):
            value = text.cell(row=i, column=2).value
            out.narrative[key] = "" if value is None else str(value)
    return out
