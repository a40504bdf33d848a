"""Issue 16 remainders on case stages, dates counted by hand from the articles.

- Resuming a suspended case at the indictment (CPC 2015 art. 250) or trial stage (art. 283)
  gives a period counted from the resumption decision (the limits of art. 240 / art. 277).
- An official calendar notice recomputes open stages as ``_compute_due`` counts them: with
  their extension, from the resumption date, by the resumption rule; an extension's recorded
  new due date follows.
"""

import datetime as dt

import pytest
import time_machine

from noichinh.cases import services
from noichinh.cases.models import Case, CaseStage
from noichinh.core.models import AuditEntry
from noichinh.core.services import NoticeDay, calendar_notice_enter
from noichinh.petitions.models import Notification

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


def _start(case, stage, day, users, agencies, agency="CA"):
    return services.stage_start(
        actor=users["thuky"], case=case, stage=stage, agency=agencies[agency], started_on=D(day)
    )


def _suspend_resume(stage, users, on, back):
    stage = services.stage_suspend(
        actor=users["thuky"], stage=stage, on=D(on), decision_number="7/QĐ", reason="Bị can bỏ trốn"
    )
    return services.stage_resume(
        actor=users["thuky"], stage=stage, on=D(back), decision_number="8/QĐ"
    )


@time_machine.travel(dt.datetime(2026, 11, 2, 9, 0), tick=False)
def test_a_resumed_indictment_counts_art_240_from_the_resumption(case_factory, users, agencies):
    case = case_factory(severity=Case.SERIOUS)
    stage = _start(case, CaseStage.INDICTMENT, "2026-03-02", users, agencies, "VKS")
    stage = _suspend_resume(stage, users, "2026-03-10", "2026-06-01")
    # Serious crime: 20 days (art. 240(1)) from 01/06/2026: 21/06/2026 (a Sunday, not moved).
    assert stage.due_on == D("2026-06-21")
    assert "phục hồi" in stage.due_explanation.lower()
    assert "Điều 250" in stage.due_explanation


@time_machine.travel(dt.datetime(2026, 11, 2, 9, 0), tick=False)
def test_a_resumed_trial_counts_art_277_from_the_resumption(case_factory, users, agencies):
    case = case_factory(severity=Case.LESS_SERIOUS)
    stage = _start(case, CaseStage.TRIAL, "2026-03-02", users, agencies, "TAND")
    stage = _suspend_resume(stage, users, "2026-03-05", "2026-07-01")
    # Less serious: 30 days (art. 277(1)) from 01/07/2026: 31/07/2026.
    assert stage.due_on == D("2026-07-31")
    assert "Điều 283" in stage.due_explanation


def _notice_2027(users):
    calendar_notice_enter(
        actor=users["admin"],
        year=2027,
        number="999/VPCP-KGVX",
        issued_on=D("2026-11-20"),
        issuer="Văn phòng Chính phủ",
        days=[
            NoticeDay(D(f"2027-02-{d:02d}"), True, "Tết Âm lịch") for d in (4, 5, 8, 9, 10, 11, 12)
        ],
    )


def test_notice_recomputes_an_extended_stage_and_its_extension(case_factory, users, agencies):
    case = case_factory(severity=Case.LESS_SERIOUS)
    with time_machine.travel(dt.datetime(2026, 12, 10, 9, 0), tick=False):
        stage = _start(case, CaseStage.INVESTIGATION, "2026-10-04", users, agencies)
        # Art. 172: 2 months, extended once ≤ 2 months: 4 months from 04/10/2026 = 04/02/2027.
        ext = services.stage_extend(
            actor=users["thuky"],
            stage=stage,
            decision_number="9/QĐ",
            decision_date=D("2026-11-30"),
        )
    stage.refresh_from_db()
    # 04/02/2027 is in the package's Tết guess (04–10/02): moved to 11/02, provisional.
    assert (stage.due_on, stage.due_provisional) == (D("2027-02-11"), True)
    assert ext.due_on == D("2027-02-11")
    with time_machine.travel(dt.datetime(2026, 12, 10, 9, 0), tick=False):
        _notice_2027(users)
    stage.refresh_from_db()
    ext.refresh_from_db()
    # The notice makes 04–12/02/2027 off: the month limit moves to Monday 15/02/2027.
    assert (stage.due_on, stage.due_provisional) == (D("2027-02-15"), False)
    assert stage.variant == "extended"
    assert ext.due_on == D("2027-02-15")
    assert AuditEntry.objects.filter(
        model="cases.casestage", object_id=str(stage.pk), reason__contains="15/02/2027"
    ).exists()
    assert Notification.objects.filter(
        user=users["thuky"], kind="due_changed", message__contains="15/02/2027"
    ).exists()


def test_notice_recomputes_a_resumed_stage_from_its_resumption(case_factory, users, agencies):
    case = case_factory(severity=Case.SERIOUS)
    with time_machine.travel(dt.datetime(2026, 12, 10, 9, 0), tick=False):
        stage = _start(case, CaseStage.INVESTIGATION, "2026-06-01", users, agencies)
        stage = _suspend_resume(stage, users, "2026-07-01", "2026-12-04")
    # Art. 174(1): serious, 2 months from the resumption 04/12/2026: 04/02/2027 (Tết guess).
    assert stage.rule_code == "investigation.resumed.serious"
    assert stage.due_on == D("2027-02-11")
    with time_machine.travel(dt.datetime(2026, 12, 10, 9, 0), tick=False):
        _notice_2027(users)
    stage.refresh_from_db()
    assert stage.due_on == D("2027-02-15")
    assert stage.rule_code == "investigation.resumed.serious"
    assert "Phục hồi ngày 04/12/2026" in stage.due_explanation
