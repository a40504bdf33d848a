from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "noichinh.core"
    label = "core"
    verbose_name = "Lõi hệ thống"
