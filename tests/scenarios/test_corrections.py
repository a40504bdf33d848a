"""Corrections: an award decision entered by mistake is withdrawn with a reason and leaves
the counts of the awards register; an administrator restores it; the decision's history
shows both steps."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from noichinh.briefings import services
from noichinh.devdata.demo import briefings as demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _counts(page, issuer):
    row = page.locator(f"[data-testid=award-summary] tr[data-issuer={issuer}]")
    return (
        row.locator("[data-testid=collectives]").inner_text(),
        row.locator("[data-testid=individuals]").inner_text(),
    )


def test_award_entered_by_mistake_is_withdrawn_then_restored(org, page, login_as):
    demo.load(org)
    mistake = services.award_decision_create(
        actor=org["users"]["thuky"],
        issuer_level="police_director",
        form="giay_khen",
        number="790/QĐ-CAT",
        signed_on=dt.date(2022, 12, 30),
        collectives=["Công an xã Kha Sơn", "Công an xã Tân Hòa"],
        individuals=["Nguyễn Văn An"],
    )
    login_as("thuky")
    page.goto(page.base + "/briefings/awards/")
    assert _counts(page, "police_director") == ("19", "19")

    page.click("text=790/QĐ-CAT")
    page.click("[data-testid=withdraw]")
    page.wait_for_selector("[data-testid=withdraw-form]")
    # A reason is required: nothing happens without one.
    page.click("[data-testid=withdraw-confirm]")
    expect(page.locator("[data-testid=withdraw-form]")).to_be_visible()
    page.fill("textarea[name=reason]", "Nhập trùng quyết định 789/QĐ-CAT")
    page.click("[data-testid=withdraw-confirm]")
    page.wait_for_url(lambda url: url.endswith("/briefings/awards/"))
    expect(page.locator(".messages")).to_contain_text("Đã thu hồi")
    assert _counts(page, "police_director") == ("17", "18")
    expect(page.locator("a", has_text="790/QĐ-CAT")).to_have_count(0)

    login_as("admin")
    page.goto(page.base + "/briefings/withdrawn/")
    row = page.locator("[data-testid=withdrawn-row]", has_text="790/QĐ-CAT")
    expect(row).to_contain_text("Nhập trùng quyết định 789/QĐ-CAT")
    row.locator("[data-testid=restore]").click()
    expect(page.locator(".messages")).to_contain_text("Đã khôi phục")
    page.goto(page.base + "/briefings/awards/")
    assert _counts(page, "police_director") == ("19", "19")

    page.goto(page.base + f"/briefings/awards/{mistake.pk}/")
    history = page.locator("[data-testid=history]")
    expect(history.locator("[data-testid=history-withdraw]")).to_contain_text(
        "Nhập trùng quyết định 789/QĐ-CAT"
    )
    expect(history.locator("[data-testid=history-restore]")).to_contain_text("Khôi phục")


def test_plan_overlap_warning_shows_while_the_plan_is_filled(org, page, login_as):
    from noichinh.briefings.models import InspectionPlan
    from noichinh.org.models import AreaUnit

    services.plan_create(
        actor=org["users"]["canbo_ca"],
        agency=org["agencies"]["CA"],
        year=2026,
        unit=AreaUnit.objects.get(code="HS-X-DL"),
        subject="Kiểm tra công tác phòng cháy, chữa cháy",
        kind="kiem_tra",
    )
    login_as("canbo")
    page.goto(page.base + "/briefings/plans/new/")
    page.fill("#id_year", "2026")
    page.select_option("#id_unit", label="Xã Đại Lâm")
    # Before anything is saved, the form names the other agency's plan.
    warning = page.locator("[data-testid=overlap-warning]")
    expect(warning).to_contain_text("Công an tỉnh")
    expect(warning).to_contain_text("Kiểm tra công tác phòng cháy, chữa cháy")
    assert InspectionPlan.objects.count() == 1
    page.fill("#id_year", "2027")
    page.locator("#id_year").dispatch_event("change")
    expect(warning).to_have_count(0)
