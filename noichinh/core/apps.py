from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "noichinh.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self):
        from noichinh.core import checks, lookups  # noqa: F401  (register checks, field__in_literal)
