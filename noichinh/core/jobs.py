"""Every periodic job, in one place: its name, the function it calls and when it is due.

django-tasks has no scheduler. ``manage.py run_jobs`` runs the jobs that are due (a systemd
timer calls it every minute in production, docs/deploy.md; ``make run`` keeps it running with
``--loop`` beside ``db_worker``). A job is due when it never ran, when ``every`` has passed
since its last start, or, for a daily job, when today's ``at`` (Asia/Ho_Chi_Minh) has passed
and it has not started since. Each run first claims the job's ``core.JobState`` row by one
conditional UPDATE (due, and no live lease): two schedulers at once run a job once. The jobs
themselves are idempotent (each notice or e-mail has its own key), so a run cut halfway and
run again sends nothing twice.

Each app registers its jobs in its ``AppConfig.ready()`` (``jobs.register(Job(...), order=...)``,
the function named by dotted path): the ground floor imports no app above it. ``order`` is the
place of the job in a run and on the administrator's panel.
"""

from __future__ import annotations

import datetime as dt
import importlib
import traceback
import uuid
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from noichinh.core import clock
from noichinh.core.registry import Registry


@dataclass(frozen=True)
class Job:
    name: str
    label: str  # what the administrator reads
    func: str  # "module.path:function", called with no arguments; returns a summary dict
    every: dt.timedelta | None = None
    at: dt.time | None = None  # daily, local time
    lease: dt.timedelta = dt.timedelta(minutes=30)

    @property
    def every_label(self) -> str:
        minutes = int(self.every.total_seconds() // 60) if self.every else 0
        if minutes and minutes % 60 == 0:
            return f"{minutes // 60} giờ"
        return f"{minutes} phút"

    def call(self):
        module, _, attr = self.func.partition(":")
        return getattr(importlib.import_module(module), attr)()

    def due_q(self, now: dt.datetime) -> Q:
        """The rows of this job that are due at ``now`` (part of the claiming UPDATE)."""
        never = Q(started_at__isnull=True)
        if self.at is not None:
            local = timezone.localtime(now)
            today_at = timezone.make_aware(dt.datetime.combine(local.date(), self.at))
            if local < today_at:
                return never & Q(pk__in=[])  # not yet today: nothing is due
            return never | Q(started_at__lt=today_at)
        assert self.every is not None, f"{self.name}: a job is daily (at) or periodic (every)"
        return never | Q(started_at__lte=now - self.every)


_REGISTERED: Registry[Job] = Registry("periodic jobs")
JOBS: list[Job] = []  # every registered job, in order


def register(job: Job, *, order: int) -> None:
    _REGISTERED.register(job.name, job, order=order)
    JOBS[:] = list(_REGISTERED)


def job_get(name: str) -> Job:
    for job in JOBS:
        if job.name == name:
            return job
    raise KeyError(name)


def _state(job: Job):
    from noichinh.core.models import JobState

    state, _ = JobState.objects.get_or_create(name=job.name)
    return state


def claim(job: Job, *, now: dt.datetime | None = None, force: bool = False) -> str | None:
    """Take the job for one run: the token of the claim, or None when it is not due or a live
    run holds it. One UPDATE decides, so of two concurrent claims exactly one wins."""
    from noichinh.core.models import JobState

    now = now or clock.now()
    _state(job)
    token = uuid.uuid4().hex
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    due = Q() if force else job.due_q(now)
    won = (
        JobState.objects.filter(free, due, name=job.name).update(
            token=token,
            lease_until=now + job.lease,
            started_at=now,
            status=JobState.RUNNING,
        )
        == 1
    )
    return token if won else None


def finish(job: Job, token: str, *, result: str = "", error: str = "") -> None:
    from django.db.models import F

    from noichinh.core.models import JobState

    now = clock.now()
    fields = dict(
        finished_at=now,
        lease_until=None,
        status=JobState.FAILED if error else JobState.OK,
        result=result[:2000],
        error=error[-4000:],
        runs=F("runs") + 1,
    )
    if error:
        fields["failed_at"] = now
    JobState.objects.filter(name=job.name, token=token).update(**fields)


def run_job(job: Job, *, force: bool = False) -> tuple[bool, str]:
    """Claim and run ``job``: (ran, summary). A failure is recorded, never raised."""
    token = claim(job, force=force)
    if token is None:
        return False, ""
    try:
        summary = job.call()
    except Exception:  # noqa: BLE001 - the failure is kept for the administrator's page
        finish(job, token, error=traceback.format_exc())
        return True, "lỗi"
    if isinstance(summary, int) and not isinstance(summary, bool):
        summary = {"notifications": summary}
    text = describe(summary)
    finish(job, token, result=text)
    return True, text


def run_due(*, only: list[str] | None = None, force: bool = False) -> list[tuple[str, str]]:
    """Run every due job (or the ``only`` ones): [(name, summary)] of the jobs that ran."""
    ran = []
    for job in JOBS:
        if only and job.name not in only:
            continue
        did, text = run_job(job, force=force)
        if did:
            ran.append((job.name, text))
    return ran


# What the administrator reads for the keys of the jobs' summaries.
SUMMARY_LABELS = {
    "notifications": "thông báo",
    "emails": "thư điện tử",
    "escalations": "cảnh báo, báo cáo cấp trên",
    "petitions": "đơn xét",
    "tasks": "nhiệm vụ xét",
    "stages": "giai đoạn tố tụng xét",
    "digests": "thư tổng hợp",
    "axes": "bảng số liệu",
    "removed": "dữ liệu đã xóa hoặc lưu trữ",
    "notices": "báo trước mã tra cứu hết hạn",
}


def describe(summary) -> str:
    if isinstance(summary, dict):
        return ", ".join(f"{SUMMARY_LABELS.get(k, k)}: {v}" for k, v in summary.items())
    return "" if summary is None else str(summary)


def job_states() -> list[dict]:
    """Each job with its last run, for the administrator's home page."""
    from noichinh.core.models import JobState

    states = {s.name: s for s in JobState.objects.all()}
    rows = []
    for job in JOBS:
        state = states.get(job.name)
        rows.append({"job": job, "state": state})
    return rows
