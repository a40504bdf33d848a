from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from noichinh.core import clock
from noichinh.core import views as core_views
from noichinh.core.dbrouting import replica_reads
from noichinh.core.forms import add_service_errors
from noichinh.core.listing import paginate
from noichinh.core.models import SignedPdf
from noichinh.org.models import Agency
from noichinh.org.selectors import province_settings
from noichinh.reports import forms, permissions, selectors, services
from noichinh.reports.documents import charts, drafts, pdf_xlsx, report, template_xlsx
from noichinh.reports.models import (
    Indicator,
    Period,
    ReportDocument,
    ReportType,
    ReportVersion,
    Submission,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _errors(exc: ValidationError) -> list[str]:
    return list(exc.messages)


# --- periods -------------------------------------------------------------------------------


@replica_reads
@login_required
@require_GET
def period_list(request: HttpRequest) -> HttpResponse:
    g = request.GET
    qs = selectors.period_list(
        q=g.get("q", ""),
        kind=g.get("kind", ""),
        year=g.get("year", ""),
        status=g.get("status", ""),
        report_type=g.get("type", ""),
    )
    return render(
        request,
        "reports/period_list.html",
        {
            "page_obj": paginate(request, qs),
            "kinds": Period.KINDS,
            "statuses": Period.STATUSES,
            "types": ReportType.objects.all(),
            "can_manage": permissions.can_manage_periods(request.user),
            "pending": selectors.pending_for_agency(request.user.agency_id)
            if (permissions.is_officer(request.user) or permissions.is_head(request.user))
            else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def period_create(request: HttpRequest) -> HttpResponse:
    permissions.require_manage_periods(request.user)
    form = forms.PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            period = services.period_create(
                actor=request.user,
                report_type=d["report_type"],
                kind=d["kind"],
                year=d["year"],
                number=d["number"],
                due=d["due"],
                blocs=list(d["blocs"]) if d["open_now"] else [],
                open_now=d["open_now"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Đã tạo kỳ báo cáo {period.title}.")
            return redirect("reports:period_detail", pk=period.pk)
    return render(request, "reports/period_form.html", {"form": form})


def _user_submission(user, period):
    if not user.agency_id or not (permissions.is_officer(user) or permissions.is_head(user)):
        return None, False
    sub = Submission.objects.filter(period=period, agency_id=user.agency_id).first()
    expected = selectors.agency_in_period(period, user.agency)
    return sub, expected


@login_required
@require_GET
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.period_get(pk=pk)
    user = request.user
    context = {
        "period": period,
        "blocs": list(period.blocs.all()),
        "can_manage": permissions.can_manage_periods(user),
        "open_form": forms.OpenForm(),
        "reopen_form": forms.ReopenForm(),
    }
    bloc_ids = permissions.reportable_bloc_ids(user, period)
    if bloc_ids:
        scope = selectors.scope_for_blocs(period, [b for b in context["blocs"]])
        context["statuses"] = selectors.submission_status_by_agency(period, scope)
        context["can_remind"] = permissions.can_send_reminders(user, period)
        context["can_report"] = True
        context["late_changes"] = list(selectors.late_changes(period))
    context["my_submission"], context["my_expected"] = _user_submission(user, period)
    return render(request, "reports/period_detail.html", context)


@login_required
@require_POST
def period_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    period = selectors.period_get(pk=pk)
    try:
        if action == "open":
            form = forms.OpenForm(request.POST)
            form.is_valid()
            services.period_open(
                actor=request.user, period=period, blocs=list(form.cleaned_data.get("blocs") or [])
            )
            messages.success(request, f"Đã mở kỳ {period.title} nhận báo cáo.")
        elif action == "close":
            services.period_close(actor=request.user, period=period)
            messages.success(request, f"Đã khóa sổ kỳ {period.title}.")
        elif action == "reopen":
            services.period_reopen(
                actor=request.user, period=period, reason=request.POST.get("reason", "")
            )
            messages.success(request, f"Đã mở lại kỳ {period.title}.")
        elif action == "remind":
            agencies = list(Agency.objects.filter(pk__in=request.POST.getlist("agency")))
            if not agencies:
                raise ValidationError("Chọn cơ quan cần nhắc.")
            n = services.reminders_send(
                actor=request.user,
                period=period,
                agencies=agencies,
                message=request.POST.get("message", ""),
            )
            messages.success(request, f"Đã gửi nhắc nhở tới {n} cơ quan.")
        else:
            raise Http404
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    return redirect("reports:period_detail", pk=period.pk)


# --- submissions ---------------------------------------------------------------------------


def _own_agency(request, period):
    user = request.user
    if not (permissions.is_officer(user) or permissions.is_head(user)) or not user.agency_id:
        permissions.deny("Chỉ cán bộ, thủ trưởng cơ quan được lập báo cáo của cơ quan mình.")
    if not selectors.agency_in_period(period, user.agency):
        permissions.deny("Cơ quan của bạn không thuộc các khối báo cáo trong kỳ này.")
    return user.agency


@login_required
@require_http_methods(["GET", "POST"])
def submission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.period_get(pk=pk)
    agency = _own_agency(request, period)
    sub = Submission.objects.filter(period=period, agency=agency).first()
    if sub and not permissions.can_edit_submission(request.user, sub):
        return redirect("reports:submission_detail", pk=sub.pk)
    if not period.is_open:
        permissions.deny("Kỳ báo cáo không mở để nhận báo cáo.")
    indicators = selectors.indicators_for_agency(agency)
    previous = selectors.previous_values(period, agency)
    current = selectors.submission_values(sub)
    initial = {f"v_{code}": _plain(v) for code, v in current.items()}
    if sub:
        initial.update(results=sub.results, shortcomings=sub.shortcomings, proposals=sub.proposals)
    form = forms.SubmissionForm(
        request.POST or None, indicators=indicators, previous=previous, initial=initial
    )
    errors = []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            sub = sub or services.submission_start(actor=request.user, period=period, agency=agency)
            flagged = services.submission_save(
                actor=request.user,
                submission=sub,
                values=d["values"],
                narrative={k: d[k] for k in ("results", "shortcomings", "proposals")},
            )
            if request.POST.get("action") == "submit":
                services.submission_submit(actor=request.user, submission=sub)
                messages.success(request, "Đã gửi báo cáo tới thủ trưởng cơ quan để duyệt.")
            else:
                messages.success(request, "Đã lưu bản nháp.")
            for code in flagged:
                messages.warning(
                    request,
                    f"Số liệu “{next(i.name for i in indicators if i.code == code)}” biến động "
                    "bất thường so với kỳ trước: đề nghị kiểm tra lại.",
                )
            return redirect("reports:submission_detail", pk=sub.pk)
        except ValidationError as exc:
            errors = _errors(exc)
    return render(
        request,
        "reports/submission_form.html",
        {
            "period": period,
            "agency": agency,
            "form": form,
            "errors": errors,
            "submission": sub,
            "upload_form": forms.UploadForm(),
        },
    )


def _plain(value):
    if value is None:
        return ""
    text = format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)
    return text.replace(".", ",")


@login_required
@require_GET
def submission_template(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.period_get(pk=pk)
    agency = _own_agency(request, period)
    sub = Submission.objects.filter(period=period, agency=agency).first()
    content = template_xlsx.build(
        period=period,
        agency=agency,
        indicators=selectors.indicators_for_agency(agency),
        values=selectors.submission_values(sub),
        previous=selectors.previous_values(period, agency),
        narrative={k: getattr(sub, k) for k in ("results", "shortcomings", "proposals")}
        if sub
        else None,
    )
    name = f"mau-bao-cao-{agency.code}-{period.kind}{period.number or ''}-{period.year}.xlsx"
    return _file(content, XLSX, name)


@login_required
@require_POST
def submission_upload(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.period_get(pk=pk)
    agency = _own_agency(request, period)
    form = forms.UploadForm(request.POST, request.FILES)
    errors = []
    if form.is_valid():
        try:
            flagged = services.submission_import_xlsx(
                actor=request.user,
                period=period,
                agency=agency,
                content=form.cleaned_data["file"].read(),
            )
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            sub = Submission.objects.get(period=period, agency=agency)
            messages.success(request, "Đã nhập số liệu từ tệp XLSX (bản nháp). Kiểm tra rồi gửi.")
            if flagged:
                messages.warning(
                    request,
                    f"{len(flagged)} chỉ tiêu biến động bất thường so với kỳ trước: đề nghị kiểm tra lại.",
                )
            return redirect("reports:submission_detail", pk=sub.pk)
    else:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
    return render(
        request,
        "reports/upload_errors.html",
        {"period": period, "agency": agency, "errors": errors, "upload_form": forms.UploadForm()},
        status=400,
    )


@login_required
@require_GET
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sub = selectors.submission_get_for_user(user=request.user, pk=pk)
    values = {v.indicator_id: v for v in sub.values.select_related("indicator")}
    previous = selectors.previous_values(sub.period, sub.agency)
    rows = [
        (ind, values.get(ind.pk), previous.get(ind.code))
        for ind in selectors.indicators_for_agency(sub.agency)
    ]
    return render(
        request,
        "reports/submission_detail.html",
        {
            "sub": sub,
            "rows": rows,
            "can_edit": permissions.can_edit_submission(request.user, sub),
            "can_approve": permissions.can_approve_submission(request.user, sub),
            "return_form": forms.ReturnForm(),
        },
    )


@login_required
@require_POST
def submission_decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    sub = selectors.submission_get_for_user(user=request.user, pk=pk)
    try:
        if action == "approve":
            services.submission_approve(actor=request.user, submission=sub)
            messages.success(request, "Đã duyệt báo cáo.")
        elif action == "return":
            services.submission_return(
                actor=request.user, submission=sub, comment=request.POST.get("comment", "")
            )
            messages.success(request, "Đã trả lại báo cáo kèm ý kiến.")
        elif action == "submit":
            services.submission_submit(actor=request.user, submission=sub)
            messages.success(request, "Đã gửi báo cáo tới thủ trưởng cơ quan để duyệt.")
        else:
            raise Http404
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    return redirect("reports:submission_detail", pk=sub.pk)


# --- aggregation, documents, charts -----------------------------------------------------------


def _scope(request, period):
    user = request.user
    if request.GET.get("scope") == "province":
        permissions.require_aggregate_province(user)
        return selectors.scope_province(period)
    codes = request.GET.getlist("bloc")
    blocs = list(period.blocs.all())
    if codes:
        blocs = [b for b in blocs if b.code in codes]
    permissions.require_aggregate(user, period, [b.pk for b in blocs])
    return selectors.scope_for_blocs(period, blocs)


def _meta(user, scope, doc: ReportDocument | None = None) -> report.ReportMeta:
    return report.document_meta(doc, scope, user=user)


@replica_reads
@login_required
@require_http_methods(["GET", "POST"])
def period_report(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.period_get(pk=pk)
    scope = _scope(request, period)
    agg = selectors.aggregate(period, scope)
    data = report.ReportData(
        agg=agg,
        meta=_meta(request.user, scope),
        narratives=[],
        charts=[],
        adjustments=selectors.previous_adjustments(period, scope),
        awards=selectors.award_breakdown(period, scope),
    )
    province = province_settings()
    initial = {
        "issued_on": clock.today(),
        "summary": data.title_summary,
        "place": province.place_name,
    }
    # The province's default signer, where one is set (the form's own defaults otherwise).
    initial.update(
        {k: getattr(province, k) for k in ("signer_title", "signer_name") if getattr(province, k)}
    )
    if request.method != "POST" and (
        permissions.can_issue_report(request.user, period) or permissions.is_admin(request.user)
    ):
        data.narratives = selectors.narratives(period, scope)
        initial.update(drafts.all_parts(data))
        initial["recipients"] = "\n".join(data.meta.recipients)
    form = forms.IssueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            doc = services.report_issue(
                actor=request.user,
                period=period,
                blocs=[b for b in period.blocs.all() if b.pk in scope.bloc_ids],
                whole_province=scope.whole_province,
                number=d["number"],
                place=d["place"],
                issued_on=d["issued_on"],
                summary=d["summary"] or data.title_summary,
                signer_name=d["signer_name"],
                signer_title=d["signer_title"],
                results_text=d["results_text"],
                limitations_text=d["limitations_text"],
                directions_text=d["directions_text"],
                recipients=d["recipients"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Đã lập báo cáo số {doc.number}.")
            return redirect("reports:document_detail", pk=doc.pk)
    rows = chart_rows = selectors.chart_indicators(agg)
    chosen = request.GET.get("indicator") or (rows[0].indicator.code if rows else "")
    return render(
        request,
        "reports/period_report.html",
        {
            "period": period,
            "agg": agg,
            "data": data,
            "tables": [(s, data.table_rows(r)) for s, r in agg.sections],
            "header": data.table_header(),
            "form": form,
            "query": request.GET.urlencode(),
            "chart_rows": chart_rows,
            "chosen": chosen,
            "documents": ReportDocument.objects.filter(period=period).select_related("created_by"),
            "can_issue": permissions.can_issue_report(request.user, period)
            or permissions.is_admin(request.user),
        },
    )


@replica_reads
@login_required
@require_GET
def period_chart(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    period = selectors.period_get(pk=pk)
    scope = _scope(request, period)
    try:
        ind = Indicator.objects.get(code=request.GET.get("indicator", ""))
    except Indicator.DoesNotExist:
        raise Http404
    if kind == "trend":
        png = charts.trend_png(ind.name, selectors.trend(period, scope, ind), ind.unit)
    elif kind == "agencies":
        data = [
            (a.short_name or a.name, v)
            for a, v in selectors.breakdown_by_agency(period, scope, ind)
        ]
        png = charts.breakdown_png(ind.name, data, ind.unit)
    else:
        raise Http404
    return HttpResponse(png, content_type="image/png")


def _document_scope(request, doc):
    permissions.require_view_report(request.user, doc)
    if doc.whole_province:
        return selectors.scope_province(doc.period)
    return selectors.scope_for_blocs(doc.period, list(doc.blocs.all()))


def _document(request, pk):
    try:
        doc = ReportDocument.objects.select_related("period", "period__report_type").get(pk=pk)
    except (ReportDocument.DoesNotExist, ValueError):
        raise Http404
    return doc, _document_scope(request, doc)


def _document_context(doc) -> dict:
    versions = list(doc.versions.defer("docx", "pdf", "xlsx", "text"))
    build = doc.builds.order_by("-number").first()
    return {
        "versions": versions,
        "build": build,
        "changes": selectors.version_changes(versions),
    }


@login_required
@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc, scope = _document(request, pk)
    context = {"doc": doc, "scope": scope, **_document_context(doc)}
    context["can_correct"] = permissions.can_correct_report(request.user, doc)
    context["can_sign"] = permissions.can_sign_report(request.user, doc)
    context["signing"] = core_views.signing_options()
    context["signed"] = core_views.signed_copies(
        SignedPdf.REPORT_VERSION, [v.pk for v in context["versions"]]
    )
    by_pk = {v.pk: v for v in context["versions"]}
    for copy in context["signed"]:
        copy.version = by_pk.get(int(copy.object_id))
    return render(request, "reports/document_detail.html", context)


@login_required
@require_POST
def document_sign(request: HttpRequest, pk: int) -> HttpResponse:
    """Sign an issued version's PDF (the latest unless ``version`` names one)."""
    doc, _scope = _document(request, pk)
    permissions.require_sign_report(request.user, doc)
    versions = doc.versions.defer("docx", "pdf", "xlsx", "text")
    wanted = request.POST.get("version", "")
    version = (
        versions.filter(number=int(wanted)).first()
        if wanted.isdigit()
        else versions.order_by("-number").first()
    )
    if version is None:
        messages.error(request, "Chưa có bản ban hành để ký.")
        return redirect("reports:document_detail", pk=doc.pk)
    try:
        key = core_views.signing_key_from_request(request)
        services.report_version_sign(actor=request.user, version=version, key=key)
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    else:
        messages.success(request, f"Đã ký số {version.label.lower()}; bản ban hành giữ nguyên.")
    return redirect("reports:document_detail", pk=doc.pk)


@login_required
@require_GET
def document_signed_file(request: HttpRequest, pk: int, signed_pk: int) -> HttpResponse:
    """A signed copy of one of the document's versions, as stored."""
    doc, _scope = _document(request, pk)
    version_ids = [str(i) for i in doc.versions.values_list("pk", flat=True)]
    copy = (
        SignedPdf.objects.filter(
            pk=signed_pk, kind=SignedPdf.REPORT_VERSION, object_id__in=version_ids
        )
        .only("pdf", "sha256", "object_id")
        .first()
    )
    if copy is None:
        raise Http404
    response = _file(bytes(copy.pdf), "application/pdf", f"bao-cao-{doc.pk}-da-ky-{copy.pk}.pdf")
    response["X-Content-SHA256"] = copy.sha256
    return response


@login_required
@require_GET
def document_build(request: HttpRequest, pk: int) -> HttpResponse:
    """The build's progress (the page polls it with htmx while the files are being built)."""
    doc, scope = _document(request, pk)
    return render(
        request,
        "reports/document_build.html",
        {"doc": doc, "scope": scope, **_document_context(doc)},
    )


@login_required
@require_POST
def document_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    doc, _scope = _document(request, pk)
    try:
        if action == "correct":
            services.report_correct(
                actor=request.user, document=doc, reason=request.POST.get("reason", "")
            )
            messages.success(request, "Đang dựng bản điều chỉnh; bản đã ban hành được giữ nguyên.")
        elif action == "rebuild":
            if services.report_build_again(actor=request.user, document=doc):
                messages.success(request, "Đang dựng lại tệp của báo cáo.")
        else:
            raise Http404
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    return redirect("reports:document_detail", pk=doc.pk)


FILE_TYPES = {"docx": DOCX, "pdf": "application/pdf", "xlsx": XLSX}


@login_required
@require_GET
def document_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The stored bytes of an issued version (the latest unless ``?v=`` names one): never
    rebuilt from today's data."""
    doc, _scope = _document(request, pk)
    if fmt not in FILE_TYPES:
        raise Http404
    versions = doc.versions.defer("docx", "pdf", "xlsx", "text")
    wanted = request.GET.get("v", "")
    if wanted:
        if not wanted.isdigit():
            raise Http404
        version = versions.filter(number=int(wanted)).first()
        if version is None:
            raise Http404
    else:
        version = versions.order_by("-number").first()
    if version is None:
        messages.info(request, "Tệp của báo cáo đang được dựng: tải lại khi thanh tiến độ xong.")
        return redirect("reports:document_detail", pk=doc.pk)
    content, sha = ReportVersion.objects.filter(pk=version.pk).values_list(fmt, f"{fmt}_sha256")[0]
    if content is None:
        raise Http404
    slug = f"bao-cao-{doc.period.kind}{doc.period.number or ''}-{doc.period.year}-{doc.pk}"
    if version.number > 1:
        slug += f"-dieu-chinh-{version.number - 1}"
    response = _file(bytes(content), FILE_TYPES[fmt], f"{slug}.{fmt}")
    response["X-Content-SHA256"] = sha
    return response


@replica_reads
@login_required
@require_GET
def period_report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.period_get(pk=pk)
    scope = _scope(request, period)
    data = report.assemble(period, scope, _meta(request.user, scope), with_charts=False)
    return _file(pdf_xlsx.xlsx(data), XLSX, f"tong-hop-{period.pk}.xlsx")


@login_required
@require_GET
def home_chart(request: HttpRequest, kind: str) -> HttpResponse:
    """The home page's charts of the petitions register (counts over the agencies whose
    figures the user sees)."""
    from noichinh.reports import home

    if kind == "months":
        labels, series = home.by_month(request.user)
        png = charts.grouped_png(
            "Đơn thư tiếp nhận và giải quyết đúng hạn theo tháng", labels, series
        )
    elif kind == "overdue":
        png = charts.breakdown_png(
            "Đơn quá hạn xử lý theo cơ quan", home.overdue_by_agency(request.user), "đơn"
        )
    elif kind == "quarter":
        labels, series = home.quarter_against_last_year(request.user)
        png = charts.grouped_png("Quý này so với cùng kỳ năm trước (đơn thư)", labels, series)
    else:
        raise Http404
    return HttpResponse(png, content_type="image/png")


# --- official statistical forms ------------------------------------------------------------


def _official_choice(request):
    """(form, period, agency or None for the province) from the query, or errors."""
    from noichinh.reports.official_forms import FORMS

    g = request.GET
    errors = []
    form = FORMS.get(g.get("form", ""))
    if g.get("form") and form is None:
        errors.append("Biểu mẫu không có trong danh mục.")
    period = None
    if g.get("period"):
        period = Period.objects.filter(pk=g["period"]).first() if g["period"].isdigit() else None
        if period is None:
            errors.append("Kỳ báo cáo không tồn tại.")
    agency = None
    scope = g.get("agency", "province")
    if scope != "province":
        agency = Agency.objects.filter(pk=scope).first() if scope.isdigit() else None
        if agency is None:
            errors.append("Cơ quan không tồn tại.")
    return form, period, agency, errors


def _official_compute(form, period, agency):
    from noichinh.reports import official_forms

    return official_forms.compute_for(form, period=period, agency=agency)


@login_required
@require_GET
def official_forms_page(request: HttpRequest) -> HttpResponse:
    from noichinh.reports.documents import official
    from noichinh.reports.official_forms import FORMS

    user = request.user
    permissions.require_use_official_forms(user)
    form, period, agency, errors = _official_choice(request)
    allowed = permissions.official_form_agency_ids(user)
    agencies = Agency.objects.order_by("name")
    if allowed is not None:
        agencies = agencies.filter(pk__in=allowed)
    context = {
        "forms": FORMS.values(),
        "periods": Period.objects.select_related("report_type").order_by("-end", "report_type"),
        "agencies": agencies,
        "province_allowed": allowed is None,
        "chosen_form": form,
        "chosen_period": period,
        "chosen_agency": agency,
        "errors": errors,
        "query": request.GET.urlencode(),
    }
    if form and period and not errors:
        permissions.require_download_official_form(user, agency)
        computed = _official_compute(form, period, agency)
        context.update(official.table_context(computed))
    return render(request, "reports/official_forms.html", context)


@login_required
@require_GET
def official_form_file(request: HttpRequest, fmt: str) -> HttpResponse:
    from noichinh.reports.documents import official

    form, period, agency, errors = _official_choice(request)
    if errors or form is None or period is None or fmt not in ("xlsx", "docx", "pdf"):
        raise Http404
    permissions.require_download_official_form(request.user, agency)
    computed = _official_compute(form, period, agency)
    content = {"xlsx": official.xlsx, "docx": official.docx, "pdf": official.pdf}[fmt](computed)
    scope = "toan-tinh" if agency is None else agency.code.lower()
    name = f"bieu-{form.code.replace('/', '-').lower()}-{period.kind}{period.number or ''}-{period.year}-{scope}"
    return _file(content, FILE_TYPES[fmt], f"{name}.{fmt}")
