"""Public statistics of the petitions register, by agency and quarter (open data).

The numbers are the register's figures (``petitions.figures``), so each equals the count of
the matching list: received (``petitions.received``, by date of receipt), answered
(``petitions.resolved``, by date of resolution), answered within the legal limit
(``petitions.on_time``, as a share of the answered), forwarded (``petitions.forwarded``,
by date of receipt). Never any content or identity: counts only.

No cell small enough to point at a person: a count from 1 to ``PUBLIC_STATS_MIN_CELL`` − 1
(default 5) is shown as "<5", as open-data publishers do; a share is withheld when the
answered are fewer than the threshold or when it would give away a small count (the on-time
or the late ones). There is no total row, so no suppressed cell can be found by subtraction.

Citizens' satisfaction: the share of the senders who said an answer resolved their matter
(``portal.CitizenFeedback``, by the answering agency and the day they last said so), withheld
("ẩn") like a share when the senders who said are few, or the satisfied or the unsatisfied
are; "—" when nobody said.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from noichinh.core import clock
from noichinh.core.formats import vn_number
from noichinh.org.models import Agency
from noichinh.petitions import figures
from noichinh.petitions.models import Petition

CODES = {
    "received": "petitions.received",
    "answered": "petitions.resolved",
    "on_time": "petitions.on_time",
    "forwarded": "petitions.forwarded",
}
COLUMNS = [
    "Cơ quan",
    "Năm",
    "Quý",
    "Đơn tiếp nhận",
    "Đơn đã giải quyết, trả lời",
    "Giải quyết đúng hạn (%)",
    "Đơn đã chuyển cơ quan có thẩm quyền",
    "Mức độ hài lòng của người dân",
]


def threshold() -> int:
    return max(1, int(getattr(settings, "PUBLIC_STATS_MIN_CELL", 5)))


def quarter_range(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * (quarter - 1) + 1, 1)
    end = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return start, end - dt.timedelta(days=1)


def quarters_of(year: int, quarter: int | None = None) -> list[int]:
    """The quarters of ``year`` that have begun (or the one asked)."""
    today = clock.today()
    if quarter:
        return [quarter]
    if year > today.year:
        return []
    last = 4 if year < today.year else (today.month - 1) // 3 + 1
    return list(range(1, last + 1))


def cell(n: int) -> str:
    """A count as published: 0, "<5" for a small count, else 7.000."""
    t = threshold()
    if 0 < n < t:
        return f"<{t}"
    return vn_number(n)


def _small(n: int) -> bool:
    return 0 < n < threshold()


def satisfaction(satisfied: int, rated: int) -> str:
    if rated == 0:
        return "—"
    if rated < threshold() or _small(satisfied) or _small(rated - satisfied):
        return "ẩn"
    return f"{vn_number(round(100 * satisfied / rated, 1))}% hài lòng ({vn_number(rated)} ý kiến)"


def share(on_time: int, answered: int) -> str:
    if answered == 0:
        return "—"
    late = answered - on_time
    if answered < threshold() or _small(on_time) or _small(late):
        return "ẩn"
    return vn_number(round(100 * on_time / answered, 1))


@dataclass
class Row:
    agency: Agency
    year: int
    quarter: int
    values: dict[str, int]
    rated: tuple[int, int] = (0, 0)  # (satisfied, all who said)

    @property
    def published(self) -> dict[str, str]:
        v = self.values
        return {
            "received": cell(v["received"]),
            "answered": cell(v["answered"]),
            "on_time_share": share(v["on_time"], v["answered"]),
            "forwarded": cell(v["forwarded"]),
            "satisfaction": satisfaction(*self.rated),
        }


def public_rows(*, year: int, quarter: int | None = None) -> list[Row]:
    """One row per agency with records in the period and per quarter that has begun."""
    quarters = quarters_of(year, quarter)
    if not quarters:
        return []
    ranges = [quarter_range(year, q) for q in quarters]
    start, end = ranges[0][0], ranges[-1][1]
    agency_ids = set(
        Petition.objects.filter(
            Q(received_on__range=(start, end)) | Q(resolved_on__range=(start, end))
        )
        .order_by()
        .values_list("agency_id", flat=True)
        .distinct()
    )
    by_agency = _by_agency(list(CODES.values()), agency_ids, ranges)
    rated = _rated(agency_ids, ranges)
    rows = []
    for agency in Agency.objects.filter(pk__in=agency_ids).order_by("name"):
        got = by_agency.get(agency.pk) or [dict.fromkeys(CODES.values(), 0) for _ in ranges]
        for i, (q, values) in enumerate(zip(quarters, got, strict=True)):
            rows.append(
                Row(
                    agency,
                    year,
                    q,
                    {key: values[code] for key, code in CODES.items()},
                    rated.get((agency.pk, i), (0, 0)),
                )
            )
    return rows


def _rated(agency_ids, ranges) -> dict[tuple[int, int], tuple[int, int]]:
    """{(agency_id, range index): (satisfied, all who said)} of the senders' feedback."""
    from noichinh.portal.models import CitizenFeedback

    out: dict[tuple[int, int], list[int]] = {}
    rows = CitizenFeedback.objects.filter(
        petition__agency_id__in=list(agency_ids),
        updated_at__date__gte=ranges[0][0],
        updated_at__date__lte=ranges[-1][1],
    ).values_list("petition__agency_id", "updated_at", "satisfied")
    for agency_id, at, satisfied in rows:
        day = timezone.localdate(at)
        for i, (start, end) in enumerate(ranges):
            if start <= day <= end:
                counts = out.setdefault((agency_id, i), [0, 0])
                counts[0] += bool(satisfied)
                counts[1] += 1
    return {key: (s, n) for key, (s, n) in out.items()}


def _by_agency(codes, agency_ids, ranges) -> dict[int, list[dict[str, int]]]:
    """The figures of each agency for each range, from the register's daily summary
    (``petitions.daily``, the same numbers ``figures.compute_ranges`` gives one agency at a
    time): one refresh and one query for all the agencies."""
    from noichinh.petitions import daily
    from noichinh.petitions.models import DailyFigures

    axes = {figures.SPECS[c].axis for c in codes}
    daily.refresh(axes)
    out: dict[int, list[dict[str, int]]] = {}
    rows = DailyFigures.objects.filter(
        axis__in=list(axes),
        agency_id__in=list(agency_ids),
        day__gte=ranges[0][0],
        day__lte=ranges[-1][1],
    ).values_list("agency_id", "day", "values")
    wanted = set(codes)
    for agency_id, day, values in rows:
        per_range = out.setdefault(agency_id, [dict.fromkeys(codes, 0) for _ in ranges])
        for i, (start, end) in enumerate(ranges):
            if start <= day <= end:
                for code, value in values.items():
                    if code in wanted:
                        per_range[i][code] += value
    return out


def years_available() -> list[int]:
    first = Petition.objects.order_by("received_on").values_list("received_on", flat=True).first()
    this = clock.today().year
    return list(range(this, (first.year if first else this) - 1, -1))


def as_csv(rows: list[Row]) -> str:
    """Open-data CSV (UTF-8 with BOM for spreadsheets): the published cells only."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for r in rows:
        p = r.published
        writer.writerow(
            [
                r.agency.name,
                r.year,
                r.quarter,
                p["received"].replace(".", ""),
                p["answered"].replace(".", ""),
                p["on_time_share"],
                p["forwarded"].replace(".", ""),
                p["satisfaction"],
            ]
        )
    return out.getvalue()
