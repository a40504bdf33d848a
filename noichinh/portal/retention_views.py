"""Officer page of the retention job: its schedule and what each run removed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from noichinh.cases import permissions as cases_permissions
from noichinh.core.listing import paginate
from noichinh.portal import permissions, retention, selectors
from noichinh.portal.models import RetentionHold, RetentionRule, RetentionRun


@login_required
@require_GET
def retention_report(request: HttpRequest) -> HttpResponse:
    permissions.require_view_retention_report(request.user)
    page = paginate(request, RetentionRun.objects.all(), per_page=10)
    return render(
        request,
        "portal/retention_report.html",
        {
            "rules": RetentionRule.objects.all(),
            "page_obj": page,
            "hold_labels": retention.HOLD_LABELS,
            "target_labels": dict(RetentionRule.Target.choices)
            | {"receipt_code_notice": "Báo trước hết hạn mã tra cứu"},
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def petition_retention(request: HttpRequest, pk) -> HttpResponse:
    """A file's retention: when each kind of data leaves, what keeps it, the holds."""
    from noichinh.cases.models import Case

    petition = selectors.petition_get_for_user(user=request.user, pk=pk)
    can_hold = permissions.can_hold_records(request.user, petition)
    error = ""
    if request.method == "POST":
        permissions.require_hold_records(request.user, petition)
        case = None
        case_id = request.POST.get("case", "")
        if case_id.isdigit():
            case = cases_permissions.visible_cases(request.user).filter(pk=int(case_id)).first()
        try:
            retention.retention_hold_add(
                actor=request.user,
                petition=petition,
                reason=request.POST.get("reason", ""),
                case=case,
                note=request.POST.get("note", ""),
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, "Đã giữ hồ sơ: không xóa, không lưu trữ khi còn lý do giữ.")
            return redirect("portal:petition_retention", pk=petition.pk)
    reasons = retention.hold_reasons(petition)
    return render(
        request,
        "portal/petition_retention.html",
        {
            "petition": petition,
            "closed_on": retention.closed_on(petition),
            "schedule": retention.schedule_for(petition),
            "reasons": [retention.HOLD_LABELS.get(r, r) for r in reasons],
            "holds": petition.retention_holds.select_related("case"),
            "can_hold": can_hold,
            "hold_reasons": RetentionHold.Reason.choices,
            "cases": cases_permissions.visible_cases(request.user, Case.objects.order_by("title"))[
                :200
            ]
            if can_hold
            else [],
            "error": error,
            "posted": request.POST if error else {},
        },
    )


@login_required
@require_POST
def hold_release(request: HttpRequest, pk) -> HttpResponse:
    hold = get_object_or_404(RetentionHold.objects.select_related("petition"), pk=pk)
    selectors.petition_get_for_user(user=request.user, pk=hold.petition_id)
    if not request.POST.get("confirm"):
        messages.error(request, "Đánh dấu xác nhận để bỏ giữ hồ sơ.")
    else:
        retention.retention_hold_release(
            actor=request.user, hold=hold, reason=request.POST.get("reason", "")
        )
        messages.success(request, "Đã bỏ giữ hồ sơ; thời hạn lưu giữ được áp dụng lại.")
    return redirect("portal:petition_retention", pk=hold.petition_id)
