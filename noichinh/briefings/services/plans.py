"""Inspection and audit plans (briefings write actions)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from noichinh.briefings import permissions
from noichinh.briefings.models import (
    InspectionPlan,
)
from noichinh.briefings.services.common import _late, _short
from noichinh.core import audit, closing
from noichinh.org.models import Agency, AreaUnit


def _plan_days(year: int) -> list[dt.date]:
    """A plan counts in every period of its year: one day in each quarter (and so in each
    half-year and the year)."""
    return [dt.date(year, month, 1) for month in (1, 4, 7, 10)]


@transaction.atomic
def plan_create(
    *,
    actor,
    agency: Agency,
    year: int,
    subject: str,
    kind: str = "thanh_tra",
    target_agency: Agency | None = None,
    unit: AreaUnit | None = None,
    period_text: str = "",
    late_reason: str = "",
) -> InspectionPlan:
    """A planned inspection. Overlaps with other agencies' plans are warnings, not errors:
    the list and detail show them to every agency concerned and to the secretariat. The
    figures count a plan in every period of its year: a year with a closed reporting period
    needs ``late_reason`` (core.closing)."""
    if agency is None:
        raise ValidationError({"agency": "Chọn cơ quan lập kế hoạch."})
    permissions.require_plan_for_agency(actor, agency)
    errors = {}
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        errors["year"] = "Năm kế hoạch không hợp lệ."
    if target_agency is None and unit is None:
        errors["target_agency"] = "Chọn cơ quan, đơn vị hoặc địa bàn được thanh tra, kiểm tra."
    if target_agency is not None and target_agency == agency:
        errors["target_agency"] = "Cơ quan không tự thanh tra chính mình trong kế hoạch này."
    if not (subject or "").strip():
        errors["subject"] = "Nhập nội dung thanh tra, kiểm tra."
    if kind not in dict(InspectionPlan.KINDS):
        errors["kind"] = "Hình thức không hợp lệ."
    if errors:
        raise ValidationError(errors)
    late = closing.guard(*_plan_days(year), reason=late_reason)
    plan = InspectionPlan.objects.create(
        agency=agency,
        year=year,
        kind=kind,
        target_agency=target_agency,
        unit=unit,
        subject=subject.strip(),
        period_text=period_text.strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit.record_create(actor=actor, obj=plan, reason=late_reason.strip() if late else "")
    if late:
        _late(
            actor,
            plan,
            _plan_days(year),
            late_reason,
            "plan_create",
            f"Nhập kế hoạch thanh tra năm {year}: “{_short(plan.subject)}”",
        )
    return plan


@transaction.atomic
def plan_update(
    *,
    actor,
    plan: InspectionPlan,
    year: int,
    subject: str,
    kind: str,
    target_agency: Agency | None = None,
    unit: AreaUnit | None = None,
    period_text: str = "",
    agency: Agency | None = None,
    late_reason: str = "",
) -> InspectionPlan:
    """Correct a plan (the planning agency stays the same). A plan of (or moved to or from)
    a year with a closed reporting period needs ``late_reason`` (core.closing)."""
    permissions.require_edit_plan(actor, plan)
    errors = {}
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        errors["year"] = "Năm kế hoạch không hợp lệ."
    if target_agency is None and unit is None:
        errors["target_agency"] = "Chọn cơ quan, đơn vị hoặc địa bàn được thanh tra, kiểm tra."
    if target_agency is not None and target_agency.pk == plan.agency_id:
        errors["target_agency"] = "Cơ quan không tự thanh tra chính mình trong kế hoạch này."
    if not (subject or "").strip():
        errors["subject"] = "Nhập nội dung thanh tra, kiểm tra."
    if kind not in dict(InspectionPlan.KINDS):
        errors["kind"] = "Hình thức không hợp lệ."
    if errors:
        raise ValidationError(errors)
    days = sorted({*_plan_days(plan.year), *_plan_days(year)})
    late = closing.guard(*days, reason=late_reason)
    before = audit.snapshot(plan)
    plan.year, plan.kind, plan.target_agency, plan.unit = year, kind, target_agency, unit
    plan.subject, plan.period_text = subject.strip(), period_text.strip()
    plan.save()
    audit.record_update(
        actor=actor, obj=plan, before=before, reason=late_reason.strip() if late else ""
    )
    if late:
        _late(
            actor,
            plan,
            days,
            late_reason,
            "plan_update",
            f"Sửa kế hoạch thanh tra năm {year}: “{_short(plan.subject)}”",
        )
    return plan
