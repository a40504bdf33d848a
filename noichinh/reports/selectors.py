"""Reads of the reports area: periods, submissions, aggregation with comparisons, trends."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from django.db.models import Avg, Count, Q, QuerySet, Sum
from django.http import Http404

from noichinh.core.text import search_terms
from noichinh.org.models import Agency, Bloc, BlocMembership
from noichinh.reports import figures, permissions
from noichinh.reports.models import (
    CommitteePart,
    Indicator,
    LateChange,
    Period,
    ReportDocument,
    ReportType,
    ReportVersion,
    Section,
    Submission,
    SubmissionValue,
)

log = logging.getLogger(__name__)

# --- periods -------------------------------------------------------------------------------


def period_list(
    *, q: str = "", kind: str = "", year: str = "", status: str = "", report_type: str = ""
) -> QuerySet[Period]:
    qs = Period.objects.select_related("report_type").prefetch_related("blocs")
    for term in search_terms(q):
        qs = qs.filter(title_folded__contains=term)
    if kind:
        qs = qs.filter(kind=kind)
    if year and str(year).isdigit():
        qs = qs.filter(year=int(year))
    if status:
        qs = qs.filter(status=status)
    if report_type:
        qs = qs.filter(report_type__code=report_type)
    return qs.order_by("-end", "kind")


def period_get(*, pk: int) -> Period:
    try:
        return Period.objects.select_related("report_type").get(pk=pk)
    except (Period.DoesNotExist, ValueError, TypeError):
        raise Http404


def period_range(
    report_type: ReportType, kind: str, year: int, number: int | None
) -> tuple[dt.date, dt.date]:
    return report_type.cutoff(*Period(kind=kind, year=year, number=number).nominal_months())


def period_find(report_type: ReportType, key: tuple | None) -> Period | None:
    if key is None:
        return None
    kind, year, number = key
    return Period.objects.filter(
        report_type=report_type, kind=kind, year=year, number=number
    ).first()


def period_title(kind: str, year: int, number: int | None) -> str:
    return Period(kind=kind, year=year, number=number).title


# --- indicators and submissions ---------------------------------------------------------------


def indicators_for_agency(agency: Agency) -> list[Indicator]:
    return [
        ind
        for ind in Indicator.objects.filter(active=True, source=Indicator.ENTERED).select_related(
            "section", "parent"
        )
        if ind.applies_to(agency)
    ]


def agency_in_period(period: Period, agency: Agency) -> bool:
    """Whether ``agency`` (or the agency above it) belongs to one of the period's blocs."""
    for bloc in period.blocs.all():
        for member in permissions.bloc_agency_ids(bloc.pk, period.end):
            if agency.pk in permissions.agency_subtree_ids(member):
                return True
    return False


def submission_get_for_user(*, user, pk: int) -> Submission:
    try:
        sub = Submission.objects.select_related("period", "period__report_type", "agency").get(
            pk=pk
        )
    except (Submission.DoesNotExist, ValueError, TypeError):
        raise Http404
    if not permissions.can_view_submission(user, sub):
        raise Http404
    return sub


def submission_values(submission: Submission | None) -> dict[str, Decimal]:
    if submission is None or submission.pk is None:
        return {}
    return {
        code: value for code, value in submission.values.values_list("indicator__code", "value")
    }


def previous_values(period: Period, agency: Agency) -> dict[str, Decimal]:
    """The agency's approved figures of the previous period (for the jump check)."""
    prev = period_find(period.report_type, period.previous_key()) or period_find(
        period.report_type, period.same_last_year_key()
    )
    if prev is None:
        return {}
    sub = Submission.objects.filter(period=prev, agency=agency).first()
    return submission_values(sub)


# --- scope ---------------------------------------------------------------------------------


@dataclass
class Scope:
    label: str
    bloc_ids: list[int] = field(default_factory=list)
    agency_ids: set[int] | None = None  # None: every agency
    member_ids: list[int] = field(default_factory=list)  # agencies expected to submit
    unit_ids: set[int] | None = None
    whole_province: bool = False


def _subtrees(agency_ids) -> dict[int, set[int]]:
    """Each agency of ``agency_ids`` with every agency below it, from one query."""
    children: dict[int, list[int]] = defaultdict(list)
    for pk, parent_id in Agency.objects.filter(parent__isnull=False).values_list("id", "parent_id"):
        children[parent_id].append(pk)
    out = {}
    for agency_id in agency_ids:
        ids, frontier = {agency_id}, [agency_id]
        while frontier:
            frontier = [c for a in frontier for c in children[a] if c not in ids]
            ids.update(frontier)
        out[agency_id] = ids
    return out


def scope_for_blocs(period: Period, blocs: list[Bloc]) -> Scope:
    """The blocs' member agencies on the period's end and every agency below them (two
    queries whatever the number of blocs and agencies)."""
    blocs = sorted(blocs, key=lambda b: b.pk)  # the order they were set up: Nội chính first
    by_bloc: dict[int, set[int]] = defaultdict(set)
    for bloc_id, agency_id in BlocMembership.objects.filter(
        BlocMembership.valid_on_q(period.end), bloc_id__in=[b.pk for b in blocs]
    ).values_list("bloc_id", "agency_id"):
        by_bloc[bloc_id].add(agency_id)
    members: list[int] = []
    for bloc in blocs:
        for agency_id in by_bloc[bloc.pk]:
            if agency_id not in members:
                members.append(agency_id)
    agency_ids: set[int] = set()
    for ids in _subtrees(members).values() if members else ():
        agency_ids |= ids
    names = [b.name.replace("Khối", "khối") for b in blocs]
    label = ", ".join(names[:-1]) + (" và " if len(names) > 1 else "") + names[-1] if names else ""
    return Scope(
        label=label, bloc_ids=[b.pk for b in blocs], agency_ids=agency_ids, member_ids=members
    )


def scope_province(period: Period) -> Scope:
    members = list(
        Agency.objects.filter(Agency.valid_on_q(period.end), parent__isnull=True).values_list(
            "id", flat=True
        )
    )
    return Scope(label="toàn tỉnh", agency_ids=None, member_ids=members, whole_province=True)


def submission_status_by_agency(period: Period, scope: Scope) -> list[dict]:
    """Each agency expected to submit, with its submission's state (the secretariat's view)."""
    subs = {
        s.agency_id: s
        for s in Submission.objects.filter(period=period, agency_id__in=scope.member_ids)
    }
    reminders: defaultdict[int, int] = defaultdict(int)
    for agency_id in period.reminders.filter(agency_id__in=scope.member_ids).values_list(
        "agency_id", flat=True
    ):
        reminders[agency_id] += 1
    rows = []
    for agency in Agency.objects.filter(id__in=scope.member_ids).order_by("name"):
        sub = subs.get(agency.pk)
        rows.append(
            {
                "agency": agency,
                "submission": sub,
                "status": sub.get_status_display() if sub else "Chưa có báo cáo",
                "done": bool(sub and sub.status in (Submission.SUBMITTED, Submission.APPROVED)),
                "approved": bool(sub and sub.status == Submission.APPROVED),
                "reminders": reminders[agency.pk],
            }
        )
    return rows


# --- aggregation ---------------------------------------------------------------------------


def _num(value):
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else value


def _change(current, other):
    if current is None or other is None:
        return None, None
    diff = Decimal(current) - Decimal(other)
    pct = (diff / Decimal(other) * 100) if other else None
    return _num(diff), (float(pct) if pct is not None else None)


@dataclass
class Row:
    indicator: Indicator
    value: object = None
    previous: object = None
    last_year: object = None
    available: bool = True  # False: computed without a source yet
    agencies: int = 0  # agencies whose approved figures are counted
    # (approved, expected): the scope's agencies reporting this entered indicator whose
    # figures are approved, of those expected; set only when some are missing.
    coverage: tuple[int, int] | None = None
    province_wide: bool = False  # a register figure of the whole province in a bloc report

    @property
    def change_previous(self):
        return _change(self.value, self.previous)

    @property
    def change_last_year(self):
        return _change(self.value, self.last_year)


@dataclass
class Aggregate:
    period: Period
    scope: Scope
    previous_title: str | None
    last_year_title: str
    sections: list[tuple[Section, list[Row]]]
    statuses: list[dict]

    def row(self, code: str) -> Row | None:
        for _section, rows in self.sections:
            for row in rows:
                if row.indicator.code == code:
                    return row
        return None

    @property
    def missing(self) -> list[dict]:
        return [s for s in self.statuses if not s["approved"]]


def _entered_sums(period_ids: list[int], scope: Scope) -> dict[tuple[int, int], dict]:
    qs = SubmissionValue.objects.filter(
        submission__period_id__in=period_ids, submission__status=Submission.APPROVED
    )
    if scope.agency_ids is not None:
        qs = qs.filter(submission__agency_id__in=scope.agency_ids)
    out: dict[tuple[int, int], dict] = {}
    for row in qs.values("submission__period_id", "indicator_id").annotate(
        total=Sum("value"), mean=Avg("value"), n=Count("id")
    ):
        out[(row["submission__period_id"], row["indicator_id"])] = dict(row)
    return out


def _figure_code(indicator: Indicator) -> str:
    return indicator.figure_code or indicator.code


def _computed_values(
    indicators: list[Indicator], scope: Scope, ranges: list[tuple[dt.date, dt.date]]
) -> dict[str, list[tuple[object, bool]]]:
    """The register figures of ``indicators`` over each range, computed together: a few
    queries per register whatever the number of indicators, agencies and ranges. A
    ``province_wide`` indicator is computed over every agency, whatever the scope. A range
    that ends before the register's first record has no value (None: "—"), not 0."""
    out: dict[str, list[tuple[object, bool]]] = {}
    groups = [
        ([i for i in indicators if not i.province_wide], scope.agency_ids, scope.unit_ids),
        ([i for i in indicators if i.province_wide], None, None),
    ]
    if scope.agency_ids is None and scope.unit_ids is None:
        groups = [(indicators, None, None)]
    for group, agency_ids, unit_ids in groups:
        if not group:
            continue
        got = figures.compute(
            [_figure_code(ind) for ind in group],
            agency_ids=agency_ids,
            unit_ids=unit_ids,
            ranges=ranges,
        )
        for code, values in got.items():
            out[code] = [(_num(v), ok) for v, ok in values]
    since = figures.data_since(out)
    for code, values in out.items():
        first = since.get(code)
        if first is None:
            continue
        out[code] = [
            (None if end < first else value, ok)
            for (value, ok), (_start, end) in zip(values, ranges, strict=True)
        ]
    return out


def aggregate(period: Period, scope: Scope, *, with_statuses: bool = True) -> Aggregate:
    """Every indicator summed over the scope's agencies (approved submissions) or computed
    live from the registers over the cut-off dates, beside the previous period and the same
    period of the previous year. Percentages are averaged over the reporting agencies."""
    rt = period.report_type
    prev_key, ly_key = period.previous_key(), period.same_last_year_key()
    prev_period, ly_period = period_find(rt, prev_key), period_find(rt, ly_key)
    ranges = {
        "value": (period.start, period.end),
        "previous": period_range(rt, *prev_key) if prev_key else None,
        "last_year": period_range(rt, *ly_key),
    }
    ids = {"value": period.pk}
    if prev_period:
        ids["previous"] = prev_period.pk
    if ly_period:
        ids["last_year"] = ly_period.pk
    sums = _entered_sums(list(ids.values()), scope)

    if scope.agency_ids is None:
        kinds = None
    else:
        kinds = set(Agency.objects.filter(id__in=scope.agency_ids).values_list("kind", flat=True))
    indicators = list(Indicator.objects.filter(active=True).select_related("section", "parent"))
    given = {attr: rng for attr, rng in ranges.items() if rng is not None}
    attrs = list(given)
    computed = _computed_values(
        [ind for ind in indicators if ind.is_computed], scope, list(given.values())
    )
    sections: dict[int, tuple[Section, list[Row]]] = {}
    for ind in indicators:
        if not ind.is_computed and kinds is not None and ind.agency_kinds:
            if not kinds & set(ind.agency_kinds):
                continue
        row = Row(indicator=ind)
        if ind.is_computed:
            for attr, (value, ok) in zip(attrs, computed[_figure_code(ind)], strict=True):
                setattr(row, attr, value)
                row.available = ok
        else:
            for attr, pid in ids.items():
                found = sums.get((pid, ind.pk))
                if found:
                    setattr(row, attr, _num(found["mean"] if ind.is_percent else found["total"]))
                    if attr == "value":
                        row.agencies = found["n"]
                        if ind.is_percent:
                            row.value = _num(Decimal(found["mean"]).quantize(Decimal("0.1")))
        row.province_wide = ind.is_computed and ind.province_wide and not scope.whole_province
        sections.setdefault(ind.section_id, (ind.section, []))[1].append(row)
    ordered = sorted(sections.values(), key=lambda item: (item[0].order, item[0].code))
    parts = committee_parts(scope)
    if parts:
        ordered = _regroup(ordered, parts)
    statuses = submission_status_by_agency(period, scope) if with_statuses else []
    if statuses:
        _mark_coverage(ordered, statuses)
    return Aggregate(
        period=period,
        scope=scope,
        previous_title=period_title(*prev_key) if prev_key else None,
        last_year_title=period_title(*ly_key),
        sections=ordered,
        statuses=statuses,
    )


def committee_parts(scope: Scope) -> list[CommitteePart]:
    """The parts of a steering committee's report when every bloc of ``scope`` is a committee
    with its own catalogue of parts; [] otherwise (the blocs' sections)."""
    if scope.whole_province or not scope.bloc_ids:
        return []
    parts = list(
        CommitteePart.objects.filter(bloc_id__in=scope.bloc_ids)
        .select_related("bloc")
        .prefetch_related("indicators")
        .order_by("bloc_id", "order", "id")
    )
    if {p.bloc_id for p in parts} != set(scope.bloc_ids):
        return []
    return parts


def _regroup(sections, parts: list[CommitteePart]):
    """The rows of ``sections`` placed in the committee's parts: each indicator in the first
    part that lists it, a "Trong đó" row with its parent; rows of no part are left out."""
    where: dict[int, int] = {}
    for index, part in enumerate(parts):
        for ind in part.indicators.all():
            where.setdefault(ind.pk, index)
    grouped: list[list[Row]] = [[] for _ in parts]
    for _section, rows in sections:
        for row in rows:
            found = where.get(row.indicator.pk)
            if found is None and row.indicator.parent_id is not None:
                found = where.get(row.indicator.parent_id)
            if found is not None:
                grouped[found].append(row)
    return [(part, rows) for part, rows in zip(parts, grouped, strict=True) if rows]


def _mark_coverage(sections, statuses: list[dict]) -> None:
    """Mark each entered row whose figure counts only some of the agencies expected to
    report it ("2/9 cơ quan đã gửi"): its comparison with a fully reported period is not
    like with like."""
    for _section, rows in sections:
        for row in rows:
            if row.indicator.is_computed:
                continue
            expected = [s for s in statuses if row.indicator.applies_to(s["agency"])]
            approved = sum(1 for s in expected if s["approved"])
            if expected and approved < len(expected):
                row.coverage = (approved, len(expected))


def narratives(period: Period, scope: Scope) -> list[Submission]:
    qs = Submission.objects.filter(period=period, status=Submission.APPROVED).select_related(
        "agency"
    )
    if scope.agency_ids is not None:
        qs = qs.filter(agency_id__in=scope.agency_ids)
    return list(qs.order_by("agency__name"))


def breakdown_by_agency(period: Period, scope: Scope, indicator: Indicator) -> list[tuple]:
    """(agency, value) of an indicator in the period, largest first, zeros left out: an
    entered indicator from the approved submissions; a register indicator computed for each
    agency expected to report (with the agencies below it)."""
    if indicator.is_computed:
        return _computed_by_agency(period, scope, indicator)
    qs = SubmissionValue.objects.filter(
        submission__period=period, submission__status=Submission.APPROVED, indicator=indicator
    )
    if scope.agency_ids is not None:
        qs = qs.filter(submission__agency_id__in=scope.agency_ids)
    rows = qs.select_related("submission__agency").order_by("-value")
    return [(v.submission.agency, _num(v.value)) for v in rows]


def _computed_by_agency(period: Period, scope: Scope, indicator: Indicator) -> list[tuple]:
    members = list(Agency.objects.filter(id__in=scope.member_ids))
    subtrees = _subtrees([a.pk for a in members])
    out = []
    for agency in members:
        got = figures.compute(
            [_figure_code(indicator)],
            agency_ids=subtrees[agency.pk],
            unit_ids=scope.unit_ids,
            ranges=[(period.start, period.end)],
        )
        value, ok = got[_figure_code(indicator)][0]
        if ok and value:
            out.append((agency, _num(value)))
    out.sort(key=lambda item: (-Decimal(item[1]), item[0].name))
    return out


def trend(period: Period, scope: Scope, indicator: Indicator, count: int = 5) -> list[tuple]:
    """(title, value) over the ``count`` periods of the same kind ending with ``period``."""
    keys: list[tuple] = []
    key: tuple = (period.kind, period.year, period.number)
    for _ in range(count):
        keys.append(key)
        if key[0] == Period.QUARTER:
            key = (Period.QUARTER, key[1] - 1, 4) if key[2] == 1 else (key[0], key[1], key[2] - 1)
        else:
            key = (key[0], key[1] - 1, key[2])
    keys.reverse()
    rt = period.report_type
    out = []
    if indicator.is_computed:
        ranges = [period_range(rt, *k) for k in keys]
        values = _computed_values([indicator], scope, ranges)[_figure_code(indicator)]
        for k, (value, ok) in zip(keys, values, strict=True):
            out.append((period_title(*k), value if ok else None))
        return out
    found = {(p.kind, p.year, p.number): p.pk for p in Period.objects.filter(report_type=rt)}
    pids = [found[k] for k in keys if k in found]
    sums = _entered_sums(pids, scope)
    for k in keys:
        pid = found.get(k)
        got = sums.get((pid, indicator.pk)) if pid is not None else None
        value = None
        if got:
            value = _num(got["mean"] if indicator.is_percent else got["total"])
        out.append((period_title(*k), value))
    return out


def chart_indicators(agg: Aggregate) -> list[Row]:
    """Indicators worth a chart: those with a value this period, computed ones first."""
    rows = [r for _s, rows in agg.sections for r in rows if r.value not in (None, 0)]
    rows.sort(key=lambda r: (not r.indicator.is_computed, r.indicator.section.order))
    return rows


def pending_for_agency(agency_id: int | None) -> QuerySet[Period]:
    """Open periods where the agency still has to submit (dashboard)."""
    if not agency_id:
        return Period.objects.none()
    done = Submission.objects.filter(
        agency_id=agency_id, status__in=[Submission.SUBMITTED, Submission.APPROVED]
    ).values("period_id")
    blocs = Bloc.objects.filter(memberships__agency_id=agency_id).values("id")
    return (
        Period.objects.filter(status=Period.OPEN, blocs__in=blocs)
        .exclude(id__in=done)
        .distinct()
        .order_by("end")
    )


def awaiting_approval(agency_id: int | None) -> QuerySet[Submission]:
    if not agency_id:
        return Submission.objects.none()
    return Submission.objects.filter(agency_id=agency_id, status=Submission.SUBMITTED).filter(
        ~Q(period__status=Period.PLANNED)
    )


# --- issued versions --------------------------------------------------------------------------


def version_changes(versions) -> list[dict]:
    """For each version after the first, the figures that differ from the version before
    (figure by figure, as frozen): [{version, previous, rows: [(name, before, after)]}]."""
    out = []
    for before, after in zip(versions, versions[1:], strict=False):
        rows = []
        for code, new in after.figures.items():
            old = before.figures.get(code)
            if old is None:
                rows.append((new["name"], "—", new["text"]))
            elif (old.get("value"), old.get("available")) != (
                new.get("value"),
                new.get("available"),
            ):
                rows.append((new["name"], old["text"], new["text"]))
        for code, old in before.figures.items():
            if code not in after.figures:
                rows.append((old["name"], old["text"], "—"))
        out.append({"version": after, "previous": before, "rows": rows})
    return out


# --- closed periods: late changes and the adjustments of the next report -----------------------


def late_changes(period: Period) -> QuerySet[LateChange]:
    return period.late_changes.select_related("actor", "agency", "period").order_by("at", "id")


@dataclass
class Adjustments:
    """What changed in the previous period after it was closed ("số liệu điều chỉnh kỳ
    trước"): the late changes recorded against it and, when a report of it was issued for
    the same scope, each figure as issued against the figure now."""

    period: Period
    changes: list[LateChange]
    version: ReportVersion | None = None
    rows: list[tuple[Row, object]] = field(default_factory=list)  # (row now, value issued)
    # Late changes of older closed periods, not yet reported by an issued report.
    earlier: list[LateChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changes or self.rows or self.earlier)


def _issued_version(period: Period, scope: Scope) -> ReportVersion | None:
    docs = period.documents.filter(whole_province=scope.whole_province).prefetch_related("blocs")
    for doc in docs.order_by("-created_at"):
        if scope.whole_province or {b.pk for b in doc.blocs.all()} == set(scope.bloc_ids):
            version = doc.versions.defer("docx", "pdf", "xlsx", "text").order_by("-number")
            if version.exists():
                return version.first()
    return None


def _last_issued_at(period: Period, scope: Scope):
    """When the last report of ``period``'s type over a period before it was issued for the
    same scope (None: never): the late changes recorded until then were reported in it."""
    docs = ReportDocument.objects.filter(
        period__report_type=period.report_type,
        period__end__lt=period.start,
        whole_province=scope.whole_province,
    ).prefetch_related("blocs")
    latest = None
    for doc in docs:
        if not scope.whole_province and {b.pk for b in doc.blocs.all()} != set(scope.bloc_ids):
            continue
        at = doc.versions.order_by("-created_at").values_list("created_at", flat=True).first()
        if at is not None and (latest is None or at > latest):
            latest = at
    return latest


def earlier_late_changes(period: Period, scope: Scope, *, besides: Period | None):
    """The late changes of the closed periods of ``period``'s type ended before it (other than
    ``besides``, reported on its own) recorded since the last issued report: not yet
    reported anywhere, to be listed once in ``period``'s report with their period named."""
    qs = LateChange.objects.filter(
        period__report_type=period.report_type,
        period__end__lt=period.start,
        period__status=Period.CLOSED,
    )
    if besides is not None:
        qs = qs.exclude(period=besides)
    since = _last_issued_at(period, scope)
    if since is not None:
        qs = qs.filter(at__gt=since)
    return list(qs.select_related("actor", "agency", "period").order_by("period__end", "at", "id"))


def previous_adjustments(period: Period, scope: Scope) -> Adjustments | None:
    """The adjustments of the period before ``period`` (the quarter before; for other kinds
    the same period of the year before), to be reported in ``period``'s report, and the late
    changes of older closed periods not yet reported by an issued report."""
    key = period.previous_key() or period.same_last_year_key()
    prev = period_find(period.report_type, key)
    earlier = earlier_late_changes(period, scope, besides=prev)
    if prev is None:
        if not earlier:
            return None
        return Adjustments(period=earlier[-1].period, changes=[], earlier=earlier)
    out = Adjustments(period=prev, changes=list(late_changes(prev)), earlier=earlier)
    version = _issued_version(prev, scope)
    if version is not None and out.changes:
        out.version = version
        if scope.whole_province:
            prev_scope = scope_province(prev)
        else:
            prev_scope = scope_for_blocs(prev, list(prev.blocs.filter(pk__in=scope.bloc_ids)))
        now = aggregate(prev, prev_scope, with_statuses=False)
        for _section, rows in now.sections:
            for row in rows:
                frozen = version.figures.get(row.indicator.code)
                if frozen is None or not row.available:
                    continue
                issued = frozen.get("value")
                issued = Decimal(str(issued)) if issued is not None else None
                current = Decimal(str(row.value)) if row.value is not None else None
                if issued != current:
                    out.rows.append((row, _num(issued) if issued is not None else None))
    return out


# --- awards by level and form ---------------------------------------------------------------


def award_breakdown(period: Period, scope: Scope) -> list[dict]:
    """The recipients of award decisions signed in the period, by who awarded them and the
    form (Bằng khen of the Minister, Giấy khen of the police Director…), from the awards
    register over the scope's agencies: [{issuer, form, collectives, individuals}], in the
    order of the register's levels, only those awarded."""
    from noichinh.briefings.models import AwardDecision

    keys = [
        (issuer, form) for issuer, _i in AwardDecision.ISSUERS for form, _f in AwardDecision.FORMS
    ]
    codes = [f"awards.{i}.{f}.{kind}" for i, f in keys for kind in ("collectives", "individuals")]
    got = figures.compute(
        codes,
        agency_ids=scope.agency_ids,
        unit_ids=scope.unit_ids,
        ranges=[(period.start, period.end)],
    )
    issuers, forms = dict(AwardDecision.ISSUERS), dict(AwardDecision.FORMS)
    out = []
    for issuer, form in keys:
        collectives, ok_c = got[f"awards.{issuer}.{form}.collectives"][0]
        individuals, ok_i = got[f"awards.{issuer}.{form}.individuals"][0]
        if not (ok_c and ok_i) or not (collectives or individuals):
            continue
        out.append(
            {
                "issuer_code": issuer,
                "issuer": issuers[issuer],
                "form": forms[form],
                "collectives": int(cast(int, collectives) or 0),
                "individuals": int(cast(int, individuals) or 0),
            }
        )
    return out
