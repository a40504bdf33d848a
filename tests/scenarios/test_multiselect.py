"""Agencies are chosen by typing part of a name and picking, not by Ctrl+click in a list box
(issue 23 §2): a conference's attendees and a task's coordinating agencies."""

import pytest

from noichinh.briefings.models import Conference, Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pick(page, field_id: str, typed: str, expected: str):
    """Type into the searchable box and take the highlighted match with the keyboard."""
    box = page.locator(f"#{field_id}-ts-control")
    box.click()
    box.press_sequentially(typed)
    # The best match is highlighted once the list has narrowed to what was typed.
    page.locator(f"#{field_id}-ts-dropdown .option.active", has_text=expected).wait_for()
    box.press("Enter")
    page.locator(f"#{field_id} + .ts-wrapper .item", has_text=expected).wait_for()


def test_conference_attendees_and_task_coordinators_are_typed_and_picked(page, login_as, org):
    login_as("thuky")
    page.goto(page.base + "/briefings/new/")
    # The plain list box is replaced by a box the officer types into.
    page.locator("#id_attendee_agencies-ts-control").wait_for()
    assert "ts-hidden-accessible" in page.locator("#id_attendee_agencies").get_attribute("class")
    page.check(f"input[name=blocs][value='{org['blocs']['NOI_CHINH'].pk}']")
    page.fill("#id_date", "10/10/2026")
    page.fill("#id_chair_name", "Phạm Minh Đức")
    _pick(page, "id_attendee_agencies", "vks", "VKSND tỉnh")
    _pick(page, "id_attendee_agencies", "cong an tinh", "Công an tỉnh")
    # Nothing matches: the officer is told so, in Vietnamese.
    page.locator("#id_attendee_agencies-ts-control").press_sequentially("khong co")
    page.locator("#id_attendee_agencies-ts-dropdown .no-results").wait_for()
    assert "Không tìm thấy" in page.locator("#id_attendee_agencies-ts-dropdown").inner_text()
    page.locator("#id_attendee_agencies-ts-control").fill("")
    page.click("#main button:text-is('Lưu')")
    page.wait_for_selector("[data-testid=attendee-agencies]")
    conference = Conference.objects.get(chair_name="Phạm Minh Đức")
    assert {a.code for a in conference.attendee_agencies.all()} == {"VKS", "CA"}
    shown = page.locator("[data-testid=attendee-agencies]").inner_text()
    assert "VKSND tỉnh" in shown and "Công an tỉnh" in shown

    page.goto(page.base + f"/briefings/{conference.pk}/tasks/new/")
    page.fill("#id_text", "Rà soát các vụ việc phức tạp")
    page.select_option("#id_lead_agency", label="Ban Nội chính")
    page.fill("#id_deadline", "31/12/2026")
    # The full name behind the short one matches too: "vien kiem sat" → "VKSND tỉnh".
    _pick(page, "id_coordinators", "vien kiem sat", "VKSND tỉnh")
    _pick(page, "id_coordinators", "thanh tra tinh", "Thanh tra tỉnh")
    page.locator("#id_coordinators + .ts-wrapper .item", has_text="Thanh tra tỉnh").locator(
        ".remove"
    ).click()
    _pick(page, "id_coordinators", "tand", "TAND tỉnh")
    page.click("#main button:text-is('Lưu')")
    page.wait_for_url(f"**/briefings/{conference.pk}/")
    task = Task.objects.get(text="Rà soát các vụ việc phức tạp")
    assert {a.code for a in task.coordinators.all()} == {"VKS", "TAND"}
