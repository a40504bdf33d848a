"""The appeal period from the pronouncement and the enforcement decision's 7 days.

CPC 2015 art. 333(1): appeal within 15 days from the pronouncement; art. 337(1): protest by
the procuracy of the same level within 15 days, of the level directly above within 30 days,
from the pronouncement; art. 364(1): the decision to enforce within 7 days. CPC day limits do
not move off a day off (art. 134).
"""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from noichinh.cases import selectors, services
from noichinh.cases.models import Case, CaseStage

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


def _start(case, stage, day, users, agencies, agency="TAND"):
    return services.stage_start(
        actor=users["thuky"], case=case, stage=stage, agency=agencies[agency], started_on=D(day)
    )


@time_machine.travel(dt.datetime(2026, 6, 1, 9, 0), tick=False)
def test_trial_ended_with_a_pronouncement_shows_appeal_and_protest_deadlines(
    case_factory, users, agencies, api_client
):
    case = case_factory(severity=Case.SERIOUS)
    trial = _start(case, CaseStage.TRIAL, "2026-03-02", users, agencies)
    trial = services.stage_end(
        actor=users["thuky"], stage=trial, ended_on=D("2026-04-15"), pronounced_on=D("2026-04-15")
    )
    # 15 days from 15/04/2026: 30/04/2026 (a holiday; a CPC day limit does not move).
    assert trial.appeal_due_on == D("2026-04-30")
    # Higher procuracy: 30 days from 15/04/2026: 15/05/2026.
    assert trial.protest_due_on == D("2026-05-15")
    assert "Điều 333" in trial.appeal_explanation and "Điều 337" in trial.appeal_explanation
    body = api_client.as_user(users["thuky"]).get(f"/api/v1/cases/{case.pk}").json()
    row = body["stages"][0]
    assert row["pronounced_on"] == "2026-04-15"
    assert row["appeal_due_on"] == "2026-04-30"
    assert row["protest_due_on"] == "2026-05-15"
    # On 01/06/2026 both periods are over: said so.
    assert row["appeal_period_over"] is True


@time_machine.travel(dt.datetime(2026, 4, 20, 9, 0), tick=False)
def test_appeal_period_still_running_is_not_over(case_factory, users, agencies, client):
    case = case_factory(severity=Case.SERIOUS)
    trial = _start(case, CaseStage.TRIAL, "2026-03-02", users, agencies)
    services.stage_end(
        actor=users["thuky"], stage=trial, ended_on=D("2026-04-15"), pronounced_on=D("2026-04-15")
    )
    client.force_login(users["thuky"])
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Hạn kháng cáo" in html and "30/04/2026" in html
    assert "15/05/2026" in html


@time_machine.travel(dt.datetime(2026, 6, 1, 9, 0), tick=False)
def test_a_pronouncement_outside_the_stage_is_refused(case_factory, users, agencies):
    case = case_factory(severity=Case.SERIOUS)
    trial = _start(case, CaseStage.TRIAL, "2026-03-02", users, agencies)
    with pytest.raises(ValidationError):
        services.stage_end(
            actor=users["thuky"],
            stage=trial,
            ended_on=D("2026-04-15"),
            pronounced_on=D("2026-04-20"),
        )
    trial.refresh_from_db()
    assert trial.ended_on is None and trial.pronounced_on is None


def test_enforcement_without_a_decision_after_7_days_is_overdue(case_factory, users, agencies):
    case = case_factory(severity=Case.SERIOUS)
    with time_machine.travel(dt.datetime(2026, 5, 20, 9, 0), tick=False):
        enforcement = _start(case, CaseStage.ENFORCEMENT, "2026-05-15", users, agencies)
    # Art. 364(1): 7 days from 15/05/2026: 22/05/2026.
    assert enforcement.due_on == D("2026-05-22")
    assert not enforcement.is_overdue_on(D("2026-05-22"))
    assert enforcement.is_overdue_on(D("2026-05-23"))
    assert enforcement in selectors.overdue_stages(D("2026-05-23"))
    # The decision to enforce made on time: no longer overdue, though the stage runs on.
    with time_machine.travel(dt.datetime(2026, 5, 25, 9, 0), tick=False):
        enforcement = services.stage_record_act(
            actor=users["thuky"], stage=enforcement, on=D("2026-05-21"), decision_number="12/QĐ-CA"
        )
    assert enforcement.ended_on is None
    assert not enforcement.is_overdue_on(D("2026-06-30"))
    assert enforcement not in selectors.overdue_stages(D("2026-06-30"))


def test_enforcement_decision_made_late_stays_overdue(case_factory, users, agencies):
    case = case_factory(severity=Case.SERIOUS)
    with time_machine.travel(dt.datetime(2026, 5, 30, 9, 0), tick=False):
        enforcement = _start(case, CaseStage.ENFORCEMENT, "2026-05-15", users, agencies)
        enforcement = services.stage_record_act(
            actor=users["thuky"], stage=enforcement, on=D("2026-05-28"), decision_number="13/QĐ"
        )
    assert enforcement.is_overdue_on(D("2026-06-30"))
    assert enforcement in selectors.overdue_stages(D("2026-06-30"))


def test_only_the_agency_in_charge_records_the_decision(case_factory, users, agencies):
    case = case_factory(severity=Case.SERIOUS)
    with time_machine.travel(dt.datetime(2026, 5, 20, 9, 0), tick=False):
        enforcement = _start(case, CaseStage.ENFORCEMENT, "2026-05-15", users, agencies)
        from django.core.exceptions import PermissionDenied

        with pytest.raises(PermissionDenied):
            services.stage_record_act(
                actor=users["canbo"], stage=enforcement, on=D("2026-05-21"), decision_number="1"
            )
    enforcement.refresh_from_db()
    assert enforcement.act_on is None


@time_machine.travel(dt.datetime(2026, 5, 25, 9, 0), tick=False)
def test_web_forms_record_the_pronouncement_and_the_decision_to_enforce(
    case_factory, users, agencies, client
):
    case = case_factory(severity=Case.SERIOUS)
    trial = _start(case, CaseStage.TRIAL, "2026-03-02", users, agencies)
    client.force_login(users["thuky"])
    assert "Ngày tuyên án" in client.get(f"/cases/stages/{trial.pk}/end/").content.decode()
    response = client.post(
        f"/cases/stages/{trial.pk}/end/", {"ended_on": "15/04/2026", "pronounced_on": "15/04/2026"}
    )
    assert response.status_code == 302
    trial.refresh_from_db()
    assert trial.appeal_due_on == D("2026-04-30")
    enforcement = _start(case, CaseStage.ENFORCEMENT, "2026-05-15", users, agencies)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert "quá hạn" in html and "Ghi quyết định thi hành án" in html
    response = client.post(
        f"/cases/stages/{enforcement.pk}/act/", {"on": "21/05/2026", "decision_number": "12/QĐ"}
    )
    assert response.status_code == 302
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Quyết định thi hành án 12/QĐ ngày 21/05/2026" in html
    # Someone outside the agency in charge cannot open the form.
    client.force_login(users["canbo"])
    assert client.get(f"/cases/stages/{enforcement.pk}/act/").status_code in (403, 404)


def test_case_list_marks_enforcement_overdue_only_without_a_timely_decision(
    case_factory, users, agencies, client
):
    on_time = case_factory(severity=Case.SERIOUS, title="Vụ thi hành đúng hạn")
    late = case_factory(severity=Case.SERIOUS, title="Vụ chưa ra quyết định")
    with time_machine.travel(dt.datetime(2026, 6, 10, 9, 0), tick=False):
        stage = _start(on_time, CaseStage.ENFORCEMENT, "2026-05-15", users, agencies)
        services.stage_record_act(
            actor=users["thuky"], stage=stage, on=D("2026-05-20"), decision_number="3/QĐ"
        )
        _start(late, CaseStage.ENFORCEMENT, "2026-05-15", users, agencies)
        client.force_login(users["thuky"])
        html = client.get("/cases/").content.decode()
    rows = {
        title: html.split(title, 1)[1].split("</tr>", 1)[0] for title in [on_time.title, late.title]
    }
    assert "quá hạn" not in rows[on_time.title]
    assert "quá hạn" in rows[late.title]
