from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "noichinh.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self):
        # Registers the system checks and the field__in_literal lookup.
        from noichinh.core import audit_checks, checks, lookups  # noqa: F401

        self._connect_calendar_changes()
        self._register()

    def _register(self):
        from django.utils.translation import gettext_noop

        from noichinh.core import dashboard, permissions
        from noichinh.core import navigation as nav

        nav.register(
            nav.MenuItem(gettext_noop("Tổng quan"), "home", None, order=0),
            nav.MenuItem(gettext_noop("Hướng dẫn"), "guide:index", None, order=100),
            nav.MenuItem(gettext_noop("Lịch và thời hạn"), "core:calendar", nav.REFERENCE, order=30),
            nav.MenuItem(
                gettext_noop("Quản trị"), "admin:index", nav.REFERENCE, permissions.is_admin, 50
            ),
        )
        dashboard.register(dashboard.job_panels, order=10)

    def _connect_calendar_changes(self):
        """Any write to the calendar tables (admin, services, seeds through the ORM) or a flush
        invalidates the calendar every process keeps (core.selectors.calendar_changed)."""
        from django.db.models.signals import post_delete, post_migrate, post_save

        from noichinh.core import models, selectors

        for model in (
            models.CalendarDay,
            models.CalendarYear,
            models.CalendarNotice,
            models.CalendarException,
        ):
            for signal in (post_save, post_delete):
                signal.connect(selectors.calendar_changed, sender=model, weak=False)
        # A flush (tests) or migrate: this process forgets its calendar (the cache table may
        # not exist yet during migrate, so the shared version is left alone).
        post_migrate.connect(selectors.forget_kept_calendar, weak=False)
