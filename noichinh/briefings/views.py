"""Thin views: parse, call a service or selector, render."""

import datetime as dt
import io
import mimetypes
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from noichinh.briefings import documents, periods, permissions, selectors, services
from noichinh.briefings.escalation import escalations_of_task
from noichinh.briefings.figures import FIGURES, LABELS
from noichinh.briefings.forms import (
    AcceptForm,
    AwardDecisionForm,
    CancelForm,
    ConferenceForm,
    FigureForm,
    NoticeForm,
    PlanForm,
    ProgressForm,
    ReturnForm,
    TaskForm,
    UploadForm,
    WithdrawForm,
)
from noichinh.briefings.models import (
    AwardDecision,
    ConclusionNotice,
    ConferenceFigure,
    InspectionPlan,
    Task,
)
from noichinh.core import clock
from noichinh.core import files as core_files
from noichinh.core.formats import parse_vn_date
from noichinh.core.forms import add_service_errors, late_data
from noichinh.core.listing import paginate
from noichinh.org.models import AGENCY_ORDERING, Agency, AreaUnit, Bloc
from noichinh.org.selectors import unit_subtree_ids

GET_POST = require_http_methods(["GET", "POST"])


def _form_page(
    request: HttpRequest,
    form: Form,
    template: str,
    *,
    save: Callable[[], Any],
    then: Callable[[Any], str],
    done: str = "",
    context: dict | None = None,
) -> HttpResponse:
    """The shape every write page shares: on a valid POST ``save()`` calls the service; a
    refusal shows on the form (beside its field, or as the closed-period warning), else
    ``done`` is said and the user goes to ``then(result)``. Otherwise the page shows the
    form, with ``context``."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save()
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if done:
                messages.success(request, done)
            return redirect(then(result))
    return render(request, template, {"form": form, **(context or {})})


def _detail(name: str) -> Callable[[Any], str]:
    """``then`` for a page that goes on to the saved record's page."""
    return lambda obj: reverse(name, args=[obj.pk])


BLOC_ORDER = ["NOI_CHINH", "DAN_VAN", "DANG", "DOAN_THE"]


def _ordered(blocs) -> list:
    """Blocs in the order the province names them (khối Nội chính first)."""
    return sorted(
        blocs,
        key=lambda b: (BLOC_ORDER.index(b.code) if b.code in BLOC_ORDER else 99, b.name),
    )


# --- conferences --------------------------------------------------------------------------


@login_required
@require_safe
def briefing_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.conference_list(
        user=request.user,
        q=request.GET.get("q", ""),
        bloc=request.GET.get("bloc", ""),
        year=request.GET.get("year", ""),
    )
    return render(
        request,
        "briefings/briefing_list.html",
        {
            "page_obj": paginate(request, qs),
            "blocs": Bloc.objects.order_by("kind", "name"),
            "can_manage": permissions.can_manage_conferences(request.user),
        },
    )


def _conference_fields(data) -> dict:
    return {
        "kind": data["kind"],
        "period_code": data["period_code"],
        "date": data["date"],
        "place": data["place"],
        "chair_name": data["chair_name"],
        "chair_titles": data["chair_titles"],
        "co_chairs": data["co_chairs"],
        "attendee_agencies": list(data["attendee_agencies"]),
        "attendees": data["attendees"],
        "agenda": data["agenda"],
        "report_text": data["report_text"],
        "report_url": data["report_url"],
        "minutes": data["minutes"],
        "title": data["title"],
    }


@login_required
@GET_POST
def conference_create(request: HttpRequest) -> HttpResponse:
    permissions.require_manage_conferences(request.user)
    form = ConferenceForm(request.POST or None)
    return _form_page(
        request,
        form,
        "briefings/conference_form.html",
        save=lambda: services.conference_create(
            actor=request.user,
            blocs=_ordered(form.cleaned_data["blocs"]),
            late_reason=form.late_reason(),
            **_conference_fields(form.cleaned_data),
        ),
        done="Đã ghi nhận hội nghị.",
        then=_detail("briefings:briefing_detail"),
        context={"conference": None},
    )


@login_required
@GET_POST
def conference_edit(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require_manage_conferences(request.user)
    conference = selectors.conference_get_for_user(user=request.user, pk=pk)
    form = ConferenceForm(request.POST or None, initial=ConferenceForm.initial_for(conference))
    return _form_page(
        request,
        form,
        "briefings/conference_form.html",
        save=lambda: services.conference_update(
            actor=request.user,
            conference=conference,
            blocs=_ordered(form.cleaned_data["blocs"]),
            late_reason=form.late_reason(),
            **_conference_fields(form.cleaned_data),
        ),
        done="Đã cập nhật hội nghị.",
        then=_detail("briefings:briefing_detail"),
        context={"conference": conference},
    )


@login_required
@GET_POST
def briefing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.conference_get_for_user(user=request.user, pk=pk)
    can_manage = permissions.can_manage_conferences(request.user)
    figure_form = FigureForm(request.POST or None, prefix="fig")
    if request.method == "POST":
        permissions.require_manage_conferences(request.user)
        if figure_form.is_valid():
            try:
                services.figure_add(
                    actor=request.user,
                    conference=conference,
                    late_reason=figure_form.late_reason(),
                    **_figure_fields(figure_form.cleaned_data),
                )
            except ValidationError as exc:
                add_service_errors(figure_form, exc)
            else:
                messages.success(request, "Đã thêm số liệu.")
                return redirect("briefings:briefing_detail", pk=conference.pk)
    notice = ConclusionNotice.objects.filter(conference=conference).first()
    figures = list(conference.figures.all())
    names = selectors.indicator_names()
    for figure in figures:
        figure.indicator_name = names.get(figure.indicator_code, "")
    return render(
        request,
        "briefings/briefing_detail.html",
        {
            "conference": conference,
            "figures": figures,
            "notice": notice,
            "tasks": selectors.conference_tasks(user=request.user, conference=conference),
            "carried": selectors.carried_tasks(user=request.user, conference=conference),
            "awards": selectors.award_decision_list().filter(conference=conference),
            "figure_form": figure_form,
            "can_manage": can_manage,
        },
    )


def _figure_fields(data: dict) -> dict:
    return {
        "value": data["amount"],
        "unit": data["unit"],
        "text": data["text"],
        "qualifier": data["qualifier"],
        "subject": data["subject"],
        "indicator_code": data["indicator_code"],
        "change": data["change"],
        "reference": data["reference"],
    }


@login_required
@require_POST
def figure_delete(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require_manage_conferences(request.user)
    figure = get_object_or_404(ConferenceFigure, pk=pk)
    conference_id = figure.conference_id
    services.figure_delete(actor=request.user, figure=figure)
    messages.success(request, "Đã xóa số liệu.")
    return redirect("briefings:briefing_detail", pk=conference_id)


@login_required
@GET_POST
def notice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require_manage_conferences(request.user)
    conference = selectors.conference_get_for_user(user=request.user, pk=pk)
    notice = ConclusionNotice.objects.filter(conference=conference).first()
    initial = services.notice_defaults(conference)
    if notice:
        initial = {name: getattr(notice, name) for name in initial}
    form = NoticeForm(request.POST or None, initial=initial)

    def save():
        data = dict(form.cleaned_data)
        return services.notice_save(
            actor=request.user, conference=conference, issued_on=data.pop("issued_on"), **data
        )

    return _form_page(
        request,
        form,
        "briefings/notice_form.html",
        save=save,
        done="Đã lưu thông báo kết luận.",
        then=lambda _notice: reverse("briefings:briefing_detail", args=[conference.pk]),
        context={"conference": conference},
    )


@login_required
@require_safe
def notice_docx(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.conference_get_for_user(user=request.user, pk=pk)
    notice = ConclusionNotice.objects.filter(conference=conference).first()
    if notice is None:
        raise Http404
    tasks = conference.tasks.select_related("lead_agency").prefetch_related("coordinators")
    content = documents.notice_docx(conference, notice, tasks.order_by("id"))
    name = f"thong-bao-ket-luan-{conference.date:%Y%m%d}-{conference.pk}.docx"
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@GET_POST
def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require_manage_conferences(request.user)
    conference = selectors.conference_get_for_user(user=request.user, pk=pk)
    form = TaskForm(request.POST or None)

    def save():
        data = late_data(form)
        data["coordinators"] = list(data["coordinators"])
        return services.task_create(actor=request.user, conference=conference, **data)

    then = "briefings:task_create" if "another" in request.POST else "briefings:briefing_detail"
    return _form_page(
        request,
        form,
        "briefings/task_form.html",
        save=save,
        done="Đã giao nhiệm vụ.",
        then=lambda _task: reverse(then, args=[conference.pk]),
        context={"conference": conference},
    )


# --- tasks --------------------------------------------------------------------------------


@login_required
@require_safe
def task_list(request: HttpRequest) -> HttpResponse:
    view = request.GET.get("view", "")
    qs = selectors.task_list(
        user=request.user,
        q=request.GET.get("q", ""),
        state=request.GET.get("state", ""),
        agency=request.GET.get("agency", ""),
        conference=request.GET.get("conference", ""),
        view=view,
    )
    ids = permissions.visible_agency_ids(request.user)
    agencies = Agency.objects.order_by(*AGENCY_ORDERING)
    if ids is not None:
        agencies = agencies.filter(id__in=ids)
    return render(
        request,
        "briefings/task_list.html",
        {
            "page_obj": paginate(request, qs),
            "states": Task.STATES,
            "agencies": agencies,
            "view": view,
            "counts": selectors.task_counts(user=request.user),
            "can_bulk": permissions.is_officer(request.user) or permissions.is_head(request.user),
        },
    )


@login_required
@GET_POST
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get_for_user(user=request.user, pk=pk)
    forms = {
        "progress": ProgressForm(prefix="p"),
        "accept": AcceptForm(prefix="a"),
        "return": ReturnForm(prefix="r"),
        "cancel": CancelForm(prefix="c"),
    }
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "progress":
                permissions.require_report_task_progress(request.user, task)
                form = forms["progress"] = ProgressForm(request.POST, request.FILES, prefix="p")
                if form.is_valid():
                    services.task_report_progress(
                        actor=request.user,
                        task=task,
                        note=form.cleaned_data["note"],
                        attachment=form.cleaned_data["attachment"],
                        propose=form.cleaned_data["propose"],
                    )
                    messages.success(request, "Đã gửi báo cáo tiến độ.")
                    return redirect("briefings:task_detail", pk=task.pk)
            elif action == "accept":
                form = forms["accept"] = AcceptForm(request.POST, prefix="a")
                if form.is_valid():
                    services.task_accept(
                        actor=request.user,
                        task=task,
                        completed_on=form.cleaned_data["completed_on"],
                        note=form.cleaned_data["note"],
                        late_reason=form.late_reason(),
                    )
                    messages.success(request, "Đã xác nhận hoàn thành.")
                    return redirect("briefings:task_detail", pk=task.pk)
            elif action == "return":
                form = forms["return"] = ReturnForm(request.POST, prefix="r")
                if form.is_valid():
                    services.task_return(
                        actor=request.user, task=task, note=form.cleaned_data["note"]
                    )
                    messages.success(request, "Đã trả lại nhiệm vụ.")
                    return redirect("briefings:task_detail", pk=task.pk)
            elif action == "cancel":
                form = forms["cancel"] = CancelForm(request.POST, prefix="c")
                if form.is_valid():
                    services.task_cancel(
                        actor=request.user,
                        task=task,
                        decision=form.cleaned_data["decision"],
                        cancelled_on=form.cleaned_data["cancelled_on"],
                        late_reason=form.late_reason(),
                    )
                    messages.success(request, "Đã hủy nhiệm vụ theo quyết định.")
                    return redirect("briefings:task_detail", pk=task.pk)
            else:
                return HttpResponse("Thao tác không hợp lệ.", status=400)
        except ValidationError as exc:
            add_service_errors(form, exc)
    user = request.user
    return render(
        request,
        "briefings/task_detail.html",
        {
            "task": task,
            "forms": forms,
            "can_report": permissions.can_report_task_progress(user, task),
            "can_propose": permissions.can_propose_task_completion(user, task),
            "can_review": permissions.can_review_task(user, task) and task.is_open,
            "can_withdraw": permissions.can_withdraw(user, task),
            "escalations": escalations_of_task(task),
        },
    )


@login_required
@require_safe
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    update = selectors.task_update_get_for_user(user=request.user, pk=pk)
    name = update.attachment_name or update.attachment.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(
        io.BytesIO(core_files.read(update.attachment)),
        as_attachment=True,
        filename=name,
        content_type=content_type,
    )


@login_required
@require_safe
def task_export(request: HttpRequest) -> HttpResponse:
    content = selectors.tasks_progress_xlsx(user=request.user)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="nhiem-vu-{clock.today():%Y%m%d}.xlsx"'
    return response


@login_required
@GET_POST
def task_import(request: HttpRequest) -> HttpResponse:
    permissions.require_update_tasks_in_bulk(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            count = services.tasks_import_progress(
                actor=request.user, upload=form.cleaned_data["file"]
            )
        except services.ImportErrors as exc:
            row_errors = exc.rows
        except ValidationError as exc:
            row_errors = exc.messages
        else:
            messages.success(request, f"Đã cập nhật tiến độ {count} nhiệm vụ.")
            return redirect("briefings:task_list")
    return render(request, "briefings/task_import.html", {"form": form, "row_errors": row_errors})


# --- awards -------------------------------------------------------------------------------


@login_required
@require_safe
def award_list(request: HttpRequest) -> HttpResponse:
    params = {k: request.GET.get(k, "") for k in ("q", "movement", "issuer", "form", "year")}
    qs = selectors.award_decision_list(**params)
    movement = None
    if params["movement"].isdigit():
        movement = selectors.movement_list().filter(pk=int(params["movement"])).first()
    return render(
        request,
        "briefings/award_list.html",
        {
            "page_obj": paginate(request, qs),
            "summary": selectors.award_summary(decisions=qs),
            "movements": selectors.movement_list(),
            "movement": movement,
            "issuers": AwardDecision.ISSUERS,
            "forms": AwardDecision.FORMS,
            "can_manage": permissions.can_manage_awards(request.user),
        },
    )


@login_required
@GET_POST
def award_create(request: HttpRequest) -> HttpResponse:
    permissions.require_manage_awards(request.user)
    form = AwardDecisionForm(request.POST or None)
    return _form_page(
        request,
        form,
        "briefings/award_form.html",
        save=lambda: services.award_decision_create(
            actor=request.user, **_award_fields(request, form)
        ),
        done="Đã ghi quyết định khen thưởng.",
        then=_detail("briefings:award_detail"),
    )


def _award_fields(request: HttpRequest, form: AwardDecisionForm) -> dict:
    """The decision's fields from its form; a movement typed by name is created first."""
    data = form.cleaned_data
    movement = data["movement"]
    if movement is None and data["movement_name"]:
        movement = services.movement_get_or_create(
            actor=request.user, name=data["movement_name"], year=data["movement_year"]
        )
    return {
        "movement": movement,
        "issuer_level": data["issuer_level"],
        "issuer_name": data["issuer_name"],
        "form": data["form"],
        "number": data["number"],
        "signed_on": data["signed_on"],
        "agency": data["agency"],
        "collectives": data["collectives"],
        "individuals": data["individuals"],
        "late_reason": form.late_reason(),
    }


@login_required
@require_safe
def award_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.award_decision_get(user=request.user, pk=pk)
    can_manage = permissions.can_manage_awards(request.user)
    return render(
        request,
        "briefings/award_detail.html",
        {
            "decision": decision,
            "can_manage": can_manage,
            "can_restore": permissions.is_admin(request.user),
            "history": selectors.record_history(decision) if can_manage else [],
        },
    )


# --- inspection plans ---------------------------------------------------------------------


@login_required
@require_safe
def plan_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.plan_list(
        user=request.user,
        q=request.GET.get("q", ""),
        year=request.GET.get("year", ""),
        agency=request.GET.get("agency", ""),
    )
    page_obj = paginate(request, qs)
    overlaps = selectors.plan_overlaps(page_obj.object_list)
    rows = [(plan, overlaps.get(plan.pk, [])) for plan in page_obj.object_list]
    return render(
        request,
        "briefings/plan_list.html",
        {
            "page_obj": page_obj,
            "rows": rows,
            "overlap_count": sum(1 for _p, o in rows if o),
            "can_create": not permissions.is_read_only(request.user),
        },
    )


@login_required
@GET_POST
def plan_create(request: HttpRequest) -> HttpResponse:
    permissions.require_enter_plans(request.user)
    form = PlanForm(request.POST or None, user=request.user)

    def then(plan: InspectionPlan) -> str:
        """Said once the plan is saved: the overlap warning, or that it was added."""
        overlaps = selectors.plan_overlaps([plan]).get(plan.pk, [])
        if overlaps:
            names = ", ".join(sorted({str(o.agency) for o in overlaps}))
            messages.warning(
                request,
                f"Cảnh báo trùng lắp: {plan.target_display} đã có trong kế hoạch năm "
                f"{plan.year} của {names}.",
            )
        else:
            messages.success(request, "Đã thêm kế hoạch thanh tra, kiểm tra.")
        return reverse("briefings:plan_detail", args=[plan.pk])

    return _form_page(
        request,
        form,
        "briefings/plan_form.html",
        save=lambda: services.plan_create(actor=request.user, **late_data(form)),
        then=then,
        context={"overlaps": _draft_overlaps(request.POST) if request.method == "POST" else []},
    )


def _int_or_none(value) -> int | None:
    value = str(value or "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None


def _draft_overlaps(data) -> list:
    return selectors.plan_overlaps_for_draft(
        agency_id=_int_or_none(data.get("agency")),
        year=_int_or_none(data.get("year")),
        target_agency_id=_int_or_none(data.get("target_agency")),
        unit_id=_int_or_none(data.get("unit")),
    )


@login_required
@require_safe
def plan_overlap(request: HttpRequest) -> HttpResponse:
    """The overlap warning while the plan is filled in (htmx, on every change)."""
    permissions.require_enter_plans(request.user)
    return render(
        request, "briefings/_plan_overlap.html", {"overlaps": _draft_overlaps(request.GET)}
    )


@login_required
@require_safe
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "briefings/plan_detail.html",
        {
            "plan": plan,
            "overlaps": selectors.plan_overlaps([plan]).get(plan.pk, []),
            "can_withdraw": permissions.can_withdraw(request.user, plan),
        },
    )


# --- figures ------------------------------------------------------------------------------

FIGURE_CODES = [
    "tasks.assigned",
    "tasks.done_on_time",
    "tasks.done_late",
    "tasks.overdue",
    "awards.collectives",
    "awards.individuals",
    "inspections.planned",
    "inspections.overlapping",
]


@login_required
@require_safe
def figure_report(request: HttpRequest) -> HttpResponse:
    error = ""
    today = clock.today()
    start, end = dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    label = f"Năm {today.year}"
    try:
        if request.GET.get("period"):
            start, end, label = periods.parse_period(request.GET["period"])
        elif request.GET.get("start") or request.GET.get("end"):
            start = parse_vn_date(request.GET.get("start", ""))
            end = parse_vn_date(request.GET.get("end", ""))
            label = f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"
            if end < start:
                raise ValueError("Ngày kết thúc trước ngày bắt đầu.")
    except (ValueError, ValidationError) as exc:
        error = "; ".join(getattr(exc, "messages", [str(exc)]))
    unit = None
    unit_ids = None
    if request.GET.get("unit", "").isdigit():
        unit = AreaUnit.objects.filter(pk=int(request.GET["unit"])).first()
        if unit:
            unit_ids = unit_subtree_ids(unit.pk)
    rows, total = selectors.figures_by_agency(
        user=request.user, start=start, end=end, unit_ids=unit_ids, codes=FIGURE_CODES
    )
    return render(
        request,
        "briefings/figures.html",
        {
            "rows": rows,
            "total": list(zip(FIGURE_CODES, total, strict=True)),
            "headers": [(code, LABELS.get(code, code)) for code in FIGURE_CODES],
            "label": label,
            "error": error,
            "unit": unit,
            "units": AreaUnit.objects.order_by("level", "name"),
            "codes": sorted(FIGURES),
            "period_groups": periods.period_choices(
                last_year=today.year, chosen=request.GET.get("period", "")
            ),
            "chosen_period": (request.GET.get("period") or "").strip().upper(),
        },
    )


# --- withdrawal and restoration -----------------------------------------------------------


def _withdrawable(kind: str, pk: int, *, withdrawn: bool | None = False):
    if kind not in services.WITHDRAWABLE:
        raise Http404
    model, label = services.WITHDRAWABLE[kind]
    qs = model.all_objects.all()
    if withdrawn is True:
        qs = qs.filter(withdrawn_at__isnull=False)
    elif withdrawn is False:
        qs = qs.filter(withdrawn_at__isnull=True)
    return get_object_or_404(qs, pk=pk), label


def _back_url(obj) -> str:
    from django.urls import reverse

    if isinstance(obj, Task):
        return reverse("briefings:task_list")
    if isinstance(obj, AwardDecision):
        return reverse("briefings:award_list")
    if isinstance(obj, InspectionPlan):
        return reverse("briefings:plan_list")
    if isinstance(obj, ConferenceFigure | ConclusionNotice):
        return reverse("briefings:briefing_detail", args=[obj.conference_id])
    return reverse("briefings:briefing_list")


@login_required
@GET_POST
def record_withdraw(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Confirmation page: what will be withdrawn, and why (required)."""
    obj, label = _withdrawable(kind, pk)
    permissions.require_withdraw(request.user, obj)
    form = WithdrawForm(request.POST or None)
    return _form_page(
        request,
        form,
        "briefings/withdraw_confirm.html",
        save=lambda: services.record_withdraw(
            actor=request.user, obj=obj, reason=form.cleaned_data["reason"]
        ),
        done=f"Đã thu hồi {label}: {obj}. Quản trị hệ thống có thể khôi phục.",
        then=lambda _none: _back_url(obj),
        context={
            "obj": obj,
            "label": label,
            "children": services._children(obj),
            "back": request.META.get("HTTP_REFERER") or _back_url(obj),
        },
    )


@login_required
@require_safe
def withdrawn_list(request: HttpRequest) -> HttpResponse:
    """Withdrawn records of every kind, newest first; the administrator restores them."""
    permissions.require_see_withdrawn(request.user)
    rows = []
    for kind, (model, label) in services.WITHDRAWABLE.items():
        for obj in (
            model.all_objects.filter(withdrawn_at__isnull=False)
            .select_related("withdrawn_by")
            .order_by("-withdrawn_at")[:200]
        ):
            rows.append({"kind": kind, "label": label, "obj": obj})
    rows.sort(key=lambda r: r["obj"].withdrawn_at, reverse=True)
    return render(
        request,
        "briefings/withdrawn_list.html",
        {"rows": rows, "can_restore": permissions.is_admin(request.user)},
    )


@login_required
@require_POST
def record_restore(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    obj, label = _withdrawable(kind, pk, withdrawn=True)
    try:
        services.record_restore(actor=request.user, obj=obj, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, f"Đã khôi phục {label}: {obj}.")
    return redirect("briefings:withdrawn_list")


# --- corrections (edit) -------------------------------------------------------------------


@login_required
@GET_POST
def award_edit(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require_manage_awards(request.user)
    decision = get_object_or_404(AwardDecision.objects.prefetch_related("recipients"), pk=pk)
    names = lambda kind: "\n".join(r.name for r in decision.recipients.all() if r.kind == kind)  # noqa: E731
    initial = {
        "movement": decision.movement_id,
        "issuer_level": decision.issuer_level,
        "issuer_name": decision.issuer_name,
        "form": decision.form,
        "number": decision.number,
        "signed_on": decision.signed_on,
        "agency": decision.agency_id,
        "collectives": names("collective"),
        "individuals": names("individual"),
    }
    form = AwardDecisionForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form,
        "briefings/award_form.html",
        save=lambda: services.award_decision_update(
            actor=request.user,
            decision=decision,
            note=decision.note,
            **_award_fields(request, form),
        ),
        done="Đã sửa quyết định khen thưởng.",
        then=lambda _decision: reverse("briefings:award_detail", args=[decision.pk]),
        context={"decision": decision},
    )


@login_required
@GET_POST
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require_manage_conferences(request.user)
    task = get_object_or_404(Task.objects.prefetch_related("coordinators"), pk=pk)
    initial = {
        "item_no": task.item_no,
        "text": task.text,
        "lead_agency": task.lead_agency_id,
        "coordinators": [a.pk for a in task.coordinators.all()],
        "coordinators_text": task.coordinators_text,
        "deadline": task.deadline,
        "is_regular": task.is_regular,
        "unit": task.unit_id,
    }
    form = TaskForm(request.POST or None, initial=initial)

    def save():
        data = late_data(form)
        del data["late_reason"]  # the task keeps the day it was assigned
        data["coordinators"] = list(data["coordinators"])
        return services.task_update(actor=request.user, task=task, **data)

    return _form_page(
        request,
        form,
        "briefings/task_form.html",
        save=save,
        done="Đã sửa nhiệm vụ.",
        then=_detail("briefings:task_detail"),
        context={"conference": task.conference, "task": task},
    )


@login_required
@GET_POST
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    permissions.require_edit_plan(request.user, plan)
    initial = {
        "agency": plan.agency_id,
        "year": plan.year,
        "kind": plan.kind,
        "target_agency": plan.target_agency_id,
        "unit": plan.unit_id,
        "subject": plan.subject,
        "period_text": plan.period_text,
    }
    form = PlanForm(request.POST or None, initial=initial, user=request.user)

    def save():
        data = late_data(form)
        data.pop("agency", None)  # the planning agency stays
        return services.plan_update(actor=request.user, plan=plan, **data)

    overlaps = _draft_overlaps(request.POST) if request.method == "POST" else []
    return _form_page(
        request,
        form,
        "briefings/plan_form.html",
        save=save,
        done="Đã sửa kế hoạch thanh tra, kiểm tra.",
        then=_detail("briefings:plan_detail"),
        context={"overlaps": overlaps, "plan": plan},
    )


@login_required
@GET_POST
def figure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require_manage_conferences(request.user)
    figure = get_object_or_404(ConferenceFigure, pk=pk)
    initial = {
        "text": figure.text,
        "qualifier": figure.qualifier,
        "value": figure.display_value.removesuffix(figure.unit).strip()
        if not figure.is_money
        else f"{int(figure.value)}",
        "unit": figure.unit,
        "subject": figure.subject,
        "indicator_code": figure.indicator_code,
        "change": figure.change,
        "reference": figure.reference,
    }
    form = FigureForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form,
        "briefings/figure_form.html",
        save=lambda: services.figure_update(
            actor=request.user, figure=figure, **_figure_fields(form.cleaned_data)
        ),
        done="Đã sửa số liệu.",
        then=lambda _figure: reverse("briefings:briefing_detail", args=[figure.conference_id]),
        context={"figure": figure},
    )


@login_required
@GET_POST
def notice_signed(request: HttpRequest, pk: int) -> HttpResponse:
    """The conclusion notice's signed copies, and its signing form for the secretariat."""
    from noichinh.core import views as core_views
    from noichinh.core.models import SignedPdf

    conference = selectors.conference_get_for_user(user=request.user, pk=pk)
    notice = ConclusionNotice.objects.filter(conference=conference).first()
    if notice is None:
        raise Http404
    return core_views.signed_copies_page(
        request,
        title=f"Thông báo kết luận {notice.reference}",
        kind=SignedPdf.CONCLUSION_NOTICE,
        object_id=notice.pk,
        variant="",
        can_sign=permissions.can_manage_conferences(request.user),
        signer_name=notice.signer_name,
        sign=lambda key: services.notice_sign(actor=request.user, conference=conference, key=key),
        back_url=reverse("briefings:briefing_detail", args=[conference.pk]),
        file_url=lambda copy: reverse(
            "briefings:notice_signed_file", args=[conference.pk, copy.pk]
        ),
    )


@login_required
@require_safe
def notice_signed_file(request: HttpRequest, pk: int, signed_pk: int) -> HttpResponse:
    from noichinh.core import views as core_views
    from noichinh.core.models import SignedPdf

    conference = selectors.conference_get_for_user(user=request.user, pk=pk)
    notice = ConclusionNotice.objects.filter(conference=conference).first()
    if notice is None:
        raise Http404
    return core_views.signed_copy_response(
        kind=SignedPdf.CONCLUSION_NOTICE,
        object_id=notice.pk,
        variant="",
        pk=signed_pk,
        filename=f"thong-bao-ket-luan-{conference.pk}-da-ky-{signed_pk}.pdf",
    )
