"""Issue 18: a confirmed import's draft can be reopened from the history, beside its
highlighted text, and confirmed again: what it made is updated, never doubled."""

import re

import pytest

from noichinh.briefings.models import AwardDecision, Conference, ConferenceFigure, Task
from noichinh.core.models import AuditEntry
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


def _registers():
    return (
        Conference.objects.count(),
        ConferenceFigure.objects.count(),
        Task.objects.count(),
        AwardDecision.objects.count(),
    )


def _reopen(client, record):
    history = client.get("/import/history/").content.decode()
    link = f"/import/history/{record.pk}/reopen/"
    assert link in history and "Mở lại" in history
    response = client.get(link)
    assert response.status_code == 200
    return response.content.decode()


def test_reopening_and_confirming_unchanged_creates_nothing_new(client, users):
    client.force_login(users["thuky"])
    record = _import(client)
    before = _registers()
    assert before[0] == 1 and before[1] and before[2] and before[3]
    html = _reopen(client, record)
    # The source is shown highlighted beside the draft, with a new token.
    assert 'class="mark' in html or "<mark" in html
    data = form_data(html, "review-form")
    assert data["token"][0] and data["token"][0] != record.token
    # Each item is offered as an update of the record the import made.
    assert data["conference_choice"] == [f"update:{record.conference_id}"]
    figure_ids = {str(i) for i in ConferenceFigure.objects.values_list("pk", flat=True)}
    chosen = [v[0] for k, v in data.items() if re.fullmatch(r"ind-\d+-choice", k)]
    assert chosen and all(c.split(":")[1] in figure_ids for c in chosen if c != "new")
    updates_before = AuditEntry.objects.filter(action="update").count()
    assert client.post(URL, data).status_code == 302
    assert _registers() == before
    assert AuditEntry.objects.filter(action="update").count() == updates_before


def test_changing_a_figure_on_reopening_updates_it_with_an_audit_entry(client, users):
    client.force_login(users["thuky"])
    record = _import(client)
    before = _registers()
    data = form_data(_reopen(client, record), "review-form")
    action, _sep, pk = data["ind-0-choice"][0].partition(":")
    assert action == "update"
    figure = ConferenceFigure.objects.get(pk=pk)
    data["ind-0-value"] = ["1.234"]
    assert client.post(URL, data).status_code == 302
    assert _registers() == before
    figure.refresh_from_db()
    assert figure.value == 1234
    entry = AuditEntry.objects.filter(
        action="update", model__icontains="figure", object_id=str(figure.pk)
    ).first()
    assert entry is not None and "value" in entry.changes


def test_only_who_may_import_can_reopen(client, users):
    client.force_login(users["thuky"])
    record = _import(client)
    for name in ("canbo_ca",):
        client.force_login(users[name])
        assert client.get(f"/import/history/{record.pk}/reopen/").status_code == 403
    client.force_login(users["admin"])
    assert client.get(f"/import/history/{record.pk}/reopen/").status_code == 200


def test_a_withdrawn_import_is_not_reopened(client, users):
    client.force_login(users["thuky"])
    record = _import(client)
    client.post(f"/import/history/{record.pk}/withdraw/", {"reason": "Nhập nhầm"})
    assert (
        f"/import/history/{record.pk}/reopen/"
        not in client.get("/import/history/").content.decode()
    )
    response = client.get(f"/import/history/{record.pk}/reopen/", follow=True)
    assert "đã được thu hồi" in response.content.decode()
    assert _registers() == (0, 0, 0, 0)


def test_only_the_latest_import_of_a_conference_is_reopened(client, users):
    client.force_login(users["thuky"])
    first = _import(client)
    data = form_data(_reopen(client, first), "review-form")
    data["ind-0-value"] = ["4.321"]
    assert client.post(URL, data).status_code == 302
    second = ImportRecord.objects.order_by("-id").first()
    assert second.pk != first.pk and second.conference_id == first.conference_id
    history = client.get("/import/history/").content.decode()
    assert f"/import/history/{second.pk}/reopen/" in history
    assert f"/import/history/{first.pk}/reopen/" not in history
    # An old link opens the latest draft, with the corrected figure, not the first one.
    response = client.get(f"/import/history/{first.pk}/reopen/", follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/import/history/{second.pk}/reopen/")
    assert form_data(response.content.decode(), "review-form")["ind-0-value"] == ["4.321"]
