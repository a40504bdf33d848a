"""In-app notifications of the petitions area and the daily reminders of time limits."""

import datetime as dt

from django.db import transaction

from noichinh.core import audit, clock
from noichinh.core.formats import vn_date
from noichinh.petitions.models import (
    Notification,
    NotificationPreference,
    Petition,
)
from noichinh.petitions.services.common import (
    S,
)


def _notify(user, *, petition, kind, key, message) -> Notification | None:
    obj, created = Notification.objects.get_or_create(
        user=user, key=key[:120], defaults=dict(petition=petition, kind=kind, message=message[:500])
    )
    return obj if created else None


def _agency_handlers(agency):
    from noichinh.org.models import User

    return User.objects.filter(agency=agency, is_active=True, role__in=[User.OFFICER, User.HEAD])


def _notify_agency(agency, *, petition, kind, key, message):
    for user in _agency_handlers(agency):
        _notify(user, petition=petition, kind=kind, key=key, message=message)


def send_reminders(*, today: dt.date | None = None, within_working_days: int = 3) -> dict:
    """Daily reminders of near and overdue time limits (idempotent: one notice per user,
    petition, due date and kind). E-mail is sent when the user has an address."""
    from django.conf import settings
    from django.core.mail import send_mail

    from noichinh.core.selectors import work_calendar

    today = today or clock.today()
    cal = work_calendar()
    horizon = cal.add_working_days(today, within_working_days, [])
    created = 0
    emailed = 0
    open_qs = (
        Petition.objects.filter(
            state__in=Petition.OPEN_STATES, next_due__isnull=False, next_due__lte=horizon
        )
        .exclude(state=S.SUSPENDED)
        .select_related("agency", "assigned_officer")
    )
    for petition in open_qs.iterator(chunk_size=500):
        due = petition.next_due
        if due is None:  # excluded by the query; narrows the type
            continue
        overdue = due < today
        kind = "overdue" if overdue else "due_soon"
        message = f"Đơn số {petition.receipt_no} ({petition.agency}) " + (
            f"đã quá hạn từ {vn_date(due)}." if overdue else f"đến hạn ngày {vn_date(due)}."
        )
        officer = petition.assigned_officer
        recipients = [officer] if officer is not None else []
        recipients += list(_agency_handlers(petition.agency).filter(role="head"))
        if not recipients:
            recipients = list(_agency_handlers(petition.agency))
        for user in {u.pk: u for u in recipients}.values():
            note = _notify(
                user,
                petition=petition,
                kind=kind,
                key=f"{kind}:{petition.pk}:{due.isoformat()}",
                message=message,
            )
            if note is None:
                continue
            created += 1
            if (
                user.email
                and getattr(settings, "PETITIONS_REMINDER_EMAIL", True)
                and not NotificationPreference.objects.filter(
                    user=user, email_reminders=False
                ).exists()
            ):
                try:
                    send_mail(
                        "Nhắc hạn xử lý đơn", message, settings.DEFAULT_FROM_EMAIL, [user.email]
                    )
                except OSError:
                    continue
                Notification.objects.filter(pk=note.pk).update(emailed_at=clock.now())
                emailed += 1
    return {"notifications": created, "emails": emailed}


def notification_unread_count(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


@transaction.atomic
def notification_preference_update(
    *, actor, email_digest: bool, email_escalations: bool, email_reminders: bool
) -> NotificationPreference:
    """The user's own choice of what comes by e-mail (only their own: no other actor)."""
    pref, _ = NotificationPreference.objects.select_for_update().get_or_create(user=actor)
    before = audit.snapshot(pref)
    pref.email_digest = email_digest
    pref.email_escalations = email_escalations
    pref.email_reminders = email_reminders
    pref.save()
    audit.record_update(actor=actor, obj=pref, before=before)
    return pref


@transaction.atomic
def notification_mark_read(*, actor, notification_ids) -> int:
    return Notification.objects.filter(
        user=actor, pk__in=list(notification_ids), read_at__isnull=True
    ).update(read_at=clock.now())
