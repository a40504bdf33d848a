"""The home page's counts and the list sorted by due date read a bounded part of the register
(issue 9: they grew ×3–6 from 1e5 to 1e6 petitions on SQLite).

SQLite's planner picks indexes by the shape of the query, not by measured costs, so a query
that can take a wrong index will take it at any size: the plan is asserted here. PostgreSQL
chooses by statistics of the data (on a test's few rows, a sequential scan is right), so the
growth there is measured by ``make bench``, not asserted.
"""

import pytest
from django.db import connection

from noichinh.petitions import selectors
from noichinh.petitions.models import Petition

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL's is costed (make bench)"
    ),
]


# sqlite_stat1 of the petitions table as ANALYZE left it in a generated province-year
# (1,000,000 petitions, ``make bench``'s database): the plans below are the ones SQLite takes
# with a real register's statistics, which ``manage.py analyze_db`` keeps (nightly cron).
PROVINCE_STATS = {
    "pet_agency_received": "1000000 29412 42",
    "pet_agency_state_due": "1000000 29412 4902 99",
    "pet_agency_type_due": "1000000 29412 5883 76 1",
    "pet_due_id": "1000000 1316 1",
    "pet_mass_state": "30328 5055 149",
    "pet_over_level_state": "39521 6587 194",
    "pet_received": "1000000 913",
    "pet_running_due": "32179 43 1",
    "pet_running_received": "32179 30 4 2 2",
    "pet_state_due": "1000000 166667 1308",
    "pet_type_due": "1000000 200000 659 1",
    "pet_type_received": "1000000 200000 183",
    "petitions_petition_agency_id_92e1d5eb": "1000000 29412",
    "petitions_petition_forwarded_from_id_c2e2ada3": "1000000 1000000",
}


def _load_province_stats():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # creates sqlite_stat1 (empty tables add no rows)
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'petitions_petition'")
        for idx, stat in PROVINCE_STATS.items():
            cursor.execute(
                "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('petitions_petition', %s, %s)",
                [idx, stat],
            )
        cursor.execute("ANALYZE sqlite_schema")  # the planner reloads the statistics


@pytest.fixture(params=["no statistics", "a province's statistics"])
def stats(request):
    """A plan asserted twice: on a new database (no ANALYZE yet, as after ``migrate``) and
    with a province-year's statistics."""
    if request.param != "no statistics":
        _load_province_stats()


@pytest.fixture
def province_stats():
    """Plans that need the statistics: without them SQLite takes pet_state_due, which has the
    same state=? search, for the open rows' partial indexes."""
    _load_province_stats()


def _plan(qs) -> str:
    return qs.explain()


def test_open_mass_and_over_level_counts_read_their_small_indexes(stats):
    open_qs = Petition.objects.filter(state__in=selectors.OPEN)
    assert "pet_mass_state" in _plan(open_qs.filter(is_mass=True))
    assert "pet_over_level_state" in _plan(open_qs.filter(is_over_level=True))
    # Not the index of every open petition, each then looked up in the table.
    assert "pet_state_due" not in _plan(open_qs.filter(is_mass=True))


def test_to_urge_reads_only_forwarded_records(stats):
    """Not every forwarded record (a fifth of the register) each looked up in the table."""
    qs = selectors.petition_filter(
        Petition.objects.all(), selectors.PetitionFilters(flag="to_urge")
    )
    plan = _plan(qs)
    assert "COVERING INDEX pet_forwarded_due" in plan
    assert "pet_state_due" not in plan


@pytest.mark.parametrize("agency_ids", [[1], list(range(1, 30))], ids=["agency", "subtree"])
def test_type_list_sorted_by_due_date_needs_no_sort_of_all_matches(stats, agency_ids):
    """LIMIT 25 then stops after the first matches in due-date order, instead of sorting every
    complaint of the agency (16,000 for the busiest at 1e6) or of the agencies under it: one
    agency walks pet_agency_type_due, several walk pet_type_due."""
    qs = selectors.petition_filter(
        Petition.objects.filter(agency_id__in=agency_ids),
        selectors.PetitionFilters(type="complaint", sort="due"),
    )[:25]
    plan = _plan(qs)
    assert "pet_type_due" in plan or "pet_agency_type_due" in plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan


def test_overdue_list_walks_the_running_limits_index(province_stats):
    """The bound ``state IN (?, ?, ?)`` Django writes would never match the partial index's
    condition on SQLite; ``state__in_literal`` writes the states into the SQL."""
    qs = selectors.petition_filter(
        Petition.objects.all(), selectors.PetitionFilters(due="overdue", sort="due")
    )[:25]
    plan = _plan(qs)
    assert "pet_running_due" in plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan


def test_overdue_figure_reads_the_open_rows_index(province_stats):
    import datetime as dt

    from noichinh.petitions import figures

    ran = []

    def record(execute, sql, params, many, context):
        ran.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        figures.compute_ranges_from_records(
            ["petitions.overdue"],
            agency_ids=None,
            unit_ids=None,
            ranges=[(dt.date(2026, 7, 1), dt.date(2026, 9, 30))],
        )
    (sql, params), *_ = [(q, p) for q, p in ran if "petitions_petition" in q]
    with connection.cursor() as cursor:  # the plan of the query as run, parameters bound
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "COVERING INDEX pet_running_received" in plan


def test_forward_chain_frontier_searches_the_forwarded_from_index(province_stats, users, agencies):
    """The detail page of a forwarded petition (one in five) looks for the records forwarded
    from it. With the model's default ORDER BY, a province's statistics made SQLite walk the
    whole received-date index (283 ms at 1e5, growing with the register, issue 21)."""
    from tests.petitions.factories import make_petition

    first = make_petition(users["canbo"], agencies["TTT"])
    second = make_petition(users["canbo"], agencies["TTT"])
    Petition.objects.filter(pk=second.pk).update(forwarded_from=first)
    ran = []

    def record(execute, sql, params, many, context):
        ran.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        chain = selectors.forward_chain(first)
    assert [p.pk for p in chain] == [first.pk, second.pk]
    frontier = [(q, p) for q, p in ran if '"forwarded_from_id" IN' in q]
    assert frontier
    for sql, params in frontier:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row) for row in cursor.fetchall())
        assert "petitions_petition_forwarded_from_id" in plan, plan
        assert "SCAN petitions_petition" not in plan, plan
        assert "TEMP B-TREE FOR ORDER BY" not in plan, plan
