"""The in-app notifications through the API (issue 19 §3): one's own list (unread filter,
pages), marking read; nobody sees or marks another's."""

import datetime as dt

import pytest
import time_machine

from noichinh.petitions import escalation, services
from noichinh.petitions.models import Notification
from tests.petitions.factories import make_petition

DAY = dt.datetime(2026, 3, 2, 9, 0)
URL = "/api/v1/notifications/"


@pytest.fixture
def assigned(users, agencies):
    with time_machine.travel(DAY, tick=False):
        p = make_petition(users["canbo_ca"], agencies["CA"], received_on=DAY.date())
        return services.petition_assign(
            actor=users["truongdonvi"], petition=p, officer=users["canbo_ca"]
        )


def test_list_is_ones_own_newest_first_with_unread_filter(api_client, users, assigned):
    officer = users["canbo_ca"]
    escalation.run(today=assigned.next_due - dt.timedelta(days=1))  # past 50 %: a second notice
    mine = Notification.objects.filter(user=officer)
    assert mine.count() >= 2
    c = api_client.as_user(officer)
    r = c.get(URL)
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == mine.count()
    assert [n["id"] for n in body["items"]] == list(mine.values_list("pk", flat=True))
    assert body["items"][0]["read"] is False and body["items"][0]["message"]
    first = body["items"][0]["id"]
    assert c.post(f"{URL}{first}/read").json() == {"marked": 1}
    unread = c.get(URL, unread="true").json()
    assert first not in [n["id"] for n in unread["items"]]
    assert unread["count"] == mine.count() - 1
    assert c.get(f"{URL}unread-count").json() == {"unread": mine.count() - 1}
    page = c.get(URL, limit=1, offset=1).json()
    assert len(page["items"]) == 1 and page["items"][0]["id"] == body["items"][1]["id"]


def test_another_users_notices_are_neither_seen_nor_marked(api_client, users, assigned):
    note = Notification.objects.filter(user=users["canbo_ca"]).first()
    c = api_client.as_user(users["canbo_vks"])
    assert c.get(URL).json()["count"] == 0
    assert c.post(f"{URL}{note.pk}/read").status_code == 404
    assert c.post(f"{URL}read-all").json() == {"marked": 0}
    note.refresh_from_db()
    assert note.read_at is None


def test_mark_all_read(api_client, users, assigned):
    officer = users["canbo_ca"]
    c = api_client.as_user(officer)
    n = Notification.objects.filter(user=officer, read_at__isnull=True).count()
    assert n >= 1
    assert c.post(f"{URL}read-all").json() == {"marked": n}
    assert c.get(f"{URL}unread-count").json() == {"unread": 0}


def test_petition_linked_only_when_the_reader_may_open_it(api_client, users, assigned):
    late = assigned.next_due + dt.timedelta(days=1)
    escalation.run(today=late)
    items = api_client.as_user(users["truong_tt"]).get(URL).json()["items"]
    told = [n for n in items if assigned.receipt_no in n["message"]]
    assert told and all(n["petition_id"] is None for n in told)
    own = api_client.as_user(users["canbo_ca"]).get(URL).json()["items"]
    assert any(n["petition_id"] == assigned.pk for n in own)


def test_anonymous_gets_401(client):
    assert client.get(URL).status_code == 401
