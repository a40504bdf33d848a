import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from noichinh.reports import figures, permissions, selectors, services
from noichinh.reports.documents import report
from noichinh.reports.figures import NO_SOURCE
from noichinh.reports.models import Period, SubmissionValue


def _approve(period, users, agencies, username, head, code, values):
    sub = services.submission_start(actor=users[username], period=period, agency=agencies[code])
    services.submission_save(
        actor=users[username],
        submission=sub,
        values={k: Decimal(str(v)) for k, v in values.items()},
    )
    services.submission_submit(actor=users[username], submission=sub)
    services.submission_approve(actor=users[head], submission=sub)
    return sub


def _stored(period_key, agency_ids, code):
    kind, year, number = period_key
    return sum(
        SubmissionValue.objects.filter(
            submission__period__kind=kind,
            submission__period__year=year,
            submission__period__number=number,
            submission__status="approved",
            submission__agency_id__in=agency_ids,
            indicator__code=code,
        ).values_list("value", flat=True),
        Decimal(0),
    )


def test_bloc_aggregate_sums_approved_figures_with_comparisons(q3_2022, users, agencies):
    _approve(q3_2022, users, agencies, "canbo_ca", "truongdonvi", "CA", {"crimes.detected": 150})
    scope = selectors.scope_for_blocs(q3_2022, list(q3_2022.blocs.all()))
    agg = selectors.aggregate(q3_2022, scope)
    row = agg.row("crimes.detected")
    previous = _stored(("Q", 2022, 2), scope.agency_ids, "crimes.detected")
    last_year = _stored(("Q", 2021, 3), scope.agency_ids, "crimes.detected")
    assert (row.value, row.previous, row.last_year) == (150, previous, last_year)
    diff, pct = row.change_previous
    assert diff == 150 - previous
    assert pct == pytest.approx(float((150 - previous) / previous * 100))
    assert agg.previous_title == "Quý II/2022" and agg.last_year_title == "Quý III/2021"


def test_drafts_and_unapproved_submissions_are_not_counted(q3_2022, users, agencies):
    sub = services.submission_start(actor=users["canbo"], period=q3_2022, agency=agencies["TTT"])
    services.submission_save(
        actor=users["canbo"], submission=sub, values={"inspections.conducted": Decimal(9)}
    )
    scope = selectors.scope_for_blocs(q3_2022, list(q3_2022.blocs.all()))
    agg = selectors.aggregate(q3_2022, scope)
    assert agg.row("inspections.conducted").value is None
    assert agencies["TTT"] in [s["agency"] for s in agg.missing]


def test_percentages_are_averaged_not_summed(demo_reports):
    period = Period.objects.get(kind="Q", year=2022, number=2)
    scope = selectors.scope_province(period)
    row = selectors.aggregate(period, scope).row("investigation.clearance_rate")
    assert row.value == Decimal("88.1")


def test_money_is_summed_in_dong(demo_reports):
    period = Period.objects.get(kind="Q", year=2021, number=3)
    scope = selectors.scope_province(period)
    row = selectors.aggregate(period, scope).row("donations.vnd")
    assert row.value == 5_200_000_000 + 850_000_000


def test_bloc_scope_leaves_out_agencies_of_other_blocs(demo_reports):
    period = Period.objects.get(kind="Q", year=2021, number=3)
    blocs = demo_reports["blocs"]
    nc = selectors.aggregate(period, selectors.scope_for_blocs(period, [blocs["NOI_CHINH"]]))
    assert nc.row("donations.vnd") is None  # no agency of the bloc reports it
    assert nc.row("crimes.detected").value == 182


def test_computed_indicator_without_a_source_says_so(q3_2022, monkeypatch):
    monkeypatch.setattr(figures, "figure_function", lambda code: None)
    scope = selectors.scope_for_blocs(q3_2022, list(q3_2022.blocs.all()))
    row = selectors.aggregate(q3_2022, scope).row("reception.visits")
    assert row.available is False and row.value is None
    from noichinh.reports.documents.report import fmt_value

    assert fmt_value(row, row.value, row.available) == NO_SOURCE


def test_computed_indicator_is_called_with_the_scope_and_cut_off(q3_2022, monkeypatch):
    calls = []

    def fake(*, agency_ids, unit_ids, start, end):
        calls.append((agency_ids, unit_ids, start, end))
        return 7

    monkeypatch.setattr(
        figures, "figure_function", lambda code: fake if code == "cases.followed" else None
    )
    scope = selectors.scope_for_blocs(q3_2022, list(q3_2022.blocs.all()))
    row = selectors.aggregate(q3_2022, scope).row("cases.followed")
    assert (row.value, row.previous, row.last_year) == (7, 7, 7)
    assert calls[0] == (scope.agency_ids, None, dt.date(2022, 7, 1), dt.date(2022, 9, 30))
    assert calls[1][2:] == (dt.date(2022, 4, 1), dt.date(2022, 6, 30))
    assert calls[2][2:] == (dt.date(2021, 7, 1), dt.date(2021, 9, 30))


def test_reception_and_petitions_figures_of_a_bloc_report_are_the_provinces(q3_2022, monkeypatch):
    calls = []

    def fake(*, agency_ids, unit_ids, start, end):
        calls.append(agency_ids)
        return 7

    monkeypatch.setattr(
        figures, "figure_function", lambda code: fake if code == "reception.visits" else None
    )
    scope = selectors.scope_for_blocs(q3_2022, list(q3_2022.blocs.all()))
    agg = selectors.aggregate(q3_2022, scope)
    assert calls and set(calls) == {None}  # every agency of the province
    assert agg.row("reception.visits").province_wide
    header = report.ReportData(agg=agg, meta=None, narratives=[], charts=[])
    rows = [r for _s, rows in agg.sections for r in rows if r.indicator.code == "reception.visits"]
    assert header.table_rows(rows)[0][1] == "Lượt tiếp công dân (toàn tỉnh)"
    province = selectors.aggregate(q3_2022, selectors.scope_province(q3_2022))
    assert not province.row("reception.visits").province_wide  # no mark where all is counted


def test_a_failing_figure_function_shows_no_source_instead_of_an_error(q3_2022, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("under construction")

    monkeypatch.setattr(figures, "figure_function", lambda code: broken)
    scope = selectors.scope_for_blocs(q3_2022, list(q3_2022.blocs.all()))
    assert selectors.aggregate(q3_2022, scope).row("petitions.received").available is False


def test_trend_lists_the_last_quarters(demo_reports):
    period = Period.objects.get(kind="Q", year=2022, number=2)
    scope = selectors.scope_province(period)
    from noichinh.reports.models import Indicator

    points = selectors.trend(period, scope, Indicator.objects.get(code="crimes.detected"))
    assert [t for t, _v in points] == [
        "Quý II/2021",
        "Quý III/2021",
        "Quý IV/2021",
        "Quý I/2022",
        "Quý II/2022",
    ]
    assert dict(points)["Quý III/2021"] == 182 and dict(points)["Quý II/2022"] == 167


@pytest.mark.parametrize(
    "username, allowed",
    [("thuky", True), ("lanhdao", True), ("admin", True), ("canbo", False), ("truongdonvi", False)],
)
def test_who_may_aggregate_the_blocs(q3_2022, users, username, allowed):
    bloc_ids = [b.pk for b in q3_2022.blocs.all()]
    assert permissions.can_aggregate(users[username], q3_2022, bloc_ids) is allowed


def test_secretariat_of_another_bloc_cannot_aggregate(q3_2022, users, org):
    from noichinh.org.models import User

    other = User.objects.create(
        username="thuky_dang",
        role="secretariat",
        agency=org["agencies"]["BTC"],
        bloc=org["blocs"]["DANG"],
    )
    assert not permissions.can_aggregate(other, q3_2022, [b.pk for b in q3_2022.blocs.all()])


@pytest.mark.parametrize("username, status", [("thuky", 403), ("lanhdao", 200), ("canbo", 403)])
def test_whole_province_aggregate_is_for_leadership(q3_2022, client, users, username, status):
    client.force_login(users[username])
    response = client.get(f"/reports/periods/{q3_2022.pk}/report/", {"scope": "province"})
    assert response.status_code == status


@pytest.mark.parametrize("username, status", [("thuky", 200), ("canbo", 403), ("canbo_dv", 403)])
def test_report_page_permissions(q3_2022, client, users, username, status):
    client.force_login(users[username])
    assert client.get(f"/reports/periods/{q3_2022.pk}/report/").status_code == status


def test_leadership_cannot_issue_a_report(q3_2022, users):
    with pytest.raises(PermissionDenied):
        services.report_issue(
            actor=users["lanhdao"],
            period=q3_2022,
            blocs=list(q3_2022.blocs.all()),
            number="1-BC/BNC",
            place="Hòa Sơn",
            issued_on=dt.date(2022, 10, 5),
            summary="",
        )


def test_api_aggregate_for_secretariat_and_refused_to_officers(q3_2022, api_client, users):
    response = api_client.as_user(users["thuky"]).get(
        f"/api/v1/reports/periods/{q3_2022.pk}/aggregate"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["previous"] == "Quý II/2022"
    assert any(r["code"] == "crimes.detected" for r in body["rows"])
    response = api_client.as_user(users["canbo"]).get(
        f"/api/v1/reports/periods/{q3_2022.pk}/aggregate"
    )
    assert response.status_code == 403


def test_chart_png_is_served(demo_reports, client, users):
    period = Period.objects.get(kind="Q", year=2022, number=2)
    client.force_login(users["thuky"])
    for kind in ("trend", "agencies"):
        response = client.get(
            f"/reports/periods/{period.pk}/chart/{kind}.png", {"indicator": "crimes.detected"}
        )
        assert response.status_code == 200
        assert response.content[:8] == b"\x89PNG\r\n\x1a\n"


# --- figures equal the registers' lists ----------------------------------------------------


def _has_petitions():
    try:
        importlib.import_module("noichinh.petitions.figures")
        importlib.import_module("noichinh.devdata.generate.petitions")
    except ModuleNotFoundError:
        return False
    return True


@pytest.mark.skipif(not _has_petitions(), reason="the petitions register is not there yet")
def test_report_figures_equal_the_petition_registers_lists(demo_reports, users):
    from noichinh.devdata.generate import petitions as generate
    from noichinh.petitions.selectors import (
        PetitionFilters,
        VisitFilters,
        petition_list,
        visit_list,
    )

    agencies = demo_reports["agencies"]
    reception = [agencies[c] for c in ("BTCD", "TTT", "CA", "UBND")]
    start, end = dt.date(2021, 7, 1), dt.date(2021, 9, 30)
    generate.generate_visits(60, seed=5, agencies=reception, start=start, end=end)
    generate.generate_visits(20, seed=6, agencies=reception, start=end, end=dt.date(2021, 10, 20))
    generate.generate_petitions(
        25, seed=7, agencies=reception, start=start, end=end, with_bands=False, with_history=False
    )
    period = Period.objects.get(kind="Q", year=2021, number=3)
    reader = users["lanhdao"]
    blocs = list(period.blocs.all())
    for scope in (selectors.scope_province(period), selectors.scope_for_blocs(period, blocs)):
        agg = selectors.aggregate(period, scope)
        ids = None  # the reception book and the petitions registers: the whole province
        assert (
            agg.row("reception.visits").value
            == visit_list(
                user=reader, filters=VisitFilters(agency_ids=ids, date_from=start, date_to=end)
            ).count()
        )
        assert (
            agg.row("reception.mass_delegations").value
            == visit_list(
                user=reader,
                filters=VisitFilters(agency_ids=ids, date_from=start, date_to=end, flag="mass"),
            ).count()
        )
        assert (
            agg.row("petitions.received").value
            == petition_list(
                user=reader,
                filters=PetitionFilters(agency_ids=ids, received_from=start, received_to=end),
            ).count()
        )
        for ptype in ("complaint", "denunciation"):
            assert (
                agg.row(f"petitions.type.{ptype}").value
                == petition_list(
                    user=reader,
                    filters=PetitionFilters(
                        agency_ids=ids, received_from=start, received_to=end, type=ptype
                    ),
                ).count()
            )
    assert (
        selectors.aggregate(period, selectors.scope_province(period)).row("reception.visits").value
        >= 60
    )
