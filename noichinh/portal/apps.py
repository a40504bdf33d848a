from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "noichinh.portal"
    label = "portal"
    verbose_name = "Cổng tiếp nhận trực tuyến, bảo vệ người tố cáo"

    def ready(self):
        from noichinh.portal import notices

        notices.connect()
        self._register()

    def _register(self):
        import datetime as dt

        from django.utils.translation import gettext_noop

        from noichinh.core import dashboard, jobs, services
        from noichinh.core import navigation as nav
        from noichinh.portal import calendar_hooks, permissions
        from noichinh.portal import dashboard as portal_dashboard

        nav.register(
            nav.MenuItem(
                gettext_noop("Lưu giữ dữ liệu"),
                "portal:retention_report",
                nav.REFERENCE,
                permissions.is_admin,
                order=40,
            )
        )
        dashboard.register(portal_dashboard.panels, order=30)
        services.register_due_date_recompute(calendar_hooks.recompute_due_dates, order=30)
        jobs.register(
            jobs.Job(
                "retention",
                "Áp dụng thời hạn lưu giữ dữ liệu hồ sơ đã đóng",
                "noichinh.portal.retention:run_job",
                at=dt.time(2, 0),
            ),
            order=50,
        )
