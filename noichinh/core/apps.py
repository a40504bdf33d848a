from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "noichinh.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self):
        # Registers the system checks and the field__in_literal lookup.
        from noichinh.core import audit_checks, checks, lookups  # noqa: F401

        self._connect_calendar_changes()

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
