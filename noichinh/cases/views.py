import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django import forms as forms_
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from noichinh.cases import figures as figs
from noichinh.cases import forms, permissions, selectors, services
from noichinh.cases.models import Case, CaseStage, ExplanationRequest, SupervisionEntry
from noichinh.core import clock, listing
from noichinh.core.dbrouting import replica_reads
from noichinh.core.formats import parse_vn_date
from noichinh.core.forms import LateReasonMixin, add_service_errors, late_data
from noichinh.core.listing import paginate
from noichinh.org.models import Agency

DATE_FILTERS = (
    "on_list",
    "followed_from",
    "followed_to",
    "added_from",
    "added_to",
    "removed_from",
    "removed_to",
)


def _require_access(user) -> None:
    permissions.require_use_cases(user)


def _filters(request) -> tuple[dict, list[str]]:
    filters, errors = {}, []
    for key in selectors.LIST_FILTERS:
        value = request.GET.get(key, "").strip()
        if not value:
            continue
        if key in DATE_FILTERS:
            try:
                filters[key] = parse_vn_date(value)
            except ValueError:
                errors.append(f"Ngày “{value}” không hợp lệ, nhập theo dạng dd/mm/yyyy.")
            continue
        if key in ("agency", "carried_over") and not value.isdigit():
            errors.append(f"Giá trị “{value}” không hợp lệ.")
            continue
        filters[key] = value
    sort = listing.sort_key(request, selectors.LIST_SORTS)
    if sort:
        filters["sort"] = sort
    return filters, errors


def _form_page(
    request: HttpRequest,
    *,
    form: forms_.Form,
    case: Case | None,
    title: str,
    save: Callable[[dict], Any],
    done: Callable[[Any], str | tuple[int, str]] | str,
    template: str = "cases/action_form.html",
    extra: dict | None = None,
) -> HttpResponse:
    """The shape every case form page shares: on a valid POST call ``save`` with the form's
    data (the late-change reason included where the form asks for one), show ``done`` and
    go back to the case; a service error shows on the form (a closed period: the warning
    and the question for a reason)."""
    if request.method == "POST" and form.is_valid():
        data = late_data(form) if isinstance(form, LateReasonMixin) else dict(form.cleaned_data)
        try:
            result = save(data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            message = done(result) if callable(done) else done
            level, text = message if isinstance(message, tuple) else (messages.SUCCESS, message)
            messages.add_message(request, level, text)
            # A new case (``case`` None): its own page.
            return redirect("cases:case_detail", pk=case.pk if case else result.pk)
    return render(request, template, {"form": form, "case": case, "title": title, **(extra or {})})


@replica_reads
@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    _require_access(request.user)
    filters, errors = _filters(request)
    page_obj = paginate(request, selectors.case_list(user=request.user, filters=filters))
    page_obj.object_list = selectors.with_current_stage(
        page_obj.object_list, day=filters.get("on_list")
    )
    return render(
        request,
        "cases/case_list.html",
        {
            "page_obj": page_obj,
            "errors": errors,
            "kinds": Case.KINDS,
            "fields": Case.FIELDS,
            "severities": Case.SEVERITIES,
            "stages": CaseStage.STAGES,
            "agencies": Agency.objects.filter(case_stages__isnull=False).distinct(),
            "can_create": permissions.can_create_case(request.user),
            "as_of": filters.get("on_list"),
            "today": clock.today(),
        },
    )


@login_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_access(request.user)
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    today = clock.today()
    stages = selectors.case_stages(case)
    for s in stages:
        s.overdue_today = s.is_overdue_on(today)
        s.appeal_over = s.appeal_period_over_on(today)
    current = stages[-1] if stages else None
    entries = list(selectors.supervision_history(case))
    for entry in entries:
        entry.effective = services.entry_changes_state(entry)
    user = request.user
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "stages": stages,
            "current": current,
            "current_overdue": current.is_overdue_on(today) if current else False,
            "entries": entries,
            "on_list": selectors.is_on_list(case, today),
            "timeline": selectors.timeline(case),
            "reports": case.progress_reports.select_related("agency"),
            "requests": case.explanation_requests.select_related("addressed_to"),
            "today": today,
            "can_edit": permissions.can_edit_case(user, case),
            "can_supervise": permissions.can_manage_supervision(user),
            "can_stage": permissions.can_record_stage(user, case),
            "can_report": permissions.can_report_progress(user, case),
            "can_request": permissions.can_request_explanation(user, case),
            "answerable": {
                r.pk
                for r in case.explanation_requests.all()
                if not r.answered_on and permissions.can_answer_explanation(user, r)
            },
            "next_extension": (
                services.next_extension_variant(current)
                if current and not current.ended_on
                else None
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest) -> HttpResponse:
    _require_access(request.user)
    permissions.require_create_case(request.user)
    return _form_page(
        request,
        form=forms.CaseForm(request.POST or None),
        case=None,
        title="",
        save=lambda data: services.case_create(actor=request.user, **data),
        done="Đã nhập vụ án, vụ việc.",
        template="cases/case_form.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_access(request.user)
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    permissions.require_edit_case(request.user, case)
    return _form_page(
        request,
        form=forms.CaseForm(request.POST or None, instance=case),
        case=case,
        title="",
        save=lambda data: services.case_update(actor=request.user, case=case, **data),
        done="Đã lưu thay đổi.",
        template="cases/case_form.html",
    )


def _supervision_done(entry: SupervisionEntry) -> str | tuple[int, str]:
    if services.entry_changes_state(entry):
        return f"Đã ghi quyết định {entry.decision.number}."
    return (
        messages.WARNING,
        f"Đã ghi quyết định {entry.decision.number}, nhưng quyết định này không làm "
        "thay đổi việc vụ án thuộc diện theo dõi vào ngày đó.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def supervision_record(request: HttpRequest, pk: int) -> HttpResponse:
    _require_access(request.user)
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    permissions.require_manage_supervision(request.user)
    initial = {"kind": request.GET.get("kind") or SupervisionEntry.ADD}
    return _form_page(
        request,
        form=forms.SupervisionForm(request.POST or None, initial=initial),
        case=case,
        title="Quyết định về diện theo dõi, chỉ đạo",
        save=lambda data: services.supervision_record(actor=request.user, case=case, **data),
        done=_supervision_done,
    )


@login_required
@require_http_methods(["GET", "POST"])
def stage_add(request: HttpRequest, pk: int) -> HttpResponse:
    _require_access(request.user)
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    permissions.require_record_stage(request.user, case)
    return _form_page(
        request,
        form=forms.StageForm(request.POST or None),
        case=case,
        title="Ghi giai đoạn tố tụng mới",
        save=lambda data: services.stage_start(actor=request.user, case=case, **data),
        done="Đã ghi giai đoạn tố tụng.",
    )


def _resumed(stage: CaseStage) -> str:
    if stage.due_on:
        return f"Đã phục hồi, hạn mới {stage.due_on:%d/%m/%Y}."
    return "Đã phục hồi."


# A stage's actions: (form, service, title before the stage's name, message when done).
STAGE_ACTIONS: dict[str, tuple[type, Callable[..., Any], str, Callable[[Any], str] | str]] = {
    "end": (
        forms.StageEndForm,
        services.stage_end,
        "Kết thúc giai đoạn",
        "Đã ghi kết thúc giai đoạn.",
    ),
    "extend": (
        forms.ExtensionForm,
        services.stage_extend,
        "Gia hạn giai đoạn",
        lambda ext: f"Đã gia hạn, hạn mới {ext.due_on:%d/%m/%Y}.",
    ),
    "act": (
        forms.ActForm,
        services.stage_record_act,
        "",
        "Đã ghi quyết định thi hành án.",
    ),
    "suspend": (
        forms.SuspendForm,
        services.stage_suspend,
        "Tạm đình chỉ giai đoạn",
        "Đã ghi tạm đình chỉ: thời hạn ngừng tính.",
    ),
    "resume": (forms.ResumeForm, services.stage_resume, "Phục hồi giai đoạn", _resumed),
}


def _stage_page(request: HttpRequest, stage_id: int, action: str) -> HttpResponse:
    _require_access(request.user)
    stage = get_object_or_404(CaseStage.objects.select_related("case"), pk=stage_id)
    case = selectors.case_get_for_user(user=request.user, pk=stage.case_id)
    permissions.require_record_stage(request.user, case)
    form_class, service, title, done = STAGE_ACTIONS[action]
    form = (
        form_class(request.POST or None, stage=stage)
        if form_class is forms.StageEndForm
        else form_class(request.POST or None)
    )
    return _form_page(
        request,
        form=form,
        case=case,
        title=f"{title} {stage.get_stage_display()}" if title else "Ghi quyết định thi hành án",
        save=lambda data: service(actor=request.user, stage=stage, **data),
        done=done,
    )


@login_required
@require_http_methods(["GET", "POST"])
def stage_end(request: HttpRequest, stage_id: int) -> HttpResponse:
    return _stage_page(request, stage_id, "end")


@login_required
@require_http_methods(["GET", "POST"])
def stage_extend(request: HttpRequest, stage_id: int) -> HttpResponse:
    return _stage_page(request, stage_id, "extend")


@login_required
@require_http_methods(["GET", "POST"])
def stage_act(request: HttpRequest, stage_id: int) -> HttpResponse:
    return _stage_page(request, stage_id, "act")


@login_required
@require_http_methods(["GET", "POST"])
def stage_suspend(request: HttpRequest, stage_id: int) -> HttpResponse:
    return _stage_page(request, stage_id, "suspend")


@login_required
@require_http_methods(["GET", "POST"])
def stage_resume(request: HttpRequest, stage_id: int) -> HttpResponse:
    return _stage_page(request, stage_id, "resume")


@login_required
@require_http_methods(["GET", "POST"])
def progress_add(request: HttpRequest, pk: int) -> HttpResponse:
    _require_access(request.user)
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    permissions.require_report_progress(request.user, case)
    agency = selectors.progress_agency(user=request.user, case=case)
    return _form_page(
        request,
        form=forms.ProgressForm(request.POST or None),
        case=case,
        title="Báo cáo tiến độ",
        save=lambda data: services.progress_report(
            actor=request.user, case=case, agency=agency, **data
        ),
        done="Đã gửi báo cáo tiến độ.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def explanation_add(request: HttpRequest, pk: int) -> HttpResponse:
    _require_access(request.user)
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    permissions.require_request_explanation(request.user, case)
    return _form_page(
        request,
        form=forms.ExplanationRequestForm(
            request.POST or None, agency_ids=permissions.case_agency_ids(case)
        ),
        case=case,
        title="Yêu cầu giải trình",
        save=lambda data: services.explanation_request(actor=request.user, case=case, **data),
        done="Đã gửi yêu cầu giải trình.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def explanation_answer(request: HttpRequest, request_id: int) -> HttpResponse:
    _require_access(request.user)
    req = get_object_or_404(ExplanationRequest, pk=request_id)
    case = selectors.case_get_for_user(user=request.user, pk=req.case_id)
    permissions.require_answer_explanation(request.user, req)
    return _form_page(
        request,
        form=forms.ExplanationAnswerForm(request.POST or None),
        case=case,
        title="Giải trình",
        save=lambda data: services.explanation_answer(actor=request.user, request=req, **data),
        done="Đã gửi giải trình.",
        extra={"question": req.question},
    )


@replica_reads
@login_required
@require_GET
def decision_list(request: HttpRequest) -> HttpResponse:
    _require_access(request.user)
    qs = selectors.decision_entries(
        user=request.user,
        q=request.GET.get("q", ""),
        kind=request.GET.get("kind", ""),
        year=request.GET.get("year", ""),
    )
    return render(
        request,
        "cases/decision_list.html",
        {
            "page_obj": paginate(request, qs),
            "kinds": SupervisionEntry._meta.get_field("kind").choices,
            "today": clock.today(),
        },
    )


@login_required
@require_GET
def overdue(request: HttpRequest) -> HttpResponse:
    _require_access(request.user)
    today = clock.today()
    page_obj = paginate(request, selectors.overdue_list(user=request.user, day=today))
    return render(request, "cases/overdue.html", {"page_obj": page_obj, "today": today})


def _default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    if today.month <= 6:
        return dt.date(today.year - 1, 7, 1), dt.date(today.year - 1, 12, 31)
    return dt.date(today.year, 1, 1), dt.date(today.year, 6, 30)


@login_required
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    _require_access(request.user)
    form = forms.PeriodForm(request.GET or None)
    if request.GET and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    else:
        start, end = _default_period(clock.today())
        if not request.GET:
            form = forms.PeriodForm(
                initial={"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")}
            )
    agency_ids = permissions.visible_agency_ids(request.user)
    if not permissions.sees_whole_province(request.user) and not (
        permissions.is_secretariat(request.user)
        or permissions.is_head(request.user)
        or permissions.is_officer(request.user)
    ):
        agency_ids = set()
    list_url = reverse("cases:case_list")

    def row(code):
        value = figs.FIGURES[code](agency_ids=agency_ids, unit_ids=None, start=start, end=end)
        filters = figs.figure_list_filters(code, start, end)
        return {
            "code": code,
            "testid": code.replace(".", "-"),
            "label": figs.LABELS.get(code, code),
            "value": value,
            "money": code in figs.MONEY,
            "url": f"{list_url}?{urlencode(filters)}" if filters is not None else "",
        }

    return render(
        request,
        "cases/figures.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "headline": [row(c) for c in figs.HEADLINE],
            "list_rows": [row(c) for c in figs.LIST_MEASURES + ["cases.removed"]],
            "stage_rows": [row(c) for c in figs.STAGE_CODES],
            "sum_rows": [row(c) for c in figs.SUMS],
        },
    )
