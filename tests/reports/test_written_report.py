"""Issue 17 §2: a report an officer would sign — page numbers, a signer block that never
falls alone onto a page, a signer title of several lines, tables whose grid carries the
real column widths (checked in LibreOffice where it is installed)."""

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from noichinh.reports import selectors
from noichinh.reports.documents import docx_report, report
from noichinh.reports.models import Period


@pytest.fixture
def data(demo_reports):
    period = Period.objects.get(kind="Q", year=2022, number=2)
    scope = selectors.scope_for_blocs(period, list(period.blocs.all()))
    meta = report.ReportMeta(
        issuer=demo_reports["agencies"]["BNC"],
        number="45-BC/BNC",
        place="Hòa Sơn",
        issued_on=dt.date(2022, 7, 8),
        signer_title="K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC",
        signer_name="Nguyễn Văn An",
        recipients=["Thường trực Tỉnh ủy (để báo cáo)", "Lưu VP"],
    )
    return report.assemble(period, scope, meta, with_charts=False)


@pytest.fixture
def docx_bytes(data):
    return docx_report.build(data)


def _figure_tables(doc):
    return [t for t in doc.tables if t.rows[0].cells[0].text == "TT"]


def test_pages_are_numbered_with_a_page_field(docx_bytes):
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        headers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/header")]
    assert any("PAGE" in h and "fldChar" in h for h in headers)


def test_signer_title_has_several_lines_and_keeps_with_the_text(docx_bytes):
    doc = Document(io.BytesIO(docx_bytes))
    sign = next(t for t in doc.tables if t.cell(0, 0).text.startswith("Nơi nhận:"))
    right = sign.rows[0].cells[1]
    lines = [p.text for p in right.paragraphs if p.text]
    assert lines[:2] == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"]
    assert lines[-1] == "Nguyễn Văn An"
    # The row never splits, every paragraph of the block but the last keeps with the next,
    # and the last paragraph of the text before it keeps with the block.
    assert sign.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert all(p.paragraph_format.keep_with_next for p in right.paragraphs[:-1])
    body = doc.element.body
    before = sign._tbl.getprevious()
    assert before.tag == qn("w:p")
    assert before.find(qn("w:pPr")).find(qn("w:keepNext")) is not None
    assert body.index(sign._tbl) > 0


def test_table_grid_carries_the_real_column_widths(docx_bytes):
    doc = Document(io.BytesIO(docx_bytes))
    table = _figure_tables(doc)[0]
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    expected = [Mm(w).twips for w in docx_report.WIDTHS]
    assert grid == expected
    assert grid[1] > 2 * grid[3]  # "Chỉ tiêu" is the wide column


def test_libreoffice_lays_out_the_indicator_column_wide(docx_bytes, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed on this machine")
    source = tmp_path / "report.docx"
    source.write_bytes(docx_bytes)
    subprocess.run(
        [
            soffice,
            # A profile of its own: another LibreOffice running would otherwise take the call.
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        timeout=180,
        capture_output=True,
    )
    with zipfile.ZipFile(tmp_path / "report.odt") as z:
        content = z.read("content.xml").decode()
    mm = {"cm": 10.0, "mm": 1.0, "in": 25.4, "pt": 25.4 / 72}
    widths = [
        float(value) * mm[unit]
        for value, unit in re.findall(r'style:column-width="([\d.]+)(cm|mm|in|pt)"', content)
    ]
    # LibreOffice keeps the figure tables' grid (it lists one column style per distinct
    # width): STT, "Chỉ tiêu", "Đơn vị" come out 0,9 / 4,7 / 1,5 cm, "Chỉ tiêu" not squeezed to 2.
    first = docx_report.WIDTHS[:3]
    runs = [widths[i : i + 3] for i in range(len(widths) - 2)]
    assert any(
        all(got == pytest.approx(want, abs=1) for got, want in zip(run, first, strict=True))
        for run in runs
    ), " ".join(f"{w:.1f}" for w in widths)


def test_draft_parts_read_as_sentences(data):
    from noichinh.reports.documents import drafts

    data.narratives = selectors.narratives(data.agg.period, data.agg.scope)
    results = drafts.results(data).splitlines()
    crime = results.index("4. Phòng ngừa, đấu tranh tội phạm; an ninh, trật tự")
    assert results[0] == "1. Công tác tiếp công dân"  # parts without figures are skipped
    assert results[crime + 1].startswith("Trong quý, phát hiện 167 vụ phạm tội; bắt, xử lý 248")
    assert any(line.startswith("- Công an tỉnh: Tình hình an ninh chính trị") for line in results)
    limitations = drafts.limitations(data)
    assert "- Công an tỉnh: Tội phạm ma túy, tín dụng đen còn diễn biến phức tạp." in limitations
    assert "Cơ quan chưa gửi số liệu được duyệt đúng hạn: Ban Nội chính" in limitations


def test_draft_compares_like_with_like(data):
    from noichinh.reports.documents import drafts

    row = data.agg.row("crimes.detected")
    row.coverage, row.last_year = None, 150
    assert drafts._figure(row) + drafts._compared(row, data) == (
        "phát hiện 167 vụ phạm tội, tăng 11,3% so với cùng kỳ"
    )
    row.last_year = 200
    assert drafts._compared(row, data) == ", giảm 16,5% so với cùng kỳ"
    # a figure that counts only some of the agencies is not compared
    row.coverage = (2, 9)
    assert drafts._compared(row, data) == ""


def test_secretariat_writes_the_parts_in_the_page_and_the_issued_document_has_them(
    demo_reports, users, client, django_capture_on_commit_callbacks
):
    from noichinh.reports.models import ReportDocument

    period = Period.objects.get(kind="Q", year=2022, number=2)
    client.force_login(users["thuky"])
    page = client.get(f"/reports/periods/{period.pk}/report/")
    form = page.context["form"]
    # pre-filled with a readable draft from the figures and the agencies' texts
    assert "Trong quý, phát hiện 167 vụ phạm tội" in form.initial["results_text"]
    assert "Tội phạm ma túy" in form.initial["limitations_text"]
    assert "Thường trực Tỉnh ủy (để báo cáo)" in form.initial["recipients"]
    html = page.content.decode()
    assert 'name="results_text"' in html and 'name="directions_text"' in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/reports/periods/{period.pk}/report/",
            {
                "number": "126-BC/BNCTU",
                "place": "Hòa Sơn",
                "issued_on": "08/07/2022",
                "summary": "Kết quả công tác quý II/2022",
                "results_text": "Tình hình an ninh chính trị ổn định; các cơ quan phối hợp chặt.",
                "limitations_text": "Còn chậm gửi báo cáo; nguyên nhân: thiếu cán bộ.",
                "directions_text": "Tập trung giải quyết dứt điểm các vụ việc tồn đọng.",
                "recipients": "Thường trực Tỉnh ủy (để báo cáo)\n- Lưu VP",
                "signer_title": "K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC",
                "signer_name": "Nguyễn Văn An",
            },
        )
    assert response.status_code == 302
    doc = ReportDocument.objects.get(number="126-BC/BNCTU")
    assert doc.signer_title == "K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC"
    content = client.get(f"/reports/documents/{doc.pk}/file.docx").content
    issued = Document(io.BytesIO(content))
    text = "\n".join(p.text for p in issued.paragraphs)
    assert "Tình hình an ninh chính trị ổn định; các cơ quan phối hợp chặt." in text
    assert "Còn chậm gửi báo cáo; nguyên nhân: thiếu cán bộ." in text
    assert "Tập trung giải quyết dứt điểm các vụ việc tồn đọng." in text
    sign = next(t for t in issued.tables if t.cell(0, 0).text.startswith("Nơi nhận:"))
    assert "- Lưu VP" in sign.cell(0, 0).text and "- - Lưu VP" not in sign.cell(0, 0).text
    assert "PHÓ TRƯỞNG BAN THƯỜNG TRỰC" in sign.cell(0, 1).text


def test_who_may_not_issue_sees_no_draft_form(demo_reports, users, client):
    period = Period.objects.get(kind="Q", year=2022, number=2)
    client.force_login(users["lanhdao"])
    page = client.get(f"/reports/periods/{period.pk}/report/")
    assert page.status_code == 200
    assert 'name="results_text"' not in page.content.decode()
    client.force_login(users["canbo"])
    assert client.get(f"/reports/periods/{period.pk}/report/").status_code == 403


def test_direction_part_from_the_last_conference_and_the_open_tasks(data, demo_reports):
    from noichinh.briefings.models import ConclusionNotice, Conference, Task
    from noichinh.reports.documents import drafts

    agencies, blocs = demo_reports["agencies"], demo_reports["blocs"]
    older = Conference.objects.create(
        title="Hội nghị giao ban quý IV/2021", date=dt.date(2022, 1, 10)
    )
    older.blocs.add(blocs["NOI_CHINH"])
    ConclusionNotice.objects.create(
        conference=older, issued_on=dt.date(2022, 1, 12), title="Kết luận", body="Việc cũ."
    )
    last = Conference.objects.create(
        title="Hội nghị giao ban khối Nội chính quý I/2022", date=dt.date(2022, 4, 8)
    )
    last.blocs.add(blocs["NOI_CHINH"])
    ConclusionNotice.objects.create(
        conference=last,
        issued_on=dt.date(2022, 4, 12),
        title="Thông báo kết luận",
        body="Tăng cường phối hợp giải quyết đơn thư.\nĐẩy nhanh tiến độ xử lý các vụ án.",
    )
    Task.objects.create(
        conference=last,
        text="Rà soát các vụ việc khiếu nại kéo dài",
        lead_agency=agencies["TTT"],
        assigned_on=dt.date(2022, 4, 8),
        deadline=dt.date(2022, 9, 30),
    )
    Task.objects.create(
        text="Việc đã xong",
        lead_agency=agencies["CA"],
        assigned_on=dt.date(2022, 4, 8),
        status=Task.DONE,
        completed_on=dt.date(2022, 5, 1),
    )
    text = drafts.directions(data)
    assert (
        "Thực hiện kết luận tại Hội nghị giao ban khối Nội chính quý I/2022 (08/04/2022):" in text
    )
    assert "- Đẩy nhanh tiến độ xử lý các vụ án." in text
    assert "Việc cũ." not in text
    assert "- Rà soát các vụ việc khiếu nại kéo dài (Thanh tra tỉnh, hạn 30/09/2022)." in text
    assert "Việc đã xong" not in text
