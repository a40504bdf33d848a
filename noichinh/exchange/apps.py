from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "noichinh.exchange"
    label = "exchange"
    verbose_name = "Trao đổi dữ liệu liên thông"
