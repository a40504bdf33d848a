"""What each figure of the reception book and the petitions register counts, and the
aggregates that count it: the definitions that both the figures (``figures``, the entry point
the reports call) and their daily summary (``daily``) are built on.

``SPECS[code]``: the axis (visits by date of visit, petitions by date of receipt, petitions by
date of resolution), the list filters whose condition the figure counts, a field to sum
instead of counting. ``FIGURE_LIST`` says which list (and filters) each figure equals, so the
figures page links every number to its rows. The counting conventions are in ``figures``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

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
LABELS: dict[str, str] = {}


def _add(code, label, axis, list_name=None, *, listed=True, sum_field="", overdue=False, **kw):
    SPECS[code] = _Spec(axis=axis, kw=dict(kw), sum=sum_field, overdue=overdue)
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
