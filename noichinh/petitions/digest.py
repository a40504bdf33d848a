"""The daily digest e-mail of each officer and head (issue 19 §3): what is due this week,
what became overdue since the last digest, what was escalated to them: petitions, the tasks
of conclusions their agency leads, and the stages of monitored cases it is in charge of. Sent through Django's
e-mail backend (SMTP in production). One digest a person a day: the day is claimed on the
person's ``NotificationPreference`` by a conditional UPDATE before sending, and given back
when the server refuses the message, so the next run tries again."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q

from noichinh.core import clock
from noichinh.core.formats import vn_date
from noichinh.petitions.models import Escalation, NotificationPreference, Petition

RUNNING = ("received", "classified", "accepted")


def _preference(user) -> NotificationPreference:
    pref, _ = NotificationPreference.objects.get_or_create(user=user)
    return pref


def preference_for(user) -> NotificationPreference:
    """The user's settings (defaults when never saved), without writing."""
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(
        user=user
    )


def _mine(user):
    """The petitions a digest speaks of: an officer's own, a head's whole agency."""
    qs = Petition.objects.filter(state__in_literal=RUNNING, next_due__isnull=False)
    if user.role == "head":
        return qs.filter(agency_id=user.agency_id)
    return qs.filter(assigned_officer=user)


def digest_for(user, *, today: dt.date, since: dt.date | None) -> dict:
    """The three parts of ``user``'s digest. ``since``: the day of the last digest."""
    week_end = today + dt.timedelta(days=6 - today.weekday())
    since = since or today - dt.timedelta(days=1)
    mine = _mine(user).select_related("agency").order_by("next_due", "id")
    due = list(mine.filter(next_due__gte=today, next_due__lte=week_end)[:200])
    overdue = list(mine.filter(next_due__gte=since, next_due__lt=today)[:200])
    escalated = list(
        Escalation.objects.filter(recipient=user, on_date__gt=since, on_date__lte=today)
        .select_related("rule")
        .order_by("on_date", "id")[:200]
    )
    tasks_due, tasks_overdue = _tasks(user, today=today, since=since, week_end=week_end)
    stages_due, stages_overdue = _stages(user, today=today, since=since, week_end=week_end)
    return {
        "due": due,
        "overdue": overdue,
        "escalated": escalated,
        "tasks_due": tasks_due,
        "tasks_overdue": tasks_overdue,
        "stages_due": stages_due,
        "stages_overdue": stages_overdue,
        "week_end": week_end,
    }


def _tasks(user, *, today, since, week_end):
    """Open tasks of conclusions led by the person's agency: due this week, and those whose
    deadline passed since the last digest (like the petitions)."""
    from noichinh.briefings.models import Task

    if not user.agency_id:
        return [], []
    mine = Task.objects.filter(
        status__in_literal=Task.OPEN_STATUSES,
        deadline__isnull=False,
        is_regular=False,
        lead_agency_id=user.agency_id,
    ).order_by("deadline", "id")
    due = list(mine.filter(deadline__gte=today, deadline__lte=week_end)[:200])
    overdue = list(mine.filter(deadline__gte=since, deadline__lt=today)[:200])
    return due, overdue


def _stages(user, *, today, since, week_end):
    """Running stages of monitored cases (on the supervision list today) that the person's
    agency is in charge of: due this week, and newly overdue."""
    from noichinh.cases import selectors as case_selectors
    from noichinh.cases.models import Case, CaseStage

    if not user.agency_id:
        return [], []
    stages = list(
        CaseStage.objects.filter(
            ended_on__isnull=True,
            due_on__isnull=False,
            agency_id=user.agency_id,
            due_on__gte=min(since, today),
            due_on__lte=week_end,
        )
        .exclude(stage__in=list(CaseStage.LIMIT_FOR_AN_ACT))
        .order_by("due_on", "id")[:400]
    )
    if not stages:
        return [], []
    cases = {
        c.pk: c
        for c in case_selectors.on_list(
            Case.objects.filter(pk__in={s.case_id for s in stages}), today
        ).order_by()
    }
    running = []
    for stage in stages:
        if stage.case_id in cases and not stage.is_suspended:
            stage.case = cases[stage.case_id]
            running.append(stage)
    due = [s for s in running if s.due_on >= today]
    overdue = [s for s in running if since <= s.due_on < today]
    return due, overdue


def _task_line(task) -> str:
    text = task.text if len(task.text) <= 120 else task.text[:119] + "…"
    return f"   - {text}, hạn {vn_date(task.deadline)}"


def _stage_line(stage) -> str:
    return (
        f"   - Vụ “{stage.case.title}”, giai đoạn {stage.get_stage_display()}, "
        f"hạn {vn_date(stage.due_on)}"
    )


def _anything(parts: dict) -> bool:
    return any(parts[k] for k in parts if k != "week_end")


def render(user, parts: dict, today: dt.date) -> str:
    lines = [f"Kính gửi {user.full_name or user.username},", ""]
    lines.append(f"Tổng hợp ngày {vn_date(today)} của hệ thống Nội chính.")
    lines.append("")
    lines.append(f"1. Đơn đến hạn trong tuần (đến {vn_date(parts['week_end'])}):")
    lines += [
        f"   - Đơn số {p.receipt_no} ({p.agency}), hạn {vn_date(p.next_due)}" for p in parts["due"]
    ] or ["   Không có."]
    lines.append("2. Đơn mới quá hạn:")
    lines += [
        f"   - Đơn số {p.receipt_no} ({p.agency}), hạn {vn_date(p.next_due)}"
        for p in parts["overdue"]
    ] or ["   Không có."]
    lines.append("3. Cảnh báo, báo cáo cấp trên gửi tới bạn:")
    lines += [f"   - {vn_date(e.on_date)}: {e.message}" for e in parts["escalated"]] or [
        "   Không có."
    ]
    lines.append(f"4. Nhiệm vụ đến hạn trong tuần (đến {vn_date(parts['week_end'])}):")
    lines += [_task_line(t) for t in parts["tasks_due"]] or ["   Không có."]
    lines.append("5. Nhiệm vụ mới quá hạn:")
    lines += [_task_line(t) for t in parts["tasks_overdue"]] or ["   Không có."]
    lines.append("6. Giai đoạn vụ án được theo dõi do cơ quan mình thụ lý:")
    lines.append("   Đến hạn trong tuần:")
    lines += ["  " + _stage_line(st) for st in parts["stages_due"]] or ["     Không có."]
    lines.append("   Mới quá hạn:")
    lines += ["  " + _stage_line(st) for st in parts["stages_overdue"]] or ["     Không có."]
    lines += ["", "Xem chi tiết và thay đổi cài đặt nhận thư tại mục Thông báo của hệ thống."]
    return "\n".join(lines)


def send_digests(*, today: dt.date | None = None) -> dict:
    """The periodic job (``core.jobs``): one digest to each officer and head who wants it."""
    from noichinh.org.models import User

    today = today or clock.today()
    users = (
        User.objects.filter(is_active=True, role__in=[User.OFFICER, User.HEAD])
        .exclude(email="")
        .exclude(notification_preference__email_digest=False)
        .order_by("pk")
    )
    sent = 0
    connection = get_connection()
    for user in users.iterator(chunk_size=500):
        pref = _preference(user)
        previous = pref.last_digest_on
        parts = digest_for(user, today=today, since=previous)
        if not _anything(parts):
            continue
        claimed = (
            NotificationPreference.objects.filter(pk=pref.pk)
            .filter(Q(last_digest_on__isnull=True) | Q(last_digest_on__lt=today))
            .update(last_digest_on=today)
        )
        if not claimed:
            continue
        message = EmailMessage(
            f"Tổng hợp công việc ngày {vn_date(today)}",
            render(user, parts, today),
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
            connection=connection,
        )
        try:
            message.send()
        except OSError:
            NotificationPreference.objects.filter(pk=pref.pk, last_digest_on=today).update(
                last_digest_on=previous
            )
            continue
        sent += 1
    return {"digests": sent}
