"""Escalation up the hierarchy: who is told, at which point of a time limit (issue 19 §2).

The rules are rows of ``EscalationRule`` (seeded by a data migration, each with its source);
this module only applies them. ``run()`` is the periodic job for petitions;
``briefings.escalation.run()`` does the same for the tasks of conclusions, through
``apply_rules``, and ``cases.escalation.run()`` for the stages of monitored cases (both
registered in ``SOURCES``, run by the same job). Each notice is an ``Escalation`` row (unique per record, rule, due date,
repeat and person) with its in-app ``Notification``: a run repeated, or two at once, tell
nobody twice. Only open records with a running limit are read (the partial index
``pet_running_due``), so the job's cost follows the open petitions, not the register.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q

from noichinh.core import audit, clock
from noichinh.core.formats import vn_date
from noichinh.core.registry import Registry
from noichinh.petitions.models import (
    Deadline,
    Escalation,
    EscalationRule,
    Notification,
    NotificationPreference,
    Petition,
)

R = EscalationRule
RUNNING = ("received", "classified", "accepted")
CHUNK = 2000


@dataclass
class Item:
    """One open record with a running limit, as the rules see it."""

    subject: str
    object_id: int
    agency: object  # org.Agency, the agency that is late
    started_on: dt.date
    due: dt.date
    label: str  # "Đơn số 12/2026 (Công an tỉnh)", never the content or a sender
    petition: Petition | None = None
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Firing:
    rule: EscalationRule
    occurrence: int


class _Shares:
    """Working days counted once per pair of dates (many records share their dates)."""

    def __init__(self, cal):
        self.cal = cal
        self._cache: dict[tuple[dt.date, dt.date], int] = {}

    def between(self, start: dt.date, end: dt.date) -> int:
        key = (start, end)
        if key not in self._cache:
            self._cache[key] = self.cal.working_days_between(start, end)
        return self._cache[key]


def firings(item: Item, rules: Iterable[EscalationRule], today: dt.date, days: _Shares):
    """The rules that apply to ``item`` today, each with its repeat number (pure)."""
    out = []
    for rule in rules:
        if rule.trigger == R.SHARE:
            if today >= item.due:
                continue
            total = days.between(item.started_on, item.due)
            if total <= 0:
                continue
            if days.between(item.started_on, today) * 100 >= rule.share_percent * total:
                out.append(Firing(rule, 0))
        elif rule.trigger == R.DUE_DAY:
            if today == item.due:
                out.append(Firing(rule, 0))
        elif rule.trigger == R.OVERDUE and today > item.due:
            late = max(days.between(item.due, today), 1)
            every = rule.repeat_working_days
            out.append(Firing(rule, (late - 1) // every if every else 0))
    return out


def message_for(item: Item, rule: EscalationRule, occurrence: int, today: dt.date, days) -> str:
    due = vn_date(item.due)
    if rule.trigger == R.SHARE:
        text = f"{item.label} đã qua {rule.share_percent}% thời hạn xử lý (hạn {due})."
    elif rule.trigger == R.DUE_DAY:
        text = f"{item.label} đến hạn xử lý hôm nay ({due})."
    else:
        late = max(days.between(item.due, today), 1)
        text = f"{item.label} đã quá hạn {late} ngày làm việc (hạn {due})."
        if occurrence:
            text += f" Báo lần {occurrence + 1}."
    if rule.recipient == R.SUPERVISOR:
        text += " Đề nghị cơ quan giám sát, cấp trên đôn đốc."
    elif rule.recipient == R.FORWARDER:
        text += " Cơ quan nhận đơn do cơ quan mình chuyển đã chậm: đề nghị đôn đốc."
    elif rule.recipient == R.SECRETARIAT:
        text += " Đề nghị cơ quan thường trực theo dõi, đôn đốc."
    return text


def apply_rules(
    *,
    subject: str,
    items: Iterable[Item],
    recipients: Callable[[Item, EscalationRule], list],
    today: dt.date | None = None,
) -> dict:
    """Tell each rule's recipients about each item once. ``recipients(item, rule)`` returns
    [(user, agency)]. Returns the counts for the job's summary."""
    from noichinh.core.selectors import work_calendar

    today = today or clock.today()
    _handlers_cached.cache_clear()
    _wants_email.cache_clear()
    rules = list(EscalationRule.objects.filter(subject=subject, active=True))
    days = _Shares(work_calendar())
    created = 0
    seen = 0
    buffer: list[Item] = []

    def flush():
        nonlocal created
        if not buffer:
            return
        # What was already sent for these records, in one query: a repeated run writes nothing.
        sent = set(
            Escalation.objects.filter(
                subject=subject, object_id__in=[i.object_id for i in buffer]
            ).values_list("object_id", "rule_id", "due", "occurrence", "recipient_id")
        )
        for item in buffer:
            for firing in firings(item, rules, today, days):
                rule = firing.rule
                for user, agency in recipients(item, rule):
                    key = (item.object_id, rule.pk, item.due, firing.occurrence, user.pk)
                    if key in sent:
                        continue
                    sent.add(key)
                    message = message_for(item, rule, firing.occurrence, today, days)
                    if _record(item, rule, firing.occurrence, user, agency, message, today):
                        created += 1
        buffer.clear()

    for item in items:
        seen += 1
        buffer.append(item)
        if len(buffer) >= CHUNK:
            flush()
    flush()
    if created:
        audit.record(
            actor=None,
            action="escalate",
            model="petitions.escalation",
            object_repr=f"{subject} {today.isoformat()}",
            changes={"notices": [None, created]},
        )
    counted = {R.PETITION: "petitions", R.TASK: "tasks", R.CASE_STAGE: "stages"}[subject]
    return {"escalations": created, counted: seen}


def _record(item, rule, occurrence, user, agency, message, today) -> bool:
    """Store one notice and its in-app notification; False when it already existed (another
    run at the same time wrote it first)."""
    key = f"esc:{rule.pk}:{item.subject[0]}{item.object_id}:{item.due:%Y%m%d}:{occurrence}"
    try:
        with transaction.atomic():
            note = Notification.objects.create(
                user=user,
                petition=item.petition,
                kind="escalation",
                key=key[:120],
                message=message[:500],
            )
            Escalation.objects.create(
                rule=rule,
                subject=item.subject,
                object_id=item.object_id,
                petition=item.petition,
                agency=item.agency,
                recipient=user,
                recipient_agency=agency,
                due=item.due,
                occurrence=occurrence,
                on_date=today,
                message=message[:500],
                notification=note,
            )
    except IntegrityError:
        return False
    _email_now(user, note, message)
    return True


@functools.lru_cache(maxsize=1)
def _wants_email() -> frozenset:
    """Who asked for each escalation by e-mail (read once per run of the job)."""
    return frozenset(
        NotificationPreference.objects.filter(email_escalations=True).values_list(
            "user_id", flat=True
        )
    )


def _email_now(user, note, message) -> None:
    if not user.email or user.pk not in _wants_email():
        return
    from django.core.mail import send_mail

    try:
        send_mail("Cảnh báo thời hạn xử lý", message, settings.DEFAULT_FROM_EMAIL, [user.email])
    except OSError:
        return
    Notification.objects.filter(pk=note.pk).update(emailed_at=clock.now())


# --- who is told ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _handlers_cached(agency_id, roles):
    from noichinh.org.models import User

    return tuple(
        User.objects.filter(agency_id=agency_id, is_active=True, role__in=list(roles)).order_by(
            "pk"
        )
    )


def _handlers(agency_id, roles=("officer", "head")):
    """The active users of an agency in ``roles`` (cached for one run of the job: a province
    has a few hundred agencies and tens of thousands of open petitions)."""
    return list(_handlers_cached(agency_id, tuple(roles)))


def supervising_agency(agency, *, forwarded: bool):
    """The body that supervises ``agency``'s handling: for a petition forwarded to it, the
    agency above it (``Agency.parent``); otherwise, and when there is none above, the
    inspectorate (Thanh tra) nearest up the area tree (Thanh tra tỉnh for a provincial
    agency). None when there is none."""
    from noichinh.org.models import Agency

    if forwarded and agency.parent_id:
        return agency.parent
    area = agency.area
    while area is not None:
        found = (
            Agency.objects.filter(kind=Agency.INSPECTORATE, area=area)
            .exclude(pk=agency.pk)
            .order_by("pk")
            .first()
        )
        if found is not None:
            return found
        area = area.parent
    return None


def petition_recipients(item: Item, rule: EscalationRule) -> list:
    petition = item.petition
    if rule.recipient == R.OFFICER:
        officer = petition.assigned_officer
        if officer is not None and officer.is_active:
            return [(officer, petition.agency)]
        return [(u, petition.agency) for u in _handlers(petition.agency_id, ("officer",))]
    if rule.recipient == R.HEAD:
        return [(u, petition.agency) for u in _handlers(petition.agency_id, ("head",))]
    if rule.recipient == R.SUPERVISOR:
        cache = item.extra.setdefault("_cache", {})
        key = ("sup", petition.agency_id, petition.forwarded_from_id is not None)
        if key not in cache:
            cache[key] = supervising_agency(
                petition.agency, forwarded=petition.forwarded_from_id is not None
            )
        sup = cache[key]
        return [(u, sup) for u in _handlers(sup.pk)] if sup is not None else []
    if rule.recipient == R.FORWARDER:
        origin = petition.forwarded_from
        if origin is None:
            return []
        return [(u, origin.agency) for u in _handlers(origin.agency_id)]
    return []


def open_petition_items(today: dt.date | None = None):
    """The open petitions with a running limit, as ``Item``s, read in chunks by id."""
    from noichinh.org.models import Agency

    agencies = {a.pk: a for a in Agency.objects.select_related("area", "parent")}
    cache: dict = {}
    last = 0
    while True:
        chunk = list(
            Petition.objects.filter(state__in_literal=RUNNING, next_due__isnull=False, pk__gt=last)
            .select_related("assigned_officer", "forwarded_from")
            .only(
                "pk",
                "receipt_no",
                "agency",
                "received_on",
                "next_due",
                "state",
                "forwarded_from",
                "assigned_officer",
                "forwarded_from__agency",
                "forwarded_from__receipt_no",
                "assigned_officer__is_active",
                "assigned_officer__email",
                "assigned_officer__username",
                "assigned_officer__full_name",
            )
            .order_by("pk")[:CHUNK]
        )
        if not chunk:
            return
        last = chunk[-1].pk
        starts = dict(
            Deadline.objects.filter(
                petition_id__in=[p.pk for p in chunk], done_on__isnull=True
            ).values_list("petition_id", "started_on")
        )
        for p in chunk:
            p.agency = agencies[p.agency_id]
            yield Item(
                subject=R.PETITION,
                object_id=p.pk,
                agency=p.agency,
                started_on=starts.get(p.pk, p.received_on),
                due=p.next_due,
                label=f"Đơn số {p.receipt_no} ({p.agency})",
                petition=p,
                extra={"_cache": cache},
            )


def run(*, today: dt.date | None = None) -> dict:
    """The periodic job: escalate the open petitions (``core.jobs``), then the tasks."""
    today = today or clock.today()
    result = apply_rules(
        subject=R.PETITION,
        items=open_petition_items(today),
        recipients=petition_recipients,
        today=today,
    )
    for source in SOURCES:
        counts = dict(source(today=today))
        result["escalations"] += counts.pop("escalations")
        result.update(counts)
    return result


# The other records that escalate through ``apply_rules`` (the tasks of conclusions, the stages
# of monitored cases): their app registers its ``run(today=...)`` in its AppConfig.ready(), so
# the one escalation job runs them after the petitions and petitions imports no app above it.
SOURCES: Registry[Callable[..., dict]] = Registry("escalation sources")


def register_source(run: Callable[..., dict], *, order: int) -> None:
    SOURCES.register(run.__module__, run, order=order)


# --- reads ---------------------------------------------------------------------------------


def escalations_of_petition(petition) -> list[Escalation]:
    """The record's escalation history (for its page: who was told, when, by which rule)."""
    return list(
        Escalation.objects.filter(subject=R.PETITION, object_id=petition.pk)
        .select_related("rule", "recipient", "recipient_agency")
        .order_by("on_date", "id")
    )


def escalated_by_agency(*, user, today: dt.date | None = None) -> dict[int, int]:
    """Per agency the user may see: open petitions still late on the step for which a body
    outside the agency (supervising body, forwarding agency) was told. {agency_id: count}."""
    from noichinh.petitions import permissions

    today = today or clock.today()
    qs = (
        permissions.visible_petitions(user)
        .filter(state__in_literal=RUNNING, next_due__lt=today)
        .filter(
            Q(escalations__rule__recipient__in=[R.SUPERVISOR, R.FORWARDER])
            & Q(escalations__due=F("next_due"))
        )
        .values("agency_id")
        .annotate(n=Count("id", distinct=True))
    )
    return {r["agency_id"]: r["n"] for r in qs}
