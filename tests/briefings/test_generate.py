"""The briefings generator of ``manage.py generate_province``: conferences per quarter with
attendees and notices, tasks scaled with the petitions, consistent states and updates,
carried-over tasks, idempotence and determinism."""

import datetime as dt
import random
from collections import Counter

import pytest
from django.db import transaction
from django.db.models import Q

from noichinh.briefings import periods
from noichinh.briefings.models import ConclusionNotice, Conference, Task, TaskUpdate
from noichinh.devdata.generate import briefings as generate

END = dt.date(2026, 10, 31)
REFORM = dt.date(2025, 7, 1)


@pytest.fixture
def province(org):
    from noichinh.devdata.generate.province import generate_org

    return generate_org(rng=random.Random(1))


def _run(ctx, *, n=50_000, years=2, seed=7):
    return generate.generate_briefings(
        ctx=ctx, n=n, years=years, seed=seed, rng=random.Random(f"{seed}:briefings"), end=END
    )


def _generated(seed=7):
    mine = Q(conference__ref__startswith=f"G{seed}-") | Q(
        conference=None, source_document__contains=f" số G{seed}-"
    )
    return Task.objects.filter(mine).order_by("assigned_on", "source_document", "item_no", "text")


def _snapshot(seed):
    conferences = [
        (
            c.ref,
            c.title,
            c.date,
            sorted(c.blocs.values_list("code", flat=True)),
            sorted(c.attendee_agencies.values_list("code", flat=True)),
            sorted(c.carried_tasks.values_list("text", "assigned_on")),
            list(c.figures.values_list("indicator_code", "value")),
        )
        for c in Conference.objects.filter(ref__startswith=f"G{seed}-").order_by("ref")
    ]
    tasks = [
        (
            t.source_document,
            t.item_no,
            t.text,
            t.lead_agency_id,
            sorted(a.pk for a in t.coordinators.all()),
            t.assigned_on,
            t.deadline,
            t.status,
            t.completed_on,
            t.cancelled_on,
            [(u.kind, u.at, u.agency_id, u.note) for u in t.updates.all()],
        )
        for t in _generated(seed).prefetch_related("coordinators", "updates")
    ]
    return conferences, tasks


def test_tasks_scale_with_petitions_and_conferences_each_quarter(province):
    small = _run(province, n=0, years=1, seed=1)
    big = _run(province, n=50_000, years=2, seed=2)
    assert small["tasks"] == generate.MIN_TASKS_PER_YEAR
    assert big["tasks"] == 50_000 // generate.PER_PETITIONS * 2 == 200
    assert _generated(2).count() == 200
    # A few conferences for every quarter of the two years (held after the quarter ends).
    per_quarter = Counter(
        c.period_code[:4] + str((c.period_end.month - 1) // 3 + 1)
        for c in Conference.objects.filter(ref__startswith="G2-")
    )
    assert len(per_quarter) == 8
    assert all(2 <= count <= 5 for count in per_quarter.values())
    kinds = set(Conference.objects.filter(ref__startswith="G2-").values_list("kind", flat=True))
    assert kinds == {Conference.BRIEFING, Conference.REVIEW, Conference.ANNUAL}


def test_conferences_have_blocs_attendees_notices_and_items(province):
    _run(province)
    conferences = Conference.objects.filter(ref__startswith="G7-").prefetch_related(
        "blocs", "attendee_agencies", "tasks", "figures"
    )
    numbers = Counter()
    for c in conferences:
        start, end, label = periods.parse_period(c.period_code)
        assert (c.period_start, c.period_end, c.period_label) == (start, end, label)
        assert end < c.date <= END and c.date.weekday() < 5
        assert c.title_folded and label.lower() in c.title.lower()
        members = {
            m.agency_id for b in c.blocs.all() for m in b.memberships.all() if m.is_valid_on(c.date)
        }
        attendees = {a.pk for a in c.attendee_agencies.all()}
        assert attendees and attendees <= members
        assert all(a.is_valid_on(c.date) for a in c.attendee_agencies.all())
        tasks = list(c.tasks.all())
        assert tasks and all(t.assigned_on == c.date for t in tasks)
        assert [t.item_no for t in sorted(tasks, key=lambda t: int(t.item_no))] == [
            str(i) for i in range(1, len(tasks) + 1)
        ]
        notice = ConclusionNotice.objects.filter(conference=c).first()
        if notice is not None:
            assert c.date <= notice.issued_on <= END
            assert all(t.source_document == notice.reference for t in tasks)
            numbers[(notice.number, notice.issued_on.year)] += 1
    assert numbers and max(numbers.values()) == 1  # one number per year, as notice_save checks
    # Carried tasks: open tasks of earlier conferences of the same blocs, as on the day.
    carried_any = False
    for c in conferences:
        blocs = {b.pk for b in c.blocs.all()}
        for t in c.carried_tasks.all():
            carried_any = True
            assert t.conference.date < c.date
            assert blocs & {b.pk for b in t.conference.blocs.all()}
            closed = t.completed_on or t.cancelled_on
            assert closed is None or closed >= c.date
    assert carried_any


def test_task_states_and_updates_are_consistent(province):
    _run(province)
    tasks = list(_generated().prefetch_related("coordinators", "updates", "unit"))
    states = Counter(t.state_on(END) for t in tasks)
    for state in (
        Task.STATE_DONE_ON_TIME,
        Task.STATE_DONE_LATE,
        Task.STATE_OVERDUE,
        Task.STATE_IN_PROGRESS,
        Task.STATE_NOT_STARTED,
        Task.STATE_CANCELLED,
    ):
        assert states[state] > 0, state
    assert any(t.is_regular and t.deadline is None for t in tasks)
    assert any(t.conference_id is None for t in tasks)  # tasks from documents too
    for t in tasks:
        assert t.lead_agency.is_valid_on(t.assigned_on)
        assert t.lead_agency not in t.coordinators.all()
        assert t.is_regular == (t.deadline is None)
        assert t.deadline is None or t.deadline >= t.assigned_on
        if t.unit is not None:
            assert t.unit.is_valid_on(t.assigned_on)
        updates = list(t.updates.all())
        days = [u.at.date() for u in updates]
        assert days == sorted(days) and all(t.assigned_on <= d <= END for d in days)
        kinds = [u.kind for u in updates]
        if t.status == Task.DONE:
            assert t.assigned_on <= t.completed_on <= END
            assert kinds[-2:] == [TaskUpdate.PROPOSE, TaskUpdate.ACCEPT]
            assert days[-1] == t.completed_on
        elif t.status == Task.CANCELLED:
            assert kinds[-1] == TaskUpdate.CANCEL and t.cancel_decision
        elif t.status == Task.PROPOSED:
            assert kinds[-1] == TaskUpdate.PROPOSE
        elif t.status == Task.IN_PROGRESS:
            assert kinds and set(kinds) == {TaskUpdate.PROGRESS}
        else:
            assert kinds == []
        if TaskUpdate.RETURN in kinds:
            assert kinds.index(TaskUpdate.PROPOSE) < kinds.index(TaskUpdate.RETURN)
    # Units and district committees before the reform, new communes after.
    units = {t.unit.valid_to for t in tasks if t.unit}
    assert units == {REFORM, None}
    assert any(t.lead_agency.code.startswith("UBND-") for t in tasks)


def test_second_run_adds_nothing(province):
    assert _run(province)["tasks"] > 0
    counts = (Conference.objects.count(), Task.objects.count(), TaskUpdate.objects.count())
    assert _run(province) == {}
    assert (Conference.objects.count(), Task.objects.count(), TaskUpdate.objects.count()) == counts


def test_same_seed_same_briefings(province):
    with transaction.atomic():
        _run(province, seed=3)
        first = _snapshot(3)
        transaction.set_rollback(True)
    assert not Conference.objects.filter(ref__startswith="G3-").exists()
    _run(province, seed=3)
    assert _snapshot(3) == first
    assert first[1]

    def planned(rng_seed):
        _conferences, tasks = generate.plan(
            ctx=province, n=50_000, years=2, rng=random.Random(rng_seed), end=END, seed=3
        )
        return sorted((t["assigned_on"], t["text"], str(t["deadline"])) for t in tasks)

    stored = sorted((t[5], t[2], str(t[6])) for t in first[1])
    assert planned("3:briefings") == stored
    assert planned("4:briefings") != stored
