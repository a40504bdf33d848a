"""Browser: each demo role logs in, sees what it may, and is refused (403, Vietnamese) what it may not."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = {
    # user: (menu items it must see, menu items it must not see, reorganise page allowed)
    "admin": (["Quản trị", "Địa bàn", "Lịch và thời hạn"], [], True),
    "thuky": (["Địa bàn", "Cơ quan, đơn vị"], ["Quản trị"], True),
    "canbo": (["Cơ quan, đơn vị", "Lịch và thời hạn"], ["Quản trị"], False),
    "truongdonvi": (["Cơ quan, đơn vị"], ["Quản trị"], False),
    "lanhdao": (["Tổng quan"], ["Quản trị"], False),
}


@pytest.mark.parametrize("username", list(ROLES))
def test_each_role_sees_its_menu_and_is_refused_the_rest(org, page, login_as, username):
    must_see, must_not_see, may_reorganise = ROLES[username]
    login_as(username)
    nav = page.locator("header nav").text_content()
    for label in must_see:
        assert label in nav
    for label in must_not_see:
        assert label not in nav
    response = page.goto(page.base + "/org/units/reorganise/")
    if may_reorganise:
        assert response.status == 200
        assert page.locator("h1").inner_text() == "Sắp xếp đơn vị hành chính"
    else:
        assert response.status == 403
        assert "Không có quyền truy cập" in page.locator("h1").inner_text()


def test_calendar_page_computes_a_due_date_across_tet(org, page, login_as):
    login_as("canbo")
    page.goto(page.base + "/core/calendar/")
    page.select_option("select[name=rule]", "denunciation.intake")
    page.fill("input[name=start]", "12/02/2026")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("[data-testid=due]")
    assert page.locator("[data-testid=due]").inner_text() == "02/03/2026"
    assert "Tết Âm lịch" in page.locator("[data-testid=explain]").inner_text()


def test_agency_search_ignores_diacritics_on_a_phone_screen(org, page, login_as):
    page.set_viewport_size({"width": 390, "height": 800})
    login_as("canbo")
    page.goto(page.base + "/org/agencies/?q=vien kiem sat")
    assert page.locator("tbody tr").count() == 1
    assert "Viện Kiểm sát nhân dân tỉnh Hòa Sơn" in page.locator("tbody").inner_text()
