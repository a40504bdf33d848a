"""What the public can see without an account: the reception schedule and the register's
statistics by agency and quarter (page and open-data CSV). Thin: parse, call, render."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from noichinh.core import clock
from noichinh.petitions import schedule
from noichinh.portal import stats


@require_safe
def reception_schedule(request: HttpRequest) -> HttpResponse:
    days = schedule.published_days()
    return render(request, "portal/reception_schedule.html", {"days": days})


def _period(request) -> tuple[int, int | None, list[str]]:
    errors = []
    year, quarter = clock.today().year, None
    raw_year, raw_quarter = request.GET.get("nam", ""), request.GET.get("quy", "")
    if raw_year:
        if raw_year.isdigit() and 2000 <= int(raw_year) <= clock.today().year:
            year = int(raw_year)
        else:
            errors.append("Năm không hợp lệ.")
    if raw_quarter:
        if raw_quarter in ("1", "2", "3", "4"):
            quarter = int(raw_quarter)
        else:
            errors.append("Quý phải là 1, 2, 3 hoặc 4.")
    return year, quarter, errors


@require_safe
def statistics(request: HttpRequest) -> HttpResponse:
    year, quarter, errors = _period(request)
    rows = stats.public_rows(year=year, quarter=quarter)
    return render(
        request,
        "portal/statistics.html",
        {
            "rows": rows,
            "year": year,
            "quarter": quarter,
            "errors": errors,
            "years": stats.years_available(),
            "threshold": stats.threshold(),
        },
    )


@require_safe
def statistics_csv(request: HttpRequest) -> HttpResponse:
    year, quarter, _errors = _period(request)
    rows = stats.public_rows(year=year, quarter=quarter)
    name = f"thong-ke-don-thu-{year}" + (f"-quy-{quarter}" if quarter else "") + ".csv"
    response = HttpResponse(stats.as_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
