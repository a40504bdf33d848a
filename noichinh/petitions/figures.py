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
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When

from noichinh.core import clock
from noichinh.petitions.models import Petition, PetitionField, PetitionType, Visit
from noichinh.petitions.selectors import (
    PetitionFilters,
    VisitFilters,
    petition_filter,
    visit_filter,
)


class _QRecorder:
    """Stands in for a queryset: the filters applied to it, as one ``Q``."""

    def __init__(self):
        self.q = Q()

    def filter(self, *args, **kwargs):
        self.q &= Q(*args, **kwargs)
        return self

    def exclude(self, *args, **kwargs):
        self.q &= ~Q(*args, **kwargs)
        return self

    def order_by(self, *args):
        return self


@dataclass(frozen=True)
class _Axis:
    model: type
    filters: type
    apply: Callable
    date_field: str
    date_from: str
    date_to: str

    def q(self, *, start=None, end=None, today=None, **kw) -> Q:
        """The list's condition for these filters (dates of this axis from start to end)."""
        if start is not None:
            kw[self.date_from], kw[self.date_to] = start, end
        recorder = _QRecorder()
        if self.apply is petition_filter:
            petition_filter(recorder, self.filters(**kw), today=today)
        else:
            self.apply(recorder, self.filters(**kw))
        return recorder.q


AXES = {
    "visit": _Axis(Visit, VisitFilters, visit_filter, "visited_on", "date_from", "date_to"),
    "petition": _Axis(
        Petition, PetitionFilters, petition_filter, "received_on", "received_from", "received_to"
    ),
    "resolved": _Axis(
        Petition, PetitionFilters, petition_filter, "resolved_on", "resolved_from", "resolved_to"
    ),
}


@dataclass(frozen=True)
class _Spec:
    axis: str  # visit | petition | resolved
    kw: dict = field(default_factory=dict)  # list filters
    sum: str = ""  # a field to sum instead of counting
    overdue: bool = False  # due as of the earlier of ``end`` and today


# code -> what it counts; FIGURE_LIST: (figure code, Vietnamese label, list name, filters for
# the list) — the figures page and the tests use it to check each figure against its list.
SPECS: dict[str, _Spec] = {}
FIGURE_LIST: list[tuple[str, str, str, dict]] = []
FIGURES: dict[str, Callable[..., int]] = {}
LABELS: dict[str, str] = {}


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


def _add(code, label, axis, list_name=None, *, listed=True, sum_field="", overdue=False, **kw):
    SPECS[code] = _Spec(axis=axis, kw=dict(kw), sum=sum_field, overdue=overdue)
    FIGURES[code] = _single(code)
    LABELS[code] = label
    if listed:
        FIGURE_LIST.append((code, label, list_name or axis, dict(kw)))


def _visit_count(code, label, **kw):
    _add(code, label, "visit", **kw)


def _petition_count(code, label, **kw):
    _add(code, label, "petition", **kw)


def _resolved_count(code, label, **kw):
    _add(code, label, "resolved", **kw)


_visit_count("reception.visits", "Lượt tiếp công dân")
_add("reception.people", "Số người được tiếp (lượt người)", "visit", sum_field="people_count")
_visit_count("reception.matters", "Vụ việc được tiếp (không tính tiếp lại)", flag="new_matter")
_visit_count("reception.mass_delegations", "Đoàn đông người", flag="mass")
_add(
    "reception.mass_people",
    "Số người trong các đoàn đông người",
    "visit",
    sum_field="people_count",
    flag="mass",
)
for _kind in Visit.Kind:
    _visit_count(f"reception.kind.{_kind.value}", f"Lượt tiếp: {_kind.label}", kind=_kind.value)
for _t in PetitionType:
    _visit_count(
        f"reception.type.{_t.value}", f"Lượt tiếp về {_t.label.lower()}", petition_type=_t.value
    )

_petition_count("petitions.received", "Đơn tiếp nhận")
_petition_count(
    "petitions.new_matters", "Đơn vụ việc mới (không tính đơn trùng)", flag="new_matter"
)
_petition_count("petitions.duplicates", "Đơn trùng, gửi lại", flag="duplicate")
_petition_count("petitions.eligible", "Đơn đủ điều kiện xử lý", flag="eligible")
_petition_count("petitions.in_competence", "Đơn thuộc thẩm quyền", flag="in_competence")
_petition_count("petitions.mass", "Đơn đông người", flag="mass")
_petition_count("petitions.over_level", "Đơn vượt cấp", flag="over_level")
_petition_count("petitions.forwarded_in", "Đơn do cơ quan khác chuyển đến", channel="forwarded")
for _t in PetitionType:
    _petition_count(f"petitions.type.{_t.value}", f"Đơn {_t.label.lower()}", type=_t.value)
for _fl in PetitionField:
    _petition_count(f"petitions.field.{_fl.value}", f"Lĩnh vực: {_fl.label}", field=_fl.value)
for _o in Petition.Outcome:
    _petition_count(f"petitions.outcome.{_o.value}", f"Hướng xử lý: {_o.label}", outcome=_o.value)
_petition_count("petitions.accepted", "Đơn đã thụ lý", outcome="accept")
_petition_count("petitions.forwarded", "Đơn đã chuyển", outcome="forward")
_petition_count("petitions.guided", "Đơn đã hướng dẫn", outcome="guide")
_petition_count("petitions.archived", "Đơn lưu", outcome="archive")
_petition_count("petitions.overdue", "Đơn quá hạn xử lý", overdue=True, due="overdue")
_resolved_count("petitions.resolved", "Đơn đã giải quyết")
_resolved_count("petitions.on_time", "Giải quyết đúng hạn", flag="on_time")
_resolved_count("petitions.late", "Giải quyết quá hạn", flag="late")
for _r in Petition.Result:
    _resolved_count(f"petitions.result.{_r.value}", f"Kết quả: {_r.label}", result=_r.value)
for _t in (PetitionType.COMPLAINT, PetitionType.DENUNCIATION):
    _resolved_count(
        f"petitions.resolved.{_t.value}", f"Đã giải quyết: {_t.label.lower()}", type=_t.value
    )
_add(
    "petitions.recovered_vnd",
    "Tiền kiến nghị thu hồi (đồng)",
    "resolved",
    listed=False,
    sum_field="recovered_vnd",
)
_add(
    "petitions.recovered_land_m2",
    "Đất kiến nghị thu hồi (m²)",
    "resolved",
    listed=False,
    sum_field="recovered_land_m2",
)


def _clusters(ranges: list[tuple[dt.date, dt.date]]) -> list[list[int]]:
    """Indexes of ``ranges`` in groups read by one query each: pairwise disjoint ranges that
    (nearly) touch, so the group's bounding range reads few rows outside them. A trend of
    consecutive quarters is one group; a quarter, the one before and the same quarter last
    year are two."""
    groups: list[list[int]] = []
    for i in sorted(range(len(ranges)), key=lambda k: ranges[k]):
        start, end = ranges[i]
        for group in groups:
            if not all(end < ranges[k][0] or start > ranges[k][1] for k in group):
                continue
            members = [*group, i]
            span = (max(ranges[k][1] for k in members) - min(ranges[k][0] for k in members)).days
            covered = sum((ranges[k][1] - ranges[k][0]).days + 1 for k in members)
            if span + 1 <= covered * 1.25:
                group.append(i)
                break
        else:
            groups.append([i])
    return groups


def aggregates_for(axis_name: str, codes: Iterable[str], overdue_cond=None):
    """As ``_build_aggregates``; the expressions of figures that do not depend on the period
    are built once per process and day (issue 21: rebuilding the same COUNT … FILTER
    expressions was 36–60 % of the home page and report aggregate). Django copies an
    expression before resolving it in a query, so one built expression serves every query."""
    codes = tuple(codes)
    if any(SPECS[c].overdue for c in codes):
        return _build_aggregates(axis_name, codes, overdue_cond)
    aggregates, alias, rows = _kept_aggregates(axis_name, codes, clock.today())
    return dict(aggregates), dict(alias), rows


@functools.lru_cache(maxsize=256)
def _kept_aggregates(axis_name: str, codes: tuple[str, ...], today: dt.date):
    # ``today``: a figure's condition may read the day (petition_filter's default).
    return _build_aggregates(axis_name, codes, None)


def _build_aggregates(axis_name: str, codes: Iterable[str], overdue_cond=None):
    """``({name: Count/Sum(…, filter=condition)}, {code: name}, rows)`` for ``codes`` of one
    axis: figures with the same condition (accepted and outcome.accept) share one aggregate.
    ``overdue_cond(spec)`` gives the condition of an overdue figure (it depends on the
    period's end). ``rows``: a condition every counted row meets (the OR of the figures'
    conditions), for the WHERE clause, so that an index can find just those rows; None when
    a figure counts every row."""
    axis = AXES[axis_name]
    aggregates, alias, by_condition = {}, {}, {}
    rows: Q | None = Q()
    for code in codes:
        spec = SPECS[code]
        key = (tuple(sorted(spec.kw.items())), spec.sum, spec.overdue)
        if key in by_condition:
            alias[code] = by_condition[key]
            continue
        alias[code] = by_condition[key] = name = f"f{len(by_condition)}"
        cond = overdue_cond(spec) if spec.overdue else axis.q(**spec.kw)
        what = spec.sum or axis.date_field  # the date is never null in its window
        agg = Sum if spec.sum else Count
        aggregates[name] = agg(what, filter=cond) if cond else agg(what)
        rows = None if rows is None or not cond else rows | cond
    return aggregates, alias, rows or None


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
    from noichinh.petitions import daily

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
