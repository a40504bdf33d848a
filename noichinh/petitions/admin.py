"""Petitions and visits are read-only here: they change only through the services, which
check who may and write the audit entry."""

from django.contrib import admin

from noichinh.core.admin import AuditedAdmin, ReadOnlyAdmin, ReadOnlyInline
from noichinh.petitions.models import (
    Deadline,
    Escalation,
    EscalationRule,
    Notification,
    Petition,
    ReceptionDay,
    Transition,
    Visit,
)


@admin.register(Visit)
class VisitAdmin(ReadOnlyAdmin):
    list_display = ("visited_on", "agency", "kind", "petition_type", "people_count", "is_mass")
    list_filter = ("kind", "petition_type", "is_mass")
    search_fields = ("content_folded",)
    exclude = ("sealed_identity", "visitor_hash")
    raw_id_fields = ("repeat_of", "officer", "created_by")


class DeadlineInline(ReadOnlyInline, admin.TabularInline):
    model = Deadline
    extra = 0
    readonly_fields = ("rule", "variant", "started_on", "due", "explanation", "done_on")


class TransitionInline(ReadOnlyInline, admin.TabularInline):
    model = Transition
    extra = 0
    can_delete = False
    readonly_fields = (
        "from_state",
        "to_state",
        "action",
        "at",
        "on_date",
        "actor",
        "doc_no",
        "note",
    )


@admin.register(Petition)
class PetitionAdmin(ReadOnlyAdmin):
    list_display = ("receipt_no", "received_on", "agency", "type", "state", "next_due")
    list_filter = ("type", "field", "state", "is_mass", "is_over_level")
    search_fields = ("receipt_no", "content_folded")
    # Sealed identity and its keys never appear in the admin.
    exclude = ("sealed_identity", "sender_hash", "sender_id_hash", "sender_folded")
    raw_id_fields = ("visit", "duplicate_of", "forwarded_from", "assigned_officer", "created_by")
    inlines = [DeadlineInline, TransitionInline]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "user", "kind", "message", "read_at")
    list_filter = ("kind",)


@admin.register(ReceptionDay)
class ReceptionDayAdmin(ReadOnlyAdmin):
    """Changed on the officer page (services, audit), read here."""

    list_display = ("day", "agency", "leader_name", "place", "cancelled")
    list_filter = ("cancelled",)


@admin.register(EscalationRule)
class EscalationRuleAdmin(AuditedAdmin):
    """The escalation table is data (like the time limits): every change is audited."""

    list_display = ["name", "subject", "trigger", "share_percent", "recipient", "active"]
    list_filter = ["subject", "recipient", "active"]


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyAdmin):
    list_display = ["on_date", "rule", "recipient", "agency", "due", "occurrence"]
    list_filter = ["subject", "on_date"]
