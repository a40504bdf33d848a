"""Home-page panel (S1): mass and over-level petitions, near-due and overdue by agency."""

from noichinh.core import clock
from noichinh.petitions import escalation, permissions, selectors
from noichinh.petitions.models import Notification

WITHIN = 5


def panels(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    inbox = Notification.objects.filter(user=user, read_at__isnull=True)
    visible = permissions.visible_petitions(user)
    open_qs = visible.filter(state__in=selectors.OPEN)
    flagged = (
        (open_qs.filter(is_mass=True) | open_qs.filter(is_over_level=True))
        .select_related("agency")
        .order_by("next_due", "id")[:10]
    )
    due = selectors.due_by_agency(user=user, within=WITHIN)
    escalated = escalation.escalated_by_agency(user=user)
    for row in due:
        row["escalated"] = escalated.get(row["agency_id"], 0)
    return [
        {
            "template": "petitions/inbox_panel.html",
            "unread": inbox.count(),
            "latest": list(inbox.order_by("-created_at", "-id")[:5]),
        },
        {
            "template": "petitions/panel.html",
            "today": clock.today(),
            "within": WITHIN,
            "due": due,
            "escalated_total": sum(escalated.values()),
            "mass": open_qs.filter(is_mass=True).count(),
            "over_level": open_qs.filter(is_over_level=True).count(),
            "flagged": list(flagged),
            "to_urge": selectors.petition_filter(
                visible, selectors.PetitionFilters(flag="to_urge")
            ).count(),
        },
    ]
