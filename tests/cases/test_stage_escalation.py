"""Stages of monitored cases escalate to Ban Nội chính when overdue (issue 19 §2)."""

import datetime as dt

from noichinh.cases import escalation as stage_escalation
from noichinh.cases import selectors as cases_selectors
from noichinh.cases import services
from noichinh.cases.models import CaseStage
from noichinh.petitions.models import Escalation, Notification


def _overdue_stage(users, agencies, case_factory, *, on_list=True):
    case = case_factory()
    if on_list:
        services.supervision_add(
            actor=users["thuky"], case=case, number="15-QĐ/TU", date=dt.date(2019, 1, 5)
        )
    return services.stage_start(
        actor=users["thuky"],
        case=case,
        stage=CaseStage.ACCUSATION,
        agency=agencies["CA"],
        started_on=dt.date(2019, 1, 7),
        start_decision="1/QĐ",
    )


def test_overdue_stage_of_a_monitored_case_told_to_ban_noi_chinh_once(
    users, agencies, case_factory
):
    stage = _overdue_stage(users, agencies, case_factory)
    assert stage.due_on is not None
    late = stage.due_on + dt.timedelta(days=1)
    for _ in range(2):
        stage_escalation.run(today=late)
    told = Notification.objects.filter(user=users["thuky"], kind="escalation")
    assert told.count() == 1 and "quá hạn" in told.get().message
    esc = Escalation.objects.get(subject="case_stage", object_id=stage.pk)
    assert esc.recipient_agency.code == "BNC"
    events = [e["text"] for e in cases_selectors.escalation_events(stage.case)]
    assert any("Ban Nội chính" in t for t in events)
    assert not Notification.objects.filter(user=users["canbo_vks"], kind="escalation").exists()


def test_a_case_off_the_list_is_not_escalated(users, agencies, case_factory):
    stage = _overdue_stage(users, agencies, case_factory, on_list=False)
    stage_escalation.run(today=stage.due_on + dt.timedelta(days=1))
    assert not Escalation.objects.filter(subject="case_stage").exists()


def test_head_of_the_agency_in_charge_told_on_the_due_day(users, agencies, case_factory):
    stage = _overdue_stage(users, agencies, case_factory)
    stage_escalation.run(today=stage.due_on)
    told = Notification.objects.filter(user=users["truongdonvi"], kind="escalation")
    assert told.count() == 1 and "đến hạn" in told.get().message
