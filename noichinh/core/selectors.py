"""Reads for the calendar and time-limit rules."""

import datetime as dt

from django.shortcuts import get_object_or_404

from noichinh.core import calendar as cal
from noichinh.core.models import CalendarDay, CalendarException, CalendarYear, TimeLimitRule


class UnknownRule(cal.CalendarError):
    pass


def calendar_years() -> dict[int, cal.CalendarYearInfo]:
    """The calendar tables as the pure calendar's year schedules (two queries)."""
    notices: dict[int, list[str]] = {}
    days: dict[int, dict] = {}
    for day in CalendarDay.objects.select_related("calendar_year", "notice"):
        year = day.calendar_year.year
        days.setdefault(year, {})[day.date] = cal.CalendarDayInfo(
            date=day.date,
            is_day_off=day.is_day_off,
            reason=day.reason,
            source=day.source_label(),
            provisional=day.provisional,
        )
    years = {}
    for row in CalendarYear.objects.prefetch_related("notices"):
        notices[row.year] = [n.label() for n in row.notices.all()]
        years[row.year] = cal.CalendarYearInfo(
            year=row.year,
            status=row.status,
            source="; ".join(notices[row.year]),
            days=days.get(row.year, {}),
        )
    return years


def work_calendar() -> cal.WorkCalendar:
    return cal.WorkCalendar(
        [cal.Exception_(e.date, e.is_day_off, e.reason) for e in CalendarException.objects.all()],
        years=calendar_years(),
    )


def rule_get(code: str) -> TimeLimitRule:
    try:
        return TimeLimitRule.objects.get(code=code)
    except TimeLimitRule.DoesNotExist:
        raise UnknownRule(f"Không có quy tắc thời hạn mã “{code}”.")


def due_date(
    *,
    rule: str,
    start: dt.date,
    variant: str | None = None,
    paused_days: int = 0,
    calendar: cal.WorkCalendar | None = None,
) -> cal.DueDate:
    return cal.compute_due(
        rule_get(rule).spec(),
        start,
        variant=variant or None,
        calendar=calendar or work_calendar(),
        paused_days=paused_days,
    )


def rule_list():
    return TimeLimitRule.objects.all()


def rule_get_or_404(code: str) -> TimeLimitRule:
    return get_object_or_404(TimeLimitRule, code=code)
