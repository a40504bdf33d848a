"""Reads for the calendar and time-limit rules."""

import datetime as dt

from django.shortcuts import get_object_or_404

from noichinh.core import calendar as cal
from noichinh.core.models import CalendarException, TimeLimitRule


class UnknownRule(cal.CalendarError):
    pass


def work_calendar() -> cal.WorkCalendar:
    return cal.WorkCalendar(
        [cal.Exception_(e.date, e.is_day_off, e.reason) for e in CalendarException.objects.all()]
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
