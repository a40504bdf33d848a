"""Due dates: the worked examples of legal.md, exceptions, month ends, and bad input."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from noichinh.core import calendar as cal
from noichinh.core.models import CalendarException
from noichinh.core.selectors import UnknownRule, due_date

D = dt.date.fromisoformat

WORKED_EXAMPLES = [
    ("denunciation.intake", None, "2026-02-12", "2026-03-02"),
    ("denunciation.intake", None, "2026-08-21", "2026-09-03"),
    ("petition.handle", None, "2025-01-20", "2025-02-10"),
    ("denunciation.intake", "multi_site", "2025-04-25", "2025-05-13"),
    ("investigation.serious", None, "2026-01-31", "2026-05-04"),
    # A CPC limit in days ends on its last day even when it is a holiday (CPC art. 134).
    ("crime_report.resolve", None, "2026-04-10", "2026-04-30"),
    ("complaint.lodge", None, "2025-10-03", "2026-01-05"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("rule", "variant", "start", "due"), WORKED_EXAMPLES)
def test_worked_examples_of_legal_md(rule, variant, start, due):
    assert due_date(rule=rule, start=D(start), variant=variant).due == D(due)


@pytest.mark.django_db
def test_tet_days_are_listed_as_skipped_with_their_names():
    result = due_date(rule="denunciation.intake", start=D("2026-02-12"))
    skipped = {s.date: s.reason for s in result.skipped}
    assert all(D(f"2026-02-{d}") in skipped for d in range(16, 21))
    assert "Tết" in skipped[D("2026-02-17")]
    assert skipped[D("2026-02-14")] == "Thứ Bảy"
    assert "hạn: 02/03/2026" in result.explain()


@pytest.mark.django_db
def test_swapped_saturday_counts_as_working_day():
    result = due_date(rule="denunciation.intake", start=D("2026-08-21"))
    assert D("2026-08-22") not in {s.date for s in result.skipped}
    assert D("2026-08-31") in {s.date for s in result.skipped}


@pytest.mark.django_db
def test_administrator_exception_moves_a_due_date():
    before = due_date(rule="petition.handle", start=D("2026-03-02")).due
    CalendarException.objects.create(
        date=D("2026-03-05"), is_day_off=True, reason="Nghỉ bù theo quyết định"
    )
    after = due_date(rule="petition.handle", start=D("2026-03-02"))
    assert after.due == before + dt.timedelta(days=1)
    assert any(s.reason == "Nghỉ bù theo quyết định" for s in after.skipped)


@pytest.mark.django_db
def test_extra_working_saturday_shortens_a_limit():
    before = due_date(rule="petition.handle", start=D("2026-03-02")).due
    CalendarException.objects.create(date=D("2026-03-07"), is_day_off=False, reason="Làm bù")
    assert due_date(rule="petition.handle", start=D("2026-03-02")).due < before


@pytest.mark.django_db
def test_complex_variant_replaces_the_limit_and_extension_adds_to_it():
    base = due_date(rule="complaint.first.resolve", start=D("2026-06-01"))
    complex_ = due_date(rule="complaint.first.resolve", start=D("2026-06-01"), variant="complex")
    assert (complex_.due - D("2026-06-01")).days >= 45 > (base.due - D("2026-06-01")).days
    extended = due_date(rule="denunciation.resolve", start=D("2026-06-01"), variant="extended_once")
    assert extended.due >= D("2026-07-31")


@pytest.mark.django_db
def test_unknown_rule_and_unknown_variant_are_clear_errors():
    with pytest.raises(UnknownRule, match="Không có quy tắc"):
        due_date(rule="no.such.rule", start=D("2026-01-05"))
    with pytest.raises(cal.CalendarError, match="không có trường hợp"):
        due_date(rule="petition.handle", start=D("2026-01-05"), variant="complex")


def test_month_end_clamps_to_the_last_day():
    assert cal.add_months(D("2026-01-31"), 1) == D("2026-02-28")
    assert cal.add_months(D("2024-01-31"), 1) == D("2024-02-29")
    assert cal.add_months(D("2026-11-30"), 3) == D("2027-02-28")


def test_paused_days_push_the_due_date_later():
    rule = cal.RuleSpec(code="x", count=30, unit=cal.DAYS)
    plain = cal.compute_due(rule, D("2026-06-01"))
    paused = cal.compute_due(rule, D("2026-06-01"), paused_days=10)
    assert paused.due >= plain.due + dt.timedelta(days=10)


RULES = [
    cal.RuleSpec(code="wd", count=10, unit=cal.WORKING_DAYS),
    cal.RuleSpec(code="d", count=30, unit=cal.DAYS, variants={"ext": {"plus_count": 30}}),
    cal.RuleSpec(code="m", count=3, unit=cal.MONTHS, variants={"ext": {"plus_count": 2}}),
]
starts = st.dates(min_value=D("2020-01-01"), max_value=D("2030-12-31"))


@settings(max_examples=150, deadline=None)
@given(start=starts, rule=st.sampled_from(RULES))
def test_a_due_date_is_always_a_working_day_after_the_start(start, rule):
    result = cal.compute_due(rule, start)
    assert result.due > start
    assert cal.WorkCalendar().is_working_day(result.due)


@settings(max_examples=150, deadline=None)
@given(start=starts, days=st.integers(min_value=1, max_value=40), rule=st.sampled_from(RULES))
def test_due_dates_are_monotone_in_the_start_date(start, days, rule):
    later = start + dt.timedelta(days=days)
    assert cal.compute_due(rule, later).due >= cal.compute_due(rule, start).due


@settings(max_examples=100, deadline=None)
@given(start=starts, rule=st.sampled_from(RULES[1:]))
def test_an_extension_never_shortens_a_limit(start, rule):
    assert cal.compute_due(rule, start, variant="ext").due >= cal.compute_due(rule, start).due


@pytest.mark.django_db
def test_an_extension_in_months_counts_from_the_start_not_from_a_clamped_month_end():
    assert due_date(
        rule="investigation.serious", start=D("2026-01-31"), variant="extended_1"
    ).due == D("2026-07-31")


@pytest.mark.django_db
def test_an_extension_in_another_unit_is_added_after_the_base_period():
    # 2 months from 15/01/2026 is 15/03, then 30 days: 14/04/2026 (a Tuesday).
    result = due_date(rule="trial_prep.very_serious", start=D("2026-01-15"), variant="extended")
    assert result.due == D("2026-04-14")


class _Specs:
    """A rule table of one row, counting how often it is asked (DatedSpecs' interface)."""

    def __init__(self, rule):
        self.rule, self.asked = rule, 0

    def spec(self, code, on):
        self.asked += 1
        return self.rule


def test_due_date_cache_computes_each_rule_and_start_once_as_compute_due_does():
    rule = cal.RuleSpec(code="wd", count=10, unit=cal.WORKING_DAYS, source="Điều 1")
    specs, calendar = _Specs(rule), cal.WorkCalendar()
    due = cal.DueDateCache(specs=specs, calendar=calendar)
    first = due("wd", D("2026-02-12"))
    again = due("wd", D("2026-02-12"))
    expected = cal.compute_due(rule, D("2026-02-12"), calendar=calendar)
    assert again is first and specs.asked == 1
    assert (first.due, first.explain(), first.provisional) == (
        expected.due,
        expected.explain(),
        expected.provisional,
    )
    assert due("wd", D("2026-02-13")).due != first.due and specs.asked == 2
