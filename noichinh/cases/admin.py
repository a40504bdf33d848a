"""The case register is read-only here: cases, stages, supervision and reports change only
through the services, which check who may and write the audit entry."""

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
from noichinh.core.admin import ReadOnlyAdmin, ReadOnlyInline


class StageInline(ReadOnlyInline, admin.TabularInline):
    model = CaseStage
    extra = 0
    readonly_fields = ["rule_code", "variant", "due_on"]


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["title", "number", "kind", "field", "severity", "arisen_on"]
    list_filter = ["kind", "field", "severity"]
    search_fields = ["title_folded", "number"]
    inlines = [StageInline]


class EntryInline(ReadOnlyInline, admin.TabularInline):
    model = SupervisionEntry
    extra = 0


@admin.register(SupervisionDecision)
class SupervisionDecisionAdmin(ReadOnlyAdmin):
    list_display = ["number", "date", "kind", "issuer"]
    list_filter = ["kind"]
    inlines = [EntryInline]


@admin.register(StageExtension)
class StageExtensionAdmin(ReadOnlyAdmin):
    list_display = ["stage", "variant", "decision_number", "decision_date", "due_on"]


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ["case", "agency", "reported_on"]


@admin.register(ExplanationRequest)
class ExplanationRequestAdmin(ReadOnlyAdmin):
    list_display = ["case", "addressed_to", "requested_on", "answered_on"]
