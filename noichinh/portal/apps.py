from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "noichinh.portal"
    label = "portal"
    verbose_name = "Cổng tiếp nhận trực tuyến, bảo vệ người tố cáo"

    def ready(self):
        from noichinh.portal import notices

        notices.connect()
