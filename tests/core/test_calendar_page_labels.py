"""The calendar page names rule variants in Vietnamese, never by their codes."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CODES = re.compile(
    r"\b(remote_complex|complex|remote|multi_site|extended(_\w+)?|national_security)\b"
)


def test_calendar_page_shows_no_variant_codes(client, users):
    client.force_login(users["canbo"])
    html = client.get(reverse("core:calendar")).content.decode()
    # Option values may carry the code; what an officer reads may not.
    visible = re.sub(r'value="[^"]*"', "", html)
    visible = re.sub(r'name="[^"]*"', "", visible)
    assert not CODES.search(visible), CODES.search(visible).group(0)
    assert "Vụ việc phức tạp" in html
    assert "Gia hạn lần 1" in html


def test_unknown_variant_message_names_variants_in_vietnamese(client, users):
    client.force_login(users["canbo"])
    html = client.get(
        reverse("core:calendar"),
        {"rule": "complaint.first.resolve", "variant": "nonsense", "start": "01/06/2026"},
    ).content.decode()
    assert "không có trường hợp" in html
    visible = re.sub(r'value="[^"]*"', "", html)
    assert "remote_complex" not in visible


def test_2020_is_official_by_the_labour_ministry_notice():
    from noichinh.core.models import CalendarYear

    year = CalendarYear.objects.get(year=2020)
    assert year.status == "official"
    notice = year.notices.get()
    assert notice.number == "4544/TB-LĐTBXH"
    assert notice.issued_on.isoformat() == "2019-10-25"
    # Tết Canh Tý: Thursday 23/01 to Wednesday 29/01/2020.
    off = set(year.days.filter(is_day_off=True).values_list("date", flat=True))
    assert {d.day for d in off if d.month == 1} >= {23, 24, 27, 28, 29}
