"""Every attachment is encrypted at rest under a random name (issue 15 §8).

Petitions' attachments (complaints' too), files sent through the portal and task progress
files: the bytes on disk are a Fernet token, the stored name is random, the original name is
in the database, and a download gives back the original bytes and name.
"""

import datetime as dt
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings

from noichinh.core import files as core_files
from noichinh.petitions import services
from noichinh.petitions.models import Attachment
from tests.petitions.factories import make_petition

pytestmark = pytest.mark.django_db

BODY = b"%PDF-1.4\nQuyet dinh thu hoi dat so 12 - noi dung that"
NAME = "quyết định thu hồi đất của ông An.pdf"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def _on_disk(field_file) -> bytes:
    with open(field_file.path, "rb") as fh:
        return fh.read()


def _assert_sealed(field_file):
    assert field_file.name.endswith(".sealed")
    assert "quy" not in field_file.name.lower() and "an.pdf" not in field_file.name
    raw = _on_disk(field_file)
    assert BODY not in raw and b"Quyet dinh" not in raw


def test_a_complaints_attachment_is_encrypted_and_downloads_as_sent(client, users, agencies):
    petition = make_petition(users["canbo"], agencies["TTT"], received_on=dt.date(2026, 5, 4))
    att = services.attachment_add(
        actor=users["canbo"],
        petition=petition,
        upload=SimpleUploadedFile(NAME, BODY, content_type="application/pdf"),
    )
    att.refresh_from_db()
    _assert_sealed(att.file)
    assert att.name == NAME and att.size == len(BODY)
    client.force_login(users["canbo"])
    r = client.get(f"/petitions/attachments/{att.pk}/")
    assert r.status_code == 200
    assert b"".join(r.streaming_content) == BODY
    assert quote(NAME) in r["Content-Disposition"]


def test_a_complaint_sent_through_the_portal_keeps_its_file_encrypted(client, users, agencies):
    from noichinh.portal import services as portal_services

    petition, _code = portal_services.portal_submit(
        agency=agencies["TTT"],
        type="complaint",
        content="Khiếu nại quyết định thu hồi đất",
        sender_name="Lê Văn Công Khai",
        sender_address="Thôn Đông",
        files=[SimpleUploadedFile(NAME, BODY, content_type="application/pdf")],
    )
    att = petition.attachments.get()
    _assert_sealed(att.file)
    assert att.name == NAME and not att.is_identifying
    client.force_login(users["truong_tt"])
    r = client.get(f"/petitions/attachments/{att.pk}/")
    assert r.status_code == 200 and b"".join(r.streaming_content) == BODY


def test_a_task_progress_file_is_encrypted_and_downloads_as_sent(client, org, users, agencies):
    from noichinh.briefings import services as briefing_services

    conference = briefing_services.conference_create(
        actor=users["thuky"],
        blocs=[org["blocs"]["NOI_CHINH"]],
        period_code="2022-Q3",
        date=dt.date(2022, 10, 10),
        chair_name="Phạm Minh Đức",
        chair_titles="Phó Bí thư",
        attendee_agencies=[agencies["CA"]],
    )
    task = briefing_services.task_create(
        actor=users["thuky"],
        conference=conference,
        text="Kiểm tra đất đai",
        lead_agency=agencies["CA"],
        coordinators=[],
        deadline=dt.date(2022, 12, 31),
        is_regular=False,
    )
    update = briefing_services.task_report_progress(
        actor=users["canbo_ca"],
        task=task,
        note="Đã kiểm tra",
        attachment=SimpleUploadedFile(NAME, BODY, content_type="application/pdf"),
    )
    update.refresh_from_db()
    _assert_sealed(update.attachment)
    assert update.attachment_name == NAME
    client.force_login(users["canbo_ca"])
    r = client.get(f"/briefings/tasks/files/{update.pk}/")
    assert r.status_code == 200 and b"".join(r.streaming_content) == BODY
    assert quote(NAME) in r["Content-Disposition"]

    # Key rotation re-encrypts task files too: readable with the new key alone.
    import io

    from cryptography.fernet import Fernet
    from django.conf import settings

    new = Fernet.generate_key().decode()
    before = _on_disk(update.attachment)
    with override_settings(FIELD_ENCRYPTION_KEY=f"{new},{settings.FIELD_ENCRYPTION_KEY}"):
        call_command("rotate_field_key", stdout=io.StringIO())
    assert _on_disk(update.attachment) != before
    with override_settings(FIELD_ENCRYPTION_KEY=new):
        r = client.get(f"/briefings/tasks/files/{update.pk}/")
        assert b"".join(r.streaming_content) == BODY


def test_seal_attachments_encrypts_files_stored_in_plain_before(client, users, agencies):
    petition = make_petition(users["canbo"], agencies["TTT"], received_on=dt.date(2026, 5, 4))
    legacy = Attachment(petition=petition, name=NAME, size=len(BODY))
    legacy.file.save(NAME, ContentFile(BODY), save=False)
    legacy.save()
    plain_path = legacy.file.path
    assert _on_disk(legacy.file) == BODY
    client.force_login(users["canbo"])
    r = client.get(f"/petitions/attachments/{legacy.pk}/")
    assert b"".join(r.streaming_content) == BODY  # a plain file is still served before

    call_command("seal_attachments", stdout=open("/dev/null", "w"))  # noqa: SIM115
    legacy.refresh_from_db()
    _assert_sealed(legacy.file)
    assert legacy.name == NAME
    import os

    assert not os.path.exists(plain_path)
    r = client.get(f"/petitions/attachments/{legacy.pk}/")
    assert b"".join(r.streaming_content) == BODY
    sealed_name = legacy.file.name
    call_command("seal_attachments", stdout=open("/dev/null", "w"))  # noqa: SIM115
    legacy.refresh_from_db()
    assert legacy.file.name == sealed_name  # idempotent
    assert core_files.read(legacy.file) == BODY
