import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from noichinh.core import calendar as cal


class TimeLimitRule(models.Model):
    """A legal time limit, as data (legal.md §2). Code is what the registers refer to."""

    UNIT_CHOICES = [
        (cal.WORKING_DAYS, _("working days")),
        (cal.DAYS, _("days")),
        (cal.MONTHS, _("months")),
    ]
    code = models.CharField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=255)
    count = models.PositiveIntegerField(_("count"))
    unit = models.CharField(_("unit"), max_length=20, choices=UNIT_CHOICES)
    shift_to_working_day = models.BooleanField(
        _("ends on the next working day when the last day is a day off"), default=True
    )
    variants = models.JSONField(_("variants"), default=dict, blank=True)
    source = models.CharField(_("legal source"), max_length=255)
    note = models.TextField(_("note"), blank=True)
    needs_verification = models.BooleanField(_("source to be verified"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("time-limit rule")
        verbose_name_plural = _("time-limit rules")

    def __str__(self):
        return f"{self.code} ({self.count} {self.get_unit_display()})"

    def clean(self):
        if not isinstance(self.variants, dict):
            raise ValidationError({"variants": _("Variants must be an object.")})
        for name, spec in self.variants.items():
            if not isinstance(spec, dict) or not ({"count", "plus_count"} & set(spec)):
                raise ValidationError(
                    {"variants": _("Variant %(name)s needs count or plus_count.") % {"name": name}}
                )

    def spec(self) -> cal.RuleSpec:
        return cal.RuleSpec(
            code=self.code,
            count=self.count,
            unit=self.unit,
            source=self.source,
            shift_to_working_day=self.shift_to_working_day,
            variants=self.variants or {},
        )


class CalendarException(models.Model):
    """An administrator's exception to the package calendar: an extra day off or working day."""

    date = models.DateField(_("date"), unique=True)
    is_day_off = models.BooleanField(_("day off"), default=True)
    reason = models.CharField(_("reason"), max_length=255)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.reason}"


class AppendOnlyError(Exception):
    pass


class AuditEntry(models.Model):
    """Append-only history of every change to a domain record and every identity reveal.

    Each entry stores the hash of the previous one; `manage.py verify_audit` recomputes the
    chain, so an edited or deleted row is detected.
    """

    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(_("user"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=40, db_index=True)
    model = models.CharField(_("record type"), max_length=80, db_index=True)
    object_id = models.CharField(_("record"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("description"), max_length=255, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit history")
        indexes = [models.Index(fields=["model", "object_id", "id"])]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")

    def payload(self) -> bytes:
        data = {
            "at": self.at.isoformat(),
            "actor": self.actor_id,
            "actor_name": self.actor_name,
            "action": self.action,
            "model": self.model,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "changes": self.changes,
            "reason": self.reason,
            "prev": self.prev_hash,
        }
        return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()

    def compute_hash(self) -> str:
        return hashlib.sha256(self.payload()).hexdigest()
