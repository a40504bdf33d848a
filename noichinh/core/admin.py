from django.contrib import admin

from noichinh.core import audit
from noichinh.core.models import (
    AuditEntry,
    CalendarDay,
    CalendarException,
    CalendarNotice,
    CalendarYear,
    JobState,
    TimeLimitRule,
)

ADMIN_REASON = "Sửa trên trang quản trị"


class ReadOnlyAdmin(admin.ModelAdmin):
    """Readable in the admin, changed only through the services (which write the audit
    entry): nobody, the superuser included, adds, changes or deletes here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _stored(obj):
    return type(obj)._default_manager.get(pk=obj.pk)


def _save_audited(request, obj, save) -> None:
    before = audit.snapshot(_stored(obj)) if obj.pk else None
    save()
    if before is None:
        audit.record_create(actor=request.user, obj=obj, reason=ADMIN_REASON)
    else:
        audit.record_update(actor=request.user, obj=obj, before=before, reason=ADMIN_REASON)


class AuditedAdmin(admin.ModelAdmin):
    """Writable in the admin (reference data: the organisation tree, rules, catalogues), but
    every add, change and delete, inline rows included, writes an audit entry with the
    administrator as actor. (Many-to-many picks are not in the entry.)"""

    def save_model(self, request, obj, form, change):
        _save_audited(
            request, obj, lambda: super(AuditedAdmin, self).save_model(request, obj, form, change)
        )

    def delete_model(self, request, obj):
        audit.record_delete(actor=request.user, obj=obj, reason=ADMIN_REASON)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit.record_delete(actor=request.user, obj=obj, reason=ADMIN_REASON)
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audit.record_delete(actor=request.user, obj=obj, reason=ADMIN_REASON)
            obj.delete()
        for obj in instances:
            _save_audited(request, obj, obj.save)
        formset.save_m2m()


class ReadOnlyInline:
    """Mix into an inline of a ReadOnlyAdmin."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TimeLimitRule)
class TimeLimitRuleAdmin(AuditedAdmin):
    """Rules are dated: a change of law closes a row (valid_until) and adds one (valid_from);
    ``TimeLimitRule.clean`` refuses overlapping rows of one code."""

    list_display = [
        "name",
        "code",
        "count",
        "unit",
        "shift_to_working_day",
        "valid_from",
        "valid_until",
        "source",
        "needs_verification",
    ]
    list_filter = ["unit", "needs_verification", "shift_to_working_day"]
    search_fields = ["code", "name", "source"]
    ordering = ["code", "valid_from"]


@admin.register(CalendarException)
class CalendarExceptionAdmin(AuditedAdmin):
    list_display = ["date", "is_day_off", "reason"]
    list_filter = ["is_day_off"]
    date_hierarchy = "date"


class CalendarNoticeInline(ReadOnlyInline, admin.TabularInline):
    model = CalendarNotice
    fields = ["number", "issued_on", "issuer", "summary", "found_in"]


class CalendarDayInline(ReadOnlyInline, admin.TabularInline):
    model = CalendarDay
    fields = ["date", "is_day_off", "reason", "notice", "source", "provisional"]


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    """Read-only here: a notice is entered on the calendar page's form (core:calendar_notice),
    which recomputes the open due dates it changes; editing rows directly would not."""

    list_display = ["year", "status"]
    inlines = [CalendarNoticeInline, CalendarDayInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only: nobody, administrators included, may add, change or delete history."""

    list_display = ["seq", "at", "actor_name", "action", "model", "object_repr"]
    list_filter = ["action", "model"]
    search_fields = ["actor_name", "object_repr", "object_id"]


@admin.register(JobState)
class JobStateAdmin(ReadOnlyAdmin):
    list_display = ["name", "status", "started_at", "finished_at", "failed_at", "runs"]
