"""Issue 17: a period before a register held any record shows "—", not 0, for the case
register and the briefings registers (tasks, awards, plans) too, not only petitions."""

import datetime as dt

from noichinh.reports import figures, selectors


def _row(q3_2022, code):
    scope = selectors.scope_for_blocs(q3_2022, list(q3_2022.blocs.all()))
    return selectors.aggregate(q3_2022, scope).row(code)


def test_empty_case_and_briefing_registers_show_a_dash_not_zero(q3_2022):
    for code in ("cases.followed", "cases.on_list_end", "tasks.assigned", "awards.collectives"):
        row = _row(q3_2022, code)
        assert (row.value, row.previous, row.last_year) == (None, None, None), code


def test_a_case_followed_from_august_2022_leaves_earlier_quarters_without_data(q3_2022, agencies):
    from noichinh.cases.models import Case

    Case.objects.create(
        title="Vụ án thử",
        field=Case.CORRUPTION,
        following_agency=agencies["BNC"],
        followed_from=dt.date(2022, 8, 1),
        arisen_on=dt.date(2022, 8, 1),
    )
    row = _row(q3_2022, "cases.followed")
    assert row.value == 1
    assert row.previous is None and row.last_year is None
    # An earlier record makes an empty earlier quarter a real zero.
    Case.objects.create(
        title="Vụ án cũ",
        field=Case.ECONOMIC,
        following_agency=agencies["BNC"],
        followed_from=dt.date(2020, 1, 1),
        followed_until=dt.date(2020, 3, 1),
    )
    row = _row(q3_2022, "cases.followed")
    assert (row.value, row.previous, row.last_year) == (1, 0, 0)


def test_tasks_awards_and_plans_say_since_when_they_hold_records(q3_2022, agencies):
    from noichinh.briefings.models import AwardDecision, InspectionPlan, Task

    codes = ["tasks.assigned", "awards.individuals", "inspections.planned"]
    assert set(figures.data_since(codes).values()) == {dt.date.max}
    Task.objects.create(
        text="Đôn đốc xử lý vụ việc", lead_agency=agencies["BNC"], assigned_on=dt.date(2022, 8, 3)
    )
    AwardDecision.objects.create(
        issuer_level=AwardDecision.ISSUERS[0][0],
        form=AwardDecision.FORMS[0][0],
        signed_on=dt.date(2022, 7, 20),
    )
    InspectionPlan.objects.create(
        agency=agencies["BNC"], target_agency=agencies["TTT"], year=2022, subject="Thanh tra 2022"
    )
    since = figures.data_since(codes)
    assert since == {
        "tasks.assigned": dt.date(2022, 8, 3),
        "awards.individuals": dt.date(2022, 7, 20),
        "inspections.planned": dt.date(2022, 1, 1),
    }
    row = _row(q3_2022, "tasks.assigned")
    assert row.value == 1 and row.previous is None and row.last_year is None
