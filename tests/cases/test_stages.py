"""Procedural stages: legal time limits from the rule table, extensions, impossible orders."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from noichinh.cases import services
from noichinh.cases.models import Case, CaseStage

pytestmark = pytest.mark.django_db


def test_investigation_of_a_serious_crime_matches_the_worked_example(case_factory, users, agencies):
    case = case_factory(severity=Case.SERIOUS)
    stage = services.stage_start(
        actor=users["thuky"],
        case=case,
        stage=CaseStage.INVESTIGATION,
        agency=agencies["CA"],
        started_on=dt.date(2026, 1, 31),
    )
    assert stage.rule_code == "investigation.serious"
    assert stage.due_on == dt.date(2026, 5, 4)
    assert "30/04/2026" in stage.due_explanation


@pytest.mark.parametrize(
    "severity, stage, rule",
    [
        (Case.LESS_SERIOUS, CaseStage.INVESTIGATION, "investigation.less_serious"),
        (Case.ESPECIALLY_SERIOUS, CaseStage.INDICTMENT, "prosecution.decide.especially_serious"),
        (Case.VERY_SERIOUS, CaseStage.TRIAL, "trial_prep.very_serious"),
        (Case.SERIOUS, CaseStage.ACCUSATION, "crime_report.resolve"),
        (Case.SERIOUS, CaseStage.APPEAL, "appeal.trial_prep"),
        (Case.SERIOUS, CaseStage.ENFORCEMENT, "enforcement.decide"),
        (Case.SERIOUS, CaseStage.PROSECUTION, ""),
    ],
)
def test_severity_picks_the_rule_of_the_stage(case_factory, users, agencies, severity, stage, rule):
    from noichinh.core import selectors as core

    case = case_factory(severity=severity)
    row = services.stage_start(
        actor=users["thuky"],
        case=case,
        stage=stage,
        agency=agencies["CA"],
        started_on=dt.date(2025, 3, 3),
    )
    assert row.rule_code == rule
    if rule:
        assert row.due_on == core.due_date(rule=rule, start=dt.date(2025, 3, 3)).due
    else:
        assert row.due_on is None


def test_extensions_follow_the_rule_variants_then_stop(case_factory, users, agencies):
    from noichinh.core import selectors as core

    case = case_factory(severity=Case.SERIOUS)
    stage = services.stage_start(
        actor=users["thuky"],
        case=case,
        stage=CaseStage.INVESTIGATION,
        agency=agencies["CA"],
        started_on=dt.date(2026, 1, 31),
    )
    first = services.stage_extend(
        actor=users["canbo_ca"],
        stage=stage,
        decision_number="1/QĐ",
        decision_date=dt.date(2026, 4, 20),
    )
    assert first.variant == "extended_1"
    assert (
        first.due_on
        == core.due_date(
            rule="investigation.serious", start=dt.date(2026, 1, 31), variant="extended_1"
        ).due
    )
    second = services.stage_extend(
        actor=users["thuky"], stage=stage, decision_number="2/QĐ", decision_date=dt.date(2026, 7, 1)
    )
    assert second.variant == "extended_2"
    with pytest.raises(ValidationError, match="hết số lần gia hạn"):
        services.stage_extend(
            actor=users["thuky"],
            stage=stage,
            decision_number="3/QĐ",
            decision_date=dt.date(2026, 8, 1),
        )
    stage.refresh_from_db()
    assert stage.variant == "extended_2"


def _start(case, stage, day, users, agencies, agency="CA"):
    return services.stage_start(
        actor=users["thuky"], case=case, stage=stage, agency=agencies[agency], started_on=day
    )


def test_going_back_or_skipping_a_stage_is_refused_in_vietnamese(case_factory, users, agencies):
    case = case_factory()
    _start(case, CaseStage.INVESTIGATION, dt.date(2025, 1, 10), users, agencies)
    with pytest.raises(
        ValidationError, match="Không thể chuyển từ giai đoạn “Điều tra” sang “Xét xử sơ thẩm”"
    ):
        _start(case, CaseStage.TRIAL, dt.date(2025, 3, 1), users, agencies, "TAND")
    with pytest.raises(ValidationError, match="Không thể chuyển"):
        _start(case, CaseStage.ACCUSATION, dt.date(2025, 3, 1), users, agencies)
    assert case.stages.count() == 1


def test_next_stage_before_the_previous_one_is_refused(case_factory, users, agencies):
    case = case_factory()
    _start(case, CaseStage.INVESTIGATION, dt.date(2025, 1, 10), users, agencies)
    with pytest.raises(ValidationError, match="không được trước ngày 10/01/2025"):
        _start(case, CaseStage.INDICTMENT, dt.date(2025, 1, 9), users, agencies, "VKS")


def test_starting_a_stage_closes_the_previous_one(case_factory, users, agencies):
    case = case_factory()
    first = _start(case, CaseStage.INVESTIGATION, dt.date(2025, 1, 10), users, agencies)
    _start(case, CaseStage.INDICTMENT, dt.date(2025, 4, 1), users, agencies, "VKS")
    first.refresh_from_db()
    assert first.ended_on == dt.date(2025, 4, 1)


def test_bad_dates_are_refused(case_factory, users, agencies):
    case = case_factory(arisen_on=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError, match="sau ngày hôm nay"):
        _start(case, CaseStage.INVESTIGATION, dt.date(2099, 1, 1), users, agencies)
    with pytest.raises(ValidationError, match="trước ngày phát sinh"):
        _start(case, CaseStage.INVESTIGATION, dt.date(2024, 1, 1), users, agencies)
    stage = _start(case, CaseStage.INVESTIGATION, dt.date(2025, 2, 1), users, agencies)
    with pytest.raises(ValidationError, match="trước ngày bắt đầu"):
        services.stage_end(actor=users["thuky"], stage=stage, ended_on=dt.date(2025, 1, 15))
    with pytest.raises(ValidationError, match="trước ngày bắt đầu"):
        services.stage_extend(
            actor=users["thuky"],
            stage=stage,
            decision_number="1",
            decision_date=dt.date(2025, 1, 20),
        )


def test_overdue_is_an_open_stage_past_its_due_date_or_one_ended_late(
    case_factory, users, agencies
):
    from noichinh.cases import selectors

    case = case_factory(severity=Case.SERIOUS)
    stage = _start(case, CaseStage.INVESTIGATION, dt.date(2026, 1, 31), users, agencies)
    assert not stage.is_overdue_on(dt.date(2026, 5, 4))
    assert stage.is_overdue_on(dt.date(2026, 5, 5))
    assert list(selectors.overdue_on(Case.objects.all(), dt.date(2026, 5, 5))) == [case]
    assert not selectors.overdue_on(Case.objects.all(), dt.date(2026, 5, 4)).exists()


@pytest.mark.parametrize(
    "username, allowed",
    [
        ("canbo_ca", True),
        ("truongdonvi", True),
        ("canbo_vks", False),
        ("lanhdao", False),
        ("canbo", False),
    ],
)
def test_agency_in_charge_records_stages_others_may_not(
    case_factory, users, agencies, username, allowed
):
    case = case_factory()
    _start(case, CaseStage.INVESTIGATION, dt.date(2025, 1, 10), users, agencies)
    call = lambda: services.stage_start(  # noqa: E731
        actor=users[username],
        case=case,
        stage=CaseStage.INDICTMENT,
        agency=agencies["VKS"],
        started_on=dt.date(2025, 3, 1),
    )
    if allowed:
        call()
    else:
        with pytest.raises(PermissionDenied):
            call()


def test_changing_the_severity_recomputes_the_time_limits(case_factory, users, agencies):
    case = case_factory(severity=Case.SERIOUS)
    stage = _start(case, CaseStage.INVESTIGATION, dt.date(2026, 1, 31), users, agencies)
    assert stage.due_on == dt.date(2026, 5, 4)
    services.case_update(actor=users["thuky"], case=case, severity=Case.VERY_SERIOUS)
    stage.refresh_from_db()
    assert stage.rule_code == "investigation.very_serious"
    assert stage.due_on == dt.date(2026, 6, 1)  # 31/5/2026 is a Sunday
