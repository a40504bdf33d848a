"""The tasks part of an officer's daily digest (petitions.digest, issue 19 §3): the open tasks
of conclusions the person's agency leads, due this week and newly overdue."""

from __future__ import annotations

from noichinh.core.formats import vn_date
from noichinh.petitions.digest import DigestSection


def collect(user, *, today, since, week_end):
    """Open tasks of conclusions led by the person's agency: due this week, and those whose
    deadline passed since the last digest (like the petitions)."""
    from noichinh.briefings.models import Task

    if not user.agency_id:
        return {"tasks_due": [], "tasks_overdue": []}
    mine = Task.objects.filter(
        status__in_literal=Task.OPEN_STATUSES,
        deadline__isnull=False,
        is_regular=False,
        lead_agency_id=user.agency_id,
    ).order_by("deadline", "id")
    due = list(mine.filter(deadline__gte=today, deadline__lte=week_end)[:200])
    overdue = list(mine.filter(deadline__gte=since, deadline__lt=today)[:200])
    return {"tasks_due": due, "tasks_overdue": overdue}


def _task_line(task) -> str:
    text = task.text if len(task.text) <= 120 else task.text[:119] + "…"
    return f"   - {text}, hạn {vn_date(task.deadline)}"


def render(parts: dict, number: int) -> list[str]:
    lines = [f"{number}. Nhiệm vụ đến hạn trong tuần (đến {vn_date(parts['week_end'])}):"]
    lines += [_task_line(t) for t in parts["tasks_due"]] or ["   Không có."]
    lines.append(f"{number + 1}. Nhiệm vụ mới quá hạn:")
    lines += [_task_line(t) for t in parts["tasks_overdue"]] or ["   Không có."]
    return lines


SECTION = DigestSection(collect=collect, render=render, headings=2)
