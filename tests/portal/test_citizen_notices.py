"""Messages to the sender: each event of the handling tells them, with the receipt number and
the follow-up link only (no content, no identity, no code); a failure to send never breaks the
officer's action; a denunciation's contact is sealed like its identity."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from noichinh.core import sms
from noichinh.petitions import services as ps
from noichinh.portal import services
from noichinh.portal.models import CitizenNotice
from tests.portal.conftest import CONTENT, IDENTITY, SECRETS

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 5, 4)
COMPLAINT = "Khiếu nại quyết định thu hồi đất MARKER-KN-77 của UBND xã"
NAME = "Lê Văn Công Khai"


@pytest.fixture(autouse=True)
def _outboxes(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SMS_BACKEND = "noichinh.core.sms.LocmemBackend"
    settings.PUBLIC_BASE_URL = "https://tiepcongdan.example.gov.vn"
    sms.outbox.clear()


def _complaint(agencies, **extra):
    fields = dict(
        agency=agencies["BTCD"],
        type="complaint",
        content=COMPLAINT,
        sender_name=NAME,
        sender_address="Thôn Đông, xã Hòa Bình",
        sender_email="congkhai@example.vn",
        sender_phone="0987 000 111",
    )
    fields.update(extra)
    return services.portal_submit(**fields)


def _classify(actor, p, competent=True):
    return ps.petition_classify(
        actor=actor,
        petition=p,
        type=p.type,
        field="land",
        meets_conditions=True,
        in_competence=competent,
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run an officer's action as its own committed request would: its after-commit work
    (sending the messages) runs when it returns."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


def _texts():
    return [m.subject + "\n" + m.body for m in mail.outbox] + [m.text for m in sms.outbox]


@time_machine.travel(TODAY)
def test_forward_then_answer_tell_the_sender_by_mail_and_sms(users, agencies, committed):
    petition, code = _complaint(agencies)
    assert mail.outbox == [] and sms.outbox == []  # the receipt is on screen, not sent
    tcd = users["canbo_tcd"]
    petition = _classify(tcd, petition, competent=False)
    committed(
        ps.petition_forward,
        actor=tcd,
        petition=petition,
        on=TODAY,
        doc_no="7/PC",
        to_agency=agencies["TTT"],
    )
    assert len(mail.outbox) == 1 and len(sms.outbox) == 1
    forwarded = mail.outbox[0]
    assert forwarded.to == ["congkhai@example.vn"]
    assert petition.receipt_no in forwarded.subject
    assert "Thanh tra tỉnh" in forwarded.body
    assert "https://tiepcongdan.example.gov.vn/portal/tra-cuu/" in forwarded.body
    assert sms.outbox[0].to == "0987000111"

    hop = petition.forwards.get()
    committed(
        services.portal_answer,
        actor=users["canbo"],
        petition=hop,
        kind="answer",
        text="Trả lời chi tiết MARKER-TL",
    )
    assert len(mail.outbox) == 2
    assert "đã trả lời" in mail.outbox[1].subject
    for text in _texts():
        for secret in (COMPLAINT, "MARKER-KN-77", "MARKER-TL", NAME, "Thôn Đông", code):
            assert secret not in text
        assert codes_not_in(text, code)
    states = set(CitizenNotice.objects.values_list("state", flat=True))
    assert states == {"sent"}


def codes_not_in(text, code):
    return code.replace("-", "") not in text.replace("-", "")


@time_machine.travel(TODAY)
def test_every_handling_event_tells_the_sender_once(users, agencies, committed):
    petition, _ = _complaint(agencies, agency=agencies["TTT"], sender_phone="")
    officer = users["canbo"]
    petition = _classify(officer, petition)
    petition = committed(
        ps.petition_accept, actor=officer, petition=petition, decided_on=TODAY, doc_no="1/TB"
    )
    committed(
        services.portal_answer,
        actor=officer,
        petition=petition,
        kind="question",
        text="Đề nghị bổ sung bản sao",
    )
    petition = committed(
        ps.petition_suspend,
        actor=officer,
        petition=petition,
        on=TODAY,
        doc_no="2/QĐ",
        reason="Chờ kết quả giám định",
    )
    petition = committed(ps.petition_resume, actor=officer, petition=petition, on=TODAY)
    petition = committed(
        ps.petition_extend,
        actor=officer,
        petition=petition,
        variant="complex",
        on=TODAY,
        doc_no="3/QĐ",
    )
    committed(
        ps.petition_resolve,
        actor=officer,
        petition=petition,
        on=TODAY,
        doc_no="4/QĐ",
        result="right",
    )
    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 6, subjects
    assert "thụ lý" in subjects[0] and "bổ sung" in subjects[1]
    assert "tạm đình chỉ" in subjects[2] and "Chờ kết quả giám định" in mail.outbox[2].body
    assert "tiếp tục" in subjects[3]
    assert "gia hạn" in subjects[4] and "3/QĐ" in mail.outbox[4].body
    assert "Hạn giải quyết theo quy định" in mail.outbox[4].body
    assert "trả lời" in subjects[5]
    assert CitizenNotice.objects.filter(petition=petition).count() == 6


@time_machine.travel(TODAY)
def test_a_refused_petition_tells_the_sender(users, agencies, committed):
    petition, _ = _complaint(agencies, agency=agencies["TTT"], sender_phone="")
    officer = users["canbo"]
    petition = _classify(officer, petition)
    committed(
        ps.petition_return, actor=officer, petition=petition, on=TODAY, doc_no="5/TB", note="Trùng"
    )
    assert len(mail.outbox) == 1
    assert "không được thụ lý" in mail.outbox[0].subject
    assert "Trả lại đơn" in mail.outbox[0].body


@time_machine.travel(TODAY)
def test_no_contact_or_no_code_no_message(users, agencies, committed):
    from tests.petitions.factories import make_petition

    petition, _ = _complaint(agencies, sender_email="", sender_phone="")
    _classify(users["canbo_tcd"], petition)
    paper = make_petition(users["canbo"], agencies["TTT"], sender_email="a@example.vn")
    _classify(users["canbo"], paper)
    committed(
        ps.petition_accept, actor=users["canbo"], petition=paper, decided_on=TODAY, doc_no="1/TB"
    )
    assert mail.outbox == [] and CitizenNotice.objects.count() == 0


@time_machine.travel(TODAY)
def test_an_officer_registered_petition_with_a_code_tells_the_sender(users, agencies, committed):
    from tests.petitions.factories import make_petition

    officer = users["canbo"]
    paper = make_petition(officer, agencies["TTT"], received_on=TODAY, sender_email="a@example.vn")
    services.portal_issue_code(actor=officer, petition=paper)
    paper = _classify(officer, paper)
    committed(ps.petition_accept, actor=officer, petition=paper, decided_on=TODAY, doc_no="1/TB")
    assert [m.to for m in mail.outbox] == [["a@example.vn"]]


@time_machine.travel(TODAY)
def test_a_failing_mail_server_never_breaks_the_officers_action(
    users, agencies, settings, committed
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    petition, _ = _complaint(agencies, agency=agencies["TTT"])
    officer = users["canbo"]
    petition = _classify(officer, petition)
    petition = committed(
        ps.petition_accept, actor=officer, petition=petition, decided_on=TODAY, doc_no="1/TB"
    )
    assert petition.state == "accepted"
    email_notice = CitizenNotice.objects.get(channel="email")
    assert email_notice.state == "failed"
    assert email_notice.error == "Không kết nối được máy chủ thư hoặc cổng tin nhắn."
    assert "congkhai" not in email_notice.error
    assert CitizenNotice.objects.get(channel="sms").state == "sent"


@time_machine.travel(TODAY)
def test_sending_twice_sends_once(users, agencies, committed):
    from noichinh.portal import notices

    petition, _ = _complaint(agencies, agency=agencies["TTT"], sender_phone="")
    officer = users["canbo"]
    petition = _classify(officer, petition)
    committed(ps.petition_accept, actor=officer, petition=petition, decided_on=TODAY, doc_no="1/TB")
    ids = list(CitizenNotice.objects.values_list("pk", flat=True))
    assert notices.send(ids) == {"sent": 0, "failed": 0}
    assert len(mail.outbox) == 1


@time_machine.travel(TODAY)
def test_a_denunciations_contact_is_sealed_and_messages_carry_no_identity(
    users, agencies, committed
):
    from noichinh.petitions.models import Petition

    petition, code = services.portal_submit(
        agency=agencies["TTT"], type="denunciation", content=CONTENT, **IDENTITY
    )
    row = Petition.objects.filter(pk=petition.pk).values("sender_email", "sender_phone").get()
    assert row == {"sender_email": "", "sender_phone": ""}
    assert IDENTITY["sender_email"] not in petition.sealed_identity
    officer = users["canbo"]
    petition = _classify(officer, petition)
    committed(ps.petition_accept, actor=officer, petition=petition, decided_on=TODAY, doc_no="1/TB")
    assert mail.outbox[0].to == [IDENTITY["sender_email"]]
    assert sms.outbox[0].to == IDENTITY["sender_phone"]
    for text in _texts():
        for secret in [*SECRETS, "MARKER-TC-01"]:
            if secret not in (IDENTITY["sender_email"],):
                assert secret not in text
    body = mail.outbox[0].body
    assert IDENTITY["sender_email"] not in body and IDENTITY["sender_phone"] not in body


@time_machine.travel(TODAY)
def test_only_who_may_reveal_sees_a_denunciations_contact(users, agencies, client, committed):
    petition, _ = services.portal_submit(
        agency=agencies["TTT"], type="denunciation", content=CONTENT, **IDENTITY
    )
    ps.petition_assign(actor=users["truong_tt"], petition=petition, officer=users["canbo"])
    petition = _classify(users["canbo"], petition)
    committed(
        ps.petition_accept, actor=users["canbo"], petition=petition, decided_on=TODAY, doc_no="1/TB"
    )
    # An officer of the agency who is not assigned, and the head of another: never shown.
    for username in ("canbo_tcd", "truongdonvi"):
        client.force_login(users[username])
        for url in (f"/petitions/{petition.pk}/", f"/portal/don/{petition.pk}/"):
            body = client.get(url).content.decode()
            assert IDENTITY["sender_email"] not in body and IDENTITY["sender_phone"] not in body
    # The panel lists the messages sent, without the address, to who handles the petition.
    client.force_login(users["canbo"])
    panel = client.get(f"/portal/don/{petition.pk}/").content.decode()
    assert "Thông báo cho người gửi" in panel and "Đã gửi" in panel
    assert IDENTITY["sender_email"] not in panel and IDENTITY["sender_phone"] not in panel
    # The assigned officer sees it only through a reveal, with a ground and a reason.
    revealed = client.post(
        f"/portal/don/{petition.pk}/danh-tinh/",
        {"ground": "verify", "reason": "Cần làm việc trực tiếp với người tố cáo"},
    ).content.decode()
    assert IDENTITY["sender_email"] in revealed and IDENTITY["sender_phone"] in revealed


@time_machine.travel(TODAY)
def test_pending_notices_are_sent_by_the_command_once(users, agencies, monkeypatch, committed):
    from io import StringIO

    from django.core.management import call_command

    from noichinh.portal import notices

    monkeypatch.setattr(notices, "_enqueue", lambda ids: None)  # the queue was down
    petition, _ = _complaint(agencies, agency=agencies["TTT"], sender_phone="")
    officer = users["canbo"]
    petition = _classify(officer, petition)
    committed(ps.petition_accept, actor=officer, petition=petition, decided_on=TODAY, doc_no="1")
    assert mail.outbox == [] and CitizenNotice.objects.get().state == "pending"
    out = StringIO()
    call_command("send_citizen_notices", stdout=out)
    call_command("send_citizen_notices", stdout=out)
    assert len(mail.outbox) == 1 and "Đã gửi 1" in out.getvalue()
    assert CitizenNotice.objects.get().state == "sent"
