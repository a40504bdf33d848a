"""Reads for the calendar and time-limit rules."""

import datetime as dt

from django.db.models import Q
from django.http import Http404

from noichinh.core import calendar as cal
from noichinh.core.models import CalendarException, TimeLimitRule


class UnknownRule(cal.CalendarError):
    pass


def work_calendar() -> cal.WorkCalendar:
    return cal.WorkCalendar(
        [cal.Exception_(e.date, e.is_day_off, e.reason) for e in CalendarException.objects.all()]
    )


def in_force_q(on: dt.date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_until__isnull=True) | Q(valid_until__gte=on))


def rule_get(code: str, *, on: dt.date | None = None) -> TimeLimitRule:
    """The row of ``code`` in force on ``on`` (a record's start date; today when omitted)."""
    from noichinh.core import clock

    on = on or clock.today()
    rule = TimeLimitRule.objects.filter(in_force_q(on), code=code).order_by("-valid_from").first()
    if rule is not None:
        return rule
    if TimeLimitRule.objects.filter(code=code).exists():
        raise UnknownRule(
            f"Quy tắc thời hạn “{code}” không có bản áp dụng vào ngày "
            f"{on:%d/%m/%Y}; xem các ngày áp dụng trong bảng quy tắc thời hạn."
        )
    raise UnknownRule(f"Không có quy tắc thời hạn mã “{code}”.")


def rules_in_force(codes, *, on: dt.date) -> dict[str, TimeLimitRule]:
    """The rows of ``codes`` in force on ``on``, by code (one query)."""
    found = TimeLimitRule.objects.filter(in_force_q(on), code__in=list(codes)).order_by(
        "valid_from"
    )
    return {r.code: r for r in found}


class DatedSpecs:
    """Every rule row fetched once, for generators that compute many due dates: ``spec(code,
    on)`` is the row in force on ``on``, as ``rule_get`` picks it, without a query per call."""

    def __init__(self):
        self.rows: dict[str, list[TimeLimitRule]] = {}
        for r in TimeLimitRule.objects.order_by("code", "valid_from"):
            self.rows.setdefault(r.code, []).append(r)
        self._specs: dict[int, cal.RuleSpec] = {}

    def row(self, code: str, on: dt.date) -> TimeLimitRule:
        for r in reversed(self.rows.get(code, [])):
            if r.in_force_on(on):
                return r
        raise UnknownRule(f"Không có quy tắc thời hạn “{code}” áp dụng vào ngày {on:%d/%m/%Y}.")

    def spec(self, code: str, on: dt.date) -> cal.RuleSpec:
        r = self.row(code, on)
        if r.pk not in self._specs:
            self._specs[r.pk] = r.spec()
        return self._specs[r.pk]

    def __contains__(self, code: str) -> bool:
        return code in self.rows


def due_date(
    *,
    rule: str,
    start: dt.date,
    variant: str | None = None,
    paused_days: int = 0,
    paused: tuple | list = (),
    calendar: cal.WorkCalendar | None = None,
) -> cal.DueDate:
    """The due date by the row of ``rule`` in force on ``start`` (rules are dated)."""
    if not isinstance(start, dt.date):
        raise cal.CalendarError("Ngày bắt đầu không hợp lệ.")
    return cal.compute_due(
        rule_get(rule, on=start).spec(),
        start,
        variant=variant or None,
        calendar=calendar or work_calendar(),
        paused_days=paused_days,
        paused=paused,
    )


def rule_list():
    return TimeLimitRule.objects.all()


def rule_name(code: str, *, on: dt.date | None = None) -> str:
    """The Vietnamese name of a rule for pages (never its code); empty when unknown."""
    try:
        return rule_get(code, on=on).name
    except UnknownRule:
        return ""


def rule_get_or_404(code: str, *, on: dt.date | None = None) -> TimeLimitRule:
    try:
        return rule_get(code, on=on)
    except UnknownRule as exc:
        raise Http404(str(exc))
