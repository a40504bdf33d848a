from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "noichinh.cases"
    label = "cases"
    verbose_name = "Vụ án, vụ việc theo dõi"
