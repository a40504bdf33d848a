"""Browser: S1, the petitions part (seed 001).

An officer of the provincial inspectorate receives a visit and its petition, classifies
and accepts the complaint, sees the resolution limit moved past Tết and, later, overdue;
a second petition (same CCCD, content typed without diacritics) is proposed as a duplicate
and linked; the quarter's figures agree with the lists, and Q3/2021 shows "7.xxx" visits
computed from the demo reception book.
"""

import re

import pytest

from tests.scenarios.shots import guide_shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTENT = (
    "Khiếu nại quyết định thu hồi đất số 77/QĐ-UBND đối với thửa đất số 512 tại xã Tiên Hội, "
    "mức bồi thường không đúng giá đất thị trường"
)
CONTENT_NO_MARKS = (
    "khieu nai quyet dinh thu hoi dat so 77/QD-UBND doi voi thua dat so 512 tai xa Tien Hoi, "
    "muc boi thuong khong dung gia dat thi truong, de nghi giai quyet lai"
)


@pytest.fixture
def demo(org):
    from noichinh.devdata.demo import petitions as demo

    demo.load(org)
    return org


def _open_action(page, name):
    page.click(f"[data-testid=action-{name}] > summary")


def _total(page) -> int:
    text = (
        page.locator("[data-testid=total]").inner_text()
        if page.locator("[data-testid=total]").count()
        else "0"
    )
    return int(re.sub(r"\D", "", text) or 0)


def test_s1_receive_classify_accept_tet_overdue_duplicate_and_figures(demo, page, login_as):
    agencies = demo["agencies"]
    ttt = str(agencies["TTT"].pk)
    # On a loaded machine the live server's first request imports the whole project.
    page.set_default_timeout(60_000)
    page.goto(page.base + "/login/", timeout=180_000)
    login_as("canbo")

    # 1. The reception book: a mass visit that hands in a petition.
    page.goto(page.base + "/petitions/visits/new/")
    page.select_option("#id_agency", ttt)
    page.fill("#id_visited_on", "12/01/2026")
    page.select_option("#id_petition_type", "complaint")
    page.select_option("#id_field", "compensation_resettlement")
    page.fill("#id_people_count", "7")
    page.fill("#id_visitor_name", "Hà Văn Lực")
    page.fill("#id_content", CONTENT)
    page.select_option("#id_answer", "received")
    guide_shot(page, "tiep-cong-dan-so-tiep")
    page.check("#id_make_petition")
    page.click("main form button[type=submit]")
    # A group of 7 without representatives is refused, the input kept.
    assert "người đại diện" in page.locator(".errorlist").first.inner_text()
    assert page.input_value("#id_content") == CONTENT
    page.fill("#id_representatives", "Hà Văn Lực, Lò Thị Xuân")
    page.fill("#id_representative_count", "2")
    page.click("main form button[type=submit]")

    # 2. The petition from that visit (prefilled), with the sender's CCCD.
    page.wait_for_url(re.compile(r"/petitions/new/\?visit="))
    assert page.input_value("#id_received_on") == "12/01/2026"
    page.fill("#id_sender_id_number", "019080777001")
    page.fill("#id_summary", "Khiếu nại bồi thường thu hồi đất tại xã Tiên Hội")
    guide_shot(page, "don-tu-lan-tiep")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-testid=state]")
    first_url = page.url.split("#")[0]
    assert "Mới tiếp nhận" in page.locator("[data-testid=state]").inner_text()
    assert "Đông người" in page.locator("main").inner_text()
    deadline = page.locator("[data-testid=deadline]").first.inner_text()
    assert "Xử lý đơn" in deadline and "petition.handle" not in deadline

    # 3. Classify and accept the complaint; the 30-day limit ends in Tết and moves on.
    _open_action(page, "classify")
    page.select_option("#id_classify-type", "complaint")
    page.select_option("#id_classify-meets_conditions", "1")
    page.select_option("#id_classify-in_competence", "1")
    guide_shot(page, "phan-loai-don")
    page.click("[data-testid=action-classify] button[type=submit]")
    page.wait_for_selector(".messages")
    _open_action(page, "accept")
    page.fill("#id_accept-on", "20/01/2026")
    page.fill("#id_accept-doc_no", "15/TB-TTT")
    page.click("[data-testid=action-accept] button[type=submit]")
    page.wait_for_selector(".messages")
    assert "Đã thụ lý" in page.locator("[data-testid=state]").inner_text()
    guide_shot(page, "don-da-thu-ly")
    assert page.locator("[data-testid=next-due]").inner_text() == "23/02/2026"
    explain = page.locator("[data-testid=explain]").last.inner_text()
    assert "Tết" in explain and "19/02/2026" in explain
    # 4. Today is past that limit: the petition shows as overdue.
    assert "quá hạn" in page.locator("[data-testid=days-left]").inner_text()
    with page.expect_download() as download:
        page.click("text=Thông báo thụ lý (DOCX)")
    assert download.value.suggested_filename.endswith(".docx")

    # 5. A second petition: same CCCD, content without diacritics → proposed duplicate.
    page.goto(page.base + "/petitions/new/")
    page.select_option("#id_agency", ttt)
    page.fill("#id_received_on", "10/03/2026")
    page.select_option("#id_type", "complaint")
    page.fill("#id_sender_name", "Ha Van Luc")
    page.fill("#id_sender_id_number", "019080777001")
    page.fill("#id_content", CONTENT_NO_MARKS)
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-testid=proposal]")
    proposal = page.locator("[data-testid=proposal]").first
    assert "cùng số CCCD" in proposal.inner_text()
    proposal.locator("button").click()
    page.wait_for_selector("[data-testid=duplicate-of]")
    assert "Trùng với đơn số" in page.locator("[data-testid=duplicate-of]").inner_text()

    # The overdue list of the agency holds the accepted complaint.
    page.goto(page.base + f"/petitions/?agency={ttt}&due=overdue&sort=due")
    assert page.locator(f"a[href='{first_url.replace(page.base, '')}']").count() == 1

    # 6. Quarter figures (Q1/2026, Thanh tra tỉnh) agree with the lists they link to.
    page.goto(page.base + f"/petitions/figures/?agency={ttt}&from=01/01/2026&to=31/03/2026")
    for code in (
        "petitions.received",
        "petitions.duplicates",
        "petitions.new_matters",
        "petitions.type.complaint",
        "petitions.mass",
        "reception.visits",
        "reception.mass_delegations",
    ):
        cell = page.locator(f"[data-testid='figure-{code}'] [data-testid=value]")
        shown = int(cell.inner_text().replace(".", ""))
        href = cell.get_attribute("href")
        page.goto(page.base + href)
        assert _total(page) == shown, code
        page.go_back()
    dup = page.locator("[data-testid='figure-petitions.duplicates'] [data-testid=value]")
    assert int(dup.inner_text()) >= 1

    # 7. Leadership reads Q3/2021 for the whole province: more than 7.000 visits.
    login_as("lanhdao")
    page.goto(page.base + "/petitions/figures/?from=01/07/2021&to=30/09/2021")
    visits = page.locator("[data-testid='figure-reception.visits'] [data-testid=value]")
    assert re.fullmatch(r"7\.\d{3}", visits.inner_text())
    href = visits.get_attribute("href")
    shown = int(visits.inner_text().replace(".", ""))
    page.goto(page.base + href)
    assert _total(page) == shown
    # The dashboard flags mass and over-level petitions and deadlines by agency.
    page.goto(page.base + "/")
    panel = page.locator("[data-testid=petitions-panel]")
    assert int(panel.locator("[data-testid=panel-mass]").inner_text()) >= 1
    assert int(panel.locator("[data-testid=panel-over-level]").inner_text()) >= 1
    assert panel.locator("[data-testid=panel-due-row]").count() >= 1
