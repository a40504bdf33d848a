"""Home-page panels: what the user's agency still has to submit or approve; for the
secretariat, who has not submitted in the open periods."""

from noichinh.reports import permissions, selectors
from noichinh.reports.models import Period, Reminder


def panels(user) -> list[dict]:
    out = []
    if permissions.is_officer(user) or permissions.is_head(user):
        pending = list(selectors.pending_for_agency(user.agency_id)[:5])
        approve = (
            list(selectors.awaiting_approval(user.agency_id).select_related("period")[:5])
            if permissions.is_head(user)
            else []
        )
        reminders = (
            list(Reminder.objects.filter(agency_id=user.agency_id).select_related("period")[:3])
            if user.agency_id
            else []
        )
        if pending or approve or reminders:
            out.append(
                {
                    "template": "reports/panel_agency.html",
                    "pending": pending,
                    "approve": approve,
                    "reminders": reminders,
                }
            )
    elif permissions.is_secretariat(user) or permissions.sees_whole_province(user):
        rows = []
        for period in Period.objects.filter(status=Period.OPEN).prefetch_related("blocs")[:3]:
            blocs = list(period.blocs.all())
            if not permissions.reportable_bloc_ids(user, period):
                continue
            scope = selectors.scope_for_blocs(period, blocs)
            statuses = selectors.submission_status_by_agency(period, scope)
            rows.append(
                {
                    "period": period,
                    "done": sum(1 for s in statuses if s["done"]),
                    "approved": sum(1 for s in statuses if s["approved"]),
                    "total": len(statuses),
                }
            )
        if rows:
            out.append({"template": "reports/panel_secretariat.html", "rows": rows})
    if permissions.figure_agency_ids(user) != set():
        out.append({"template": "reports/panel_charts.html"})
    return out
