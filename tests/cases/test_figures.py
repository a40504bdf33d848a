"""Figures: seed 003 on the demo data, and each figure equals the count of its list."""

import datetime as dt

import pytest

from noichinh.cases import figures, selectors
from noichinh.cases.models import Case
from noichinh.core.formats import parse_vn_date
from tests.cases.conftest import H1_2020

pytestmark = pytest.mark.django_db

SEED_003 = {
    "cases.economic_managers.followed": 5,
    "cases.economic_managers.on_list_end": 2,
    "cases.removed": 1,
    "cases.supervision_removed": 1,
    "cases.economic_managers.followed_end": 4,
    "cases.economic": 5,
    "cases.corruption.on_list_end": 4,
    "cases.corruption": 4,
    "cases.corruption.carried_over": 2,
}


def _fig(code, start, end, agency_ids=None, unit_ids=None):
    return figures.FIGURES[code](agency_ids=agency_ids, unit_ids=unit_ids, start=start, end=end)


def test_demo_reproduces_seed_003_for_the_first_half_of_2020_and_is_idempotent(demo_cases):
    start, end = H1_2020
    got = {code: _fig(code, start, end) for code in SEED_003}
    assert got == SEED_003

    from noichinh.cases.models import CaseStage, SupervisionEntry
    from noichinh.core.models import AuditEntry
    from noichinh.devdata.demo import cases as demo

    before = (
        Case.objects.count(),
        CaseStage.objects.count(),
        SupervisionEntry.objects.count(),
        AuditEntry.objects.count(),
    )
    demo.load(demo_cases)
    after = (
        Case.objects.count(),
        CaseStage.objects.count(),
        SupervisionEntry.objects.count(),
        AuditEntry.objects.count(),
    )
    assert before == after
    for start, end in [
        H1_2020,
        (dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
        (dt.date(2020, 1, 1), dt.date(2026, 11, 1)),
    ]:
        assert _fig("cases.on_list_end", start, end) == (
            _fig("cases.on_list_start", start, end)
            + _fig("cases.added", start, end)
            - _fig("cases.removed", start, end)
        )


def _parse(filters):
    out = {}
    for key, value in filters.items():
        try:
            out[key] = parse_vn_date(value) if "/" in value else value
        except ValueError:
            out[key] = value
    return out


def test_every_figure_equals_the_count_of_its_list(demo_cases, users, agencies):
    admin = users["admin"]
    for start, end in [H1_2020, (dt.date(2025, 1, 1), dt.date(2026, 11, 20))]:
        for code in figures.FIGURES:
            filters = figures.figure_list_filters(code, start, end)
            if filters is None:
                continue
            listed = selectors.case_list(user=admin, filters=_parse(filters)).count()
            assert _fig(code, start, end) == listed, code
    start, end = H1_2020
    ttt = {agencies["TTT"].pk}
    assert _fig("cases.corruption.on_list_end", start, end, agency_ids=ttt) == 1
    assert _fig("cases.economic_managers.followed", start, end, agency_ids=ttt) == 0
    followed = selectors.followed_in(Case.objects.all(), start, end)
    assert _fig("cases.defendants", start, end) == sum(c.defendants_count for c in followed)
    assert _fig("cases.damage_vnd", start, end) == sum(c.damage_vnd for c in followed)
    assert _fig("cases.recovered_vnd", start, end) == sum(c.recovered_vnd for c in followed)

    # Overdue at a fixed day: the two demo stages past their time limits.
    overdue = selectors.overdue_on(Case.objects.all(), dt.date(2026, 11, 23))
    assert set(overdue.values_list("number", flat=True)) == {"TN-2025-01", "TN-2025-02"}
