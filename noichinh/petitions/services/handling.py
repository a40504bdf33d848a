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
from django.db import transaction

from noichinh.core import audit, clock, closing
from noichinh.core.formats import vn_date
from noichinh.petitions import permissions
from noichinh.petitions.models import (
    Petition,
    PetitionField,
    PetitionType,
)
from noichinh.petitions.services.common import (
    OUT,
    S,
    _check,
    _clear_due,
    _complaint_round,
    _finish_handling,
    _lock,
    _require_doc,
    _save,
    _transition,
    close_steps,
    current_step,
    open_step,
    resolve_variant,
)
from noichinh.petitions.services.forwarding import _answer_back
from noichinh.petitions.services.notifications import _notify


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
