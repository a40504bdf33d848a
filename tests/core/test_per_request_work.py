"""What does not change per request is not fetched again and again (issue 21): the agency
subtree in one recursive query, the calendar kept until calendar data changes, and the
secretariat's home page in a bounded number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from noichinh.core import selectors as core_selectors
from noichinh.core.models import CalendarException
from noichinh.org.models import Agency
from noichinh.org.permissions import base

pytestmark = pytest.mark.django_db


def _subtree_by_walking(root_id):
    children = {}
    for pk, parent in Agency.objects.values_list("id", "parent_id"):
        children.setdefault(parent, []).append(pk)
    ids, todo = set(), [root_id]
    while todo:
        pk = todo.pop()
        if pk not in ids:
            ids.add(pk)
            todo.extend(children.get(pk, []))
    return ids


def test_agency_subtree_is_one_query_and_holds_every_level(agencies):
    root = agencies["CA"]
    expected = _subtree_by_walking(root.pk)
    assert len(expected) > 2  # provincial police with district police below
    with CaptureQueriesContext(connection) as ran:
        got = base.agency_subtree_ids(root.pk)
    assert got == expected
    assert len(ran) == 1


def test_secretariat_sees_its_bloc_subtrees_in_two_queries(users):
    secretariat = users["thuky"]
    expected = _subtree_by_walking(secretariat.agency_id)
    for member in base.bloc_agency_ids(secretariat.bloc_id):
        expected |= _subtree_by_walking(member)
    secretariat = type(secretariat).objects.get(pk=secretariat.pk)  # no ids kept on it yet
    with CaptureQueriesContext(connection) as ran:
        got = base.visible_agency_ids(secretariat)
    assert got == expected
    assert len(ran) <= 2  # the bloc's members, then their subtrees


def _calendar_queries(ran):
    return [q for q in ran if "core_calendar" in q["sql"]]


def test_calendar_is_not_read_again_until_it_changes(org):
    core_selectors.work_calendar()
    with CaptureQueriesContext(connection) as ran:
        calendar = core_selectors.work_calendar()
    assert _calendar_queries(ran) == []
    day = dt.date(2026, 6, 3)  # a Wednesday
    assert calendar.is_working_day(day)

    CalendarException.objects.create(date=day, is_day_off=True, reason="Nghỉ bù")
    assert not core_selectors.work_calendar().is_working_day(day)
    CalendarException.objects.filter(date=day).delete()
    assert core_selectors.work_calendar().is_working_day(day)


def test_secretariat_home_page_queries_are_bounded(client, users, django_assert_max_num_queries):
    client.force_login(users["thuky"])
    client.get(reverse("home"))
    # 26 before issue 21, 11 of them the subtree a level at a time; the calendar is now one
    # look-up of its version in the cache (none with Redis) instead of every entered day.
    # 16 then; issue 19 added the panels "Đã báo cấp trên" (1), "Thông báo của tôi" (2) and
    # the senders' "không hài lòng" card (1); issue 21 §4 the agencies with their kept
    # tallies of long-overdue petitions (1), so the overdue count reads only recent dues.
    with django_assert_max_num_queries(21):
        r = client.get(reverse("home"))
    assert r.status_code == 200
