"""The aggregate with comparisons takes a small, constant number of queries (issue 9): the
register figures are computed a register at a time over the three periods, whatever the
number of agencies, indicators and figures; and the batched figures equal the lists."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from noichinh.reports import figures, selectors
from noichinh.reports.models import Indicator, Period, Submission, SubmissionValue

# The aggregate of a quarter with its two comparisons: the scope, periods, entered sums,
# indicators; for the petitions, whether their daily summary is current (2), one read of it
# for the three periods, and the overdue figure from the records (the quarter with the one
# before it, then the same quarter last year: 2); 1 for the cases, 2 for tasks and awards
# (each register in a savepoint inside a transaction), the submission statuses. Before
# issue 9: about 130. Issue 17: the first day of the reception book and of the petitions
# register (2), so that a period before any record shows "—"; the same for the cases and
# the briefings registers (2).
MAX_QUERIES = 31

Q3_2021 = (dt.date(2021, 7, 1), dt.date(2021, 9, 30))
Q2_2021 = (dt.date(2021, 4, 1), dt.date(2021, 6, 30))
Q3_2020 = (dt.date(2020, 7, 1), dt.date(2020, 9, 30))


@pytest.fixture
def registers(demo_reports):
    """Visits and petitions in the quarter and its two comparison quarters."""
    from noichinh.devdata.generate import petitions as generate

    agencies = demo_reports["agencies"]
    reception = [agencies[c] for c in ("BTCD", "TTT", "CA", "UBND")]
    for seed, (start, end) in enumerate((Q3_2021, Q2_2021, Q3_2020), 10):
        generate.generate_visits(40, seed=seed, agencies=reception, start=start, end=end)
        generate.generate_petitions(
            30,
            seed=seed,
            agencies=reception,
            start=start,
            end=end,
            with_bands=False,
            with_history=False,
        )
    return demo_reports


def _count_queries(fn):
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return len(ctx), result


def _more_agencies(period, n=30):
    """``n`` more top-level agencies, each with approved figures and petitions."""
    from noichinh.devdata.generate import petitions as generate
    from noichinh.org.models import Agency, Bloc, BlocMembership

    bloc = Bloc.objects.order_by("pk").first()
    area = Agency.objects.get(code="CA").area
    new = []
    for i in range(n):
        agency = Agency.objects.create(
            code=f"XTRA{i}", name=f"Cơ quan thử {i}", kind=Agency.POLICE, area=area
        )
        Agency.objects.create(
            code=f"XTRA{i}-C",
            name=f"Đơn vị trực thuộc {i}",
            kind=Agency.POLICE,
            area=area,
            parent=agency,
        )
        BlocMembership.objects.create(bloc=bloc, agency=agency)
        new.append(agency)
    indicator = Indicator.objects.get(code="crimes.detected")
    for agency in new:
        sub = Submission.objects.create(period=period, agency=agency, status=Submission.APPROVED)
        SubmissionValue.objects.create(submission=sub, indicator=indicator, value=Decimal(1))
    generate.generate_petitions(
        60,
        seed=99,
        agencies=new,
        start=period.start,
        end=period.end,
        with_bands=False,
        with_history=False,
    )
    return new


def test_province_aggregate_queries_do_not_grow_with_the_number_of_agencies(
    registers, django_assert_max_num_queries
):
    period = Period.objects.get(kind="Q", year=2021, number=3)
    scope = selectors.scope_province(period)
    with django_assert_max_num_queries(MAX_QUERIES):
        before = selectors.aggregate(period, scope)
    n_before, _agg = _count_queries(lambda: selectors.aggregate(period, scope))
    received = before.row("petitions.received")
    assert received.available and received.value >= 30
    assert received.previous >= 30 and received.last_year >= 30
    detected = before.row("crimes.detected").value

    _more_agencies(period)
    scope = selectors.scope_province(period)
    assert len(scope.member_ids) >= 30
    with django_assert_max_num_queries(MAX_QUERIES):
        after = selectors.aggregate(period, scope)
    n_after, _agg = _count_queries(lambda: selectors.aggregate(period, scope))
    assert n_after == n_before
    assert after.row("petitions.received").value == received.value + 60
    assert after.row("crimes.detected").value == detected + 30
    assert len(after.statuses) == len(before.statuses) + 30


def test_bloc_aggregate_queries_do_not_grow_with_the_number_of_agencies(
    registers, django_assert_max_num_queries
):
    period = Period.objects.get(kind="Q", year=2021, number=3)
    blocs = list(period.blocs.all())

    def run():
        return selectors.aggregate(period, selectors.scope_for_blocs(period, blocs))

    with django_assert_max_num_queries(MAX_QUERIES):
        run()
    n_before, _agg = _count_queries(run)
    new = _more_agencies(period)
    n_after, agg = _count_queries(run)
    assert n_after == n_before
    scope = agg.scope
    # The new agencies and the units below them are in the scope (bloc membership, subtree).
    for agency in new:
        assert agency.pk in scope.member_ids
        assert {agency.pk, agency.children.get().pk} <= scope.agency_ids


def test_queries_do_not_grow_with_the_number_of_computed_indicators(registers, catalogue):
    from noichinh.briefings.figures import FIGURES as BRIEFINGS
    from noichinh.cases.figures import FIGURES as CASES
    from noichinh.petitions.figures import FIGURES as PETITIONS

    period = Period.objects.get(kind="Q", year=2021, number=3)
    scope = selectors.scope_province(period)
    n_before, _agg = _count_queries(lambda: selectors.aggregate(period, scope))
    section = Indicator.objects.filter(source=Indicator.COMPUTED).first().section
    existing = set(Indicator.objects.values_list("code", flat=True))
    added = [
        Indicator(
            code=f"x.{code}",
            name=code,
            unit="đơn",
            section=section,
            source=Indicator.COMPUTED,
            figure_code=code,
            order=99,
        )
        for code in [*PETITIONS, *CASES, *BRIEFINGS]
        if code not in existing
    ]
    Indicator.objects.bulk_create(added)
    assert len(added) > 100
    n_after, agg = _count_queries(lambda: selectors.aggregate(period, scope))
    # +2 at most: the inspection plans (a table the catalogue's figures do not read) and the
    # plans they overlap, once for the three periods.
    assert n_after <= n_before + 2
    assert agg.row("x.petitions.field.land").available
    assert (
        agg.row("x.petitions.new_matters").value + agg.row("petitions.duplicates").value
        == agg.row("petitions.received").value
    )


def test_trend_of_a_computed_indicator_does_not_grow_with_the_number_of_periods(registers):
    period = Period.objects.select_related("report_type").get(kind="Q", year=2021, number=3)
    scope = selectors.scope_province(period)
    indicator = Indicator.objects.get(code="petitions.received")
    n_five, points = _count_queries(lambda: selectors.trend(period, scope, indicator))
    n_twelve, longer = _count_queries(lambda: selectors.trend(period, scope, indicator, 12))
    # In a transaction: the savepoint; whether the daily summary is up to date (its state, any
    # marked day); one read of the summary; the first day of the register (issue 17).
    assert n_five == n_twelve <= 6
    assert len(longer) == 12 and longer[-5:] == points
    agg = selectors.aggregate(period, scope)
    assert dict(points)["Quý III/2021"] == agg.row("petitions.received").value
    assert dict(points)["Quý II/2021"] == agg.row("petitions.received").previous


# --- the batched figures equal the lists ------------------------------------------------------


def _list_count(list_name, kw, agency_ids, start, end):
    from noichinh.core import clock
    from noichinh.petitions.models import Petition, Visit
    from noichinh.petitions.selectors import (
        PetitionFilters,
        VisitFilters,
        petition_filter,
        visit_filter,
    )

    if list_name == "visit":
        f = VisitFilters(agency_ids=agency_ids, date_from=start, date_to=end, **kw)
        return visit_filter(Visit.objects.all(), f).count()
    if list_name == "resolved":
        f = PetitionFilters(agency_ids=agency_ids, resolved_from=start, resolved_to=end, **kw)
        return petition_filter(Petition.objects.all(), f).count()
    f = PetitionFilters(agency_ids=agency_ids, received_from=start, received_to=end, **kw)
    today = min(end, clock.today()) if kw.get("due") == "overdue" else None
    return petition_filter(Petition.objects.all(), f, today=today).count()


def test_petition_figures_of_several_periods_at_once_equal_their_lists(registers):
    from django.db.models import Sum

    from noichinh.petitions import figures as pf
    from noichinh.petitions.models import Petition, Visit

    agencies = registers["agencies"]
    ranges = [Q3_2021, Q2_2021, Q3_2020]
    for agency_ids in (None, {agencies["TTT"].pk, agencies["CA"].pk}, set()):
        with CaptureQueriesContext(connection) as ctx:
            got = pf.compute_ranges(
                list(pf.FIGURES), agency_ids=agency_ids, unit_ids=None, ranges=ranges
            )
        # Per table: Q2+Q3 2021 in one query, Q3 2020 (a year away) in another.
        assert len(ctx) <= 6
        for (start, end), values in zip(ranges, got, strict=True):
            for code, _label, list_name, kw in pf.FIGURE_LIST:
                if code in ("reception.people", "reception.mass_people"):
                    continue
                expected = _list_count(list_name, kw, agency_ids, start, end)
                assert values[code] == expected, (code, start, agency_ids)
            visits = Visit.objects.filter(visited_on__gte=start, visited_on__lte=end)
            resolved = Petition.objects.filter(resolved_on__gte=start, resolved_on__lte=end)
            if agency_ids is not None:
                visits = visits.filter(agency_id__in=agency_ids)
                resolved = resolved.filter(agency_id__in=agency_ids)
            people = visits.aggregate(n=Sum("people_count"))["n"] or 0
            assert values["reception.people"] == people
            assert values["reception.mass_people"] == (
                visits.filter(is_mass=True).aggregate(n=Sum("people_count"))["n"] or 0
            )
            assert values["petitions.recovered_vnd"] == (
                resolved.aggregate(n=Sum("recovered_vnd"))["n"] or 0
            )
        if agency_ids is None:
            assert got[0]["petitions.received"] >= 30 and got[0]["reception.visits"] >= 40
            single = pf.FIGURES["petitions.received"](
                agency_ids=None, unit_ids=None, start=Q2_2021[0], end=Q2_2021[1]
            )
            assert single == got[1]["petitions.received"]


def test_a_failing_batch_falls_back_to_one_figure_at_a_time(monkeypatch, db):
    def batch(codes, *, agency_ids, unit_ids, ranges):
        raise RuntimeError("batch broken")

    def good(*, agency_ids, unit_ids, start, end):
        return 5

    def bad(*, agency_ids, unit_ids, start, end):
        raise RuntimeError("figure broken")

    good.compute_ranges = bad.compute_ranges = batch
    monkeypatch.setattr(figures, "figure_function", lambda code: {"a": good, "b": bad}.get(code))
    got = figures.compute(["a", "b", "c"], agency_ids=None, unit_ids=None, ranges=[Q3_2021] * 2)
    assert got == {
        "a": [(5, True), (5, True)],
        "b": [(None, False), (None, False)],
        "c": [(None, False), (None, False)],
    }
