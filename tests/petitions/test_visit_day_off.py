"""A visit dated on a Sunday or a public holiday asks for a confirmation before it is saved."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from noichinh.petitions.models import Visit

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 5, 20, 9)


@pytest.fixture
def tt(client, users):
    client.force_login(users["canbo"])
    return client


def _visit(agencies, day, **extra):
    return {
        "agency": agencies["TTT"].pk,
        "visited_on": day,
        "kind": "regular",
        "petition_type": "complaint",
        "field": "land",
        "people_count": "1",
        "content": "Khiếu nại việc thu hồi đất",
        "answer": "guided",
        **extra,
    }


@time_machine.travel(TODAY)
@pytest.mark.parametrize(
    ("day", "phrase"),
    [("17/05/2026", "là chủ nhật"), ("01/05/2026", "là ngày nghỉ")],
    ids=["sunday", "labour-day"],
)
def test_a_visit_on_a_day_off_asks_for_confirmation(tt, agencies, day, phrase):
    response = tt.post(reverse("petitions:visit_create"), _visit(agencies, day))
    assert response.status_code == 200
    assert phrase in response.text and "đánh dấu xác nhận" in response.text
    assert 'type="checkbox" name="confirm_day_off"' in response.text
    assert (
        'value="Khiếu nại việc thu hồi đất"' in response.text
        or "Khiếu nại việc thu hồi đất" in response.text
    )
    assert not Visit.objects.exists()
    confirmed = tt.post(
        reverse("petitions:visit_create"), _visit(agencies, day, confirm_day_off="on")
    )
    assert confirmed.status_code == 302
    assert Visit.objects.get().visited_on.strftime("%d/%m/%Y") == day


@time_machine.travel(TODAY)
def test_a_visit_on_a_working_day_or_a_saturday_is_saved_at_once(tt, agencies):
    for day in ("18/05/2026", "16/05/2026"):
        response = tt.post(reverse("petitions:visit_create"), _visit(agencies, day))
        assert response.status_code == 302, day
    assert Visit.objects.count() == 2
    page = tt.get(reverse("petitions:visit_create")).content.decode()
    assert 'type="checkbox" name="confirm_day_off"' not in page
