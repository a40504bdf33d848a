"""Write actions on the organisation tree. Each is one transaction with its audit entry."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from noichinh.core import audit
from noichinh.org import permissions
from noichinh.org.models import AreaSuccession, AreaUnit


@transaction.atomic
def area_reorganise(
    *,
    actor,
    predecessors: list[AreaUnit],
    effective_date: dt.date,
    kind: str,
    decision: str,
    successor: AreaUnit | None = None,
    successor_code: str = "",
    successor_name: str = "",
    successor_level: str = "",
    successor_parent: AreaUnit | None = None,
) -> AreaUnit:
    """Merge, rename or abolish units from ``effective_date``.

    The predecessors stop being valid on that date; records made before keep their unit and
    are counted under the successor in reports that cross the date.
    """
    if not (permissions.is_admin(actor) or permissions.is_secretariat(actor)):
        permissions.deny()
    if not predecessors:
        raise ValidationError("Chọn ít nhất một đơn vị hành chính bị thay đổi.")
    if kind not in dict(AreaSuccession.KINDS):
        raise ValidationError("Loại thay đổi không hợp lệ.")
    for unit in predecessors:
        if unit.valid_to and unit.valid_to <= effective_date:
            raise ValidationError(f"{unit} đã hết hiệu lực từ {unit.valid_to:%d/%m/%Y}.")
        if unit.valid_from and unit.valid_from >= effective_date:
            raise ValidationError(f"Ngày hiệu lực phải sau ngày {unit} được thành lập.")
    if successor is None:
        if not (successor_code and successor_name and successor_level):
            raise ValidationError("Nhập mã, tên và cấp của đơn vị mới.")
        if AreaUnit.objects.filter(code=successor_code).exists():
            raise ValidationError(f"Mã đơn vị {successor_code} đã tồn tại.")
        successor = AreaUnit.objects.create(
            code=successor_code,
            name=successor_name,
            level=successor_level,
            parent=successor_parent,
            valid_from=effective_date,
        )
        audit.record_create(actor=actor, obj=successor, reason=decision)
    elif successor in predecessors:
        raise ValidationError("Đơn vị kế thừa không thể là một trong các đơn vị bị thay đổi.")
    for unit in predecessors:
        before = audit.snapshot(unit)
        unit.valid_to = effective_date
        unit.save(update_fields=["valid_to"])
        audit.record_update(actor=actor, obj=unit, before=before, reason=decision)
        link = AreaSuccession.objects.create(
            predecessor=unit,
            successor=successor,
            kind=kind,
            effective_date=effective_date,
            decision=decision,
        )
        audit.record_create(actor=actor, obj=link, reason=decision)
    return successor
