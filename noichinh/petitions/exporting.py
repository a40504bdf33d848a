"""XLSX export of the reception book and petitions lists (Vietnamese headers and formats).

A denunciation's sender is never exported (it is sealed; the column reads "(bảo mật)").
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from noichinh.core import xlsx
from noichinh.core.formats import vn_date

DATE_FORMAT = "DD/MM/YYYY"
NUMBER_FORMAT = "#,##0"  # Excel shows the locale's separators (7.000 in a Vietnamese locale)


def _book(title, header, rows):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    bold = Font(bold=True)
    cells = []
    for h in header:
        c = xlsx.text_cell(ws, h)
        c.font = bold
        cells.append(c)
    ws.append(cells)
    for row in rows:
        out = []
        for value in row:
            c = xlsx.text_cell(ws, value)
            if hasattr(value, "year") and not isinstance(value, str):
                c.number_format = DATE_FORMAT
            elif isinstance(value, int) and not isinstance(value, bool):
                c.number_format = NUMBER_FORMAT
            out.append(c)
        ws.append(out)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def petitions_xlsx(qs) -> bytes:
    header = [
        "Số vào sổ",
        "Ngày nhận",
        "Cơ quan xử lý",
        "Nguồn đơn",
        "Người gửi",
        "Địa chỉ",
        "Loại đơn",
        "Lĩnh vực",
        "Trích yếu",
        "Nội dung",
        "Địa bàn",
        "Trạng thái",
        "Hướng xử lý",
        "Số văn bản",
        "Ngày văn bản",
        "Hạn tiếp theo",
        "Đông người",
        "Vượt cấp",
        "Trùng với đơn",
        "Kết quả",
        "Ngày giải quyết",
    ]

    def rows():
        for p in qs.iterator(chunk_size=2000):
            sealed = p.type == "denunciation"
            yield [
                p.receipt_no,
                p.received_on,
                str(p.agency),
                p.get_channel_display(),
                "(bảo mật)" if sealed else ("(nặc danh)" if p.is_anonymous else p.sender_name),
                "" if sealed else p.sender_address,
                p.get_type_display(),
                p.get_field_display(),
                p.summary,
                p.content,
                str(p.unit) if p.unit_id else "",
                p.get_state_display(),
                p.get_outcome_display() if p.outcome else "",
                p.outcome_doc_no,
                p.outcome_date,
                p.next_due,
                "Có" if p.is_mass else "",
                "Có" if p.is_over_level else "",
                p.duplicate_of.receipt_no if p.duplicate_of_id else "",
                p.get_result_display() if p.result else "",
                p.resolved_on,
            ]

    return _book("Sổ đơn", header, rows())


def visits_xlsx(qs) -> bytes:
    header = [
        "Ngày tiếp",
        "Cơ quan tiếp",
        "Hình thức",
        "Loại nội dung",
        "Số người",
        "Đoàn đông người",
        "Người đại diện",
        "Công dân",
        "Nội dung",
        "Địa bàn",
        "Kết quả tiếp",
        "Lý do / hướng dẫn",
    ]

    def rows():
        for v in qs.iterator(chunk_size=2000):
            sealed = v.petition_type == "denunciation"
            yield [
                v.visited_on,
                str(v.agency),
                v.get_kind_display(),
                v.get_petition_type_display(),
                v.people_count,
                "Có" if v.is_mass else "",
                v.representatives,
                "(bảo mật)" if sealed else v.visitor_name,
                v.content,
                str(v.unit) if v.unit_id else "",
                v.get_answer_display(),
                v.answer_reason,
            ]

    return _book("Sổ tiếp công dân", header, rows())


def filename(prefix: str, today) -> str:
    return f"{prefix}-{vn_date(today).replace('/', '-')}.xlsx"
