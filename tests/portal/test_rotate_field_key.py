"""`manage.py rotate_field_key`: every sealed value and file stays readable with the new key."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError

from noichinh.core import clock
from noichinh.petitions import services as petition_services
from noichinh.petitions.models import Petition, Visit
from noichinh.portal import files as portal_files
from noichinh.portal import services
from tests.portal.conftest import IDENTITY

pytestmark = pytest.mark.django_db


@pytest.fixture
def sealed_records(denunciation, users, agencies):
    visit = petition_services.visit_create(
        actor=users["canbo"],
        agency=agencies["TTT"],
        visited_on=clock.today(),
        content="Công dân đến tố cáo",
        petition_type="denunciation",
        visitor_name="Người Tố Cáo Trực Tiếp",
        visitor_id_number="001",
    )
    req = services.protection_request_create(
        actor=None,
        petition=denunciation,
        measures=["life"],
        grounds="Bị đe dọa",
        people="Con trai: Phạm Văn Nhỏ",
    )
    return denunciation, visit, req


def _readable(denunciation, visit, req):
    assert Petition.objects.get(pk=denunciation.pk).identity()["name"] == IDENTITY["sender_name"]
    assert Visit.objects.get(pk=visit.pk).identity()["name"] == "Người Tố Cáo Trực Tiếp"
    assert req.__class__.objects.get(pk=req.pk).people() == "Con trai: Phạm Văn Nhỏ"
    assert portal_files.read(denunciation.attachments.get()).startswith(b"%PDF")


def test_rotation_with_two_keys_keeps_every_record_readable(sealed_records, settings):
    old = settings.FIELD_ENCRYPTION_KEY
    new = Fernet.generate_key().decode()
    before = Petition.objects.get(pk=sealed_records[0].pk).sealed_identity
    settings.FIELD_ENCRYPTION_KEY = f"{new},{old}"
    out = io.StringIO()
    call_command("rotate_field_key", stdout=out)
    assert "petitions.Petition.sealed_identity: 1" in out.getvalue()
    assert "portal.ProtectionRequest.sealed_people: 1" in out.getvalue()
    assert "1 tệp" in out.getvalue()
    assert Petition.objects.get(pk=sealed_records[0].pk).sealed_identity != before
    settings.FIELD_ENCRYPTION_KEY = new  # the old key is gone
    _readable(*sealed_records)


def test_without_the_old_key_rotation_changes_nothing(sealed_records, settings):
    old = settings.FIELD_ENCRYPTION_KEY
    before = Petition.objects.get(pk=sealed_records[0].pk).sealed_identity
    settings.FIELD_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(CommandError, match="không thay đổi"):
        call_command("rotate_field_key", stdout=io.StringIO())
    assert Petition.objects.get(pk=sealed_records[0].pk).sealed_identity == before
    settings.FIELD_ENCRYPTION_KEY = old
    _readable(*sealed_records)
