"""The shell's layout at 1366 px (an office screen) and 390 px (a phone), compared with stored
screenshots (issue 23 §3): the home page, the petitions list, a petition, the report page and
the portal. Time is frozen and the demo province is loaded, so the pages show the same data on
SQLite and PostgreSQL; a small share of differing pixels is tolerated (font anti-aliasing).
Regenerate with UPDATE_SCREENSHOTS=1 (or --update-screenshots) after a deliberate change."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from tests.conftest import login
from tests.scenarios.shots import compare_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
WIDTHS = {"1366": (1366, 768), "390": (390, 844)}
TOLERANCE = 0.01


@pytest.fixture
def frozen_demo(settings):
    from tests.conftest import _ensure_rules

    # Cookies that outlive the browser would carry dates of the frozen clock.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    with time_machine.travel(NOW, tick=False):
        _ensure_rules()
        call_command("load_demo", stdout=open("/dev/null", "w"))
    with time_machine.travel(NOW, tick=True):
        yield


def _pages():
    from noichinh.petitions.models import Petition
    from noichinh.reports.models import Period

    petition = Petition.objects.exclude(type="denunciation").order_by("received_on", "pk").first()
    period = (
        Period.objects.filter(report_type__code="party_briefing", kind=Period.QUARTER)
        .order_by("year", "number")
        .last()
    )
    return [
        ("home", "thuky", "/"),
        ("petitions", "thuky", "/petitions/"),
        ("petition", "thuky", f"/petitions/{petition.pk}/"),
        ("report", "thuky", f"/reports/periods/{period.pk}/report/"),
        ("portal", None, "/portal/"),
    ]


def test_main_pages_keep_their_layout_at_1366_and_390_px(frozen_demo, browser, live_server):
    differences = []
    for width, (w, h) in WIDTHS.items():
        context = browser.new_context(
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            viewport={"width": w, "height": h},
            device_scale_factor=1,
        )
        context.set_default_timeout(30_000)
        page = context.new_page()
        page.base = live_server.url
        try:
            logged_in = False
            for name, user, path in _pages():
                if user and not logged_in:
                    login(page, user)
                    logged_in = True
                if user is None:
                    page.context.clear_cookies()
                page.goto(page.base + path)
                page.wait_for_selector("main h1")
                ratio = compare_screenshot(page, f"{name}-{width}")
                if ratio > TOLERANCE:
                    differences.append(f"{name}-{width}: {ratio:.2%} of pixels differ")
        finally:
            context.close()
    assert not differences, "\n".join(differences) + " (new images in screenshots/last-run/)"


def test_the_navigation_fits_one_line_at_1366_px_and_folds_at_390_px(frozen_demo, page):
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, "thuky")
    header = page.locator("header.top")
    assert header.bounding_box()["height"] < 60
    group = page.locator(".nav-group[data-group=petitions] summary")
    group.click()
    link = page.locator("header nav").get_by_role("link", name="Đơn thư", exact=True)
    link.wait_for(state="visible")
    link.click()
    page.wait_for_url("**/petitions/")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    menu = page.locator("details.menu > summary")
    assert menu.is_visible()
    assert not page.locator(".nav-groups").is_visible()
    menu.click()
    page.locator(".nav-groups").wait_for(state="visible")
    assert page.locator(".nav-groups").bounding_box()["width"] <= 390


def test_the_comparison_counts_the_pixels_that_changed():
    import io

    from PIL import Image, ImageDraw

    from tests.scenarios.shots import diff_ratio

    def png(box=None, shade=0):
        image = Image.new("RGB", (100, 100), "white")
        if box:
            ImageDraw.Draw(image).rectangle(box, fill=(shade, shade, shade))
        out = io.BytesIO()
        image.save(out, "PNG")
        return out.getvalue()

    assert diff_ratio(png(), png()) == 0
    assert diff_ratio(png(), png((0, 0, 9, 9))) == pytest.approx(0.01)
    # Anti-aliasing moves a few levels: not a difference.
    assert diff_ratio(png((0, 0, 9, 9), 250), png()) == 0
    assert diff_ratio(png(), png((0, 0, 99, 99))) == 1.0
