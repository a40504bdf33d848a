"""After an official calendar notice: recompute the open case stages it changes.

Called by ``core.services.calendar_notice_enter``; only stages still running whose window can
contain a changed day are read.
"""

import datetime as dt

from noichinh.core import audit
from noichinh.core import calendar as cal
from noichinh.core.formats import vn_date
from noichinh.core.selectors import rule_get


def recompute_due_dates(
    *, actor, first: dt.date, last: dt.date, calendar: cal.WorkCalendar, reason: str
) -> int:
    from noichinh.cases.models import CaseStage
    from noichinh.cases.services import stage_rule

    specs: dict[str, cal.RuleSpec] = {}
    changed = 0
    relabelled = []
    stages = (
        CaseStage.objects.filter(ended_on__isnull=True, started_on__lt=last, due_on__gte=first)
        .select_related("case", "case__created_by")
        .order_by("id")
    )
    for stage in stages:
        code = stage_rule(stage.case, stage.stage)
        if not code:
            continue
        if code not in specs:
            specs[code] = rule_get(code).spec()
        due = cal.compute_due(
            specs[code], stage.started_on, variant=stage.variant or None, calendar=calendar
        )
        new = (due.due, due.explain(), due.provisional)
        if (stage.due_on, stage.due_explanation, stage.due_provisional) == new:
            continue
        if stage.due_on == due.due:
            stage.due_explanation, stage.due_provisional = new[1], new[2]
            relabelled.append(stage)
            continue
        before = audit.snapshot(stage)
        old_due = stage.due_on
        stage.due_on, stage.due_explanation, stage.due_provisional = new
        stage.save(update_fields=["due_on", "due_explanation", "due_provisional"])
        note = f"{reason}: hạn từ {vn_date(old_due)} thành {vn_date(due.due)}."
        audit.record_update(actor=actor, obj=stage, before=before, reason=note)
        if stage.case.created_by_id:
            from noichinh.petitions.models import Notification

            Notification.objects.get_or_create(
                user=stage.case.created_by,
                key=f"stage_due_changed:{stage.pk}:{due.due.isoformat()}"[:120],
                defaults=dict(kind="due_changed", message=f"Vụ việc {stage.case}: {note}"[:500]),
            )
        changed += 1
    CaseStage.objects.bulk_update(
        relabelled, ["due_explanation", "due_provisional"], batch_size=500
    )
    return changed + len(relabelled)
