from django.apps import AppConfig


class DevdataConfig(AppConfig):
    name = "noichinh.devdata"
    label = "devdata"
    verbose_name = "Dữ liệu phát triển"
