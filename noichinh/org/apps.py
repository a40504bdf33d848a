from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "noichinh.org"
    label = "org"
    verbose_name = "Tổ chức"

    def ready(self):
        from django.utils.translation import gettext_noop

        from noichinh.core import navigation as nav

        nav.register(
            nav.MenuItem(gettext_noop("Cơ quan, đơn vị"), "org:agency_list", nav.REFERENCE, order=10),
            nav.MenuItem(gettext_noop("Địa bàn"), "org:unit_list", nav.REFERENCE, order=20),
        )
