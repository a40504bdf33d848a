"""Withdrawal (soft delete) of briefings records and their restoration by the administrator."""

from django.core.exceptions import ValidationError
from django.db import transaction

from noichinh.briefings import permissions
from noichinh.briefings.models import (
    AwardDecision,
    ConclusionNotice,
    Conference,
    ConferenceFigure,
    InspectionPlan,
    Task,
)
from noichinh.core import audit, clock

# What each kind of record is called on screen, and who may withdraw it.
WITHDRAWABLE = {
    "conference": (Conference, "hội nghị"),
    "figure": (ConferenceFigure, "số liệu hội nghị"),
    "notice": (ConclusionNotice, "thông báo kết luận"),
    "task": (Task, "nhiệm vụ"),
    "award": (AwardDecision, "quyết định khen thưởng"),
    "plan": (InspectionPlan, "kế hoạch thanh tra, kiểm tra"),
}


can_withdraw = permissions.can_withdraw  # the rule lives in briefings.permissions


def _children(obj) -> list:
    """Records that go with ``obj`` when it is withdrawn (a conference's figures, notice,
    tasks and award decisions), those still live."""
    if isinstance(obj, Conference):
        return [
            *ConferenceFigure.objects.filter(conference=obj),
            *ConclusionNotice.objects.filter(conference=obj),
            *Task.objects.filter(conference=obj),
            *AwardDecision.objects.filter(conference=obj),
        ]
    return []


@transaction.atomic
def record_withdraw(*, actor, obj, reason: str) -> None:
    """Withdraw ``obj`` (soft delete) with a reason; a conference takes its figures, notice,
    tasks and award decisions with it. Every count and list leaves them out from now on."""
    permissions.require_withdraw(actor, obj)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": "Ghi rõ lý do thu hồi."})
    obj = type(obj).all_objects.select_for_update().get(pk=obj.pk)
    if obj.withdrawn_at is not None:
        raise ValidationError("Hồ sơ này đã được thu hồi.")
    now = clock.now()
    for record in [obj, *_children(obj)]:
        record.withdrawn_at = now
        record.withdrawn_by = actor if getattr(actor, "pk", None) else None
        record.withdrawn_reason = reason
        record.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
        audit.record(
            actor=actor,
            action="withdraw",
            obj=record,
            changes={"withdrawn_at": [None, now.isoformat()]},
            reason=reason,
        )


@transaction.atomic
def record_restore(*, actor, obj, reason: str = "") -> None:
    """An administrator puts a withdrawn record back (with what was withdrawn with it)."""
    permissions.require_restore(actor)
    obj = type(obj).all_objects.select_for_update().get(pk=obj.pk)
    if obj.withdrawn_at is None:
        raise ValidationError("Hồ sơ này không ở trạng thái thu hồi.")
    if isinstance(obj, AwardDecision) and obj.number:
        twin = AwardDecision.objects.filter(issuer_level=obj.issuer_level, number=obj.number)
        if twin.exists():
            raise ValidationError(
                f"Đã có quyết định số {obj.number} khác trong sổ: không khôi phục được bản này."
            )
    if (
        isinstance(obj, ConclusionNotice)
        and ConclusionNotice.objects.filter(conference_id=obj.conference_id)
        .exclude(pk=obj.pk)
        .exists()
    ):
        raise ValidationError("Hội nghị đã có thông báo kết luận khác.")
    parent_id = getattr(obj, "conference_id", None)
    if parent_id and not Conference.objects.filter(pk=parent_id).exists():
        raise ValidationError("Hội nghị của hồ sơ này đã bị thu hồi: khôi phục hội nghị trước.")
    when = obj.withdrawn_at
    family = [obj]
    if isinstance(obj, Conference):
        # What was withdrawn together with the conference comes back with it.
        for model in (ConferenceFigure, ConclusionNotice, Task, AwardDecision):
            family += list(model.all_objects.filter(conference=obj, withdrawn_at=when))
    for record in family:
        record.withdrawn_at, record.withdrawn_by, record.withdrawn_reason = None, None, ""
        record.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
        audit.record(
            actor=actor,
            action="restore",
            obj=record,
            changes={"withdrawn_at": [when.isoformat(), None]},
            reason=" ".join((reason or "").split()),
        )
