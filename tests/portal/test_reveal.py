"""The reveal flow: a reason each time, one record, logged in the hash chain, shown to the
denouncer; forwarding keeps the identity back unless the handler says why."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from noichinh.core import clock
from noichinh.core.models import AuditEntry
from noichinh.petitions import services as petition_services
from noichinh.portal import selectors, services
from tests.portal.conftest import IDENTITY

pytestmark = pytest.mark.django_db
REASON = "Cần liên hệ người tố cáo để làm rõ nội dung tố cáo"
GROUND = "verify"


def test_assigned_officer_reveals_with_a_reason_and_the_reveal_is_logged(denunciation, users):
    result = services.reveal_identity(
        actor=users["canbo"], petition=denunciation, reason=REASON, ground=GROUND
    )
    assert result["identity"]["name"] == IDENTITY["sender_name"]
    assert result["identity"]["email"] == IDENTITY["sender_email"]
    entry = AuditEntry.objects.get(action="reveal_identity")
    assert entry.actor == users["canbo"]
    assert entry.object_id == str(denunciation.pk) and entry.model == "petitions.petition"
    assert entry.reason == REASON and entry.at is not None
    assert IDENTITY["sender_name"] not in str(entry.changes) + entry.object_repr


def test_head_of_resolving_agency_reveals(denunciation, users):
    result = services.reveal_identity(
        actor=users["truong_tt"], petition=denunciation, reason=REASON, ground=GROUND
    )
    assert result["identity"]["id_number"] == IDENTITY["sender_id_number"]


@pytest.mark.parametrize("username", ["admin", "lanhdao", "thuky", "truongdonvi", "canbo_ca"])
def test_others_are_refused_and_nothing_is_logged(denunciation, users, username):
    with pytest.raises(PermissionDenied):
        services.reveal_identity(
            actor=users[username], petition=denunciation, reason=REASON, ground=GROUND
        )
    assert not AuditEntry.objects.filter(action="reveal_identity").exists()


@pytest.mark.parametrize("reason", ["", "   ", "xem"])
def test_a_reveal_without_a_real_reason_is_refused(denunciation, users, reason):
    with pytest.raises(ValidationError):
        services.reveal_identity(
            actor=users["canbo"], petition=denunciation, reason=reason, ground=GROUND
        )
    assert not AuditEntry.objects.filter(action="reveal_identity").exists()


def test_reveal_page_needs_a_reason_and_shows_one_record(client, denunciation, users):
    client.force_login(users["canbo"])
    url = f"/portal/don/{denunciation.pk}/danh-tinh/"
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert IDENTITY["sender_name"] not in response.content.decode()
    response = client.post(url, {"reason": REASON, "ground": GROUND})
    body = response.content.decode()
    assert IDENTITY["sender_name"] in body and IDENTITY["sender_phone"] in body
    assert "no-store" in response["Cache-Control"]
    assert AuditEntry.objects.filter(action="reveal_identity").count() == 1


def test_reveal_page_is_forbidden_to_others(client, denunciation, users):
    client.force_login(users["admin"])
    response = client.post(
        f"/portal/don/{denunciation.pk}/danh-tinh/", {"reason": REASON, "ground": GROUND}
    )
    assert response.status_code == 403
    assert IDENTITY["sender_name"] not in response.content.decode()


def test_identifying_attachment_opens_only_through_a_logged_reveal(client, denunciation, users):
    att = denunciation.attachments.get()
    client.force_login(users["canbo"])
    direct = client.get(f"/portal/tep/{att.pk}/")
    assert direct.status_code == 302 and "/danh-tinh/" in direct["Location"]
    page = client.post(
        f"/portal/don/{denunciation.pk}/danh-tinh/", {"reason": REASON, "ground": GROUND}
    )
    link = page.context["attachments"][0]["token"]
    response = client.get(f"/portal/tep/{att.pk}/", {"t": link})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="reveal_attachment").count() == 1
    # The same link does not work for another user, even one who may reveal.
    client.force_login(users["truong_tt"])
    assert client.get(f"/portal/tep/{att.pk}/", {"t": link}).status_code == 403


def test_identifying_attachment_is_encrypted_on_disk(denunciation):
    att = denunciation.attachments.get()
    with open(att.file.path, "rb") as fh:
        raw = fh.read()
    assert not raw.startswith(b"%PDF") and b"noi dung" not in raw
    assert "pham" not in att.file.name.lower() and "pham" not in att.name.lower()


def test_denouncer_sees_who_has_seen_their_identity(client, denunciation, users):
    """By position and agency, with the time and the legal ground; the officer's name and
    the detailed reason stay in the handlers' log (docs/architecture.md, the portal)."""
    services.reveal_identity(
        actor=users["truong_tt"], petition=denunciation, reason=REASON, ground=GROUND
    )
    client.post("/portal/tra-cuu/", {"code": denunciation.code})
    body = client.get("/portal/ho-so/").content.decode()
    assert users["truong_tt"].title in body and users["truong_tt"].agency.name in body
    assert users["truong_tt"].full_name not in body
    assert REASON not in body


def test_verify_audit_detects_an_edited_reveal(denunciation, users):
    services.reveal_identity(
        actor=users["canbo"], petition=denunciation, reason=REASON, ground=GROUND
    )
    call_command("verify_audit")
    entry = AuditEntry.objects.get(action="reveal_identity")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditentry SET reason = %s WHERE id = %s", ["lý do khác", entry.pk]
        )
    with pytest.raises(CommandError):
        call_command("verify_audit")


def test_verify_audit_detects_a_deleted_reveal(denunciation, users):
    services.reveal_identity(
        actor=users["canbo"], petition=denunciation, reason=REASON, ground=GROUND
    )
    services.reveal_identity(
        actor=users["truong_tt"], petition=denunciation, reason=REASON, ground=GROUND
    )
    entry = AuditEntry.objects.filter(action="reveal_identity").order_by("id").first()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
    with pytest.raises(CommandError):
        call_command("verify_audit")


def test_reveal_log_entries_cannot_be_changed_through_the_orm(denunciation, users):
    from noichinh.core.models import AppendOnlyError

    services.reveal_identity(
        actor=users["canbo"], petition=denunciation, reason=REASON, ground=GROUND
    )
    entry = AuditEntry.objects.get(action="reveal_identity")
    entry.reason = "sửa"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def _classified(petition, actor):
    return petition_services.petition_classify(
        actor=actor,
        petition=petition,
        type="denunciation",
        field="land",
        meets_conditions=True,
        in_competence=False,
    )


def test_forwarding_a_denunciation_sends_the_content_without_the_identity(
    denunciation, users, agencies
):
    petition = _classified(denunciation, users["canbo"])
    petition_services.petition_forward(
        actor=users["canbo"],
        petition=petition,
        on=clock.today(),
        doc_no="12/CV-TTT",
        to_agency=agencies["CA"],
    )
    hop = petition.forwards.get()
    assert hop.content == denunciation.content
    assert hop.identity() == {}
    assert not AuditEntry.objects.filter(action="forward_identity").exists()


def test_forwarding_with_the_identity_needs_a_reason_and_is_shown_to_the_denouncer(
    client, denunciation, users, agencies
):
    petition = _classified(denunciation, users["canbo"])
    with pytest.raises(ValidationError):
        petition_services.petition_forward(
            actor=users["canbo"],
            petition=petition,
            on=clock.today(),
            doc_no="12/CV-TTT",
            to_agency=agencies["CA"],
            include_identity=True,
        )
    petition_services.petition_forward(
        actor=users["canbo"],
        petition=petition,
        on=clock.today(),
        doc_no="12/CV-TTT",
        to_agency=agencies["CA"],
        include_identity=True,
        identity_reason="Cơ quan điều tra cần lấy lời khai người tố cáo",
        identity_ground="authority",
    )
    hop = petition.forwards.get()
    assert hop.identity()["name"] == IDENTITY["sender_name"]
    log = list(selectors.reveal_log(selectors.petition_chain(denunciation)))
    assert [e.action for e in log] == ["forward_identity"]
    client.post("/portal/tra-cuu/", {"code": denunciation.code})
    body = client.get("/portal/ho-so/").content.decode()
    assert "Chuyển đơn kèm danh tính" in body and "lấy lời khai" not in body
    assert agencies["CA"].name in body  # the handling agency is now the police
