from django.contrib import admin

from noichinh.briefings.models import (
    AwardDecision,
    AwardRecipient,
    ConclusionNotice,
    Conference,
    ConferenceFigure,
    InspectionPlan,
    Movement,
    Task,
    TaskUpdate,
)
from noichinh.core.admin import AuditedAdmin


class FigureInline(admin.TabularInline):
    model = ConferenceFigure
    extra = 0


@admin.register(Conference)
class ConferenceAdmin(AuditedAdmin):
    list_display = ["title", "date", "period_label", "chair_name"]
    search_fields = ["title_folded"]
    list_filter = ["kind", "blocs"]
    inlines = [FigureInline]
    filter_horizontal = ["attendee_agencies", "carried_tasks"]


@admin.register(ConclusionNotice)
class ConclusionNoticeAdmin(AuditedAdmin):
    list_display = ["number", "issued_on", "title"]


class UpdateInline(admin.TabularInline):
    model = TaskUpdate
    extra = 0


@admin.register(Task)
class TaskAdmin(AuditedAdmin):
    list_display = ["text", "lead_agency", "deadline", "is_regular", "status"]
    list_filter = ["status", "is_regular"]
    search_fields = ["text_folded"]
    inlines = [UpdateInline]


@admin.register(Movement)
class MovementAdmin(AuditedAdmin):
    list_display = ["name", "year"]


class RecipientInline(admin.TabularInline):
    model = AwardRecipient
    extra = 0


@admin.register(AwardDecision)
class AwardDecisionAdmin(AuditedAdmin):
    list_display = ["number", "issuer_level", "form", "signed_on", "movement"]
    list_filter = ["issuer_level", "form", "movement"]
    inlines = [RecipientInline]


@admin.register(InspectionPlan)
class InspectionPlanAdmin(AuditedAdmin):
    list_display = ["year", "agency", "target_agency", "unit", "subject"]
    list_filter = ["year", "kind"]
    search_fields = ["subject_folded"]
