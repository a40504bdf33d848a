"""Home-page charts of the petitions register (issue 17 §4): petitions received and
resolved on time by month, overdue petitions by agency, the quarter against the same
quarter last year. Figures only (counts), over the agencies whose figures the user sees
(``permissions.figure_agency_ids``)."""

from __future__ import annotations

import calendar
import datetime as dt

from noichinh.core import clock
from noichinh.org.models import Agency
from noichinh.reports import figures, permissions

MONTHS = 12
FIRST_DAY = dt.date(2000, 1, 1)


def _month_ranges(today: dt.date, count: int = MONTHS) -> list[tuple[str, dt.date, dt.date]]:
    out = []
    year, month = today.year, today.month
    for _ in range(count):
        last = calendar.monthrange(year, month)[1]
        out.append((f"{month:02d}/{year}", dt.date(year, month, 1), dt.date(year, month, last)))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return list(reversed(out))


def by_month(user) -> tuple[list[str], list[tuple[str, list]]]:
    """(month labels, [(series name, values)]) of the last twelve months."""
    months = _month_ranges(clock.today())
    got = figures.compute(
        ["petitions.received", "petitions.on_time"],
        agency_ids=permissions.figure_agency_ids(user),
        unit_ids=None,
        ranges=[(start, end) for _l, start, end in months],
    )
    labels = [label for label, _s, _e in months]
    return labels, [
        ("Đơn tiếp nhận", [v for v, _ok in got["petitions.received"]]),
        ("Giải quyết đúng hạn", [v for v, _ok in got["petitions.on_time"]]),
    ]


def overdue_by_agency(user) -> list[tuple[str, int]]:
    """(agency, overdue petitions today) for each agency the user sees at the top of its
    tree, largest first, zeros left out."""
    visible = permissions.figure_agency_ids(user)
    agencies = Agency.objects.filter(Agency.valid_on_q(clock.today()))
    if visible is None:
        agencies = agencies.filter(parent__isnull=True)
    else:
        agencies = agencies.filter(id__in=visible).exclude(parent_id__in=visible)
    out = []
    for agency in agencies:
        ids = permissions.agency_subtree_ids(agency.pk)
        if visible is not None:
            ids &= visible
        value, ok = figures.compute(
            ["petitions.overdue"],
            agency_ids=ids,
            unit_ids=None,
            ranges=[(FIRST_DAY, clock.today())],
        )["petitions.overdue"][0]
        if ok and value:
            out.append((agency.short_name or agency.name, int(value)))
    out.sort(key=lambda item: (-item[1], item[0]))
    return out


def quarter_against_last_year(user) -> tuple[list[str], list[tuple[str, list]]]:
    """The current quarter (to today) against the same quarter last year."""
    today = clock.today()
    q = (today.month - 1) // 3 + 1
    start = dt.date(today.year, 3 * q - 2, 1)
    before = (dt.date(today.year - 1, 3 * q - 2, 1), _same_day_last_year(today))
    codes = ["petitions.received", "petitions.resolved", "petitions.on_time", "petitions.overdue"]
    names = ["Tiếp nhận", "Đã giải quyết", "Đúng hạn", "Quá hạn"]
    got = figures.compute(
        codes,
        agency_ids=permissions.figure_agency_ids(user),
        unit_ids=None,
        ranges=[(start, today), before],
    )
    return names, [
        (f"Quý {q}/{today.year - 1}", [got[c][1][0] for c in codes]),
        (f"Quý {q}/{today.year}", [got[c][0][0] for c in codes]),
    ]


def _same_day_last_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29/02
        return day.replace(year=day.year - 1, day=28)
