from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "noichinh.reports"
    label = "reports"
    verbose_name = "Báo cáo định kỳ"

    def ready(self):
        from noichinh.core import closing
        from noichinh.reports.closing import PROVIDER

        closing.register(PROVIDER)
