"""Reads of the briefings area: lists with access checks, overlaps, summaries, figures."""

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from noichinh.briefings import permissions
from noichinh.briefings.figures import plan_overlaps  # noqa: F401  (views read it here)
from noichinh.briefings.models import (
    AwardDecision,
    AwardRecipient,
    Conference,
    ConferenceFigure,
    InspectionPlan,
    Movement,
    Task,
    TaskUpdate,
)
from noichinh.core import clock, xlsx
from noichinh.core.text import fold, search_terms
from noichinh.org.models import Agency

XLSX_HEADER = (
    "Mã nhiệm vụ",
    "Mục",
    "Nội dung nhiệm vụ",
    "Cơ quan chủ trì",
    "Hạn hoàn thành",
    "Tình trạng",
    "Kết quả, tiến độ mới",
    "Đề nghị hoàn thành (x)",
)


def _search(qs: QuerySet, query: str, field: str) -> QuerySet:
    for term in search_terms(query):
        qs = qs.filter(**{f"{field}__contains": term})
    return qs


# --- conferences --------------------------------------------------------------------------


def conference_list(*, user, q: str = "", bloc: str = "", year: str = "") -> QuerySet[Conference]:
    qs: QuerySet = Conference.objects.prefetch_related("blocs").annotate(
        task_count=Count("tasks", filter=Q(tasks__withdrawn_at__isnull=True))
    )
    qs = _search(qs, q, "title_folded")
    if bloc:
        qs = qs.filter(blocs__code=bloc)
    if year and str(year).isdigit():
        qs = qs.filter(date__year=int(year))
    return qs.order_by("-date", "-id")


def conference_get_for_user(*, user, pk: int) -> Conference:
    conference = (
        Conference.objects.select_related("notice")
        .prefetch_related("blocs", "attendee_agencies", "figures")
        .filter(pk=pk)
        .first()
    )
    if conference is None or not user.is_authenticated:
        raise Http404
    return conference


def conference_tasks(*, user, conference: Conference) -> QuerySet[Task]:
    qs = conference.tasks.select_related("lead_agency").prefetch_related("coordinators")
    return permissions.visible_tasks(user, qs).order_by("id")


def carried_tasks(*, user, conference: Conference) -> QuerySet[Task]:
    qs = conference.carried_tasks.select_related("lead_agency", "conference")
    return permissions.visible_tasks(user, qs).order_by("deadline", "id")


# --- tasks --------------------------------------------------------------------------------


def task_list(
    *,
    user,
    q: str = "",
    state: str = "",
    agency: str = "",
    conference: str = "",
    view: str = "",
    today: dt.date | None = None,
) -> QuerySet[Task]:
    today = today or clock.today()
    qs: QuerySet = Task.objects.select_related("lead_agency", "conference").prefetch_related(
        "coordinators"
    )
    qs = permissions.visible_tasks(user, qs)
    qs = _search(qs, q, "text_folded")
    if state in dict(Task.STATES):
        qs = qs.filter(Task.state_q(state, today))
    if view == "overdue":
        qs = qs.filter(Task.overdue_q(today))
    elif view == "soon":
        qs = qs.filter(Task.due_soon_q(today))
    if agency and str(agency).isdigit():
        ids = permissions.agency_subtree_ids(int(agency))
        qs = qs.filter(
            id__in=Task.objects.filter(
                Q(lead_agency_id__in=ids) | Q(coordinators__id__in=ids)
            ).values("id")
        )
    if conference and str(conference).isdigit():
        qs = qs.filter(conference_id=int(conference))
    return qs.order_by("deadline", "id")


def task_get_for_user(*, user, pk: int) -> Task:
    task = (
        Task.objects.select_related("lead_agency", "conference", "unit")
        .prefetch_related(
            "coordinators",
            Prefetch("updates", queryset=TaskUpdate.objects.select_related("author", "agency")),
        )
        .filter(pk=pk)
        .first()
    )
    if task is None or not permissions.can_view_task(user, task):
        raise Http404
    return task


def task_update_get_for_user(*, user, pk: int) -> TaskUpdate:
    update = TaskUpdate.objects.select_related("task").filter(pk=pk).first()
    if update is None or not update.attachment or not permissions.can_view_task(user, update.task):
        raise Http404
    return update


def task_counts(*, user, today: dt.date | None = None) -> dict:
    today = today or clock.today()
    qs = permissions.visible_tasks(user, Task.objects.all())
    return qs.aggregate(
        overdue=Count("id", filter=Task.overdue_q(today)),
        soon=Count("id", filter=Task.due_soon_q(today)),
        open=Count("id", filter=Task.open_q()),
        proposed=Count("id", filter=Q(status=Task.PROPOSED)),
    )


def tasks_progress_xlsx(*, user) -> bytes:
    """The sheet an agency fills in to update its tasks' progress in bulk."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Nhiệm vụ"
    sheet.append(XLSX_HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    qs = task_list(user=user).filter(Task.open_q())
    for task in qs:
        sheet.append(
            [
                task.pk,
                task.item_no,
                task.text,
                task.lead_display,
                task.deadline_display,
                task.state_label,
                "",
                "",
            ]
        )
    for column, width in zip("ABCDEFGH", (12, 6, 70, 28, 14, 20, 50, 14), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    return xlsx.to_bytes(workbook)


# --- awards -------------------------------------------------------------------------------


def movement_list() -> QuerySet[Movement]:
    return Movement.objects.all().order_by("-year", "name")


def award_decision_list(
    *, q: str = "", movement: str = "", issuer: str = "", form: str = "", year: str = ""
) -> QuerySet[AwardDecision]:
    qs = AwardDecision.objects.select_related("movement").annotate(
        collectives=Count("recipients", filter=Q(recipients__kind=AwardRecipient.COLLECTIVE)),
        individuals=Count("recipients", filter=Q(recipients__kind=AwardRecipient.INDIVIDUAL)),
    )
    if q:
        ids = _search(AwardRecipient.objects.all(), q, "name_folded").values("decision_id")
        qs = qs.filter(Q(id__in=ids) | Q(number__icontains=q.strip()))
    if movement and str(movement).isdigit():
        qs = qs.filter(movement_id=int(movement))
    if issuer:
        qs = qs.filter(issuer_level=issuer)
    if form:
        qs = qs.filter(form=form)
    if year and str(year).isdigit():
        qs = qs.filter(signed_on__year=int(year))
    return qs.order_by("-signed_on", "id")


def award_summary(*, decisions: QuerySet[AwardDecision]) -> list[dict]:
    """Counts of collectives and individuals by issuer and form, computed from recipients."""
    rows = (
        AwardRecipient.objects.filter(
            decision__in=decisions.values("id"), decision__withdrawn_at__isnull=True
        )
        .values("decision__issuer_level", "decision__form", "kind")
        .annotate(n=Count("id"))
    )
    table: dict[tuple[str, str], dict] = {}
    issuers, forms = dict(AwardDecision.ISSUERS), dict(AwardDecision.FORMS)
    for row in rows:
        key = (row["decision__issuer_level"], row["decision__form"])
        entry = table.setdefault(
            key,
            {
                "issuer_level": key[0],
                "issuer": issuers.get(key[0], key[0]),
                "form_code": key[1],
                "form": forms.get(key[1], key[1]),
                "collectives": 0,
                "individuals": 0,
            },
        )
        entry["collectives" if row["kind"] == AwardRecipient.COLLECTIVE else "individuals"] += row[
            "n"
        ]
    order = {code: i for i, (code, _label) in enumerate(AwardDecision.ISSUERS)}
    return sorted(table.values(), key=lambda e: (order.get(e["issuer_level"], 99), e["form"]))


def award_decision_get(*, user, pk: int) -> AwardDecision:
    """A decision of the register; a withdrawn one only for those who manage the register
    (they see it marked as withdrawn, with its history)."""
    manager = (
        AwardDecision.all_objects
        if permissions.can_manage_awards(user) or permissions.is_admin(user)
        else AwardDecision.objects
    )
    decision = (
        manager.select_related("movement", "conference", "agency", "withdrawn_by")
        .prefetch_related("recipients")
        .filter(pk=pk)
        .first()
    )
    if decision is None or not user.is_authenticated:
        raise Http404
    return decision


# --- inspection plans ---------------------------------------------------------------------


def plan_list(*, user, q: str = "", year: str = "", agency: str = "") -> QuerySet[InspectionPlan]:
    qs: QuerySet = InspectionPlan.objects.select_related("agency", "target_agency", "unit")
    qs = permissions.visible_plans(user, qs)
    qs = _search(qs, q, "subject_folded")
    if year and str(year).isdigit():
        qs = qs.filter(year=int(year))
    if agency and str(agency).isdigit():
        qs = qs.filter(agency_id=int(agency))
    return qs.order_by("-year", "agency__name", "id")


def plan_overlaps_for_draft(
    *, agency_id: int | None, year: int | None, target_agency_id=None, unit_id=None
) -> list[InspectionPlan]:
    """While a plan is being filled: other agencies' plans on the same target in the year."""
    if not year or not (target_agency_id or unit_id):
        return []
    same = Q()
    if target_agency_id:
        same |= Q(target_agency_id=target_agency_id)
    if unit_id:
        same |= Q(unit_id=unit_id)
    qs = InspectionPlan.objects.filter(same, year=year).select_related(
        "agency", "target_agency", "unit"
    )
    if agency_id:
        qs = qs.exclude(agency_id=agency_id)
    return list(qs.order_by("agency__name", "id")[:20])


def plan_get_for_user(*, user, pk: int) -> InspectionPlan:
    plan = (
        InspectionPlan.objects.select_related("agency", "target_agency", "unit")
        .filter(pk=pk)
        .first()
    )
    if plan is None or not permissions.can_view_plan(user, plan):
        raise Http404
    return plan


# --- figures per agency -------------------------------------------------------------------


def figures_by_agency(
    *, user, start: dt.date, end: dt.date, unit_ids: set[int] | None, codes: list[str]
) -> tuple[list[dict], list]:
    """One row per agency the user may see (that has any non-zero figure), and the totals."""
    from noichinh.briefings.figures import FIGURES

    visible = permissions.visible_agency_ids(user)
    agencies = Agency.objects.order_by("name")
    if visible is not None:
        agencies = agencies.filter(id__in=visible)
    rows = []
    for agency in agencies:
        ids = {agency.id}
        values = [
            FIGURES[code](agency_ids=ids, unit_ids=unit_ids, start=start, end=end) for code in codes
        ]
        if any(values):
            rows.append({"agency": agency, "values": values})
    total = [
        FIGURES[code](agency_ids=visible, unit_ids=unit_ids, start=start, end=end) for code in codes
    ]
    return rows, total


# --- history ------------------------------------------------------------------------------

ACTION_LABELS = {
    "create": "Tạo mới",
    "update": "Cập nhật",
    "delete": "Xóa",
    "withdraw": "Thu hồi",
    "restore": "Khôi phục",
    "remind": "Nhắc hạn",
}


def record_history(obj) -> list[dict]:
    """The audit entries of one record, oldest first, with the action named in Vietnamese."""
    from noichinh.core.models import AuditEntry

    entries = AuditEntry.objects.filter(
        model=obj._meta.label_lower, object_id=str(obj.pk)
    ).order_by("id")
    return [
        {
            "at": e.at,
            "actor": e.actor_name,
            "action": e.action,
            "label": ACTION_LABELS.get(e.action, e.action),
            "reason": e.reason,
        }
        for e in entries
    ]


# --- records a draft may already be in the register (import from text) -------------------


def _same_text(a: str, b: str) -> bool:
    return " ".join(fold(a).split()) == " ".join(fold(b).split())


def conference_twins(
    *, kind: str, bloc_ids: list[int], date: dt.date | None, period_code: str = ""
) -> list[Conference]:
    """Live conferences of the same kind, held by one of the same blocs or committees, on
    the same date or reviewing the same period: the draft is likely one of them."""
    if not bloc_ids or (date is None and not period_code):
        return []
    same_when = Q()
    if date is not None:
        same_when |= Q(date=date)
    if period_code:
        same_when |= Q(period_code=period_code.upper())
    qs = (
        Conference.objects.filter(same_when, kind=kind, blocs__id__in=bloc_ids)
        .distinct()
        .prefetch_related("blocs")
        .order_by("-date", "-id")
    )
    # The same date and the same period first.
    return sorted(
        qs[:10],
        key=lambda c: (c.date != date, (c.period_code or "") != (period_code or "").upper()),
    )


def figure_twins(*, conference_id: int | None, value, unit: str, indicator_code: str = ""):
    """Figures already recorded for the conference with the same value and unit (and the
    same indicator when both name one)."""
    if not conference_id:
        return []
    from decimal import Decimal, InvalidOperation

    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return []
    found = []
    for figure in ConferenceFigure.objects.filter(conference_id=conference_id, value=amount):
        if fold(figure.unit) != fold(unit):
            continue
        if indicator_code and figure.indicator_code and figure.indicator_code != indicator_code:
            continue
        found.append(figure)
    return found


def task_twins(*, conference_id: int | None, text: str) -> list[Task]:
    """Tasks of the conference with the same text (marks, case and spacing aside)."""
    if not conference_id or not (text or "").strip():
        return []
    return [
        t
        for t in Task.objects.filter(conference_id=conference_id).select_related("lead_agency")
        if _same_text(t.text, text)
    ]


def award_twins(
    *,
    issuer_level: str,
    form: str,
    number: str = "",
    collectives: int = 0,
    individuals: int = 0,
    movement_name: str = "",
    year: int | None = None,
) -> list[AwardDecision]:
    """Live decisions with the same number (for the issuer level), or the same level, form
    and counts for the same movement and year."""
    found: list[AwardDecision] = []
    number = (number or "").strip()
    if number:
        found += list(AwardDecision.objects.filter(issuer_level=issuer_level, number=number))
    if movement_name and year:
        qs = (
            AwardDecision.objects.filter(
                issuer_level=issuer_level,
                form=form,
                movement__name_folded=fold(" ".join(movement_name.split()).strip('"“” ')),
                movement__year=year,
            )
            .annotate(
                n_collectives=Count(
                    "recipients", filter=Q(recipients__kind=AwardRecipient.COLLECTIVE)
                ),
                n_individuals=Count(
                    "recipients", filter=Q(recipients__kind=AwardRecipient.INDIVIDUAL)
                ),
            )
            .filter(n_collectives=collectives, n_individuals=individuals)
        )
        found += [d for d in qs if d not in found]
    return found


def indicator_names() -> dict[str, str]:
    """Indicator names by the code a conference figure carries, so no code is shown."""
    from noichinh.briefings.figures import LABELS, REGISTERED_LABELS

    # The codes other apps bring (the import catalogue's, when the import app is installed).
    return REGISTERED_LABELS | dict(LABELS)
