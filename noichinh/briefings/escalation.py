"""Tasks of conclusions escalate like petitions (``petitions.escalation``): the lead agency's
officers and head at the shares and on the due day, then the secretariat that follows them
up (the standing office of each bloc the lead agency belongs to) while they stay overdue."""

from __future__ import annotations

import datetime as dt

from noichinh.briefings.models import Task
from noichinh.core import clock
from noichinh.petitions import escalation as engine
from noichinh.petitions.models import EscalationRule as R


def open_task_items(today: dt.date):
    # Searched by open status and deadline (index status, deadline) in both engines: the
    # job's cost follows the open tasks, not the conclusions of every past year.
    tasks = (
        Task.objects.filter(
            status__in_literal=Task.OPEN_STATUSES,
            deadline__isnull=False,
            is_regular=False,
            lead_agency__isnull=False,
        )
        .select_related("lead_agency")
        .only("pk", "text", "source_document", "assigned_on", "deadline", "lead_agency")
        .order_by("deadline", "pk")
    )
    for task in tasks.iterator(chunk_size=engine.CHUNK):
        text = task.text if len(task.text) <= 80 else task.text[:79] + "…"
        yield engine.Item(
            subject=R.TASK,
            object_id=task.pk,
            agency=task.lead_agency,
            started_on=task.assigned_on,
            due=task.deadline,
            label=f"Nhiệm vụ “{text}” ({task.lead_agency})",
        )


def secretariat_of(agency_id: int, today: dt.date) -> list:
    from noichinh.org.models import BlocMembership, User

    blocs = BlocMembership.objects.filter(
        BlocMembership.valid_on_q(today), agency_id=agency_id
    ).values("bloc_id")
    return list(
        User.objects.filter(role=User.SECRETARIAT, is_active=True, bloc_id__in=blocs)
        .select_related("agency")
        .order_by("pk")
    )


def task_recipients(item, rule) -> list:
    agency = item.agency
    if rule.recipient == R.OFFICER:
        return [(u, agency) for u in engine._handlers(agency.pk, ("officer",))]
    if rule.recipient == R.HEAD:
        return [(u, agency) for u in engine._handlers(agency.pk, ("head",))]
    if rule.recipient == R.SECRETARIAT:
        return [(u, u.agency) for u in secretariat_of(agency.pk, clock.today())]
    return []


def run(*, today: dt.date | None = None) -> dict:
    today = today or clock.today()
    return engine.apply_rules(
        subject=R.TASK,
        items=open_task_items(today),
        recipients=task_recipients,
        today=today,
    )


def escalations_of_task(task) -> list:
    """The task's escalation history, for its page (who was told, when, by which rule)."""
    from noichinh.petitions.models import Escalation

    return list(
        Escalation.objects.filter(subject=R.TASK, object_id=task.pk)
        .select_related("rule", "recipient", "recipient_agency")
        .order_by("on_date", "id")
    )
