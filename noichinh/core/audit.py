"""Writing the audit history. Services call `record` inside their transaction."""

import datetime as dt
import decimal

from django.db import connection, models, transaction
from django.db.models.fields.files import FieldFile

from noichinh.core import clock
from noichinh.core.models import AuditEntry

_LOCK_KEY = 77001


def _plain(value):
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def snapshot(instance: models.Model) -> dict:
    """Field values of ``instance`` for the history, without sealed fields.

    A model lists fields that must never reach the history in ``AUDIT_EXCLUDE``.
    """
    exclude = set(getattr(instance, "AUDIT_EXCLUDE", ()))
    data = {}
    for f in instance._meta.concrete_fields:
        if f.name in exclude or f.name.endswith("_folded"):
            continue
        data[f.name] = _plain(getattr(instance, f.attname))
    return data


def diff(before: dict, after: dict) -> dict:
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    changes: dict | None = None,
    model: str = "",
    object_id: str = "",
    object_repr: str = "",
    reason: str = "",
) -> AuditEntry:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
        entry = AuditEntry(
            at=clock.now(),
            actor=actor if getattr(actor, "pk", None) else None,
            actor_name=getattr(actor, "username", "") or "",
            action=action,
            model=model or (obj._meta.label_lower if obj is not None else ""),
            object_id=object_id or (str(obj.pk) if obj is not None else ""),
            object_repr=(object_repr or (str(obj) if obj is not None else ""))[:255],
            changes=changes or {},
            reason=reason,
            prev_hash=last or "",
        )
        entry.hash = entry.compute_hash()
        entry.save()
        return entry


def record_create(*, actor, obj, reason: str = "") -> AuditEntry:
    after = snapshot(obj)
    return record(
        actor=actor,
        action="create",
        obj=obj,
        changes={k: [None, v] for k, v in after.items()},
        reason=reason,
    )


def record_update(*, actor, obj, before: dict, reason: str = "") -> AuditEntry | None:
    changes = diff(before, snapshot(obj))
    if not changes:
        return None
    return record(actor=actor, action="update", obj=obj, changes=changes, reason=reason)


def record_delete(*, actor, obj, reason: str = "") -> AuditEntry:
    before = snapshot(obj)
    return record(
        actor=actor,
        action="delete",
        obj=obj,
        changes={k: [v, None] for k, v in before.items()},
        reason=reason,
    )


def verify_chain() -> list[str]:
    """Problems found in the chain (empty when intact)."""
    problems = []
    prev = ""
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != prev:
            problems.append(
                f"#{entry.pk}: liên kết tới bản ghi trước bị đứt (bản ghi bị xóa hoặc chèn)"
            )
        if entry.compute_hash() != entry.hash:
            problems.append(f"#{entry.pk}: nội dung bị sửa (hash không khớp)")
        prev = entry.hash
    return problems
