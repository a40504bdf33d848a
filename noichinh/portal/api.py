"""API of the portal area for officers: messages with the sender, the reveal log, the reveal
itself (same rules as the web: a reason, logged), protection requests."""

import datetime as dt

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from noichinh.core.apitypes import Input, Pagination, RecordId, Text
from noichinh.portal import permissions, selectors, services
from noichinh.portal.models import RevealGround

PREFIX = "/portal"
router = Router(tags=["portal"])


class MessageOut(Schema):
    id: int
    petition_id: RecordId
    kind: str
    text: str
    agency_id: int | None
    author_id: int | None
    created_at: dt.datetime


class MessageIn(Input):
    kind: str
    text: str


class RevealIn(Input):
    ground: RevealGround = Field(..., description="Căn cứ pháp lý (portal.models.RevealGround)")
    reason: str


class RevealLogOut(Schema):
    id: int
    at: dt.datetime
    actor_id: int | None
    actor_name: str
    action: str
    ground: str = ""
    ground_label: str = ""
    reason: str
    # The audited grant of role and agency that made this reveal possible (if any).
    granted_at: dt.datetime | None = None
    granted_by: str = ""
    granted_role: str = ""
    granted_agency_id: int | None = None

    @staticmethod
    def resolve_granted_at(obj):
        return obj.grant.at if getattr(obj, "grant", None) else None

    @staticmethod
    def resolve_granted_by(obj):
        return obj.grant.by_username if getattr(obj, "grant", None) else ""

    @staticmethod
    def resolve_granted_role(obj):
        return obj.grant.role if getattr(obj, "grant", None) else ""

    @staticmethod
    def resolve_granted_agency_id(obj):
        return obj.grant.agency_id if getattr(obj, "grant", None) else None


class IdentityOut(Schema):
    reveal_id: int
    name: str = ""
    id_number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""


class ProtectionOut(Schema):
    id: int
    petition_id: RecordId
    channel: str
    requested_on: dt.date
    measures: list[str]
    state: str
    decision_due: dt.date | None
    decided_on: dt.date | None
    decision_doc_no: str
    measures_applied: list[str]
    follow_up_due: dt.date | None
    ended_on: dt.date | None


@router.get(
    "/petitions/{petition_id}/messages",
    response=list[MessageOut],
    summary="Trao đổi với người gửi qua cổng",
)
def messages(request, petition_id: RecordId):
    petition = selectors.petition_get_for_user(user=request.user, pk=petition_id)
    return list(selectors.messages_for([petition]))


@router.post(
    "/petitions/{petition_id}/messages",
    response={201: MessageOut},
    summary="Trả lời hoặc đề nghị người gửi bổ sung",
)
def message_create(request, petition_id: RecordId, payload: MessageIn):
    petition = selectors.petition_get_for_user(user=request.user, pk=petition_id)
    return Status(
        201,
        services.portal_answer(
            actor=request.user, petition=petition, kind=payload.kind, text=payload.text
        ),
    )


@router.get(
    "/petitions/{petition_id}/reveals",
    response=list[RevealLogOut],
    summary="Nhật ký xem danh tính người tố cáo",
)
def reveals(request, petition_id: RecordId):
    petition = selectors.petition_get_for_user(user=request.user, pk=petition_id)
    permissions.require_view_reveal_log(request.user, petition)
    return selectors.with_grants(selectors.reveal_log([petition]), [petition])


@router.post(
    "/petitions/{petition_id}/reveal",
    response=IdentityOut,
    summary="Xem danh tính người tố cáo (ghi lý do, được lưu vết)",
)
def reveal(request, petition_id: RecordId, payload: RevealIn):
    petition = selectors.petition_get_for_user(user=request.user, pk=petition_id)
    result = services.reveal_identity(
        actor=request.user, petition=petition, reason=payload.reason, ground=payload.ground
    )
    return {"reveal_id": result["entry"].pk, **result["identity"]}


class FeedbackOut(Schema):
    id: int
    petition_id: RecordId
    agency_id: int
    satisfied: bool
    comment: str
    updated_at: dt.datetime

    @staticmethod
    def resolve_agency_id(obj):
        return obj.petition.agency_id


@router.get("/feedback", response=list[FeedbackOut], summary="Đánh giá của người gửi về trả lời")
@paginate(Pagination)
def feedback(request, satisfied: Text = "0"):
    """``satisfied``: "0" not satisfied (default), "1" satisfied, "" all."""
    return selectors.feedback_list(
        user=request.user, filters=selectors.FeedbackFilters(satisfied=satisfied)
    )


@router.get(
    "/protection-requests", response=list[ProtectionOut], summary="Đề nghị bảo vệ người tố cáo"
)
@paginate(Pagination)
def protection_requests(request, q: Text = "", state: Text = "", due: Text = ""):
    return selectors.protection_list(
        user=request.user, filters=selectors.ProtectionFilters(q=q, state=state, due=due)
    )


@router.get(
    "/protection-requests/{request_id}",
    response=ProtectionOut,
    summary="Chi tiết đề nghị bảo vệ",
)
def protection_request(request, request_id: RecordId):
    return selectors.protection_get_for_user(user=request.user, pk=request_id)
