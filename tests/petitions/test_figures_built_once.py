"""The figures' COUNT … FILTER expressions are built once, not on every request (issue 21),
and the figures stay what the records say."""

import datetime as dt

import pytest
import time_machine

from noichinh.petitions import figures
from tests.petitions.factories import make_petition

pytestmark = pytest.mark.django_db


def _codes(axis):
    return [c for c, s in figures.SPECS.items() if s.axis == axis and not s.overdue]


@time_machine.travel(dt.date(2026, 6, 1))
def test_the_same_figures_reuse_their_built_expressions():
    codes = _codes("petition")
    first, alias, _ = figures.aggregates_for("petition", codes)
    again, alias_again, _ = figures.aggregates_for("petition", codes)
    assert alias == alias_again
    assert all(again[name] is first[name] for name in first)
    first["extra"] = None  # a caller's dict is its own
    assert "extra" not in figures.aggregates_for("petition", codes)[0]


@time_machine.travel(dt.date(2026, 6, 1))
def test_figures_counted_twice_from_the_records_agree_with_the_records(users, agencies):
    for day in (4, 5, 6):
        make_petition(users["canbo"], agencies["TTT"], received_on=dt.date(2026, 5, day))
    make_petition(
        users["canbo"], agencies["TTT"], received_on=dt.date(2026, 5, 7), type="denunciation"
    )
    codes = _codes("petition")
    ranges = [
        (dt.date(2026, 5, 1), dt.date(2026, 5, 31)),
        (dt.date(2026, 4, 1), dt.date(2026, 4, 30)),
    ]
    once = figures.compute_ranges_from_records(codes, agency_ids=None, unit_ids=None, ranges=ranges)
    twice = figures.compute_ranges_from_records(
        codes, agency_ids=None, unit_ids=None, ranges=ranges
    )
    assert once == twice
    assert max(once[0].values()) == 4 and max(once[1].values()) == 0
