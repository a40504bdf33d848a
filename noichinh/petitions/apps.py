from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "noichinh.petitions"
    label = "petitions"
    verbose_name = "Đơn thư, tiếp công dân"

    def ready(self):
        from noichinh.petitions import daily, overdue

        daily.connect()
        overdue.connect()
        self._register()

    def _register(self):
        import datetime as dt

        from django.utils.translation import gettext_noop

        from noichinh.core import dashboard, jobs, services
        from noichinh.core import navigation as nav
        from noichinh.petitions import calendar_hooks, permissions
        from noichinh.petitions import dashboard as petitions_dashboard

        nav.register(
            nav.MenuItem(
                gettext_noop("Tiếp công dân"),
                "petitions:visit_list",
                nav.PETITIONS,
                lambda u: not permissions.is_leadership(u),
                order=10,
            ),
            nav.MenuItem(gettext_noop("Đơn thư"), "petitions:petition_list", nav.PETITIONS, order=20),
        )
        dashboard.register(petitions_dashboard.panels, order=20)
        services.register_due_date_recompute(calendar_hooks.recompute_due_dates, order=10)
        for order, job in (
            (
                10,
                jobs.Job(
                    "petition_reminders",
                    "Nhắc hạn xử lý đơn",
                    "noichinh.petitions.services:send_reminders",
                    at=dt.time(7, 0),
                ),
            ),
            (
                20,
                jobs.Job(
                    "escalation",
                    "Cảnh báo và báo cáo cấp trên đơn, nhiệm vụ, vụ án chậm hạn",
                    "noichinh.petitions.escalation:run",
                    at=dt.time(7, 10),
                ),
            ),
            (
                40,
                jobs.Job(
                    "officer_digest",
                    "Thư tổng hợp hằng ngày cho cán bộ",
                    "noichinh.petitions.digest:send_digests",
                    at=dt.time(7, 30),
                ),
            ),
            (
                60,
                jobs.Job(
                    "daily_figures",
                    "Cập nhật số liệu tổng hợp theo ngày",
                    "noichinh.petitions.jobs:refresh_daily_figures",
                    every=dt.timedelta(hours=1),
                ),
            ),
        ):
            jobs.register(job, order=order)
