"""Access rules for the public portal and whistleblower protection.

Law on Denunciations 2018 art. 9 (the denouncer's identity is confidential), art. 8
(disclosing it is prohibited), chapter VI art. 47 onward (protection measures).

- Only the officer assigned to resolve a denunciation and the head of the resolving agency
  may reveal the denouncer's identity; nobody else, administrators and leadership included.
  A forwarded petition is resolved elsewhere: its reveal belongs to the receiving agency.
- Who has seen an identity (the reveal log) is readable by those who may reveal it, and
  by the denouncer through their receipt code.
- Officers and heads of the handling agency answer and question the sender through the
  portal; the head decides on protection measures, officers record requests and follow-up.
"""

from noichinh.org.permissions import base
from noichinh.org.permissions.base import *  # noqa: F401,F403  (the shared predicates, re-exported)
from noichinh.org.permissions.base import permission
from noichinh.petitions import permissions as pet

# Who may see a denouncer's identity: petitions' rules (its forwarding and duplicates use them).
from noichinh.petitions.permissions import (  # noqa: F401
    REVEALING_ROLES,
    _is_resolving_agency_member,
    can_forward_identity,
    can_match_sender,
    can_reveal_identity,
)

__all__ = [
    "can_reveal_identity",
    "can_match_sender",
    "REVEALING_ROLES",
    "can_view_reveal_log",
    "can_answer_via_portal",
    "can_issue_portal_code",
    "can_download_attachment",
    "visible_protection_requests",
    "can_view_protection",
    "can_record_protection",
    "can_decide_protection",
    "can_follow_up_protection",
    "can_forward_identity",
    "can_hold_records",
    "can_view_retention_report",
    "require_reveal_identity",
    "require_view_reveal_log",
    "require_answer_via_portal",
    "require_issue_portal_code",
    "require_download_attachment",
    "require_view_protection",
    "require_record_protection",
    "require_decide_protection",
    "require_follow_up_protection",
    "require_forward_identity",
    "require_hold_records",
    "require_view_retention_report",
]


@permission("Bạn không được xem nhật ký này.")
def can_view_reveal_log(user, petition) -> bool:
    """Who has seen the identity: for those who may reveal it, and the system administrator
    who audits access (the log holds no identity)."""
    return can_reveal_identity(user, petition) or (
        base.is_admin(user) and pet.can_view_petition(user, petition)
    )


@permission("Bạn không được trả lời người gửi đơn này.")
def can_answer_via_portal(user, petition) -> bool:
    """Answer the sender or ask them a question through the portal."""
    return pet.can_handle_petition(user, petition) and not base.is_admin(user)


@permission("Bạn không được cấp mã tra cứu cho đơn này.")
def can_issue_portal_code(user, petition) -> bool:
    """Give the sender of a petition received on paper a receipt code for the portal."""
    return can_answer_via_portal(user, petition)


@permission("Tệp này chứa thông tin nhận diện người tố cáo.")
def can_download_attachment(user, attachment) -> bool:
    """An identifying attachment of a denunciation is part of the sealed identity."""
    petition = attachment.petition
    if attachment.is_identifying and petition.is_denunciation:
        return can_reveal_identity(user, petition)
    return pet.can_view_petition(user, petition)


@permission("Bạn không được giữ hoặc bỏ giữ hồ sơ của đơn này.")
def can_hold_records(user, petition) -> bool:
    """Hold a petition's records past their retention time (or lift the hold): its handlers."""
    return pet.can_handle_petition(user, petition)


@permission("Chỉ quản trị hệ thống xem báo cáo lưu giữ dữ liệu.")
def can_view_retention_report(user) -> bool:
    return base.is_admin(user)


# --- protection requests ---------------------------------------------------------------------


def visible_protection_requests(user, queryset=None):
    from noichinh.portal.models import ProtectionRequest

    qs = ProtectionRequest.objects.all() if queryset is None else queryset
    if not (base.is_admin(user) or base.is_head(user) or base.is_officer(user)):
        return qs.none()
    ids = base.visible_agency_ids(user)
    if ids is None:
        return qs
    return qs.filter(petition__agency_id__in=ids)


@permission("Bạn không được xem đề nghị bảo vệ này.")
def can_view_protection(user, request) -> bool:
    return (
        base.is_admin(user) or base.is_head(user) or base.is_officer(user)
    ) and pet.can_view_petition(user, request.petition)


@permission("Bạn không được ghi nhận đề nghị bảo vệ cho đơn này.")
def can_record_protection(user, petition) -> bool:
    """Record a protection request received on paper, for a denunciation."""
    return (
        petition.is_denunciation
        and not base.is_admin(user)
        and pet.can_handle_petition(user, petition)
    )


@permission(
    "Chỉ thủ trưởng cơ quan giải quyết tố cáo quyết định áp dụng hoặc chấm dứt việc bảo vệ."
)
def can_decide_protection(user, request) -> bool:
    """The head of the agency that resolves the denunciation decides (art. 47 onward)."""
    return base.is_head(user) and _is_resolving_agency_member(user, request.petition)


@permission("Bạn không được theo dõi việc bảo vệ này.")
def can_follow_up_protection(user, request) -> bool:
    return not base.is_admin(user) and pet.can_handle_petition(user, request.petition)


require_reveal_identity = can_reveal_identity.require
require_view_reveal_log = can_view_reveal_log.require
require_answer_via_portal = can_answer_via_portal.require
require_issue_portal_code = can_issue_portal_code.require
require_download_attachment = can_download_attachment.require
require_view_protection = can_view_protection.require
require_record_protection = can_record_protection.require
require_decide_protection = can_decide_protection.require
require_follow_up_protection = can_follow_up_protection.require
require_forward_identity = can_forward_identity.require
require_hold_records = can_hold_records.require
require_view_retention_report = can_view_retention_report.require
