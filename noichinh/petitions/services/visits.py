"""The reception book: one visit recorded (Law on Citizen Reception 2013)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from noichinh.core import audit, clock, closing
from noichinh.petitions import permissions, schedule
from noichinh.petitions.models import (
    PetitionType,
    Visit,
)


@transaction.atomic
def visit_create(
    *,
    actor,
    agency,
    visited_on: dt.date,
    content: str,
    kind: str = Visit.Kind.REGULAR,
    petition_type: str = PetitionType.COMPLAINT,
    field: str = "other",
    people_count: int = 1,
    representatives: str = "",
    representative_count: int = 0,
    visitor_name: str = "",
    visitor_id_number: str = "",
    visitor_address: str = "",
    unit=None,
    answer: str = Visit.Answer.GUIDED,
    answer_reason: str = "",
    repeat_of: Visit | None = None,
    officer=None,
    late_reason: str = "",
) -> Visit:
    """Record one visit in the reception book (Law on Citizen Reception 2013). A visit dated
    inside a closed reporting period needs ``late_reason`` (core.closing). A regular visit
    received by the leader scheduled that day (``schedule.leader_day_kind``) is recorded as
    the leader's periodic reception."""
    permissions.require_create_visit(actor, agency)
    if visited_on and visited_on > clock.today():
        raise ValidationError({"visited_on": "Ngày tiếp không được sau hôm nay."})
    late = closing.guard(visited_on, reason=late_reason)
    officer = officer or (actor if getattr(actor, "pk", None) else None)
    # The scheduled leader receiving on a day of the published schedule: a periodic visit.
    kind = schedule.leader_day_kind(
        agency_id=agency.pk, day=visited_on, officer_id=getattr(officer, "pk", None), kind=kind
    )
    visit = Visit(
        agency=agency,
        visited_on=visited_on,
        kind=kind,
        petition_type=petition_type,
        field=field,
        people_count=people_count,
        representatives=representatives,
        representative_count=representative_count or 0,
        unit=unit,
        content=content,
        answer=answer,
        answer_reason=answer_reason,
        repeat_of=repeat_of,
        officer=officer,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    visit.set_identity(name=visitor_name, id_number=visitor_id_number, address=visitor_address)
    visit.full_clean(exclude=["officer", "created_by"])
    visit.save()
    audit.record_create(actor=actor, obj=visit, reason=late_reason.strip() if late else "")
    if late:
        closing.record(
            actor=actor,
            obj=visit,
            days=[visited_on],
            reason=late_reason,
            action="create",
            summary=f"Ghi sổ lượt tiếp ngày {visited_on:%d/%m/%Y} ({visit.people_count} người)",
        )
    return visit
