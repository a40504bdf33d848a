"""The home page's "overdue and due soon by agency" costs what the petitions due lately cost
(issue 21 §4): the long-overdue petitions piled up in the register are counted from kept
per-agency tallies, the figures stay those of the records, and the rows read do not grow
with ten times more long-overdue petitions."""

import datetime as dt
import uuid

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from noichinh.petitions import daily, selectors, services
from noichinh.petitions.models import Petition
from tests.petitions.factories import make_petition
from tests.petitions.test_escalation_scale import _rows_read_pg
from tests.petitions.test_query_plans import _load_province_stats

TODAY = dt.date(2026, 6, 3)
RUNNING = ("received", "classified", "accepted")


def _from_records(user, today=TODAY):
    """The figures as the records give them (the definition: running, due by the cut-off)."""
    from noichinh.petitions import permissions

    cutoff = selectors.soon_cutoff(5, today)
    out = {}
    for p in permissions.visible_petitions(user).filter(state__in=RUNNING, next_due__lte=cutoff):
        row = out.setdefault(p.agency_id, [0, 0])
        row[0 if p.next_due < today else 1] += 1
    return out


def _figures(user, today=TODAY):
    return {
        r["agency_id"]: [r["overdue"], r["soon"]]
        for r in selectors.due_by_agency(user=user, today=today)
    }


@pytest.fixture
def register(users, agencies):
    with time_machine.travel(dt.datetime(2026, 5, 25, 9), tick=False):
        recent = make_petition(users["canbo_ca"], agencies["CA"], received_on=dt.date(2026, 5, 25))
        recent = services.petition_assign(
            actor=users["truongdonvi"], petition=recent, officer=users["canbo_ca"]
        )
    old = make_petition(users["canbo_ca"], agencies["CA"], received_on=dt.date(2025, 1, 6))
    old.next_due = dt.date(2025, 2, 3)  # long overdue, still running
    old.save(update_fields=["next_due"])
    make_petition(users["canbo"], agencies["TTT"], received_on=dt.date(2025, 3, 3))
    return old


def _pile_up(old, n, start):
    copies = []
    for i in range(n):
        c = Petition.objects.get(pk=old.pk)
        c.pk = c.id = None
        c.uuid = uuid.uuid4()
        c.receipt_no = f"{start + i}/2025"
        copies.append(c)
    Petition.objects.bulk_create(copies)
    daily.mark_records(Petition, copies)  # as the loaders that write without save() do


@pytest.mark.parametrize("who", ["admin", "canbo_ca", "truongdonvi"])
def test_figures_are_the_records_through_every_change(users, register, who):
    user = users[who]
    assert _figures(user) == _from_records(user)
    _pile_up(register, 3, 100)
    assert _figures(user) == _from_records(user)
    register.state = "resolved"  # one long-overdue petition closes
    register.save(update_fields=["state"])
    assert _figures(user) == _from_records(user)
    Petition.objects.filter(receipt_no="100/2025").delete()
    assert _figures(user) == _from_records(user)
    # Weeks later the boundary moves past the recent petition: counted from the tallies.
    later = TODAY + dt.timedelta(weeks=6)
    assert _figures(user, later) == _from_records(user, later)


def test_rows_read_do_not_grow_with_long_overdue_petitions(users, register):
    admin = users["admin"]
    _pile_up(register, 10, 100)
    _figures(admin)  # the tallies counted once
    with CaptureQueriesContext(connection) as small:
        before = _figures(admin)
    _pile_up(register, 100, 1000)
    _figures(admin)
    with CaptureQueriesContext(connection) as large:
        after = _figures(admin)
    assert after[register.agency_id][0] == before[register.agency_id][0] + 100
    assert after == _from_records(admin)
    assert len(large.captured_queries) == len(small.captured_queries)
    reads = [q["sql"] for q in large.captured_queries if '"petitions_petition"' in q["sql"]]
    assert len(reads) == 1
    if connection.vendor == "sqlite":
        _load_province_stats()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + reads[0])
            plan = " ".join(row[-1] for row in cursor.fetchall())
        # A bounded range of an index on the due date: due from the boundary on.
        assert "SCAN" not in plan and "next_due>?" in plan and "next_due<?" in plan, plan
    else:
        small_reads = [
            q["sql"] for q in small.captured_queries if '"petitions_petition"' in q["sql"]
        ]
        assert _rows_read_pg(reads[0]) == _rows_read_pg(small_reads[0])
