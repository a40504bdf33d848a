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


@pytest.mark.django_db(transaction=True)
def test_two_identical_submissions_at_once_make_one_petition_on_postgresql(org, agencies):
    """PostgreSQL: the second request waits on the unique form key, then finds the first's
    petition. (SQLite's in-memory test database cannot show this: the gunicorn test does.)"""
    import threading

    from django.db import connection, connections

    from noichinh.portal import services

    if connection.vendor != "postgresql":
        pytest.skip("SQLite is covered by tests/hardening/test_sqlite_concurrent_submit.py")
    barrier = threading.Barrier(2)
    results, errors = [], []

    def send():
        try:
            barrier.wait()
            results.append(
                services.portal_submit(
                    submission_key="cung-mot-bieu-mau",
                    agency=agencies["BTCD"],
                    type="complaint",
                    content="Khiếu nại gửi hai lần cùng lúc",
                    sender_name="Lê Văn Công Khai",
                    sender_address="Thôn Đông",
                )
            )
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Petition.objects.count() == 1
    assert results[0] == results[1]
