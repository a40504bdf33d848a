"""Access rules for the petitions area (reception book, petitions, their documents).

- Admin and leadership see every agency; leadership only reads.
- The secretariat sees the agencies of its bloc (reads only: it coordinates, it does not handle).
- Officers and heads see and handle the records of their agency and the agencies under it.
- Only a head (or admin) assigns officers and closes a file.
- A denunciation's sealed identity is never shown by these rules: revealing it is the
  portal/protection area's ``can_reveal_identity``.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q

from noichinh.org.permissions import base
from noichinh.org.permissions.base import *  # noqa: F401,F403  (the shared predicates, re-exported)
from noichinh.org.permissions.base import permission

__all__ = [
    "can_reveal_identity",
    "can_match_sender",
    "can_forward_identity",
    "REVEALING_ROLES",
    "can_sign_petition_notice",
    "visible_petitions",
    "visible_visits",
    "can_view_petition",
    "can_view_visit",
    "can_create_petition",
    "can_create_visit",
    "can_handle_petition",
    "can_assign_petition",
    "can_close_petition",
    "can_do_petition_action",
    "can_import_petitions",
    "can_see_plain_sender",
    "can_propose_as_duplicate",
    "duplicate_candidates_q",
    "petition_actions_for",
    "can_edit_reception_schedule",
    "reception_schedule_editable_ids",
    "PETITION_ACTIONS",
    "PETITION_ACTION_LABELS",
    "require_view_petition",
    "require_view_visit",
    "require_create_petition",
    "require_create_visit",
    "require_handle_petition",
    "require_assign_petition",
    "require_close_petition",
    "require_import_petitions",
    "require_edit_reception_schedule",
    "require_sign_petition_notice",
    "require_petition_action",
    "can_open_attachment",
    "require_open_attachment",
    "require_propose_as_duplicate",
]


HANDLE_DENIED = "Bạn không có quyền xử lý đơn này."


def _writer(user) -> bool:
    return base.is_admin(user) or base.is_head(user) or base.is_officer(user)


def visible_petitions(user, queryset=None):
    """Petitions ``user`` may see (a queryset filter)."""
    from noichinh.petitions.models import Petition

    qs = Petition.objects.all() if queryset is None else queryset
    ids = base.visible_agency_ids(user)
    if ids is None:
        return qs
    return qs.filter(agency_id__in=ids)


def visible_visits(user, queryset=None):
    from noichinh.petitions.models import Visit

    qs = Visit.objects.all() if queryset is None else queryset
    ids = base.visible_agency_ids(user)
    if ids is None:
        return qs
    return qs.filter(agency_id__in=ids)


@permission("Bạn không có quyền xem đơn này.")
def can_view_petition(user, petition) -> bool:
    return base.agency_is_visible(user, petition.agency_id)


@permission("Bạn không có quyền xem lượt tiếp này.")
def can_view_visit(user, visit) -> bool:
    return base.agency_is_visible(user, visit.agency_id)


def _handles_agency(user, agency_id) -> bool:
    if base.is_admin(user):
        return True
    if not (base.is_head(user) or base.is_officer(user)) or not user.agency_id:
        return False
    return agency_id in base.agency_subtree_ids(user.agency_id)


@permission("Bạn không được vào sổ đơn của cơ quan này.")
def can_create_petition(user, agency=None) -> bool:
    """Record a received petition in ``agency`` (or, without agency, in any of one's own)."""
    if not _writer(user):
        return False
    return agency is None or _handles_agency(user, getattr(agency, "pk", agency))


@permission("Bạn không được ghi sổ tiếp công dân của cơ quan này.")
def can_create_visit(user, agency=None) -> bool:
    return can_create_petition(user, agency)


@permission("Bạn không được sửa lịch tiếp công dân của cơ quan này.")
def can_edit_reception_schedule(user, agency=None) -> bool:
    """Add, change or cancel days of ``agency``'s published reception schedule (or, without
    agency, of any of one's own): its officers and head, and the administrator. Leadership
    and the secretariat read it; other agencies do not edit it."""
    if not _writer(user):
        return False
    return agency is None or _handles_agency(user, getattr(agency, "pk", agency))


def reception_schedule_editable_ids(user) -> set[int] | None:
    """The agencies whose schedule ``user`` may edit (None: every agency), for lists."""
    if not _writer(user):
        return set()
    if base.is_admin(user):
        return None
    return base.agency_subtree_ids(user.agency_id) if user.agency_id else set()


@permission(HANDLE_DENIED)
def can_handle_petition(user, petition) -> bool:
    """Classify, decide the handling, record time-limit events and the resolution."""
    return _handles_agency(user, petition.agency_id)


@permission(HANDLE_DENIED)
def can_assign_petition(user, petition) -> bool:
    return (base.is_admin(user) or base.is_head(user)) and _handles_agency(user, petition.agency_id)


@permission(HANDLE_DENIED)
def can_close_petition(user, petition) -> bool:
    return can_assign_petition(user, petition)


@permission("Tệp này chứa thông tin nhận diện người gửi.")
def can_open_attachment(user, attachment) -> bool:
    """An identifying file (not of a denunciation: that one opens only through the logged
    reveal of the portal area) is for those who handle the petition."""
    return not attachment.is_identifying or can_handle_petition(user, attachment.petition)


@permission("Bạn không được nhập sổ của cơ quan này.")
def can_import_petitions(user, agency=None) -> bool:
    return can_create_petition(user, agency)


def can_see_plain_sender(user, petition) -> bool:
    """Sender of a non-denunciation, visible to whoever sees the petition."""
    return not petition.is_denunciation and can_view_petition(user, petition)


@permission("Không tìm thấy đơn được chọn.")
def can_propose_as_duplicate(user, petition) -> bool:
    """Propose ``petition`` to ``user`` as an earlier duplicate, or let them link to it.

    Duplicates are looked for across agencies, and a petition of another agency is shown by
    its receipt number, agency and date. A denunciation is not: that someone denounced
    something at another agency is itself part of what the Law on Denunciations 2018 keeps
    confidential (art. 8, art. 9), so it is proposed only to those who may see it."""
    return not petition.is_denunciation or can_view_petition(user, petition)


def duplicate_candidates_q(user, prefix: str = "") -> Q:
    """``can_propose_as_duplicate`` as a filter (``prefix``: the path to the petition)."""
    ids = base.visible_agency_ids(user)
    if ids is None:
        return Q()
    return ~Q(**{f"{prefix}type": "denunciation"}) | Q(**{f"{prefix}agency_id__in": ids})


# Which states each action may start from, and who may do it. The workflow table:
# action → (allowed from states, predicate).
_OPEN = ("received", "classified", "accepted")
PETITION_ACTIONS = {
    "classify": (("received", "classified"), can_handle_petition),
    "accept": (("classified",), can_handle_petition),
    "forward": (("received", "classified"), can_handle_petition),
    "guide": (("received", "classified"), can_handle_petition),
    "return": (("received", "classified"), can_handle_petition),
    "archive": (("received", "classified"), can_handle_petition),
    "extend": (("accepted",), can_handle_petition),
    "suspend": (("accepted",), can_handle_petition),
    "resume": (("suspended",), can_handle_petition),
    "resolve": (("accepted",), can_handle_petition),
    "close": (("resolved", "forwarded", "guided", "returned", "archived"), can_close_petition),
    "urge": (("forwarded",), can_handle_petition),
    "record_answer": (("forwarded",), can_handle_petition),
    "link_duplicate": (_OPEN + ("archived",), can_handle_petition),
    "assign": (_OPEN + ("suspended",), can_assign_petition),
}


# What an officer reads for each action (buttons, messages, refusals).
PETITION_ACTION_LABELS = {
    "classify": "Phân loại đơn",
    "accept": "Thụ lý giải quyết",
    "forward": "Chuyển đơn",
    "guide": "Hướng dẫn",
    "return": "Trả lại đơn",
    "archive": "Lưu đơn",
    "extend": "Gia hạn giải quyết",
    "suspend": "Tạm đình chỉ",
    "resume": "Tiếp tục giải quyết",
    "resolve": "Ghi kết quả giải quyết",
    "close": "Kết thúc hồ sơ",
    "urge": "Đôn đốc",
    "record_answer": "Ghi kết quả trả lời",
    "link_duplicate": "Đánh dấu đơn trùng",
    "assign": "Giao cán bộ xử lý",
}


def require_petition_action(user, petition, action: str) -> None:
    """Refuse ``action`` on ``petition`` the one way the page, the API and the services all
    use: who may not do it gets ``PermissionDenied`` with the rule's message, whatever the
    state; who may, on a petition not in a state the step starts from, a ``ValidationError``
    naming the step and the state."""
    rule = PETITION_ACTIONS.get(action)
    if rule is None:
        raise ValidationError("Thao tác không hợp lệ.")
    states, predicate = rule
    predicate.require(user, petition)
    if petition.state not in states:
        raise ValidationError(
            f"Không thể “{PETITION_ACTION_LABELS[action]}” khi đơn đang ở trạng thái "
            f"“{petition.get_state_display()}”."
        )


def can_do_petition_action(user, petition, action: str) -> bool:
    rule = PETITION_ACTIONS.get(action)
    if rule is None:
        return False
    states, predicate = rule
    return petition.state in states and predicate(user, petition)


def petition_actions_for(user, petition) -> list[str]:
    return [a for a in PETITION_ACTIONS if can_do_petition_action(user, petition, a)]


@permission("Chỉ thủ trưởng cơ quan giải quyết đơn được ký số văn bản về đơn.")
def can_sign_petition_notice(user, petition) -> bool:
    """Sign a notice of ``petition`` digitally (thụ lý, chuyển đơn, hướng dẫn): the head of
    the agency handling it, who signs such notices as "Thủ trưởng cơ quan"; the key's
    certificate must name that head (checked when signing)."""
    return base.is_head(user) and user.agency_id == petition.agency_id


# --- a denouncer's identity (the portal's reveal, forwarding, duplicate proposals) ---------


def _is_resolving_agency_member(user, petition) -> bool:
    return bool(user.agency_id) and user.agency_id == petition.agency_id


# Roles that may reveal an identity (the head of the resolving agency; the assigned officer).
REVEALING_ROLES = (base.User.HEAD, base.User.OFFICER)


@permission("Bạn không có quyền xem danh tính người tố cáo của đơn này.")
def can_reveal_identity(user, petition) -> bool:
    """Reveal a denouncer's sealed identity, one record at a time (with a reason, logged)."""
    if not petition.is_denunciation:
        return False
    if petition.state == "forwarded":
        return False
    if base.is_head(user) and _is_resolving_agency_member(user, petition):
        return True
    if (base.is_officer(user) or base.is_head(user)) and petition.assigned_officer_id == user.pk:
        return can_handle_petition(user, petition)
    return False


@permission("Chỉ người được xem danh tính người tố cáo mới được chuyển đơn kèm danh tính.")
def can_forward_identity(user, petition) -> bool:
    """Forward a denunciation with its denouncer's identity: whoever may reveal it."""
    return can_reveal_identity(user, petition)


def can_match_sender(user, petition) -> bool:
    """Compare ``petition``'s sender with another's (duplicate proposals, "same sender").

    A denunciation's sender keys are its sealed identity in another form: a match on them
    tells whoever sees it that a given person denounced, so it exists only for a user who
    may reveal that identity. Every other petition's sender is in plain sight anyway."""
    return not petition.is_denunciation or can_reveal_identity(user, petition)


require_view_petition = can_view_petition.require
require_view_visit = can_view_visit.require
require_create_petition = can_create_petition.require
require_create_visit = can_create_visit.require
require_handle_petition = can_handle_petition.require
require_assign_petition = can_assign_petition.require
require_close_petition = can_close_petition.require
require_import_petitions = can_import_petitions.require
require_edit_reception_schedule = can_edit_reception_schedule.require
require_sign_petition_notice = can_sign_petition_notice.require
require_open_attachment = can_open_attachment.require
require_propose_as_duplicate = can_propose_as_duplicate.require
require_reveal_identity = can_reveal_identity.require
require_forward_identity = can_forward_identity.require
