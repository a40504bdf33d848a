from django.contrib import admin

from noichinh.core.admin import ReadOnlyAdmin
from noichinh.exchange.models import ReceivedFigure


@admin.register(ReceivedFigure)
class ReceivedFigureAdmin(ReadOnlyAdmin):
    list_display = ["source", "period_start", "period_end", "agency_code", "code", "value"]
    list_filter = ["source"]
    search_fields = ["code", "agency_code"]
