from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "noichinh.reports"
    label = "reports"
    verbose_name = "Báo cáo định kỳ"

    def ready(self):
        from noichinh.core import closing
        from noichinh.reports.closing import PROVIDER

        closing.register(PROVIDER)
        self._register()

    def _register(self):
        from django.utils.translation import gettext_noop

        from noichinh.core import dashboard
        from noichinh.core import navigation as nav
        from noichinh.reports import dashboard as reports_dashboard
        from noichinh.reports import permissions

        nav.register(
            nav.MenuItem(gettext_noop("Báo cáo định kỳ"), "reports:period_list", nav.REPORTS, order=10),
            nav.MenuItem(
                gettext_noop("Biểu mẫu thống kê"),
                "reports:official_forms",
                nav.REPORTS,
                permissions.can_use_official_forms,
                order=20,
            ),
        )
        dashboard.register(reports_dashboard.panels, order=50)
