"""Optimistic locking (core.locking) on petitions: the second save is refused, nothing lost."""

import threading

import pytest
from django.db import connection, connections

from noichinh.core.locking import ConflictError, save_with_version
from noichinh.petitions.models import Petition
from tests.petitions.factories import make_petition


@pytest.mark.django_db
def test_the_second_save_of_the_same_version_is_refused_with_what_changed(users, agencies):
    p = make_petition(users["canbo"], agencies["TTT"], summary="Khiếu nại thu hồi đất")
    first = Petition.objects.get(pk=p.pk)
    second = Petition.objects.get(pk=p.pk)
    loaded = first.version

    first.summary = "Khiếu nại quyết định thu hồi đất số 12"
    save_with_version(first, loaded, ["summary"])
    assert first.version == loaded + 1

    second.content = "Nội dung bổ sung của cán bộ thứ hai"
    with pytest.raises(ConflictError) as exc:
        save_with_version(second, loaded, ["content"])
    message = exc.value.messages[0]
    assert "vừa được người khác cập nhật" in message
    assert (
        "trích yếu: “Khiếu nại thu hồi đất” → “Khiếu nại quyết định thu hồi đất số 12”" in message
    )
    assert "tải lại trang" in message
    fresh = Petition.objects.get(pk=p.pk)
    assert fresh.summary == "Khiếu nại quyết định thu hồi đất số 12"
    assert fresh.content != "Nội dung bổ sung của cán bộ thứ hai"  # nothing half-saved
    assert fresh.version == loaded + 1


@pytest.mark.django_db
def test_a_save_on_the_current_version_goes_through(users, agencies):
    p = make_petition(users["canbo"], agencies["TTT"])
    p = Petition.objects.get(pk=p.pk)
    p.summary = "Trích yếu mới"
    save_with_version(p, p.version, ["summary"])
    p.summary = "Trích yếu mới hơn"
    save_with_version(p, p.version, ["summary"])
    assert Petition.objects.get(pk=p.pk).summary == "Trích yếu mới hơn"


@pytest.mark.django_db(transaction=True)
def test_two_officers_on_two_real_connections_lose_no_update(users, agencies):
    """Threads with their own database connections (PostgreSQL: true concurrency)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (two concurrent connections); runs in the PostgreSQL pass")
    p = make_petition(users["canbo"], agencies["TTT"], summary="")
    rounds, workers = 15, 4
    barrier = threading.Barrier(workers)
    conflicts = [0] * workers
    errors = []

    def officer(i):
        try:
            barrier.wait()
            done = 0
            while done < rounds:
                mine = Petition.objects.get(pk=p.pk)  # this thread's own connection
                mine.summary = (mine.summary + f"{i}").strip()[-250:]
                mine.co_senders = mine.co_senders + 1
                try:
                    save_with_version(mine, mine.version, ["summary", "co_senders"])
                    done += 1
                except ConflictError:
                    conflicts[i] += 1  # reload and redo, as the officer would
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=officer, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    final = Petition.objects.get(pk=p.pk)
    assert final.co_senders == rounds * workers  # every increment counted: no lost update
    assert final.version == p.version + rounds * workers
    assert sum(conflicts) > 0  # the race really happened and was refused, not serialised away
