"""After an official calendar notice: recompute the open case stages it changes.

Called by ``core.services.calendar_notice_enter``; only stages still running whose window can
contain a changed day are read. Each stage is counted as ``services.compute_due`` counts it
(its extension, the resumption rule from the resumption date, art. 277(2) after a file came
back), on the calendar the notice makes; the extension's recorded new date follows.
"""

import datetime as dt

from noichinh.core import audit
from noichinh.core import calendar as cal
from noichinh.core.formats import vn_date


def recompute_due_dates(
    *, actor, first: dt.date, last: dt.date, calendar: cal.WorkCalendar, reason: str
) -> int:
    from noichinh.cases.models import CaseStage, StageExtension
    from noichinh.cases.services import compute_due

    changed = 0
    relabelled = []
    stages = (
        CaseStage.objects.filter(ended_on__isnull=True, started_on__lt=last, due_on__gte=first)
        .select_related("case", "case__created_by")
        .order_by("id")
    )
    for stage in stages:
        if stage.is_suspended:
            continue
        old = (stage.rule_code, stage.due_on, stage.due_explanation, stage.due_provisional)
        before = audit.snapshot(stage)
        compute_due(stage, calendar=calendar)
        new = (stage.rule_code, stage.due_on, stage.due_explanation, stage.due_provisional)
        if new == old:
            continue
        if stage.due_on == old[1]:
            relabelled.append(stage)
            continue
        stage.save(update_fields=["rule_code", "due_on", "due_explanation", "due_provisional"])
        if stage.variant:
            StageExtension.objects.filter(stage=stage, variant=stage.variant).update(
                due_on=stage.due_on
            )
        note = f"{reason}: hạn từ {vn_date(old[1])} thành {vn_date(stage.due_on)}."
        audit.record_update(actor=actor, obj=stage, before=before, reason=note)
        if stage.case.created_by_id:
            from noichinh.petitions.models import Notification

            Notification.objects.get_or_create(
                user=stage.case.created_by,
                key=f"stage_due_changed:{stage.pk}:{stage.due_on.isoformat()}"[:120],
                defaults=dict(kind="due_changed", message=f"Vụ việc {stage.case}: {note}"[:500]),
            )
        changed += 1
    CaseStage.objects.bulk_update(
        relabelled, ["due_explanation", "due_provisional"], batch_size=500
    )
    return changed + len(relabelled)
