from django.contrib import admin

from noichinh.core.admin import AuditedAdmin
from noichinh.reports.models import (
    Indicator,
    Period,
    Reminder,
    ReportDocument,
    ReportType,
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
