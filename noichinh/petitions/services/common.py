"""What the petitions' actions share: locking a record, recording a handling step, saving
with its audit entry, opening and closing time-limit steps."""

import datetime as dt

from django.core.exceptions import ValidationError

from noichinh.core import audit, clock, closing
from noichinh.core.formats import vn_date
from noichinh.core.selectors import due_date
from noichinh.petitions import permissions
from noichinh.petitions.models import (
    TRANSITION_ACTION_LABELS,
    Deadline,
    Petition,
    Transition,
)

S = Petition.State
OUT = Petition.Outcome


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
