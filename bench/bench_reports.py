"""Periodic reports: the whole-province aggregation of a quarter with its comparisons (previous
quarter, same quarter last year; register figures computed live) and the DOCX build, each
as a ratio to the bare SQL that sums the agencies' approved figures.

Targets (issue 6): aggregation under 2 s on PostgreSQL, the DOCX under 5 s.

    python bench/run.py --only reports          # inside the bench harness
    python bench/bench_reports.py               # on the database of DATABASE_URL
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def ensure_report_data(seed: int = 1):
    """The last complete quarter, the one before and the same one a year earlier, each with
    an approved submission from every agency (what ``generate_province`` makes; idempotent)."""
    import random

    from noichinh.core import clock
    from noichinh.devdata.generate.reports import fill_quarter, quarters_before
    from noichinh.org.models import Bloc
    from noichinh.reports.models import Period, ReportType
    from noichinh.reports.seed import ensure_catalogue

    ensure_catalogue()
    rt = ReportType.objects.get(code="party_briefing")
    keys = quarters_before(clock.today(), 5)
    rng = random.Random(seed)
    periods = []
    for y, n in (keys[0], keys[1], keys[4]):
        period, _ = Period.objects.get_or_create(
            report_type=rt, kind=Period.QUARTER, year=y, number=n, defaults={"status": "closed"}
        )
        period.blocs.add(*Bloc.objects.all())
        fill_quarter(period, rng)
        periods.append(period)
    return periods


def run(ctx) -> list[dict]:
    from django.db import connection
    from django.db.models import Avg, Count, Sum
    from django.test.utils import CaptureQueriesContext

    from noichinh.org.models import Agency
    from noichinh.reports import selectors
    from noichinh.reports.documents import docx_report, report
    from noichinh.reports.models import Submission, SubmissionValue

    periods = ensure_report_data()
    period = periods[0]
    scope = selectors.scope_province(period)
    bare = (
        SubmissionValue.objects.filter(
            submission__period_id__in=[p.pk for p in periods],
            submission__status=Submission.APPROVED,
        )
        .values("submission__period_id", "indicator_id")
        .annotate(total=Sum("value"), mean=Avg("value"), n=Count("id"))
    )
    meta = report.ReportMeta(
        issuer=Agency.objects.filter(code="BNC").first(),
        number="45-BC/BNC",
        recipients=report.default_recipients(scope.label),
    )
    with CaptureQueriesContext(connection) as q_agg:
        selectors.aggregate(period, scope)
    with CaptureQueriesContext(connection) as q_doc:
        docx_report.build(report.assemble(period, scope, meta))
    return [
        ctx.call(
            f"reports: province aggregate {period.title} with comparisons",
            lambda: selectors.aggregate(period, scope),
            sql=bare,
            queries=len(q_agg),
        ),
        _with_rss(
            ctx.call(
                f"reports: province report DOCX {period.title} (with charts, built anew)",
                lambda: docx_report.build(report.assemble(period, scope, meta)),
                sql=bare,
                queries=len(q_doc),
            )
        ),
    ]


def _with_rss(row: dict) -> dict:
    """The process's peak resident memory after the DOCX builds (printed and recorded)."""
    from bench.common import rss_peak_mb

    row["rss_peak_mb"] = rss_peak_mb()
    print(f"{row['operation']}: RSS peak {row['rss_peak_mb']} MB", flush=True)
    return row


def main() -> int:
    import os

    from bench.common import Bench, markdown_table, setup_django

    setup_django(os.environ.get("DATABASE_URL"))
    from django.db import connection

    ctx = Bench(engine=connection.vendor, size=0, repeat=5, budget_s=20.0)
    rows = run(ctx)
    print(markdown_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
