"""Stopping and restarting the clock of a time limit, and extending it (Law on Complaints 2011;
Law on Denunciations 2018 art. 30)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from noichinh.core import audit
from noichinh.core.formats import vn_date
from noichinh.core.selectors import due_date
from noichinh.petitions.models import (
    Deadline,
    Petition,
)
from noichinh.petitions.services.common import (
    S,
    _check,
    _lock,
    _require_doc,
    _save,
    _transition,
    current_step,
)


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
