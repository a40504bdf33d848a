from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "noichinh.org"
    label = "org"
    verbose_name = "Tổ chức"
