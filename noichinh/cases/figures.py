"""Figures of the case register for any period, for the periodic reports.

Each function: ``fn(*, agency_ids, unit_ids, start, end) -> int`` (None = no restriction;
``end`` inclusive; money in đồng). The definitions are those of ``selectors`` (its module
docstring): a figure is the count of the list the same selector gives, and the list page
links to it with ``figure_list_filters``.

Codes:
- ``cases.followed`` / ``cases.followed_end``: followed in the period / still at its end;
- ``cases.on_list_start`` / ``cases.on_list_end``: on the supervision list the day before
  the start / on the end date; ``cases.supervised`` = ``cases.on_list_end``;
- ``cases.added`` / ``cases.removed`` (= ``cases.supervision_removed``): decisions in the
  period that put a case on the list / take it off;
- ``cases.carried_over``: on the list at the end, carried over from a year before the period;
- ``cases.<field>.<measure>`` for field corruption | economic | public_concern and the
  measures above; ``cases.corruption`` = ``cases.corruption.on_list_end``, ``cases.economic``
  = ``cases.economic.followed`` (the seed texts' "vụ án tham nhũng … thuộc diện" and "theo
  dõi … vụ án kinh tế");
- ``cases.economic_managers.followed|on_list_end|followed_end``: economic cases with
  defendants who are managers (seed 003: 5 followed, 2 of them on the list, 4 still followed);
- ``cases.stage.<stage>``: cases followed in the period whose stage at the end is <stage>;
- ``cases.overdue``: cases followed in the period with a stage overdue at the end;
- ``cases.defendants``, ``cases.defendants_managers``, ``cases.defendants_party_members``,
  ``cases.damage_vnd``, ``cases.recovered_vnd``: sums over the cases followed in the period.

``compute_many`` / ``compute_ranges`` give any set of these figures, for one or several
periods, in one grouped query (a conditional count or sum per figure, each condition being
"the case is in the list the selector gives"); each ``FIGURES[code]`` delegates to it.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, cast

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, Sum

from noichinh.cases import selectors as s
from noichinh.cases.models import Case, CaseStage


def _base(agency_ids, unit_ids, field=None, managers=False):
    qs = s.restrict(Case.objects.all(), agency_ids=agency_ids, unit_ids=unit_ids)
    if field:
        qs = qs.filter(field=field)
    if managers:
        qs = qs.filter(managers_count__gt=0)
    return qs


def _day_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=1)


MEASURES: dict[str, Callable] = {
    "followed": lambda qs, start, end: s.followed_in(qs, start, end),
    "followed_end": lambda qs, start, end: s.followed_on(qs, end),
    "on_list_start": lambda qs, start, end: s.on_list(qs, _day_before(start)),
    "on_list_end": lambda qs, start, end: s.on_list(qs, end),
    "added": lambda qs, start, end: s.added_in(qs, start, end),
    "removed": lambda qs, start, end: s.removed_in(qs, start, end),
    "carried_over": lambda qs, start, end: s.carried_over(qs, start, end),
    "overdue": lambda qs, start, end: s.overdue_on(s.followed_in(qs, start, end), end),
}

# For each measure, the case-list filters that give the same list (dates as dd/mm/yyyy).
_FMT = "%d/%m/%Y"


def list_filters(measure: str, start: dt.date, end: dt.date) -> dict:
    if measure == "followed":
        return {"followed_from": start.strftime(_FMT), "followed_to": end.strftime(_FMT)}
    if measure == "followed_end":
        return {"followed_from": end.strftime(_FMT), "followed_to": end.strftime(_FMT)}
    if measure == "on_list_start":
        return {"on_list": _day_before(start).strftime(_FMT)}
    if measure == "on_list_end":
        return {"on_list": end.strftime(_FMT)}
    if measure == "added":
        return {"added_from": start.strftime(_FMT), "added_to": end.strftime(_FMT)}
    if measure == "removed":
        return {"removed_from": start.strftime(_FMT), "removed_to": end.strftime(_FMT)}
    if measure == "carried_over":
        return {"on_list": end.strftime(_FMT), "carried_over": str(start.year)}
    if measure == "overdue":
        return {
            "followed_from": start.strftime(_FMT),
            "followed_to": end.strftime(_FMT),
            "overdue": "1",
        }
    if measure.startswith("stage."):
        return {
            "followed_from": start.strftime(_FMT),
            "followed_to": end.strftime(_FMT),
            "stage": measure.split(".", 1)[1],
        }
    return {}


class Figure(Protocol):
    """A figure function with what ``compute_ranges`` reads of it."""

    measure: str
    field: str | None
    managers: bool
    sum_field: str
    compute_ranges: Callable[..., list[dict]]
    data_since: Callable[..., dict]

    def __call__(self, *, agency_ids, unit_ids, start: dt.date, end: dt.date) -> int: ...


def _figure(measure: str, field=None, managers=False, sum_field="") -> Figure:
    def fn(*, agency_ids, unit_ids, start, end) -> int:
        return compute_ranges(
            [figure], agency_ids=agency_ids, unit_ids=unit_ids, ranges=[(start, end)]
        )[0][figure]

    figure = cast(Figure, fn)
    figure.measure, figure.field, figure.managers = measure, field, managers
    figure.sum_field = sum_field
    return figure


def _count(measure: str, field=None, managers=False) -> Figure:
    return _figure(measure, field, managers)


def _stage(stage: str) -> Figure:
    return _figure(f"stage.{stage}")


def _sum(field_name: str) -> Figure:
    return _figure("followed", sum_field=field_name)


class _QRecorder:
    """Stands in for a queryset: the filters a selector applies, as one ``Q``; a selector
    that needs more (an annotation) raises AttributeError."""

    def __init__(self):
        self.q = Q()

    def filter(self, *args, **kwargs):
        self.q &= Q(*args, **kwargs)
        return self


def _measure_q(measure: str, start: dt.date, end: dt.date) -> Q:
    """Cases in the list the selector gives for ``measure`` (any agency, any area): the
    selector's own filter when it is a plain one, else "the case is in its list"."""
    if not measure.startswith("stage."):
        try:
            return MEASURES[measure](_QRecorder(), start, end).q
        except AttributeError:
            pass
    every = Case.objects.all()
    if measure.startswith("stage."):
        qs = s.stage_on(s.followed_in(every, start, end), end, measure.split(".", 1)[1])
    else:
        qs = MEASURES[measure](every, start, end)
    return Q(pk__in=qs.order_by().values("pk"))


def _parts(measure: str, start: dt.date, end: dt.date) -> list[tuple]:
    """The marks a case needs for ``measure``: (key, condition) pairs, all to be true.
    ``carried_over`` is ``on_list`` on ``end`` and a year test (selectors.carried_over), so it
    reuses the on-the-list mark of ``on_list_end`` instead of a second list look-up."""
    if measure == "carried_over":
        return [
            ("on_list_end", start, end),
            ("carried_over_before", start.year),
        ]
    return [(measure, start, end)]


def _condition(key: tuple) -> Q:
    if key[0] == "carried_over_before":
        return Q(carried_over_from_year__lt=key[1])
    return _measure_q(*key)


def compute_ranges(
    codes: Iterable, *, agency_ids, unit_ids, ranges: Sequence[tuple[dt.date, dt.date]]
) -> list[dict]:
    """The figures (codes or figure functions) for each (start, end) of ``ranges``, in one
    query over the cases of the scope: each case is marked, for each measure and period
    needed, with whether it is in the selector's list; the cases are grouped by those marks,
    field and "with managers", and each figure adds up its groups. Keys of the result are as
    given."""
    wanted = list(dict.fromkeys(codes))
    fns: list[Figure] = [FIGURES[f] if isinstance(f, str) else f for f in wanted]
    ranges = list(ranges)
    if not ranges or not wanted:
        return [{} for _ in ranges]
    marks: dict[tuple, str] = {}
    needs: dict[tuple[str, int], list[str]] = {}
    for fn in fns:
        for i, (start, end) in enumerate(ranges):
            names = []
            for key in _parts(fn.measure, start, end):
                names.append(marks.setdefault(key, f"_m{len(marks)}"))
            needs[(fn.measure, i)] = names
    annotations = {
        name: ExpressionWrapper(_condition(key), output_field=BooleanField())
        for key, name in marks.items()
    }
    annotations["_managers"] = ExpressionWrapper(
        Q(managers_count__gt=0), output_field=BooleanField()
    )
    sum_fields = sorted({fn.sum_field for fn in fns if fn.sum_field})
    groups = list(
        _base(agency_ids, unit_ids)
        .order_by()
        .annotate(**annotations)
        .values("field", *annotations)
        .annotate(_n=Count("pk"), **{f"_sum_{f}": Sum(f) for f in sum_fields})
    )
    out = []
    for i in range(len(ranges)):
        values = {}
        for key, fn in zip(wanted, fns, strict=True):
            names = needs[(fn.measure, i)]
            total = 0
            for g in groups:
                if not all(g[name] for name in names):
                    continue
                if (fn.field and g["field"] != fn.field) or (fn.managers and not g["_managers"]):
                    continue
                total += (g[f"_sum_{fn.sum_field}"] or 0) if fn.sum_field else g["_n"]
            values[key] = int(total)
        out.append(values)
    return out


def compute_many(codes: Iterable[str], *, agency_ids, unit_ids, start, end) -> dict[str, int]:
    return compute_ranges(codes, agency_ids=agency_ids, unit_ids=unit_ids, ranges=[(start, end)])[0]


FIGURES: dict[str, Figure] = {}
for _measure in MEASURES:
    FIGURES[f"cases.{_measure}"] = _count(_measure)
    for _field, _label in Case.FIELDS:
        FIGURES[f"cases.{_field}.{_measure}"] = _count(_measure, field=_field)
FIGURES["cases.supervised"] = FIGURES["cases.on_list_end"]
FIGURES["cases.supervision_removed"] = FIGURES["cases.removed"]
FIGURES["cases.corruption"] = FIGURES["cases.corruption.on_list_end"]
FIGURES["cases.economic"] = FIGURES["cases.economic.followed"]
for _measure in ("followed", "on_list_end", "followed_end"):
    FIGURES[f"cases.economic_managers.{_measure}"] = _count(
        _measure, field=Case.ECONOMIC, managers=True
    )
for _code, _label in CaseStage.STAGES:
    FIGURES[f"cases.stage.{_code}"] = _stage(_code)
FIGURES["cases.defendants"] = _sum("defendants_count")
FIGURES["cases.defendants_managers"] = _sum("managers_count")
FIGURES["cases.defendants_party_members"] = _sum("party_members_count")
FIGURES["cases.damage_vnd"] = _sum("damage_vnd")
FIGURES["cases.recovered_vnd"] = _sum("recovered_vnd")

MONEY = {"cases.damage_vnd", "cases.recovered_vnd"}


def data_since(codes: Iterable[str]) -> dict[str, dt.date | None]:
    """The first day the case register holds anything for the figures: the earliest of the
    cases' "followed from", "arisen on" and carried-over year, of the supervision decisions
    and of the stages (``date.max`` while the register is empty; None when a case carries no
    date at all, since it then counts in every period). A period ending before it shows "—"."""
    from django.db.models import Min

    from noichinh.cases.models import SupervisionEntry

    first: dt.date | None
    if not Case.objects.exists():
        first = dt.date.max
    else:
        row = Case.objects.aggregate(
            followed=Min("followed_from"),
            arisen=Min("arisen_on"),
            year=Min("carried_over_from_year"),
        )
        found = [row["followed"], row["arisen"]]
        if row["year"]:
            found.append(dt.date(row["year"], 1, 1))
        found.append(SupervisionEntry.objects.aggregate(m=Min("date"))["m"])
        found.append(CaseStage.objects.aggregate(m=Min("started_on"))["m"])
        undated = Case.objects.filter(
            followed_from__isnull=True,
            arisen_on__isnull=True,
            carried_over_from_year__isnull=True,
            supervision_entries__isnull=True,
            stages__isnull=True,
        ).exists()
        found = [d for d in found if d]
        first = None if undated or not found else min(found)
    return {code: first for code in codes if code in FIGURES}


# What the figures count of a case besides its dates (issue 17): the field (corruption,
# economic…), the agencies and area that scope it, the carried-over year, the severity class
# (its stages' time limits, hence "overdue"), the counts of defendants and the amounts. The
# kind (vụ án / vụ việc), title, number, crimes and summary count in no figure.
COUNTED_FIELDS = (
    "field",
    "following_agency",
    "area_unit",
    "carried_over_from_year",
    "severity",
    "defendants_count",
    "managers_count",
    "party_members_count",
    "damage_vnd",
    "recovered_vnd",
)

_EARLIEST = dt.date(1990, 1, 1)  # before any record the register accepts


def counted_spans(
    case: Case, *, today: dt.date, following_agency_id=None, followed=None
) -> list[tuple[dt.date, dt.date]]:
    """The spans of days over which ``case`` counts in some figure: while it is followed
    (``followed_in``: from "followed from", or always, until "followed until" or today) and
    while it is on the supervision list (from an effective addition to the removal, or
    today). A figure of any period overlapping a span may change with the case's counted
    fields. ``following_agency_id``/``followed`` (from, until): the values to use instead of
    the case's (the state before an edit)."""
    agency_id = case.following_agency_id if following_agency_id is None else following_agency_id
    start, until = followed or (case.followed_from, case.followed_until)
    spans = []
    if agency_id:
        spans.append((start or _EARLIEST, until or today))
    on_since = None
    if case.pk:
        from noichinh.cases.models import SupervisionEntry

        for kind, day in case.supervision_entries.order_by("date", "id").values_list(
            "kind", "date"
        ):
            if kind == SupervisionEntry.ADD and on_since is None:
                on_since = day
            elif kind == SupervisionEntry.REMOVE and on_since is not None:
                spans.append((on_since, day))
                on_since = None
    if on_since is not None:
        spans.append((on_since, max(on_since, today)))
    return [(a, b) for a, b in spans if a <= b]


def span_days(spans: Iterable[tuple[dt.date, dt.date]]) -> list[dt.date]:
    """Days that meet every reporting period (a month or longer) overlapping a span: each
    span's first and last day and the first day of every month inside it. A period that
    overlaps a span either holds one of its ends or lies inside it, and then holds the first
    of a month."""
    days: set[dt.date] = set()
    for start, end in spans:
        days |= {start, end}
        month = dt.date(start.year, start.month, 1)
        while month <= end:
            if month > start:
                days.add(month)
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return sorted(days)


# The reports area finds ``compute_ranges`` on each figure function and asks for all the
# figures of this register at once, and ``data_since`` for the first day it holds data.
for _fn in FIGURES.values():
    _fn.compute_ranges = compute_ranges
    _fn.data_since = data_since

LABELS: dict[str, str] = {
    "cases.followed": "Vụ án, vụ việc theo dõi, đôn đốc trong kỳ",
    "cases.followed_end": "Còn theo dõi, đôn đốc cuối kỳ",
    "cases.on_list_start": "Thuộc diện theo dõi, chỉ đạo đầu kỳ",
    "cases.on_list_end": "Thuộc diện theo dõi, chỉ đạo cuối kỳ",
    "cases.added": "Đưa vào diện theo dõi, chỉ đạo trong kỳ",
    "cases.removed": "Đưa ra khỏi diện theo dõi, chỉ đạo trong kỳ",
    "cases.carried_over": "Thuộc diện theo dõi cuối kỳ, từ năm trước chuyển sang",
    "cases.overdue": "Có giai đoạn quá hạn cuối kỳ",
    "cases.economic_managers.followed": "Vụ án kinh tế liên quan cán bộ lãnh đạo, quản lý được theo dõi",
    "cases.economic_managers.on_list_end": "— trong đó thuộc diện Ban Thường vụ theo dõi, chỉ đạo",
    "cases.economic_managers.followed_end": "— tiếp tục theo dõi, đôn đốc cuối kỳ",
    "cases.corruption.on_list_end": "Vụ án tham nhũng thuộc diện Ban Thường vụ theo dõi, chỉ đạo",
    "cases.corruption.carried_over": "— trong đó từ năm trước chuyển sang",
    "cases.defendants": "Bị can",
    "cases.defendants_managers": "— trong đó cán bộ lãnh đạo, quản lý",
    "cases.defendants_party_members": "— trong đó đảng viên",
    "cases.damage_vnd": "Thiệt hại",
    "cases.recovered_vnd": "Đã thu hồi",
}
for _code, _label in CaseStage.STAGES:
    LABELS[f"cases.stage.{_code}"] = f"Đang ở giai đoạn {_label}"

# What the figures page shows, in this order (seed-style headline first).
HEADLINE = [
    "cases.economic_managers.followed",
    "cases.economic_managers.on_list_end",
    "cases.removed",
    "cases.economic_managers.followed_end",
    "cases.corruption.on_list_end",
    "cases.corruption.carried_over",
]
LIST_MEASURES = [
    "cases.followed",
    "cases.followed_end",
    "cases.on_list_start",
    "cases.added",
    "cases.on_list_end",
    "cases.carried_over",
    "cases.overdue",
]
SUMS = [
    "cases.defendants",
    "cases.defendants_managers",
    "cases.defendants_party_members",
    "cases.damage_vnd",
    "cases.recovered_vnd",
]
STAGE_CODES = [f"cases.stage.{c}" for c, _label in CaseStage.STAGES]


def figure_list_filters(code: str, start: dt.date, end: dt.date) -> dict | None:
    """Case-list filters giving the list this figure counts (None for sums)."""
    fn = FIGURES[code]
    if code in SUMS:
        return None
    filters = dict(list_filters(fn.measure, start, end))
    if fn.field:
        filters["field"] = fn.field
    if fn.managers:
        filters["managers"] = "1"
    return filters
