"""Receiving a petition into the agency's book: its receipt number and its first time limit."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from noichinh.core import audit, clock, closing
from noichinh.petitions import permissions
from noichinh.petitions.models import (
    Petition,
    PetitionType,
    Visit,
)
from noichinh.petitions.services.attachments import attachment_add
from noichinh.petitions.services.common import (
    S,
    _transition,
    open_step,
)


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
