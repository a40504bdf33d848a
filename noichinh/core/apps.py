from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "noichinh.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self):
        from noichinh.core import audit_checks, lookups  # noqa: F401  (registers them)
