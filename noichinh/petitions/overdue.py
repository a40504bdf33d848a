"""The long-overdue part of the home page's "overdue by agency" (issue 21 §4), kept per
agency so the page costs what the petitions due lately cost, not the overdue ones piled up.

``due_by_agency`` counts the running petitions due from ``boundary(today)`` on (a bounded
range of the partial index pet_running_received) and adds, per agency, the ``OverdueTally``:
the running petitions due before the boundary. The records stay the source: every save or
delete of a petition bumps its agency's ``version`` (in the same transaction); loaders that
write without ``save()`` mark their agencies through ``daily.mark_records`` and a rebuild of
the daily figures forgets every tally. A tally whose version moved, or counted for another
boundary, is counted again from the records, and written only if no change came meanwhile
(conditional on the version read), so a count never hides a change committed during it.
The boundary moves once a week: the recount then happens once a week per agency.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, F
from django.db.models.signals import post_delete, post_save

from noichinh.core import dbrouting
from noichinh.petitions.models import OverdueTally, Petition

RUNNING = ("received", "classified", "accepted")
WEEKS_BACK = 4


def boundary(today: dt.date) -> dt.date:
    """The Monday ``WEEKS_BACK`` weeks before today's week: petitions due before it are
    counted from the tallies."""
    return today - dt.timedelta(days=today.weekday() + 7 * WEEKS_BACK)


def mark_agencies(agency_ids: Iterable[int | None]) -> None:
    """The tallies of these agencies are to be counted again."""
    ids = {a for a in agency_ids if a}
    if ids:
        OverdueTally.objects.filter(agency_id__in=ids).update(version=F("version") + 1)


def forget_all() -> None:
    OverdueTally.objects.all().delete()


def _on_change(sender, instance, **kwargs):
    mark_agencies([instance.agency_id])


def connect() -> None:
    post_save.connect(_on_change, sender=Petition, dispatch_uid="overdue_tally_save")
    post_delete.connect(_on_change, sender=Petition, dispatch_uid="overdue_tally_delete")


def tallies(*, agency_ids: set[int] | None, before: dt.date) -> dict[int, dict]:
    """{agency_id: {"n", "name", "short_name"}} for ``agency_ids`` (None: every agency), ``n``
    the running petitions due before ``before``: one query of the agencies with their tally,
    and a count from the records only for the agencies whose tally is not fresh."""
    from noichinh.org.models import Agency

    agencies = (
        Agency.objects.all() if agency_ids is None else Agency.objects.filter(pk__in=agency_ids)
    )
    rows = agencies.order_by().values(
        "pk",
        "name",
        "short_name",
        "overdue_tally__before",
        "overdue_tally__n",
        "overdue_tally__version",
        "overdue_tally__counted_version",
    )
    out, need, missing = {}, set(), set()
    for r in rows:
        a = r["pk"]
        out[a] = {"n": r["overdue_tally__n"], "name": r["name"], "short_name": r["short_name"]}
        if r["overdue_tally__before"] is None:
            missing.add(a)
        if not (
            r["overdue_tally__before"] == before
            and r["overdue_tally__counted_version"] == r["overdue_tally__version"]
        ):
            need.add(a)
    if not need:
        return out
    with dbrouting.on_primary():
        if missing:
            OverdueTally.objects.bulk_create(
                [OverdueTally(agency_id=a, before=before) for a in missing], ignore_conflicts=True
            )
        # The versions first, then the count: a change committed after this read bumps the
        # version and the conditional write below leaves the tally to count again.
        versions = dict(
            OverdueTally.objects.filter(agency_id__in=need).values_list("agency_id", "version")
        )
        counts = dict(
            Petition.objects.filter(
                state__in_literal=RUNNING, next_due__lt=before, agency_id__in=need
            )
            .values("agency_id")
            .annotate(n=Count("next_due"))
            .order_by()
            .values_list("agency_id", "n")
        )
        for a in need:
            n = counts.get(a, 0)
            out[a]["n"] = n
            OverdueTally.objects.filter(agency_id=a, version=versions.get(a, 0)).update(
                n=n, before=before, counted_version=versions.get(a, 0)
            )
    return out
