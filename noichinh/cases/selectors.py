"""Reads of the case register: lists, the supervision list "as of" a date, stages, figures.

Definitions used by the lists and by ``figures.py`` alike (one function each, so a figure is
always the count of the matching list):

- **on the list on day D**: the latest supervision entry of the case dated on or before D
  is an addition (entries are ordered by decision date; one decision per case per day), so
  the list of any past day is the same whatever order the decisions were typed in;
- **on the list at the start** of a period: on the list on the day before ``start``;
  **at the end**: on the list on ``end``;
- **added / removed in a period**: entries dated within the period that change the case's
  state (an addition of a case not on the list the day before, a removal of one that was);
  so ``on_list_end = on_list_start + added - removed``;
- **followed in a period**: the case has a following agency and its follow window
  (``followed_from`` … ``followed_until``, open ends allowed) meets the period;
  **followed at the end**: the window contains ``end``;
- **carried over**: on the list at the end and carried over from a year before the period's
  first year (``carried_over_from_year`` < ``start.year``);
- **with managers**: ``managers_count`` > 0;
- **stage at the end**: the latest stage started on or before ``end``;
- **overdue at the end**: a stage started on or before ``end`` whose due date is before
  ``end`` and that had not ended by its due date (open at ``end``, or ended late).
"""

import datetime as dt

from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Sum
from django.http import Http404

from noichinh.cases import permissions
from noichinh.cases.models import Case, CaseStage, ExplanationRequest, SupervisionEntry
from noichinh.core import clock, listing
from noichinh.core.models import TimeLimitRule
from noichinh.core.text import search_terms


# --- building blocks -----------------------------------------------------------------------
def _last_entry_kind(day: dt.date):
    return Subquery(
        SupervisionEntry.objects.filter(case=OuterRef("pk"), date__lte=day)
        .order_by("-date", "-id")
        .values("kind")[:1]
    )


def on_list(qs: QuerySet, day: dt.date) -> QuerySet:
    """Cases of ``qs`` on the supervision list on ``day``."""
    return qs.annotate(_kind_on=_last_entry_kind(day)).filter(_kind_on=SupervisionEntry.ADD)


def on_list_ids(day: dt.date) -> set[int]:
    return set(on_list(Case.objects.all(), day).values_list("pk", flat=True))


def _effective_entries(kind: str, start: dt.date, end: dt.date) -> QuerySet:
    """Entries of ``kind`` dated in the period that change the state of their case."""
    previous = Subquery(
        SupervisionEntry.objects.filter(case=OuterRef("case"), date__lt=OuterRef("date"))
        .order_by("-date", "-id")
        .values("kind")[:1]
    )
    qs = SupervisionEntry.objects.filter(kind=kind, date__gte=start, date__lte=end).annotate(
        _prev=previous
    )
    if kind == SupervisionEntry.ADD:
        return qs.filter(Q(_prev__isnull=True) | Q(_prev=SupervisionEntry.REMOVE))
    return qs.filter(_prev=SupervisionEntry.ADD)


def added_in(qs: QuerySet, start: dt.date, end: dt.date) -> QuerySet:
    """Cases added in the period (a case added twice appears once in the list)."""
    ids = _effective_entries(SupervisionEntry.ADD, start, end).values("case_id")
    return qs.filter(pk__in=ids)


def removed_in(qs: QuerySet, start: dt.date, end: dt.date) -> QuerySet:
    ids = _effective_entries(SupervisionEntry.REMOVE, start, end).values("case_id")
    return qs.filter(pk__in=ids)


def followed_in(qs: QuerySet, start: dt.date, end: dt.date) -> QuerySet:
    return qs.filter(
        Q(following_agency__isnull=False),
        Q(followed_from__isnull=True) | Q(followed_from__lte=end),
        Q(followed_until__isnull=True) | Q(followed_until__gte=start),
    )


def followed_on(qs: QuerySet, day: dt.date) -> QuerySet:
    return followed_in(qs, day, day)


def carried_over(qs: QuerySet, start: dt.date, end: dt.date) -> QuerySet:
    return on_list(qs, end).filter(carried_over_from_year__lt=start.year)


def stage_on(qs: QuerySet, day: dt.date, stage: str) -> QuerySet:
    latest = Subquery(
        CaseStage.objects.filter(case=OuterRef("pk"), started_on__lte=day)
        .order_by("-started_on", "-id")
        .values("stage")[:1]
    )
    return qs.annotate(_stage_on=latest).filter(_stage_on=stage)


def overdue_stages(day: dt.date) -> QuerySet:
    """Stages past their limit on ``day`` (as ``CaseStage.is_overdue_on``): a whole-stage limit
    by its end date; an act's limit (the decision to enforce) by the act's date."""
    for_act = Q(stage__in=CaseStage.LIMIT_FOR_AN_ACT)
    return CaseStage.objects.filter(started_on__lte=day, due_on__lt=day).filter(
        (~for_act & (Q(ended_on__isnull=True) | Q(ended_on__gt=F("due_on"))))
        | (for_act & (Q(act_on__isnull=True) | Q(act_on__gt=F("due_on"))))
    )


def overdue_on(qs: QuerySet, day: dt.date) -> QuerySet:
    return qs.filter(pk__in=overdue_stages(day).values("case_id"))


def restrict(qs: QuerySet, *, agency_ids=None, unit_ids=None) -> QuerySet:
    """The figures' restriction: an agency in charge or following, an area unit."""
    if agency_ids is not None:
        qs = qs.filter(
            Q(following_agency_id__in=agency_ids)
            | Q(pk__in=CaseStage.objects.filter(agency_id__in=agency_ids).values("case_id"))
        )
    if unit_ids is not None:
        qs = qs.filter(area_unit_id__in=unit_ids)
    return qs


def sum_of(qs: QuerySet, field: str) -> int:
    return int(Case.objects.filter(pk__in=qs.values("pk")).aggregate(s=Sum(field))["s"] or 0)


# --- lists for users -----------------------------------------------------------------------
LIST_FILTERS = (
    "q",
    "kind",
    "field",
    "severity",
    "stage",
    "agency",
    "on_list",
    "followed_from",
    "followed_to",
    "added_from",
    "added_to",
    "removed_from",
    "removed_to",
    "managers",
    "carried_over",
    "overdue",
)


def case_list(*, user, filters: dict | None = None) -> QuerySet:
    """Cases ``user`` may see, filtered. Date filters are dates (already parsed)."""
    f = filters or {}
    qs = permissions.visible_cases(user).select_related("following_agency", "area_unit")
    for word in search_terms(f.get("q")):
        qs = qs.filter(title_folded__contains=word)
    for key in ("kind", "field", "severity"):
        if f.get(key):
            qs = qs.filter(**{key: f[key]})
    if f.get("agency"):
        qs = restrict(qs, agency_ids={int(f["agency"])})
    if f.get("managers"):
        qs = qs.filter(managers_count__gt=0)
    if f.get("on_list"):
        qs = on_list(qs, f["on_list"])
    if f.get("followed_from") or f.get("followed_to"):
        qs = followed_in(
            qs, f.get("followed_from") or dt.date.min, f.get("followed_to") or dt.date.max
        )
    if f.get("added_from") and f.get("added_to"):
        qs = added_in(qs, f["added_from"], f["added_to"])
    if f.get("removed_from") and f.get("removed_to"):
        qs = removed_in(qs, f["removed_from"], f["removed_to"])
    if f.get("carried_over"):
        qs = qs.filter(carried_over_from_year__lt=int(f["carried_over"]))
    day = f.get("on_list") or f.get("followed_to") or clock.today()
    if f.get("stage"):
        qs = stage_on(qs, day, f["stage"])
    if f.get("overdue"):
        qs = overdue_on(qs, day)
    if f.get("sort"):
        return qs.order_by(*listing.sort_order(f["sort"], LIST_SORTS))
    return qs.order_by("-arisen_on", "-id")


# The list's columns an officer may sort by (?sort=key, ?sort=-key the other way).
LIST_SORTS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "field": ("field",),
    "defendants": ("defendants_count",),
    "damage": ("damage_vnd",),
    "arisen": ("arisen_on",),
}


def with_current_stage(cases, day: dt.date | None = None) -> list:
    """Attach ``current_stage`` (the stage running on ``day``, today by default) to each case,
    with ``stage_due`` (its limit as it stood on that day: extensions decided later do not
    count yet), ``stage_open`` (not ended by then) and ``is_on_list`` on that day."""
    cases = list(cases)
    today = clock.today()
    day = day or today
    latest: dict[int, CaseStage] = {}
    for stage in (
        CaseStage.objects.filter(case_id__in=[c.pk for c in cases], started_on__lte=day)
        .select_related("agency")
        .prefetch_related("extensions")
        .order_by("case_id", "started_on", "id")
    ):
        latest[stage.case_id] = stage
    listed = on_list_ids(day) if cases else set()
    for case in cases:
        current = latest.get(case.pk)
        case.current_stage = current
        case.stage_day = day
        case.stage_open = current is not None and (
            current.ended_on is None or current.ended_on > day
        )
        case.stage_due = _due_on(current, day) if current else None
        case.stage_overdue = _overdue_on(current, case.stage_due, day)
        case.is_on_list = case.pk in listed
    return cases


def _overdue_on(stage: CaseStage | None, due: dt.date | None, day: dt.date) -> bool:
    """Overdue on ``day`` against the limit as it stood then: an open stage past it; a stage
    whose limit is for an act (enforcement: the decision to enforce) while the act was not
    done by then, or was done late."""
    if stage is None or due is None:
        return False
    if stage.is_suspended and (stage.suspended_on or day) <= day:
        return False
    if stage.stage in CaseStage.LIMIT_FOR_AN_ACT:
        if stage.act_on and stage.act_on <= day:
            return stage.act_on > due
        return day > due
    if stage.ended_on and stage.ended_on <= day:
        return stage.ended_on > due
    return day > due


def _due_on(stage: CaseStage, day: dt.date) -> dt.date | None:
    """The stage's limit as it stood on ``day``."""
    if stage.suspended_on and stage.suspended_on <= day:
        if not stage.resumed_on or stage.resumed_on > day:
            return None  # suspended on that day: the limit was not running
    extensions = sorted(stage.extensions.all(), key=lambda x: (x.decision_date, x.pk))
    if not extensions or extensions[-1].decision_date <= day:
        return stage.due_on
    decided = [x for x in extensions if x.decision_date <= day]
    if decided:
        return decided[-1].due_on
    # No extension decided yet on that day: the limit before the first one, by the rule table.
    from noichinh.core import selectors as core_selectors

    try:
        return core_selectors.due_date(rule=stage.rule_code, start=stage.limit_start).due
    except Exception:  # a rule row that no longer computes: show the recorded limit
        return stage.due_on


def case_get_for_user(*, user, pk: int) -> Case:
    case = (
        permissions.visible_cases(user)
        .select_related("following_agency", "area_unit", "created_by")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404("Không tìm thấy vụ án, vụ việc.")
    return case


def case_stages(case: Case) -> list[CaseStage]:
    """The stages with ``rule_name``: the Vietnamese name of their rule (pages never show a
    rule's code). One query for the names."""
    return with_rule_names(
        list(case.stages.select_related("agency").prefetch_related("extensions"))
    )


def with_rule_names(stages: list[CaseStage]) -> list[CaseStage]:
    """Set ``rule_name`` on each stage (one query)."""
    codes = {s.rule_code for s in stages if s.rule_code}
    names = dict(
        TimeLimitRule.objects.filter(code__in=codes)
        .order_by("code", "valid_from")
        .values_list("code", "name")
    )
    for s in stages:
        s.rule_name = names.get(s.rule_code, "")  # type: ignore[attr-defined]  # shown beside it
    return stages


def current_stage(case: Case) -> CaseStage | None:
    return case.stages.select_related("agency").order_by("-started_on", "-id").first()


def progress_agency(*, user, case: Case):
    """The agency a progress report of ``user`` speaks for: their own; for the administrator
    (or an account without an agency) the agency in charge of the current stage."""
    agency = user.agency
    if permissions.is_admin(user) or agency is None:
        current = current_stage(case)
        agency = current.agency if current else agency
    return agency


def supervision_history(case: Case):
    return case.supervision_entries.select_related("decision").order_by("date", "id")


def is_on_list(case: Case, day: dt.date) -> bool:
    return on_list(Case.objects.filter(pk=case.pk), day).exists()


def timeline(case: Case) -> list[dict]:
    """Every dated event of the case, oldest first."""
    events: list[dict] = []
    if case.arisen_on:
        events.append({"date": case.arisen_on, "kind": "arisen", "text": "Phát sinh vụ việc"})
    for e in supervision_history(case):
        events.append(
            {
                "date": e.date,
                "kind": e.kind,
                "text": f"{e.get_kind_display()} theo quyết định {e.decision.number}",
            }
        )
    for s in case_stages(case):
        events.append(
            {
                "date": s.started_on,
                "kind": "stage",
                "text": f"Bắt đầu giai đoạn {s.get_stage_display()} ({s.agency})",
            }
        )
        for x in s.extensions.all():
            events.append(
                {
                    "date": x.decision_date,
                    "kind": "extension",
                    "text": f"Gia hạn {s.get_stage_display()} theo quyết định "
                    f"{x.decision_number}, hạn mới {x.due_on:%d/%m/%Y}",
                }
            )
        if s.ended_on:
            events.append(
                {
                    "date": s.ended_on,
                    "kind": "stage_end",
                    "text": f"Kết thúc giai đoạn {s.get_stage_display()}"
                    + (f": {s.outcome}" if s.outcome else ""),
                }
            )
    events.extend(escalation_events(case))
    for r in case.progress_reports.select_related("agency"):
        events.append(
            {"date": r.reported_on, "kind": "report", "text": f"Báo cáo tiến độ của {r.agency}"}
        )
    for q in case.explanation_requests.select_related("addressed_to"):
        events.append(
            {
                "date": q.requested_on,
                "kind": "request",
                "text": f"Yêu cầu {q.addressed_to} giải trình",
            }
        )
        if q.answered_on:
            events.append(
                {"date": q.answered_on, "kind": "answer", "text": f"{q.addressed_to} giải trình"}
            )
    order: dict[object, int] = {"arisen": 0, "add": 1, "remove": 1, "stage_end": 2, "stage": 3}
    events.sort(key=lambda e: (e["date"], order.get(e["kind"], 5)))
    return events


def overdue_list(*, user, day: dt.date | None = None) -> QuerySet:
    day = day or clock.today()
    return (
        overdue_stages(day)
        .filter(case__in=permissions.visible_cases(user))
        .select_related("case", "agency")
        .order_by("due_on", "id")
    )


def open_requests_for(user) -> QuerySet:
    ids = permissions.visible_agency_ids(user)
    qs = ExplanationRequest.objects.filter(answered_on__isnull=True).select_related(
        "case", "addressed_to"
    )
    if ids is not None:
        qs = qs.filter(addressed_to_id__in=ids)
    return qs


def decision_entries(*, user, q: str = "", kind: str = "", year: str = "") -> QuerySet:
    """Supervision decisions (one row per case in a decision) on the cases ``user`` may see."""
    qs = SupervisionEntry.objects.filter(case__in=permissions.visible_cases(user)).select_related(
        "decision", "case"
    )
    for word in search_terms(q):
        qs = qs.filter(Q(case__title_folded__contains=word) | Q(decision__number__icontains=word))
    if kind:
        qs = qs.filter(kind=kind)
    if year and year.isdigit():
        qs = qs.filter(date__year=int(year))
    return qs.order_by("-date", "-id")


def escalation_events(case) -> list[dict]:
    """The case's escalation notices, for its timeline (who was told, when, which rule)."""
    from noichinh.petitions.models import Escalation, EscalationRule

    rows = (
        Escalation.objects.filter(
            subject=EscalationRule.CASE_STAGE,
            object_id__in=list(case.stages.values_list("pk", flat=True)),
        )
        .select_related("rule", "recipient", "recipient_agency")
        .order_by("on_date", "id")
    )
    return [
        {
            "date": e.on_date,
            "kind": "escalation",
            "text": f"{e.rule.name}: đã báo {e.recipient}"
            + (f" ({e.recipient_agency})" if e.recipient_agency_id else ""),
        }
        for e in rows
    ]
