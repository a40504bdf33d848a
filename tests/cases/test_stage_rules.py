"""Stages as the Criminal Procedure Code 2015 runs them: suspension and resumption, the
supplementary-investigation loop, art. 172(3)'s extensions, appeal and enforcement limits.

Expected dates are counted by hand from the articles (see tests/core/test_statute_rules.py):
CPC limits in days end on their last day even on a day off; limits in months move (art. 134).
"""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from noichinh.cases import selectors, services
from noichinh.cases.models import Case, CaseStage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.date(2026, 11, 2), tick=False):
        yield


D = dt.date.fromisoformat


def _start(case, stage, day, users, agencies, agency="CA"):
    return services.stage_start(
        actor=users["thuky"], case=case, stage=stage, agency=agencies[agency], started_on=D(day)
    )


def test_a_crime_report_due_on_a_sunday_is_not_moved(case_factory, users, agencies):
    case = case_factory()
    stage = _start(case, CaseStage.ACCUSATION, "2026-03-02", users, agencies)
    # Art. 147(1): 20 days from 02/03/2026 is Sunday 22/03/2026; art. 134: it stays.
    assert stage.due_on == D("2026-03-22")
    assert "Điều 134" in stage.due_explanation


def test_suspension_stops_the_limit_and_resumption_counts_the_resumption_rule(
    case_factory, users, agencies
):
    case = case_factory()
    stage = _start(case, CaseStage.ACCUSATION, "2026-03-02", users, agencies)
    stage = services.stage_suspend(
        actor=users["canbo_ca"],
        stage=stage,
        on=D("2026-03-20"),
        decision_number="12/QĐ",
        reason="Chờ kết quả giám định",
    )
    assert stage.is_suspended and stage.due_on is None
    assert "Đang tạm đình chỉ từ 20/03/2026" in stage.due_explanation
    assert not stage.is_overdue_on(D("2026-05-01"))
    assert stage not in selectors.overdue_stages(D("2026-05-01"))
    with pytest.raises(ValidationError, match="đang tạm đình chỉ"):
        services.stage_extend(
            actor=users["thuky"], stage=stage, decision_number="1/QĐ", decision_date=D("2026-04-01")
        )
    with pytest.raises(ValidationError, match="trước ngày tạm đình chỉ"):
        services.stage_resume(
            actor=users["thuky"], stage=stage, on=D("2026-03-19"), decision_number="2/QĐ"
        )
    stage = services.stage_resume(
        actor=users["thuky"], stage=stage, on=D("2026-06-10"), decision_number="15/QĐ"
    )
    # Art. 149(1): up to 1 month from the resumption decision: 10/07/2026.
    assert stage.rule_code == "crime_report.resumed"
    assert stage.due_on == D("2026-07-10")
    assert stage.due_explanation.startswith("Phục hồi ngày 10/06/2026 (quyết định 15/QĐ)")


def test_a_resumed_investigation_has_its_own_period_and_extension(case_factory, users, agencies):
    case = case_factory(severity=Case.SERIOUS)
    stage = _start(case, CaseStage.INVESTIGATION, "2026-01-15", users, agencies)
    services.stage_extend(
        actor=users["thuky"], stage=stage, decision_number="1/QĐ", decision_date=D("2026-04-01")
    )
    stage = services.stage_suspend(
        actor=users["thuky"],
        stage=stage,
        on=D("2026-05-04"),
        decision_number="3/QĐ",
        reason="Chưa xác định được bị can",
    )
    stage = services.stage_resume(
        actor=users["thuky"], stage=stage, on=D("2026-06-10"), decision_number="4/QĐ"
    )
    # Art. 174(1): serious, 2 months from the resumption: 10/08/2026; one extension ≤ 2 months.
    assert (stage.rule_code, stage.due_on) == ("investigation.resumed.serious", D("2026-08-10"))
    ext = services.stage_extend(
        actor=users["thuky"], stage=stage, decision_number="5/QĐ", decision_date=D("2026-08-01")
    )
    assert ext.due_on == D("2026-10-12")  # 10/10/2026 is a Saturday: months move to Monday


def test_only_the_agency_in_charge_suspends(case_factory, users, agencies):
    case = case_factory()
    stage = _start(case, CaseStage.ACCUSATION, "2026-03-02", users, agencies)
    for name in ("canbo_vks", "lanhdao", "canbo"):
        with pytest.raises(PermissionDenied):
            services.stage_suspend(
                actor=users[name],
                stage=stage,
                on=D("2026-03-20"),
                decision_number="1",
                reason="x",
            )
    stage.refresh_from_db()
    assert stage.suspended_on is None


def test_case_form_records_the_national_security_flag(client, users, agencies):
    client.force_login(users["thuky"])
    response = client.post(
        "/cases/new/",
        {
            "title": "Vụ án an ninh thử",
            "kind": "criminal",
            "field": "corruption",
            "severity": "very_serious",
            "national_security": "on",
            "following_agency": agencies["BNC"].pk,
            "defendants_count": 0,
            "managers_count": 0,
            "party_members_count": 0,
            "damage_vnd": 0,
            "recovered_vnd": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get(title="Vụ án an ninh thử")
    assert case.national_security
    assert "tội xâm phạm an ninh quốc gia" in client.get(f"/cases/{case.pk}/").content.decode()


def test_national_security_gets_art_172_3_extension_others_do_not(case_factory, users, agencies):
    plain = case_factory(severity=Case.SERIOUS)
    ns = case_factory(severity=Case.SERIOUS, national_security=True)
    results = {}
    for case in (plain, ns):
        stage = _start(case, CaseStage.INVESTIGATION, "2026-01-15", users, agencies)
        for i, day in enumerate(["2026-04-01", "2026-07-01"], 1):
            services.stage_extend(
                actor=users["thuky"], stage=stage, decision_number=f"{i}/QĐ", decision_date=D(day)
            )
        results[case.pk] = stage
    with pytest.raises(ValidationError, match="hết số lần gia hạn"):
        services.stage_extend(
            actor=users["thuky"],
            stage=results[plain.pk],
            decision_number="3/QĐ",
            decision_date=D("2026-09-01"),
        )
    third = services.stage_extend(
        actor=users["thuky"],
        stage=results[ns.pk],
        decision_number="3/QĐ",
        decision_date=D("2026-09-01"),
    )
    # 3 + 3 + 2 months, then up to 4 more (art. 172(3)): 12 months from 15/01/2026.
    assert third.variant == "extended_ns" and third.due_on == D("2027-01-15")


def test_especially_serious_gets_a_fourth_extension(case_factory, users, agencies):
    case = case_factory(severity=Case.ESPECIALLY_SERIOUS)
    stage = _start(case, CaseStage.INVESTIGATION, "2025-01-15", users, agencies)
    days = ["2025-05-01", "2025-09-01", "2026-01-01", "2026-05-01"]
    for i, day in enumerate(days, 1):
        ext = services.stage_extend(
            actor=users["thuky"], stage=stage, decision_number=f"{i}/QĐ", decision_date=D(day)
        )
    # 4 + 3×4 + 4 months from 15/01/2025 is 15/09/2026 (Tuesday).
    assert ext.variant == "extended_4" and ext.due_on == D("2026-09-15")


def test_the_supplementary_investigation_loop(case_factory, users, agencies):
    case = case_factory(severity=Case.SERIOUS)
    _start(case, CaseStage.INVESTIGATION, "2025-10-01", users, agencies)
    _start(case, CaseStage.INDICTMENT, "2026-02-02", users, agencies, "VKS")
    back = _start(case, CaseStage.SUPPLEMENT_BY_PROCURACY, "2026-03-02", users, agencies)
    # Art. 174(2): procuracy, 2 months: Saturday 02/05/2026 -> Monday 04/05.
    assert (back.rule_code, back.due_on) == (
        "supplementary_investigation.procuracy",
        D("2026-05-04"),
    )
    _start(case, CaseStage.INDICTMENT, "2026-03-20", users, agencies, "VKS")
    _start(case, CaseStage.TRIAL, "2026-03-25", users, agencies, "TAND")
    court = _start(case, CaseStage.SUPPLEMENT_BY_COURT, "2026-03-31", users, agencies)
    # Art. 174(2): court, 1 month from 31/03: 30/04 (holiday), 01/05, weekend -> 04/05.
    assert (court.rule_code, court.due_on) == ("supplementary_investigation.court", D("2026-05-04"))
    trial = _start(case, CaseStage.TRIAL, "2026-05-04", users, agencies, "TAND")
    # Art. 277(2): 15 days from receiving the file back: 19/05/2026.
    assert (trial.rule_code, trial.due_on) == ("trial_prep.after_supplement", D("2026-05-19"))


def test_appeal_and_enforcement_show_a_deadline(case_factory, users, agencies):
    case = case_factory(severity=Case.SERIOUS)
    _start(case, CaseStage.TRIAL, "2026-01-05", users, agencies, "TAND")
    appeal = _start(case, CaseStage.APPEAL, "2026-03-02", users, agencies, "TAND")
    # Art. 346: 60 days from receiving the file, 02/03/2026: 01/05 (holiday), not moved.
    assert appeal.due_on == D("2026-05-01")
    enforcement = _start(case, CaseStage.ENFORCEMENT, "2026-04-23", users, agencies, "TAND")
    # Art. 364(1): 7 days: 30/04/2026 (holiday), not moved.
    assert enforcement.due_on == D("2026-04-30")


def test_a_stage_before_the_code_was_in_force_says_no_rule_applies(case_factory, users, agencies):
    case = case_factory(arisen_on=D("2017-06-01"), followed_from=D("2017-06-01"))
    stage = _start(case, CaseStage.ACCUSATION, "2017-12-01", users, agencies)
    assert stage.due_on is None
    assert "không có bản áp dụng vào ngày 01/12/2017" in stage.due_explanation


def test_case_page_shows_rule_names_and_suspension_not_codes(client, case_factory, users, agencies):
    case = case_factory()
    _start(case, CaseStage.ACCUSATION, "2026-03-02", users, agencies)
    client.force_login(users["thuky"])
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Giải quyết tố giác, tin báo về tội phạm" in page
    assert "crime_report" not in page
    stage = case.stages.get()
    response = client.post(
        f"/cases/stages/{stage.pk}/suspend/",
        {"on": "20/03/2026", "decision_number": "12/QĐ", "reason": "Chờ giám định"},
    )
    assert response.status_code == 302
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "đang tạm đình chỉ" in page and "Phục hồi" in page
    bad = client.post(
        f"/cases/stages/{stage.pk}/resume/", {"on": "19/03/2026", "decision_number": "1"}
    )
    assert bad.status_code == 200 and "trước ngày tạm đình chỉ" in bad.content.decode()
    client.force_login(users["lanhdao"])
    assert client.get(f"/cases/stages/{stage.pk}/resume/").status_code in (403, 404)


def test_api_suspends_and_resumes_with_the_web_rules(api_client, case_factory, users, agencies):
    case = case_factory()
    stage = _start(case, CaseStage.ACCUSATION, "2026-03-02", users, agencies)
    body = {"on": "2026-03-20", "decision_number": "12/QĐ", "reason": "Chờ giám định"}
    denied = api_client.as_user(users["lanhdao"]).post(
        f"/api/v1/cases/stages/{stage.pk}/suspension", body
    )
    assert denied.status_code in (403, 404)
    ok = api_client.as_user(users["thuky"]).post(
        f"/api/v1/cases/stages/{stage.pk}/suspension", body
    )
    assert ok.status_code == 201, ok.content
    row = ok.json()["stages"][0]
    assert row["suspended_on"] == "2026-03-20" and row["due_on"] is None
    again = api_client.post(
        f"/api/v1/cases/stages/{stage.pk}/resumption",
        {"on": "2026-06-10", "decision_number": "15/QĐ"},
    )
    assert again.status_code == 201
    row = again.json()["stages"][0]
    assert row["due_on"] == "2026-07-10" and row["rule_name"]
    bad = api_client.post(
        f"/api/v1/cases/stages/{stage.pk}/resumption", {"on": "2026-06-11", "decision_number": "x"}
    )
    assert bad.status_code == 400 and "không ở trạng thái tạm đình chỉ" in bad.json()["detail"]


def test_recompute_command_fixes_a_stored_due_date_after_a_rule_change(
    case_factory, users, agencies
):
    from io import StringIO

    from django.core.management import call_command

    from noichinh.core.models import AuditEntry

    case = case_factory()
    stage = _start(case, CaseStage.ACCUSATION, "2026-04-10", users, agencies)
    # As stored before the fix: 20 days moved past 30/04 and 01/05 and the weekend.
    CaseStage.objects.filter(pk=stage.pk).update(due_on=D("2026-05-04"), due_explanation="cũ")
    out = StringIO()
    call_command("recompute_stage_due", stdout=out)
    stage.refresh_from_db()
    assert stage.due_on == D("2026-04-30")
    assert "1 giai đoạn" in out.getvalue()
    assert AuditEntry.objects.filter(
        model="cases.casestage", object_id=str(stage.pk), reason="tính lại hạn"
    ).exists()


def test_the_procuracy_returns_a_file_twice_at_most(case_factory, users, agencies):
    case = case_factory(severity=Case.SERIOUS)
    _start(case, CaseStage.INVESTIGATION, "2025-10-01", users, agencies)
    day = dt.date(2026, 1, 5)
    for _ in range(2):
        _start(case, CaseStage.INDICTMENT, day.isoformat(), users, agencies, "VKS")
        day += dt.timedelta(days=7)
        _start(case, CaseStage.SUPPLEMENT_BY_PROCURACY, day.isoformat(), users, agencies)
        day += dt.timedelta(days=7)
    indictment = _start(case, CaseStage.INDICTMENT, day.isoformat(), users, agencies, "VKS")
    # Art. 174(2): "Viện kiểm sát chỉ được trả lại hồ sơ để điều tra bổ sung hai lần."
    with pytest.raises(ValidationError, match="chỉ cho phép 2 lần"):
        _start(case, CaseStage.SUPPLEMENT_BY_PROCURACY, "2026-03-02", users, agencies)
    indictment.refresh_from_db()
    assert indictment.ended_on is None  # nothing changed
    assert case.stages.count() == 6


def test_api_overdue_list_names_the_rule(api_client, case_factory, users, agencies):
    case = case_factory()
    _start(case, CaseStage.ACCUSATION, "2026-03-02", users, agencies)
    response = api_client.as_user(users["thuky"]).get("/api/v1/cases/overdue")
    assert response.status_code == 200, response.content
    row = next(r for r in response.json() if r["id"] == case.stages.get().pk)
    assert row["overdue"] is True and row["due_on"] == "2026-03-22"
    assert row["rule_name"] == "Giải quyết tố giác, tin báo về tội phạm"
