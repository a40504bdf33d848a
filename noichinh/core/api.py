import datetime as dt

from ninja import Field, Router, Schema

from noichinh.core import calendar as cal
from noichinh.core import selectors
from noichinh.core.apitypes import Text

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
    needs_verification: bool


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
