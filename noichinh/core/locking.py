"""Optimistic locking: two people editing the same record, the second save is refused.

Convention: the model has ``version = models.PositiveIntegerField(default=1)``; forms and
API payloads carry the version the user loaded (a hidden field); the service saves with
:func:`save_with_version`, which writes only if the row still has that version (one
conditional UPDATE, atomic on both SQLite and PostgreSQL, no lock held while the user types)
and bumps it. When someone saved in between, :class:`ConflictError` (a ValidationError, so
forms and the API show it as a 400 with its message) lists what they changed, in Vietnamese.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, signals


class ConflictError(ValidationError):
    def __init__(self, message: str, *, changes: dict, current_version: int):
        super().__init__(message, code="conflict")
        self.changes = changes
        self.current_version = current_version


def _label(model, name: str) -> str:
    field = model._meta.get_field(name)
    return str(getattr(field, "verbose_name", name) or name)


def _display(instance, name: str, value) -> str:
    field = instance._meta.get_field(name)
    if value in (None, ""):
        return "(trống)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "có" if value else "không"
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _field_names(model) -> list[str]:
    return [
        f.attname if f.is_relation else f.name
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name != "version"
    ]


def save_with_version(
    instance: Any,  # a model with a ``version`` field
    expected_version: int,
    fields: list[str] | tuple[str, ...],
    *,
    original: dict | None = None,
) -> models.Model:
    """Save ``fields`` of ``instance`` if its row is still at ``expected_version``.

    ``original``: the values the user started from (field name -> value); by default the
    instance's values of the fields not being saved (they were loaded with the instance).
    On success ``instance.version`` is the new version. Raises ConflictError otherwise.
    """
    model: Any = type(instance)
    values = {}
    for name in fields:
        field = model._meta.get_field(name)
        values[field.attname] = getattr(instance, field.attname)
    with transaction.atomic():
        updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
            version=F("version") + 1, **values
        )
        if updated:
            instance.version = expected_version + 1
            # What save() would tell its listeners (e.g. the petitions' daily figures).
            signals.post_save.send(
                sender=model,
                instance=instance,
                created=False,
                update_fields=frozenset(fields),
                raw=False,
                using=instance._state.db,
            )
            return instance
        current = model._default_manager.get(pk=instance.pk)
    names = _field_names(model)
    attnames = {
        model._meta.get_field(n).attname: n for n in [f.name for f in model._meta.concrete_fields]
    }
    saved = {model._meta.get_field(n).attname for n in fields}
    if original is None:
        original = {a: getattr(instance, a) for a in names if a not in saved}
    changes = {}
    for attname, before in original.items():
        now = getattr(current, attname, None)
        if now != before:
            changes[attnames.get(attname, attname)] = (before, now)
    lines = [
        f"{_label(model, name)}: “{_display(current, name, b)}” → “{_display(current, name, a)}”"
        for name, (b, a) in changes.items()
    ]
    message = (
        f"{str(model._meta.verbose_name).capitalize()} vừa được người khác cập nhật "
        f"(phiên bản {current.version}, bạn đang sửa phiên bản {expected_version}). "
        + ("Những gì đã thay đổi: " + "; ".join(lines) + ". " if lines else "")
        + "Thay đổi của bạn chưa được lưu: hãy tải lại trang và nhập lại."
    )
    raise ConflictError(message, changes=changes, current_version=current.version)
