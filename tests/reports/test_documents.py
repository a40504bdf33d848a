"""Structure of the briefing report (legal.md §7) and its PDF and XLSX twins."""

import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from noichinh.reports import selectors
from noichinh.reports.documents import docx_report, pdf_xlsx, report
from noichinh.reports.models import Period


@pytest.fixture
def data(demo_reports):
    period = Period.objects.get(kind="Q", year=2022, number=2)
    blocs = list(period.blocs.all())
    scope = selectors.scope_for_blocs(period, blocs)
    meta = report.ReportMeta(
        issuer=demo_reports["agencies"]["BNC"],
        number="45-BC/BNC",
        place="Hòa Sơn",
        issued_on=dt.date(2022, 7, 8),
        signer_title="Phó Trưởng Ban",
        signer_name="Nguyễn Văn An",
        recipients=report.default_recipients(scope.label),
    )
    return report.assemble(period, scope, meta)


def test_docx_has_the_party_header_number_place_and_date(data):
    doc = Document(io.BytesIO(docx_report.build(data)))
    header = doc.tables[0]
    left, right = header.cell(0, 0).text, header.cell(0, 1).text
    assert "TỈNH ỦY HÒA SƠN" in left and "BAN NỘI CHÍNH" in left
    assert "*" in left and "Số 45-BC/BNC" in left
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in right
    assert "Hòa Sơn, ngày 08 tháng" in right and "năm 2022" in right
    italic_runs = [r for p in header.cell(0, 1).paragraphs for r in p.runs if r.italic]
    assert any("Hòa Sơn" in r.text for r in italic_runs)
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts
    assert "Kết quả công tác khối Nội chính và khối Dân vận quý II/2022" in texts


def test_docx_page_is_a4_with_official_margins_and_times_new_roman(data):
    doc = Document(io.BytesIO(docx_report.build(data)))
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert 13 <= doc.styles["Normal"].font.size.pt <= 14
    fonts = {r.font.name for p in doc.paragraphs for r in p.runs if r.text.strip()}
    assert fonts <= {"Times New Roman", None}


def test_docx_tables_compare_with_previous_and_same_period(data):
    doc = Document(io.BytesIO(docx_report.build(data)))
    # header block first, then the signature block, then the annex's figure tables
    tables = [t for t in doc.tables if t.rows[0].cells[0].text == "TT"]
    assert doc.tables[1].cell(0, 0).text.startswith("Nơi nhận:")
    assert len(tables) == len(data.agg.sections)
    header = [c.text for c in tables[0].rows[0].cells]
    assert header == [
        "TT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Quý II/2022",
        "Quý I/2022",
        "Tăng (+), giảm (−) so kỳ trước",
        "Cùng kỳ Quý II/2021",
        "Tăng (+), giảm (−) so cùng kỳ",
    ]
    rows = {r.cells[1].text: [c.text for c in r.cells] for t in tables for r in t.rows}
    traffic = rows["Trường hợp vi phạm trật tự an toàn giao thông"]
    assert traffic[3] == "18.760" and traffic[4] == "—"
    fines = rows["Tiền xử phạt vi phạm hành chính"]
    assert fines[3] == "10,4 tỷ đồng"
    rate = rows["Tỷ lệ điều tra, khám phá"]
    assert rate[3] == "88,1%"
    assert rows["Trong đó: Vụ án tham nhũng, chức vụ khởi tố"][0] == ""


def test_docx_has_charts_narratives_and_signature(data):
    content = docx_report.build(data)
    doc = Document(io.BytesIO(content))
    assert len(doc.inline_shapes) == len(data.charts) >= 1
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ" in text
    assert "II. HẠN CHẾ, NGUYÊN NHÂN" in text and "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI" in text
    assert "IV. ĐỀ XUẤT, KIẾN NGHỊ" in text
    assert "Công an tỉnh: Tội phạm ma túy" in text
    # the figures are an annex after the signature
    assert text.index("PHỤ LỤC") > text.index("IV. ĐỀ XUẤT, KIẾN NGHỊ")
    signature = doc.tables[1]
    assert "Nơi nhận:" in signature.cell(0, 0).text
    assert "PHÓ TRƯỞNG BAN" in signature.cell(0, 1).text
    assert "Nguyễn Văn An" in signature.cell(0, 1).text
    recipients_run = signature.cell(0, 0).paragraphs[0].runs[0]
    assert recipients_run.bold and recipients_run.italic and recipients_run.font.size.pt == 12


def test_pdf_is_rendered(data):
    content = pdf_xlsx.pdf(data)
    assert content.startswith(b"%PDF")
    html = pdf_xlsx.html(data)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in html and "Số 45-BC/BNC" in html
    assert "18.760" in html


def test_every_table_is_in_the_xlsx(data):
    wb = load_workbook(io.BytesIO(pdf_xlsx.xlsx(data)))
    assert len(wb.sheetnames) == len(data.agg.sections) + 2
    assert "Tình trạng nộp" in wb.sheetnames and "Theo cơ quan" in wb.sheetnames
    found = [
        row
        for ws in wb.worksheets
        for row in ws.iter_rows(values_only=True)
        if row[1] == "Trường hợp vi phạm trật tự an toàn giao thông"
    ]
    assert found and found[0][3] == 18760


@pytest.mark.parametrize("fmt, status", [("docx", 200), ("xlsx", 200)])
def test_issued_document_downloads_for_the_secretariat_only(
    demo_reports, client, users, fmt, status, django_capture_on_commit_callbacks
):
    from noichinh.reports import services

    period = Period.objects.get(kind="Q", year=2022, number=2)
    with django_capture_on_commit_callbacks(execute=True):
        doc = services.report_issue(
            actor=users["thuky"],
            period=period,
            blocs=list(period.blocs.all()),
            number="12-BC/BNC",
            place="Hòa Sơn",
            issued_on=dt.date(2022, 7, 8),
            summary="Báo cáo quý II",
        )
    client.force_login(users["thuky"])
    assert client.get(f"/reports/documents/{doc.pk}/file.{fmt}").status_code == status
    client.force_login(users["canbo"])
    assert client.get(f"/reports/documents/{doc.pk}/file.{fmt}").status_code == 403


def test_table_rows_copied_from_a_template_row_read_as_built_cell_by_cell():
    """Issue 21: rows are copies of one formatted row; each still has its text, alignment,
    width, the italic "Trong đó" line, and empty cells stay empty."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    from noichinh.reports.documents import docx_report

    document = Document()
    header = ["TT", "Chỉ tiêu", "Đơn vị", "Kỳ này", "Kỳ trước", "So sánh"]
    rows = [
        ["1", "Số đơn đã nhận", "đơn", "7.000", "6.500", "107,7%"],
        ["", "Trong đó: đơn khiếu nại", "đơn", "3.000", "", "–"],
        ["2", "Số tiền thu hồi", "tỷ đồng", "7,3", "1,2", "608,3%"],
    ]
    widths = docx_report.WIDTHS_SINGLE
    table = docx_report.add_table(document, header, rows, widths=widths)
    assert len(table.rows) == 4
    for r, values in enumerate([header, *rows]):
        cells = table.rows[r].cells
        assert [c.text for c in cells] == values
        for i, cell in enumerate(cells):
            p = cell.paragraphs[0]
            expected = (
                WD_ALIGN_PARAGRAPH.CENTER
                if r == 0 or i in (0, 2)
                else WD_ALIGN_PARAGRAPH.LEFT
                if i == 1
                else WD_ALIGN_PARAGRAPH.RIGHT
            )
            assert p.alignment == expected
            assert abs(cell.width - Mm(widths[i])) < Mm(0.1)  # stored in twips
            runs = p.runs
            if values[i]:
                (run,) = runs
                assert bool(run.bold) == (r == 0)
                assert bool(run.italic) == (r == 2 and i == 1)
            else:
                assert runs == [] or all(run.text == "" for run in runs)
