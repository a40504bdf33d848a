"""Read-only administration: codes are hashes, sealed columns are never shown."""

from django.contrib import admin

from noichinh.core.admin import AuditedAdmin, ReadOnlyAdmin
from noichinh.portal.models import (
    PortalAccess,
    PortalMessage,
    ProtectionEvent,
    ProtectionRequest,
    RetentionHold,
    RetentionNotice,
    RetentionRule,
    RetentionRun,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PortalAccess)
class PortalAccessAdmin(ReadOnly):
    list_display = ("petition_id", "created_at", "last_used_at")
    exclude = ("code_hash",)


@admin.register(PortalMessage)
class PortalMessageAdmin(ReadOnly):
    list_display = ("petition_id", "kind", "created_at")
    list_filter = ("kind",)


class EventInline(admin.TabularInline):
    model = ProtectionEvent
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ProtectionRequest)
class ProtectionRequestAdmin(ReadOnly):
    list_display = ("petition_id", "requested_on", "state", "decision_due", "follow_up_due")
    list_filter = ("state",)
    exclude = ("sealed_people",)
    inlines = [EventInline]


# --- retention: the schedule is reference data (audited); runs, holds, notices only read ---


@admin.register(RetentionRule)
class RetentionRuleAdmin(AuditedAdmin):
    list_display = ("target", "months", "action", "notice_days", "is_province_choice")

    def has_add_permission(self, request):
        return False  # one row per kind of data, seeded

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    list_display = ("as_of", "started_at", "finished_at", "trigger")


@admin.register(RetentionHold)
class RetentionHoldAdmin(ReadOnlyAdmin):
    list_display = ("petition_id", "reason", "case", "created_at", "released_at")


@admin.register(RetentionNotice)
class RetentionNoticeAdmin(ReadOnlyAdmin):
    list_display = ("petition_id", "expires_on", "noticed_on", "sent_at")
