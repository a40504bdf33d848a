import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from noichinh.core.models import AuditEntry
from noichinh.reports import services
from noichinh.reports.models import Period, ReportType


def _dates(code, kind, year, number=None):
    from noichinh.reports.selectors import period_range

    start, end = period_range(ReportType.objects.get(code=code), kind, year, number)
    return start.isoformat(), end.isoformat()


def test_government_cut_off_runs_from_the_15th_of_the_month_before(catalogue):
    assert _dates("government", "Q", 2022, 3) == ("2022-06-15", "2022-09-14")
    assert _dates("government", "Q", 2022, 1) == ("2021-12-15", "2022-03-14")
    assert _dates("government", "H1", 2022) == ("2021-12-15", "2022-06-14")
    assert _dates("government", "9M", 2022) == ("2021-12-15", "2022-09-14")
    assert _dates("government", "Y", 2022) == ("2021-12-15", "2022-12-14")


def test_party_bodies_use_calendar_periods(catalogue):
    assert _dates("party_briefing", "Q", 2022, 3) == ("2022-07-01", "2022-09-30")
    assert _dates("party_briefing", "Q", 2024, 1) == ("2024-01-01", "2024-03-31")
    assert _dates("party_briefing", "H1", 2020) == ("2020-01-01", "2020-06-30")
    assert _dates("party_briefing", "Y", 2022) == ("2022-01-01", "2022-12-31")


def test_cut_off_rule_is_data(catalogue):
    rt = ReportType.objects.get(code="government")
    rt.start_day, rt.end_day = 20, 19
    rt.save()
    assert _dates("government", "Q", 2022, 3) == ("2022-06-20", "2022-09-19")


def test_period_titles(catalogue):
    rt = ReportType.objects.get(code="party_briefing")
    assert Period(report_type=rt, kind="Q", year=2022, number=3).title == "Quý III/2022"
    assert Period(report_type=rt, kind="H1", year=2020).title == "6 tháng đầu năm 2020"
    assert Period(report_type=rt, kind="Q", year=2022, number=3).title_in_sentence == (
        "quý III/2022"
    )


def _create(actor, blocs, **kw):
    return services.period_create(
        actor=actor,
        report_type=ReportType.objects.get(code="party_briefing"),
        kind=kw.get("kind", "Q"),
        year=kw.get("year", 2023),
        number=kw.get("number", 1),
        blocs=blocs,
        open_now=bool(blocs),
    )


def test_secretariat_opens_closes_and_reopens_with_a_reason(org, catalogue, users):
    blocs = org["blocs"]
    period = _create(users["thuky"], [blocs["NOI_CHINH"], blocs["DAN_VAN"]])
    assert period.status == Period.OPEN
    assert {b.code for b in period.blocs.all()} == {"NOI_CHINH", "DAN_VAN"}
    services.period_close(actor=users["thuky"], period=period)
    assert period.status == Period.CLOSED
    with pytest.raises(ValidationError):
        services.period_reopen(actor=users["thuky"], period=period, reason="  ")
    services.period_reopen(actor=users["thuky"], period=period, reason="Công an tỉnh bổ sung")
    period.refresh_from_db()
    assert period.status == Period.OPEN and period.last_reason == "Công an tỉnh bổ sung"
    entry = AuditEntry.objects.filter(model="reports.period").order_by("-id").first()
    assert entry.reason == "Công an tỉnh bổ sung"


def test_the_same_period_cannot_be_created_twice(org, catalogue, users):
    _create(users["thuky"], [org["blocs"]["NOI_CHINH"]])
    with pytest.raises(ValidationError):
        _create(users["thuky"], [org["blocs"]["NOI_CHINH"]])


@pytest.mark.parametrize("username", ["canbo", "truongdonvi", "lanhdao"])
def test_others_cannot_open_or_close_periods(org, catalogue, users, username):
    period = _create(users["thuky"], [org["blocs"]["NOI_CHINH"]])
    with pytest.raises(PermissionDenied):
        _create(users[username], [org["blocs"]["NOI_CHINH"]], number=2)
    with pytest.raises(PermissionDenied):
        services.period_close(actor=users[username], period=period)


def test_period_list_page_filters_and_searches_without_accents(demo_reports, client, users):
    client.force_login(users["canbo"])
    response = client.get("/reports/", {"q": "quy iii 2021"})
    assert response.status_code == 200
    rows = response.content.decode().count('data-testid="period-row"')
    assert rows == 1
    response = client.get("/reports/", {"kind": "H1"})
    assert "6 tháng đầu năm 2020" in response.content.decode()


def test_period_list_query_count_is_bounded(
    demo_reports, client, users, django_assert_max_num_queries
):
    client.force_login(users["thuky"])
    with django_assert_max_num_queries(12):
        assert client.get("/reports/").status_code == 200


def test_period_form_keeps_what_was_typed_on_error(org, catalogue, client, users):
    client.force_login(users["thuky"])
    response = client.post(
        "/reports/periods/new/",
        {
            "report_type": ReportType.objects.first().pk,
            "kind": "Q",
            "year": "2022",
            "due": "31/02/2022",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Chọn quý." in body and "Ngày không hợp lệ" in body
    assert 'value="2022"' in body


def test_officer_cannot_open_the_create_page(org, catalogue, client, users):
    client.force_login(users["canbo"])
    assert client.get("/reports/periods/new/").status_code == 403


def test_reopen_through_the_page_requires_a_reason(org, catalogue, client, users):
    period = _create(users["thuky"], [org["blocs"]["NOI_CHINH"]])
    services.period_close(actor=users["thuky"], period=period)
    client.force_login(users["thuky"])
    response = client.post(f"/reports/periods/{period.pk}/reopen/", {"reason": ""}, follow=True)
    assert "Nhập lý do mở lại" in response.content.decode()
    period.refresh_from_db()
    assert period.status == Period.CLOSED
    assert period.due is None or isinstance(period.due, dt.date)


@pytest.mark.parametrize("username", ["thuky", "lanhdao", "truongdonvi", "canbo_dv"])
def test_home_page_shows_the_reports_panel(org, catalogue, client, users, username):
    _create(users["thuky"], [org["blocs"]["NOI_CHINH"], org["blocs"]["DAN_VAN"]])
    client.force_login(users[username])
    body = client.get("/").content.decode()
    assert 'data-testid="reports-panel"' in body
