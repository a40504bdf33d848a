"""S5 — the secretariat pastes each seed article into the import page, checks the proposed
draft against the hand-made expectations, corrects one field, confirms; the conference and
its figures and tasks exist afterwards. Importing seed 004 a second time offers the records
the first import made and doubles nothing; the imported tasks are in the lead agency's
list. An officer is refused the page."""

import json
from pathlib import Path

import pytest

from tests.scenarios.shots import guide_shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DATA = Path(__file__).resolve().parent.parent / "textimport" / "data"

# The one correction made on each seed: the meeting date where the article gives none,
# otherwise the chair's name or an indicator's value.
CORRECTIONS = {
    "seed_000": ("input[name=date]", "07/10/2022"),
    "seed_001": ("input[name=date]", "12/10/2021"),
    "seed_002": ("input[name=chair_name]", "Đồng chí Lê Thị Kim Dung"),
    "seed_003": ("input[name=date]", "10/07/2020"),
    "seed_004": ("input[name='ind-0-value']", "1.234"),
}
SEEDS = sorted(CORRECTIONS)


def _expected(name: str) -> tuple[str, dict]:
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    return text, json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def _vn_date(iso: str | None) -> str:
    if not iso:
        return ""
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def _vn_number(value) -> str:
    from noichinh.textimport.numbers import format_vn_number

    return format_vn_number(value)


@pytest.mark.parametrize("name", SEEDS)
def test_secretariat_imports_a_seed_article(org, page, login_as, name):
    from noichinh.briefings.models import Conference

    text, expected = _expected(name)
    event, chair = expected["event"], expected["chair"]
    login_as("thuky")
    page.goto(page.base + "/import/")
    page.fill("textarea[name=text]", text)
    page.click("[data-testid=source-form] button[type=submit]")
    page.wait_for_selector("[data-testid=review-form]")
    guide_shot(page, "nhap-van-ban-doi-chieu")

    # The proposed draft, field by field.
    assert page.input_value("select[name=event_type]") == event["type"]
    checked = page.locator("[data-testid=blocs] input:checked")
    assert [checked.nth(i).get_attribute("value") for i in range(checked.count())] == event["blocs"]
    assert page.input_value("select[name=steering_committee]") == (
        event["steering_committee"] or ""
    )
    assert page.input_value("input[name=province]") == (event["province"] or "")
    assert page.input_value("input[name=date]") == _vn_date(event["date"])
    assert page.input_value("select[name=period]") == (event["period"] or "")
    assert page.input_value("input[name=chair_name]") == (chair["name"] or "")
    assert page.input_value("textarea[name=chair_titles]").splitlines() == chair["titles"]

    rows = page.locator("[data-testid=indicator-row]")
    assert rows.count() == len(expected["indicators"])
    for i, want in enumerate(expected["indicators"]):
        assert page.input_value(f"input[name='ind-{i}-value']") == _vn_number(want["value"])
        assert page.input_value(f"select[name='ind-{i}-qualifier']") == want["qualifier"]
        assert page.input_value(f"input[name='ind-{i}-unit']") == want["unit"]
        # The phrase is highlighted in the text beside the form.
        assert page.locator(f"mark#src-ind-{i}").inner_text() == want["text"]
    assert page.locator("[data-testid=task-row]").count() == expected["task_count"]
    for i, agency in enumerate(expected["task_agencies"]):
        assert page.input_value(f"input[name='task-{i}-agency']") == (agency or "")
    assert page.locator("[data-testid=award-row]").count() == len(expected["awards"])
    if event["period"]:
        assert page.locator("mark#src-period").count() == 1

    # One correction, then confirm (the form asks before creating records).
    selector, value = CORRECTIONS[name]
    page.fill(selector, value)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-testid=confirm]")
    page.wait_for_url(lambda url: "/import/" not in url)

    conference = Conference.objects.get()
    assert page.url.endswith(f"/briefings/{conference.pk}/")
    assert conference.period_code == event["period"]
    assert conference.figures.count() == len(expected["indicators"])
    assert conference.tasks.count() == expected["task_count"]
    if selector == "input[name=date]":
        assert conference.date.strftime("%d/%m/%Y") == value
    elif selector == "input[name=chair_name]":
        assert conference.chair_name == value
    else:
        assert conference.figures.order_by("id").first().value == 1234
    bloc_codes = sorted(b.code for b in conference.blocs.all())
    assert bloc_codes, "the conference belongs to a bloc or steering committee"


def test_a_mistake_keeps_the_corrections_and_creates_nothing(org, page, login_as):
    from noichinh.briefings.models import Conference

    text, _ = _expected("seed_003")
    login_as("thuky")
    page.goto(page.base + "/import/")
    page.fill("textarea[name=text]", text)
    page.click("[data-testid=source-form] button[type=submit]")
    page.wait_for_selector("[data-testid=review-form]")
    page.fill("input[name=chair_name]", "Tên đã sửa")
    page.fill("input[name=date]", "32/07/2020")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-testid=confirm]")
    page.wait_for_selector("[data-testid=review-has-errors]")
    assert "Ngày không hợp lệ" in page.locator("[data-testid=review-form]").inner_text()
    assert page.input_value("input[name=chair_name]") == "Tên đã sửa"
    assert page.input_value("input[name=date]") == "32/07/2020"
    assert page.locator("mark#src-ind-0").inner_text() == "5 vụ án"
    assert Conference.objects.count() == 0


def test_officer_is_refused_the_import_page(org, page, login_as):
    login_as("canbo")
    assert "Nhập từ văn bản" not in page.locator("header nav").text_content()
    response = page.goto(page.base + "/import/")
    assert response.status == 403
    assert "Không có quyền truy cập" in page.locator("h1").inner_text()


def _paste_seed_004(page):
    text, _ = _expected("seed_004")
    page.goto(page.base + "/import/")
    page.fill("textarea[name=text]", text)
    page.click("[data-testid=source-form] button[type=submit]")
    page.wait_for_selector("[data-testid=review-form]")


def _confirm(page):
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-testid=confirm]")
    page.wait_for_url(lambda url: "/import/" not in url)


def _award_counts(page, issuer):
    row = page.locator(f"[data-testid=award-summary] tr[data-issuer={issuer}]")
    return (
        row.locator("[data-testid=collectives]").inner_text(),
        row.locator("[data-testid=individuals]").inner_text(),
    )


def test_seed_004_imported_twice_doubles_nothing_and_its_tasks_reach_the_agency(
    org, page, login_as
):
    from playwright.sync_api import expect

    from noichinh.briefings.models import Conference

    login_as("thuky")
    _paste_seed_004(page)
    # Every task is proposed on a real agency, with the reason shown.
    lead = page.locator("select[name='task-0-lead_agency'] option:checked")
    assert lead.inner_text() == "Công an tỉnh"
    assert "Ban Chỉ đạo 138" in page.locator("[data-testid=agency-why]").first.inner_text()
    assert page.locator("[data-testid=conference-twins]").count() == 0
    _confirm(page)
    first_url = page.url

    # The second import of the same article offers what the register already holds.
    _paste_seed_004(page)
    twins = page.locator("[data-testid=conference-twins]")
    expect(twins).to_contain_text("Sổ đã có hội nghị")
    assert twins.locator("[data-testid=conference-twins-use]").is_checked()
    awards = page.locator("[data-testid=award-twins]")
    expect(awards).to_have_count(3)
    for i in range(3):
        assert awards.nth(i).locator("[data-testid=award-twins-use]").first.is_checked()
    _confirm(page)
    assert page.url == first_url
    assert Conference.objects.count() == 1

    page.goto(page.base + "/briefings/awards/")
    assert _award_counts(page, "minister_public_security") == ("7", "0")
    assert _award_counts(page, "provincial_chair") == ("9", "1")
    assert _award_counts(page, "police_director") == ("17", "18")

    # The provincial police (lead agency) find the imported tasks in their own list.
    login_as("canbo_ca")
    page.goto(page.base + "/briefings/tasks/")
    rows = page.locator("tbody tr", has_text="Công an tỉnh")
    expect(rows.filter(has_text="thành viên Ban Chỉ đạo 138 các cấp bám sát")).to_have_count(1)
    expect(rows.filter(has_text="Trước mắt, các cơ quan, đơn vị thành viên")).to_have_count(1)


def test_a_confirmed_import_is_reopened_and_corrected_without_doubling(org, page, login_as):
    """Issue 18: the history reopens a confirmed import beside its highlighted text; the
    corrected figure replaces the old one on the conference page, nothing is doubled."""
    from playwright.sync_api import expect

    from noichinh.briefings.models import AwardDecision, Conference, ConferenceFigure, Task

    login_as("thuky")
    _paste_seed_004(page)
    _confirm(page)
    counts = (ConferenceFigure.objects.count(), Task.objects.count(), AwardDecision.objects.count())
    page.goto(page.base + "/import/history/")
    page.click("[data-testid=reopen]")
    expect(page.locator("[data-testid=reopened]")).to_be_visible()
    expect(page.locator("[data-testid=source-text] mark#src-ind-0")).to_be_visible()
    old = page.input_value("input[name='ind-0-value']")
    page.fill("input[name='ind-0-value']", "4.321")
    _confirm(page)
    expect(page.locator("body")).to_contain_text("4.321")
    assert old != "4.321"
    assert Conference.objects.count() == 1
    assert (
        ConferenceFigure.objects.count(),
        Task.objects.count(),
        AwardDecision.objects.count(),
    ) == counts
