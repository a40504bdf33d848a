"""Writes of the petitions area: each user action is one function, one transaction, audited.

Time limits come from core's rule table by code (legal.md §2); no legal number lives here:
- ``petition.handle``: processing a received petition (Circular 05/2021/TT-TTCP);
- ``complaint.first.accept`` / ``complaint.second.accept``: accepting a complaint
  (Law on Complaints 2011 art. 27, 36), counted from receipt;
- ``complaint.first.resolve`` / ``complaint.second.resolve`` (art. 28, 37) with variants
  ``complex``, ``remote``, ``remote_complex``, counted from the acceptance (thụ lý);
- ``denunciation.intake`` (Law on Denunciations 2018 art. 24) and ``denunciation.resolve``
  (art. 30, variants ``extended_once``/``extended_twice``).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from noichinh.core import audit, clock, closing
from noichinh.core import files as core_files
from noichinh.core.formats import vn_date
from noichinh.core.selectors import due_date
from noichinh.petitions import permissions, schedule
from noichinh.petitions.models import (
    TRANSITION_ACTION_LABELS,
    Attachment,
    Deadline,
    Notification,
    NotificationPreference,
    Petition,
    PetitionField,
    PetitionType,
    Transition,
    Visit,
)

S = Petition.State
OUT = Petition.Outcome


# --- helpers ---------------------------------------------------------------------------------


def _check(user, petition, action):
    permissions.require_petition_action(user, petition, action)


def _lock(petition: Petition, expected_version: int | None = None) -> Petition:
    fresh = Petition.objects.select_for_update().get(pk=petition.pk)
    if expected_version is not None and fresh.version != expected_version:
        raise ValidationError(
            "Đơn vừa được người khác cập nhật. Hãy tải lại trang và thực hiện lại."
        )
    return fresh


def _transition(
    petition,
    *,
    actor,
    to_state,
    action,
    on_date,
    doc_no="",
    note="",
    from_state=None,
    late_reason: str = "",
    late_check: bool = True,
):
    """Record a handling step. A step dated inside a closed reporting period needs
    ``late_reason`` and is recorded as a late change of that period (core.closing);
    ``late_check`` False: the caller guards and records its own dates."""
    if late_check and closing.guard(on_date, reason=late_reason):
        closing.record(
            actor=actor,
            obj=petition,
            days=[on_date],
            reason=late_reason,
            action=action,
            summary=f"{TRANSITION_ACTION_LABELS.get(action, action)} đơn {petition.receipt_no} "
            f"ngày {vn_date(on_date)}",
        )
    Transition.objects.create(
        petition=petition,
        from_state=petition.state if from_state is None else from_state,
        to_state=to_state,
        action=action,
        at=clock.now(),
        on_date=on_date,
        actor=actor if getattr(actor, "pk", None) else None,
        doc_no=doc_no,
        note=note,
    )


def _save(petition, *, actor, before, action, reason=""):
    petition.version += 1
    petition.save()
    audit.record_update(actor=actor, obj=petition, before=before, reason=reason or action)


def _require_doc(doc_no, on, what="văn bản"):
    errors = {}
    if not (doc_no or "").strip():
        errors["doc_no"] = f"Nhập số {what}."
    if not on:
        errors["on"] = f"Nhập ngày {what} (dd/mm/yyyy)."
    if errors:
        raise ValidationError(errors)


def close_steps(petition: Petition, on: dt.date):
    petition.deadlines.filter(done_on__isnull=True).update(done_on=on)


def open_step(petition: Petition, *, rule: str, start: dt.date, variant: str = "") -> Deadline:
    """Close the current step and open ``rule`` counted from ``start``; sets next_due."""
    close_steps(petition, start)
    due = due_date(rule=rule, start=start, variant=variant or None)
    step = Deadline.objects.create(
        petition=petition,
        rule=rule,
        variant=variant or "",
        started_on=start,
        due=due.due,
        explanation=due.explain(),
        provisional=due.provisional,
    )
    petition.current_step = rule
    petition.next_due = due.due
    petition.next_due_provisional = due.provisional
    petition.paused_days = 0
    return step


def current_step(petition: Petition) -> Deadline | None:
    return petition.deadlines.filter(done_on__isnull=True).order_by("-id").first()


def _clear_due(petition):
    petition.current_step = ""
    petition.next_due = None
    petition.next_due_provisional = False


def next_receipt_no(agency, year: int) -> str:
    """The next free "N/YYYY" of the agency's book: after the latest numbered entry."""
    suffix = f"/{year}"
    qs = Petition.objects.filter(agency=agency, receipt_no__endswith=suffix)
    top = 0
    for no in qs.order_by("-id").values_list("receipt_no", flat=True)[:50]:
        head = no[: -len(suffix)]
        if head.isdigit():
            top = max(top, int(head))
    candidate = top + 1
    while qs.filter(receipt_no=f"{candidate}{suffix}").exists():
        candidate += 1
    return f"{candidate}{suffix}"


def resolve_variant(petition: Petition) -> str:
    if petition.is_remote and petition.is_complex:
        return "remote_complex"
    if petition.is_remote:
        return "remote"
    if petition.is_complex:
        return "complex"
    return ""


def _complaint_round(petition) -> str:
    return "second" if petition.complaint_round == 2 else "first"


# --- reception book --------------------------------------------------------------------------


@transaction.atomic
def visit_create(
    *,
    actor,
    agency,
    visited_on: dt.date,
    content: str,
    kind: str = Visit.Kind.REGULAR,
    petition_type: str = PetitionType.COMPLAINT,
    field: str = "other",
    people_count: int = 1,
    representatives: str = "",
    representative_count: int = 0,
    visitor_name: str = "",
    visitor_id_number: str = "",
    visitor_address: str = "",
    unit=None,
    answer: str = Visit.Answer.GUIDED,
    answer_reason: str = "",
    repeat_of: Visit | None = None,
    officer=None,
    late_reason: str = "",
) -> Visit:
    """Record one visit in the reception book (Law on Citizen Reception 2013). A visit dated
    inside a closed reporting period needs ``late_reason`` (core.closing). A regular visit
    received by the leader scheduled that day (``schedule.leader_day_kind``) is recorded as
    the leader's periodic reception."""
    permissions.require_create_visit(actor, agency)
    if visited_on and visited_on > clock.today():
        raise ValidationError({"visited_on": "Ngày tiếp không được sau hôm nay."})
    late = closing.guard(visited_on, reason=late_reason)
    officer = officer or (actor if getattr(actor, "pk", None) else None)
    # The scheduled leader receiving on a day of the published schedule: a periodic visit.
    kind = schedule.leader_day_kind(
        agency_id=agency.pk, day=visited_on, officer_id=getattr(officer, "pk", None), kind=kind
    )
    visit = Visit(
        agency=agency,
        visited_on=visited_on,
        kind=kind,
        petition_type=petition_type,
        field=field,
        people_count=people_count,
        representatives=representatives,
        representative_count=representative_count or 0,
        unit=unit,
        content=content,
        answer=answer,
        answer_reason=answer_reason,
        repeat_of=repeat_of,
        officer=officer,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    visit.set_identity(name=visitor_name, id_number=visitor_id_number, address=visitor_address)
    visit.full_clean(exclude=["officer", "created_by"])
    visit.save()
    audit.record_create(actor=actor, obj=visit, reason=late_reason.strip() if late else "")
    if late:
        closing.record(
            actor=actor,
            obj=visit,
            days=[visited_on],
            reason=late_reason,
            action="create",
            summary=f"Ghi sổ lượt tiếp ngày {visited_on:%d/%m/%Y} ({visit.people_count} người)",
        )
    return visit


# --- petitions -------------------------------------------------------------------------------


@transaction.atomic
def petition_create(
    *,
    actor,
    agency,
    received_on: dt.date,
    content: str,
    type: str = PetitionType.COMPLAINT,
    field: str = "other",
    channel: str = Petition.Channel.POST,
    summary: str = "",
    sender_kind: str = Petition.SenderKind.PERSON,
    sender_name: str = "",
    sender_id_number: str = "",
    sender_address: str = "",
    sender_phone: str = "",
    sender_email: str = "",
    is_anonymous: bool = False,
    co_senders: int = 0,
    unit=None,
    addressed_to: str = "",
    visit: Visit | None = None,
    receipt_no: str = "",
    is_mass: bool = False,
    is_over_level: bool = False,
    forwarded_from: Petition | None = None,
    files=(),
    check_permission: bool = True,
    decision_received_on: dt.date | None = None,
    late_reason: str = "",
) -> Petition:
    """Record a received petition and start its processing time limit (``petition.handle``).
    A petition received inside a closed reporting period needs ``late_reason``."""
    if check_permission:
        permissions.require_create_petition(actor, agency)
    if received_on and received_on > clock.today():
        raise ValidationError({"received_on": "Ngày nhận không được sau hôm nay."})
    late = closing.guard(received_on, reason=late_reason)
    if not (content or "").strip():
        raise ValidationError({"content": "Nhập nội dung đơn."})
    if decision_received_on and received_on and decision_received_on > received_on:
        raise ValidationError(
            {
                "decision_received_on": "Ngày nhận quyết định bị khiếu nại không được sau ngày nhận đơn."
            }
        )
    numbered_by_hand = bool(receipt_no)
    if not receipt_no:
        receipt_no = next_receipt_no(agency, received_on.year)
    elif Petition.objects.filter(agency=agency, receipt_no=receipt_no).exists():
        raise ValidationError({"receipt_no": f"Số vào sổ {receipt_no} đã có trong sổ của cơ quan."})
    petition = Petition(
        agency=agency,
        received_on=received_on,
        decision_received_on=decision_received_on,
        receipt_no=receipt_no,
        channel=channel,
        visit=visit,
        addressed_to=addressed_to,
        sender_kind=sender_kind,
        is_anonymous=is_anonymous,
        co_senders=co_senders or 0,
        unit=unit,
        summary=summary,
        content=content,
        type=type,
        field=field,
        is_mass=is_mass or bool(visit and visit.is_mass),
        is_over_level=is_over_level,
        forwarded_from=forwarded_from,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    if is_anonymous:
        petition.set_identity()
    else:
        petition.set_identity(
            name=sender_name,
            id_number=sender_id_number,
            address=sender_address,
            phone=sender_phone,
            email=sender_email,
        )
    petition.full_clean(exclude=["created_by", "assigned_officer", "receipt_no"])
    for _attempt in range(20):
        try:
            with transaction.atomic():
                petition.save()
            break
        except IntegrityError:
            if numbered_by_hand:
                raise ValidationError(
                    {"receipt_no": f"Số vào sổ {receipt_no} đã có trong sổ của cơ quan."}
                )
            # Another officer took the same automatic number at the same moment: take the next.
            petition.pk = None
            petition.receipt_no = receipt_no = next_receipt_no(agency, received_on.year)
    else:
        raise ValidationError({"receipt_no": "Không cấp được số vào sổ, vui lòng thử lại."})
    _transition(
        petition,
        actor=actor,
        to_state=S.RECEIVED,
        action="receive",
        on_date=received_on,
        from_state="",
        late_check=False,
        note=f"Chuyển từ {forwarded_from.agency}, đơn số {forwarded_from.receipt_no}"
        if forwarded_from
        else "",
    )
    petition.state = S.RECEIVED
    open_step(petition, rule="petition.handle", start=received_on)
    petition.save(update_fields=["current_step", "next_due", "next_due_provisional", "paused_days"])
    from noichinh.petitions import duplicates

    duplicates.index_petition(petition)
    for upload in files or ():
        attachment_add(actor=actor, petition=petition, upload=upload, check_permission=False)
    audit.record_create(actor=actor, obj=petition, reason=late_reason.strip() if late else "")
    if late:
        closing.record(
            actor=actor,
            obj=petition,
            days=[received_on],
            reason=late_reason,
            action="create",
            summary=f"Vào sổ đơn nhận ngày {received_on:%d/%m/%Y}",
        )
    return petition


@transaction.atomic
def attachment_add(
    *, actor, petition, upload, is_identifying=False, check_permission=True
) -> Attachment:
    if check_permission:
        permissions.require_handle_petition(actor, petition)
    if is_identifying or petition.is_denunciation:
        # Sealed at rest under a neutral name, opened only by the logged reveal (portal area).
        from noichinh.petitions import files as sealed_files

        return sealed_files.attach(
            actor=actor,
            petition=petition,
            upload=upload,
            identifying=True,
            index=petition.attachments.count() + 1,
        )
    att = Attachment(
        petition=petition,
        name=upload.name[:255],
        content_type=getattr(upload, "content_type", "") or "",
        size=upload.size or 0,
        is_identifying=is_identifying or petition.is_denunciation,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    core_files.save(att.file, upload.read())
    att.save()
    audit.record_create(actor=actor, obj=att)
    return att


@transaction.atomic
def petition_classify(
    *,
    actor,
    petition: Petition,
    type: str,
    field: str,
    meets_conditions: bool,
    in_competence: bool,
    is_over_level: bool = False,
    is_mass: bool = False,
    is_complex: bool = False,
    is_remote: bool = False,
    complaint_round: int = 1,
    unit=None,
    expected_version: int | None = None,
) -> Petition:
    """Classify per Circular 05/2021: type, field, conditions, competence.

    A complaint within competence that meets the conditions gets the acceptance limit
    (``complaint.*.accept``, from receipt); a denunciation the intake limit
    (``denunciation.intake``); other petitions keep ``petition.handle``.
    """
    petition = _lock(petition, expected_version)
    _check(actor, petition, "classify")
    if type not in PetitionType.values:
        raise ValidationError({"type": "Loại đơn không hợp lệ."})
    if field not in PetitionField.values:
        raise ValidationError({"field": "Lĩnh vực không hợp lệ."})
    before = audit.snapshot(petition)
    was_type = petition.type
    if was_type != type and PetitionType.DENUNCIATION in (was_type, type):
        if was_type == PetitionType.DENUNCIATION:
            # Leaving the seal would expose nothing; keep the identity sealed to be safe.
            raise ValidationError(
                {"type": "Đơn tố cáo không thể chuyển sang loại khác (danh tính đã niêm phong)."}
            )
    petition.type = type
    petition.field = field
    petition.meets_conditions = meets_conditions
    petition.in_competence = in_competence
    petition.is_over_level = is_over_level
    petition.is_mass = is_mass or petition.is_mass
    petition.is_complex = is_complex
    petition.is_remote = is_remote
    petition.complaint_round = 2 if complaint_round == 2 else 1
    if unit is not None:
        petition.unit = unit
    today = clock.today()
    _transition(petition, actor=actor, to_state=S.CLASSIFIED, action="classify", on_date=today)
    petition.state = S.CLASSIFIED
    if meets_conditions and in_competence:
        if type == PetitionType.COMPLAINT:
            rule = f"complaint.{_complaint_round(petition)}.accept"
        elif type == PetitionType.DENUNCIATION:
            rule = "denunciation.intake"
        else:
            rule = ""
        if rule and petition.current_step != rule:
            open_step(petition, rule=rule, start=petition.received_on)
    _save(petition, actor=actor, before=before, action="classify")
    return petition


def _finish_handling(
    petition, *, actor, outcome, to_state, on, doc_no, note, action, late_reason=""
):
    _require_doc(doc_no, on)
    before = audit.snapshot(petition)
    _transition(
        petition,
        actor=actor,
        to_state=to_state,
        action=action,
        on_date=on,
        doc_no=doc_no,
        note=note,
        late_reason=late_reason,
    )
    close_steps(petition, on)
    petition.outcome = outcome
    petition.outcome_doc_no = doc_no
    petition.outcome_date = on
    petition.state = to_state
    return before


@transaction.atomic
def petition_accept(
    *,
    actor,
    petition: Petition,
    decided_on: dt.date,
    doc_no: str,
    variant: str | None = None,
    expected_version: int | None = None,
    late_reason: str = "",
) -> Petition:
    """Accept for resolution (thụ lý): opens the resolution limit counted from ``decided_on``."""
    petition = _lock(petition, expected_version)
    _check(actor, petition, "accept")
    if not (petition.meets_conditions and petition.in_competence):
        raise ValidationError(
            "Chỉ thụ lý đơn đủ điều kiện và thuộc thẩm quyền (phân loại lại nếu cần)."
        )
    if decided_on < petition.received_on:
        raise ValidationError({"on": "Ngày thụ lý không được trước ngày nhận đơn."})
    if decided_on > clock.today():
        raise ValidationError({"on": "Ngày thụ lý không được sau hôm nay."})
    before = _finish_handling(
        petition,
        actor=actor,
        outcome=OUT.ACCEPT,
        to_state=S.ACCEPTED,
        on=decided_on,
        doc_no=doc_no,
        note="",
        action="accept",
        late_reason=late_reason,
    )
    if petition.type == PetitionType.COMPLAINT:
        open_step(
            petition,
            rule=f"complaint.{_complaint_round(petition)}.resolve",
            start=decided_on,
            variant=resolve_variant(petition) if variant is None else variant,
        )
    elif petition.type == PetitionType.DENUNCIATION:
        open_step(petition, rule="denunciation.resolve", start=decided_on, variant=variant or "")
    else:
        _clear_due(petition)
    _save(petition, actor=actor, before=before, action="accept", reason=late_reason.strip())
    return petition


@transaction.atomic
def petition_forward(
    *,
    actor,
    petition: Petition,
    on: dt.date,
    doc_no: str,
    to_agency=None,
    to_name: str = "",
    note: str = "",
    include_identity: bool = False,
    identity_reason: str = "",
    identity_ground: str = "",
    expected_version: int | None = None,
    late_reason: str = "",
) -> Petition:
    """Forward (chuyển đơn) to the competent body. When it is in the system, a new record is
    opened there (``forwarded_from`` = this one) with its own processing limit. A
    denunciation is forwarded without the denouncer's identity unless a handler who may
    reveal it chooses to, on a legal ground and with a reason, like a reveal
    (``petitions.grounds``; Law on Denunciations 2018 art. 9)."""
    petition = _lock(petition, expected_version)
    _check(actor, petition, "forward")
    if not to_agency and not (to_name or "").strip():
        raise ValidationError({"to_agency": "Chọn cơ quan nhận đơn chuyển."})
    if to_agency is not None and to_agency.pk == petition.agency_id:
        raise ValidationError({"to_agency": "Không thể chuyển đơn cho chính cơ quan đang xử lý."})
    if include_identity and not (identity_reason or "").strip():
        raise ValidationError(
            {"identity_reason": "Ghi rõ lý do chuyển kèm danh tính người tố cáo."}
        )
    if include_identity and petition.is_denunciation:
        from noichinh.petitions.grounds import require_ground, require_reason

        errors = {}
        for name, check, value in (
            ("identity_ground", require_ground, str(identity_ground or "")),
            ("identity_reason", require_reason, identity_reason),
        ):
            try:
                check(value)
            except ValidationError as exc:
                errors[name] = exc.messages
        if errors:
            raise ValidationError(errors)
        permissions.require_forward_identity(actor, petition)
    before = _finish_handling(
        petition,
        actor=actor,
        outcome=OUT.FORWARD,
        to_state=S.FORWARDED,
        on=on,
        doc_no=doc_no,
        note=note,
        action="forward",
        late_reason=late_reason,
    )
    petition.forwarded_to = to_agency
    petition.forwarded_to_name = "" if to_agency else to_name.strip()
    _clear_due(petition)
    _save(petition, actor=actor, before=before, action="forward", reason=late_reason.strip())
    if to_agency is not None:
        identity = {}
        if not petition.is_denunciation or include_identity:
            identity = petition.identity()
        hop = petition_create(
            actor=actor,
            agency=to_agency,
            received_on=on,
            content=petition.content,
            summary=petition.summary,
            type=petition.type,
            field=petition.field,
            channel=Petition.Channel.FORWARDED,
            sender_kind=petition.sender_kind,
            sender_name=identity.get("name", ""),
            sender_id_number=identity.get("id_number", ""),
            sender_address=identity.get("address", ""),
            sender_phone=identity.get("phone", ""),
            sender_email=identity.get("email", ""),
            is_anonymous=petition.is_anonymous,
            co_senders=petition.co_senders,
            unit=petition.unit,
            addressed_to=petition.addressed_to,
            is_mass=petition.is_mass,
            is_over_level=petition.is_over_level,
            forwarded_from=petition,
            check_permission=False,
            late_reason=late_reason,
        )
        if petition.is_denunciation and not identity and petition.sender_hash:
            # Keep the duplicate key (non-identifying) so repeats are still detected there.
            Petition.objects.filter(pk=hop.pk).update(
                sender_hash=petition.sender_hash, sender_id_hash=petition.sender_id_hash
            )
        if include_identity and petition.is_denunciation:
            audit.record(
                actor=actor,
                action="forward_identity",
                obj=petition,
                reason=identity_reason.strip(),
                changes={"to_agency": [None, to_agency.pk], "ground": [None, str(identity_ground)]},
            )
        _notify_agency(
            to_agency,
            petition=hop,
            kind="forwarded",
            key=f"forwarded:{hop.pk}",
            message=f"{petition.agency} chuyển đơn số {hop.receipt_no} đến, hạn xử lý "
            f"{vn_date(hop.next_due)}.",
        )
    return petition


def _simple_outcome(outcome, to_state, action, doc_required=True):
    @transaction.atomic
    def service(
        *,
        actor,
        petition: Petition,
        on: dt.date,
        doc_no: str = "",
        note: str = "",
        expected_version: int | None = None,
        late_reason: str = "",
    ) -> Petition:
        _check(actor, petition, action)
        petition = _lock(petition, expected_version)
        if not doc_required and not doc_no:
            doc_no = "-"
        before = _finish_handling(
            petition,
            actor=actor,
            outcome=outcome,
            to_state=to_state,
            on=on,
            doc_no=doc_no,
            note=note,
            action=action,
            late_reason=late_reason,
        )
        _clear_due(petition)
        _save(petition, actor=actor, before=before, action=action, reason=late_reason.strip())
        _answer_back(
            petition,
            actor=actor,
            on=on,
            text=f"{petition.get_outcome_display()}: {note}",
            late_reason=late_reason,
        )
        return petition

    service.__name__ = f"petition_{action}"
    service.__doc__ = (
        f"Handling outcome “{outcome.label}” with its dated document (Circular 05/2021)."
    )
    return service


petition_guide = _simple_outcome(OUT.GUIDE, S.GUIDED, "guide")
petition_return = _simple_outcome(OUT.RETURN, S.RETURNED, "return")
petition_archive = _simple_outcome(OUT.ARCHIVE, S.ARCHIVED, "archive", doc_required=False)


@transaction.atomic
def petition_extend(
    *,
    actor,
    petition: Petition,
    variant: str,
    on: dt.date,
    doc_no: str,
    expected_version: int | None = None,
    late_reason: str = "",
) -> Petition:
    """Extend the current resolution limit with a rule variant (e.g. ``extended_once``)."""
    petition = _lock(petition, expected_version)
    _check(actor, petition, "extend")
    _require_doc(doc_no, on, "quyết định gia hạn")
    step = current_step(petition)
    if step is None:
        raise ValidationError("Đơn không có thời hạn đang chạy để gia hạn.")
    before = audit.snapshot(petition)
    due = due_date(rule=step.rule, start=step.started_on, variant=variant, **_pause_args(step))
    step.variant = variant
    step.due = due.due
    step.explanation = due.explain() + _pause_note(step)
    step.provisional = due.provisional
    step.save()
    petition.next_due = due.due
    petition.next_due_provisional = due.provisional
    _transition(
        petition,
        actor=actor,
        to_state=petition.state,
        action="extend",
        on_date=on,
        doc_no=doc_no,
        note=variant,
        late_reason=late_reason,
    )
    _save(petition, actor=actor, before=before, action="extend", reason=late_reason.strip())
    return petition


def _pause_spans(step: Deadline) -> list[tuple[dt.date, dt.date, str, str]]:
    """Every finished suspension of ``step`` as (from, until, decision, reason), oldest first."""
    spans = [
        (
            dt.date.fromisoformat(s["from"]),
            dt.date.fromisoformat(s["until"]),
            s.get("decision", ""),
            s.get("reason", ""),
        )
        for s in step.paused_spans or []
    ]
    if not spans and step.paused_from and step.paused_until:
        # Older records kept only the latest suspension.
        spans = [(step.paused_from, step.paused_until, step.pause_decision, step.pause_reason)]
    return [s for s in spans if s[1] > s[0]]


pause_spans = _pause_spans


def _pause_args(step: Deadline) -> dict:
    """The stopped clock for ``due_date``: every kept suspension as a span (a working-day limit
    re-counts working days over each), any days no span was kept for (older records) as
    calendar days."""
    spans = _pause_spans(step)
    kept = sum((until - since).days for since, until, _, _ in spans)
    return {
        "paused": [(since, until) for since, until, _, _ in spans],
        "paused_days": max(0, step.paused_days - kept),
    }


def _pause_note(step: Deadline) -> str:
    if not step.paused_days:
        return ""
    spans = _pause_spans(step)
    if not spans:
        return f" {step.paused_days} ngày tạm đình chỉ không tính vào thời hạn."
    parts = [
        f"từ {vn_date(since)} đến {vn_date(until)} ({(until - since).days} ngày, "
        f"QĐ {decision}: {reason})"
        for since, until, decision, reason in spans
    ]
    return f" Thời gian tạm đình chỉ {'; '.join(parts)} không tính vào thời hạn."


@transaction.atomic
def petition_suspend(
    *,
    actor,
    petition: Petition,
    on: dt.date,
    doc_no: str,
    reason: str,
    expected_version: int | None = None,
    late_reason: str = "",
) -> Petition:
    """Stop the clock (tạm đình chỉ việc giải quyết) by a decision with its reason."""
    petition = _lock(petition, expected_version)
    _check(actor, petition, "suspend")
    _require_doc(doc_no, on, "quyết định tạm đình chỉ")
    if not (reason or "").strip():
        raise ValidationError({"reason": "Ghi rõ lý do tạm đình chỉ."})
    step = current_step(petition)
    if step is None:
        raise ValidationError("Đơn không có thời hạn đang chạy để tạm dừng.")
    if on < step.started_on:
        raise ValidationError({"on": "Ngày tạm đình chỉ không được trước ngày bắt đầu thời hạn."})
    before = audit.snapshot(petition)
    step.paused_from = on
    step.paused_until = None
    step.pause_decision = doc_no
    step.pause_reason = reason
    step.save()
    petition.state_before_suspension = petition.state
    _transition(
        petition,
        actor=actor,
        to_state=S.SUSPENDED,
        action="suspend",
        on_date=on,
        doc_no=doc_no,
        note=reason,
        late_reason=late_reason,
    )
    petition.state = S.SUSPENDED
    _save(petition, actor=actor, before=before, action="suspend", reason=reason)
    return petition


@transaction.atomic
def petition_resume(
    *,
    actor,
    petition: Petition,
    on: dt.date,
    doc_no: str = "",
    note: str = "",
    expected_version: int | None = None,
    late_reason: str = "",
) -> Petition:
    """Restart the clock: the suspended days are added to the limit and explained."""
    petition = _lock(petition, expected_version)
    _check(actor, petition, "resume")
    step = current_step(petition)
    if step is None or step.paused_from is None:
        raise ValidationError("Đơn không ở trạng thái tạm đình chỉ.")
    if on < step.paused_from:
        raise ValidationError({"on": "Ngày tiếp tục không được trước ngày tạm đình chỉ."})
    before = audit.snapshot(petition)
    step.paused_until = on
    step.paused_days += (on - step.paused_from).days
    # Older records kept no spans: their earlier pauses stay as calendar days (_pause_args).
    step.paused_spans = [
        *(step.paused_spans or []),
        {
            "from": step.paused_from.isoformat(),
            "until": on.isoformat(),
            "decision": step.pause_decision,
            "reason": step.pause_reason,
        },
    ]
    due = due_date(
        rule=step.rule, start=step.started_on, variant=step.variant or None, **_pause_args(step)
    )
    step.due = due.due
    step.explanation = due.explain() + _pause_note(step)
    step.provisional = due.provisional
    step.save()
    petition.next_due = due.due
    petition.next_due_provisional = due.provisional
    petition.paused_days = step.paused_days
    to_state = petition.state_before_suspension or S.ACCEPTED
    _transition(
        petition,
        actor=actor,
        to_state=to_state,
        action="resume",
        on_date=on,
        doc_no=doc_no,
        note=note,
        late_reason=late_reason,
    )
    petition.state = to_state
    petition.state_before_suspension = ""
    _save(petition, actor=actor, before=before, action="resume", reason=late_reason.strip())
    return petition


@transaction.atomic
def petition_resolve(
    *,
    actor,
    petition: Petition,
    on: dt.date,
    doc_no: str,
    result: str = "",
    recovered_vnd: int = 0,
    recovered_land_m2: int = 0,
    people_handled: int = 0,
    note: str = "",
    expected_version: int | None = None,
    late_reason: str = "",
) -> Petition:
    """Record the resolution decision/conclusion; on time when ``on`` ≤ the current limit.
    A resolution dated inside a closed reporting period needs ``late_reason``."""
    petition = _lock(petition, expected_version)
    _check(actor, petition, "resolve")
    _require_doc(doc_no, on, "quyết định, kết luận")
    if on > clock.today():
        raise ValidationError({"on": "Ngày giải quyết không được sau hôm nay."})
    late = closing.guard(on, reason=late_reason)
    if result and result not in Petition.Result.values:
        raise ValidationError({"result": "Kết quả giải quyết không hợp lệ."})
    if petition.type in (PetitionType.COMPLAINT, PetitionType.DENUNCIATION) and not result:
        raise ValidationError({"result": "Chọn kết quả giải quyết (đúng, có đúng có sai, sai)."})
    before = audit.snapshot(petition)
    step = current_step(petition)
    petition.resolved_on_time = None if step is None else on <= step.due
    close_steps(petition, on)
    _transition(
        petition,
        actor=actor,
        to_state=S.RESOLVED,
        action="resolve",
        on_date=on,
        doc_no=doc_no,
        note=note,
        late_check=False,
    )
    petition.state = S.RESOLVED
    petition.result = result
    petition.resolution_doc_no = doc_no
    petition.resolved_on = on
    petition.recovered_vnd = recovered_vnd or 0
    petition.recovered_land_m2 = recovered_land_m2 or 0
    petition.people_handled = people_handled or 0
    _clear_due(petition)
    _save(petition, actor=actor, before=before, action="resolve", reason=late_reason.strip())
    if late:
        closing.record(
            actor=actor,
            obj=petition,
            days=[on],
            reason=late_reason,
            action="resolve",
            summary=f"Ghi kết quả giải quyết đơn {petition.receipt_no} ngày {vn_date(on)}",
        )
    text = f"Đã giải quyết ({doc_no}, {vn_date(on)})"
    if result:
        text += f": {petition.get_result_display()}"
    _answer_back(
        petition,
        actor=actor,
        on=on,
        text=text + (f". {note}" if note else ""),
        late_reason=late_reason,
    )
    return petition


@transaction.atomic
def petition_close(
    *,
    actor,
    petition: Petition,
    on: dt.date,
    note: str = "",
    expected_version: int | None = None,
    late_reason: str = "",
) -> Petition:
    petition = _lock(petition, expected_version)
    _check(actor, petition, "close")
    before = audit.snapshot(petition)
    _transition(
        petition,
        actor=actor,
        to_state=S.CLOSED,
        action="close",
        on_date=on,
        note=note,
        late_reason=late_reason,
    )
    petition.state = S.CLOSED
    close_steps(petition, on)
    _clear_due(petition)
    _save(petition, actor=actor, before=before, action="close", reason=late_reason.strip())
    return petition


def _answer_back(petition: Petition, *, actor, on, text, late_reason=""):
    """The receiving agency's answer flows back to the forwarding agency's record."""
    if not petition.forwarded_from_id:
        return
    parent = Petition.objects.select_for_update().get(pk=petition.forwarded_from_id)
    before = audit.snapshot(parent)
    parent.answer_received_on = on
    parent.answer_note = f"{petition.agency}: {text}"
    _transition(
        parent,
        actor=actor,
        to_state=parent.state,
        action="answer_received",
        on_date=on,
        note=parent.answer_note,
        late_reason=late_reason,
    )
    _save(parent, actor=actor, before=before, action="answer_received")
    _notify_agency(
        parent.agency,
        petition=parent,
        kind="answer",
        key=f"answer:{petition.pk}:{petition.state}",
        message=f"{petition.agency} đã trả lời đơn số {parent.receipt_no}: {text}"[:500],
    )


@transaction.atomic
def petition_record_answer(
    *,
    actor,
    petition: Petition,
    on: dt.date,
    note: str,
    expected_version: int | None = None,
    late_reason: str = "",
) -> Petition:
    """Record the answer of a body outside the system to which the petition was forwarded."""
    petition = _lock(petition, expected_version)
    _check(actor, petition, "record_answer")
    if not (note or "").strip():
        raise ValidationError({"note": "Nhập nội dung trả lời."})
    before = audit.snapshot(petition)
    petition.answer_received_on = on
    petition.answer_note = note
    _transition(
        petition,
        actor=actor,
        to_state=petition.state,
        action="answer_received",
        on_date=on,
        note=note,
        late_reason=late_reason,
    )
    _save(
        petition, actor=actor, before=before, action="answer_received", reason=late_reason.strip()
    )
    return petition


@transaction.atomic
def petition_urge(
    *,
    actor,
    petition: Petition,
    on: dt.date,
    doc_no: str,
    note: str = "",
    expected_version: int | None = None,
    late_reason: str = "",
) -> Petition:
    """Urge (đôn đốc) the agency the petition was forwarded to."""
    petition = _lock(petition, expected_version)
    _check(actor, petition, "urge")
    _require_doc(doc_no, on, "văn bản đôn đốc")
    before = audit.snapshot(petition)
    _transition(
        petition,
        actor=actor,
        to_state=petition.state,
        action="urge",
        on_date=on,
        doc_no=doc_no,
        note=note,
        late_reason=late_reason,
    )
    _save(petition, actor=actor, before=before, action="urge", reason=late_reason.strip())
    for hop in petition.forwards.select_related("agency"):
        _notify_agency(
            hop.agency,
            petition=hop,
            kind="urge",
            key=f"urge:{hop.pk}:{doc_no}",
            message=f"{petition.agency} đôn đốc xử lý đơn số {hop.receipt_no} (văn bản {doc_no}).",
        )
    return petition


@transaction.atomic
def petition_link_duplicate(
    *,
    actor,
    petition: Petition,
    original: Petition,
    as_repeat: bool = False,
    expected_version: int | None = None,
) -> Petition:
    """Link as a duplicate (đơn trùng) or repeat of an earlier petition; it then does not
    count as a new matter."""
    petition = _lock(petition, expected_version)
    _check(actor, petition, "link_duplicate")
    permissions.require_propose_as_duplicate(actor, original)
    if original.pk == petition.pk:
        raise ValidationError("Không thể đánh dấu đơn trùng với chính nó.")
    root = original
    seen = {petition.pk}
    while root.duplicate_of_id:
        if root.pk in seen:
            break
        seen.add(root.pk)
        root = root.duplicate_of
    if root.pk == petition.pk:
        raise ValidationError("Liên kết này tạo vòng lặp đơn trùng.")
    if as_repeat and petition.is_denunciation != root.is_denunciation:
        # "Sent again" says the two senders are one person: between a denunciation and a
        # petition whose sender is in plain sight, it would name the denouncer to every
        # reader of either record (Law on Denunciations 2018 art. 9(1)(b)).
        raise ValidationError(
            "Không đánh dấu “gửi lại” giữa một đơn tố cáo và một đơn không phải tố cáo: "
            "điều đó làm lộ người tố cáo. Hãy đánh dấu trùng nội dung, hoặc phân loại lại "
            "đơn gửi lại là tố cáo."
        )
    before = audit.snapshot(petition)
    petition.duplicate_of = root
    petition.is_repeat = as_repeat
    _transition(
        petition,
        actor=actor,
        to_state=petition.state,
        action="link_duplicate",
        on_date=clock.today(),
        note=f"{'Gửi lại' if as_repeat else 'Trùng'} với đơn số {root.receipt_no} ({root.agency})",
    )
    _save(petition, actor=actor, before=before, action="link_duplicate")
    return petition


def record_sealed_matches(*, actor, petition: Petition, proposals) -> int:
    """Write a ``reveal_match`` audit entry on each denunciation whose sealed identity a
    duplicate proposal shown to ``actor`` matched (``selectors.duplicate_proposals``): the
    match says who the denouncer is as surely as a reveal, so it joins the reveal history.
    Once per viewer, denunciation and other petition, however often the page is opened."""
    from noichinh.core.models import AuditEntry

    written = 0
    for c in proposals:
        sealed = getattr(c, "sealed_match", None)
        if sealed is None:
            continue
        other = c.petition if sealed.pk == petition.pk else petition
        why = ", ".join(r for r in c.reasons if not r.startswith("nội dung"))
        reason = f"Đề xuất đơn trùng: đơn số {other.receipt_no} ({other.agency}), {why}"
        with transaction.atomic():
            seen = AuditEntry.objects.filter(
                action="reveal_match",
                actor=actor,
                model="petitions.petition",
                object_id=str(sealed.pk),
                reason=reason,
            )
            if seen.exists():
                continue
            audit.record(
                actor=actor,
                action="reveal_match",
                obj=sealed,
                reason=reason,
                changes={"matched": [None, other.pk]},
            )
        written += 1
    return written


@transaction.atomic
def petition_unlink_duplicate(*, actor, petition: Petition) -> Petition:
    petition = _lock(petition)
    _check(actor, petition, "link_duplicate")
    before = audit.snapshot(petition)
    petition.duplicate_of = None
    petition.is_repeat = False
    _transition(
        petition,
        actor=actor,
        to_state=petition.state,
        action="unlink_duplicate",
        on_date=clock.today(),
    )
    _save(petition, actor=actor, before=before, action="unlink_duplicate")
    return petition


@transaction.atomic
def petition_assign(
    *, actor, petition: Petition, officer, expected_version: int | None = None
) -> Petition:
    petition = _lock(petition, expected_version)
    _check(actor, petition, "assign")
    if officer is not None and not permissions.can_handle_petition(officer, petition):
        raise ValidationError({"officer": "Cán bộ được giao phải thuộc cơ quan xử lý đơn."})
    before = audit.snapshot(petition)
    petition.assigned_officer = officer
    _save(petition, actor=actor, before=before, action="assign")
    if officer is not None:
        _notify(
            officer,
            petition=petition,
            kind="assigned",
            key=f"assigned:{petition.pk}:{petition.version}",
            message=f"Bạn được giao xử lý đơn số {petition.receipt_no}.",
        )
    return petition


# --- notifications and reminders -------------------------------------------------------------


def _notify(user, *, petition, kind, key, message) -> Notification | None:
    obj, created = Notification.objects.get_or_create(
        user=user, key=key[:120], defaults=dict(petition=petition, kind=kind, message=message[:500])
    )
    return obj if created else None


def _agency_handlers(agency):
    from noichinh.org.models import User

    return User.objects.filter(agency=agency, is_active=True, role__in=[User.OFFICER, User.HEAD])


def _notify_agency(agency, *, petition, kind, key, message):
    for user in _agency_handlers(agency):
        _notify(user, petition=petition, kind=kind, key=key, message=message)


def send_reminders(*, today: dt.date | None = None, within_working_days: int = 3) -> dict:
    """Daily reminders of near and overdue time limits (idempotent: one notice per user,
    petition, due date and kind). E-mail is sent when the user has an address."""
    from django.conf import settings
    from django.core.mail import send_mail

    from noichinh.core.selectors import work_calendar

    today = today or clock.today()
    cal = work_calendar()
    horizon = cal.add_working_days(today, within_working_days, [])
    created = 0
    emailed = 0
    open_qs = (
        Petition.objects.filter(
            state__in=Petition.OPEN_STATES, next_due__isnull=False, next_due__lte=horizon
        )
        .exclude(state=S.SUSPENDED)
        .select_related("agency", "assigned_officer")
    )
    for petition in open_qs.iterator(chunk_size=500):
        overdue = petition.next_due < today
        kind = "overdue" if overdue else "due_soon"
        message = f"Đơn số {petition.receipt_no} ({petition.agency}) " + (
            f"đã quá hạn từ {vn_date(petition.next_due)}."
            if overdue
            else f"đến hạn ngày {vn_date(petition.next_due)}."
        )
        recipients = [petition.assigned_officer] if petition.assigned_officer_id else []
        recipients += list(_agency_handlers(petition.agency).filter(role="head"))
        if not recipients:
            recipients = list(_agency_handlers(petition.agency))
        for user in {u.pk: u for u in recipients}.values():
            note = _notify(
                user,
                petition=petition,
                kind=kind,
                key=f"{kind}:{petition.pk}:{petition.next_due.isoformat()}",
                message=message,
            )
            if note is None:
                continue
            created += 1
            if (
                user.email
                and getattr(settings, "PETITIONS_REMINDER_EMAIL", True)
                and not NotificationPreference.objects.filter(
                    user=user, email_reminders=False
                ).exists()
            ):
                try:
                    send_mail(
                        "Nhắc hạn xử lý đơn", message, settings.DEFAULT_FROM_EMAIL, [user.email]
                    )
                except OSError:
                    continue
                Notification.objects.filter(pk=note.pk).update(emailed_at=clock.now())
                emailed += 1
    return {"notifications": created, "emails": emailed}


def notification_unread_count(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


@transaction.atomic
def notification_preference_update(
    *, actor, email_digest: bool, email_escalations: bool, email_reminders: bool
) -> NotificationPreference:
    """The user's own choice of what comes by e-mail (only their own: no other actor)."""
    pref, _ = NotificationPreference.objects.select_for_update().get_or_create(user=actor)
    before = audit.snapshot(pref)
    pref.email_digest = email_digest
    pref.email_escalations = email_escalations
    pref.email_reminders = email_reminders
    pref.save()
    audit.record_update(actor=actor, obj=pref, before=before)
    return pref


@transaction.atomic
def notification_mark_read(*, actor, notification_ids) -> int:
    return Notification.objects.filter(
        user=actor, pk__in=list(notification_ids), read_at__isnull=True
    ).update(read_at=clock.now())


def petition_notice_sign(*, actor, petition: Petition, kind: str, key):
    """Sign the PDF of one of ``petition``'s notices (``documents.KINDS``) with ``key``
    (``core.pdfsign.KeySource``); the signed copy is stored with the notice's SHA-256."""
    from noichinh.core import docx_pdf
    from noichinh.core import services as core_services
    from noichinh.core.models import SignedPdf
    from noichinh.petitions import documents

    permissions.require_sign_petition_notice(actor, petition)
    if kind not in documents.available(petition):
        raise ValidationError("Đơn chưa có văn bản này để ký.")
    pdf = docx_pdf.docx_to_pdf(documents.render(petition, kind))
    doc_type = documents.KINDS[kind][0].capitalize()
    return core_services.pdf_sign(
        actor=actor,
        kind=SignedPdf.PETITION_NOTICE,
        object_id=petition.pk,
        variant=kind,
        pdf=pdf,
        key=key,
        signer_name=actor.full_name,
        reason=f"{doc_type} về đơn số {petition.receipt_no}",
        location=documents.province_place(petition.agency),
        object_repr=f"{doc_type} · đơn {petition.receipt_no}",
    )
