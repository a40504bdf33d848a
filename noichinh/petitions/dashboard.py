"""Home-page panel (S1): mass and over-level petitions, near-due and overdue by agency."""

from noichinh.core import clock
from noichinh.org import permissions
from noichinh.petitions import selectors

WITHIN = 5


def panels(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    visible = permissions.visible_petitions(user)
    open_qs = visible.filter(state__in=selectors.OPEN)
    flagged = (
        (open_qs.filter(is_mass=True) | open_qs.filter(is_over_level=True))
        .select_related("agency")
        .order_by("next_due", "id")[:10]
    )
    return [
        {
            "template": "petitions/panel.html",
            "today": clock.today(),
            "within": WITHIN,
            "due": selectors.due_by_agency(user=user, within=WITHIN),
            "mass": open_qs.filter(is_mass=True).count(),
            "over_level": open_qs.filter(is_over_level=True).count(),
            "flagged": list(flagged),
            "to_urge": selectors.petition_filter(
                visible, selectors.PetitionFilters(flag="to_urge")
            ).count(),
        }
    ]
