"""The petitions figures page: every figure in a few grouped queries, each value the same as
the figure computed alone (and so the count of the list it links to)."""

import datetime as dt

import pytest

from noichinh.petitions import daily, figures
from tests.petitions.factories import make_petition, make_visit

pytestmark = pytest.mark.django_db


def test_figures_page_values_match_single_figures_in_few_queries(
    client, users, agencies, django_assert_max_num_queries
):
    daily.rebuild()  # a running register: its summary exists; the records below mark days
    for i in range(6):
        make_petition(
            users["canbo"],
            agencies["TTT"],
            received_on=dt.date(2026, 1, 5) + dt.timedelta(days=i),
            type="complaint" if i % 2 else "recommendation",
        )
        make_visit(users["canbo"], agencies["TTT"], visited_on=dt.date(2026, 1, 6))
    client.force_login(users["thuky"])
    url = "/petitions/figures/?from=01/01/2026&to=31/03/2026"
    # One figure at a time was 50+ queries. Now: the page's own (agencies, units), the
    # refresh of the days the records above marked (about ten) and one read per axis.
    with django_assert_max_num_queries(34):
        response = client.get(url)
    assert response.status_code == 200
    shown = {row["code"]: row["value"] for row in response.context["rows"]}
    assert len(shown) == len(figures.FIGURE_LIST)
    start, end = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
    for code in shown:
        alone = figures.FIGURES[code](agency_ids=None, unit_ids=None, start=start, end=end)
        assert shown[code] == alone, code
    assert shown["reception.visits"] == 6 and shown["petitions.received"] == 6


def test_the_partial_indexes_use_the_open_states():
    from noichinh.petitions.models import OPEN, Petition

    assert OPEN == [str(s) for s in Petition.OPEN_STATES]
