"""The published reception schedule (lịch tiếp công dân): services and selectors.

Each day of the schedule says which leader of an agency receives citizens, where and when
(``ReceptionDay``). Officers and heads of the agency keep it (``permissions.
can_edit_reception_schedule``), every change is audited, and the portal publishes the days
to come (``portal/lich-tiep-cong-dan/``). A visit recorded by the scheduled leader in that
agency on that day is a "Lãnh đạo tiếp định kỳ" visit (``leader_day_kind``, used by
``services.visit_create``), so the reception days count in the visits figures by kind
(``reception.kind.leader_day``).

Law on Citizen Reception 2013 (Law 42/2013/QH13): the heads' periodic reception days and
the publication of the schedule — article numbers not checked against the text: verify.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from noichinh.core import audit, clock
from noichinh.petitions import permissions
from noichinh.petitions.models import ReceptionDay, Visit

EDITABLE = ("agency", "day", "leader", "leader_name", "leader_title", "place", "hours", "note")


def _clean(*, leader_name: str, place: str, day) -> dict:
    errors = {}
    if not (leader_name or "").strip():
        errors["leader_name"] = "Nhập họ tên lãnh đạo tiếp công dân."
    if not (place or "").strip():
        errors["place"] = "Nhập địa điểm tiếp công dân."
    if day is None:
        errors["day"] = "Nhập ngày tiếp."
    return errors


@transaction.atomic
def reception_day_create(
    *,
    actor,
    agency,
    day: dt.date,
    leader_name: str,
    place: str,
    leader_title: str = "",
    hours: str = "",
    note: str = "",
    leader=None,
) -> ReceptionDay:
    """Add a day to ``agency``'s published reception schedule."""
    permissions.require_edit_reception_schedule(actor, agency)
    errors = _clean(leader_name=leader_name, place=place, day=day)
    if errors:
        raise ValidationError(errors)
    row = ReceptionDay.objects.create(
        agency=agency,
        day=day,
        leader=leader,
        leader_name=leader_name.strip(),
        leader_title=(leader_title or "").strip(),
        place=place.strip(),
        hours=(hours or "").strip(),
        note=(note or "").strip(),
        created_by=actor,
    )
    audit.record_create(actor=actor, obj=row)
    return row


def _lock(row: ReceptionDay, expected_version: int | None) -> ReceptionDay:
    locked = ReceptionDay.objects.select_for_update().get(pk=row.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError(
            "Lịch này vừa được người khác sửa. Tải lại trang để xem bản mới nhất rồi sửa lại."
        )
    return locked


@transaction.atomic
def reception_day_update(
    *, actor, reception_day: ReceptionDay, expected_version: int | None = None, **fields
) -> ReceptionDay:
    """Change a day of the schedule (the agency too: the actor must keep both)."""
    row = _lock(reception_day, expected_version)
    permissions.require_edit_reception_schedule(actor, row.agency)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    new_agency = fields.get("agency", row.agency)
    permissions.require_edit_reception_schedule(actor, new_agency)
    errors = _clean(
        leader_name=fields.get("leader_name", row.leader_name),
        place=fields.get("place", row.place),
        day=fields.get("day", row.day),
    )
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(row)
    for name, value in fields.items():
        setattr(row, name, value.strip() if isinstance(value, str) else value)
    row.version += 1
    row.save()
    audit.record_update(actor=actor, obj=row, before=before)
    return row


@transaction.atomic
def reception_day_cancel(
    *, actor, reception_day: ReceptionDay, reason: str = "", expected_version: int | None = None
) -> ReceptionDay:
    """Cancel a day (kept, shown as cancelled on the portal; never deleted)."""
    row = _lock(reception_day, expected_version)
    permissions.require_edit_reception_schedule(actor, row.agency)
    if row.cancelled:
        return row
    before = audit.snapshot(row)
    row.cancelled = True
    if reason.strip():
        row.note = reason.strip()[:255]
    row.version += 1
    row.save()
    audit.record_update(actor=actor, obj=row, before=before, reason=reason.strip())
    return row


# --- selectors -------------------------------------------------------------------------------


def schedule_for_user(*, user, start: dt.date | None = None) -> QuerySet[ReceptionDay]:
    """The days the officer page lists: of the agencies ``user`` sees, from ``start``."""
    qs = ReceptionDay.objects.select_related("agency", "leader")
    ids = permissions.visible_agency_ids(user)
    if ids is not None:
        qs = qs.filter(agency_id__in=ids)
    if start is not None:
        qs = qs.filter(day__gte=start)
    return qs.order_by("day", "agency__name", "id")


def published_days(*, start: dt.date | None = None, days: int = 92) -> QuerySet[ReceptionDay]:
    """What the portal shows: every agency's days from ``start`` (today) on, cancelled ones
    marked; no account details beyond the leader's name, title, place and time."""
    start = start or clock.today()
    return (
        ReceptionDay.objects.filter(day__gte=start, day__lte=start + dt.timedelta(days=days))
        .select_related("agency")
        .order_by("day", "agency__name", "id")
    )


def leader_day_kind(*, agency_id: int, day: dt.date, officer_id: int | None, kind: str) -> str:
    """The kind a visit gets: a regular visit received by the scheduled leader of the agency
    on a day of its schedule is the leader's periodic reception."""
    if kind != Visit.Kind.REGULAR or not officer_id or day is None:
        return kind
    scheduled = ReceptionDay.objects.filter(
        agency_id=agency_id, day=day, leader_id=officer_id, cancelled=False
    ).exists()
    return Visit.Kind.LEADER_DAY if scheduled else kind
