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
"""

import datetime as dt

from django.db.models import F, Q

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


def tasks_assigned(*, agency_ids, unit_ids, start: dt.date, end: dt.date) -> int:
    return _tasks(agency_ids, unit_ids).filter(assigned_on__gte=start, assigned_on__lte=end).count()


def tasks_done_on_time(*, agency_ids, unit_ids, start, end) -> int:
    return (
        _tasks(agency_ids, unit_ids)
        .filter(status=Task.DONE, completed_on__gte=start, completed_on__lte=end)
        .filter(Q(deadline__isnull=True) | Q(completed_on__lte=F("deadline")))
        .count()
    )


def tasks_done_late(*, agency_ids, unit_ids, start, end) -> int:
    return (
        _tasks(agency_ids, unit_ids)
        .filter(status=Task.DONE, completed_on__gte=start, completed_on__lte=end)
        .filter(completed_on__gt=F("deadline"))
        .count()
    )


def tasks_overdue(*, agency_ids, unit_ids, start, end) -> int:
    day = min(end + dt.timedelta(days=1), clock.today())
    not_done_by = Q(completed_on__isnull=True) | Q(completed_on__gte=day)
    not_cancelled_by = ~Q(status=Task.CANCELLED) | Q(cancelled_on__gte=day)
    return (
        _tasks(agency_ids, unit_ids)
        .filter(deadline__lt=day, assigned_on__lte=end)
        .filter(not_done_by, not_cancelled_by)
        .count()
    )


def tasks_open(*, agency_ids, unit_ids, start, end) -> int:
    day = end + dt.timedelta(days=1)
    return (
        _tasks(agency_ids, unit_ids)
        .filter(assigned_on__lte=end)
        .filter(Q(completed_on__isnull=True) | Q(completed_on__gte=day))
        .filter(~Q(status=Task.CANCELLED) | Q(cancelled_on__gte=day))
        .count()
    )


def _recipients(agency_ids, unit_ids, start, end, kind, form=None, issuer=None):
    qs = AwardRecipient.objects.filter(
        kind=kind, decision__signed_on__gte=start, decision__signed_on__lte=end
    )
    if form:
        qs = qs.filter(decision__form=form)
    if issuer:
        qs = qs.filter(decision__issuer_level=issuer)
    if agency_ids is not None:
        qs = qs.filter(
            Q(agency_id__in=agency_ids) | Q(agency__isnull=True, decision__agency_id__in=agency_ids)
        )
    if unit_ids is not None:
        qs = qs.filter(
            Q(agency__area_id__in=unit_ids)
            | Q(agency__isnull=True, decision__agency__area_id__in=unit_ids)
        )
    return qs.count()


def _plans(agency_ids, unit_ids, start, end):
    qs = InspectionPlan.objects.filter(year__gte=start.year, year__lte=end.year)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    if unit_ids is not None:
        qs = qs.filter(Q(unit_id__in=unit_ids) | Q(target_agency__area_id__in=unit_ids))
    return qs


def inspections_planned(*, agency_ids, unit_ids, start, end) -> int:
    return _plans(agency_ids, unit_ids, start, end).count()


def inspections_overlapping(*, agency_ids, unit_ids, start, end) -> int:
    from noichinh.briefings.selectors import plan_overlaps

    return len(plan_overlaps(_plans(agency_ids, unit_ids, start, end)))


FIGURES = {
    "tasks.assigned": tasks_assigned,
    "tasks.done_on_time": tasks_done_on_time,
    "tasks.done_late": tasks_done_late,
    "tasks.overdue": tasks_overdue,
    "tasks.open": tasks_open,
    "inspections.planned": inspections_planned,
    "inspections.overlapping": inspections_overlapping,
}


def _award_fn(kind, form=None, issuer=None):
    def fn(*, agency_ids, unit_ids, start, end) -> int:
        return _recipients(agency_ids, unit_ids, start, end, kind, form=form, issuer=issuer)

    return fn


_KINDS = (("collectives", AwardRecipient.COLLECTIVE), ("individuals", AwardRecipient.INDIVIDUAL))
for _name, _kind in _KINDS:
    FIGURES[f"awards.{_name}"] = _award_fn(_kind)
    for _form, _label in AwardDecision.FORMS:
        FIGURES[f"awards.{_form}.{_name}"] = _award_fn(_kind, form=_form)
        for _issuer, _ilabel in AwardDecision.ISSUERS:
            FIGURES[f"awards.{_issuer}.{_form}.{_name}"] = _award_fn(
                _kind, form=_form, issuer=_issuer
            )

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
