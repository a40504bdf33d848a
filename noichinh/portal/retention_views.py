"""Officer page of the retention job: its schedule and what each run removed."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from noichinh.core.listing import paginate
from noichinh.org import permissions
from noichinh.portal import retention
from noichinh.portal.models import RetentionRule, RetentionRun


@login_required
def retention_report(request):
    if not permissions.is_admin(request.user):
        permissions.deny("Chỉ quản trị hệ thống xem báo cáo lưu giữ dữ liệu.")
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
