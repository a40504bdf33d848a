"""Browser: S4 (seed 004) in the reports. Ban Chỉ đạo 138's standing agency is Công an
tỉnh: its Director opens the committee's 2022 annual report from the periods list, and
the awards part gives the register's recipients by level and form — 7 collectives with
the Minister of Public Security's Bằng khen; 9 collectives and 1 individual with the
provincial Chair's Bằng khen; 17 collectives and 18 individuals with the Director's
Giấy khen — and compares the year with one period only."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def s4_data(org):
    from noichinh.devdata.demo import briefings as briefings_demo
    from noichinh.devdata.demo import reports as reports_demo

    reports_demo.load(org)
    briefings_demo.load(org)
    return org


def _counts(page, issuer):
    row = page.locator(f"[data-testid=award-breakdown] tr[data-issuer={issuer}]")
    return (
        row.locator("td").nth(1).inner_text(),
        row.locator("[data-testid=collectives]").inner_text(),
        row.locator("[data-testid=individuals]").inner_text(),
    )


def test_s4_the_police_director_opens_the_bcd138_annual_report(s4_data, page, login_as):
    page.context.set_default_timeout(60_000)
    login_as("truongdonvi")
    page.goto(page.base + "/reports/?kind=Y&year=2022")
    page.locator("[data-testid=period-row]", has_text="Ban Chỉ đạo 138 tỉnh").locator("a").click()
    page.click("[data-testid=aggregate]")
    expect(page.locator("h1")).to_contain_text("Ban Chỉ đạo 138 tỉnh")

    breakdown = page.locator("[data-testid=award-breakdown]")
    expect(breakdown).to_contain_text("Bộ trưởng Bộ Công an tặng Bằng khen cho 7 tập thể")
    assert _counts(page, "minister_public_security") == ("Bằng khen", "7", "0")
    assert _counts(page, "provincial_chair") == ("Bằng khen", "9", "1")
    assert _counts(page, "police_director") == ("Giấy khen", "17", "18")

    # A year: the period before it is the same year, shown once.
    header = page.locator("[data-testid=section-table] thead").first.inner_text()
    assert "Kỳ trước" not in header and "so kỳ trước" not in header
    assert "Năm 2021" in header

    # The two charts sit side by side or one above the other, never on top of each other,
    # each inside its own box, and the by-agency chart of a register figure is drawn.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.url.split("?")[0] + "?indicator=awards.collectives")
    boxes = []
    for testid in ("chart-trend", "chart-agencies"):
        img = page.locator(f"[data-testid={testid}]")
        img.scroll_into_view_if_needed()
        expect(img).to_have_js_property("complete", True)
        assert img.evaluate("i => i.naturalWidth") > 300
        box, frame = img.bounding_box(), img.locator("xpath=..").bounding_box()
        assert box["width"] <= frame["width"] + 1 and box["x"] >= frame["x"] - 1
        boxes.append(box)
    a, b = boxes
    apart_x = a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
    apart_y = a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
    assert apart_x or apart_y
