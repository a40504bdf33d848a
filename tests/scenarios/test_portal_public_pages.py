"""Browser: the head of the provincial inspectorate publishes a reception day; a citizen
without an account finds it on the portal, then reads the statistics by agency and quarter
(small cells shown as "<5") and downloads them as CSV."""

import datetime as dt

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _warm_server(live_server):
    import urllib.request

    urllib.request.urlopen(live_server.url + "/portal/", timeout=120).read()  # noqa: S310


def _register(users, agencies, today):
    from tests.petitions.factories import make_petition

    quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    for _ in range(6):
        make_petition(users["canbo"], agencies["TTT"], received_on=quarter_start)
    make_petition(users["canbo_ca"], agencies["CA"], received_on=quarter_start)
    return (today.month - 1) // 3 + 1


def test_schedule_published_and_statistics_read_by_a_citizen(org, page, login_as):
    from noichinh.core import clock

    users, agencies = org["users"], org["agencies"]
    today = clock.today()
    quarter = _register(users, agencies, today)
    day = today + dt.timedelta(days=7)

    login_as("truong_tt")
    page.goto(page.base + "/petitions/reception-schedule/")
    page.get_by_role("link", name="Thêm ngày tiếp").click()
    page.fill("input[name=day]", day.strftime("%d/%m/%Y"))
    page.select_option("select[name=leader]", label=users["truong_tt"].full_name)
    page.fill("input[name=place]", "Trụ sở Tiếp công dân tỉnh, số 1 đường Hòa Bình")
    page.fill("input[name=hours]", "Sáng, 7 giờ 30 đến 11 giờ 30")
    page.click("main form button[type=submit]")
    expect(page.get_by_text("Đã thêm ngày tiếp công dân vào lịch.")).to_be_visible()
    expect(page.get_by_test_id("schedule-table")).to_contain_text(day.strftime("%d/%m/%Y"))

    page.context.clear_cookies()
    page.goto(page.base + "/portal/")
    page.get_by_role("link", name="Lịch tiếp công dân").click()
    table = page.get_by_test_id("public-schedule")
    expect(table).to_contain_text(day.strftime("%d/%m/%Y"))
    expect(table).to_contain_text("Đỗ Thị Lan, Chánh Thanh tra tỉnh")
    expect(table).to_contain_text("Trụ sở Tiếp công dân tỉnh")

    page.get_by_role("link", name="Thống kê").click()
    stats = page.get_by_test_id("public-stats")
    ttt_row = stats.locator(f'tr[data-agency="{agencies["TTT"].pk}"][data-quarter="{quarter}"]')
    expect(ttt_row.locator('[data-col="received"]')).to_have_text("6")
    ca_row = stats.locator(f'tr[data-agency="{agencies["CA"].pk}"][data-quarter="{quarter}"]')
    expect(ca_row.locator('[data-col="received"]')).to_have_text("<5")
    expect(ttt_row.locator('[data-col="satisfaction"]')).to_have_text("—")  # nobody rated yet
    expect(stats).not_to_contain_text("Nguyễn Văn An")

    with page.expect_download() as info:
        page.get_by_test_id("csv-link").click()
    download = info.value
    assert download.suggested_filename == f"thong-ke-don-thu-{today.year}.csv"
    text = open(download.path(), encoding="utf-8-sig").read()
    assert "Đơn tiếp nhận" in text and "<5" in text
    assert "Nguyễn Văn An" not in text
