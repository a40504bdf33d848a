"""Background tasks (django-tasks) of the portal: messages to citizens, sent after commit."""

from django_tasks import task

from noichinh.portal import notice_sending


@task()
def send_citizen_notices(notice_ids: list[int]) -> dict:
    return notice_sending.send(notice_ids)
