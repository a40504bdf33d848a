"""A conclusion notice signed digitally (PAdES) by the signer named on it; the signed copy is
kept with its SHA-256, verifies, and only the secretariat signs (issue 20 §3)."""

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from noichinh.briefings import services
from noichinh.core import pdfsign
from noichinh.core.models import AuditEntry, SignedPdf
from tests.signing_ca import PASSPHRASE, make_ca

SIGNER = "Trịnh Văn Thành"


@pytest.fixture(scope="module")
def ca():
    return make_ca()


@pytest.fixture
def notice(ca, conference, users, settings, tmp_path):
    root = tmp_path / "root.pem"
    root.write_bytes(ca.pem)
    settings.SIGNING_TRUST_ROOTS = [str(root)]
    return services.notice_save(
        actor=users["thuky"],
        conference=conference,
        issued_on=dt.date(2022, 10, 14),
        number="45-TB/TU",
        place="Tỉnh thử nghiệm",
        title="Kết luận hội nghị giao ban",
        body="Các cơ quan nắm chắc tình hình.",
        recipients="Lưu VPTU",
        signer_on_behalf="T/L BAN THƯỜNG VỤ",
        signer_title="CHÁNH VĂN PHÒNG",
        signer_name=SIGNER,
    )


def test_secretariat_signs_the_notice_and_the_page_shows_it_valid(
    ca, notice, conference, client, users
):
    client.force_login(users["thuky"])
    page = client.post(
        f"/briefings/{conference.pk}/notice/signed/",
        {
            "key_source": "upload",
            "pkcs12": SimpleUploadedFile("k.p12", ca.pkcs12(SIGNER)),
            "passphrase": PASSPHRASE,
        },
        follow=True,
    )
    text = page.content.decode()
    assert "Chữ ký số hợp lệ" in text and SIGNER in text
    copy = SignedPdf.objects.get(kind=SignedPdf.CONCLUSION_NOTICE, object_id=str(notice.pk))
    download = client.get(f"/briefings/{conference.pk}/notice/signed/{copy.pk}.pdf")
    assert hashlib.sha256(download.content).hexdigest() == copy.sha256
    check = pdfsign.verify(download.content)
    assert check.valid and check.signatures[0].signer_name == SIGNER
    assert AuditEntry.objects.filter(action="sign", object_id=str(copy.pk)).exists()
    # the notice itself is unchanged: its DOCX still downloads
    assert client.get(f"/briefings/{conference.pk}/notice.docx").status_code == 200


def test_notice_signed_with_another_name_is_refused(ca, notice, conference, users):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="không phải của người ký"):
        services.notice_sign(
            actor=users["thuky"],
            conference=conference,
            key=pdfsign.KeySource(pkcs12=ca.pkcs12("Người Khác"), passphrase=PASSPHRASE),
        )
    assert not SignedPdf.objects.exists()


@pytest.mark.parametrize("username", ["canbo", "lanhdao"])
def test_who_does_not_keep_the_conferences_cannot_sign_the_notice(
    ca, notice, conference, client, users, username
):
    key = pdfsign.KeySource(pkcs12=ca.pkcs12(SIGNER), passphrase=PASSPHRASE)
    with pytest.raises(PermissionDenied):
        services.notice_sign(actor=users[username], conference=conference, key=key)
    client.force_login(users[username])
    response = client.post(
        f"/briefings/{conference.pk}/notice/signed/",
        {"key_source": "upload", "pkcs12": SimpleUploadedFile("k.p12", ca.pkcs12(SIGNER))},
    )
    assert response.status_code in {403, 404}
    assert not SignedPdf.objects.exists()
