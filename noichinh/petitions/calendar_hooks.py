"""After an official calendar notice: recompute the open petition time limits it changes.

Called by ``core.services.calendar_notice_enter``. Only open steps whose counting window can
contain a changed day are read (started before the last changed day, due on or after the
first), so the query is bounded by the notice's period, not by the register. A step whose
date moves gets its history line, audit entry and officer notice; one whose date stays and is
only now counted on the official calendar has its flag and explanation updated in bulk.
"""

import datetime as dt

from noichinh.core import audit, clock
from noichinh.core import calendar as cal
from noichinh.core.formats import vn_date
from noichinh.core.selectors import rule_get, rule_name
from noichinh.petitions.models import Deadline, Petition, Transition


def recompute_due_dates(
    *, actor, first: dt.date, last: dt.date, calendar: cal.WorkCalendar, reason: str
) -> int:
    from noichinh.petitions.services.notifications import _agency_handlers, _notify
    from noichinh.petitions.services.suspension import _pause_args, _pause_note

    specs: dict[str, cal.RuleSpec] = {}
    changed = 0
    relabelled: list[Deadline] = []
    relabelled_petitions = []
    steps = (
        Deadline.objects.filter(done_on__isnull=True, started_on__lt=last, due__gte=first)
        .select_related("petition", "petition__assigned_officer", "petition__agency")
        .order_by("id")
    )
    for step in steps.iterator(chunk_size=500):
        if step.rule not in specs:
            specs[step.rule] = rule_get(step.rule).spec()
        due = cal.compute_due(
            specs[step.rule],
            step.started_on,
            variant=step.variant or None,
            calendar=calendar,
            **_pause_args(step),
        )
        explanation = due.explain() + _pause_note(step)
        if (step.due, step.provisional, step.explanation) == (
            due.due,
            due.provisional,
            explanation,
        ):
            continue
        if step.due == due.due:
            # Same date, now counted on the official calendar: the flag and the explanation
            # change, in bulk; the notice's own audit entry records why.
            step.provisional, step.explanation = due.provisional, explanation
            relabelled.append(step)
            if step.petition.next_due == due.due:
                step.petition.next_due_provisional = due.provisional
                relabelled_petitions.append(step.petition)
            continue
        old_due = step.due
        step.due, step.provisional, step.explanation = due.due, due.provisional, explanation
        step.save(update_fields=["due", "provisional", "explanation"])
        petition = step.petition
        before = audit.snapshot(petition)
        if petition.next_due == old_due:
            petition.next_due = due.due
            petition.next_due_provisional = due.provisional
        petition.version += 1
        petition.save(update_fields=["next_due", "next_due_provisional", "version"])
        note = f"{reason}: hạn {rule_name(step.rule, on=step.started_on)} từ {vn_date(old_due)} thành {vn_date(due.due)}."
        Transition.objects.create(
            petition=petition,
            from_state=petition.state,
            to_state=petition.state,
            action="recompute_due",
            at=clock.now(),
            on_date=clock.today(),
            actor=actor if getattr(actor, "pk", None) else None,
            note=note[:1000],
        )
        audit.record_update(actor=actor, obj=petition, before=before, reason=note)
        recipients = (
            [petition.assigned_officer]
            if petition.assigned_officer_id
            else list(_agency_handlers(petition.agency).filter(role="head"))
        )
        for user in recipients:
            _notify(
                user,
                petition=petition,
                kind="due_changed",
                key=f"due_changed:{petition.pk}:{step.pk}:{due.due.isoformat()}",
                message=f"Đơn số {petition.receipt_no}: {note}",
            )
        changed += 1
    Deadline.objects.bulk_update(relabelled, ["provisional", "explanation"], batch_size=500)
    Petition.objects.bulk_update(relabelled_petitions, ["next_due_provisional"], batch_size=500)
    return changed + len(relabelled)
