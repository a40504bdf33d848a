"""After an official calendar notice: recompute the decision due date of protection requests
still waiting for a decision, when it comes from the rule table (``protection.decide``); a
date the officer typed (no rule yet) is left as typed.
"""

import datetime as dt

from noichinh.core import audit
from noichinh.core import calendar as cal
from noichinh.core.formats import vn_date
from noichinh.core.selectors import UnknownRule, rule_get


def recompute_due_dates(
    *, actor, first: dt.date, last: dt.date, calendar: cal.WorkCalendar, reason: str
) -> int:
    from noichinh.petitions.models import Notification
    from noichinh.portal.models import ProtectionRequest
    from noichinh.portal.services import PROTECTION_DECIDE_RULE

    try:
        spec = rule_get(PROTECTION_DECIDE_RULE).spec()
    except UnknownRule:
        return 0
    changed = 0
    rows = (
        ProtectionRequest.objects.filter(
            state=ProtectionRequest.State.REQUESTED,
            requested_on__lt=last,
            decision_due__gte=first,
        )
        .select_related("petition", "petition__assigned_officer")
        .order_by("id")
    )
    for row in rows:
        due = cal.compute_due(spec, row.requested_on, calendar=calendar)
        if (row.decision_due, row.due_explanation) == (due.due, due.explain()):
            continue
        before = audit.snapshot(row)
        old_due = row.decision_due
        row.decision_due, row.due_explanation = due.due, due.explain()
        row.save(update_fields=["decision_due", "due_explanation"])
        note = f"{reason}: hạn quyết định bảo vệ từ {vn_date(old_due)} thành {vn_date(due.due)}."
        audit.record_update(actor=actor, obj=row, before=before, reason=note)
        officer = row.petition.assigned_officer
        if old_due != due.due and officer is not None:
            Notification.objects.get_or_create(
                user=officer,
                key=f"protection_due_changed:{row.pk}:{due.due.isoformat()}"[:120],
                defaults=dict(
                    petition=row.petition,
                    kind="due_changed",
                    message=f"Đơn số {row.petition.receipt_no}: {note}"[:500],
                ),
            )
        changed += 1
    return changed
