"""S4: Ban Chỉ đạo 138's 2022 annual review; the awards page counts, from the register, 7
collectives (Minister's Bằng khen); 9 collectives and 1 individual (provincial Chair's
Bằng khen); 17 collectives and 18 individuals (police Director's Giấy khen)."""

import pytest
from playwright.sync_api import expect

from noichinh.devdata.demo import briefings as demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _counts(page, issuer):
    row = page.locator(f"[data-testid=award-summary] tr[data-issuer={issuer}]")
    return (
        row.locator("[data-testid=collectives]").inner_text(),
        row.locator("[data-testid=individuals]").inner_text(),
    )


def test_s4_awards_of_the_movement_counted_from_the_register(org, page, login_as):
    demo.load(org)
    login_as("lanhdao")
    page.goto(page.base + "/briefings/awards/")
    page.select_option("select[name=movement]", label="Toàn dân bảo vệ an ninh Tổ quốc năm 2022")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("text=phong trào “Toàn dân bảo vệ an ninh Tổ quốc” năm 2022")
    assert _counts(page, "minister_public_security") == ("7", "0")
    assert _counts(page, "provincial_chair") == ("9", "1")
    assert _counts(page, "police_director") == ("17", "18")
    summary = page.locator("[data-testid=award-summary]").inner_text()
    assert "Bộ trưởng Bộ Công an\tBằng khen" in summary
    assert "Giám đốc Công an tỉnh\tGiấy khen" in summary

    # The numbers are the recipients listed on the decisions themselves.
    page.click("text=789/QĐ-CAT")
    rows = page.locator("tbody tr")
    # expect() waits for the decision's page (count() alone could read the page before it).
    expect(rows.filter(has_text="Tập thể")).to_have_count(17)
    expect(rows.filter(has_text="Cá nhân")).to_have_count(18)

    page.goto(page.base + "/briefings/?bloc=BCD138")
    page.click("text=Hội nghị tổng kết năm Ban Chỉ đạo 138 tỉnh năm 2022")
    assert "Trưởng Ban Chỉ đạo 138 tỉnh" in page.locator("[data-testid=chair]").inner_text()
    assert "7 tập thể, 0 cá nhân" in page.locator("main").inner_text()
