"""Issue 17 §1, the case register: a change to a case that moves a figure of a closed period
(its field, the corruption/economic classification, counts of defendants, amounts, the
following agency — whatever ``cases.figures`` counts), not only its dates, needs a reason,
warns before saving and is listed as a late change of that period."""

import datetime as dt

import pytest

from noichinh.cases import services as cases
from noichinh.cases.models import Case, CaseStage
from noichinh.core.closing import ClosedPeriodError
from noichinh.reports.models import LateChange, Period

CLOSED_DAY = dt.date(2022, 5, 10)  # Quý II/2022: closed in the demo
OPEN_DAY = dt.date(2023, 3, 15)  # no closed period in the demo


def _q2():
    return Period.objects.get(report_type__code="party_briefing", kind="Q", year=2022, number=2)


def _late():
    return list(LateChange.objects.filter(period=_q2(), model="cases.case").order_by("at", "id"))


def _case(users, agencies, **kw):
    data = {
        "title": "Vụ án tham ô tài sản tại Công ty Y",
        "field": Case.ECONOMIC,
        "severity": Case.SERIOUS,
        "following_agency": agencies["BNC"],
        "followed_from": CLOSED_DAY,
        "arisen_on": CLOSED_DAY,
        "late_reason": "Nhập bù",
    }
    data.update(kw)
    return cases.case_create(actor=users["thuky"], **data)


def test_reclassifying_a_case_counted_in_a_closed_period_needs_a_reason(
    demo_reports, users, agencies
):
    case = _case(users, agencies)
    before = len(_late())
    with pytest.raises(ClosedPeriodError) as exc:
        cases.case_update(actor=users["thuky"], case=case, field=Case.CORRUPTION)
    assert "Quý II/2022" in exc.value.messages[0] and "lĩnh vực" in exc.value.messages[0]
    case.refresh_from_db()
    assert case.field == Case.ECONOMIC and len(_late()) == before
    cases.case_update(
        actor=users["thuky"], case=case, field=Case.CORRUPTION, late_reason="Xác định lại"
    )
    change = _late()[-1]
    assert change.reason == "Xác định lại" and change.action == "update"
    assert change.summary == f"Sửa lĩnh vực của vụ án “{case.title}”"


def test_amounts_and_agency_of_a_case_counted_in_a_closed_period_need_a_reason(
    demo_reports, users, agencies
):
    # Followed from long before the closed quarter and still followed: it counts in it.
    case = _case(users, agencies, followed_from=dt.date(2019, 1, 1), arisen_on=None)
    for change in (
        {"damage_vnd": 5_000_000_000},
        {"defendants_count": 3},
        {"following_agency": agencies["CA"]},
    ):
        with pytest.raises(ClosedPeriodError):
            cases.case_update(actor=users["thuky"], case=case, **change)
    cases.case_update(
        actor=users["thuky"], case=case, damage_vnd=5_000_000_000, late_reason="Giám định lại"
    )
    assert _late()[-1].summary == f"Sửa thiệt hại (đồng) của vụ án “{case.title}”"


def test_a_case_on_the_supervision_list_in_a_closed_period_counts_there(
    demo_reports, users, agencies
):
    # Not followed (no following agency; the police hold its stage), but on the list
    # through the closed quarter.
    case = _case(
        users, agencies, following_agency=None, followed_from=None, arisen_on=dt.date(2021, 1, 4)
    )
    cases.stage_start(
        actor=users["admin"],
        case=case,
        stage=CaseStage.STAGES[0][0],
        agency=agencies["CA"],
        started_on=dt.date(2021, 1, 10),
    )
    cases.supervision_add(
        actor=users["thuky"],
        case=case,
        number="3-QĐ/TU",
        date=dt.date(2021, 2, 1),
        late_reason="Ghi bù",
    )
    with pytest.raises(ClosedPeriodError):
        cases.case_update(actor=users["thuky"], case=case, field=Case.CORRUPTION)


def test_a_change_no_figure_counts_or_outside_closed_periods_needs_no_reason(
    demo_reports, users, agencies
):
    case = _case(users, agencies)
    cases.case_update(actor=users["thuky"], case=case, title="Vụ án (sửa tên)", summary="Tóm tắt")
    fresh = _case(users, agencies, followed_from=OPEN_DAY, arisen_on=OPEN_DAY, late_reason="")
    cases.case_update(actor=users["thuky"], case=fresh, field=Case.CORRUPTION, damage_vnd=10)


def test_the_case_page_warns_before_saving_a_reclassification(
    demo_reports, client, users, agencies
):
    case = _case(users, agencies)
    client.force_login(users["thuky"])
    form = {
        "title": case.title,
        "kind": case.kind,
        "field": Case.CORRUPTION,
        "severity": case.severity,
        "following_agency": agencies["BNC"].pk,
        "followed_from": "10/05/2022",
        "arisen_on": "10/05/2022",
        "defendants_count": 0,
        "managers_count": 0,
        "party_members_count": 0,
        "damage_vnd": 0,
        "recovered_vnd": 0,
    }
    page = client.post(f"/cases/{case.pk}/edit/", form)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="late-warning"' in html and "Quý II/2022" in html
    case.refresh_from_db()
    assert case.field == Case.ECONOMIC
    done = client.post(
        f"/cases/{case.pk}/edit/",
        {**form, "late_asked": "1", "late_reason": "Xác định lại", "late_confirm": "on"},
    )
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.field == Case.CORRUPTION
    assert _late()[-1].reason == "Xác định lại"
