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


WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def calendar_year_list(*, until: int) -> list[dict]:
    """Every year with an entered schedule, plus the years up to ``until`` that have none
    (provisional, from the package's guess), each with its status and documents."""
    rows = {y.year: y for y in CalendarYear.objects.prefetch_related("notices")}
    years = sorted(set(rows) | set(range(min(rows, default=until), until + 1)))
    out = []
    for year in years:
        row = rows.get(year)
        out.append(
            {
                "year": year,
                "status": row.status if row else cal.PROVISIONAL,
                "status_label": row.get_status_display()
                if row
                else cal.STATUS_LABELS[cal.PROVISIONAL],
                "notices": list(row.notices.all()) if row else [],
                "note": row.note if row else cal.PACKAGE_SOURCE,
                "entered": row is not None,
            }
        )
    return out


def calendar_year_days(*, year: int) -> list[dict]:
    """The days of ``year`` that differ from a plain Monday–Friday week, with why and the
    source: entered rows, or the package's guess when the year has none."""
    days = CalendarDay.objects.filter(calendar_year__year=year).select_related("notice")
    if days:
        rows = [(d.date, d.is_day_off, d.reason, d.source_label(), d.provisional) for d in days]
    else:
        info = cal.package_year(year)
        rows = [
            (d.date, d.is_day_off, d.reason, d.source, True)
            for d in sorted(info.days.values(), key=lambda x: x.date)
        ]
    return [
        {
            "date": date,
            "weekday": WEEKDAYS[date.weekday()],
            "is_day_off": off,
            "reason": reason,
            "source": source,
            "provisional": provisional,
        }
        for date, off, reason, source, provisional in rows
    ]
