from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "noichinh.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self):
        # Registers the system checks and the field__in_literal lookup.
        from noichinh.core import audit_checks, checks, lookups  # noqa: F401
