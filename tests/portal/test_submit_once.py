"""One portal form makes one petition, however many times it is sent (issue 15 §8).

tests/hardening/test_sqlite_concurrent_submit.py sends the same form twice at once to
gunicorn on SQLite.
"""

import datetime as dt
import re

import pytest
import time_machine

from noichinh.petitions.models import Petition
from tests.portal.test_public_portal import _form

pytestmark = pytest.mark.django_db


def _key(client):
    page = client.get("/portal/gui-don/").content.decode()
    return re.search(r'name="submission_key" value="([^"]+)"', page).group(1)


def _code(client, response):
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"]).content.decode()
    return re.search(r'data-testid="receipt-code">([^<]+)<', page).group(1)


def test_each_form_carries_its_own_one_time_key(client, agencies):
    assert _key(client) != _key(client)


def test_the_same_form_sent_twice_makes_one_petition_and_shows_the_same_code(client, agencies):
    data = _form(agencies, submission_key=_key(client))
    first = _code(client, client.post("/portal/gui-don/", data))
    again = _code(client, client.post("/portal/gui-don/", data))
    assert Petition.objects.count() == 1
    assert again == first
    assert client.post("/portal/tra-cuu/", {"code": first}).status_code == 302


def test_two_forms_make_two_petitions(client, agencies):
    _code(client, client.post("/portal/gui-don/", _form(agencies, submission_key=_key(client))))
    _code(client, client.post("/portal/gui-don/", _form(agencies, submission_key=_key(client))))
    assert Petition.objects.count() == 2


def test_a_form_sent_again_much_later_says_it_was_sent_and_makes_nothing(client, agencies):
    data = _form(agencies, submission_key=_key(client))
    start = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        _code(client, client.post("/portal/gui-don/", data))
    with time_machine.travel(start + dt.timedelta(hours=3), tick=False):
        response = client.post("/portal/gui-don/", data)
        assert response.status_code == 200
        assert "Đơn này đã được gửi trước đó" in response.content.decode()
        assert Petition.objects.count() == 1
        # The next petition sent wipes the receipt codes kept for repeats.
        _code(client, client.post("/portal/gui-don/", _form(agencies, submission_key=_key(client))))
    from noichinh.portal.models import PortalSubmission

    kept = PortalSubmission.objects.order_by("created_at").values_list("code_sealed", flat=True)
    assert kept[0] == "" and kept[1] != ""
