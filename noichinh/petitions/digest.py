"""The daily digest e-mail of each officer and head (issue 19 §3): what is due this week,
what became overdue since the last digest, what was escalated to them: petitions, the tasks
of conclusions their agency leads, and the stages of monitored cases it is in charge of. Sent through Django's
e-mail backend (SMTP in production). One digest a person a day: the day is claimed on the
person's ``NotificationPreference`` by a conditional UPDATE before sending, and given back
when the server refuses the message, so the next run tries again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q

from noichinh.core import clock
from noichinh.core.formats import vn_date
from noichinh.core.registry import Registry
from noichinh.petitions.models import Escalation, NotificationPreference, Petition

RUNNING = ("received", "classified", "accepted")


@dataclass(frozen=True)
class DigestSection:
    """A part of the digest kept by an app above petitions (the tasks of conclusions, the stages
    of monitored cases), registered in its AppConfig.ready() so petitions imports no app above
    it. ``collect(user, *, today, since, week_end)`` gives its entries of the digest's parts;
    ``render(parts, number)`` its lines, its numbered headings starting at ``number``
    (``headings`` of them)."""

    collect: Callable[..., dict]
    render: Callable[[dict, int], list[str]]
    headings: int = 1


SECTIONS: Registry[DigestSection] = Registry("digest sections")


def register_section(key: str, section: DigestSection, *, order: int) -> None:
    SECTIONS.register(key, section, order=order)


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
    parts: dict = {"due": due, "overdue": overdue, "escalated": escalated, "week_end": week_end}
    for section in SECTIONS:
        parts.update(section.collect(user, today=today, since=since, week_end=week_end))
    return parts


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
    number = 4
    for section in SECTIONS:
        lines += section.render(parts, number)
        number += section.headings
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
