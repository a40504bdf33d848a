from django.apps import AppConfig


class TextimportConfig(AppConfig):
    name = "noichinh.textimport"
    label = "textimport"
    verbose_name = "Nhập từ văn bản"

    def ready(self):
        from django.utils.translation import gettext_noop

        from noichinh.briefings import figures
        from noichinh.core import navigation as nav
        from noichinh.textimport import permissions
        from noichinh.textimport.catalogue import CATALOGUE

        nav.register(
            nav.MenuItem(
                gettext_noop("Nhập từ văn bản"),
                "textimport:import",
                nav.REPORTS,
                lambda u: permissions.is_secretariat(u) or permissions.is_admin(u),
                order=30,
            )
        )
        # A conference's figures imported from text carry the catalogue's codes.
        figures.register_labels({e["code"]: e["name_vi"] for e in CATALOGUE})
