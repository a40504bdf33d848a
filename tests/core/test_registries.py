"""The ground floor's registries, filled by the apps in their AppConfig.ready(): the periodic
jobs, the home page's panels and the due-date recomputers keep the order they had when core
listed the apps by name."""

from noichinh.core import dashboard, jobs, services
from noichinh.petitions import escalation


def test_every_periodic_job_is_registered_in_its_place():
    assert [j.name for j in jobs.JOBS] == [
        "petition_reminders",
        "escalation",
        "task_reminders",
        "officer_digest",
        "retention",
        "daily_figures",
    ]


def test_home_page_panels_come_in_the_order_of_the_registers():
    assert [f.__module__ for f in dashboard.PANELS] == [
        "noichinh.core.dashboard",
        "noichinh.petitions.dashboard",
        "noichinh.portal.dashboard",
        "noichinh.cases.dashboard",
        "noichinh.reports.dashboard",
        "noichinh.briefings.dashboard",
    ]


def test_a_calendar_notice_recomputes_petitions_then_cases_then_the_portal():
    assert [f.__module__ for f in services.RECOMPUTERS] == [
        "noichinh.petitions.calendar_hooks",
        "noichinh.cases.calendar_hooks",
        "noichinh.portal.calendar_hooks",
    ]


def test_the_escalation_job_runs_the_tasks_then_the_stages_after_the_petitions():
    assert [f.__module__ for f in escalation.SOURCES] == [
        "noichinh.briefings.escalation",
        "noichinh.cases.escalation",
    ]


def test_registering_again_replaces_the_entry():
    before = list(jobs.JOBS)
    jobs.register(before[0], order=10)
    assert jobs.JOBS == before
