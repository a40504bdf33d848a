"""Background jobs of the briefings area (django-tasks): they only call services."""

from django_tasks import task

from noichinh.briefings import services


@task()
def send_task_reminders() -> int:
    """Remind lead agencies of tasks due soon or overdue (idempotent)."""
    return services.reminders_send()
