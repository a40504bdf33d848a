"""The daily summary of the register's figures: what a period's figures are read from.

Counting a quarter's figures from the records reads every record of the quarter: at a
million petitions a year that is a quarter of a million rows per figure request, and it
grows with the register. The summary keeps, per axis (visits by date of visit, petitions by
date of receipt, petitions by date of resolution), day and agency, the value of every figure
that depends only on the records (``DailyFigures``; ``agency_id`` 0 holds the whole
province). A period's figures are then the sum of its days: about 90 rows a quarter for the
province, 90 per agency for a bloc, whatever the size of the register.

The records stay the source. Every save or delete of a visit or petition marks the days it
was and is on (``DailyFiguresStale``, in the same transaction as the change); loaders that
write without the ORM (the import, the generator) mark their days or ask for a rebuild. Before
reading, ``refresh`` recomputes the marked days from their records (one grouped query per axis
with the same conditions as the lists) and removes exactly the marks it read, so a change
committed meanwhile keeps its mark for the next reader. When the figure definitions change
(``signature``) or there is no summary yet, the axis is rebuilt from all its records.

Not summarised: ``petitions.overdue`` (it depends on the day asked: still open and past the
limit on the earlier of the period's end and today) and figures for a set of area units; those
are counted from the records (``figures.compute_ranges_from_records``). The summary is built
on the figures' definitions (``figure_specs``), below the figures that read it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from noichinh.core import clock, dbrouting
from noichinh.petitions import figure_specs
from noichinh.petitions.models import (
    DailyFigures,
    DailyFiguresStale,
    DailyFiguresState,
    Petition,
    Visit,
)

PROVINCE = 0  # agency_id of the whole province's rows
BATCH = 2000


def summarised(code: str) -> bool:
    """Whether ``code`` is kept in the daily summary (it depends only on the records)."""
    spec = figure_specs.SPECS[code]
    return not spec.overdue


def axis_codes(axis: str) -> list[str]:
    return [c for c, spec in figure_specs.SPECS.items() if spec.axis == axis and not spec.overdue]


@functools.cache
def signature(axis: str) -> str:
    """Changes when the figures of ``axis`` or their conditions change."""
    parts = [
        repr(
            (
                c,
                str(figure_specs.AXES[axis].q(**figure_specs.SPECS[c].kw)),
                figure_specs.SPECS[c].sum,
            )
        )
        for c in axis_codes(axis)
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


# -- marking ---------------------------------------------------------------------------------

# model -> ((axis, date field), …)
_AXIS_DATES = {
    Visit: (("visit", "visited_on"),),
    Petition: (("petition", "received_on"), ("resolved", "resolved_on")),
}


def mark(axis: str, days: Iterable[dt.date | None]) -> None:
    """Mark ``days`` of ``axis`` to be recomputed from their records."""
    _mark_pairs((axis, d) for d in days)


def _mark_pairs(pairs: Iterable[tuple[str, dt.date | None]]) -> None:
    stale = [DailyFiguresStale(axis=a, day=d) for a, d in set(pairs) if d is not None]
    DailyFiguresStale.objects.bulk_create(stale, batch_size=BATCH)


def mark_records(model, rows: Iterable) -> None:
    """Mark the days of ``rows`` (instances or dicts of ``model``), for loaders that write
    without ``save()``."""
    rows = list(rows)
    _mark_pairs(
        (axis, r[field] if isinstance(r, dict) else getattr(r, field))
        for axis, field in _AXIS_DATES[model]
        for r in rows
    )
    if model is Petition:  # and the home page's overdue tallies of their agencies
        from noichinh.petitions import overdue

        overdue.mark_agencies(
            {r.get("agency_id") if isinstance(r, dict) else r.agency_id for r in rows}
        )


def _days(instance) -> set[tuple[str, dt.date | None]]:
    """(axis, day) the instance is on now and was on when loaded."""
    before = getattr(instance, "_figure_days", {})
    out = set()
    for axis, field in _AXIS_DATES[type(instance)]:
        out.add((axis, instance.__dict__.get(field)))
        out.add((axis, before.get(field)))
    return out


def _on_save(sender, instance, raw=False, **kwargs):
    _mark_pairs(_days(instance))
    instance._figure_days = {f: instance.__dict__.get(f) for f in type(instance).FIGURE_DATES}


def _on_delete(sender, instance, **kwargs):
    _mark_pairs(_days(instance))


def connect() -> None:
    for model in _AXIS_DATES:
        post_save.connect(_on_save, sender=model, dispatch_uid=f"daily-save-{model.__name__}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"daily-del-{model.__name__}")


# -- computing -------------------------------------------------------------------------------


def _values_by_day(axis_name: str, days: list[dt.date] | None):
    """{(day, agency_id): {code: value}} from the records of ``days`` (None: every day),
    with the province's row (agency 0) as the sum of the agencies'."""
    axis = figure_specs.AXES[axis_name]
    codes = axis_codes(axis_name)
    aggregates, alias, _rows = figure_specs.aggregates_for(axis_name, codes)
    qs = axis.model.objects.filter(**{f"{axis.date_field}__isnull": False})
    chunks = [None] if days is None else [days[i : i + 500] for i in range(0, len(days), 500)]
    out: dict[tuple, dict[str, int]] = {}
    for chunk in chunks:
        part = qs if chunk is None else qs.filter(**{f"{axis.date_field}__in": chunk})
        rows = part.values(axis.date_field, "agency_id").annotate(**aggregates).order_by()
        for row in rows:
            day = row[axis.date_field]
            values = {c: row[alias[c]] for c in codes if row[alias[c]]}
            out[(day, row["agency_id"])] = values
            total = out.setdefault((day, PROVINCE), {})
            for c, v in values.items():
                total[c] = total.get(c, 0) + v
    return out


def _write(days_by_axis: dict[str, list[dt.date] | None], values: dict[str, dict]) -> None:
    """Replace the summary of those days (None: all days of the axis) by ``values``
    ({axis: {(day, agency_id): {code: value}}}): one delete and one insert for all axes."""
    old = Q()
    for axis, days in days_by_axis.items():
        old |= Q(axis=axis) if days is None else Q(axis=axis, day__in=days)
    if old:
        DailyFigures.objects.filter(old).delete()
    DailyFigures.objects.bulk_create(
        (
            DailyFigures(axis=axis, day=day, agency_id=agency_id, values=v)
            for axis, by_key in values.items()
            for (day, agency_id), v in by_key.items()
            if v
        ),
        batch_size=BATCH,
    )


def rebuild(axes: Iterable[str] = tuple(figure_specs.AXES)) -> None:
    """Recompute the summary of ``axes`` from all their records (after a bulk load, or when
    the figure definitions changed)."""
    with dbrouting.on_primary(), transaction.atomic():
        _refresh_locked(list(axes), force=True)
        if "petition" in axes:  # the home page's overdue tallies are counted again too
            from noichinh.petitions import overdue

            overdue.forget_all()


def refresh(axes: Iterable[str]) -> bool:
    """Bring the summary of ``axes`` up to date with the records: rebuild an axis without a
    summary or with other figure definitions; recompute the marked days of the others. It
    writes, so it reads on the primary (a replica's summary may lag); True when it wrote."""
    with dbrouting.on_primary():
        return _refresh(list(axes))


def _refresh(axes: list[str]) -> bool:
    states = dict(DailyFiguresState.objects.filter(axis__in=axes).values_list("axis", "signature"))
    if all(states.get(a) == signature(a) for a in axes) and not (
        DailyFiguresStale.objects.filter(axis__in=axes).exists()
    ):
        return False
    with transaction.atomic():
        _refresh_locked(axes, have_state=set(states))
    return True


def _refresh_locked(axes: list[str], force: bool = False, have_state: set = frozenset()) -> None:
    # One refresher at a time per axis: the state rows are created if missing and locked
    # (PostgreSQL row locks; SQLite writes one at a time). The marks are read after the
    # lock (another refresher may have taken them meanwhile) and only those read are
    # removed, so a change committed later keeps its own.
    if set(axes) - have_state:
        DailyFiguresState.objects.bulk_create(
            [DailyFiguresState(axis=a, signature="", built_at=clock.now()) for a in axes],
            ignore_conflicts=True,
        )
    states = dict(
        DailyFiguresState.objects.select_for_update()
        .filter(axis__in=axes)
        .values_list("axis", "signature")
    )
    to_rebuild = [a for a in axes if force or states[a] != signature(a)]
    marks = list(DailyFiguresStale.objects.filter(axis__in=axes).values_list("id", "axis", "day"))
    days_by_axis: dict[str, list[dt.date] | None] = dict.fromkeys(to_rebuild)
    marked: dict[str, set[dt.date]] = defaultdict(set)
    for _id, axis, day in marks:
        if axis not in to_rebuild:
            marked[axis].add(day)
    days_by_axis.update({a: sorted(days) for a, days in marked.items()})
    values = {axis: _values_by_day(axis, days) for axis, days in days_by_axis.items()}
    _write(days_by_axis, values)
    ids = [m[0] for m in marks]
    for i in range(0, len(ids), 500):
        DailyFiguresStale.objects.filter(id__in=ids[i : i + 500]).delete()
    for axis in to_rebuild:
        DailyFiguresState.objects.filter(axis=axis).update(
            signature=signature(axis), built_at=clock.now()
        )


def compute_ranges(
    codes: Sequence[str], *, agency_ids, ranges: Sequence[tuple[dt.date, dt.date]]
) -> list[dict[str, int]]:
    """``codes`` (summarised ones) for each (start, end) of ``ranges`` from the summary of
    the agencies ``agency_ids`` (None: the whole province): one query, after ``refresh``."""
    ranges = list(ranges)
    out: list[dict[str, int]] = [dict.fromkeys(codes, 0) for _ in ranges]
    by_axis: dict[str, set[str]] = defaultdict(set)
    for code in codes:
        by_axis[figure_specs.SPECS[code].axis].add(code)
    if refresh(by_axis):
        # just written on the primary: read it there, not from a replica that may lag
        with dbrouting.on_primary():
            return _sum_ranges(codes, by_axis, agency_ids=agency_ids, ranges=ranges, out=out)
    return _sum_ranges(codes, by_axis, agency_ids=agency_ids, ranges=ranges, out=out)


def _sum_ranges(codes, by_axis, *, agency_ids, ranges, out) -> list[dict[str, int]]:
    agencies = [PROVINCE] if agency_ids is None else sorted(agency_ids)
    if not agencies:
        return out
    groups = figure_specs._clusters(ranges)
    window = Q()
    for group in groups:
        window |= Q(
            day__gte=min(ranges[i][0] for i in group), day__lte=max(ranges[i][1] for i in group)
        )
    rows = DailyFigures.objects.filter(window, axis__in=list(by_axis))
    rows = (
        rows.filter(agency_id=agencies[0])
        if len(agencies) == 1
        else rows.filter(agency_id__in=agencies)
    )
    # A day counts in every range that holds it (the ranges asked may overlap).
    for axis, day, values in rows.values_list("axis", "day", "values"):
        wanted = by_axis[axis]
        for i, (start, end) in enumerate(ranges):
            if start <= day <= end:
                target = out[i]
                for code, value in values.items():
                    if code in wanted:
                        target[code] += value
    return out
