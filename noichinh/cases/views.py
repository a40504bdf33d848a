import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from noichinh.cases import figures as figs
from noichinh.cases import forms, permissions, selectors, services
from noichinh.cases.models import Case, CaseStage, ExplanationRequest, SupervisionEntry
from noichinh.core import clock, listing
from noichinh.core.closing import ClosedPeriodError
from noichinh.core.dbrouting import replica_reads
from noichinh.core.formats import parse_vn_date
from noichinh.core.forms import late_data
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


def _require_access(user):
    if not permissions.can_use_cases(user):
        permissions.deny("Bạn không có quyền xem sổ theo dõi vụ án, vụ việc.")


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


def _form_error(form, exc: ValidationError):
    if isinstance(exc, ClosedPeriodError) and hasattr(form, "ask_late_reason"):
        form.ask_late_reason(exc)  # warn, ask the reason and the confirmation (core.closing)
        return
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)


@replica_reads
@login_required
def case_list(request):
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
            "can_create": permissions.can_edit_case(request.user),
            "as_of": filters.get("on_list"),
            "today": clock.today(),
        },
    )


@login_required
def case_detail(request, pk: int):
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
def case_create(request):
    _require_access(request.user)
    if not permissions.can_edit_case(request.user):
        permissions.deny("Chỉ cơ quan thường trực và quản trị được nhập vụ án, vụ việc.")
    form = forms.CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_create(actor=request.user, **late_data(form))
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Đã nhập vụ án, vụ việc.")
            return redirect("cases:case_detail", pk=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "case": None})


@login_required
def case_edit(request, pk: int):
    _require_access(request.user)
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    if not permissions.can_edit_case(request.user, case):
        permissions.deny("Bạn không có quyền sửa vụ án, vụ việc này.")
    form = forms.CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(actor=request.user, case=case, **late_data(form))
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("cases:case_detail", pk=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "case": case})


@login_required
def supervision_record(request, pk: int):
    _require_access(request.user)
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    if not permissions.can_manage_supervision(request.user):
        permissions.deny("Chỉ cơ quan thường trực và quản trị được ghi quyết định theo dõi.")
    initial = {"kind": request.GET.get("kind") or SupervisionEntry.ADD}
    form = forms.SupervisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = late_data(form)
        try:
            entry = services.supervision_record(actor=request.user, case=case, **data)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            if services.entry_changes_state(entry):
                messages.success(request, f"Đã ghi quyết định {entry.decision.number}.")
            else:
                messages.warning(
                    request,
                    f"Đã ghi quyết định {entry.decision.number}, nhưng quyết định này không làm "
                    "thay đổi việc vụ án thuộc diện theo dõi vào ngày đó.",
                )
            return redirect("cases:case_detail", pk=case.pk)
    return render(
        request,
        "cases/action_form.html",
        {"form": form, "case": case, "title": "Quyết định về diện theo dõi, chỉ đạo"},
    )


@login_required
def stage_add(request, pk: int):
    _require_access(request.user)
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    if not permissions.can_record_stage(request.user, case):
        permissions.deny("Bạn không có quyền ghi giai đoạn tố tụng của vụ án này.")
    form = forms.StageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_start(actor=request.user, case=case, **late_data(form))
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Đã ghi giai đoạn tố tụng.")
            return redirect("cases:case_detail", pk=case.pk)
    return render(
        request,
        "cases/action_form.html",
        {"form": form, "case": case, "title": "Ghi giai đoạn tố tụng mới"},
    )


def _stage_for_user(request, stage_id):
    _require_access(request.user)
    stage = get_object_or_404(CaseStage.objects.select_related("case"), pk=stage_id)
    case = selectors.case_get_for_user(user=request.user, pk=stage.case_id)
    if not permissions.can_record_stage(request.user, case):
        permissions.deny("Bạn không có quyền ghi giai đoạn tố tụng của vụ án này.")
    return stage, case


@login_required
def stage_end(request, stage_id: int):
    stage, case = _stage_for_user(request, stage_id)
    form = forms.StageEndForm(request.POST or None, stage=stage)
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_end(actor=request.user, stage=stage, **late_data(form))
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Đã ghi kết thúc giai đoạn.")
            return redirect("cases:case_detail", pk=case.pk)
    return render(
        request,
        "cases/action_form.html",
        {"form": form, "case": case, "title": f"Kết thúc giai đoạn {stage.get_stage_display()}"},
    )


@login_required
def stage_extend(request, stage_id: int):
    stage, case = _stage_for_user(request, stage_id)
    form = forms.ExtensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ext = services.stage_extend(actor=request.user, stage=stage, **late_data(form))
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"Đã gia hạn, hạn mới {ext.due_on:%d/%m/%Y}.")
            return redirect("cases:case_detail", pk=case.pk)
    return render(
        request,
        "cases/action_form.html",
        {"form": form, "case": case, "title": f"Gia hạn giai đoạn {stage.get_stage_display()}"},
    )


@login_required
def stage_act(request, stage_id: int):
    stage, case = _stage_for_user(request, stage_id)
    form = forms.ActForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_record_act(actor=request.user, stage=stage, **form.cleaned_data)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Đã ghi quyết định thi hành án.")
            return redirect("cases:case_detail", pk=case.pk)
    return render(
        request,
        "cases/action_form.html",
        {"form": form, "case": case, "title": "Ghi quyết định thi hành án"},
    )


@login_required
def stage_suspend(request, stage_id: int):
    stage, case = _stage_for_user(request, stage_id)
    form = forms.SuspendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_suspend(actor=request.user, stage=stage, **late_data(form))
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Đã ghi tạm đình chỉ: thời hạn ngừng tính.")
            return redirect("cases:case_detail", pk=case.pk)
    return render(
        request,
        "cases/action_form.html",
        {
            "form": form,
            "case": case,
            "title": f"Tạm đình chỉ giai đoạn {stage.get_stage_display()}",
        },
    )


@login_required
def stage_resume(request, stage_id: int):
    stage, case = _stage_for_user(request, stage_id)
    form = forms.ResumeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            stage = services.stage_resume(actor=request.user, stage=stage, **late_data(form))
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            if stage.due_on:
                messages.success(request, f"Đã phục hồi, hạn mới {stage.due_on:%d/%m/%Y}.")
            else:
                messages.success(request, "Đã phục hồi.")
            return redirect("cases:case_detail", pk=case.pk)
    return render(
        request,
        "cases/action_form.html",
        {"form": form, "case": case, "title": f"Phục hồi giai đoạn {stage.get_stage_display()}"},
    )


@login_required
def progress_add(request, pk: int):
    _require_access(request.user)
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    if not permissions.can_report_progress(request.user, case):
        permissions.deny("Chỉ cơ quan thụ lý vụ án được gửi báo cáo tiến độ.")
    form = forms.ProgressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agency = request.user.agency
        if permissions.is_admin(request.user) or agency is None:
            current = selectors.current_stage(case)
            agency = current.agency if current else agency
        try:
            services.progress_report(
                actor=request.user, case=case, agency=agency, **form.cleaned_data
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Đã gửi báo cáo tiến độ.")
            return redirect("cases:case_detail", pk=case.pk)
    return render(
        request, "cases/action_form.html", {"form": form, "case": case, "title": "Báo cáo tiến độ"}
    )


@login_required
def explanation_add(request, pk: int):
    _require_access(request.user)
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    if not permissions.can_request_explanation(request.user, case):
        permissions.deny("Chỉ cơ quan thường trực được yêu cầu giải trình.")
    form = forms.ExplanationRequestForm(
        request.POST or None, agency_ids=permissions.case_agency_ids(case)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.explanation_request(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Đã gửi yêu cầu giải trình.")
            return redirect("cases:case_detail", pk=case.pk)
    return render(
        request,
        "cases/action_form.html",
        {"form": form, "case": case, "title": "Yêu cầu giải trình"},
    )


@login_required
def explanation_answer(request, request_id: int):
    _require_access(request.user)
    req = get_object_or_404(ExplanationRequest, pk=request_id)
    case = selectors.case_get_for_user(user=request.user, pk=req.case_id)
    if not permissions.can_answer_explanation(request.user, req):
        permissions.deny("Chỉ cơ quan được yêu cầu mới giải trình.")
    form = forms.ExplanationAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.explanation_answer(actor=request.user, request=req, **form.cleaned_data)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Đã gửi giải trình.")
            return redirect("cases:case_detail", pk=case.pk)
    return render(
        request,
        "cases/action_form.html",
        {"form": form, "case": case, "title": "Giải trình", "question": req.question},
    )


@replica_reads
@login_required
def decision_list(request):
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
def overdue(request):
    _require_access(request.user)
    today = clock.today()
    page_obj = paginate(request, selectors.overdue_list(user=request.user, day=today))
    return render(request, "cases/overdue.html", {"page_obj": page_obj, "today": today})


def _default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    if today.month <= 6:
        return dt.date(today.year - 1, 7, 1), dt.date(today.year - 1, 12, 31)
    return dt.date(today.year, 1, 1), dt.date(today.year, 6, 30)


@login_required
def figures(request):
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
