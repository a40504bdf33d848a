"""Home-page panel of the administrator: when each periodic job last ran, and how."""

from noichinh.core import jobs, permissions


def panels(user) -> list[dict]:
    if not permissions.is_admin(user):
        return []
    return [{"template": "core/jobs_panel.html", "jobs": jobs.job_states()}]
