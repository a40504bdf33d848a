"""Report periods and approved agency figures for the generated province (benchmarks).

Called by ``manage.py generate_province`` (noichinh/devdata/generate/province.py) as
``generate_reports(years=…, rng=…, end=…)``: every calendar quarter of the ``years`` ending
with the last complete quarter before ``end``, each with an approved submission from every
agency valid then that reports entered indicators. Quarters that already have submissions
are left alone, so a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction


def quarters_before(end: dt.date, count: int) -> list[tuple[int, int]]:
    year, q = end.year, (end.month - 1) // 3 + 1
    out = []
    for _ in range(count):
        year, q = (year, q - 1) if q > 1 else (year - 1, 4)
        out.append((year, q))
    return out


def fill_quarter(period, rng: random.Random) -> int:
    from noichinh.org.models import Agency
    from noichinh.reports import selectors
    from noichinh.reports.models import Submission, SubmissionValue

    if Submission.objects.filter(period=period).exists():
        return 0
    stamp = dt.datetime(period.end.year, period.end.month, period.end.day, tzinfo=dt.UTC)
    subs, plans = [], []
    for agency in Agency.objects.filter(Agency.valid_on_q(period.end)).order_by("code"):
        indicators = selectors.indicators_for_agency(agency)
        if not indicators:
            continue
        subs.append(
            Submission(
                period=period,
                agency=agency,
                status=Submission.APPROVED,
                results="Hoàn thành nhiệm vụ trong kỳ.",
                updated_at=stamp,
                submitted_at=stamp,
                approved_at=stamp,
            )
        )
        plans.append((agency.pk, indicators))
    Submission.objects.bulk_create(subs)
    subs = {s.agency_id: s for s in Submission.objects.filter(period=period)}
    values = []
    for agency_id, indicators in plans:
        sub_obj = subs[agency_id]
        chosen: dict[str, Decimal] = {}
        for ind in indicators:
            if ind.is_percent:
                chosen[ind.code] = Decimal(rng.randint(400, 990)) / 10
            elif ind.parent_id and ind.parent.code in chosen:
                chosen[ind.code] = chosen[ind.parent.code] // 2
            elif ind.is_money:
                chosen[ind.code] = Decimal(rng.randint(0, 5000) * 1_000_000)
            else:
                chosen[ind.code] = Decimal(rng.randint(0, 5000))
        values.extend(
            SubmissionValue(submission=sub_obj, indicator=ind, value=chosen[ind.code])
            for ind in indicators
        )
    SubmissionValue.objects.bulk_create(values, batch_size=2000)
    return len(values)


@transaction.atomic
def generate_reports(
    *, years: int = 3, rng: random.Random | None = None, end: dt.date | None = None
) -> dict:
    from noichinh.core import clock
    from noichinh.org.models import Bloc
    from noichinh.reports.models import Period, ReportType
    from noichinh.reports.seed import ensure_catalogue

    ensure_catalogue()
    rng = rng or random.Random(1)
    rt = ReportType.objects.get(code="party_briefing")
    blocs = list(Bloc.objects.all())
    count = 0
    for year, q in quarters_before(end or clock.today(), 4 * years):
        period, _ = Period.objects.get_or_create(
            report_type=rt,
            kind=Period.QUARTER,
            year=year,
            number=q,
            defaults={"status": Period.CLOSED},
        )
        period.blocs.add(*blocs)
        count += fill_quarter(period, rng)
    return {"report_values": count}
