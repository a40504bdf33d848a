"""Home-page panel: cases on the list today, overdue stages, unanswered explanation requests."""

from noichinh.cases import permissions, selectors
from noichinh.core import clock


def panels(user) -> list[dict]:
    if not permissions.can_use_cases(user):
        return []
    today = clock.today()
    visible = permissions.visible_cases(user)
    return [
        {
            "template": "cases/panel.html",
            "on_list": selectors.on_list(visible, today).count(),
            "overdue": selectors.overdue_list(user=user, day=today).count(),
            "open_requests": selectors.open_requests_for(user).count(),
        }
    ]
