"""Access rules for the briefings area: conferences, tasks, awards, inspection plans.

- Conferences, notices, awards: everyone signed in reads them; the secretariat and the
  administrator record and edit them.
- Tasks: the secretariat, the administrator and the leadership see all of them; an agency
  user (officer, head) sees the tasks its agency (or an agency under it) leads or
  coordinates, reports progress on them, and the lead agency proposes completion; only
  the secretariat or the administrator accepts, returns or cancels.
- Inspection plans: an agency user sees its agency's plans and the plans of other
  agencies that overlap them (the warning names them); the secretariat sees its bloc's.
"""

from django.db.models import F, Q

from noichinh.org.permissions.base import *  # noqa: F401,F403  (the shared predicates, re-exported)
from noichinh.org.permissions.base import (
    _active,
    is_admin,
    is_head,
    is_leadership,
    is_officer,
    is_secretariat,
    visible_agency_ids,
)

__all__ = [
    "can_manage_conferences",
    "can_manage_awards",
    "sees_all_tasks",
    "visible_tasks",
    "can_view_task",
    "can_report_task_progress",
    "can_propose_task_completion",
    "can_review_task",
    "can_plan_for_agency",
    "visible_plans",
    "can_view_plan",
    "can_edit_plan",
]


def can_manage_conferences(user) -> bool:
    return is_admin(user) or is_secretariat(user)


def can_manage_awards(user) -> bool:
    return is_admin(user) or is_secretariat(user)


def sees_all_tasks(user) -> bool:
    return is_admin(user) or is_secretariat(user) or is_leadership(user)


def _task_agency_q(ids) -> Q:
    return Q(lead_agency_id__in=ids) | Q(coordinators__id__in=ids)


def visible_tasks(user, qs):
    """The tasks ``user`` may see: all for the secretariat and above, else its agency's."""
    if not _active(user):
        return qs.none()
    if sees_all_tasks(user):
        return qs
    ids = visible_agency_ids(user) or set()
    from noichinh.briefings.models import Task

    task_ids = Task.objects.filter(_task_agency_q(ids)).values("id")
    return qs.filter(id__in=task_ids)


def _task_agency_ids(task) -> set[int]:
    ids = {a.id for a in task.coordinators.all()}
    if task.lead_agency_id:
        ids.add(task.lead_agency_id)
    return ids


def can_view_task(user, task) -> bool:
    if not _active(user):
        return False
    if sees_all_tasks(user):
        return True
    return bool(_task_agency_ids(task) & (visible_agency_ids(user) or set()))


def can_report_task_progress(user, task) -> bool:
    """Officers and heads of the lead or a coordinating agency, while the task is open."""
    if not (is_officer(user) or is_head(user)) or not task.is_open:
        return False
    return bool(_task_agency_ids(task) & (visible_agency_ids(user) or set()))


def can_propose_task_completion(user, task) -> bool:
    if not (is_officer(user) or is_head(user)) or not task.is_open:
        return False
    if task.status == task.PROPOSED:
        return False
    return bool(task.lead_agency_id and task.lead_agency_id in (visible_agency_ids(user) or set()))


def can_review_task(user, task=None) -> bool:
    return is_admin(user) or is_secretariat(user)


def can_plan_for_agency(user, agency) -> bool:
    if is_admin(user):
        return True
    if not (is_secretariat(user) or is_officer(user) or is_head(user)) or agency is None:
        return False
    return agency.id in (visible_agency_ids(user) or set())


def visible_plans(user, qs):
    if not _active(user):
        return qs.none()
    ids = visible_agency_ids(user)
    if ids is None:
        return qs
    from noichinh.briefings.models import InspectionPlan

    own = InspectionPlan.objects.filter(agency_id__in=ids)
    overlapping_agency = InspectionPlan.objects.filter(
        target_agency__isnull=False,
        target_agency__inspected_by_plans__agency_id__in=ids,
        target_agency__inspected_by_plans__year=F("year"),
        target_agency__inspected_by_plans__withdrawn_at__isnull=True,
    ).values("id")
    overlapping_unit = InspectionPlan.objects.filter(
        unit__isnull=False,
        unit__inspection_plans__agency_id__in=ids,
        unit__inspection_plans__year=F("year"),
        unit__inspection_plans__withdrawn_at__isnull=True,
    ).values("id")
    return qs.filter(
        Q(id__in=own.values("id")) | Q(id__in=overlapping_agency) | Q(id__in=overlapping_unit)
    )


def can_view_plan(user, plan) -> bool:
    from noichinh.briefings.models import InspectionPlan

    return visible_plans(user, InspectionPlan.objects.filter(pk=plan.pk)).exists()


def can_edit_plan(user, plan) -> bool:
    return can_plan_for_agency(user, plan.agency)
