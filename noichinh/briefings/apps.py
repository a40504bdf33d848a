from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "noichinh.briefings"
    label = "briefings"
    verbose_name = "Giao ban, nhiệm vụ, khen thưởng"
