"""Case stages on the official calendar: provisional until the year's notice, then recomputed."""

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


def test_a_stage_ending_in_tet_2027_is_provisional_then_recomputed_by_the_notice(
    case_factory, users, agencies
):
    case = case_factory(severity=Case.LESS_SERIOUS)
    with time_machine.travel(dt.datetime(2026, 12, 10, 9, 0), tick=False):
        stage = services.stage_start(
            actor=users["thuky"],
            case=case,
            stage=CaseStage.INVESTIGATION,
            agency=agencies["CA"],
            started_on=D("2026-12-04"),
        )
    # 2 months end on 04/02/2027, a day off in the package's Tết guess (04/02–10/02): moved on.
    assert stage.due_on == D("2027-02-11")
    assert stage.due_provisional
    assert "lịch năm 2027: tạm tính" in stage.due_explanation
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
    stage.refresh_from_db()
    assert stage.due_on == D("2027-02-15")
    assert not stage.due_provisional
    assert AuditEntry.objects.filter(
        model="cases.casestage", object_id=str(stage.pk), reason__contains="15/02/2027"
    ).exists()
    assert Notification.objects.filter(
        user=users["thuky"], kind="due_changed", message__contains="15/02/2027"
    ).exists()


def test_case_api_says_whether_a_stage_due_date_is_provisional(
    case_factory, users, agencies, api_client
):
    case = case_factory(severity=Case.LESS_SERIOUS)
    with time_machine.travel(dt.datetime(2026, 12, 10, 9, 0), tick=False):
        services.stage_start(
            actor=users["thuky"],
            case=case,
            stage=CaseStage.INVESTIGATION,
            agency=agencies["CA"],
            started_on=D("2026-12-04"),
        )
    body = api_client.as_user(users["thuky"]).get(f"/api/v1/cases/{case.pk}").json()
    stage = body["stages"][0]
    assert stage["due_provisional"] is True
    assert "lịch năm 2027: tạm tính" in stage["due_explanation"]
