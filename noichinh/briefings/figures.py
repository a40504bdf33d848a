"""Figures of the briefings area for the periodic reports (contract: helper brief).

Each ``fn(*, agency_ids, unit_ids, start, end) -> int``; None = no restriction; ``end``
inclusive.

- tasks.assigned: tasks assigned (conference date) in the period, led by the agencies.
- tasks.done_on_time / tasks.done_late: tasks completed in the period, on or before /
  after their deadline (a "thường xuyên" task has no deadline: on time).
- tasks.overdue: tasks whose deadline fell before ``end`` (or before today, whichever is
  earlier) and that were not completed by then nor cancelled: the overdue list as of
  ``end``.
- tasks.open: tasks assigned by ``end`` and not finished by ``end``.
- awards.collectives / awards.individuals: recipients of award decisions signed in the
  period (agency = the recipient's agency, else the proposing agency of the decision);
  ``awards.<form>.collectives|individuals`` and
  ``awards.<issuer>.<form>.collectives|individuals`` split them by form and issuer.
- inspections.planned: inspection plans of the agencies for the years in the period,
  on units (or agencies located in units) of ``unit_ids``; records made before an area
  reorganisation count under the successor because ``unit_ids`` includes predecessors.
- inspections.overlapping: those plans that share their unit and year with another
  agency's plan.

``compute_many`` / ``compute_ranges`` give any set of these figures, for one or several
periods, in one grouped query for the tasks and one for the award recipients (a conditional
count per figure); each task and award function delegates to it.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import Count, F, Q

from noichinh.briefings.models import AwardDecision, AwardRecipient, InspectionPlan, Task
from noichinh.core import clock


def _tasks(agency_ids, unit_ids):
    qs = Task.objects.all()
    if agency_ids is not None:
        qs = qs.filter(lead_agency_id__in=agency_ids)
    if unit_ids is not None:
        qs = qs.filter(
            Q(unit_id__in=unit_ids) | Q(unit__isnull=True, lead_agency__area_id__in=unit_ids)
        )
    return qs


def _task_q(name: str, start: dt.date, end: dt.date) -> Q:
    """The condition on a task of the figure ``tasks.<name>`` for the period."""
    if name == "assigned":
        return Q(assigned_on__gte=start, assigned_on__lte=end)
    if name == "done_on_time":
        return Q(status=Task.DONE, completed_on__gte=start, completed_on__lte=end) & (
            Q(deadline__isnull=True) | Q(completed_on__lte=F("deadline"))
        )
    if name == "done_late":
        return Q(status=Task.DONE, completed_on__gte=start, completed_on__lte=end) & Q(
            completed_on__gt=F("deadline")
        )
    if name == "overdue":
        day = min(end + dt.timedelta(days=1), clock.today())
        not_done_by = Q(completed_on__isnull=True) | Q(completed_on__gte=day)
        not_cancelled_by = ~Q(status=Task.CANCELLED) | Q(cancelled_on__gte=day)
        return Q(deadline__lt=day, assigned_on__lte=end) & not_done_by & not_cancelled_by
    if name == "open":
        day = end + dt.timedelta(days=1)
        return (
            Q(assigned_on__lte=end)
            & (Q(completed_on__isnull=True) | Q(completed_on__gte=day))
            & (~Q(status=Task.CANCELLED) | Q(cancelled_on__gte=day))
        )
    raise KeyError(f"tasks.{name}")


def _recipient_scope(agency_ids, unit_ids) -> Q:
    q = Q()
    if agency_ids is not None:
        q &= Q(agency_id__in=agency_ids) | Q(
            agency__isnull=True, decision__agency_id__in=agency_ids
        )
    if unit_ids is not None:
        q &= Q(agency__area_id__in=unit_ids) | Q(
            agency__isnull=True, decision__agency__area_id__in=unit_ids
        )
    return q


def _recipient_q(start, end, kind, form=None, issuer=None) -> Q:
    q = Q(kind=kind, decision__signed_on__gte=start, decision__signed_on__lte=end)
    if form:
        q &= Q(decision__form=form)
    if issuer:
        q &= Q(decision__issuer_level=issuer)
    return q


def _delegating(code: str):
    def fn(*, agency_ids, unit_ids, start: dt.date, end: dt.date) -> int:
        return compute_many([code], agency_ids=agency_ids, unit_ids=unit_ids, start=start, end=end)[
            code
        ]

    fn.__name__ = code.replace(".", "_")
    return fn


tasks_assigned = _delegating("tasks.assigned")
tasks_done_on_time = _delegating("tasks.done_on_time")
tasks_done_late = _delegating("tasks.done_late")
tasks_overdue = _delegating("tasks.overdue")
tasks_open = _delegating("tasks.open")
inspections_planned = _delegating("inspections.planned")
inspections_overlapping = _delegating("inspections.overlapping")


def _plans(agency_ids, unit_ids, years):
    qs = InspectionPlan.objects.filter(year__in=sorted(years))
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    if unit_ids is not None:
        qs = qs.filter(Q(unit_id__in=unit_ids) | Q(target_agency__area_id__in=unit_ids))
    return qs


FIGURES = {
    "tasks.assigned": tasks_assigned,
    "tasks.done_on_time": tasks_done_on_time,
    "tasks.done_late": tasks_done_late,
    "tasks.overdue": tasks_overdue,
    "tasks.open": tasks_open,
    "inspections.planned": inspections_planned,
    "inspections.overlapping": inspections_overlapping,
}


# award figure code -> (kind, form, issuer)
AWARDS: dict[str, tuple] = {}


def _award_fn(code, kind, form=None, issuer=None):
    AWARDS[code] = (kind, form, issuer)
    return _delegating(code)


_KINDS = (("collectives", AwardRecipient.COLLECTIVE), ("individuals", AwardRecipient.INDIVIDUAL))
for _name, _kind in _KINDS:
    _code = f"awards.{_name}"
    FIGURES[_code] = _award_fn(_code, _kind)
    for _form, _label in AwardDecision.FORMS:
        _code = f"awards.{_form}.{_name}"
        FIGURES[_code] = _award_fn(_code, _kind, form=_form)
        for _issuer, _ilabel in AwardDecision.ISSUERS:
            _code = f"awards.{_issuer}.{_form}.{_name}"
            FIGURES[_code] = _award_fn(_code, _kind, form=_form, issuer=_issuer)


def plan_overlaps(plans) -> dict[int, list[InspectionPlan]]:
    """For each plan, the plans of OTHER agencies on the same unit in the same year (the
    figure ``inspections.overlapping``, and the plans list)."""
    plans = list(plans)
    if not plans:
        return {}
    years = {p.year for p in plans}
    agency_targets = {p.target_agency_id for p in plans if p.target_agency_id}
    unit_targets = {p.unit_id for p in plans if p.unit_id}
    others = list(
        InspectionPlan.objects.filter(year__in=years)
        .filter(Q(target_agency_id__in=agency_targets) | Q(unit_id__in=unit_targets))
        .select_related("agency", "target_agency", "unit")
    )
    result: dict[int, list[InspectionPlan]] = defaultdict(list)
    for plan in plans:
        for other in others:
            if other.pk == plan.pk or other.agency_id == plan.agency_id or other.year != plan.year:
                continue
            same_agency = plan.target_agency_id and other.target_agency_id == plan.target_agency_id
            same_unit = plan.unit_id and other.unit_id == plan.unit_id
            if same_agency or same_unit:
                result[plan.pk].append(other)
    return dict(result)


def compute_ranges(
    codes: Iterable[str], *, agency_ids, unit_ids, ranges: Sequence[tuple[dt.date, dt.date]]
) -> list[dict[str, int]]:
    """The figures ``codes`` for each (start, end) of ``ranges``: one query for the task
    figures, one for the award figures, two for the inspection plans."""
    codes = list(dict.fromkeys(codes))
    ranges = list(ranges)
    out: list[dict[str, int]] = [{} for _ in ranges]
    if not ranges:
        return out
    for code in codes:
        if code not in FIGURES:
            raise KeyError(code)
    tasks = [c for c in codes if c.startswith("tasks.")]
    awards = [c for c in codes if c in AWARDS]
    plans = [c for c in codes if c.startswith("inspections.")]
    if plans:
        years = {y for start, end in ranges for y in range(start.year, end.year + 1)}
        found = list(_plans(agency_ids, unit_ids, years))
        # Whether a plan overlaps another depends on that plan only (same unit, same year).
        overlapping = plan_overlaps(found) if "inspections.overlapping" in plans else {}
        for i, (start, end) in enumerate(ranges):
            in_range = [p for p in found if start.year <= p.year <= end.year]
            values = {
                "inspections.planned": len(in_range),
                "inspections.overlapping": sum(1 for p in in_range if p.pk in overlapping),
            }
            for code in plans:
                out[i][code] = values[code]
    if tasks:
        aggregates = {
            f"f{i}_{j}": Count("pk", filter=_task_q(code.split(".", 1)[1], start, end))
            for i, (start, end) in enumerate(ranges)
            for j, code in enumerate(tasks)
        }
        row = _tasks(agency_ids, unit_ids).order_by().aggregate(**aggregates)
        for i in range(len(ranges)):
            for j, code in enumerate(tasks):
                out[i][code] = row[f"f{i}_{j}"] or 0
    if awards:
        window = Q()
        for start, end in ranges:
            window |= Q(decision__signed_on__gte=start, decision__signed_on__lte=end)
        aggregates = {
            f"f{i}_{j}": Count("pk", filter=_recipient_q(start, end, *AWARDS[code]))
            for i, (start, end) in enumerate(ranges)
            for j, code in enumerate(awards)
        }
        row = (
            AwardRecipient.objects.filter(
                _recipient_scope(agency_ids, unit_ids), window, decision__withdrawn_at__isnull=True
            )
            .order_by()
            .aggregate(**aggregates)
        )
        for i in range(len(ranges)):
            for j, code in enumerate(awards):
                out[i][code] = row[f"f{i}_{j}"] or 0
    return out


def compute_many(codes: Iterable[str], *, agency_ids, unit_ids, start, end) -> dict[str, int]:
    return compute_ranges(codes, agency_ids=agency_ids, unit_ids=unit_ids, ranges=[(start, end)])[0]


def data_since(codes: Iterable[str]) -> dict[str, dt.date | None]:
    """The first day each figure's register holds a record: the earliest task assigned, award
    decision signed, or 1 January of the earliest plan year (``date.max`` while the register
    is empty). A period ending before it had no data yet ("—"), not zero. One query per
    register asked for."""
    from django.db.models import Min

    firsts: dict[str, dt.date] = {}
    out: dict[str, dt.date | None] = {}
    for code in codes:
        if code not in FIGURES:
            continue
        book = "awards" if code in AWARDS else code.split(".", 1)[0]
        if book not in firsts:
            if book == "tasks":
                first = Task.objects.filter(withdrawn_at__isnull=True).aggregate(
                    m=Min("assigned_on")
                )["m"]
            elif book == "awards":
                first = AwardDecision.objects.filter(withdrawn_at__isnull=True).aggregate(
                    m=Min("signed_on")
                )["m"]
            else:
                year = InspectionPlan.objects.filter(withdrawn_at__isnull=True).aggregate(
                    m=Min("year")
                )["m"]
                first = dt.date(year, 1, 1) if year else None
            firsts[book] = first or dt.date.max
        out[code] = firsts[book]
    return out


# The reports area finds ``compute_ranges`` on each figure function and asks for all the
# figures of this register at once, and ``data_since`` for the first day it holds data.
for _fn in FIGURES.values():
    _fn.compute_ranges = compute_ranges
    _fn.data_since = data_since

# Names of the codes other apps bring to a conference's figures (the import catalogue's),
# registered in their AppConfig.ready().
REGISTERED_LABELS: dict[str, str] = {}


def register_labels(labels: dict[str, str]) -> None:
    REGISTERED_LABELS.update(labels)


LABELS = {
    "tasks.assigned": "Nhiệm vụ được giao",
    "tasks.done_on_time": "Hoàn thành đúng hạn",
    "tasks.done_late": "Hoàn thành quá hạn",
    "tasks.overdue": "Quá hạn chưa hoàn thành",
    "tasks.open": "Chưa hoàn thành",
    "awards.collectives": "Tập thể được khen thưởng",
    "awards.individuals": "Cá nhân được khen thưởng",
    "inspections.planned": "Cuộc thanh tra, kiểm tra theo kế hoạch",
    "inspections.overlapping": "Kế hoạch trùng địa bàn",
}
