"""The reports area's side of ``core.closing``: which periods are closed on a day, and the
late change recorded against each of them."""

from __future__ import annotations

from django.db.models import Q

from noichinh.core import audit, clock
from noichinh.core.closing import Provider


def _closed(days):
    from noichinh.reports.models import Period

    q = Q()
    for day in days:
        q |= Q(start__lte=day, end__gte=day)
    return Period.objects.filter(q, status=Period.CLOSED).select_related("report_type")


def closed_on(days) -> list[str]:
    titles = []
    for period in _closed(days).order_by("end", "kind"):
        if period.title not in titles:
            titles.append(period.title)
    return titles


def record(*, actor, obj, days, reason, action, summary="") -> None:
    from noichinh.reports.models import LateChange

    if not days:
        return
    now = clock.now()
    for period in _closed(days):
        inside = [d for d in days if period.start <= d <= period.end]
        if not inside:
            continue
        change = LateChange.objects.create(
            period=period,
            model=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=str(obj)[:255],
            summary=summary[:255],
            on=min(inside),
            action=action,
            agency_id=getattr(obj, "agency_id", None) or _agency_of(obj),
            reason=reason,
            actor=actor if getattr(actor, "pk", None) else None,
            at=now,
        )
        audit.record_create(actor=actor, obj=change, reason=reason)


PROVIDER = Provider(closed_on=closed_on, record=record)


def _agency_of(obj):
    """The agency itself when a batch (an import) is recorded against its agency."""
    return obj.pk if obj._meta.label_lower == "org.agency" else None
