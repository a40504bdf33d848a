"""Reads for the calendar and time-limit rules."""

import datetime as dt
import uuid

from django.db import connection, transaction
from django.db.models import BooleanField, CharField, DateField, F, IntegerField, Q, Value
from django.http import Http404

from noichinh.core import calendar as cal
from noichinh.core.models import CalendarDay, CalendarException, CalendarYear, TimeLimitRule


class UnknownRule(cal.CalendarError):
    pass


_DAY_COLUMNS = (
    "date",
    "is_day_off",
    "reason",
    "source",
    "provisional",
    "year",
    "status",
    "notice_id",
    "notice_number",
    "notice_issued_on",
    "notice_issuer",
    "kind",
)


def _calendar_rows():
    """The entered days of every year and the administrator's exceptions, in one query (a
    UNION), so a page that needs the calendar pays one query for it, as before the tables."""
    days = CalendarDay.objects.annotate(
        year=F("calendar_year__year"),
        status=F("calendar_year__status"),
        notice_number=F("notice__number"),
        notice_issued_on=F("notice__issued_on"),
        notice_issuer=F("notice__issuer"),
        kind=Value("day", output_field=CharField()),
    ).values_list(*_DAY_COLUMNS)
    exceptions = CalendarException.objects.annotate(
        source=Value("", output_field=CharField()),
        provisional=Value(False, output_field=BooleanField()),
        year=Value(None, output_field=IntegerField()),
        status=Value("", output_field=CharField()),
        notice_id=Value(None, output_field=IntegerField()),
        notice_number=Value("", output_field=CharField()),
        notice_issued_on=Value(None, output_field=DateField()),
        notice_issuer=Value("", output_field=CharField()),
        kind=Value("exception", output_field=CharField()),
    ).values_list(*_DAY_COLUMNS)
    # Meta.ordering would put an ORDER BY in each part, which SQLite refuses in a UNION.
    return days.order_by().union(exceptions.order_by(), all=True)


def _build_calendar(rows) -> tuple[dict[int, cal.CalendarYearInfo], list[cal.Exception_]]:
    years: dict[int, dict] = {}
    exceptions = []
    for row in sorted(rows, key=lambda r: r[0]):
        data = dict(zip(_DAY_COLUMNS, row, strict=True))
        if data["kind"] == "exception":
            exceptions.append(cal.Exception_(data["date"], data["is_day_off"], data["reason"]))
            continue
        entry = years.setdefault(
            data["year"], {"status": data["status"], "notices": {}, "days": {}}
        )
        source = data["source"]
        if data["notice_id"]:
            source = cal.notice_label(
                {
                    "number": data["notice_number"],
                    "date": data["notice_issued_on"].isoformat()
                    if data["notice_issued_on"]
                    else None,
                    "issuer": data["notice_issuer"],
                }
            )
            entry["notices"][data["notice_id"]] = source
        entry["days"][data["date"]] = cal.CalendarDayInfo(
            date=data["date"],
            is_day_off=bool(data["is_day_off"]),
            reason=data["reason"],
            source=source,
            provisional=bool(data["provisional"]),
        )
    infos = {
        year: cal.CalendarYearInfo(
            year=year,
            status=entry["status"],
            source="; ".join(label for _, label in sorted(entry["notices"].items())),
            days=entry["days"],
        )
        for year, entry in years.items()
    }
    return infos, exceptions


# The calendar tables change a few times a year; every page that shows a limit read them all
# (issue 21). Each process keeps the built calendar beside the version it was built for; the
# version lives in the shared cache and changes with any write to the calendar tables
# (calendar_changed, connected in apps.py). While a transaction has changed the calendar,
# its reads bypass the kept calendar and build from the tables as that transaction sees them,
# so a rolled-back change is never kept.
_CALENDAR_VERSION_KEY = "core:calendar-version"
_kept: dict = {}


def _calendar_version() -> str:
    from django.core.cache import cache

    version = cache.get(_CALENDAR_VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(_CALENDAR_VERSION_KEY, version, timeout=None)
        version = cache.get(_CALENDAR_VERSION_KEY) or version
    return version


def _changed_in_this_transaction() -> bool:
    marker = getattr(connection, "_calendar_changed_in", None)
    if marker is None:
        return False
    if connection.atomic_blocks and connection.atomic_blocks[0] is marker:
        return True
    connection._calendar_changed_in = None  # type: ignore[attr-defined]  # that transaction has ended
    return False


def calendar_changed(**_kwargs) -> None:
    """A write to the calendar tables: every process builds the calendar again."""
    from django.core.cache import cache

    _kept.clear()
    if connection.in_atomic_block:
        connection._calendar_changed_in = connection.atomic_blocks[0]  # type: ignore[attr-defined]  # our marker
        transaction.on_commit(calendar_changed)
    cache.set(_CALENDAR_VERSION_KEY, uuid.uuid4().hex, timeout=None)


def forget_kept_calendar(**_kwargs) -> None:
    _kept.clear()


def _calendar() -> tuple[dict[int, cal.CalendarYearInfo], list[cal.Exception_]]:
    if _changed_in_this_transaction():
        return _build_calendar(_calendar_rows())
    version = _calendar_version()
    kept = _kept.get("calendar")
    if kept is not None and kept[0] == version:
        return kept[1]
    built = _build_calendar(_calendar_rows())
    _kept["calendar"] = (version, built)
    return built


def calendar_years() -> dict[int, cal.CalendarYearInfo]:
    """The calendar tables as the pure calendar's year schedules. Every entered year has its
    days (the seed and the notice service always write them); a year's documents are the
    notices its days cite."""
    return _calendar()[0]


def work_calendar() -> cal.WorkCalendar:
    years, exceptions = _calendar()
    return cal.WorkCalendar(exceptions, years=years)


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
