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
    is_read_only,
    is_secretariat,
    permission,
    visible_agency_ids,
)

__all__ = [
    "can_manage_conferences",
    "require_manage_conferences",
    "can_manage_awards",
    "require_manage_awards",
    "sees_all_tasks",
    "visible_tasks",
    "can_view_task",
    "can_report_task_progress",
    "require_report_task_progress",
    "can_propose_task_completion",
    "require_propose_task_completion",
    "can_review_task",
    "require_review_task",
    "can_update_tasks_in_bulk",
    "require_update_tasks_in_bulk",
    "can_enter_plans",
    "require_enter_plans",
    "can_plan_for_agency",
    "require_plan_for_agency",
    "visible_plans",
    "can_view_plan",
    "can_edit_plan",
    "require_edit_plan",
    "can_withdraw",
    "require_withdraw",
    "can_see_withdrawn",
    "require_see_withdrawn",
    "can_restore",
    "require_restore",
]


@permission("Chỉ cơ quan thường trực (thư ký khối) được ghi nhận hội nghị, nhiệm vụ.")
def can_manage_conferences(user) -> bool:
    return is_admin(user) or is_secretariat(user)


@permission("Chỉ cơ quan thường trực được ghi, sửa sổ khen thưởng.")
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


@permission("Chỉ cơ quan chủ trì hoặc phối hợp được báo cáo tiến độ nhiệm vụ đang thực hiện.")
def can_report_task_progress(user, task) -> bool:
    """Officers and heads of the lead or a coordinating agency, while the task is open."""
    if not (is_officer(user) or is_head(user)) or not task.is_open:
        return False
    return bool(_task_agency_ids(task) & (visible_agency_ids(user) or set()))


@permission("Chỉ cơ quan chủ trì được đề nghị hoàn thành nhiệm vụ.")
def can_propose_task_completion(user, task) -> bool:
    if not (is_officer(user) or is_head(user)) or not task.is_open:
        return False
    if task.status == task.PROPOSED:
        return False
    return bool(task.lead_agency_id and task.lead_agency_id in (visible_agency_ids(user) or set()))


@permission("Chỉ cơ quan thường trực xác nhận hoàn thành, trả lại hoặc hủy nhiệm vụ.")
def can_review_task(user, task=None) -> bool:
    return is_admin(user) or is_secretariat(user)


@permission("Chỉ cán bộ, lãnh đạo cơ quan được cập nhật tiến độ hàng loạt.")
def can_update_tasks_in_bulk(user) -> bool:
    return is_officer(user) or is_head(user)


@permission()
def can_enter_plans(user) -> bool:
    """Everyone who may write (not the read-only roles) opens the plan form."""
    return not is_read_only(user)


@permission("Bạn chỉ lập kế hoạch thanh tra cho cơ quan của mình.")
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


@permission("Bạn chỉ sửa kế hoạch của cơ quan mình.")
def can_edit_plan(user, plan) -> bool:
    return can_plan_for_agency(user, plan.agency)


@permission("Bạn không có quyền thu hồi hồ sơ này.")
def can_withdraw(user, obj) -> bool:
    """Who keeps a register withdraws its records: awards by the awards' keepers, plans by
    their agency, the rest (conferences and what goes with them) by the secretariat."""
    from noichinh.briefings.models import AwardDecision, InspectionPlan

    if isinstance(obj, AwardDecision):
        return can_manage_awards(user)
    if isinstance(obj, InspectionPlan):
        return can_edit_plan(user, obj)
    return can_manage_conferences(user)


@permission("Chỉ quản trị hệ thống và cơ quan thường trực xem hồ sơ đã thu hồi.")
def can_see_withdrawn(user) -> bool:
    return is_admin(user) or can_manage_conferences(user)


@permission("Chỉ quản trị hệ thống được khôi phục hồ sơ đã thu hồi.")
def can_restore(user) -> bool:
    return is_admin(user)


require_manage_conferences = can_manage_conferences.require
require_manage_awards = can_manage_awards.require
require_report_task_progress = can_report_task_progress.require
require_propose_task_completion = can_propose_task_completion.require
require_review_task = can_review_task.require
require_update_tasks_in_bulk = can_update_tasks_in_bulk.require
require_enter_plans = can_enter_plans.require
require_plan_for_agency = can_plan_for_agency.require
require_edit_plan = can_edit_plan.require
require_withdraw = can_withdraw.require
require_see_withdrawn = can_see_withdrawn.require
require_restore = can_restore.require
