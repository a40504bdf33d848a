"""Retention of portal data of closed files (issue 19 §5)."""

import datetime as dt
import os

import pytest
import time_machine
from django.core.management import call_command

from noichinh.core.models import AuditEntry
from noichinh.petitions import services as petition_services
from noichinh.petitions.models import Attachment, Petition
from noichinh.portal import retention, services
from noichinh.portal.models import (
    PortalAccess,
    PortalMessage,
    RetentionHold,
    RetentionNotice,
    RetentionRule,
    RetentionRun,
)
from tests.portal.conftest import IDENTITY, SECRETS, pdf

pytestmark = pytest.mark.django_db

SENT = dt.date(2024, 3, 4)
CLOSED = dt.date(2024, 3, 11)
# The seeded periods: 12 months for the code (told 30 days before), 15 years for the rest.
LONG_AFTER = dt.date(2040, 1, 6)


@pytest.fixture(autouse=True)
def _archive_dir(settings, tmp_path):
    settings.RETENTION_ARCHIVE_DIR = tmp_path / "archive"


@pytest.fixture(autouse=True)
def _retention_rules(db):
    """Transactional (browser) tests flush tables, data-migration rows included: re-seed."""
    if not RetentionRule.objects.exists():
        import importlib

        from django.apps import apps

        importlib.import_module("noichinh.portal.migrations.0004_seed_retention_rules").seed(
            apps, None
        )


def _portal_petition(agencies, *, type="denunciation", content="Nội dung MARKER-RET", **identity):
    with time_machine.travel(dt.datetime(2024, 3, 4, 9, 0), tick=False):
        petition, code = services.portal_submit(
            agency=agencies["TTT"],
            type=type,
            field="land",
            summary="Đơn thử lưu giữ",
            content=content,
            files=[pdf()],
            **(identity or IDENTITY),
        )
    petition.code = code
    return petition


def _close(petition, user, on=CLOSED):
    with time_machine.travel(dt.datetime(on.year, on.month, on.day, 10, 0), tick=False):
        return petition_services.petition_archive(actor=user, petition=petition, on=on)


def _talk(petition, user):
    with time_machine.travel(dt.datetime(2024, 3, 5, 9, 0), tick=False):
        services.portal_answer(actor=user, petition=petition, kind="question", text="Bổ sung?")


@pytest.fixture
def closed(agencies, users):
    """A closed portal denunciation with a message, an attachment, a code and an identity."""
    p = _portal_petition(agencies)
    _talk(p, users["truong_tt"])
    _close(p, users["truong_tt"])
    p.refresh_from_db()
    return p


def _left(p):
    p.refresh_from_db()
    return {
        "messages": PortalMessage.objects.filter(petition=p).count(),
        "attachments": Attachment.objects.filter(petition=p).count(),
        "identity": bool(p.sealed_identity),
        "code": PortalAccess.objects.filter(petition=p).exists(),
    }


def test_seeded_schedule_names_a_source_or_the_provinces_choice():
    rows = list(RetentionRule.objects.all())
    assert {r.target for r in rows} == set(RetentionRule.Target.values)
    for r in rows:
        assert r.is_province_choice or r.legal_source
        assert r.source_label


def test_closed_file_past_its_periods_loses_messages_files_identity_and_code(
    closed, settings, django_capture_on_commit_callbacks
):
    file_path = Attachment.objects.get(petition=closed).file.path
    assert os.path.exists(file_path)
    seq_before = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()

    with django_capture_on_commit_callbacks(execute=True):
        run = retention.apply_retention(today=LONG_AFTER)
    # The code is not cut without warning: first a notice, the code still works.
    # The sender left an e-mail and a phone: the notice went to them at once.
    notice = RetentionNotice.objects.get(petition=closed)
    assert notice.sent_at is not None and notice.channel == "email,sms"
    assert services.petition_id_for_code(closed.code) == closed.pk
    assert _left(closed) == {"messages": 0, "attachments": 0, "identity": False, "code": True}
    assert not os.path.exists(file_path)
    assert run.counts["messages"] == 1 and run.counts["attachments"] == 1
    assert run.counts["sealed_identity"] == 1
    assert RetentionRun.objects.filter(pk=run.pk, finished_at__isnull=False).exists()

    later = retention.apply_retention(today=LONG_AFTER + dt.timedelta(days=31))
    assert later.counts["receipt_code"] == 1
    assert services.petition_id_for_code(closed.code) is None

    actions = list(AuditEntry.objects.filter(seq__gt=seq_before).values_list("action", "changes"))
    names = [a for a, _ in actions]
    assert names.count("retention_archive") == 3  # messages, attachments, identity
    assert "retention_delete" in names  # the code
    assert "retention_notice" in names and names.count("retention_run") == 2
    # Neither the report nor the audit entries carry content or identity.
    text = str(actions) + str(run.items) + str(later.items)
    for secret in [*SECRETS, "MARKER-RET", "Bổ sung?"]:
        assert secret not in text
    # Archived, encrypted: the bundles exist and do not show the content in clear.
    bundles = list(settings.RETENTION_ARCHIVE_DIR.glob(f"petition-{closed.pk}-*"))
    assert len(bundles) == 3
    assert all(b"MARKER" not in b.read_bytes() for b in bundles)


def test_second_run_removes_nothing_more(closed):
    first = retention.apply_retention(today=LONG_AFTER + dt.timedelta(days=400))
    assert first.total >= 3
    again = retention.apply_retention(today=LONG_AFTER + dt.timedelta(days=400))
    assert again.items == []
    assert all(v == 0 for v in again.counts.values())


def test_nothing_removed_before_the_period(closed):
    run = retention.apply_retention(today=dt.date(2030, 1, 1))
    left = _left(closed)
    assert left == {"messages": 1, "attachments": 1, "identity": True, "code": True}
    assert run.counts.get("messages") == 0


def test_open_file_is_never_touched(agencies, users):
    p = _portal_petition(agencies)
    _talk(p, users["truong_tt"])
    retention.apply_retention(today=LONG_AFTER + dt.timedelta(days=400))
    assert _left(p) == {"messages": 1, "attachments": 1, "identity": True, "code": True}


def test_file_whose_forward_is_still_open_elsewhere_is_kept(agencies, users):
    p = _portal_petition(
        agencies, type="complaint", sender_name="Lê Văn Chuyển", sender_address="Xã Kha Sơn"
    )
    _talk(p, users["truong_tt"])
    with time_machine.travel(dt.datetime(2024, 3, 11, 10, 0), tick=False):
        petition_services.petition_forward(
            actor=users["truong_tt"],
            petition=p,
            on=CLOSED,
            doc_no="5/CV",
            to_agency=agencies["CA"],
        )
    p.refresh_from_db()
    assert p.state == "forwarded"
    run = retention.apply_retention(today=LONG_AFTER + dt.timedelta(days=400))
    assert _left(p)["messages"] == 1 and _left(p)["code"]
    assert run.held.get("chain_open")


def test_file_under_appeal_is_kept_until_released(closed, users):
    hold = retention.retention_hold_add(
        actor=users["truong_tt"], petition=closed, reason="appeal", note="Khởi kiện tại Tòa"
    )
    run = retention.apply_retention(today=LONG_AFTER + dt.timedelta(days=400))
    assert _left(closed) == {"messages": 1, "attachments": 1, "identity": True, "code": True}
    assert run.held == {"hold_appeal": 4}
    RetentionHold.objects.filter(pk=hold.pk).update(
        released_at=dt.datetime(2035, 1, 1, tzinfo=dt.UTC)
    )
    retention.apply_retention(today=LONG_AFTER + dt.timedelta(days=400))
    assert _left(closed)["messages"] == 0


def test_file_of_a_monitored_case_is_kept_while_the_case_is_listed(closed, users):
    from noichinh.cases.models import Case, SupervisionDecision, SupervisionEntry

    case = Case.objects.create(title="Vụ án tham ô đất đai", field="corruption")
    decision = SupervisionDecision.objects.create(
        number="1/QĐ", date=dt.date(2024, 1, 2), kind="add"
    )
    SupervisionEntry.objects.create(decision=decision, case=case, date=decision.date, kind="add")
    retention.retention_hold_add(
        actor=users["truong_tt"], petition=closed, reason="monitored", case=case
    )
    retention.apply_retention(today=LONG_AFTER + dt.timedelta(days=400))
    assert _left(closed)["attachments"] == 1
    off = SupervisionDecision.objects.create(number="9/QĐ", date=dt.date(2039, 1, 2), kind="remove")
    SupervisionEntry.objects.create(decision=off, case=case, date=off.date, kind="remove")
    retention.apply_retention(today=LONG_AFTER + dt.timedelta(days=400))
    assert _left(closed)["attachments"] == 0


def test_sender_with_another_complaint_in_hand_keeps_the_file(agencies, users):
    who = dict(
        sender_name="Trịnh Văn Khiếu", sender_id_number="019080009999", sender_address="Xã Kha Sơn"
    )
    first = _portal_petition(agencies, type="complaint", **who)
    _talk(first, users["truong_tt"])
    _close(first, users["truong_tt"])
    _portal_petition(agencies, type="complaint", content="Khiếu nại lần hai", **who)
    run = retention.apply_retention(today=LONG_AFTER + dt.timedelta(days=400))
    assert _left(first)["messages"] == 1
    assert run.held.get("sender_open")


def test_only_the_handling_agency_may_hold_a_file(closed, users):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        retention.retention_hold_add(actor=users["canbo_ca"], petition=closed, reason="appeal")
    assert not RetentionHold.objects.exists()


def test_command_prints_the_report_and_stores_the_run(closed, capsys):
    call_command("apply_retention", "--as-of", (LONG_AFTER + dt.timedelta(days=400)).isoformat())
    out = capsys.readouterr().out
    assert "Trao đổi qua cổng trực tuyến: 1" in out
    assert f"Đơn số {closed.receipt_no}" in out
    assert RetentionRun.objects.count() == 1
    for secret in SECRETS:
        assert secret not in out


def test_follow_up_page_tells_the_sender_when_the_code_expires(closed, client):
    client.post("/portal/tra-cuu/", {"code": closed.code})
    page = client.get("/portal/ho-so/").content.decode()
    assert "Mã tra cứu này hết hiệu lực từ ngày 11/03/2025" in page
    assert Petition.objects.get(pk=closed.pk).state == "archived"


def test_retention_report_page_for_the_administrator_only(closed, client, users):
    retention.apply_retention(today=LONG_AFTER + dt.timedelta(days=400))
    for who in ("truong_tt", "canbo", "lanhdao", "thuky"):
        client.force_login(users[who])
        assert client.get("/portal/luu-tru/").status_code == 403
    client.force_login(users["admin"])
    page = client.get("/portal/luu-tru/").content.decode()
    assert "Lựa chọn của tỉnh" in page
    assert "Trao đổi qua cổng trực tuyến: 1" in page
    assert f"Đơn số {closed.receipt_no}" in page
    for secret in [*SECRETS, "MARKER-RET"]:
        assert secret not in page


def test_officer_page_shows_the_schedule_and_holds_a_file(closed, client, users):
    client.force_login(users["canbo_ca"])
    assert client.get(f"/portal/don/{closed.pk}/luu-giu/").status_code == 404
    assert client.post(f"/portal/don/{closed.pk}/luu-giu/", {"reason": "appeal"}).status_code in (
        403,
        404,
    )
    assert not RetentionHold.objects.exists()
    client.force_login(users["lanhdao"])
    page = client.get(f"/portal/don/{closed.pk}/luu-giu/").content.decode()
    assert "11/03/2025" in page and "hold-form" not in page  # reads, may not hold
    assert client.post(f"/portal/don/{closed.pk}/luu-giu/", {"reason": "appeal"}).status_code == 403
    client.force_login(users["truong_tt"])
    bad = client.post(f"/portal/don/{closed.pk}/luu-giu/", {"reason": "", "note": "Giữ lại"})
    assert "Chọn lý do giữ hồ sơ." in bad.content.decode() and "Giữ lại" in bad.content.decode()
    assert not RetentionHold.objects.exists()
    response = client.post(
        f"/portal/don/{closed.pk}/luu-giu/", {"reason": "appeal", "note": "Khởi kiện"}
    )
    assert response.status_code == 302
    hold = RetentionHold.objects.get()
    page = client.get(f"/portal/don/{closed.pk}/luu-giu/").content.decode()
    assert "Hồ sơ được giữ nguyên" in page
    client.post(f"/portal/giu-ho-so/{hold.pk}/bo-giu/", {})
    assert RetentionHold.objects.get().released_at is None  # not confirmed
    client.post(f"/portal/giu-ho-so/{hold.pk}/bo-giu/", {"confirm": "1"})
    assert RetentionHold.objects.get().released_at is not None
    assert AuditEntry.objects.filter(model="portal.retentionhold", action="update").exists()


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_remove_each_thing_once(agencies, users, settings):
    """Two workers at the same time (PostgreSQL: real concurrency): each file is claimed by
    one of them, nothing fails, nothing is archived twice."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (concurrent connections); runs in the PostgreSQL pass")
    files = []
    for _ in range(4):
        p = _portal_petition(agencies)
        _talk(p, users["truong_tt"])
        _close(p, users["truong_tt"])
        files.append(p)
    seq_before = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            retention.apply_retention(today=LONG_AFTER)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert not PortalMessage.objects.filter(petition__in=files).exists()
    archived = AuditEntry.objects.filter(seq__gt=seq_before, action="retention_archive")
    assert archived.count() == 3 * len(files)  # messages, attachments, identity: once each
    assert len(list(settings.RETENTION_ARCHIVE_DIR.glob("petition-*"))) == 3 * len(files)


def test_the_sender_is_told_by_email_before_the_code_expires(
    agencies, users, smtp_server, django_capture_on_commit_callbacks
):
    p = _portal_petition(agencies, type="complaint", content="Nội dung MARKER-RET")
    _close(p, users["truong_tt"])
    smtp_server.messages.clear()
    smtp_server.envelopes.clear()
    notice_day = dt.date(2025, 2, 15)  # 30 days before the 12 months after closing
    with django_capture_on_commit_callbacks(execute=True):
        retention.apply_retention(today=notice_day)
    [msg] = smtp_server.wait_for(1)
    assert smtp_server.to(IDENTITY["sender_email"]) == [msg]
    text = smtp_server.text(msg)
    assert "mã tra cứu của đơn sắp hết hiệu lực" in text
    assert "hết hiệu lực từ ngày 17/03/2025" in text
    for secret in [*SECRETS, "MARKER-RET", p.code]:
        assert secret not in text
    notice = RetentionNotice.objects.get(petition=p)
    assert notice.sent_at is not None and "email" in notice.channel
    # Told once: the next day's run sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        retention.apply_retention(today=notice_day + dt.timedelta(days=1))
    assert len(smtp_server.messages) == 1
