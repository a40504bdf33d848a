"""S2: a three-bloc conference with a money figure in Vietnamese format; the inspection
plan overlap warning seen by both agencies and the secretariat; a boundary change after
which an earlier plan keeps its unit and still counts under the successor."""

import datetime as dt

import pytest

from noichinh.briefings.models import InspectionPlan
from noichinh.core import clock
from noichinh.org.models import AreaUnit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _new_plan(page, agency, unit, subject, kind="thanh_tra"):
    page.goto(page.base + "/briefings/plans/new/")
    page.select_option("#id_agency", label=agency)
    page.fill("#id_year", "2026")
    page.select_option("#id_kind", kind)
    page.select_option("#id_unit", label=unit)
    page.fill("#id_subject", subject)
    page.click("button:has-text('Lưu')")
    page.wait_for_selector("h1:has-text('2026')")


def test_s2_three_blocs_with_money_figure(org, page, login_as):
    login_as("thuky")
    page.goto(page.base + "/briefings/new/")
    for bloc in ("Khối Đảng", "Khối Đoàn thể", "Khối Nội chính"):
        page.get_by_label(bloc, exact=True).check()
    page.select_option("#id_period_kind", "Q2")
    page.fill("#id_period_year", "2021")
    page.fill("#id_date", "08/07/2021")
    page.fill("#id_chair_name", "Nguyễn Thị Minh Hương")
    page.click("button:has-text('Lưu')")
    page.wait_for_selector("text=Đã ghi nhận hội nghị")
    assert page.locator("h1").inner_text() == (
        "Hội nghị giao ban khối Nội chính, Đảng, Đoàn thể quý II/2021"
    )
    page.click("summary:has-text('Thêm số liệu')")
    page.select_option("#id_fig-qualifier", "gt")
    page.fill("#id_fig-value", "7,3 tỷ")
    page.fill("#id_fig-unit", "đồng")
    page.fill("#id_fig-subject", "Tiền ủng hộ phòng, chống dịch Covid-19 đến ngày 15/6")
    page.click("button:has-text('Thêm số liệu')")
    page.wait_for_selector("text=Đã thêm số liệu")
    row = page.locator("[data-testid=figures] tbody tr").first.inner_text()
    assert "trên 7,3 tỷ đồng" in row and "Covid-19" in row


def test_s2_inspection_overlap_and_boundary_change(org, page, login_as):
    page.on("dialog", lambda dialog: dialog.accept())
    login_as("canbo_ca")
    _new_plan(
        page, "Công an tỉnh", "Xã Đại Lâm", "Kiểm tra công tác phòng cháy, chữa cháy", "kiem_tra"
    )
    assert page.locator("[data-testid=overlap-warning]").count() == 0

    login_as("canbo")
    _new_plan(page, "Thanh tra tỉnh", "Xã Đại Lâm", "Thanh tra việc quản lý, sử dụng đất đai")
    warning = page.locator("[data-testid=overlap-warning]").inner_text()
    assert "Cảnh báo trùng lắp" in warning and "Công an tỉnh" in warning

    login_as("canbo_ca")
    page.goto(page.base + "/briefings/plans/?year=2026")
    own = page.locator("[data-testid=plans] tbody tr", has_text="phòng cháy")
    assert "Trùng với Thanh tra tỉnh" in own.inner_text()
    assert "Cảnh báo trùng lắp" in page.locator("[data-testid=overlap-summary]").inner_text()

    login_as("thuky")
    page.goto(page.base + "/briefings/plans/?year=2026")
    assert page.locator("[data-testid=overlap]").count() == 2

    # Boundary change: a plan on Xã Quyết Thắng, then the commune merges into Phường Hòa Sơn.
    login_as("canbo")
    _new_plan(page, "Thanh tra tỉnh", "Xã Quyết Thắng", "Thanh tra công tác cải cách hành chính")
    plan_url = page.url
    successor = AreaUnit.objects.get(code="HS-P-HS")
    login_as("thuky")
    figures = page.base + f"/briefings/report/?period=2026-Y&unit={successor.pk}"
    page.goto(figures)
    assert page.locator("[data-code='inspections.planned']").inner_text() == "0"

    page.goto(page.base + "/org/units/reorganise/")
    page.select_option("#id_predecessors", label=["Xã Quyết Thắng"])
    page.select_option("#id_kind", "merge")
    effective = clock.today() + dt.timedelta(days=1)
    page.fill("#id_effective_date", effective.strftime("%d/%m/%Y"))
    page.fill("#id_decision", "Nghị quyết số 1/NQ-UBTVQH15 (giả định)")
    page.select_option("#id_successor", label="Phường Hòa Sơn")
    page.click("button:has-text('Áp dụng')")
    page.wait_for_selector("text=Đã áp dụng")

    page.goto(plan_url)
    assert page.locator("[data-testid=target]").inner_text() == "Xã Quyết Thắng"
    assert InspectionPlan.objects.get(subject__contains="cải cách").unit.code == "HS-X-QT"
    page.goto(figures)
    assert page.locator("[data-code='inspections.planned']").inner_text() == "1"
    assert "Phường Hòa Sơn" in page.locator("h1").inner_text()
    province = AreaUnit.objects.get(code="HS")
    page.goto(page.base + f"/briefings/report/?period=2026-Y&unit={province.pk}")
    assert page.locator("[data-code='inspections.planned']").inner_text() == "3"
