"""Honest comparisons (issue 17 §3): a "Trong đó" row is always a part of its parent, one
name per figure, partial coverage said beside the figure, "—" before any data existed."""

import datetime as dt
import random
from decimal import Decimal

import pytest

from noichinh.reports import seed, selectors, services, validation
from noichinh.reports.documents import report
from noichinh.reports.models import Indicator, Period, Submission


def _table(agg, code):
    for _section, rows in agg.sections:
        for row, cells in zip(rows, _data(agg).table_rows(rows), strict=True):
            if row.indicator.code == code:
                return cells
    raise AssertionError(code)


def _data(agg):
    return report.ReportData(agg=agg, meta=None, narratives=[], charts=[])


# --- the catalogue ----------------------------------------------------------------------------


def test_the_whole_catalogue_has_every_sub_row_under_a_parent_it_cannot_exceed():
    assert validation.check_catalogue(seed.INDICATORS) == []


def test_every_sub_row_is_shown_under_its_parent(catalogue):
    shown = list(Indicator.objects.filter(active=True).select_related("section"))
    block = set()
    for ind in shown:
        if ind.parent_id is None:
            block = {ind.pk}
            continue
        assert ind.parent_id in block, f"{ind.code} is not under {ind.parent.code}"
        block.add(ind.pk)


def test_the_carried_over_corruption_cases_are_part_of_the_corruption_cases(catalogue):
    row = Indicator.objects.get(code="cases.corruption.carried_over")
    assert row.parent.code == "cases.corruption.on_list_end"
    assert Indicator.objects.get(code="cases.carried_over").parent.code == "cases.on_list_end"


def test_one_name_per_figure(catalogue):
    names = list(Indicator.objects.filter(active=True).values_list("name", flat=True))
    assert len(names) == len(set(names))
    register = Indicator.objects.get(code="petitions.recovered_vnd").name
    agencies = Indicator.objects.get(code="knto.money_recovered_vnd").name
    assert "sổ theo dõi" in register and "cơ quan thanh tra báo cáo" in agencies
    visits = Indicator.objects.get(code="reception.visits")
    people = Indicator.objects.get(code="reception.people")
    assert (visits.name, visits.unit) == ("Lượt tiếp công dân", "lượt")
    assert people.name == "Số người được tiếp (lượt người)" and people.unit == "người"


@pytest.mark.parametrize(
    "row, message",
    [
        (("x.part", "Phần", "đồng", "antt", [], "", "crimes.detected", 99), "đơn vị"),
        (("x.part", "Phần", "vụ", "vppl", [], "", "crimes.detected", 99), "khác mục"),
        (("x.part", "Phần", "vụ", "antt", ["court"], "", "crimes.detected", 99), "cơ quan"),
        (("x.part", "Phần", "vụ", "antt", ["police"], "computed", "crimes.detected", 99), "nguồn"),
        (("x.part", "Phần", "vụ", "antt", ["police"], "", "crimes.detected", 0), "không đứng"),
        (("x.part", "Vụ án khởi tố", "vụ", "antt", [], "", "", 99), "cùng tên"),
    ],
)
def test_a_sub_row_that_could_exceed_its_parent_is_refused(row, message):
    errors = validation.check_catalogue([*seed.INDICATORS, row])
    assert any(message in e for e in errors), errors


def test_a_part_entered_without_its_total_is_refused(catalogue):
    indicators = {i.code: i for i in Indicator.objects.select_related("parent")}
    errors = validation.check_values(
        indicators, {"cases.corruption_prosecuted": Decimal(3), "cases.prosecuted": None}
    )
    assert any("nhập cả chỉ tiêu tổng" in e for e in errors)
    assert not validation.check_values(
        indicators, {"cases.corruption_prosecuted": Decimal(3), "cases.prosecuted": Decimal(5)}
    )


def _all_scopes(period):
    scopes = [selectors.scope_province(period)]
    blocs = list(period.blocs.all())
    if blocs:
        scopes.append(selectors.scope_for_blocs(period, blocs))
        scopes.extend(selectors.scope_for_blocs(period, [b]) for b in blocs)
    return scopes


def _problems(periods):
    problems = []
    for period in periods:
        for scope in _all_scopes(period):
            agg = selectors.aggregate(period, scope, with_statuses=False)
            rows = [r for _s, rows in agg.sections for r in rows]
            problems += [f"{period} {scope.label}: {p}" for p in validation.parts_over_total(rows)]
    return problems


def test_no_sub_row_exceeds_its_parent_in_the_demo_province(org):
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))
    periods = list(Period.objects.select_related("report_type"))
    assert len(periods) >= 5
    problems = _problems(periods)
    assert problems == [], "\n".join(problems)


def test_no_sub_row_exceeds_its_parent_in_a_generated_province(db):
    from noichinh.devdata.generate.province import generate

    generate(
        petitions=400, years=1, seed=5, progress=False, workers=1
    )  # inside the test transaction
    periods = list(Period.objects.select_related("report_type").order_by("-end")[:4])
    assert periods and Submission.objects.filter(period__in=periods).exists()
    problems = _problems(periods)
    assert problems == [], "\n".join(problems)


# --- partial coverage and periods before any data --------------------------------------------


def test_a_figure_from_some_of_the_agencies_says_so_beside_the_comparison(q3_2022, users):
    from noichinh.org.models import Agency

    police = Agency.objects.get(code="CA")
    sub = services.submission_start(actor=users["canbo_ca"], period=q3_2022, agency=police)
    services.submission_save(
        actor=users["canbo_ca"],
        submission=sub,
        values={"crimes.detected": Decimal(150), "cases.prosecuted": Decimal(120)},
    )
    services.submission_submit(actor=users["canbo_ca"], submission=sub)
    services.submission_approve(actor=users["truongdonvi"], submission=sub)
    scope = selectors.scope_for_blocs(q3_2022, list(q3_2022.blocs.all()))
    agg = selectors.aggregate(q3_2022, scope)
    # Police and procuracy report prosecutions; only the police has sent its figures.
    prosecuted = _table(agg, "cases.prosecuted")
    assert prosecuted[3] == "120"
    assert prosecuted[5].endswith("(1/2 cơ quan đã gửi)")
    assert prosecuted[7].endswith("(1/2 cơ quan đã gửi)")
    # Only the police reports crimes detected: like with like, no note.
    assert "cơ quan đã gửi" not in _table(agg, "crimes.detected")[5]


def test_a_period_before_the_register_had_any_record_shows_a_dash(q3_2022, users, agencies):
    from noichinh.petitions import services as petitions

    petitions.visit_create(
        actor=users["canbo"],
        agency=agencies["TTT"],
        visited_on=dt.date(2022, 8, 2),
        content="Công dân kiến nghị về đất đai.",
        visitor_name="Lê Thị Hoa",
        late_reason="Ghi bổ sung",  # the year 2022 (BCĐ 138) is closed in the demo
    )
    scope = selectors.scope_for_blocs(q3_2022, list(q3_2022.blocs.all()))
    agg = selectors.aggregate(q3_2022, scope)
    row = agg.row("reception.visits")
    assert row.value == 1 and row.previous is None and row.last_year is None
    cells = _table(agg, "reception.visits")
    assert cells[3] == "1" and cells[4:] == ["—", "—", "—", "—"]
    # Once the book has an earlier record, an empty quarter is a real zero.
    petitions.visit_create(
        actor=users["canbo"],
        agency=agencies["TTT"],
        visited_on=dt.date(2021, 3, 2),
        content="Công dân hỏi về chính sách.",
        visitor_name="Lê Văn Nam",
        late_reason="Ghi bổ sung",  # Quý I/2021 is not a demo period, the reason is harmless
    )
    row = selectors.aggregate(q3_2022, scope).row("reception.visits")
    assert (row.previous, row.last_year) == (0, 0)


def test_generated_quarter_values_keep_parts_within_totals(org, catalogue):
    from noichinh.devdata.generate import reports as generate

    rt = Period.objects.none().model.report_type.field.related_model.objects.get(
        code="party_briefing"
    )
    period = Period.objects.create(report_type=rt, kind=Period.QUARTER, year=2023, number=1)
    period.blocs.add(*org["blocs"].values())
    generate.fill_quarter(period, random.Random(3))
    assert _problems([period]) == []


@pytest.mark.parametrize(
    "username, counted", [("thuky", True), ("lanhdao", True), ("canbo", False)]
)
def test_the_secretariat_sees_the_province_figures_its_report_carries(
    org, client, users, agencies, username, counted
):
    from noichinh.org import permissions
    from tests.petitions.factories import make_visit

    outside = next(
        a
        for code, a in agencies.items()
        if code.startswith("UBND-")
        and permissions.visible_agency_ids(users["thuky"]) is not None
        and a.pk not in permissions.visible_agency_ids(users["thuky"])
    )
    make_visit(users["admin"], outside, visited_on=dt.date(2026, 1, 6))
    make_visit(users["admin"], agencies["TTT"], visited_on=dt.date(2026, 1, 7))
    client.force_login(users[username])
    response = client.get("/petitions/figures/?from=01/01/2026&to=31/03/2026")
    shown = {row["code"]: row["value"] for row in response.context["rows"]}
    assert shown["reception.visits"] == (2 if counted else 1)


def test_the_api_says_which_figures_are_partial_and_which_are_the_provinces(
    q3_2022, api_client, users
):
    from noichinh.org.models import Agency

    police = Agency.objects.get(code="CA")
    sub = services.submission_start(actor=users["canbo_ca"], period=q3_2022, agency=police)
    services.submission_save(
        actor=users["canbo_ca"], submission=sub, values={"cases.prosecuted": Decimal(120)}
    )
    services.submission_submit(actor=users["canbo_ca"], submission=sub)
    services.submission_approve(actor=users["truongdonvi"], submission=sub)
    body = (
        api_client.as_user(users["thuky"])
        .get(f"/api/v1/reports/periods/{q3_2022.pk}/aggregate")
        .json()
    )
    rows = {r["code"]: r for r in body["rows"]}
    assert (
        rows["cases.prosecuted"]["agencies_approved"],
        rows["cases.prosecuted"]["agencies_expected"],
    ) == (1, 2)
    assert rows["reception.visits"]["province_wide"] is True
    assert rows["cases.followed"]["province_wide"] is False
