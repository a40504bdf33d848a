"""JSON API of the reports area: periods and the aggregate with comparisons."""

from django.http import HttpRequest
from ninja import Router, Schema

from noichinh.core.apitypes import RecordId, Text, Year
from noichinh.reports import permissions, selectors

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
        permissions.require_aggregate_province(user)
        scope = selectors.scope_province(period)
    else:
        codes = [c for c in bloc.split(",") if c]
        blocs = [b for b in period.blocs.all() if not codes or b.code in codes]
        permissions.require_aggregate(user, period, [b.pk for b in blocs])
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


class OfficialColumnOut(Schema):
    number: int
    label: str
    source: str  # register | submission | none


class OfficialRowOut(Schema):
    label: str
    total: bool
    values: list[int | None]  # by column; null: chưa có nguồn


class OfficialCheckOut(Schema):
    label: str
    status: str  # ok | failed | unchecked
    failures: list[str]


class OfficialFormOut(Schema):
    form: str
    title: str
    legal_source: str
    period: str
    start: str
    end: str
    scope: str
    columns: list[OfficialColumnOut]
    rows: list[OfficialRowOut]
    checks: list[OfficialCheckOut]


@router.get("/official-form", response=OfficialFormOut)
def official_form(
    request: HttpRequest, form: Text, period: RecordId, agency: RecordId | None = None
):
    """An official statistical form (Biểu 01/TCD, 01/XLD) computed for a period and an agency
    (its subtree) or, without ``agency``, the whole province; the same rows as the XLSX."""
    from django.http import Http404

    from noichinh.org.models import Agency
    from noichinh.reports import official_forms

    definition = official_forms.FORMS.get(form)
    if definition is None:
        raise Http404
    the_period = selectors.period_get(pk=period)
    the_agency = None
    if agency is not None:
        the_agency = Agency.objects.filter(pk=agency).first()
        if the_agency is None:
            raise Http404
    permissions.require_download_official_form(request.user, the_agency)
    c = official_forms.compute_for(definition, period=the_period, agency=the_agency)
    leaves = definition.leaves()
    return OfficialFormOut(
        form=definition.code,
        title=definition.title,
        legal_source=definition.legal_source,
        period=the_period.title,
        start=c.start.isoformat(),
        end=c.end.isoformat(),
        scope=c.scope_label,
        columns=[
            OfficialColumnOut(
                number=col.number,
                label=col.label,
                source="register" if col.computable else "submission" if col.submitted else "none",
            )
            for col in leaves
        ],
        rows=[
            OfficialRowOut(
                label=row.label,
                total=row.is_total,
                values=[row.values[col.number] for col in leaves],
            )
            for row in c.rows
        ],
        checks=[
            OfficialCheckOut(label=r.label, status=r.status, failures=r.failures) for r in c.checks
        ],
    )
