from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "noichinh.cases"
    label = "cases"
    verbose_name = "Vụ án, vụ việc theo dõi"

    def ready(self):
        from django.utils.translation import gettext_noop

        from noichinh.cases import calendar_hooks
        from noichinh.cases import dashboard as cases_dashboard
        from noichinh.cases import digest as cases_digest
        from noichinh.cases import escalation as stage_escalation
        from noichinh.core import dashboard, services
        from noichinh.core import navigation as nav
        from noichinh.petitions import digest, escalation

        nav.register(
            nav.MenuItem(gettext_noop("Vụ án theo dõi"), "cases:case_list", nav.CASES, order=10)
        )
        dashboard.register(cases_dashboard.panels, order=40)
        services.register_due_date_recompute(calendar_hooks.recompute_due_dates, order=20)
        escalation.register_source(stage_escalation.run, order=20)
        digest.register_section("cases", cases_digest.SECTION, order=20)
