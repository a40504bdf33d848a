"""Working days and legal time limits, as pure functions (no database).

Counting follows ../shared/domain/legal.md §1:
- the start day is not counted; the period begins the next day (Civil Code 2015 art. 147,
  CPC 2015 art. 134);
- working days are Monday–Friday minus the days off of the official schedule of the year
  (Labour Code 2019 art. 112, art. 111(3), and the Prime Minister's / Government Office's /
  ministry's notice of the year: ``data/official_calendar.json``, loaded into the
  ``CalendarYear``/``CalendarDay`` tables by data migrations that carry a frozen copy, so an
  edit of the file needs a new migration), plus the Saturdays that schedule
  swaps into working days, plus/minus administrator-entered exceptions. A year without an
  official schedule (2027+) falls back to the `holidays` package's guess, restricted to the
  holidays of art. 112, and is *provisional*: every due date that relies on it says so;
- calendar-day and month limits that end on a day off end at the end of the next working
  day when the rule's ``shift_to_working_day`` flag is on (Civil Code art. 148(5)); months
  end on the same day number, or on the month's last day when it has none (art. 148).
  Criminal procedure (CPC 2015 art. 134) moves only limits in months: its day limits have
  the flag off, and a variant whose period is counted in another unit says so with its own
  ``"shift"`` key. The explanation cites the rule's ``shift_source`` either way;
- suspension (tạm đình chỉ) stops the clock: for a working-day limit the working days of the
  suspended span are not counted (the count resumes on the next working day), for a limit in
  days or months the suspended calendar days are added to its end.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import holidays as _holidays

WORKING_DAYS = "working_days"
DAYS = "days"
MONTHS = "months"
UNITS = {WORKING_DAYS: "ngày làm việc", DAYS: "ngày", MONTHS: "tháng"}

_SUBSTITUTED = re.compile(r"substituted from (\d{2})/(\d{2})/(\d{4})")

OFFICIAL = "official"
PROVISIONAL = "provisional"
STATUS_LABELS = {OFFICIAL: "chính thức", PROVISIONAL: "tạm tính"}
PACKAGE_SOURCE = "dự đoán theo thư viện holidays, chưa có thông báo chính thức"
DATA_FILE = Path(__file__).parent / "data" / "official_calendar.json"

# The package's holidays that Labour Code 2019 art. 112(1) makes days off (and their observed /
# substituted days). Anything else it lists (e.g. "Vietnam Cultural Day", 24/11) has no legal
# basis in force found, so it is not a day off until a source is entered.
_STATUTORY_NAMES = (
    "New Year's Day",
    "Lunar New Year",
    "Hung Kings",
    "Liberation Day",
    "International Labor Day",
    "National Day",
    "Day off (substituted",
)


class CalendarError(ValueError):
    """A time-limit computation that cannot be done; the message is Vietnamese."""


@dataclass(frozen=True)
class Exception_:
    date: dt.date
    is_day_off: bool
    reason: str


@dataclass(frozen=True)
class Leg:
    count: int
    unit: str


@dataclass(frozen=True)
class RuleSpec:
    code: str
    count: int
    unit: str
    source: str = ""
    shift_to_working_day: bool = True
    variants: dict = field(default_factory=dict)
    shift_source: str = ""

    def shifts(self, variant: str | None) -> bool:
        """Whether a last day that is a day off moves to the next working day."""
        spec = self.variants.get(variant) if variant else None
        if spec and "shift" in spec:
            return bool(spec["shift"])
        return self.shift_to_working_day

    def legs(self, variant: str | None) -> list[Leg]:
        """The base leg, replaced or extended by a variant.

        A variant is ``{"count": N, "unit": U}`` (replaces the base limit, e.g. complex case
        45 days) and/or ``{"plus_count": N, "plus_unit": U}`` (added after it, e.g. an
        extension of 2 months).
        """
        base = Leg(self.count, self.unit)
        if not variant:
            return [base]
        if variant not in self.variants:
            known = (
                ", ".join(
                    (spec or {}).get("label") or name
                    for name, spec in sorted(self.variants.items())
                )
                or "không có"
            )
            raise CalendarError(
                f"Quy tắc này không có trường hợp “{variant}” (các trường hợp: {known})."
            )
        spec = self.variants[variant]
        first = Leg(int(spec.get("count", base.count)), spec.get("unit", base.unit))
        if not spec.get("plus_count"):
            return [first]
        extra = Leg(int(spec["plus_count"]), spec.get("plus_unit", first.unit))
        if extra.unit == first.unit:
            # An extension in the same unit lengthens the one period counted from the start
            # (3 + 3 months from 31/01 ends 31/07, not 30/04 + 3 months = 30/07).
            return [Leg(first.count + extra.count, first.unit)]
        return [first, extra]


@dataclass
class Skipped:
    date: dt.date
    reason: str


@dataclass(frozen=True)
class CalendarDayInfo:
    date: dt.date
    is_day_off: bool
    reason: str
    source: str = ""
    provisional: bool = False


@dataclass(frozen=True)
class CalendarYearInfo:
    """The schedule of one year: its status, its documents, and its days that differ from a
    plain Monday–Friday week (days off, and Saturdays swapped into working days)."""

    year: int
    status: str
    source: str
    days: dict = field(default_factory=dict)  # date -> CalendarDayInfo

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class YearUsed:
    """A calendar year a due date relied on, and whether that reliance is provisional."""

    year: int
    status: str
    source: str
    provisional_days: tuple = ()

    @property
    def provisional(self) -> bool:
        return self.status != OFFICIAL or bool(self.provisional_days)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    def describe(self) -> str:
        from noichinh.core.formats import vn_date

        text = f"lịch năm {self.year}: {self.status_label}"
        if self.source:
            text += f" ({self.source})"
        if self.status == OFFICIAL and self.provisional_days:
            listed = ", ".join(vn_date(d) for d in self.provisional_days)
            text += f", trong đó ngày {listed} còn tạm tính"
        return text


@dataclass
class DueDate:
    rule: str
    start: dt.date
    due: dt.date
    unit: str
    count: int
    variant: str | None
    source: str
    skipped: list[Skipped]
    shifted_from: dt.date | None = None
    # The last day was a day off and stayed the last day (the rule does not move it).
    kept_on_day_off: str | None = None
    shift_source: str = ""
    calendar_years: list[YearUsed] = field(default_factory=list)

    @property
    def provisional(self) -> bool:
        """True when the due date relies on a provisional year or day (no official notice)."""
        return any(y.provisional for y in self.calendar_years)

    def explain(self) -> str:
        from noichinh.core.formats import vn_date

        parts = [
            f"Bắt đầu {vn_date(self.start)} (không tính ngày bắt đầu), "
            f"{self.count} {UNITS.get(self.unit, self.unit)} theo {self.source or self.rule}"
        ]
        if self.skipped:
            listed = "; ".join(f"{vn_date(s.date)} ({s.reason})" for s in self.skipped)
            parts.append(f"bỏ qua: {listed}")
        basis = f" ({self.shift_source})" if self.shift_source else ""
        if self.shifted_from:
            parts.append(
                f"ngày cuối {vn_date(self.shifted_from)} là ngày nghỉ nên lùi sang ngày làm việc "
                f"kế tiếp{basis}"
            )
        elif self.kept_on_day_off:
            parts.append(
                f"ngày cuối {vn_date(self.due)} là ngày nghỉ ({self.kept_on_day_off}) nhưng thời "
                f"hạn tính theo ngày vẫn hết vào ngày đó, không lùi{basis}"
            )
        parts.append(f"hạn: {vn_date(self.due)}")
        if self.calendar_years:
            parts.append("; ".join(y.describe() for y in self.calendar_years))
        if self.provisional:
            parts.append("hạn tạm tính, sẽ tính lại khi có thông báo chính thức")
        return "; ".join(parts) + "."


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> tuple[dict[dt.date, str], dict[dt.date, str]]:
    """The package's guess for a year without official data: (days off with Vietnamese names,
    Saturdays swapped into working days). Only art. 112 holidays count (``_STATUTORY_NAMES``)."""
    english = _holidays.country_holidays("VN", years=year)
    vietnamese = _holidays.country_holidays("VN", years=year, language="vi")
    days_off: dict[dt.date, str] = {}
    swapped: dict[dt.date, str] = {}
    for day, name in english.items():
        if not any(key in name for key in _STATUTORY_NAMES):
            continue
        days_off[day] = vietnamese.get(day, name)
        match = _SUBSTITUTED.search(name)
        if match:
            month, dom, yr = (int(g) for g in match.groups())
            swapped[dt.date(yr, month, dom)] = f"làm bù cho ngày nghỉ {day:%d/%m/%Y}"
    return days_off, swapped


def notice_label(notice: dict) -> str:
    from noichinh.core.formats import vn_date

    label = notice.get("number") or "văn bản chưa rõ số"
    if notice.get("date"):
        label += f" ngày {vn_date(dt.date.fromisoformat(notice['date']))}"
    if notice.get("issuer"):
        label += f" của {notice['issuer']}"
    return label


def parse_schedule(data: dict) -> dict[int, CalendarYearInfo]:
    """The years of a schedule document shaped like ``data/official_calendar.json``."""
    statutes = data.get("statutes", {})
    years = {}
    for entry in data["years"]:
        notices = {n["key"]: notice_label(n) for n in entry.get("notices", [])}
        days = {}
        for d in entry["days"]:
            day = dt.date.fromisoformat(d["date"])
            key = d.get("source", "")
            days[day] = CalendarDayInfo(
                date=day,
                is_day_off=bool(d["off"]),
                reason=d["reason"],
                source=notices.get(key) or statutes.get(key) or key,
                provisional=bool(d.get("provisional")),
            )
        years[entry["year"]] = CalendarYearInfo(
            year=entry["year"],
            status=entry["status"],
            source="; ".join(notices.values()),
            days=days,
        )
    return years


@lru_cache(maxsize=1)
def shipped_schedule() -> dict:
    """The official schedule shipped with the code (the seed of the calendar tables)."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def shipped_years() -> dict[int, CalendarYearInfo]:
    return parse_schedule(shipped_schedule())


def package_year(year: int) -> CalendarYearInfo:
    """A year without official data, from the package's guess: provisional as a whole."""
    days_off, swapped = _public_holidays(year)
    days = {d: CalendarDayInfo(d, True, r, PACKAGE_SOURCE, True) for d, r in days_off.items()}
    days.update({d: CalendarDayInfo(d, False, r, PACKAGE_SOURCE, True) for d, r in swapped.items()})
    return CalendarYearInfo(year=year, status=PROVISIONAL, source=PACKAGE_SOURCE, days=days)


class WorkCalendar:
    """Which days are working days.

    ``years`` is the official schedule per year (the calendar tables; by default the shipped
    data file); a year not in it uses the package's guess and is provisional. ``exceptions``
    are the administrator's per-day entries, which win over both.
    """

    def __init__(
        self,
        exceptions: list[Exception_] | tuple = (),
        years: dict[int, CalendarYearInfo] | None = None,
    ):
        self.extra_off = {e.date: e.reason for e in exceptions if e.is_day_off}
        self.extra_work = {e.date: e.reason for e in exceptions if not e.is_day_off}
        self.years = shipped_years() if years is None else years
        self._fallback: dict[int, CalendarYearInfo] = {}

    def year_info(self, year: int) -> CalendarYearInfo:
        if year in self.years:
            return self.years[year]
        if year not in self._fallback:
            self._fallback[year] = package_year(year)
        return self._fallback[year]

    def years_used(self, start: dt.date, end: dt.date) -> list[YearUsed]:
        """The calendar years of the window after ``start`` up to ``end``, with the provisional
        days of official years that fall in it."""
        lo, hi = (start, end) if start <= end else (end, start)
        first = lo + dt.timedelta(days=1) if hi > lo else lo
        used = []
        for year in range(first.year, hi.year + 1):
            info = self.year_info(year)
            marked = tuple(
                sorted(d for d, day in info.days.items() if day.provisional and first <= d <= hi)
            )
            used.append(YearUsed(year, info.status, info.source, marked))
        return used

    def reason_off(self, day: dt.date) -> str | None:
        """Why ``day`` is not a working day, or None when it is one."""
        if day in self.extra_work:
            return None
        if day in self.extra_off:
            return self.extra_off[day]
        entry = self.year_info(day.year).days.get(day)
        if entry is not None:
            return entry.reason if entry.is_day_off else None
        if day.weekday() == 5:
            return "Thứ Bảy"
        if day.weekday() == 6:
            return "Chủ nhật"
        return None

    def is_working_day(self, day: dt.date) -> bool:
        return self.reason_off(day) is None

    def add_working_days(
        self, start: dt.date, count: int, skipped: list[Skipped], paused: tuple = ()
    ) -> dt.date:
        """``count`` working days after ``start``; days inside a ``paused`` span
        (``(from, until)``, until excluded) do not count."""
        day = start
        counted = 0
        while counted < count:
            day += dt.timedelta(days=1)
            reason = _paused_reason(day, paused) or self.reason_off(day)
            if reason is None:
                counted += 1
            else:
                skipped.append(Skipped(day, reason))
        return day

    def next_working_day(self, day: dt.date, skipped: list[Skipped]) -> dt.date:
        while (reason := self.reason_off(day)) is not None:
            skipped.append(Skipped(day, reason))
            day += dt.timedelta(days=1)
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if end < start)."""
        if end == start:
            return 0
        sign = 1 if end > start else -1
        lo, hi = (start, end) if sign > 0 else (end, start)
        count = 0
        day = lo
        while day < hi:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return sign * count


PAUSED_REASON = "thời gian tạm đình chỉ, không tính"


def _paused_reason(day: dt.date, paused: tuple) -> str | None:
    for since, until in paused:
        if since <= day < until:
            return PAUSED_REASON
    return None


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = _cal.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def compute_due(
    rule: RuleSpec,
    start: dt.date,
    *,
    variant: str | None = None,
    calendar: WorkCalendar | None = None,
    paused_days: int = 0,
    paused: tuple | list = (),
) -> DueDate:
    """The due date of ``rule`` counted from ``start``, with the days skipped and why.

    ``paused`` lists the spans ``(from, until)`` (until excluded: the day the clock restarts)
    during which the clock was stopped (suspension of resolution). In a working-day limit
    their working days are not counted; otherwise their calendar days are added to the end
    before the working-day shift. ``paused_days`` adds calendar days for a pause whose span
    was not kept (older records).
    """
    if not isinstance(start, dt.date):
        raise CalendarError("Ngày bắt đầu không hợp lệ.")
    if start.year < 1990 or start.year > 2200:
        raise CalendarError("Ngày bắt đầu nằm ngoài khoảng cho phép (1990–2200).")
    calendar = calendar or WorkCalendar()
    skipped: list[Skipped] = []
    day = start
    legs = rule.legs(variant)
    shifted_from = None
    kept_on_day_off = None
    spans = tuple((a, b) for a, b in paused if a and b and b > a)
    for leg in legs:
        if leg.count < 0:
            raise CalendarError("Số ngày của thời hạn không được âm.")
        if leg.unit == WORKING_DAYS:
            day = calendar.add_working_days(day, leg.count, skipped, spans)
        elif leg.unit == DAYS:
            day = day + dt.timedelta(days=leg.count)
        elif leg.unit == MONTHS:
            day = add_months(day, leg.count)
        else:
            raise CalendarError(f"Đơn vị thời hạn không hợp lệ: {leg.unit}")
    extra = (
        paused_days
        if legs[-1].unit == WORKING_DAYS
        else paused_days + sum((b - a).days for a, b in spans)
    )
    if extra:
        day += dt.timedelta(days=extra)
    if not calendar.is_working_day(day):
        if rule.shifts(variant) or legs[-1].unit == WORKING_DAYS:
            shifted_from = day
            day = calendar.next_working_day(day, skipped)
        else:
            kept_on_day_off = calendar.reason_off(day)
    total = (
        sum(leg.count for leg in legs) if len({leg.unit for leg in legs}) == 1 else legs[0].count
    )
    return DueDate(
        rule=rule.code,
        start=start,
        due=day,
        unit=legs[0].unit,
        count=total,
        variant=variant,
        source=rule.source,
        skipped=skipped,
        shifted_from=shifted_from,
        kept_on_day_off=kept_on_day_off,
        shift_source=rule.shift_source,
        calendar_years=calendar.years_used(start, day),
    )


class CachedDue:
    """A due date kept by ``DueDateCache``: the date, its explanation and whether it is
    provisional, as ``DueDate`` gives them (``explain()`` is the text computed once)."""

    __slots__ = ("due", "text", "provisional")

    def __init__(self, due: dt.date, text: str, provisional: bool = False):
        self.due, self.text, self.provisional = due, text, provisional

    def explain(self) -> str:
        return self.text


class DueDateCache:
    """Due dates computed once per (rule, start, variant), for code that computes thousands
    at once: the petitions import (``petitions.importing``) and the synthetic-province
    generators. A file or a generated province has a few thousand distinct start dates for
    many more records, and ``compute_due`` plus ``explain()`` is most of a row's cost.

    Pure like the rest of this module: the caller passes the rule rows and the calendar,
    fetched once (``specs``: anything with ``spec(code, on) -> RuleSpec`` returning the row in
    force on ``on``, e.g. ``core.selectors.DatedSpecs()``; ``calendar``: e.g.
    ``core.selectors.work_calendar()``). A cache lives for one import or one generator chunk:
    it does not see later changes to the rule table or the calendar.
    """

    def __init__(self, *, specs, calendar: WorkCalendar):
        self.specs = specs
        self.calendar = calendar
        self.cache: dict[tuple[str, dt.date, str | None], CachedDue] = {}

    def __call__(self, rule: str, start: dt.date, variant: str | None = None) -> CachedDue:
        key = (rule, start, variant)
        hit = self.cache.get(key)
        if hit is None:
            spec = self.specs.spec(rule, start)
            dd = compute_due(spec, start, variant=variant, calendar=self.calendar)
            hit = self.cache[key] = CachedDue(dd.due, dd.explain(), dd.provisional)
        return hit
