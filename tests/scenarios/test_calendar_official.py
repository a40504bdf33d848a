"""Browser: the official working calendar (issue 16 §1).

The administrator sees 2026 as official, with Friday 2/1 off and Saturday 10/1 worked
(notice 12729/VPCP-KGVX of 25/12/2025); an officer records a complaint lodged on 5/1/2026
against a decision received on 3/10/2025 and is told it is in time (90 days end on 1/1, a day
off, then 2/1–4/1 are off, so Monday 5/1); the administrator enters an official notice for
Tết 2027 and the open petition whose limit crosses it gets a new due date, the change is in
its history, and its officer is told.
"""

import datetime as dt
import re

import pytest
import time_machine

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_official_calendar_in_time_complaint_and_a_new_notice_for_2027(org, page, login_as):
    from noichinh.petitions import services
    from tests.petitions.factories import make_petition

    users, agencies = org["users"], org["agencies"]
    with time_machine.travel(dt.datetime(2027, 2, 1, 9, 0), tick=False):
        tet = make_petition(
            users["canbo"],
            agencies["TTT"],
            received_on=dt.date(2027, 2, 1),
            content="Phản ánh việc chậm giải quyết hồ sơ cấp giấy chứng nhận tại xã Kha Sơn",
            type="reflection",
        )
        services.petition_assign(actor=users["truong_tt"], petition=tet, officer=users["canbo"])

    page.set_default_timeout(60_000)
    page.goto(page.base + "/login/", timeout=180_000)

    # 1. The administrator sees 2026 as official, with 2/1 off and 10/1 worked.
    login_as("admin")
    page.goto(page.base + "/core/calendar/?year=2026")
    assert "chính thức" in page.locator("[data-testid=calendar-year-2026]").inner_text()
    assert "Năm 2026: lịch chính thức" in page.locator("[data-testid=year-heading]").inner_text()
    jan2 = page.locator("[data-testid=day-2026-01-02]").inner_text()
    assert "02/01/2026" in jan2 and "Nghỉ" in jan2 and "12729/VPCP-KGVX" in jan2
    jan10 = page.locator("[data-testid=day-2026-01-10]").inner_text()
    assert "10/01/2026" in jan10 and "Làm việc (làm bù)" in jan10
    assert page.locator("[data-testid=day-2026-11-24]").count() == 0
    assert "tạm tính" in page.locator("[data-testid=calendar-year-2027]").inner_text()

    # 2. A complaint lodged on 5/1/2026 against a decision received on 3/10/2025 is in time.
    login_as("canbo")
    page.goto(page.base + "/petitions/new/")
    page.select_option("#id_agency", str(agencies["TTT"].pk))
    page.fill("#id_received_on", "05/01/2026")
    page.select_option("#id_type", "complaint")
    page.fill("#id_decision_received_on", "03/10/2025")
    page.fill("#id_sender_name", "Phạm Thị Hoa")
    page.fill("#id_sender_address", "Xã Tân Hòa")
    page.fill("#id_content", "Khiếu nại quyết định xử phạt vi phạm hành chính số 45/QĐ-XPHC")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-testid=state]")
    lodging = page.locator("[data-testid=lodging]").inner_text()
    assert "05/01/2026" in lodging
    assert page.locator("[data-testid=lodging-verdict]").inner_text() == "trong thời hiệu"

    # The Tết 2027 petition is counted on the package's guess: provisional.
    page.goto(page.base + f"/petitions/{tet.pk}/")
    assert page.locator("[data-testid=next-due]").inner_text() == "22/02/2027"
    assert page.locator("[data-testid=provisional]").first.is_visible()

    # 3. The administrator enters the official notice for Tết 2027.
    login_as("admin")
    page.goto(page.base + "/core/calendar/")
    page.click("[data-testid=enter-notice]")
    page.fill("#id_year", "2027")
    page.fill("#id_number", "999/VPCP-KGVX")
    page.fill("#id_issued_on", "20/11/2026")
    page.fill("#id_issuer", "Văn phòng Chính phủ")
    page.fill(
        "#id_days",
        "\n".join(
            f"{d}/02/2027; nghỉ; Tết Âm lịch" for d in ("04", "05", "08", "09", "10", "11", "12")
        ),
    )
    page.click("main form button[type=submit]")
    page.wait_for_selector(".messages")
    assert "999/VPCP-KGVX" in page.locator(".messages").inner_text()
    assert "chính thức" in page.locator("[data-testid=calendar-year-2027]").inner_text()
    assert "Tết Âm lịch" in page.locator("[data-testid=day-2027-02-12]").inner_text()

    # The officer sees the new due date, the change in the history, and a notice.
    login_as("canbo")
    page.goto(page.base + f"/petitions/{tet.pk}/")
    assert page.locator("[data-testid=next-due]").inner_text() == "24/02/2027"
    history = page.locator("main").inner_text()
    assert re.search(r"22/02/2027.*24/02/2027", history)
    page.goto(page.base + "/petitions/notifications/")
    notices = page.locator("main").inner_text()
    assert tet.receipt_no in notices and "24/02/2027" in notices
