import datetime as dt

from ninja import Field, Router, Schema, Status

from noichinh.core import calendar as cal
from noichinh.core import clock, selectors, services
from noichinh.core.apitypes import Day, Input, Text

PREFIX = "/calendar"
router = Router(tags=["calendar"])


class SkippedOut(Schema):
    date: dt.date
    reason: str


class CalendarYearUsedOut(Schema):
    year: int
    status: str = Field(..., description="official | provisional")
    status_label: str
    source: str = Field(..., description="The notices the year's schedule comes from.")
    provisional_days: list[dt.date] = Field(
        ..., description="Days in the window whose schedule is not yet official."
    )


class DueDateOut(Schema):
    rule: str
    variant: str | None
    start: dt.date
    due: dt.date
    unit: str
    count: int
    skipped: list[SkippedOut]
    source: str
    explanation: str
    provisional: bool = Field(
        ..., description="True when the due date relies on a provisional year or day."
    )
    calendar_years: list[CalendarYearUsedOut]


class RuleOut(Schema):
    code: str
    name: str
    count: int
    unit: str
    variants: dict
    source: str
    shift_to_working_day: bool
    shift_source: str
    needs_verification: bool
    note: str
    valid_from: dt.date
    valid_until: dt.date | None


class ErrorOut(Schema):
    detail: str


@router.get(
    "/due-date", response={200: DueDateOut, 400: ErrorOut}, summary="Tính hạn theo quy tắc thời hạn"
)
def due_date(request, rule: Text, start: Text, variant: Text = ""):
    try:
        start_date = dt.date.fromisoformat(start)
    except ValueError:
        raise cal.CalendarError(f"Ngày bắt đầu không hợp lệ: “{start}” (định dạng YYYY-MM-DD).")
    result = selectors.due_date(rule=rule, start=start_date, variant=variant or None)
    return {
        "rule": result.rule,
        "variant": result.variant,
        "start": result.start,
        "due": result.due,
        "unit": result.unit,
        "count": result.count,
        "skipped": [{"date": s.date, "reason": s.reason} for s in result.skipped],
        "source": result.source,
        "explanation": result.explain(),
        "provisional": result.provisional,
        "calendar_years": [
            {
                "year": y.year,
                "status": y.status,
                "status_label": y.status_label,
                "source": y.source,
                "provisional_days": list(y.provisional_days),
            }
            for y in result.calendar_years
        ],
    }


@router.get("/rules", response=list[RuleOut], summary="Các quy tắc thời hạn")
def rules(request):
    return list(selectors.rule_list())


class CalendarDayOut(Schema):
    date: dt.date
    weekday: str
    is_day_off: bool
    reason: str
    source: str
    provisional: bool


class CalendarNoticeOut(Schema):
    number: str
    issued_on: dt.date | None
    issuer: str
    summary: str


class CalendarYearOut(Schema):
    year: int
    status: str = Field(..., description="official | provisional")
    status_label: str
    notices: list[CalendarNoticeOut]
    days: list[CalendarDayOut] = Field(
        ..., description="Days that differ from a plain Monday–Friday week."
    )


def _year_out(year: int) -> dict:
    listed = {
        y["year"]: y for y in selectors.calendar_year_list(until=max(year, clock.today().year + 1))
    }
    entry = listed.get(year) or {
        "status": cal.PROVISIONAL,
        "status_label": cal.STATUS_LABELS[cal.PROVISIONAL],
        "notices": [],
    }
    return {
        "year": year,
        "status": entry["status"],
        "status_label": entry["status_label"],
        "notices": entry["notices"],
        "days": selectors.calendar_year_days(year=year),
    }


@router.get(
    "/years/{int:year}",
    response={200: CalendarYearOut, 400: ErrorOut},
    summary="Lịch nghỉ của một năm: chính thức hay tạm tính, văn bản, các ngày",
)
def calendar_year(request, year: int):
    if not 1990 <= year <= 2200:
        raise cal.CalendarError("Năm nằm ngoài khoảng cho phép (1990–2200).")
    return _year_out(year)


class NoticeDayIn(Input):
    date: Day
    is_day_off: bool = True
    reason: Text


class CalendarNoticeIn(Input):
    year: int
    number: Text
    issued_on: Day
    issuer: Text
    summary: Text = ""
    period_from: Day | None = None
    period_to: Day | None = None
    days: list[NoticeDayIn]


class NoticeResultOut(Schema):
    year: int
    notice: str
    changed_days: int
    recomputed: int


@router.post(
    "/notices",
    response={201: NoticeResultOut, 400: ErrorOut, 403: ErrorOut},
    summary="Nhập thông báo lịch nghỉ chính thức (quản trị); tính lại các hạn bị ảnh hưởng",
)
def calendar_notice(request, payload: CalendarNoticeIn):
    data = payload.dict()
    data["days"] = [
        services.NoticeDay(d["date"], d["is_day_off"], d["reason"]) for d in data["days"]
    ]
    return Status(201, services.calendar_notice_enter(actor=request.auth, **data))
