from django.contrib import admin

from noichinh.cases.models import (
    Case,
    CaseStage,
    ExplanationRequest,
    ProgressReport,
    StageExtension,
    SupervisionDecision,
    SupervisionEntry,
)


class StageInline(admin.TabularInline):
    model = CaseStage
    extra = 0
    readonly_fields = ["rule_code", "variant", "due_on"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["title", "number", "kind", "field", "severity", "arisen_on"]
    list_filter = ["kind", "field", "severity"]
    search_fields = ["title_folded", "number"]
    inlines = [StageInline]


class EntryInline(admin.TabularInline):
    model = SupervisionEntry
    extra = 0


@admin.register(SupervisionDecision)
class SupervisionDecisionAdmin(admin.ModelAdmin):
    list_display = ["number", "date", "kind", "issuer"]
    list_filter = ["kind"]
    inlines = [EntryInline]


@admin.register(StageExtension)
class StageExtensionAdmin(admin.ModelAdmin):
    list_display = ["stage", "variant", "decision_number", "decision_date", "due_on"]


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ["case", "agency", "reported_on"]


@admin.register(ExplanationRequest)
class ExplanationRequestAdmin(admin.ModelAdmin):
    list_display = ["case", "addressed_to", "requested_on", "answered_on"]
