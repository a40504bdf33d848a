"""The daily summary the period figures are read from (petitions.daily) always gives what
counting the records gives: after saves through the services, a record moved to another day,
a deletion, an import written without save(), a bulk generation, changed figure definitions,
and a change made while a refresh is under way. And reading it does not grow with the register.
"""

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from noichinh.core.locking import save_with_version
from noichinh.devdata.generate import petitions as generate
from noichinh.petitions import daily, figures, importing, services
from noichinh.petitions.models import (
    DailyFigures,
    DailyFiguresStale,
    DailyFiguresState,
    Petition,
)
from tests.petitions.factories import accepted_complaint, make_petition, make_visit

pytestmark = pytest.mark.django_db

ALL = list(figures.SPECS)
RANGES = [
    (dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
    (dt.date(2025, 1, 15), dt.date(2025, 2, 15)),  # overlaps the quarter
    (dt.date(2024, 10, 1), dt.date(2025, 12, 31)),
    (dt.date(2025, 2, 3), dt.date(2025, 2, 3)),
    (dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
]


def _assert_summary_equals_records(scopes):
    for agency_ids in scopes:
        from_summary = figures.compute_ranges(
            ALL, agency_ids=agency_ids, unit_ids=None, ranges=RANGES
        )
        from_records = figures.compute_ranges_from_records(
            ALL, agency_ids=agency_ids, unit_ids=None, ranges=RANGES
        )
        for i, (got, want) in enumerate(zip(from_summary, from_records, strict=True)):
            diff = {c: (got[c], want[c]) for c in ALL if got[c] != want[c]}
            assert not diff, (agency_ids, RANGES[i], diff)
    assert not DailyFiguresStale.objects.exists()  # every marked day was recomputed


def _received(agency_ids, start, end):
    return figures.compute_many(
        ["petitions.received"], agency_ids=agency_ids, unit_ids=None, start=start, end=end
    )["petitions.received"]


@time_machine.travel(dt.datetime(2026, 4, 10, 9, 0))
def test_summary_follows_every_change_of_the_records(users, agencies):
    ttt, ca = agencies["TTT"], agencies["CA"]
    generate.generate_petitions(
        40,
        seed=3,
        agencies=[ttt, ca],
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 3, 31),
        with_bands=False,
    )
    generate.generate_visits(
        30, seed=3, agencies=[ttt, ca], start=dt.date(2025, 1, 1), end=dt.date(2025, 3, 31)
    )
    scopes = [None, {ttt.pk}, {ttt.pk, ca.pk}, {ca.pk}, set()]
    _assert_summary_equals_records(scopes)
    jan = (dt.date(2025, 1, 1), dt.date(2025, 1, 31))
    feb = (dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    in_jan, in_feb = _received(None, *jan), _received(None, *feb)

    # Through the services: registered, classified, accepted, resolved, linked as duplicate.
    user = users["canbo"]
    moved = make_petition(user, ttt, received_on=dt.date(2025, 1, 20))
    make_petition(user, ttt, received_on=dt.date(2025, 2, 3), type="denunciation")
    p = accepted_complaint(
        user, ttt, received_on=dt.date(2025, 1, 6), decided_on=dt.date(2025, 1, 10)
    )
    services.petition_resolve(
        actor=user, petition=p, on=dt.date(2025, 2, 3), doc_no="5/QĐ", result="partly_right"
    )
    dup = make_petition(user, ttt, received_on=dt.date(2025, 2, 10))
    services.petition_link_duplicate(actor=user, petition=dup, original=moved)
    visit = make_visit(
        user, ttt, visited_on=dt.date(2025, 2, 3), people_count=7, representatives="Lê Văn Cường"
    )
    _assert_summary_equals_records(scopes)
    assert _received(None, *jan) == in_jan + 2 and _received(None, *feb) == in_feb + 2

    # A record corrected to another day leaves the old day and counts on the new one, whether
    # saved plainly or through the version check (a conditional UPDATE).
    moved.received_on = dt.date(2025, 2, 14)
    moved.save()
    assert _received(None, *jan) == in_jan + 1 and _received(None, *feb) == in_feb + 3
    loaded = Petition.objects.get(pk=moved.pk)
    loaded.received_on = dt.date(2025, 1, 30)
    save_with_version(loaded, loaded.version, ["received_on"])
    assert _received(None, *jan) == in_jan + 2 and _received(None, *feb) == in_feb + 2
    loaded.received_on = dt.date(2025, 2, 14)
    save_with_version(loaded, loaded.version, ["received_on"])
    # Deleted records leave their day.
    visit.delete()
    dup.delete()
    _assert_summary_equals_records(scopes)
    assert _received({ttt.pk}, *feb) == _received({ttt.pk}, *feb)  # stable when nothing changed
    assert _received(None, *feb) == in_feb + 2


@time_machine.travel(dt.datetime(2026, 6, 1, 9, 0))
def test_an_import_written_without_save_counts_at_once(users, agencies):
    daily.rebuild()
    agency = agencies["TTT"]
    before = _received({agency.pk}, dt.date(2026, 5, 1), dt.date(2026, 5, 31))
    header = ["Ngày nhận", "Nội dung", "Loại đơn"]
    rows = [["04/05/2026", "Khiếu nại về đất", "Khiếu nại"], ["05/05/2026", "Tố cáo", "Tố cáo"]]
    parsed = importing.parse_rows(
        "petition", rows, importing.propose_mapping("petition", header), agency
    )
    assert importing.import_rows(
        actor=users["canbo"], kind="petition", agency=agency, parsed=parsed
    )
    after = _received({agency.pk}, dt.date(2026, 5, 1), dt.date(2026, 5, 31))
    assert after == before + 2
    _assert_summary_equals_records([None, {agency.pk}])


def test_changed_definitions_or_a_damaged_summary_are_rebuilt_from_the_records(users, agencies):
    ttt = agencies["TTT"]
    generate.generate_petitions(
        25, seed=5, agencies=[ttt], start=dt.date(2025, 1, 1), end=dt.date(2025, 3, 31)
    )
    q1 = (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    assert _received(None, *q1) == 25
    DailyFigures.objects.filter(axis="petition").update(values={"petitions.received": 1000})
    assert _received(None, *q1) != 25  # the summary is what is read
    DailyFiguresState.objects.filter(axis="petition").update(signature="older definitions")
    assert _received(None, *q1) == 25
    DailyFiguresState.objects.all().delete()  # no summary at all (a fresh database)
    DailyFigures.objects.all().delete()
    _assert_summary_equals_records([None, {ttt.pk}])


@time_machine.travel(dt.datetime(2026, 4, 10, 9, 0))
def test_a_change_made_during_a_refresh_keeps_its_mark(users, agencies, monkeypatch):
    ttt = agencies["TTT"]
    daily.rebuild()
    make_petition(users["canbo"], ttt, received_on=dt.date(2025, 1, 20))
    real = daily._values_by_day
    made = []

    def meanwhile(axis, days):
        # Another officer registers a petition after the refresh read the marks.
        if not made:
            made.append(make_petition(users["canbo"], ttt, received_on=dt.date(2025, 3, 2)))
        return real(axis, days)

    monkeypatch.setattr(daily, "_values_by_day", meanwhile)
    daily.refresh(["petition", "resolved", "visit"])
    monkeypatch.setattr(daily, "_values_by_day", real)
    assert DailyFiguresStale.objects.filter(day=dt.date(2025, 3, 2)).exists()
    assert _received(None, dt.date(2025, 3, 1), dt.date(2025, 3, 31)) == 1
    _assert_summary_equals_records([None, {ttt.pk}])


def test_reading_the_summary_does_not_grow_with_the_register(users, agencies):
    ttt, ca = agencies["TTT"], agencies["CA"]
    q1 = [(dt.date(2025, 1, 1), dt.date(2025, 3, 31)), (dt.date(2024, 1, 1), dt.date(2024, 3, 31))]

    def queries():
        figures.compute_ranges(ALL, agency_ids=None, unit_ids=None, ranges=q1)  # refreshed
        with CaptureQueriesContext(connection) as ctx:
            got = figures.compute_ranges(ALL, agency_ids=None, unit_ids=None, ranges=q1)
        return len(ctx), got[0]["petitions.received"]

    generate.generate_petitions(
        10, seed=1, agencies=[ttt], start=dt.date(2025, 1, 1), end=dt.date(2025, 3, 31)
    )
    small, received = queries()
    assert received == 10
    generate.generate_petitions(
        300, seed=2, agencies=[ttt, ca], start=dt.date(2025, 1, 1), end=dt.date(2025, 3, 31)
    )
    large, received = queries()
    assert received == 310
    # The state and the marks, one read of the summary; the overdue count from the records.
    assert small == large <= 6
    # The province's rows: one a day, whatever the number of records that day.
    days = DailyFigures.objects.filter(axis="petition", agency_id=daily.PROVINCE)
    assert days.count() <= 90


@pytest.mark.django_db(transaction=True)
def test_officers_reading_figures_at_once_while_others_write_lose_nothing(users, agencies):
    """Threads with their own connections (PostgreSQL: true concurrency): refreshes queue on
    the axis lock, none fails, and every petition registered meanwhile is counted."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (concurrent connections); runs in the PostgreSQL pass")
    ttt = agencies["TTT"]
    q1 = (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    DailyFiguresState.objects.all().delete()  # the first readers also build the summary
    writers, readers, rounds = 2, 3, 6
    barrier = threading.Barrier(writers + readers)
    errors = []

    def writer(i):
        try:
            barrier.wait()
            for k in range(rounds):
                make_petition(users["canbo"], ttt, received_on=dt.date(2025, 1 + k % 3, 2 + i))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    def reader():
        try:
            barrier.wait()
            for _ in range(rounds):
                _received(None, *q1)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
    threads += [threading.Thread(target=reader) for _ in range(readers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert _received(None, *q1) == writers * rounds
    _assert_summary_equals_records([None, {ttt.pk}])
