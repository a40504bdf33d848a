"""Figures quoted at a conference, kept as written (briefings write actions)."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from noichinh.briefings import permissions
from noichinh.briefings.models import (
    Conference,
    ConferenceFigure,
)
from noichinh.briefings.services.common import _late, _short
from noichinh.core import audit, closing
from noichinh.core.formats import vn_date


def _figure_whole(figure: ConferenceFigure) -> None:
    """Money is a whole number of đồng; a count (vụ, cuộc, người…) is a whole number."""
    value = Decimal(figure.value)
    if value == value.to_integral_value():
        return
    if figure.is_money:
        raise ValidationError({"value": "Số tiền là số nguyên đồng (ví dụ 7,3 tỷ = 7300000000)."})
    if figure.is_count:
        raise ValidationError({"value": f"Số {figure.unit.strip()} phải là số nguyên."})


def _decimal(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if "," in text or text.count(".") > 1:
            text = text.replace(".", "").replace(",", ".")
        value = text
    try:
        result = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({"value": f"Giá trị không phải là số: {value!r}."})
    if not result.is_finite():
        raise ValidationError({"value": "Giá trị không phải là số."})
    return result


@transaction.atomic
def figure_add(
    *,
    actor,
    conference: Conference,
    value,
    unit: str = "",
    text: str = "",
    qualifier: str = ConferenceFigure.EQ,
    subject: str = "",
    indicator_code: str = "",
    change: str = "",
    reference: str = "",
    late_reason: str = "",
) -> ConferenceFigure:
    """A figure quoted at the conference. Money is an integer of đồng (7,3 tỷ → 7300000000).
    A change ("giảm 18 vụ so với cùng kỳ") keeps its direction (``change``) and what it is
    measured against (``reference``, as written)."""
    permissions.require_manage_conferences(actor)
    amount = _decimal(value)
    if qualifier not in dict(ConferenceFigure.QUALIFIERS):
        raise ValidationError({"qualifier": "So sánh phải là bằng, trên hoặc khoảng."})
    change, reference = _figure_change(change, reference)
    if abs(amount) >= Decimal(10) ** 18:
        raise ValidationError({"value": "Giá trị quá lớn."})
    figure = ConferenceFigure(
        conference=conference,
        value=amount,
        unit=(unit or "").strip(),
        text=(text or "").strip()[:500],
        qualifier=qualifier,
        subject=(subject or "").strip()[:300],
        indicator_code=(indicator_code or "").strip()[:80],
        change=change,
        reference=reference,
    )
    _figure_whole(figure)
    late = closing.guard(conference.date, reason=late_reason)
    figure.save()
    audit.record_create(actor=actor, obj=figure, reason=late_reason.strip() if late else "")
    if late:
        _late(
            actor,
            figure,
            [conference.date],
            late_reason,
            "figure_add",
            f"Thêm số liệu “{_short(figure.text or figure.subject)}” của hội nghị ngày "
            f"{vn_date(conference.date)}",
        )
    return figure


@transaction.atomic
def figure_delete(*, actor, figure: ConferenceFigure) -> None:
    permissions.require_manage_conferences(actor)
    audit.record_delete(actor=actor, obj=figure)
    figure.delete()


@transaction.atomic
def _figure_change(change, reference) -> tuple[str, str]:
    change = str(change or "").strip()
    if change not in dict(ConferenceFigure.CHANGES) and change != "":
        raise ValidationError({"change": "Biến động phải là tăng, giảm hoặc để trống."})
    reference = " ".join(str(reference or "").split())[:120]
    return change, (reference if change else "")


def figure_update(*, actor, figure: ConferenceFigure, **fields) -> ConferenceFigure:
    permissions.require_manage_conferences(actor)
    before = audit.snapshot(figure)
    if "value" in fields:
        fields["value"] = _decimal(fields["value"])
        if fields["value"] == figure.value:  # 7 and 7.000 are one value: no change to record
            del fields["value"]
    if "change" in fields or "reference" in fields:
        fields["change"], fields["reference"] = _figure_change(
            fields.get("change", figure.change), fields.get("reference", figure.reference)
        )
    for name, value in fields.items():
        setattr(figure, name, value)
    _figure_whole(figure)
    figure.save()
    audit.record_update(actor=actor, obj=figure, before=before)
    return figure
