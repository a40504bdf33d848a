"""Issue 17: the case and briefings registers refuse a date inside a closed reporting period
without a reason, and record the change as a late change of that period with a readable
Vietnamese summary (as petitions do)."""

import datetime as dt

import pytest

from noichinh.briefings import services as briefings
from noichinh.briefings.models import AwardDecision, InspectionPlan, Task
from noichinh.cases import services as cases
from noichinh.cases.models import Case, CaseStage, SupervisionEntry
from noichinh.core.closing import ClosedPeriodError
from noichinh.reports.models import LateChange, Period

CLOSED_DAY = dt.date(2022, 5, 10)  # Quý II/2022: closed in the demo
OPEN_DAY = dt.date(2023, 3, 15)  # no closed period in the demo


def _q2():
    return Period.objects.get(report_type__code="party_briefing", kind="Q", year=2022, number=2)


def _late(model):
    return list(LateChange.objects.filter(period=_q2(), model=model).order_by("at", "id"))


def _case(users, agencies, **kw):
    data = {
        "title": "Vụ án tham ô tài sản tại Công ty X",
        "field": Case.CORRUPTION,
        "severity": Case.SERIOUS,
        "following_agency": agencies["BNC"],
        "followed_from": dt.date(2019, 1, 1),
        "arisen_on": dt.date(2019, 1, 1),
    }
    data.update(kw)
    return cases.case_create(actor=users["thuky"], **data)


def test_a_case_followed_from_a_closed_day_needs_a_reason(demo_reports, users, agencies):
    with pytest.raises(ClosedPeriodError) as exc:
        _case(users, agencies, followed_from=CLOSED_DAY, arisen_on=CLOSED_DAY)
    assert "Quý II/2022" in exc.value.messages[0]
    assert not Case.objects.filter(title__startswith="Vụ án tham ô").exists()
    case = _case(
        users, agencies, followed_from=CLOSED_DAY, arisen_on=CLOSED_DAY, late_reason="Bổ sung"
    )
    [change] = _late("cases.case")
    assert change.object_id == str(case.pk) and change.reason == "Bổ sung"
    assert change.summary == "Nhập vụ án “Vụ án tham ô tài sản tại Công ty X” ngày 10/05/2022"
    # Moving the date of an existing case out of (or into) a closed period needs one too.
    with pytest.raises(ClosedPeriodError):
        cases.case_update(actor=users["thuky"], case=case, followed_from=OPEN_DAY)
    cases.case_update(actor=users["thuky"], case=case, title="Vụ án tham ô (sửa tên)")


def test_supervision_and_stage_dates_in_a_closed_period_need_a_reason(
    demo_reports, users, agencies
):
    case = _case(users, agencies)
    with pytest.raises(ClosedPeriodError):
        cases.supervision_add(actor=users["thuky"], case=case, number="15-QĐ/TU", date=CLOSED_DAY)
    assert not SupervisionEntry.objects.filter(case=case).exists()
    cases.supervision_add(
        actor=users["thuky"], case=case, number="15-QĐ/TU", date=CLOSED_DAY, late_reason="Ghi bù"
    )
    assert [c.summary for c in _late("cases.supervisionentry")] == [
        f"Đưa vào diện theo dõi, chỉ đạo: vụ án “{case.title}”, quyết định 15-QĐ/TU ngày 10/05/2022"
    ]
    cases.supervision_add(actor=users["thuky"], case=case, number="2-QĐ/TU", date=OPEN_DAY)
    with pytest.raises(ClosedPeriodError):
        cases.stage_start(
            actor=users["thuky"],
            case=case,
            stage=CaseStage.STAGES[0][0],
            agency=agencies["CA"],
            started_on=CLOSED_DAY,
        )
    assert not case.stages.exists()
    stage = cases.stage_start(
        actor=users["thuky"],
        case=case,
        stage=CaseStage.STAGES[0][0],
        agency=agencies["CA"],
        started_on=CLOSED_DAY,
        late_reason="Ghi bù giai đoạn",
    )
    with pytest.raises(ClosedPeriodError):
        cases.stage_end(actor=users["thuky"], stage=stage, ended_on=dt.date(2022, 6, 1))
    cases.stage_end(actor=users["thuky"], stage=stage, ended_on=dt.date(2023, 7, 1))
    assert len(_late("cases.casestage")) == 1


def test_briefing_dates_in_a_closed_period_need_a_reason(demo_reports, users, agencies, org):
    blocs = org["blocs"]
    conference = briefings.conference_create(
        actor=users["thuky"],
        blocs=[blocs["NOI_CHINH"]],
        period_code="2021-Q4",
        date=dt.date(2021, 12, 28),
        chair_name="Phạm Minh Đức",
        late_reason="Ghi bù hội nghị",  # Quý IV/2021 is closed too
    )
    task = briefings.task_create(
        actor=users["thuky"],
        conference=conference,
        text="Đôn đốc xử lý dứt điểm vụ việc tồn đọng",
        lead_agency=agencies["CA"],
        deadline=dt.date(2022, 12, 31),
        is_regular=False,
        late_reason="Ghi bù nhiệm vụ",
    )
    with pytest.raises(ClosedPeriodError):
        briefings.task_accept(actor=users["thuky"], task=task, completed_on=CLOSED_DAY)
    assert Task.objects.get(pk=task.pk).completed_on is None
    briefings.task_accept(
        actor=users["thuky"], task=task, completed_on=CLOSED_DAY, late_reason="Xác nhận muộn"
    )
    [change] = _late("briefings.task")
    assert change.summary.startswith("Xác nhận hoàn thành nhiệm vụ “Đôn đốc xử lý")

    with pytest.raises(ClosedPeriodError):
        briefings.award_decision_create(
            actor=users["thuky"],
            issuer_level=AwardDecision.ISSUERS[0][0],
            form=AwardDecision.FORMS[0][0],
            signed_on=CLOSED_DAY,
            number="123/QĐ",
            individuals="Nguyễn Văn An",
        )
    assert not AwardDecision.objects.filter(number="123/QĐ").exists()
    briefings.award_decision_create(
        actor=users["thuky"],
        issuer_level=AwardDecision.ISSUERS[0][0],
        form=AwardDecision.FORMS[0][0],
        signed_on=CLOSED_DAY,
        number="123/QĐ",
        individuals="Nguyễn Văn An",
        late_reason="Quyết định nhận muộn",
    )
    assert len(_late("briefings.awarddecision")) == 1

    with pytest.raises(ClosedPeriodError):
        briefings.plan_create(
            actor=users["thuky"],
            agency=agencies["TTT"],
            year=2022,
            subject="Thanh tra việc quản lý đất đai",
            target_agency=agencies["CA"],
        )
    assert not InspectionPlan.objects.filter(subject__startswith="Thanh tra việc quản").exists()

    with pytest.raises(ClosedPeriodError):
        briefings.figure_add(
            actor=users["thuky"], conference=conference, value=7, text="vụ án được khởi tố"
        )
    briefings.figure_add(
        actor=users["thuky"],
        conference=conference,
        value=7,
        text="vụ án được khởi tố",
        late_reason="Bổ sung số liệu hội nghị",
    )
    assert _late("briefings.conferencefigure") == []  # Quý IV/2021's, not Quý II/2022's
    assert LateChange.objects.filter(
        model="briefings.conferencefigure", period__year=2021, period__number=4
    ).exists()


def test_the_cases_api_needs_the_reason_too(demo_reports, api_client, users, agencies):
    client = api_client.as_user(users["thuky"])
    body = {
        "title": "Vụ án buôn lậu qua biên giới",
        "field": Case.ECONOMIC,
        "following_agency_id": agencies["BNC"].pk,
        "followed_from": "2022-05-10",
    }
    refused = client.post("/api/v1/cases/", body)
    assert refused.status_code in (400, 422)
    assert "khóa sổ" in str(refused.json())
    assert not Case.objects.filter(title=body["title"]).exists()
    ok = client.post("/api/v1/cases/", {**body, "late_reason": "Nhập bù hồ sơ"})
    assert ok.status_code == 201
    case = Case.objects.get(title=body["title"])
    entry = {"kind": "add", "number": "9-QĐ/TU", "date": "2022-05-12"}
    refused = client.post(f"/api/v1/cases/{case.pk}/supervision", entry)
    assert refused.status_code in (400, 422) and "khóa sổ" in str(refused.json())
    ok = client.post(
        f"/api/v1/cases/{case.pk}/supervision", {**entry, "late_reason": "Ghi bù quyết định"}
    )
    assert ok.status_code == 201
    assert LateChange.objects.filter(period=_q2(), model="cases.case").count() == 1
    assert LateChange.objects.filter(period=_q2(), model="cases.supervisionentry").count() == 1


def test_the_case_pages_warn_and_ask_for_a_reason_and_a_confirmation(
    demo_reports, client, users, agencies
):
    client.force_login(users["thuky"])
    form = {
        "title": "Vụ án lừa đảo chiếm đoạt tài sản",
        "kind": Case.CRIMINAL,
        "field": Case.ECONOMIC,
        "severity": Case.SERIOUS,
        "following_agency": agencies["BNC"].pk,
        "followed_from": "10/05/2022",
        "defendants_count": 0,
        "managers_count": 0,
        "party_members_count": 0,
        "damage_vnd": 0,
        "recovered_vnd": 0,
    }
    page = client.post("/cases/new/", form)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="late-warning"' in html and "Quý II/2022" in html
    assert 'name="late_reason"' in html and 'type="checkbox" name="late_confirm"' in html
    assert 'value="Vụ án lừa đảo chiếm đoạt tài sản"' in html  # what was typed is kept
    assert not Case.objects.filter(title=form["title"]).exists()
    page = client.post("/cases/new/", {**form, "late_asked": "1", "late_reason": "Bổ sung"})
    assert page.status_code == 200 and "Đánh dấu xác nhận" in page.content.decode()
    assert not Case.objects.filter(title=form["title"]).exists()
    done = client.post(
        "/cases/new/",
        {**form, "late_asked": "1", "late_reason": "Nhập bù hồ sơ", "late_confirm": "on"},
    )
    assert done.status_code == 302
    case = Case.objects.get(title=form["title"])
    assert [c.reason for c in _late("cases.case")] == ["Nhập bù hồ sơ"]

    entry = {"kind": "add", "number": "9-QĐ/TU", "date": "12/05/2022"}
    page = client.post(f"/cases/{case.pk}/supervision/", entry)
    assert page.status_code == 200 and 'data-testid="late-warning"' in page.content.decode()
    assert not SupervisionEntry.objects.filter(case=case).exists()
    done = client.post(
        f"/cases/{case.pk}/supervision/",
        {**entry, "late_asked": "1", "late_reason": "Ghi bù", "late_confirm": "on"},
    )
    assert done.status_code == 302 and SupervisionEntry.objects.filter(case=case).exists()
    # A date in no closed period: no warning, no question.
    page = client.get(f"/cases/{case.pk}/stages/new/")
    assert 'data-testid="late-warning"' not in page.content.decode()


def test_the_briefing_pages_warn_and_ask_for_a_reason_and_a_confirmation(
    demo_reports, client, users, agencies, org
):
    conference = briefings.conference_create(
        actor=users["thuky"],
        blocs=[org["blocs"]["NOI_CHINH"]],
        period_code="2021-Q4",
        date=dt.date(2021, 12, 28),
        chair_name="Phạm Minh Đức",
        late_reason="Ghi bù hội nghị",  # Quý IV/2021 is closed too
    )
    task = briefings.task_create(
        actor=users["thuky"],
        conference=conference,
        text="Đôn đốc xử lý dứt điểm vụ việc tồn đọng",
        lead_agency=agencies["CA"],
        deadline=dt.date(2022, 12, 31),
        is_regular=False,
        late_reason="Ghi bù nhiệm vụ",
    )
    client.force_login(users["thuky"])
    url = f"/briefings/tasks/{task.pk}/"
    accept = {"action": "accept", "a-completed_on": "10/05/2022", "a-note": "Đã xong"}
    page = client.post(url, accept)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="late-warning"' in html and "Quý II/2022" in html
    assert 'name="a-late_reason"' in html and 'name="a-late_confirm"' in html
    assert Task.objects.get(pk=task.pk).completed_on is None
    done = client.post(
        url,
        {**accept, "a-late_asked": "1", "a-late_reason": "Xác nhận muộn", "a-late_confirm": "on"},
    )
    assert done.status_code == 302
    assert Task.objects.get(pk=task.pk).completed_on == CLOSED_DAY
    assert [c.reason for c in _late("briefings.task")] == ["Xác nhận muộn"]

    award = {
        "issuer_level": AwardDecision.ISSUERS[0][0],
        "form": AwardDecision.FORMS[0][0],
        "number": "77/QĐ-UBND",
        "signed_on": "10/05/2022",
        "individuals": "Nguyễn Văn An",
    }
    page = client.post("/briefings/awards/new/", award)
    assert page.status_code == 200 and 'data-testid="late-warning"' in page.content.decode()
    assert not AwardDecision.objects.filter(number="77/QĐ-UBND").exists()
    done = client.post(
        "/briefings/awards/new/",
        {**award, "late_asked": "1", "late_reason": "Quyết định nhận muộn", "late_confirm": "on"},
    )
    assert done.status_code == 302
    assert AwardDecision.objects.filter(number="77/QĐ-UBND").exists()
