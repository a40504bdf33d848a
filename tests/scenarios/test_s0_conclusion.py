"""S0: the secretariat records the Q3/2022 briefing of the khối Nội chính and Dân vận, its
conclusion notice and tasks; an agency user sees only its own tasks and reports progress."""

import docx
import pytest

from noichinh.briefings.models import Task
from tests.scenarios.shots import guide_shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _record_conference(page):
    page.goto(page.base + "/briefings/")
    page.click("text=Ghi nhận hội nghị")
    page.select_option("#id_kind", "briefing")
    page.get_by_label("Khối Nội chính", exact=True).check()
    page.get_by_label("Khối Dân vận", exact=True).check()
    page.select_option("#id_period_kind", "Q3")
    page.fill("#id_period_year", "2022")
    page.fill("#id_date", "12/10/2022")
    page.fill("#id_place", "Hội trường Tỉnh ủy")
    page.fill("#id_chair_name", "Phạm Minh Đức")
    page.fill("#id_chair_titles", "Phó Bí thư Thường trực Tỉnh ủy")
    page.select_option(
        "#id_attendee_agencies",
        label=["Công an tỉnh", "VKSND tỉnh", "Thanh tra tỉnh", "Ban Dân vận", "Ủy ban MTTQ tỉnh"],
    )
    page.fill("#id_attendees", "Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy")
    guide_shot(page, "ghi-nhan-hoi-nghi")
    page.click("button[type=submit]:has-text('Lưu')")
    page.wait_for_selector("text=Đã ghi nhận hội nghị")


def _add_task(page, text, lead, coordinators, deadline, another):
    page.fill("#id_text", text)
    page.select_option("#id_lead_agency", label=lead)
    page.select_option("#id_coordinators", label=coordinators)
    if deadline:
        page.fill("#id_deadline", deadline)
    else:
        page.check("#id_is_regular")
    page.click(
        "button[name=another]" if another else "button[type=submit]:has-text('Lưu') >> nth=0"
    )
    page.wait_for_selector("text=Đã giao nhiệm vụ")


def test_s0_conclusion_notice_and_task_follow_up(org, page, login_as, tmp_path):
    login_as("thuky")
    _record_conference(page)
    assert (
        "Hội nghị giao ban khối Nội chính, Dân vận quý III/2022" in page.locator("h1").inner_text()
    )
    assert page.locator("[data-testid=chair]").inner_text() == (
        "Phạm Minh Đức, Phó Bí thư Thường trực Tỉnh ủy"
    )
    assert page.locator("[data-testid=date]").inner_text() == "12/10/2022"
    assert "VKSND tỉnh" in page.locator("[data-testid=attendee-agencies]").inner_text()
    detail_url = page.url

    page.click("text=Soạn thông báo kết luận")
    page.fill("#id_number", "45-TB/TU")
    page.fill("#id_issued_on", "14/10/2022")
    page.fill("#id_signer_name", "Trịnh Văn Thành")
    page.click("button:has-text('Lưu thông báo')")
    page.wait_for_selector("text=Đã lưu thông báo kết luận")

    page.click("text=Giao nhiệm vụ")
    _add_task(
        page,
        "Nắm chắc tình hình, bảo đảm giữ vững an ninh trật tự, an toàn xã hội",
        "Công an tỉnh",
        ["VKSND tỉnh", "TAND tỉnh"],
        "31/12/2022",
        another=True,
    )
    _add_task(
        page,
        "Tuyên truyền, vận động đoàn viên, hội viên và nhân dân tham gia chuyển đổi số",
        "Ban Dân vận",
        ["Ủy ban MTTQ tỉnh"],
        None,
        another=False,
    )
    page.goto(detail_url)
    rows = page.locator("[data-testid=tasks] tbody tr")
    assert rows.count() == 2
    first = rows.nth(0).inner_text()
    assert "Công an tỉnh" in first and "VKSND tỉnh; TAND tỉnh" in first and "31/12/2022" in first
    assert "Thường xuyên" in rows.nth(1).inner_text()

    with page.expect_download() as download_info:
        page.click("[data-testid=notice-docx]")
    path = tmp_path / "thong-bao.docx"
    download_info.value.save_as(path)
    document = docx.Document(path)
    header = " ".join(cell.text for cell in document.tables[0].rows[0].cells)
    body = "\n".join(p.text for p in document.paragraphs)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in header and "TỈNH ỦY HÒA SƠN" in header
    assert "Số 45-TB/TU" in header and "Hòa Sơn, ngày 14 tháng 10 năm 2022" in header
    assert "THÔNG BÁO" in body
    assert "chủ trì: Công an tỉnh; phối hợp: VKSND tỉnh, TAND tỉnh; thời hạn: 31/12/2022" in body
    assert "thời hạn: thường xuyên" in body
    assert "Trịnh Văn Thành" in document.tables[1].rows[0].cells[1].text

    own = Task.objects.get(lead_agency__code="CA")
    other = Task.objects.get(lead_agency__code="BDV")
    login_as("canbo_ca")
    page.goto(page.base + "/briefings/tasks/")
    table = page.locator("[data-testid=task-table]").inner_text()
    assert own.text in table and other.text not in table
    page.click(f"text={own.text[:40]}")
    page.fill("#id_p-note", "Đã triển khai kế hoạch bảo đảm an ninh trật tự quý IV")
    guide_shot(page, "bao-cao-tien-do")
    page.click("button:has-text('Gửi báo cáo')")
    page.wait_for_selector("text=Đã gửi báo cáo tiến độ")
    guide_shot(page, "tien-do-da-gui")
    assert "Đã triển khai kế hoạch" in page.locator("[data-testid=updates]").inner_text()

    response = page.goto(page.base + f"/briefings/tasks/{other.pk}/")
    assert response.status == 404
    assert not other.updates.exists()
