"""S3 — cases under the Standing Committee's supervision (seed 003), in the browser."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def s3(org):
    from noichinh.devdata.demo import cases as demo

    demo.load(org)
    return org


def test_secretariat_follows_the_list_and_the_h1_2020_figures(s3, page, login_as):
    from noichinh.cases.models import Case

    login_as("thuky")
    page.goto(page.base + "/cases/")
    assert page.locator("h1").inner_text() == "Vụ án, vụ việc theo dõi"
    assert page.locator("[data-testid=case-row]").count() == 14

    # The 6-month figures of seed 003.
    page.goto(page.base + "/cases/figures/")
    page.fill("input[name=start]", "01/01/2020")
    page.fill("input[name=end]", "30/06/2020")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("[data-testid=period]")
    shown = {
        code: page.locator(f"[data-testid=fig-{code}]").first.inner_text()
        for code in (
            "cases-economic_managers-followed",
            "cases-economic_managers-on_list_end",
            "cases-removed",
            "cases-corruption-on_list_end",
            "cases-corruption-carried_over",
        )
    }
    assert list(shown.values()) == ["5", "2", "1", "4", "2"]
    # The figure's list has as many rows as the figure says.
    page.click("text=Vụ án tham nhũng thuộc diện Ban Thường vụ theo dõi, chỉ đạo")
    # expect() waits for the list the click opens (count() alone could read the page before).
    expect(page).to_have_url(re.compile(r"/cases/\?.*field=corruption"))
    expect(page.locator("[data-testid=case-row]")).to_have_count(4)

    # A case shows its procedural stage and next legal time limit.
    case = Case.objects.get(number="KT-2026-01")
    page.goto(page.base + f"/cases/{case.pk}/")
    assert page.locator("[data-testid=current-stage]").inner_text() == "Điều tra"
    assert page.locator("[data-testid=next-due]").inner_text() == "15/01/2027"
    assert (
        "Bộ luật Tố tụng hình sự 2015, Điều 172"
        in page.locator("[data-testid=due-explain]").inner_text()
    )

    # Add it to the list by decision.
    page.click("[data-testid=add-to-list]")
    page.fill("input[name=number]", "1101-QĐ/BCĐ")
    page.fill("input[name=date]", "20/10/2026")
    page.click("[data-testid=action-form] button[type=submit]")
    assert "Thuộc diện Ban Thường vụ" in page.locator("[data-testid=on-list]").inner_text()

    # Take another one off the list, by a decision dated earlier than the addition.
    other = Case.objects.get(number="TN-2025-01")
    page.goto(page.base + f"/cases/{other.pk}/")
    page.click("[data-testid=remove-from-list]")
    page.fill("input[name=number]", "1090-QĐ/BCĐ")
    page.fill("input[name=date]", "01/10/2026")
    page.click("[data-testid=action-form] button[type=submit]")
    assert "Không thuộc diện" in page.locator("[data-testid=on-list]").inner_text()

    # The list "as of" dates before, between and after the two decisions.
    def as_of(day):
        page.goto(page.base + f"/cases/?on_list={day}&per_page=50")
        return set(page.locator("[data-testid=case-row] td:first-child a").all_inner_texts())

    before, between, after = as_of("30/09/2026"), as_of("15/10/2026"), as_of("20/10/2026")
    assert other.title in before and case.title not in before
    assert other.title not in between and case.title not in between
    assert case.title in after and other.title not in after
    assert len(after) == len(before)


def test_agency_officer_not_in_charge_is_refused(s3, page, login_as):
    from noichinh.cases.models import Case

    case = Case.objects.get(number="TN-01")
    login_as("canbo_dv")
    response = page.goto(page.base + f"/cases/{case.pk}/")
    assert response.status in (403, 404)
    assert "Không tìm thấy" in page.locator("h1").inner_text()
    page.goto(page.base + "/cases/")
    assert page.locator("[data-testid=case-row]").count() == 0
