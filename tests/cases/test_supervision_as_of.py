"""The supervision list "as of" any date, whatever the order the decisions were typed in."""

import datetime as dt
import random

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from noichinh.cases import selectors, services
from noichinh.cases.models import Case, SupervisionDecision, SupervisionEntry

pytestmark = pytest.mark.django_db

BASE = dt.date(2020, 1, 1)


def _model_on_list(decisions, day):
    """Pure model: latest decision on or before ``day`` per case is an addition."""
    latest = {}
    for case_idx, offset, kind in sorted(decisions, key=lambda d: d[1]):
        if BASE + dt.timedelta(days=offset) <= day:
            latest[case_idx] = kind
    return {c for c, k in latest.items() if k == SupervisionEntry.ADD}


def _effective(decisions, kind, start, end):
    """Model of added/removed in a period: decisions in it that change the case's state."""
    count = set()
    by_case = {}
    for case_idx, offset, k in sorted(decisions, key=lambda d: d[1]):
        prev = by_case.get(case_idx)
        day = BASE + dt.timedelta(days=offset)
        changes = (k == "add" and prev != "add") or (k == "remove" and prev == "add")
        if k == kind and changes and start <= day <= end:
            count.add(case_idx)
        by_case[case_idx] = k
    return count


decision_lists = st.lists(
    st.tuples(
        st.integers(0, 3), st.integers(0, 60), st.sampled_from([SupervisionEntry.ADD, "remove"])
    ),
    min_size=1,
    max_size=12,
    unique_by=lambda d: (d[0], d[1]),
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(decisions=decision_lists, seed=st.integers(0, 10_000))
def test_list_as_of_any_date_is_the_same_whatever_the_entry_order(
    case_factory, users, decisions, seed
):
    SupervisionEntry.objects.all().delete()
    SupervisionDecision.objects.all().delete()
    cases = [case_factory(arisen_on=dt.date(2019, 1, 1)) for _ in range(4)]
    shuffled = list(decisions)
    random.Random(seed).shuffle(shuffled)
    for n, (case_idx, offset, kind) in enumerate(shuffled):
        services.supervision_record(
            actor=users["thuky"],
            case=cases[case_idx],
            kind=kind,
            number=f"{n + 1}-QĐ/TU",
            date=BASE + dt.timedelta(days=offset),
        )
    ids = {c.pk: i for i, c in enumerate(cases)}
    for offset in range(-1, 62, 3):
        day = BASE + dt.timedelta(days=offset)
        got = {ids[pk] for pk in selectors.on_list_ids(day) if pk in ids}
        assert got == _model_on_list(decisions, day), day
    start, end = BASE + dt.timedelta(days=10), BASE + dt.timedelta(days=40)
    qs = Case.objects.filter(pk__in=ids)
    added = {ids[c.pk] for c in selectors.added_in(qs, start, end)}
    removed = {ids[c.pk] for c in selectors.removed_in(qs, start, end)}
    assert added == _effective(decisions, "add", start, end)
    assert removed == _effective(decisions, "remove", start, end)
    Case.objects.filter(pk__in=ids).delete()


def test_a_late_entry_of_an_old_decision_changes_the_past_list_only(case_factory, users):
    case = case_factory()
    thuky = users["thuky"]
    services.supervision_remove(
        actor=thuky, case=case, number="245-QĐ/TU", date=dt.date(2020, 5, 20)
    )
    assert not selectors.on_list_ids(dt.date(2020, 3, 1))
    services.supervision_add(actor=thuky, case=case, number="41-QĐ/TU", date=dt.date(2019, 2, 20))
    assert case.pk in selectors.on_list_ids(dt.date(2020, 3, 1))
    assert case.pk not in selectors.on_list_ids(dt.date(2020, 5, 20))
    assert case.pk not in selectors.on_list_ids(dt.date(2019, 2, 19))


def test_two_decisions_on_one_day_for_a_case_are_refused(case_factory, users):
    case = case_factory()
    services.supervision_add(
        actor=users["thuky"], case=case, number="1-QĐ/TU", date=dt.date(2020, 1, 5)
    )
    with pytest.raises(ValidationError, match="cùng ngày"):
        services.supervision_remove(
            actor=users["thuky"], case=case, number="2-QĐ/TU", date=dt.date(2020, 1, 5)
        )
    assert SupervisionEntry.objects.filter(case=case).count() == 1


def test_a_decision_number_reused_with_another_kind_the_same_day_is_refused(case_factory, users):
    a, b = case_factory(), case_factory()
    services.supervision_add(
        actor=users["thuky"], case=a, number="7-QĐ/TU", date=dt.date(2020, 1, 5)
    )
    with pytest.raises(ValidationError, match="7-QĐ/TU"):
        services.supervision_remove(
            actor=users["thuky"], case=b, number="7-QĐ/TU", date=dt.date(2020, 1, 5)
        )


def test_one_decision_may_cover_several_cases(case_factory, users):
    a, b = case_factory(), case_factory()
    e1 = services.supervision_add(
        actor=users["thuky"], case=a, number="9-QĐ/TU", date=dt.date(2020, 1, 5)
    )
    e2 = services.supervision_add(
        actor=users["thuky"], case=b, number="9-QĐ/TU", date=dt.date(2020, 1, 5)
    )
    assert e1.decision_id == e2.decision_id


def test_future_and_pre_arisal_decision_dates_are_refused(case_factory, users):
    case = case_factory(arisen_on=dt.date(2020, 3, 1))
    with pytest.raises(ValidationError, match="trước ngày phát sinh"):
        services.supervision_add(
            actor=users["thuky"], case=case, number="1", date=dt.date(2020, 2, 1)
        )
    with pytest.raises(ValidationError, match="sau ngày hôm nay"):
        services.supervision_add(
            actor=users["thuky"], case=case, number="1", date=dt.date(2099, 1, 1)
        )


def test_redundant_decision_is_recorded_but_flagged(case_factory, users):
    case = case_factory()
    services.supervision_add(actor=users["thuky"], case=case, number="1", date=dt.date(2020, 1, 5))
    again = services.supervision_add(
        actor=users["thuky"], case=case, number="2", date=dt.date(2020, 2, 5)
    )
    assert services.entry_changes_state(again) is False


@pytest.mark.parametrize("username", ["lanhdao", "canbo_ca", "truongdonvi"])
def test_only_secretariat_and_admin_record_supervision_decisions(case_factory, users, username):
    from django.core.exceptions import PermissionDenied

    case = case_factory()
    with pytest.raises(PermissionDenied):
        services.supervision_add(
            actor=users[username], case=case, number="1", date=dt.date(2020, 1, 5)
        )
    services.supervision_add(actor=users["admin"], case=case, number="1", date=dt.date(2020, 1, 5))
