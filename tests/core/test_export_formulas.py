"""Every XLSX export writes what people typed as text, never as a live formula (issue 15 §7).

A summary ``=HYPERLINK("http://x","Xem hồ sơ")`` typed on the portal must open in Excel as
that text, not as a link; a number (a negative one too) stays a number.
"""

import datetime as dt
import io
import re
import zipfile

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from tests.petitions.factories import make_petition, make_visit

pytestmark = pytest.mark.django_db

PAYLOAD = '=HYPERLINK("http://x","Xem hồ sơ")'
OTHERS = ["+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"]
TODAY = dt.date(2026, 6, 1)


def _formulas(content: bytes) -> list[str]:
    """Every <f> element of every sheet: what Excel would evaluate."""
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        return [
            m
            for name in zf.namelist()
            if name.startswith("xl/worksheets/")
            for m in re.findall(r"<f[ >][^<]*", zf.read(name).decode())
        ]


def _cells(content: bytes):
    wb = load_workbook(io.BytesIO(content))
    return [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row]


def _assert_text(content: bytes, *values: str):
    assert _formulas(content) == []
    cells = _cells(content)
    for value in values:
        found = [c for c in cells if c.value == value]
        assert found, f"{value!r} missing from the export"
        for cell in found:
            assert cell.data_type == "s"
            assert cell.quotePrefix, f"{value!r} at {cell.coordinate} is not quote-prefixed"


def test_helper_neutralises_every_trigger_and_keeps_numbers():
    from openpyxl import Workbook

    from noichinh.core import xlsx

    wb = Workbook()
    ws = wb.active
    ws.append([PAYLOAD, *OTHERS, -5, 7000, 7.3, "Bình thường"])
    content = xlsx.to_bytes(wb)
    _assert_text(content, PAYLOAD, *OTHERS)
    ws = load_workbook(io.BytesIO(content)).active
    numbers = [ws.cell(row=1, column=c).value for c in (7, 8, 9)]
    assert numbers == [-5, 7000, 7.3]
    assert [ws.cell(row=1, column=c).data_type for c in (7, 8, 9)] == ["n", "n", "n"]
    plain = ws.cell(row=1, column=10)
    assert plain.value == "Bình thường" and not plain.quotePrefix


@time_machine.travel(TODAY)
def test_petitions_export_writes_a_formula_summary_as_text(client, users, agencies):
    make_petition(
        users["canbo"],
        agencies["TTT"],
        received_on=dt.date(2026, 5, 4),
        summary=PAYLOAD,
        content="-Nội dung bắt đầu bằng gạch",
        sender_name="@Người gửi",
    )
    client.force_login(users["canbo"])
    r = client.get(reverse("petitions:petition_list"), {"format": "xlsx"})
    assert r.status_code == 200
    _assert_text(r.content, PAYLOAD, "-Nội dung bắt đầu bằng gạch", "@Người gửi")
    dates = [c for c in _cells(r.content) if c.is_date]
    assert dates, "dates must stay dates"


@time_machine.travel(TODAY)
def test_reception_book_export_writes_formula_text_as_text(client, users, agencies):
    make_visit(
        users["canbo"],
        agencies["TTT"],
        visited_on=dt.date(2026, 5, 4),
        content=PAYLOAD,
        visitor_name="+84 Trần Thị Bình",
        people_count=3,
    )
    client.force_login(users["canbo"])
    r = client.get(reverse("petitions:visit_list"), {"format": "xlsx"})
    assert r.status_code == 200
    _assert_text(r.content, PAYLOAD, "+84 Trần Thị Bình")
    counts = [c for c in _cells(r.content) if c.value == 3]
    assert counts and counts[0].data_type == "n"
