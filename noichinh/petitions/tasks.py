"""Background tasks (django-tasks): the daily reminder, the same service as the command."""

from django_tasks import task

from noichinh.petitions import services


@task()
def send_petition_reminders(within_working_days: int = 3) -> dict:
    return services.send_reminders(within_working_days=within_working_days)
