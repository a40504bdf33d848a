"""Access rules for the cases area.

Case records are seen by admin and leadership (whole province; leadership read-only), by the
secretariat (cases followed by, or in charge of, an agency of its bloc) and by the agencies in
charge (an agency in charge of any stage, or the following agency, and the agencies above it).
Everyone else gets a 404 for a case and a 403 for the register pages.
"""

from django.db.models import Q

from noichinh.org.permissions import base
from noichinh.org.permissions.base import *  # noqa: F401,F403  (the shared predicates, re-exported)
from noichinh.org.permissions.base import permission

__all__ = [
    "visible_cases",
    "can_view_case",
    "can_use_cases",
    "can_create_case",
    "can_edit_case",
    "can_manage_supervision",
    "can_record_stage",
    "can_extend_stage",
    "can_report_progress",
    "can_report_for_agency",
    "can_request_explanation",
    "can_answer_explanation",
    "case_agency_ids",
    "require_use_cases",
    "require_create_case",
    "require_edit_case",
    "require_manage_supervision",
    "require_record_stage",
    "require_extend_stage",
    "require_report_progress",
    "require_report_for_agency",
    "require_request_explanation",
    "require_answer_explanation",
]


def _seen_agency_ids(user) -> set[int]:
    """The agencies seen by a user who does not see the whole province (callers rule that
    case out first: ``visible_agency_ids`` gives None for it)."""
    ids = base.visible_agency_ids(user)
    return set() if ids is None else ids


def _case_q(agency_ids: set[int]) -> Q:
    from noichinh.cases.models import CaseStage

    return Q(following_agency_id__in=agency_ids) | Q(
        pk__in=CaseStage.objects.filter(agency_id__in=agency_ids).values("case_id")
    )


def visible_cases(user, queryset=None):
    """The cases ``user`` may read."""
    from noichinh.cases.models import Case

    qs = Case.objects.all() if queryset is None else queryset
    if not base._active(user):
        return qs.none()
    if base.sees_whole_province(user):
        return qs
    if not (base.is_secretariat(user) or base.is_head(user) or base.is_officer(user)):
        return qs.none()
    return qs.filter(_case_q(_seen_agency_ids(user)))


def case_agency_ids(case) -> set[int]:
    """The following agency and every agency in charge of a stage."""
    ids = {s.agency_id for s in case.stages.all()}
    if case.following_agency_id:
        ids.add(case.following_agency_id)
    return ids


def _in_charge(user, case) -> bool:
    if not (base.is_head(user) or base.is_officer(user)):
        return False
    visible = _seen_agency_ids(user)
    return bool({s.agency_id for s in case.stages.all()} & visible)


@permission("Bạn không có quyền xem sổ theo dõi vụ án, vụ việc.")
def can_use_cases(user) -> bool:
    """May open the register pages at all (the list shows only the cases they may see)."""
    return base._active(user) and (
        base.is_admin(user)
        or base.is_leadership(user)
        or base.is_secretariat(user)
        or base.is_head(user)
        or base.is_officer(user)
    )


def can_view_case(user, case) -> bool:
    if not base._active(user):
        return False
    if base.sees_whole_province(user):
        return True
    visible = _seen_agency_ids(user)
    return bool(case_agency_ids(case) & visible)


@permission("Bạn không có quyền sửa vụ án, vụ việc này.")
def can_edit_case(user, case=None) -> bool:
    """Register and edit cases: the secretariat (of a bloc that sees the case) and admin."""
    if base.is_admin(user):
        return True
    if not base.is_secretariat(user):
        return False
    return case is None or can_view_case(user, case)


@permission("Chỉ cơ quan thường trực và quản trị được nhập vụ án, vụ việc.")
def can_create_case(user) -> bool:
    """Register a new case: the secretariat and admin."""
    return can_edit_case(user)


@permission("Chỉ cơ quan thường trực và quản trị được ghi quyết định theo dõi.")
def can_manage_supervision(user) -> bool:
    """Record the Standing Committee's decisions adding cases to the list or removing them."""
    return base.is_admin(user) or base.is_secretariat(user)


@permission("Bạn không có quyền ghi giai đoạn tố tụng của vụ án này.")
def can_record_stage(user, case) -> bool:
    """Stages, extensions: admin, the secretariat, and the agencies in charge of the case."""
    if base.is_read_only(user):
        return False
    if base.is_admin(user):
        return True
    if base.is_secretariat(user):
        return can_view_case(user, case)
    return _in_charge(user, case)


@permission("Bạn không có quyền gia hạn giai đoạn tố tụng của vụ án này.")
def can_extend_stage(user, case) -> bool:
    """Extend a stage's time limit: whoever records the case's stages."""
    return can_record_stage(user, case)


@permission("Chỉ cơ quan thụ lý vụ án được gửi báo cáo tiến độ.")
def can_report_progress(user, case) -> bool:
    """Progress reports come from the agencies in charge (admin may enter them too)."""
    if base.is_admin(user):
        return True
    return _in_charge(user, case)


@permission("Bạn chỉ báo cáo thay cho cơ quan của mình.")
def can_report_for_agency(user, agency) -> bool:
    """Send a progress report in the name of ``agency``: one's own (or one below it); admin
    for any."""
    return base.is_admin(user) or base.agency_is_visible(user, agency.pk)


@permission("Chỉ cơ quan thường trực được yêu cầu giải trình.")
def can_request_explanation(user, case) -> bool:
    return base.is_admin(user) or (base.is_secretariat(user) and can_view_case(user, case))


@permission("Chỉ cơ quan được yêu cầu mới giải trình.")
def can_answer_explanation(user, request) -> bool:
    if base.is_admin(user):
        return True
    if not (base.is_head(user) or base.is_officer(user)):
        return False
    return request.addressed_to_id in _seen_agency_ids(user)


require_use_cases = can_use_cases.require
require_create_case = can_create_case.require
require_edit_case = can_edit_case.require
require_manage_supervision = can_manage_supervision.require
require_record_stage = can_record_stage.require
require_extend_stage = can_extend_stage.require
require_report_progress = can_report_progress.require
require_report_for_agency = can_report_for_agency.require
require_request_explanation = can_request_explanation.require
require_answer_explanation = can_answer_explanation.require
