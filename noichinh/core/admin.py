from django.contrib import admin

from noichinh.core.models import (
    AuditEntry,
    CalendarDay,
    CalendarException,
    CalendarNotice,
    CalendarYear,
    TimeLimitRule,
)


@admin.register(TimeLimitRule)
class TimeLimitRuleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "count", "unit", "source", "needs_verification"]
    list_filter = ["unit", "needs_verification"]
    search_fields = ["code", "name", "source"]


@admin.register(CalendarException)
class CalendarExceptionAdmin(admin.ModelAdmin):
    list_display = ["date", "is_day_off", "reason"]
    list_filter = ["is_day_off"]
    date_hierarchy = "date"


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CalendarNoticeInline(_ReadOnlyInline):
    model = CalendarNotice
    fields = ["number", "issued_on", "issuer", "summary", "found_in"]


class CalendarDayInline(_ReadOnlyInline):
    model = CalendarDay
    fields = ["date", "is_day_off", "reason", "notice", "source", "provisional"]


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    """Read-only here: a notice is entered on the calendar page's form (core:calendar_notice),
    which recomputes the open due dates it changes; editing rows directly would not."""

    list_display = ["year", "status"]
    inlines = [CalendarNoticeInline, CalendarDayInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: nobody, administrators included, may add, change or delete history."""

    list_display = ["at", "actor_name", "action", "model", "object_repr"]
    list_filter = ["action", "model"]
    search_fields = ["actor_name", "object_repr", "object_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
