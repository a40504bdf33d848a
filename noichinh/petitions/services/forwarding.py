"""Forwarding a petition to the competent body, its answer back, and urging it."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from noichinh.core import audit
from noichinh.core.formats import vn_date
from noichinh.petitions import permissions
from noichinh.petitions.models import (
    Petition,
)
from noichinh.petitions.services.common import (
    OUT,
    S,
    _check,
    _clear_due,
    _finish_handling,
    _lock,
    _require_doc,
    _save,
    _transition,
)
from noichinh.petitions.services.intake import petition_create
from noichinh.petitions.services.notifications import _notify_agency


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
