from django.contrib import admin

from noichinh.core.models import AuditEntry, CalendarException, TimeLimitRule


class ReadOnlyAdmin(admin.ModelAdmin):
    """Readable in the admin, changed only through the services (which write the audit
    entry): nobody, the superuser included, adds, changes or deletes here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
class TimeLimitRuleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "count", "unit", "source", "needs_verification"]
    list_filter = ["unit", "needs_verification"]
    search_fields = ["code", "name", "source"]


@admin.register(CalendarException)
class CalendarExceptionAdmin(admin.ModelAdmin):
    list_display = ["date", "is_day_off", "reason"]
    list_filter = ["is_day_off"]
    date_hierarchy = "date"


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only: nobody, administrators included, may add, change or delete history."""

    list_display = ["seq", "at", "actor_name", "action", "model", "object_repr"]
    list_filter = ["action", "model"]
    search_fields = ["actor_name", "object_repr", "object_id"]
