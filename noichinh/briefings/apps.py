from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "noichinh.briefings"
    label = "briefings"
    verbose_name = "Giao ban, nhiệm vụ, khen thưởng"

    def ready(self):
        import datetime as dt

        from django.utils.translation import gettext_noop

        from noichinh.briefings import dashboard as briefings_dashboard
        from noichinh.briefings import digest as briefings_digest
        from noichinh.briefings import escalation as task_escalation
        from noichinh.core import dashboard, jobs
        from noichinh.core import navigation as nav
        from noichinh.petitions import digest, escalation

        B = nav.BRIEFINGS
        nav.register(
            nav.MenuItem(gettext_noop("Giao ban"), "briefings:briefing_list", B, order=10),
            nav.MenuItem(gettext_noop("Nhiệm vụ"), "briefings:task_list", B, order=20),
            nav.MenuItem(gettext_noop("Khen thưởng"), "briefings:award_list", B, order=30),
            nav.MenuItem(gettext_noop("Kế hoạch thanh tra"), "briefings:plan_list", B, order=40),
        )
        dashboard.register(briefings_dashboard.panels, order=60)
        jobs.register(
            jobs.Job(
                "task_reminders",
                "Nhắc hạn nhiệm vụ theo kết luận",
                "noichinh.briefings.services:reminders_send",
                at=dt.time(7, 20),
            ),
            order=30,
        )
        escalation.register_source(task_escalation.run, order=10)
        digest.register_section("briefings", briefings_digest.SECTION, order=10)
