"""JSON API of the reports area: periods and the aggregate with comparisons."""

from django.http import HttpRequest
from ninja import Router, Schema

from noichinh.core.apitypes import RecordId, Text, Year
from noichinh.org import permissions
from noichinh.reports import selectors

PREFIX = "/reports"
router = Router(tags=["reports"])


class PeriodOut(Schema):
    id: int
    title: str
    kind: str
    year: int
    number: int | None
    start: str
    end: str
    status: str
    blocs: list[str]


class RowOut(Schema):
    code: str
    name: str
    unit: str
    section: str
    source: str
    available: bool
    value: float | None
    previous: float | None
    last_year: float | None
    change_previous: float | None
    change_previous_percent: float | None
    change_last_year: float | None
    change_last_year_percent: float | None
    province_wide: bool = False  # a register figure of the whole province in a bloc report
    agencies_approved: int | None = None  # set when only some expected agencies have sent it
    agencies_expected: int | None = None


class AggregateOut(Schema):
    period: str
    scope: str
    previous: str | None
    last_year: str
    rows: list[RowOut]
    not_approved: list[str]


def _f(value):
    return None if value is None else float(value)


@router.get("/periods", response=list[PeriodOut])
def periods(request: HttpRequest, year: Year | None = None, status: Text = ""):
    qs = selectors.period_list(year=str(year or ""), status=status)[:200]
    return [
        PeriodOut(
            id=p.pk,
            title=p.title,
            kind=p.kind,
            year=p.year,
            number=p.number,
            start=p.start.isoformat(),
            end=p.end.isoformat(),
            status=p.status,
            blocs=[b.code for b in p.blocs.all()],
        )
        for p in qs
    ]


@router.get("/periods/{pk}/aggregate", response=AggregateOut)
def aggregate(request: HttpRequest, pk: RecordId, bloc: Text = "", province: bool = False):
    period = selectors.period_get(pk=pk)
    user = request.user
    if province:
        if not permissions.can_aggregate_province(user):
            permissions.deny("Chỉ lãnh đạo và quản trị được xem tổng hợp toàn tỉnh.")
        scope = selectors.scope_province(period)
    else:
        codes = [c for c in bloc.split(",") if c]
        blocs = [b for b in period.blocs.all() if not codes or b.code in codes]
        if not permissions.can_aggregate(user, period, [b.pk for b in blocs]):
            permissions.deny("Bạn không được xem số liệu tổng hợp của các khối này.")
        scope = selectors.scope_for_blocs(period, blocs)
    agg = selectors.aggregate(period, scope)
    rows = []
    for section, section_rows in agg.sections:
        for r in section_rows:
            cp, cpp = r.change_previous
            cl, clp = r.change_last_year
            rows.append(
                RowOut(
                    code=r.indicator.code,
                    name=r.indicator.name,
                    unit=r.indicator.unit,
                    section=section.title,
                    source=r.indicator.source,
                    available=r.available,
                    value=_f(r.value),
                    previous=_f(r.previous),
                    last_year=_f(r.last_year),
                    change_previous=_f(cp),
                    change_previous_percent=cpp,
                    change_last_year=_f(cl),
                    change_last_year_percent=clp,
                    province_wide=r.province_wide,
                    agencies_approved=r.coverage[0] if r.coverage else None,
                    agencies_expected=r.coverage[1] if r.coverage else None,
                )
            )
    return AggregateOut(
        period=period.title,
        scope=scope.label,
        previous=agg.previous_title,
        last_year=agg.last_year_title,
        rows=rows,
        not_approved=[s["agency"].name for s in agg.missing],
    )
