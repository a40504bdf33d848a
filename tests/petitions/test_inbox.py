"""The officer's own inbox (issue 19 §3): unread count, mark read, e-mail settings, the daily
digest through a real SMTP server, and nothing of it for an officer of another agency."""

import datetime as dt

import pytest
import time_machine

from noichinh.petitions import digest, escalation, services
from noichinh.petitions.models import Notification, NotificationPreference
from tests.petitions.factories import make_petition

DAY = dt.datetime(2026, 3, 2, 9, 0)


@pytest.fixture
def assigned(users, agencies):
    with time_machine.travel(DAY, tick=False):
        p = make_petition(users["canbo_ca"], agencies["CA"], received_on=DAY.date())
        return services.petition_assign(
            actor=users["truongdonvi"], petition=p, officer=users["canbo_ca"]
        )


def test_header_count_and_mark_one_read(client, users, assigned):
    client.force_login(users["canbo_ca"])
    assert "Thông báo" in client.get("/").content.decode()
    count = client.get("/petitions/notifications/count/").content.decode()
    assert 'data-testid="unread-count">1<' in count  # "assigned to you"
    note = Notification.objects.get(user=users["canbo_ca"])
    resp = client.post(
        f"/petitions/notifications/{note.pk}/read/", {"next": "https://evil.example/"}
    )
    assert resp["Location"] == "/petitions/notifications/"
    assert "unread-count" not in client.get("/petitions/notifications/count/").content.decode()
    note.refresh_from_db()
    assert note.read_at is not None


def test_marking_read_another_users_notice_changes_nothing(client, users, assigned):
    note = Notification.objects.get(user=users["canbo_ca"])
    client.force_login(users["canbo_vks"])
    client.post(f"/petitions/notifications/{note.pk}/read/")
    note.refresh_from_db()
    assert note.read_at is None


def test_settings_page_keeps_the_choice(client, users):
    user = users["canbo_ca"]
    client.force_login(user)
    page = client.get("/petitions/notifications/settings/").content.decode()
    assert "Nhận thư tổng hợp hằng ngày" in page
    client.post("/petitions/notifications/settings/", {"email_escalations": "on"})
    pref = NotificationPreference.objects.get(user=user)
    assert (pref.email_digest, pref.email_escalations, pref.email_reminders) == (
        False,
        True,
        False,
    )


def test_officer_of_another_agency_sees_nothing_of_it(client, users, assigned):
    late = assigned.next_due + dt.timedelta(days=1)
    escalation.run(today=assigned.next_due - dt.timedelta(days=1))
    escalation.run(today=late)
    outsider = users["canbo_vks"]
    assert not Notification.objects.filter(user=outsider).exists()
    client.force_login(outsider)
    with time_machine.travel(dt.datetime.combine(late, dt.time(9)), tick=False):
        assert assigned.receipt_no not in client.get("/petitions/notifications/").content.decode()
        assert assigned.receipt_no not in client.get("/").content.decode()
        assert client.get(f"/petitions/{assigned.pk}/").status_code == 404
        # The supervising body is told, but may not open another agency's petition: the
        # notice reads on its own, without a link.
        client.force_login(users["truong_tt"])
        page = client.get("/petitions/notifications/").content.decode()
        assert assigned.receipt_no in page
        assert f"/petitions/{assigned.pk}/" not in page
        # The agency's own officer sees the history on the petition's page.
        client.force_login(users["canbo_ca"])
        detail = client.get(f"/petitions/{assigned.pk}/").content.decode()
        assert "Cảnh báo, báo cáo cấp trên" in detail and "Đỗ Thị Lan" in detail


def test_daily_digest_reaches_the_smtp_server_once(smtp_server, users, assigned):
    officer = users["canbo_ca"]
    officer.email = "canbo_ca@hoason.example"
    officer.save()
    users["canbo_vks"].email = "vks@hoason.example"
    users["canbo_vks"].save()
    day = assigned.next_due - dt.timedelta(days=(assigned.next_due.weekday()))  # its Monday
    escalation.run(today=day)
    assert digest.send_digests(today=day) == {"digests": 1}
    assert digest.send_digests(today=day) == {"digests": 0}  # run twice: one digest a day
    [msg] = smtp_server.wait_for(1)
    assert smtp_server.to("canbo_ca@hoason.example") == [msg]
    text = smtp_server.text(msg)
    assert "Đơn đến hạn trong tuần" in text and assigned.receipt_no in text
    assert "Nguyễn Văn An" not in text  # never the sender
    assert smtp_server.to("vks@hoason.example") == []  # nothing of it for another agency


def test_no_digest_for_who_turned_it_off(smtp_server, users, assigned):
    officer = users["canbo_ca"]
    officer.email = "canbo_ca@hoason.example"
    officer.save()
    services.notification_preference_update(
        actor=officer, email_digest=False, email_escalations=False, email_reminders=True
    )
    assert digest.send_digests(today=assigned.next_due) == {"digests": 0}


def test_escalation_by_email_for_who_asked_for_it(smtp_server, users, assigned):
    officer, head = users["canbo_ca"], users["truongdonvi"]
    for user, address in ((officer, "canbo_ca@hoason.example"), (head, "ca@hoason.example")):
        user.email = address
        user.save()
    services.notification_preference_update(
        actor=officer, email_digest=True, email_escalations=True, email_reminders=True
    )
    eve = assigned.next_due - dt.timedelta(days=1)  # past 50 % (officer) and 75 % (head)
    escalation.run(today=eve)
    escalation.run(today=eve)
    [msg] = smtp_server.wait_for(1)
    assert smtp_server.to("canbo_ca@hoason.example") == [msg]
    assert assigned.receipt_no in smtp_server.text(msg)
    assert smtp_server.to("ca@hoason.example") == []  # the head did not ask for it
    assert Notification.objects.filter(user=head, kind="escalation").exists()
