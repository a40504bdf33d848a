"""S0 (seed 000), the report part, in the browser: the secretariat opens Quý III/2022 for
the khối Nội chính and khối Dân vận; the police officer submits by web form and the
inspectorate officer by the XLSX template; their heads approve; the secretariat generates
the briefing report; the DOCX shows each figure beside the previous quarter and the same
quarter last year, with the change (and, where only some of the agencies that report a
figure have sent it, says so). Then the issued report stays as issued: the period is
closed, a back-dated visit needs a reason after a warning, the issued version downloads
byte-identical, and the next quarter's report lists the adjustment."""

import datetime as dt
import hashlib
import importlib
import io
import re
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from noichinh.core.formats import vn_number
from tests.scenarios.shots import guide_shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POLICE = {"crimes.detected": 150, "cases.prosecuted": 120, "cases.corruption_prosecuted": 5}
INSPECTORATE = {"inspections.conducted": 24, "inspections.with_violations": 10}


@pytest.fixture
def s0_data(org):
    """The reports demo, and citizen visits in the reception books through the petitions
    register's generator (Q3/2022 and the quarter before), when that register exists."""
    from noichinh.devdata.demo import reports as demo

    demo.load(org)
    try:
        generate = importlib.import_module("noichinh.devdata.generate.petitions")
    except ModuleNotFoundError:
        return org
    books = [org["agencies"][c] for c in ("BTCD", "TTT", "CA")]
    generate.generate_visits(
        40, seed=3, agencies=books, start=dt.date(2022, 7, 1), end=dt.date(2022, 9, 30)
    )
    generate.generate_visits(
        25, seed=4, agencies=books, start=dt.date(2022, 4, 1), end=dt.date(2022, 6, 30)
    )
    return org


def _approved_sum(period_key, agency_codes, code):
    from noichinh.reports.models import SubmissionValue

    kind, year, number = period_key
    values = SubmissionValue.objects.filter(
        submission__period__kind=kind,
        submission__period__year=year,
        submission__period__number=number,
        submission__period__report_type__code="party_briefing",
        submission__status="approved",
        submission__agency__code__in=agency_codes,
        indicator__code=code,
    ).values_list("value", flat=True)
    return sum(values, Decimal(0))


def _change(current, other):
    diff = Decimal(current) - other
    sign = "+" if diff > 0 else "−" if diff < 0 else ""
    pct = abs(diff) / other * 100
    psign = "+" if diff > 0 else "−" if diff < 0 else ""
    return f"{sign}{vn_number(abs(diff))} ({psign}{vn_number(float(pct), 1)}%)"


def _row(document, name):
    for table in document.tables:
        for row in table.rows:
            cells = [c.text for c in row.cells]
            label = cells[1].removesuffix(" (toàn tỉnh)") if len(cells) == 8 else ""
            if label in (name, f"Trong đó: {name}"):
                return cells
    raise AssertionError(f"no row {name!r} in the DOCX")


NOTE = re.compile(r" \((\d+)/(\d+) cơ quan đã gửi\)$")


def _without_note(text):
    return NOTE.sub("", text)


def test_s0_quarter_report_from_opening_to_docx(s0_data, page, login_as, tmp_path):
    from noichinh.org.models import BlocMembership
    from noichinh.reports.models import Indicator, Period, ReportType

    page.on("dialog", lambda dialog: dialog.accept())
    page.context.set_default_timeout(60_000)  # documents take a few seconds on a busy machine

    # 1. The secretariat opens Quý III/2022 for two blocs.
    login_as("thuky")
    page.goto(page.base + "/reports/")
    page.click("[data-testid=new-period]")
    page.select_option("#id_report_type", str(ReportType.objects.get(code="party_briefing").pk))
    page.select_option("#id_kind", "Q")
    page.select_option("#id_number", "3")
    page.fill("#id_year", "2022")
    page.fill("#id_due", "20/09/2022")
    page.get_by_label("Khối Nội chính").check()
    page.get_by_label("Khối Dân vận").check()
    page.click("main form button[type=submit]")
    assert page.locator("h1").inner_text() == "Kỳ báo cáo Quý III/2022"
    assert page.locator("[data-testid=period-status]").inner_text() == "Đang nhận báo cáo"
    blocs = page.locator("[data-testid=period-blocs]").inner_text()
    assert "Khối Nội chính" in blocs and "Khối Dân vận" in blocs
    period_url = page.url
    period = Period.objects.get(kind="Q", year=2022, number=3)
    assert (period.start.isoformat(), period.end.isoformat()) == ("2022-07-01", "2022-09-30")
    assert page.locator("[data-testid=status-row]").count() == (
        BlocMembership.objects.filter(bloc__code__in=["NOI_CHINH", "DAN_VAN"])
        .values("agency")
        .distinct()
        .count()
    )

    # 2. The police officer submits by the web form.
    login_as("canbo_ca")
    page.goto(period_url)
    page.click("[data-testid=edit-submission]")
    for code, value in POLICE.items():
        page.fill(f"[data-code='{code}']", vn_number(value))
    page.fill("#id_results", "Giữ vững an ninh, trật tự trong quý.")
    guide_shot(page, "gui-so-lieu-quy")
    page.click("[data-testid=submit-report]")
    assert page.locator("[data-testid=submission-status]").inner_text() == "Đã gửi, chờ duyệt"
    police_url = page.url

    # 3. The inspectorate officer fills the XLSX template and uploads it.
    login_as("canbo")
    page.goto(period_url)
    with page.expect_download() as info:
        page.click("[data-testid=download-template]")
    path = tmp_path / "mau.xlsx"
    info.value.save_as(path)
    wb = load_workbook(path)
    ws = wb["Số liệu"]
    for row in range(5, ws.max_row + 1):
        code = ws.cell(row=row, column=1).value
        if code in INSPECTORATE:
            ws.cell(row=row, column=4, value=INSPECTORATE[code])
    wb["Thuyết minh"]["B3"] = "Một số kết luận thanh tra chậm thực hiện."
    filled = tmp_path / "da-dien.xlsx"
    wb.save(filled)
    page.click("[data-testid=edit-submission]")
    page.set_input_files("[data-testid=upload-form] input[type=file]", str(filled))
    page.click("[data-testid=upload-form] button[type=submit]")
    assert page.locator("[data-testid=submission-status]").inner_text() == "Đang soạn"
    page.click("[data-testid=submit-report]")
    assert page.locator("[data-testid=submission-status]").inner_text() == "Đã gửi, chờ duyệt"
    inspectorate_url = page.url

    # 4. Each head approves their own agency's report.
    for head, url in (("truongdonvi", police_url), ("truong_tt", inspectorate_url)):
        login_as(head)
        page.goto(url)
        page.click("[data-testid=approve]")
        assert page.locator("[data-testid=submission-status]").inner_text() == (
            "Thủ trưởng đã duyệt"
        )

    # 5. The secretariat aggregates and generates the report.
    login_as("thuky")
    page.goto(period_url)
    page.click("[data-testid=aggregate]")
    assert "Tổng hợp khối Nội chính và khối Dân vận" in page.locator("h1").inner_text()
    page.fill("#id_number", "45-BC/BNC")
    page.fill("#id_issued_on", "05/10/2022")
    # The written parts come pre-filled with a draft the secretariat edits before issuing.
    assert "Trong quý, " in page.input_value("#id_results_text")
    draft = page.input_value("#id_limitations_text")
    assert "Một số kết luận thanh tra chậm thực hiện." in draft  # the agencies' own texts
    page.fill(
        "#id_limitations_text",
        draft + "\nMột số cơ quan gửi báo cáo chậm; nguyên nhân: chưa phân công cán bộ tổng hợp.",
    )
    page.fill(
        "#id_directions_text",
        "Tiếp tục nắm chắc tình hình, giữ vững an ninh chính trị trong quý IV/2022.",
    )
    page.fill("#id_signer_title", "K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC")
    page.fill("#id_signer_name", "Nguyễn Văn An")
    guide_shot(page, "ban-hanh-bao-cao")
    page.click("[data-testid=issue-form] button[type=submit]")
    assert page.locator("h1").inner_text() == "Báo cáo số 45-BC/BNC"
    with page.expect_download() as info:
        page.click("[data-testid=download-docx]")
    docx_path = tmp_path / "bao-cao.docx"
    info.value.save_as(docx_path)

    # 6. The DOCX: figures, previous quarter, same quarter last year, change.
    document = Document(io.BytesIO(docx_path.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Kết quả công tác khối Nội chính và khối Dân vận quý III/2022" in text
    assert "Số 45-BC/BNC" in document.tables[0].cell(0, 0).text
    # The issued document holds the parts the secretariat wrote, and its signer block.
    assert "II. HẠN CHẾ, NGUYÊN NHÂN" in text
    assert "chưa phân công cán bộ tổng hợp." in text
    assert "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI" in text
    assert "giữ vững an ninh chính trị trong quý IV/2022." in text
    sign = document.tables[1]
    assert "K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC" in sign.cell(0, 1).text
    # The figure tables are the annex.
    figures = [t for t in document.tables if t.rows[0].cells[0].text == "TT"]
    header = [c.text for c in figures[0].rows[0].cells]
    assert header[3:5] == ["Quý III/2022", "Quý II/2022"]
    assert header[6] == "Cùng kỳ Quý III/2021"
    scope = set(
        BlocMembership.objects.filter(bloc__code__in=["NOI_CHINH", "DAN_VAN"]).values_list(
            "agency__code", flat=True
        )
    )
    for code, value in {**POLICE, **INSPECTORATE}.items():
        name = Indicator.objects.get(code=code).name
        cells = _row(document, name)
        previous = _approved_sum(("Q", 2022, 2), scope, code)
        last_year = _approved_sum(("Q", 2021, 3), scope, code)
        assert cells[3] == vn_number(value), (code, cells)
        assert cells[4] == vn_number(previous), (code, cells)
        assert cells[6] == vn_number(last_year), (code, cells)
        assert _without_note(cells[5]) == _change(value, previous), (code, cells)
        assert _without_note(cells[7]) == _change(value, last_year), (code, cells)
    # Police and procuracy both report prosecutions; only the police has sent its figures:
    # the comparison says so beside the figure.
    assert _row(document, Indicator.objects.get(code="cases.prosecuted").name)[5].endswith(
        "(1/2 cơ quan đã gửi)"
    )
    assert not NOTE.search(_row(document, Indicator.objects.get(code="crimes.detected").name)[5])
    # Citizen reception is computed from the register, never typed.
    try:
        from noichinh.petitions.selectors import VisitFilters, visit_list
    except ImportError:
        pass
    else:
        from noichinh.org.models import User

        reader = User.objects.get(username="lanhdao")

        def visits(start, end):  # the reception books of the whole province
            return visit_list(
                user=reader,
                filters=VisitFilters(agency_ids=None, date_from=start, date_to=end),
            ).count()

        cells = _row(document, "Lượt tiếp công dân")
        now, before = (
            visits(dt.date(2022, 7, 1), dt.date(2022, 9, 30)),
            visits(dt.date(2022, 4, 1), dt.date(2022, 6, 30)),
        )
        assert now >= 40
        assert cells[3] == vn_number(now) and cells[4] == vn_number(before)
        assert cells[5] == _change(now, Decimal(before))
    assert "Giữ vững an ninh, trật tự trong quý." in text
    assert "Một số kết luận thanh tra chậm thực hiện." in text

    # 7. The issued version is frozen: its SHA-256 and the audit checkpoint are on the page,
    # the checkpoint is the document's last line.
    issued = docx_path.read_bytes()
    document_url = page.url
    versions = page.locator("[data-testid=versions]").inner_text()
    assert hashlib.sha256(issued).hexdigest()[:16] in versions
    assert "nhật ký hệ thống #" in document.paragraphs[-1].text
    visits_issued = _row(document, "Lượt tiếp công dân")[3]

    # 8. The secretariat closes the quarter.
    page.goto(period_url)
    page.get_by_role("button", name="Khóa sổ").click()
    assert page.locator("[data-testid=period-status]").inner_text() == "Đã khóa sổ"

    # 9. An officer records a visit back-dated into the closed quarter: warned, nothing saved
    # until a reason is given and confirmed.
    from noichinh.petitions.models import Visit

    visits_before = Visit.objects.count()
    login_as("canbo")
    page.goto(page.base + "/petitions/visits/new/")
    page.fill("#id_visited_on", "15/08/2022")
    page.fill("#id_content", "Công dân kiến nghị về bồi thường giải phóng mặt bằng.")
    page.fill("#id_visitor_name", "Phạm Văn Lộc")
    page.click("main form button[type=submit]")
    warning = page.locator("[data-testid=late-warning]")
    assert "Quý III/2022" in warning.inner_text() and "khóa sổ" in warning.inner_text()
    assert Visit.objects.count() == visits_before
    page.fill("#id_late_reason", "Sổ tiếp công dân bằng giấy của Thanh tra tỉnh ghi bổ sung")
    page.check("#id_late_confirm")
    page.click("main form button[type=submit]")
    assert "Đã ghi lượt tiếp ngày 15/08/2022" in page.locator(".messages").inner_text()
    assert Visit.objects.count() == visits_before + 1

    # 10. The period page lists the late change; the issued version downloads byte-identical.
    login_as("thuky")
    page.goto(period_url)
    late = page.locator("[data-testid=late-change]")
    assert late.count() >= 1
    assert "ghi bổ sung" in late.first.inner_text() and "15/08/2022" in late.first.inner_text()
    page.goto(document_url)
    with page.expect_download() as info:
        page.click("[data-testid=download-docx]")
    again = tmp_path / "bao-cao-lan-2.docx"
    info.value.save_as(again)
    assert again.read_bytes() == issued
    assert _row(Document(io.BytesIO(issued)), "Lượt tiếp công dân")[3] == visits_issued

    # 11. The next quarter's report lists the adjustment of Quý III/2022.
    login_as("thuky")
    page.goto(page.base + "/reports/")
    page.click("[data-testid=new-period]")
    page.select_option("#id_report_type", str(ReportType.objects.get(code="party_briefing").pk))
    page.select_option("#id_kind", "Q")
    page.select_option("#id_number", "4")
    page.fill("#id_year", "2022")
    page.get_by_label("Khối Nội chính").check()
    page.get_by_label("Khối Dân vận").check()
    page.click("main form button[type=submit]")
    assert page.locator("h1").inner_text() == "Kỳ báo cáo Quý IV/2022"
    page.click("[data-testid=aggregate]")
    adjustments = page.locator("[data-testid=adjustments]").inner_text()
    assert "Số liệu điều chỉnh kỳ trước (Quý III/2022)" in adjustments
    now = vn_number(int(visits_issued.replace(".", "")) + 1)
    assert f"Lượt tiếp công dân (Quý III/2022): đã báo cáo {visits_issued}, nay {now}" in (
        adjustments
    )
    assert "Sổ tiếp công dân bằng giấy của Thanh tra tỉnh ghi bổ sung" in adjustments
