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


def _plan(qs) -> str:
    return qs.explain()


def test_open_mass_and_over_level_counts_read_their_small_indexes():
    open_qs = Petition.objects.filter(state__in=selectors.OPEN)
    assert "pet_mass_state" in _plan(open_qs.filter(is_mass=True))
    assert "pet_over_level_state" in _plan(open_qs.filter(is_over_level=True))
    # Not the index of every open petition, each then looked up in the table.
    assert "pet_state_due" not in _plan(open_qs.filter(is_mass=True))


def test_to_urge_reads_only_forwarded_records():
    """Not every forwarded record (a fifth of the register) each looked up in the table."""
    qs = selectors.petition_filter(
        Petition.objects.all(), selectors.PetitionFilters(flag="to_urge")
    )
    plan = _plan(qs)
    assert "COVERING INDEX pet_forwarded_due" in plan
    assert "pet_state_due" not in plan


@pytest.mark.parametrize("agency_ids", [[1], list(range(1, 30))])
def test_type_list_sorted_by_due_date_needs_no_sort_of_all_matches(agency_ids):
    """LIMIT 25 then stops after the first matches in due-date order, instead of sorting every
    complaint of the agency (24,580 rows for the busiest at 1e5)."""
    qs = selectors.petition_filter(
        Petition.objects.filter(agency_id__in=agency_ids),
        selectors.PetitionFilters(type="complaint", sort="due"),
    )[:25]
    plan = _plan(qs)
    assert "pet_type_due" in plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan
