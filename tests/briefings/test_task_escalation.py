"""Tasks of conclusions escalate like petitions, up to the secretariat that follows them."""

import datetime as dt

from noichinh.briefings import escalation as task_escalation
from noichinh.petitions.models import Escalation, Notification


def test_overdue_task_told_to_the_blocs_secretariat_once(users, make_task):
    task = make_task(lead="CA", deadline=dt.date(2022, 12, 30))
    assert task.assigned_on < task.deadline
    for _ in range(2):
        task_escalation.run(today=dt.date(2023, 1, 3))
    told = Notification.objects.filter(user=users["thuky"], kind="escalation")
    assert told.count() == 1 and "quá hạn" in told.get().message
    assert "cơ quan thường trực" in told.get().message
    esc = Escalation.objects.get(recipient=users["thuky"])
    assert (esc.subject, esc.object_id, esc.agency_id) == ("task", task.pk, task.lead_agency_id)
    # Nobody of another agency is told.
    assert not Notification.objects.filter(user=users["canbo_vks"], kind="escalation").exists()


def test_task_head_told_on_the_due_day(users, make_task):
    task = make_task(lead="CA", deadline=dt.date(2022, 12, 30))
    task_escalation.run(today=task.deadline)
    told = Notification.objects.filter(user=users["truongdonvi"], kind="escalation")
    assert [n.message for n in told] and "đến hạn" in told.get().message


def test_task_page_shows_the_escalation_history(client, users, make_task):
    task = make_task(lead="CA", deadline=dt.date(2022, 12, 30))
    task_escalation.run(today=dt.date(2023, 1, 3))
    client.force_login(users["truongdonvi"])
    page = client.get(f"/briefings/tasks/{task.pk}/").content.decode()
    assert "Cảnh báo, báo cáo cấp trên" in page and "Nguyễn Thị Thu" in page
