"""Stages of monitored cases escalate like petitions (``petitions.escalation``): the head of
the agency in charge of the stage at three quarters of its limit and on the due day, then,
while it stays overdue, Ban Nội chính (the case's following agency when it is one, else the
internal affairs committee nearest up the area tree). Only cases on the supervision list on
the day, and stages whose limit runs (not ended, not suspended, not a limit for one act)."""

from __future__ import annotations

import datetime as dt

from noichinh.cases import selectors
from noichinh.cases.models import Case, CaseStage
from noichinh.core import clock
from noichinh.petitions import escalation as engine
from noichinh.petitions.models import EscalationRule as R


def open_stage_items(today: dt.date):
    # The running stages first (partial index stage_running_due), then which of their cases
    # are on the list: neither read grows with the cases closed or taken off the list.
    stages = list(
        CaseStage.objects.filter(ended_on__isnull=True, due_on__isnull=False)
        .exclude(stage__in=list(CaseStage.LIMIT_FOR_AN_ACT))
        .select_related("agency", "agency__area")
        .order_by("due_on", "pk")
    )
    if not stages:
        return
    # Their cases apart, by id (joined to the stages, SQLite would walk the cases table).
    on_list = {
        case.pk: case
        for case in selectors.on_list(
            Case.objects.filter(pk__in={s.case_id for s in stages}), today
        )
        .select_related("following_agency")
        .order_by()
    }
    for stage in stages:
        if stage.case_id not in on_list or stage.is_suspended:
            continue
        stage.case = on_list[stage.case_id]
        title = stage.case.title if len(stage.case.title) <= 80 else stage.case.title[:79] + "…"
        yield engine.Item(
            subject=R.CASE_STAGE,
            object_id=stage.pk,
            agency=stage.agency,
            started_on=stage.limit_start,
            due=stage.due_on,
            label=f"Vụ “{title}”, giai đoạn {stage.get_stage_display()} ({stage.agency})",
            extra={"stage": stage},
        )


def internal_affairs_of(stage: CaseStage):
    from noichinh.org.models import Agency

    following = stage.case.following_agency
    if following is not None and following.kind == Agency.INTERNAL_AFFAIRS:
        return following
    area = stage.agency.area
    while area is not None:
        found = Agency.objects.filter(kind=Agency.INTERNAL_AFFAIRS, area=area).order_by("pk")
        if found.exists():
            return found.first()
        area = area.parent
    return None


def stage_recipients(item, rule) -> list:
    stage = item.extra["stage"]
    if rule.recipient == R.HEAD:
        return [(u, stage.agency) for u in engine._handlers(stage.agency_id, ("head",))]
    if rule.recipient == R.SUPERVISOR:
        body = internal_affairs_of(stage)
        if body is None:
            return []
        roles = ("officer", "head", "secretariat")
        return [(u, body) for u in engine._handlers(body.pk, roles)]
    return []


def run(*, today: dt.date | None = None) -> dict:
    today = today or clock.today()
    return engine.apply_rules(
        subject=R.CASE_STAGE,
        items=open_stage_items(today),
        recipients=stage_recipients,
        today=today,
    )
