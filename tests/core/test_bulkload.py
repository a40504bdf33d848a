"""The bulk loader of the generators (core.bulkload) and the province generator built on it."""

import datetime as dt
import random

import pytest
from django.db import connection

from noichinh.core import bulkload
from noichinh.devdata.generate.petitions import generate_petitions
from noichinh.devdata.generate.province import generate_org
from noichinh.petitions import duplicates
from noichinh.petitions.models import ContentBand, Deadline, Petition, Transition, Visit
from tests.petitions.factories import make_petition

pytestmark = pytest.mark.django_db


def test_rows_get_the_model_defaults_for_the_columns_not_named(users, agencies):
    p = make_petition(users["canbo"], agencies["TTT"])
    n = bulkload.load(
        Deadline,
        ("petition_id", "rule", "started_on", "due"),
        [(p.pk, "petition.handle", dt.date(2026, 3, 2), dt.date(2026, 3, 16))],
    )
    assert n == 1
    d = Deadline.objects.get(petition=p, started_on=dt.date(2026, 3, 2))
    fresh = Deadline()
    assert (d.variant, d.pause_reason, d.done_on) == (fresh.variant, fresh.pause_reason, None)
    assert d.created_at is not None  # auto_now_add filled
    assert d.due == dt.date(2026, 3, 16)


def test_reserved_ids_are_not_taken_by_the_application_afterwards(users, agencies):
    before = make_petition(users["canbo"], agencies["TTT"])
    first = bulkload.reserve_ids(Petition, 5)
    assert first > before.pk
    after = make_petition(users["canbo"], agencies["TTT"], receipt_no="99/2026")
    assert after.pk not in range(first, first + 5)


def _catalogue():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name LIKE 'petitions_%%' "
                "AND sql IS NOT NULL ORDER BY 1"
            )
        else:
            # A re-created partial index's predicate prints with its casts normalised
            # differently, so it is compared by what it indexes and whether it has one.
            cursor.execute(
                "SELECT split_part(indexdef, ' WHERE ', 1) || (indexdef LIKE '%% WHERE %%')::text "
                "FROM pg_indexes WHERE tablename LIKE 'petitions_%%' "
                "UNION ALL SELECT conname || pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid::regclass::text LIKE 'petitions_%%' ORDER BY 1"
            )
        return [r[0] for r in cursor.fetchall()]


def test_deferred_indexes_come_back_exactly_as_they_were(db):
    before = _catalogue()
    with bulkload.deferred_indexes([Petition, ContentBand]):
        during = _catalogue()
    assert len(during) < len(before)  # the band index (and on PostgreSQL the keys) set aside…
    assert _catalogue() == before  # …and back, definitions unchanged


def test_deferred_indexes_come_back_when_the_load_fails(db):
    before = _catalogue()
    with pytest.raises(RuntimeError), bulkload.deferred_indexes([ContentBand]):
        raise RuntimeError("chunk failed")
    assert _catalogue() == before


def test_generated_province_petitions_are_consistent(org):
    ctx = generate_org(rng=random.Random(1), officers_per_agency=1)
    today = dt.date(2026, 10, 31)
    n = generate_petitions(
        400, seed=3, ctx=ctx, years=1, today=today, chunk=150, workers=1, visits=120
    )
    assert n == 400
    made = Petition.objects.filter(receipt_no__startswith="G3-")
    assert made.count() == 400
    # Three chunks, each with its own receipt numbers.
    assert {no.split("-")[1] for no in made.values_list("receipt_no", flat=True)} == {"1", "2", "3"}
    assert Transition.objects.filter(petition__in=made, to_state="received").count() == 400
    assert ContentBand.objects.filter(petition__in=made).count() == 400 * duplicates.BANDS
    sample = made.order_by("id")[7]
    assert sorted(sample.bands.values_list("band", flat=True)) == sorted(
        duplicates.band_keys(sample.content)
    )
    for d in Deadline.objects.filter(petition__in=made)[:200]:
        assert d.due > d.started_on
    # Repeats point at an earlier visit of the same agency.
    visits = Visit.objects.filter(created_at__date__gte=dt.date(2000, 1, 1))
    assert visits.count() == 120
    for v in visits.filter(repeat_of__isnull=False).select_related("repeat_of"):
        assert v.repeat_of.agency_id == v.agency_id
        assert v.repeat_of.visited_on <= v.visited_on
    # Duplicates point at an earlier petition with the same type.
    for p in made.filter(duplicate_of__isnull=False).select_related("duplicate_of")[:50]:
        assert p.duplicate_of.type == p.type and p.duplicate_of.pk < p.pk
    # A second run with the same seed adds nothing.
    assert generate_petitions(10, seed=3, ctx=ctx, today=today, workers=1) == 0
