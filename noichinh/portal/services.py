"""Writes of the portal and protection area: one function per action, one transaction, audited.

Sources: Law on Denunciations 2018 art. 8–9 (confidentiality of the denouncer), art. 25
(anonymous denunciations), chapter VI art. 47 onward (protection measures); Circular
05/2021/TT-TTCP (receiving petitions, also online).

Identity reveals are entries of core's hash-chained audit history (action
``reveal_identity`` / ``reveal_attachment``), so ``manage.py verify_audit`` covers them.
"""

import datetime as dt
import hmac

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.views.decorators.debug import sensitive_variables

from noichinh.core import audit, clock, sealed
from noichinh.core.formats import vn_date
from noichinh.core.selectors import UnknownRule, due_date
from noichinh.petitions import services as petition_services
from noichinh.petitions.models import Notification, Petition, PetitionType
from noichinh.portal import codes, permissions
from noichinh.portal import files as portal_files
from noichinh.portal.grounds import require_ground, require_reason
from noichinh.portal.models import (
    CitizenFeedback,
    Measure,
    PortalAccess,
    PortalMessage,
    PortalSubmission,
    ProtectionEvent,
    ProtectionRequest,
    code_hash,
)
from noichinh.portal.selectors import answered, current_handler, petition_chain

PORTAL_TYPES = (
    PetitionType.COMPLAINT,
    PetitionType.DENUNCIATION,
    PetitionType.RECOMMENDATION,
    PetitionType.REFLECTION,
)
# No rule of legal.md §2 covers deciding on a protection request yet; when the rule table
# gets this code, its due date is used, otherwise the handler types the time limit.
PROTECTION_DECIDE_RULE = "protection.decide"
_NO_MATCH = "0" * 64


def new_code() -> str:
    """A receipt code: Crockford base32 in groups, 140 random bits (``portal.codes``); only the
    hash of its canonical form is stored."""
    return codes.new_code()


def _notify_handlers(petition, *, kind, key, message):
    from noichinh.org.models import User

    handlers = User.objects.filter(
        agency_id=petition.agency_id, is_active=True, role__in=[User.OFFICER, User.HEAD]
    )
    if petition.assigned_officer_id:
        handlers = handlers | User.objects.filter(pk=petition.assigned_officer_id)
    for user in handlers.distinct():
        Notification.objects.get_or_create(
            user=user,
            key=key[:120],
            defaults=dict(petition=petition, kind=kind, message=message[:500]),
        )


def _issue_code(petition, actor=None) -> str:
    code = new_code()
    PortalAccess.objects.update_or_create(
        petition=petition,
        defaults=dict(
            # A new code always normalises: "or code" only narrows the type.
            code_hash=code_hash(codes.normalise(code) or code),
            created_by=actor if getattr(actor, "pk", None) else None,
        ),
    )
    return code


# --- public submission -----------------------------------------------------------------------


# Lengths of what a citizen types (the province's choice, not a legal figure): a longer text
# is refused with a message, never cut (forms.LimitedTextField shows the limit as they type).
CONTENT_MAX = 20000
SUMMARY_MAX = 255
REPLY_MAX = 10000
SUBMISSION_CODE_KEPT = dt.timedelta(hours=1)
ALREADY_SENT = (
    "Đơn này đã được gửi trước đó. Dùng mã tra cứu đã được cấp khi gửi để xem tình trạng đơn."
)


def _already_submitted(key_digest: str) -> tuple[Petition, str] | None:
    """The petition a form key already made, with its receipt code while it is kept."""
    row = PortalSubmission.objects.filter(key_hash=key_digest).select_related("petition").first()
    if row is None or row.petition is None:
        return None
    if not row.code_sealed or row.created_at < clock.now() - SUBMISSION_CODE_KEPT:
        raise ValidationError(ALREADY_SENT)
    return row.petition, sealed.unseal(row.code_sealed)


@sensitive_variables("fields")
def portal_submit(*, submission_key: str = "", **fields) -> tuple[Petition, str]:
    """A citizen sends a petition through the portal (no account): see ``_portal_submit``.

    ``submission_key`` is the submit form's one-time key: sent again — a double click, a
    reload, two identical requests at once — it gives back the petition it made and its
    receipt code, not a second petition. On SQLite the second request waits for the first
    (settings: IMMEDIATE transactions, busy timeout) and finds its row; on PostgreSQL it
    waits on the unique key and then finds it the same way.
    """
    key = (submission_key or "").strip()[:200]
    if not key:
        return _portal_submit(key_digest="", **fields)
    digest = code_hash("portal-submission:" + key)
    try:
        return _portal_submit(key_digest=digest, **fields)
    except IntegrityError:
        found = _already_submitted(digest)
        if found is None:
            raise
        return found


@sensitive_variables("sender_name", "sender_id_number", "sender_address", "sender_phone")
@transaction.atomic
def _portal_submit(
    *,
    key_digest: str,
    agency,
    type: str,
    content: str,
    summary: str = "",
    field: str = "other",
    sender_name: str = "",
    sender_id_number: str = "",
    sender_address: str = "",
    sender_phone: str = "",
    sender_email: str = "",
    is_anonymous: bool = False,
    files=(),
) -> tuple[Petition, str]:
    """A citizen sends a petition through the portal (no account): it enters the chosen
    agency's register (channel ``portal``) and the sender gets a receipt code, shown once."""
    submission = None
    if key_digest:
        found = _already_submitted(key_digest)
        if found is not None:
            return found
        # Claimed first: a concurrent request with the same key waits here, then fails.
        submission = PortalSubmission.objects.create(key_hash=key_digest, created_at=clock.now())
    errors = {}
    if type not in PORTAL_TYPES:
        errors["type"] = "Chọn loại đơn: khiếu nại, tố cáo, kiến nghị hoặc phản ánh."
    if not (content or "").strip():
        errors["content"] = "Nhập nội dung đơn."
    elif len(content.strip()) > CONTENT_MAX:
        errors["content"] = too_long(content.strip(), CONTENT_MAX)
    if len((summary or "").strip()) > SUMMARY_MAX:
        errors["summary"] = too_long(summary.strip(), SUMMARY_MAX)
    if is_anonymous and type != PetitionType.DENUNCIATION:
        errors["is_anonymous"] = "Chỉ đơn tố cáo mới có thể gửi không ghi danh."
    if not is_anonymous:
        if not (sender_name or "").strip():
            errors["sender_name"] = "Nhập họ và tên người gửi."
        if not (sender_address or "").strip():
            errors["sender_address"] = "Nhập địa chỉ người gửi."
    if errors:
        raise ValidationError(errors)
    files = [f for f in files or () if f]
    portal_files.check_uploads(files)
    if is_anonymous:
        sender_name = sender_id_number = sender_address = sender_phone = sender_email = ""
    petition = petition_services.petition_create(
        actor=None,
        agency=agency,
        received_on=clock.today(),
        content=content.strip(),
        summary=(summary or "").strip(),
        type=type,
        field=field or "other",
        channel=Petition.Channel.PORTAL,
        sender_name=sender_name,
        sender_id_number=sender_id_number,
        sender_address=sender_address,
        sender_phone=sender_phone,
        sender_email=sender_email,
        is_anonymous=is_anonymous,
        addressed_to=agency.name,
        check_permission=False,
    )
    for index, upload in enumerate(files, 1):
        portal_files.attach(
            actor=None,
            petition=petition,
            upload=upload,
            identifying=petition.is_denunciation,
            index=index,
        )
    code = _issue_code(petition)
    if submission is not None:
        submission.petition = petition
        submission.code_sealed = sealed.seal(code)
        submission.save(update_fields=["petition", "code_sealed"])
        PortalSubmission.objects.filter(created_at__lt=clock.now() - SUBMISSION_CODE_KEPT).exclude(
            code_sealed=""
        ).update(code_sealed="")
    _notify_handlers(
        petition,
        kind="portal_new",
        key=f"portal_new:{petition.pk}",
        message=f"Đơn mới qua cổng trực tuyến: số {petition.receipt_no}, hạn xử lý "
        f"{vn_date(petition.next_due)}.",
    )
    return petition, code


def petition_id_for_code(code: str) -> int | None:
    """The petition a receipt code opens, or None. The same work is done for an unknown,
    mistyped or malformed code (hash, one indexed query, constant-time compare)."""
    digests = [code_hash(form) for form in codes.lookup_forms(code)]
    row = (
        PortalAccess.objects.filter(code_hash__in=digests)
        .values_list("code_hash", "petition_id")
        .first()
    )
    stored, petition_id = row if row else (_NO_MATCH, None)
    matches = [hmac.compare_digest(stored, digest) for digest in digests]
    if not any(matches) or petition_id is None:
        return None
    PortalAccess.objects.filter(petition_id=petition_id).update(last_used_at=clock.now())
    return petition_id


@transaction.atomic
def portal_reply(*, petition: Petition, text: str, files=()) -> PortalMessage:
    """The sender answers the handler through the portal (their receipt code opened it).
    The reply goes to the agency handling the matter now (the last hop of a forward)."""
    if not (text or "").strip():
        raise ValidationError({"text": "Nhập nội dung phản hồi."})
    if len(text.strip()) > REPLY_MAX:
        raise ValidationError({"text": too_long(text.strip(), REPLY_MAX)})
    files = [f for f in files or () if f]
    portal_files.check_uploads(files)
    target = current_handler(petition)
    message = PortalMessage.objects.create(
        petition=target, kind=PortalMessage.Kind.REPLY, text=text.strip(), agency=target.agency
    )
    start = target.attachments.count() + 1
    for index, upload in enumerate(files, start):
        portal_files.attach(
            actor=None,
            petition=target,
            upload=upload,
            identifying=target.is_denunciation,
            index=index,
        )
    audit.record_create(actor=None, obj=message, reason="Người gửi phản hồi qua cổng trực tuyến")
    _notify_handlers(
        target,
        kind="portal_reply",
        key=f"portal_reply:{message.pk}",
        message=f"Người gửi đơn số {target.receipt_no} đã phản hồi qua cổng trực tuyến.",
    )
    return message


@transaction.atomic
def citizen_feedback_give(
    *, petition: Petition, satisfied: bool, comment: str = ""
) -> CitizenFeedback:
    """After an answer, the sender says whether the matter was resolved (their receipt code
    opened ``petition``). Kept on the record that answered; the sender may change it. A
    "not satisfied" goes to the handlers and the head of that agency."""
    chain = petition_chain(petition)
    if not answered(chain):
        raise ValidationError("Chỉ đánh giá được sau khi cơ quan đã trả lời đơn.")
    if satisfied not in (True, False):
        raise ValidationError({"satisfied": "Chọn hài lòng hoặc không hài lòng."})
    comment = (comment or "").strip()
    if len(comment) > CitizenFeedback.COMMENT_MAX:
        raise ValidationError({"comment": too_long(comment, CitizenFeedback.COMMENT_MAX)})
    target = Petition.objects.select_for_update().get(pk=chain[-1].pk)
    feedback = CitizenFeedback.objects.filter(petition=target).first()
    if feedback is None:
        feedback = CitizenFeedback.objects.create(
            petition=target, satisfied=satisfied, comment=comment
        )
        audit.record_create(actor=None, obj=feedback, reason="Người gửi đánh giá trả lời")
    else:
        before = audit.snapshot(feedback)
        feedback.satisfied, feedback.comment = satisfied, comment
        feedback.save()
        audit.record_update(
            actor=None, obj=feedback, before=before, reason="Người gửi đổi đánh giá"
        )
    if not satisfied:
        _notify_handlers(
            target,
            kind="portal_unsatisfied",
            key=f"portal_unsatisfied:{feedback.pk}:{feedback.updated_at:%Y%m%d%H%M%S}",
            message=f"Người gửi đơn số {target.receipt_no} không hài lòng với trả lời.",
        )
    return feedback


def too_long(text: str, limit: int) -> str:
    """The message for a text over its limit (never cut silently)."""
    from noichinh.core.formats import vn_number

    return (
        f"Nội dung dài {vn_number(len(text))} ký tự, quá giới hạn {vn_number(limit)} ký tự. "
        "Hãy rút gọn hoặc gửi phần còn lại ở tệp đính kèm."
    )


# --- officer side ----------------------------------------------------------------------------


@transaction.atomic
def portal_answer(*, actor, petition: Petition, kind: str, text: str) -> PortalMessage:
    """The handler answers the sender or asks them to clarify; the sender reads it with
    their receipt code."""
    permissions.require_answer_via_portal(actor, petition)
    if kind not in (PortalMessage.Kind.ANSWER, PortalMessage.Kind.QUESTION):
        raise ValidationError({"kind": "Chọn trả lời hoặc đề nghị bổ sung."})
    if not (text or "").strip():
        raise ValidationError({"text": "Nhập nội dung."})
    if len(text.strip()) > REPLY_MAX:
        raise ValidationError({"text": too_long(text.strip(), REPLY_MAX)})
    message = PortalMessage.objects.create(
        petition=petition, kind=kind, text=text.strip(), author=actor, agency=actor.agency
    )
    audit.record_create(actor=actor, obj=message)
    return message


@transaction.atomic
def portal_issue_code(*, actor, petition: Petition) -> str:
    """Give the sender of a petition (e.g. received on paper) a new receipt code; an earlier
    code stops working."""
    permissions.require_issue_portal_code(actor, petition)
    code = _issue_code(petition, actor)
    audit.record(actor=actor, action="portal_code_issued", obj=petition)
    return code


@sensitive_variables("identity")
@transaction.atomic
def reveal_identity(*, actor, petition: Petition, reason: str, ground: str) -> dict:
    """Reveal one denouncer's identity to the assigned officer or the resolving agency's head,
    on a legal ground (``portal.models.RevealGround``) and with a reason; the reveal is an
    entry of the hash-chained audit history, its ground in ``changes["ground"]``."""
    permissions.require_reveal_identity(actor, petition)
    ground = str(ground or "")
    errors = {}
    for check, value in ((require_ground, ground), (require_reason, reason)):
        try:
            check(value)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    entry = audit.record(
        actor=actor,
        action="reveal_identity",
        obj=petition,
        reason=reason.strip(),
        changes={"ground": [None, ground]},
    )
    identity = petition.identity()
    people = [
        {"request": req, "people": req.people()}
        for req in petition.protection_requests.all()
        if req.sealed_people
    ]
    return {"identity": identity, "people": people, "entry": entry}


@transaction.atomic
def reveal_attachment(*, actor, attachment, reveal_entry_id: int | None = None) -> bytes:
    """Open an identifying attachment (within a reveal): logged like the identity."""
    petition = attachment.petition
    permissions.require_download_attachment(actor, attachment)
    if attachment.is_identifying and petition.is_denunciation:
        audit.record(
            actor=actor,
            action="reveal_attachment",
            obj=petition,
            changes={"attachment": [None, attachment.pk], "reveal": [None, reveal_entry_id]},
            reason=f"Mở tệp nhận diện #{attachment.pk} trong lần xem danh tính #{reveal_entry_id}",
        )
    return portal_files.read(attachment)


# --- protection requests ---------------------------------------------------------------------


def _decision_due(requested_on: dt.date) -> tuple[dt.date | None, str]:
    try:
        due = due_date(rule=PROTECTION_DECIDE_RULE, start=requested_on)
    except UnknownRule:
        return None, (
            f"Bảng thời hạn chưa có quy tắc “{PROTECTION_DECIDE_RULE}” (xem xét, quyết định áp "
            "dụng biện pháp bảo vệ): cán bộ nhập hạn theo văn bản áp dụng."
        )
    return due.due, due.explain()


def _clean_measures(measures) -> list[str]:
    chosen = [m for m in Measure.values if m in set(measures or ())]
    if not chosen:
        raise ValidationError({"measures": "Chọn ít nhất một biện pháp bảo vệ."})
    return chosen


@sensitive_variables("people")
@transaction.atomic
def protection_request_create(
    *,
    actor,
    petition: Petition,
    measures,
    grounds: str,
    people: str = "",
    requested_on: dt.date | None = None,
    decision_due: dt.date | None = None,
) -> ProtectionRequest:
    """A denouncer asks for protection (art. 47 onward). ``actor`` None: through the portal."""
    if actor is not None:
        permissions.require_record_protection(actor, petition)
    if not petition.is_denunciation:
        raise ValidationError("Chỉ người tố cáo mới đề nghị áp dụng biện pháp bảo vệ.")
    if petition.is_anonymous:
        raise ValidationError(
            "Đơn tố cáo không ghi danh: không xác định được người cần bảo vệ. Hãy gửi đơn có "
            "ghi rõ họ tên, địa chỉ (được giữ bí mật) để đề nghị bảo vệ."
        )
    chosen = _clean_measures(measures)
    if not (grounds or "").strip():
        raise ValidationError({"grounds": "Nêu căn cứ, nguy cơ bị đe dọa, trả thù."})
    today = clock.today()
    requested_on = requested_on or today
    if requested_on > today:
        raise ValidationError({"requested_on": "Ngày đề nghị không được sau hôm nay."})
    computed, explanation = _decision_due(requested_on)
    request = ProtectionRequest(
        petition=petition,
        channel=ProtectionRequest.Channel.PORTAL
        if actor is None
        else ProtectionRequest.Channel.PAPER,
        requested_on=requested_on,
        measures=chosen,
        grounds=grounds.strip(),
        decision_due=computed or decision_due,
        due_explanation=explanation,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    request.set_people(people)
    request.save()
    ProtectionEvent.objects.create(
        request=request,
        kind=ProtectionEvent.Kind.REQUESTED,
        on_date=requested_on,
        note=", ".join(request.measure_labels),
        actor=actor if getattr(actor, "pk", None) else None,
    )
    audit.record_create(actor=actor, obj=request)
    _notify_handlers(
        petition,
        kind="protection",
        key=f"protection:{request.pk}",
        message=f"Đề nghị bảo vệ người tố cáo (đơn số {petition.receipt_no}) cần xem xét, "
        f"quyết định{' trước ' + vn_date(request.decision_due) if request.decision_due else ''}.",
    )
    return request


def _lock_request(request, expected_version=None) -> ProtectionRequest:
    fresh = (
        ProtectionRequest.objects.select_for_update().select_related("petition").get(pk=request.pk)
    )
    if expected_version is not None and fresh.version != expected_version:
        raise ValidationError("Đề nghị vừa được người khác cập nhật. Hãy tải lại trang.")
    return fresh


def _save_request(request, *, actor, before, reason=""):
    request.version += 1
    request.save()
    audit.record_update(actor=actor, obj=request, before=before, reason=reason)


@transaction.atomic
def protection_decide(
    *,
    actor,
    request: ProtectionRequest,
    apply: bool,
    decided_on: dt.date,
    doc_no: str,
    note: str = "",
    measures_applied=(),
    protecting_agency: str = "",
    applied_until: dt.date | None = None,
    follow_up_due: dt.date | None = None,
    expected_version: int | None = None,
) -> ProtectionRequest:
    """The head of the resolving agency decides to apply protection measures or not."""
    permissions.require_decide_protection(actor, request)
    request = _lock_request(request, expected_version)
    if request.state != ProtectionRequest.State.REQUESTED:
        raise ValidationError("Đề nghị này đã được quyết định.")
    errors = {}
    if not (doc_no or "").strip():
        errors["doc_no"] = "Nhập số quyết định hoặc văn bản trả lời."
    if not decided_on:
        errors["decided_on"] = "Nhập ngày quyết định (dd/mm/yyyy)."
    elif decided_on > clock.today():
        errors["decided_on"] = "Ngày quyết định không được sau hôm nay."
    elif decided_on < request.requested_on:
        errors["decided_on"] = "Ngày quyết định không được trước ngày đề nghị."
    if not apply and not (note or "").strip():
        errors["note"] = "Không áp dụng thì phải ghi rõ lý do."
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(request)
    request.decided_on = decided_on
    request.decision_doc_no = doc_no.strip()
    request.decision_note = (note or "").strip()
    if apply:
        request.state = ProtectionRequest.State.APPLIED
        request.measures_applied = _clean_measures(measures_applied or request.measures)
        request.protecting_agency = (protecting_agency or "").strip()
        request.applied_until = applied_until
        request.follow_up_due = follow_up_due
    else:
        request.state = ProtectionRequest.State.REFUSED
        request.follow_up_due = None
    ProtectionEvent.objects.create(
        request=request,
        kind=ProtectionEvent.Kind.DECIDED,
        on_date=decided_on,
        note=f"{request.get_state_display()} ({request.decision_doc_no}). {request.decision_note}",
        actor=actor,
    )
    _save_request(request, actor=actor, before=before, reason="decide")
    return request


@transaction.atomic
def protection_follow_up(
    *,
    actor,
    request: ProtectionRequest,
    on: dt.date,
    note: str,
    follow_up_due: dt.date | None = None,
) -> ProtectionRequest:
    """Record a check of the measures being applied, and the next check date."""
    permissions.require_follow_up_protection(actor, request)
    request = _lock_request(request)
    if request.state != ProtectionRequest.State.APPLIED:
        raise ValidationError("Chỉ theo dõi đề nghị đang được áp dụng biện pháp bảo vệ.")
    if not (note or "").strip():
        raise ValidationError({"note": "Nhập kết quả kiểm tra, theo dõi."})
    if not on or on > clock.today():
        raise ValidationError({"on": "Ngày kiểm tra không hợp lệ hoặc sau hôm nay."})
    before = audit.snapshot(request)
    ProtectionEvent.objects.create(
        request=request, kind=ProtectionEvent.Kind.CHECK, on_date=on, note=note.strip(), actor=actor
    )
    request.follow_up_due = follow_up_due
    _save_request(request, actor=actor, before=before, reason="follow_up")
    return request


@transaction.atomic
def protection_set_due(
    *,
    actor,
    request: ProtectionRequest,
    reason: str,
    decision_due: dt.date | None = None,
    follow_up_due: dt.date | None = None,
) -> ProtectionRequest:
    """Edit a time limit of the request (the rule table has none for it), saying why."""
    permissions.require_follow_up_protection(actor, request)
    request = _lock_request(request)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Ghi rõ căn cứ của thời hạn."})
    before = audit.snapshot(request)
    changed = []
    if decision_due is not None and request.state == ProtectionRequest.State.REQUESTED:
        request.decision_due = decision_due
        changed.append(f"hạn quyết định {vn_date(decision_due)}")
    if follow_up_due is not None and request.state == ProtectionRequest.State.APPLIED:
        request.follow_up_due = follow_up_due
        changed.append(f"hạn kiểm tra {vn_date(follow_up_due)}")
    if not changed:
        raise ValidationError("Không có thời hạn nào được thay đổi ở trạng thái hiện tại.")
    ProtectionEvent.objects.create(
        request=request,
        kind=ProtectionEvent.Kind.DUE_CHANGED,
        on_date=clock.today(),
        note=f"{', '.join(changed)}: {reason.strip()}",
        actor=actor,
    )
    _save_request(request, actor=actor, before=before, reason=reason.strip())
    return request


@transaction.atomic
def protection_end(
    *, actor, request: ProtectionRequest, on: dt.date, note: str
) -> ProtectionRequest:
    """End the protection (the danger is over, or the measures' term ended)."""
    permissions.require_decide_protection(actor, request)
    request = _lock_request(request)
    if request.state != ProtectionRequest.State.APPLIED:
        raise ValidationError("Chỉ chấm dứt đề nghị đang được áp dụng biện pháp bảo vệ.")
    if not (note or "").strip():
        raise ValidationError({"note": "Ghi rõ lý do chấm dứt."})
    if not on or on > clock.today():
        raise ValidationError({"on": "Ngày chấm dứt không hợp lệ hoặc sau hôm nay."})
    before = audit.snapshot(request)
    request.state = ProtectionRequest.State.ENDED
    request.ended_on = on
    request.follow_up_due = None
    ProtectionEvent.objects.create(
        request=request, kind=ProtectionEvent.Kind.ENDED, on_date=on, note=note.strip(), actor=actor
    )
    _save_request(request, actor=actor, before=before, reason="end")
    return request
