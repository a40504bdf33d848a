"""Access rules for the reports area.

- The secretariat (and the administrator) opens, closes and reopens periods, sees who has
  not submitted and sends reminders, and aggregates the blocs of a period that includes
  its own bloc (a joint briefing of several blocs is prepared by one secretariat).
- An agency's officers and head edit their agency's submission while the period is open;
  only the agency's head approves or returns it.
- A steering committee's report (Ban Chỉ đạo) is drafted by its standing agency (cơ quan
  thường trực, e.g. Công an tỉnh for Ban Chỉ đạo 138): that agency's head and officers open,
  aggregate and issue it; so does the secretariat of a bloc the standing agency belongs to.
  Other member agencies of the committee only submit their own figures.
- Leadership and the administrator read everything (leadership changes nothing).
- Everyone else is refused.
"""

from noichinh.org.models import Bloc, BlocMembership
from noichinh.org.permissions import base
from noichinh.org.permissions.base import *  # noqa: F401,F403  (the shared predicates, re-exported)
from noichinh.org.permissions.base import figure_agency_ids, permission

__all__ = [
    "can_manage_periods",
    "can_edit_submission",
    "can_approve_submission",
    "can_view_submission",
    "can_aggregate",
    "can_aggregate_province",
    "can_send_reminders",
    "can_issue_report",
    "reportable_bloc_ids",
    "figure_agency_ids",
    "can_correct_report",
    "official_form_agency_ids",
    "can_download_official_form",
    "can_use_official_forms",
    "can_sign_report",
    "can_start_submission",
    "can_upload_submission",
    "can_issue_for_blocs",
    "can_issue_province_report",
    "can_view_report",
    "require_manage_periods",
    "require_edit_submission",
    "require_approve_submission",
    "require_start_submission",
    "require_upload_submission",
    "require_aggregate",
    "require_aggregate_province",
    "require_send_reminders",
    "require_issue_for_blocs",
    "require_issue_province_report",
    "require_view_report",
    "require_correct_report",
    "require_sign_report",
    "require_download_official_form",
    "require_use_official_forms",
]


@permission("Chỉ cơ quan thường trực khối được tạo, mở, khóa sổ và mở lại kỳ báo cáo.")
def can_manage_periods(user) -> bool:
    return base.is_admin(user) or base.is_secretariat(user)


@permission("Bạn không được sửa hoặc gửi báo cáo này (kỳ đã khóa hoặc báo cáo đã gửi).")
def can_edit_submission(user, submission) -> bool:
    if not (base.is_officer(user) or base.is_head(user)):
        return False
    return (
        user.agency_id == submission.agency_id
        and submission.period.is_open
        and submission.is_editable
    )


@permission("Chỉ thủ trưởng cơ quan được duyệt hoặc trả lại báo cáo đã gửi của cơ quan mình.")
def can_approve_submission(user, submission) -> bool:
    return (
        base.is_head(user)
        and user.agency_id == submission.agency_id
        and submission.status == submission.SUBMITTED
    )


def can_view_submission(user, submission) -> bool:
    if base.sees_whole_province(user):
        return True
    if base.is_secretariat(user):
        return submission.agency_id in _period_agency_ids(user, submission.period)
    if base.is_officer(user) or base.is_head(user):
        return user.agency_id == submission.agency_id or (
            submission.agency_id in _period_agency_ids(user, submission.period)
        )
    return False


def _period_agency_ids(user, period) -> set[int]:
    roots: set[int] = set()
    for bloc_id in reportable_bloc_ids(user, period):
        roots |= base.bloc_agency_ids(bloc_id, period.end)
    return base.agencies_subtree_ids(roots)


def reportable_bloc_ids(user, period) -> set[int]:
    """Blocs of ``period`` whose figures ``user`` may aggregate."""
    period_blocs = {b.pk for b in period.blocs.all()}
    if base.sees_whole_province(user):
        return period_blocs
    if base.is_secretariat(user) and user.bloc_id in period_blocs:
        return period_blocs
    return _steering_bloc_ids(user, period, period_blocs)


def _steering_bloc_ids(user, period, period_blocs: set[int]) -> set[int]:
    """The steering committees of ``period`` that ``user`` drafts the report of: those whose
    standing agency (on the period's end) is the user's agency (its head or officers), or
    belongs to the user's bloc (its secretariat)."""
    steering = set(
        Bloc.objects.filter(pk__in=period_blocs, kind=Bloc.STEERING).values_list("pk", flat=True)
    )
    if not steering:
        return set()
    standing = BlocMembership.objects.filter(
        BlocMembership.valid_on_q(period.end), bloc_id__in=steering, is_standing_body=True
    )
    if base.is_secretariat(user) and user.bloc_id:
        in_bloc = base.bloc_agency_ids(user.bloc_id, period.end)
        return set(standing.filter(agency_id__in=in_bloc).values_list("bloc_id", flat=True))
    if (base.is_head(user) or base.is_officer(user)) and user.agency_id:
        return set(standing.filter(agency_id=user.agency_id).values_list("bloc_id", flat=True))
    return set()


@permission("Bạn không được xem số liệu tổng hợp của các khối này.")
def can_aggregate(user, period, bloc_ids) -> bool:
    bloc_ids = set(bloc_ids)
    return bool(bloc_ids) and bloc_ids <= reportable_bloc_ids(user, period)


@permission("Chỉ lãnh đạo và quản trị được xem tổng hợp toàn tỉnh.")
def can_aggregate_province(user) -> bool:
    return base.sees_whole_province(user)


@permission("Chỉ cơ quan thường trực khối được nhắc nộp báo cáo.")
def can_send_reminders(user, period) -> bool:
    if base.is_admin(user):
        return True
    return base.is_secretariat(user) and bool(reportable_bloc_ids(user, period))


def can_issue_report(user, period) -> bool:
    """Issue (number, date) a report document: the secretariat of the period, the standing
    agency of a steering committee's period, or the admin (leadership reads only)."""
    if base.is_admin(user):
        return True
    drafts = base.is_secretariat(user) or base.is_head(user) or base.is_officer(user)
    return drafts and bool(reportable_bloc_ids(user, period))


@permission("Bạn không được điều chỉnh báo cáo này.")
def can_correct_report(user, document) -> bool:
    """Issue a correction (a new version) of an issued report document: whoever may issue
    it, i.e. the secretariat of its blocs or the administrator (a whole-province document:
    the administrator only)."""
    if base.is_admin(user):
        return True
    if document.whole_province:
        return False
    bloc_ids = [b.pk for b in document.blocs.all()]
    return can_issue_report(user, document.period) and can_aggregate(
        user, document.period, bloc_ids
    )


def _is_inspectorate_staff(user) -> bool:
    agency = getattr(user, "agency", None) if user.agency_id else None
    return (
        (base.is_head(user) or base.is_officer(user))
        and agency is not None
        and agency.kind == agency.INSPECTORATE
    )


def official_form_agency_ids(user) -> set[int] | None:
    """Agencies ``user`` may download the official statistical forms of (the agency and
    everything under it); None: every agency and the whole province.

    The province's inspectorate compiles the province's forms for the Government
    Inspectorate, so its head and officers, like the administrator and leadership, download
    them for the province and for any agency. A lower inspectorate (a district's) compiles
    its people's committee's: its parent agency's subtree. Anyone else: the agencies whose
    records they see (their own subtree, the secretariat its bloc)."""
    if not base._active(user):
        return set()
    if base.sees_whole_province(user):
        return None
    if _is_inspectorate_staff(user):
        agency = user.agency
        if agency.area.parent_id is None:
            return None
        if agency.parent_id:
            return base.agency_subtree_ids(agency.parent_id)
    return base.visible_agency_ids(user)


@permission("Bạn không được lập biểu mẫu thống kê cho phạm vi này.")
def can_download_official_form(user, agency=None) -> bool:
    """For ``agency`` (its whole subtree) or, when None, for the whole province."""
    ids = official_form_agency_ids(user)
    if ids is None:
        return True
    if agency is None:
        return False
    return base.agency_subtree_ids(agency.pk) <= ids


@permission("Bạn không được lập biểu mẫu thống kê.")
def can_use_official_forms(user) -> bool:
    """Whether ``official_form_agency_ids`` gives ``user`` anything: everyone with an agency
    (at least their own) or who sees the whole province, or agencies through a bloc. Decided
    without the inspectorate's area (the menu asks it on every page)."""
    if not base._active(user):
        return False
    if base.sees_whole_province(user) or user.agency_id:
        return True
    ids = base.visible_agency_ids(user)
    return ids is None or bool(ids)


@permission("Bạn không được ký số báo cáo này.")
def can_sign_report(user, document) -> bool:
    """Sign an issued version of a report document digitally: whoever may issue it (the
    secretariat of its blocs, the administrator). The key's certificate must moreover name
    the document's signer (checked when signing)."""
    return can_correct_report(user, document)


@permission("Chỉ cán bộ của cơ quan được lập báo cáo của cơ quan mình.")
def can_start_submission(user, agency) -> bool:
    """Start the agency's submission of a period: its officers and head."""
    return (base.is_officer(user) or base.is_head(user)) and user.agency_id == agency.pk


@permission("Chỉ cán bộ của cơ quan được nộp báo cáo của cơ quan mình.")
def can_upload_submission(user, agency) -> bool:
    """Send the agency's filled template: an account of the agency."""
    return bool(user.agency_id) and user.agency_id == agency.pk


@permission("Bạn không được lập báo cáo tổng hợp cho các khối này.")
def can_issue_for_blocs(user, period, bloc_ids) -> bool:
    """Issue the report of ``period`` for these blocs: whoever issues reports of the period
    and aggregates these blocs."""
    return can_issue_report(user, period) and can_aggregate(user, period, bloc_ids)


@permission("Chỉ quản trị hệ thống được ban hành báo cáo toàn tỉnh.")
def can_issue_province_report(user) -> bool:
    return base.is_admin(user)


@permission("Bạn không được xem báo cáo tổng hợp này.")
def can_view_report(user, document) -> bool:
    """Open an issued report document: the whole province's for whoever aggregates the
    province, a blocs' one for whoever aggregates those blocs."""
    if document.whole_province:
        return can_aggregate_province(user)
    return can_aggregate(user, document.period, [b.pk for b in document.blocs.all()])


require_manage_periods = can_manage_periods.require
require_edit_submission = can_edit_submission.require
require_approve_submission = can_approve_submission.require
require_start_submission = can_start_submission.require
require_upload_submission = can_upload_submission.require
require_aggregate = can_aggregate.require
require_aggregate_province = can_aggregate_province.require
require_send_reminders = can_send_reminders.require
require_issue_for_blocs = can_issue_for_blocs.require
require_issue_province_report = can_issue_province_report.require
require_view_report = can_view_report.require
require_correct_report = can_correct_report.require
require_sign_report = can_sign_report.require
require_download_official_form = can_download_official_form.require
require_use_official_forms = can_use_official_forms.require
