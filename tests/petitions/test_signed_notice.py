"""A petition's acceptance notice signed digitally by the head of the agency handling it
(issue 20 §3): valid, kept with its SHA-256; nobody else signs it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from noichinh.core import pdfsign
from noichinh.core.models import SignedPdf
from noichinh.petitions import services
from tests.petitions.factories import accepted_complaint
from tests.signing_ca import PASSPHRASE, make_ca


@pytest.fixture(scope="module")
def ca():
    return make_ca()


@pytest.fixture
def petition(ca, users, agencies, settings, tmp_path):
    root = tmp_path / "root.pem"
    root.write_bytes(ca.pem)
    settings.SIGNING_TRUST_ROOTS = [str(root)]
    return accepted_complaint(
        users["canbo"],
        agencies["TTT"],
        received_on=dt.date(2025, 1, 20),
        decided_on=dt.date(2025, 1, 24),
    )


def test_head_of_the_agency_signs_the_acceptance_notice(ca, petition, client, users):
    head = users["truong_tt"]
    client.force_login(head)
    url = f"/petitions/{petition.pk}/document/accept/signed/"
    page = client.post(
        url,
        {
            "key_source": "upload",
            "pkcs12": SimpleUploadedFile("k.p12", ca.pkcs12(head.full_name)),
            "passphrase": PASSPHRASE,
        },
        follow=True,
    )
    text = page.content.decode()
    assert "Chữ ký số hợp lệ" in text and head.full_name in text
    copy = SignedPdf.objects.get(kind=SignedPdf.PETITION_NOTICE, object_id=str(petition.pk))
    assert copy.variant == "accept"
    download = client.get(f"/petitions/{petition.pk}/document/accept/signed/{copy.pk}.pdf")
    assert download.status_code == 200
    assert pdfsign.verify(download.content).valid
    # another kind's address does not serve this copy
    other = f"/petitions/{petition.pk}/document/guide/signed/{copy.pk}.pdf"
    assert client.get(other).status_code == 404


@pytest.mark.parametrize("username", ["canbo", "truongdonvi", "lanhdao"])
def test_only_the_head_of_the_handling_agency_signs(ca, petition, users, username):
    user = users[username]
    key = pdfsign.KeySource(pkcs12=ca.pkcs12(user.full_name), passphrase=PASSPHRASE)
    with pytest.raises(PermissionDenied):
        services.petition_notice_sign(actor=user, petition=petition, kind="accept", key=key)
    assert not SignedPdf.objects.exists()


def test_officer_sees_the_page_without_the_sign_form(petition, client, users):
    client.force_login(users["canbo"])
    page = client.get(f"/petitions/{petition.pk}/document/accept/signed/")
    assert page.status_code == 200
    assert 'data-testid="sign-form"' not in page.content.decode()
    refused = client.post(f"/petitions/{petition.pk}/document/accept/signed/", {})
    assert refused.status_code == 403
