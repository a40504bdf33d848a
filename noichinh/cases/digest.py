"""The monitored cases' part of an officer's daily digest (petitions.digest, issue 19 §3): the
running stages the person's agency is in charge of, due this week and newly overdue."""

from __future__ import annotations

from noichinh.core.formats import vn_date
from noichinh.petitions.digest import DigestSection


def collect(user, *, today, since, week_end):
    """Running stages of monitored cases (on the supervision list today) that the person's
    agency is in charge of: due this week, and newly overdue."""
    from noichinh.cases import selectors as case_selectors
    from noichinh.cases.models import Case, CaseStage

    if not user.agency_id:
        return {"stages_due": [], "stages_overdue": []}
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
        return {"stages_due": [], "stages_overdue": []}
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
    return {"stages_due": due, "stages_overdue": overdue}


def _stage_line(stage) -> str:
    return (
        f"   - Vụ “{stage.case.title}”, giai đoạn {stage.get_stage_display()}, "
        f"hạn {vn_date(stage.due_on)}"
    )


def render(parts: dict, number: int) -> list[str]:
    lines = [
        f"{number}. Giai đoạn vụ án được theo dõi do cơ quan mình thụ lý:",
        "   Đến hạn trong tuần:",
    ]
    lines += ["  " + _stage_line(st) for st in parts["stages_due"]] or ["     Không có."]
    lines.append("   Mới quá hạn:")
    lines += ["  " + _stage_line(st) for st in parts["stages_overdue"]] or ["     Không có."]
    return lines


SECTION = DigestSection(collect=collect, render=render, headings=1)
