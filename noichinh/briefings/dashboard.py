"""Home-page panel: the user's tasks overdue and due soon."""

from noichinh.briefings import selectors


def panels(user) -> list[dict]:
    counts = selectors.task_counts(user=user)
    if not any(counts.values()):
        return []
    return [{"template": "briefings/panel_tasks.html", "counts": counts}]
