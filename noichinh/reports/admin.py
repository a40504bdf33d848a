from django.contrib import admin

from noichinh.core.admin import AuditedAdmin, ReadOnlyAdmin
from noichinh.reports.models import (
    CommitteePart,
    Indicator,
    LateChange,
    Period,
    Reminder,
    ReportBuild,
    ReportDocument,
    ReportType,
    ReportVersion,
    Section,
    Submission,
    SubmissionValue,
)


@admin.register(ReportType)
class ReportTypeAdmin(AuditedAdmin):
    list_display = ["code", "name", "start_day", "months_before", "end_day", "legal_source"]


@admin.register(Section)
class SectionAdmin(AuditedAdmin):
    list_display = ["code", "title", "order"]


@admin.register(CommitteePart)
class CommitteePartAdmin(AuditedAdmin):
    list_display = ["bloc", "order", "title"]
    list_filter = ["bloc"]
    filter_horizontal = ["indicators"]


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin):
    list_display = ["code", "name", "unit", "section", "source", "figure_code", "active"]
    list_filter = ["section", "source", "active"]
    search_fields = ["code", "name"]


@admin.register(Period)
class PeriodAdmin(AuditedAdmin):
    list_display = ["__str__", "report_type", "start", "end", "status"]
    list_filter = ["status", "kind", "report_type"]
    readonly_fields = ["start", "end"]


class ValueInline(admin.TabularInline):
    model = SubmissionValue
    extra = 0


@admin.register(Submission)
class SubmissionAdmin(AuditedAdmin):
    list_display = ["period", "agency", "status", "source"]
    list_filter = ["status", "period"]
    inlines = [ValueInline]


admin.site.register(Reminder, AuditedAdmin)
admin.site.register(ReportDocument, AuditedAdmin)


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnlyAdmin):
    """Issued versions are shown, never changed nor deleted (the model refuses too)."""

    list_display = ["document", "number", "created_at", "docx_sha256", "audit_seq"]
    exclude = ["docx", "pdf", "xlsx"]


@admin.register(ReportBuild)
class ReportBuildAdmin(AuditedAdmin):
    list_display = ["document", "number", "status", "progress", "requested_at"]
    list_filter = ["status"]
    readonly_fields = ["version"]


@admin.register(LateChange)
class LateChangeAdmin(ReadOnlyAdmin):
    """Late changes are a record of what happened: shown, never changed nor deleted."""

    list_display = ["period", "on", "object_repr", "agency", "actor", "at"]
    list_filter = ["period"]
