from django.apps import AppConfig


class TextimportConfig(AppConfig):
    name = "noichinh.textimport"
    label = "textimport"
    verbose_name = "Nhập từ văn bản"
