"""An import made by mistake is withdrawn as a whole (what it created, not what it reused);
an administrator restores it."""

import pytest

from noichinh.briefings import selectors
from noichinh.briefings.models import AwardDecision, Conference, Task
from noichinh.textimport.models import ImportRecord

from .expectations import DATA
from .helpers import form_data

URL = "/import/"
SEED_004 = (DATA / "seed_004.txt").read_text(encoding="utf-8")

pytestmark = pytest.mark.django_db


def _import(client):
    html = client.post(URL, {"text": SEED_004, "action": "extract"}).content.decode()
    assert client.post(URL, form_data(html, "review-form")).status_code == 302
    return ImportRecord.objects.order_by("-id").first()


def test_an_import_is_withdrawn_with_what_it_created_and_restored(client, users):
    client.force_login(users["thuky"])
    record = _import(client)
    assert record.created_ids["award"] and record.created_ids["conference"]
    history = client.get("/import/history/").content.decode()
    assert "2 nhiệm vụ, 3 quyết định khen thưởng" in history
    assert client.post(f"/import/history/{record.pk}/withdraw/", {"reason": ""}).status_code == 200
    assert Conference.objects.exists()
    response = client.post(
        f"/import/history/{record.pk}/withdraw/", {"reason": "Nhập nhầm bài của tỉnh khác"}
    )
    assert response.status_code == 302
    assert not Conference.objects.exists() and not Task.objects.exists()
    assert not selectors.award_summary(decisions=AwardDecision.objects.all())
    assert "Nhập nhầm bài của tỉnh khác" in client.get("/import/history/").content.decode()
    client.post(f"/import/history/{record.pk}/restore/")  # the secretariat may not restore
    assert not Conference.objects.exists()
    client.force_login(users["admin"])
    client.post(f"/import/history/{record.pk}/restore/")
    assert Conference.objects.count() == 1 and Task.objects.count() == 2
    assert AwardDecision.objects.count() == 3


def test_withdrawing_a_second_import_keeps_the_records_it_reused(client, users):
    client.force_login(users["thuky"])
    _import(client)
    second = _import(client)
    assert not any(second.created_ids.values())
    client.post(f"/import/history/{second.pk}/withdraw/", {"reason": "Nhập hai lần"})
    assert Conference.objects.count() == 1 and AwardDecision.objects.count() == 3


def test_other_roles_are_refused_the_history(client, users):
    client.force_login(users["canbo_ca"])
    assert client.get("/import/history/").status_code == 403
