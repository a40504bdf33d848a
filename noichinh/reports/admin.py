from django.contrib import admin

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
class ReportTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "start_day", "months_before", "end_day", "legal_source"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "order"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "section", "source", "figure_code", "active"]
    list_filter = ["section", "source", "active"]
    search_fields = ["code", "name"]


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ["__str__", "report_type", "start", "end", "status"]
    list_filter = ["status", "kind", "report_type"]
    readonly_fields = ["start", "end"]


class ValueInline(admin.TabularInline):
    model = SubmissionValue
    extra = 0


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["period", "agency", "status", "source"]
    list_filter = ["status", "period"]
    inlines = [ValueInline]


admin.site.register(Reminder)
admin.site.register(ReportDocument)
