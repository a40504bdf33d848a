"""Periodic jobs (issue 19 §1): one registry, claimed by a conditional UPDATE, shown to the
administrator with their last result or failure."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from noichinh.core import jobs
from noichinh.core.models import JobState

MORNING = timezone.make_aware(dt.datetime(2026, 3, 2, 8, 0))


def _job(name, func="noichinh.petitions.jobs:refresh_daily_figures", **kw):
    return jobs.Job(name, "Thử", func, **kw)


def test_every_job_names_a_function_that_exists():
    for job in jobs.JOBS:
        module, _, attr = job.func.partition(":")
        import importlib

        assert callable(getattr(importlib.import_module(module), attr)), job.name
        assert (job.at is None) != (job.every is None)


@pytest.mark.django_db
def test_two_claims_at_once_only_one_wins():
    job = _job("t", at=dt.time(7, 0))
    first = jobs.claim(job, now=MORNING)
    second = jobs.claim(job, now=MORNING)
    assert first and second is None
    jobs.finish(job, first, result="x")
    # Done today: not due again until tomorrow's 07:00.
    assert jobs.claim(job, now=MORNING + dt.timedelta(hours=1)) is None
    assert jobs.claim(job, now=MORNING + dt.timedelta(hours=23)) is not None


@pytest.mark.django_db
def test_a_dead_run_frees_the_job_after_its_lease():
    job = _job("t", every=dt.timedelta(minutes=5), lease=dt.timedelta(minutes=10))
    assert jobs.claim(job, now=MORNING)
    assert jobs.claim(job, now=MORNING + dt.timedelta(minutes=6)) is None  # still held
    assert jobs.claim(job, now=MORNING + dt.timedelta(minutes=11))  # lease expired


@pytest.mark.django_db
def test_daily_job_is_not_due_before_its_hour():
    job = _job("t", at=dt.time(9, 0))
    assert jobs.claim(job, now=MORNING) is None


@pytest.mark.django_db
def test_failure_is_kept_and_shown_to_the_administrator(client, users, monkeypatch):
    boom = _job("boom", func="noichinh.core.jobs:job_get", every=dt.timedelta(minutes=1))
    monkeypatch.setattr(jobs, "JOBS", [boom])
    ran = jobs.run_due()  # job_get() without its argument raises TypeError
    assert ran == [("boom", "lỗi")]
    state = JobState.objects.get(name="boom")
    assert state.status == JobState.FAILED and "TypeError" in state.error_line
    client.force_login(users["admin"])
    page = client.get("/").content.decode()
    assert 'data-testid="jobs-panel"' in page and "Lỗi" in page and "TypeError" in page
    client.force_login(users["canbo"])
    assert 'data-testid="jobs-panel"' not in client.get("/").content.decode()


@pytest.mark.django_db
def test_run_jobs_command_runs_the_due_jobs_once(users):
    with time_machine.travel(dt.datetime(2026, 3, 2, 8, 0), tick=False):
        call_command("run_jobs")
        first = {s.name: s.runs for s in JobState.objects.all()}
        call_command("run_jobs")
        again = {s.name: s.runs for s in JobState.objects.all()}
    assert set(first) == {j.name for j in jobs.JOBS}
    assert all(s == 1 for s in first.values()) and again == first
    assert not JobState.objects.filter(status=JobState.FAILED).exists()


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_run_a_job_once(settings):
    """Two threads, each with its own database connection, claim the same job at the same
    moment: one wins. (PostgreSQL: SQLite's in-memory test database has one connection.)"""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs a server database: one connection per thread")
    job = _job("race", at=dt.time(7, 0))
    jobs._state(job)
    barrier = threading.Barrier(2)
    tokens = []

    def claim():
        try:
            barrier.wait()
            tokens.append(jobs.claim(job, now=MORNING))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=claim) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len([t for t in tokens if t]) == 1 and tokens.count(None) == 1


@pytest.mark.django_db
def test_the_retention_schedule_is_a_daily_job_of_the_worker():
    from noichinh.portal.models import RetentionRun

    job = jobs.job_get("retention")
    ran, summary = jobs.run_job(job, force=True)
    assert ran and "dữ liệu đã xóa hoặc lưu trữ: 0" in summary
    assert RetentionRun.objects.get().trigger == "worker"
