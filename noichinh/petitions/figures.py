"""Figures of the reception book and the petitions register for the periodic reports.

Each function: ``fn(*, agency_ids, unit_ids, start, end) -> int`` (None = no restriction,
end inclusive). They are built from the same filters as the lists (selectors), and
``FIGURE_LIST`` says which list (and filters) each figure equals, so the figures page links
every number to its rows.

Counting conventions (legal.md §3, §6):
- reception.visits: visits (lượt); reception.people: people over those visits (lượt người);
  reception.matters: visits not marked as a repeat of an earlier visit (vụ việc);
  reception.mass_delegations: mass visits (đoàn đông người, Law on Citizen Reception art. 30).
- petitions.*: by date of receipt in the period, in the agency's own register (a forwarded
  petition is counted by each agency that received it); petitions.new_matters and the
  ``petitions.duplicates`` count separate duplicates/repeats from new matters.
- petitions.resolved / on_time / late: by date of resolution in the period.
- petitions.overdue: received in the period, still open and past their time limit on the
  earlier of ``end`` and today.

Computation: ``compute_many(codes, …)`` (and ``compute_ranges`` for several periods at once)
gives any set of figures in one grouped query per register table (visits by date of visit,
petitions by date of receipt, petitions by date of resolution) with conditional aggregation,
whatever the number of figures or agencies; each ``FIGURES[code]`` delegates to it. The
condition of each figure is the one the list applies: ``petition_filter`` / ``visit_filter``
are run on a recorder that turns their ``filter``/``exclude`` calls into a ``Q``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from django.db.models import Case, IntegerField, Q, Value, When

from noichinh.core import clock
from noichinh.petitions import daily
from noichinh.petitions.figure_specs import (  # noqa: F401 (the figures' names, read from here)
    AXES,
    FIGURE_LIST,
    LABELS,
    SPECS,
    _clusters,
    aggregates_for,
)


def _single(code: str) -> Callable[..., int]:
    def fn(*, agency_ids, unit_ids, start: dt.date, end: dt.date) -> int:
        return compute_many([code], agency_ids=agency_ids, unit_ids=unit_ids, start=start, end=end)[
            code
        ]

    fn.__name__ = fn.__qualname__ = "figure_" + code.replace(".", "_")
    fn.code = code
    fn.data_since = data_since
    return fn


def data_since(codes: Iterable[str]) -> dict[str, dt.date | None]:
    """The first day each figure's book holds a record (the reception book for visits, the
    petitions register otherwise; ``date.max`` while the book is empty): a period ending
    before it had no data yet ("—"), which is not the same as zero. One query per book."""
    from django.db.models import Min

    firsts: dict[str, dt.date | None] = {}
    out = {}
    for code in codes:
        spec = SPECS.get(code)
        if spec is None:
            out[code] = None
            continue
        book = "visit" if spec.axis == "visit" else "petition"
        if book not in firsts:
            axis = AXES[book]
            first = axis.model.objects.aggregate(first=Min(axis.date_field))["first"]
            firsts[book] = first or dt.date.max
        out[code] = firsts[book]
    return out


FIGURES: dict[str, Callable[..., int]] = {code: _single(code) for code in SPECS}


def compute_ranges(
    codes: Iterable[str],
    *,
    agency_ids,
    unit_ids,
    ranges: Sequence[tuple[dt.date, dt.date]],
) -> list[dict[str, int]]:
    """The figures ``codes`` for each (start, end) of ``ranges`` (end inclusive).

    Figures that do not depend on the day they are asked (all but ``petitions.overdue``) come
    from the daily summary (``noichinh.petitions.daily``: a row a day, refreshed from the
    records of any day that changed) when the scope is agencies or the whole province; the
    others, and any figure for a set of area units, are counted from the records
    (``compute_ranges_from_records``). Raises KeyError for a code this register does not
    have."""
    codes = list(dict.fromkeys(codes))
    ranges = list(ranges)
    summarised = [c for c in codes if daily.summarised(c)] if unit_ids is None else []
    live = [c for c in codes if c not in set(summarised)]
    out: list[dict[str, int]] = [dict.fromkeys(codes, 0) for _ in ranges]
    if summarised:
        for i, got in enumerate(
            daily.compute_ranges(summarised, agency_ids=agency_ids, ranges=ranges)
        ):
            out[i].update(got)
    if live:
        got = compute_ranges_from_records(
            live, agency_ids=agency_ids, unit_ids=unit_ids, ranges=ranges
        )
        for i, values in enumerate(got):
            out[i].update(values)
    return out


def compute_ranges_from_records(
    codes: Iterable[str],
    *,
    agency_ids,
    unit_ids,
    ranges: Sequence[tuple[dt.date, dt.date]],
) -> list[dict[str, int]]:
    """The figures ``codes`` for each (start, end) of ``ranges``, counted from the records:
    one query per axis (visits, petitions received, petitions resolved) and group of
    neighbouring periods (``_clusters``) that reads their rows through the date index, labels
    each row with its period and counts, per period, the rows meeting each figure's condition
    (``COUNT(…) FILTER (WHERE …)``)."""
    codes = list(dict.fromkeys(codes))
    by_axis: dict[str, list[str]] = {}
    for code in codes:
        by_axis.setdefault(SPECS[code].axis, []).append(code)
    ranges = list(ranges)
    out: list[dict[str, int]] = [dict.fromkeys(codes, 0) for _ in ranges]
    for axis_name, axis_codes in by_axis.items():
        axis = AXES[axis_name]
        scope = axis.q(agency_ids=agency_ids, unit_ids=unit_ids)
        for group in _clusters(ranges):
            in_range = {
                i: Q(
                    **{
                        f"{axis.date_field}__gte": ranges[i][0],
                        f"{axis.date_field}__lte": ranges[i][1],
                    }
                )
                for i in group
            }
            window = Q()
            for q in in_range.values():
                window |= q
            # The group's bounding range, so the date index bounds the scan (PostgreSQL does
            # not turn an OR of ranges into an index condition: it filtered the whole index).
            window &= Q(
                **{
                    f"{axis.date_field}__gte": min(ranges[i][0] for i in group),
                    f"{axis.date_field}__lte": max(ranges[i][1] for i in group),
                }
            )
            period = Case(
                *(When(q, then=Value(i)) for i, q in in_range.items()), output_field=IntegerField()
            )

            def overdue_cond(spec, group=group, axis=axis):
                cond = Q()
                for i in group:
                    start, end = ranges[i]
                    today = min(end, clock.today())
                    cond |= axis.q(start=start, end=end, today=today, **spec.kw)
                return cond

            aggregates, alias, counted = aggregates_for(axis_name, axis_codes, overdue_cond)
            if counted is not None:  # e.g. only the overdue: the open rows' partial index
                window &= counted
            rows = (
                axis.model.objects.filter(scope, window)
                .annotate(_period=period)
                .values("_period")
                .annotate(**aggregates)
                .order_by()
            )
            for row in rows:
                for code in axis_codes:
                    out[row["_period"]][code] = row[alias[code]] or 0
    return out


def compute_many(codes: Iterable[str], *, agency_ids, unit_ids, start, end) -> dict[str, int]:
    """The figures ``codes`` for one period, in one grouped query per register table."""
    return compute_ranges(codes, agency_ids=agency_ids, unit_ids=unit_ids, ranges=[(start, end)])[0]


# The reports area finds ``compute_ranges`` on each figure function and asks for all the
# figures of this register at once.
for _fn in FIGURES.values():
    _fn.compute_ranges = compute_ranges


def compute_all(*, agency_ids, unit_ids, start, end) -> dict[str, int]:
    return compute_many(FIGURES, agency_ids=agency_ids, unit_ids=unit_ids, start=start, end=end)
