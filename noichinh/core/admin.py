from django.contrib import admin

from noichinh.core.models import AuditEntry, CalendarException, TimeLimitRule


@admin.register(TimeLimitRule)
class TimeLimitRuleAdmin(admin.ModelAdmin):
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
class CalendarExceptionAdmin(admin.ModelAdmin):
    list_display = ["date", "is_day_off", "reason"]
    list_filter = ["is_day_off"]
    date_hierarchy = "date"


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
