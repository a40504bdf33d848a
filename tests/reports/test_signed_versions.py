"""Issued reports signed digitally (PAdES): the signed copy is stored beside the issued
version, which stays byte for byte as issued; the page says whether a signature is valid and
whose it is; a modified file does not verify; only who may issue the report signs it."""

import datetime as dt
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from noichinh.core import pdfsign
from noichinh.core.models import AuditEntry, SignedPdf
from noichinh.reports import services
from noichinh.reports.models import Period, ReportVersion
from tests.signing_ca import PASSPHRASE, make_ca

SIGNER = "Nguyễn Văn An"


@pytest.fixture(scope="module")
def ca():
    return make_ca()


@pytest.fixture
def trusted(ca, settings, tmp_path):
    path = tmp_path / "root.pem"
    path.write_bytes(ca.pem)
    settings.SIGNING_TRUST_ROOTS = [str(path)]
    return ca


@pytest.fixture(scope="module")
def signer_p12(ca):
    return ca.pkcs12(SIGNER)


@pytest.fixture
def issued(demo_reports, users, django_capture_on_commit_callbacks):
    q2 = Period.objects.get(kind="Q", year=2022, number=2)
    with django_capture_on_commit_callbacks(execute=True):
        doc = services.report_issue(
            actor=users["thuky"],
            period=q2,
            blocs=list(q2.blocs.all()),
            number="125-BC/BNCTU",
            place="Tỉnh thử nghiệm",
            issued_on=dt.date(2022, 7, 8),
            summary="Báo cáo quý II",
            signer_title="Phó Trưởng Ban",
            signer_name=SIGNER,
        )
    return doc


def _sign_by_form(client, doc, p12, passphrase=PASSPHRASE):
    return client.post(
        f"/reports/documents/{doc.pk}/sign/",
        {
            "key_source": "upload",
            "pkcs12": SimpleUploadedFile("khoa.p12", p12),
            "passphrase": passphrase,
        },
        follow=True,
    )


def test_secretariat_signs_issued_version_and_page_shows_valid_signature_by_signer(
    trusted, signer_p12, issued, client, users
):
    version = ReportVersion.objects.get(document=issued)
    issued_pdf, issued_sha = bytes(version.pdf), version.pdf_sha256
    client.force_login(users["thuky"])

    page = _sign_by_form(client, issued, signer_p12)

    assert page.status_code == 200
    text = page.content.decode()
    assert "Chữ ký số hợp lệ" in text
    assert SIGNER in text
    copy = SignedPdf.objects.get(kind=SignedPdf.REPORT_VERSION, object_id=str(version.pk))
    signed = bytes(copy.pdf)
    assert copy.sha256 == hashlib.sha256(signed).hexdigest()
    assert copy.source_sha256 == issued_sha
    assert signed.startswith(issued_pdf)  # an incremental update: the issued bytes untouched
    # the issued version is as it was, and downloads the same bytes
    again = client.get(f"/reports/documents/{issued.pk}/file.pdf")
    assert again.content == issued_pdf
    assert ReportVersion.objects.get(pk=version.pk).pdf_sha256 == issued_sha
    download = client.get(f"/reports/documents/{issued.pk}/signed/{copy.pk}.pdf")
    assert download.content == signed
    assert download["X-Content-SHA256"] == copy.sha256
    check = pdfsign.verify(download.content)
    assert check.valid and [s.signer_name for s in check.signatures] == [SIGNER]
    entry = AuditEntry.objects.filter(action="sign").order_by("-seq").first()
    assert entry.actor == users["thuky"]
    assert entry.changes["sha256"] == [None, copy.sha256]


def test_modified_signed_pdf_does_not_verify_on_the_check_page(
    trusted, signer_p12, issued, client, users
):
    version = ReportVersion.objects.get(document=issued)
    copy = services.report_version_sign(
        actor=users["thuky"],
        version=version,
        key=pdfsign.KeySource(pkcs12=signer_p12, passphrase=PASSPHRASE),
    )
    signed = bytes(copy.pdf)
    # change one figure's digit inside the signed bytes
    at = signed.index(b"stream\n") + 20
    modified = signed[:at] + bytes([signed[at] ^ 0x01]) + signed[at + 1 :]
    client.force_login(users["lanhdao"])

    good = client.post(
        "/core/signatures/verify/", {"pdf": SimpleUploadedFile("bc.pdf", signed)}
    ).content.decode()
    bad = client.post(
        "/core/signatures/verify/", {"pdf": SimpleUploadedFile("bc.pdf", modified)}
    ).content.decode()

    assert "Chữ ký số hợp lệ" in good and SIGNER in good
    assert "Chữ ký số không hợp lệ" in bad
    assert "Nội dung đã bị sửa sau khi ký" in bad
    assert not pdfsign.verify(modified).valid


def test_signature_under_an_untrusted_authority_is_shown_not_trusted(
    trusted, issued, client, users
):
    stranger = make_ca("CA không được tin cậy")
    version = ReportVersion.objects.get(document=issued)
    copy = services.report_version_sign(
        actor=users["thuky"],
        version=version,
        key=pdfsign.KeySource(pkcs12=stranger.pkcs12(SIGNER), passphrase=PASSPHRASE),
    )
    check = pdfsign.verify(bytes(copy.pdf))
    assert not check.valid
    assert check.signatures[0].intact and not check.signatures[0].trusted
    client.force_login(users["thuky"])
    page = client.get(f"/reports/documents/{issued.pk}/").content.decode()
    assert "Chứng thư số không do tổ chức được tin cậy cấp" in page


def test_unsigned_and_non_pdf_files_are_told_apart(trusted, client, users):
    client.force_login(users["canbo"])
    plain = client.post(
        "/core/signatures/verify/", {"pdf": SimpleUploadedFile("a.pdf", b"%PDF-1.4 not really")}
    ).content.decode()
    assert "không đọc được" in plain or "không có chữ ký số" in plain
    empty = client.post("/core/signatures/verify/", {}).content.decode()
    assert "Chọn tệp PDF cần kiểm tra" in empty


def test_verify_page_needs_a_login(client):
    response = client.get("/core/signatures/verify/")
    assert response.status_code == 302 and "/login" in response["Location"]


def test_certificate_of_someone_else_is_refused_and_nothing_is_stored(
    trusted, ca, issued, client, users
):
    client.force_login(users["thuky"])
    page = _sign_by_form(client, issued, ca.pkcs12("Trần Văn Khác"))
    text = page.content.decode()
    assert "không phải của người ký ghi trên văn bản" in text
    assert not SignedPdf.objects.exists()


def test_wrong_passphrase_gives_a_clear_message_and_nothing_is_stored(
    trusted, signer_p12, issued, client, users
):
    client.force_login(users["thuky"])
    page = _sign_by_form(client, issued, signer_p12, passphrase="sai")
    assert "tệp PKCS#12 hoặc mật khẩu không đúng" in page.content.decode()
    assert not SignedPdf.objects.exists()
    missing = client.post(
        f"/reports/documents/{issued.pk}/sign/", {"key_source": "upload"}, follow=True
    )
    assert "Chọn tệp khóa ký PKCS#12" in missing.content.decode()
    assert not SignedPdf.objects.exists()


@pytest.mark.parametrize("username", ["lanhdao", "canbo_dv", "truongdonvi"])
def test_who_may_not_issue_the_report_may_not_sign_it(
    trusted, signer_p12, issued, client, users, username
):
    version = ReportVersion.objects.get(document=issued)
    key = pdfsign.KeySource(pkcs12=signer_p12, passphrase=PASSPHRASE)
    with pytest.raises(PermissionDenied):
        services.report_version_sign(actor=users[username], version=version, key=key)
    client.force_login(users[username])
    response = client.post(
        f"/reports/documents/{issued.pk}/sign/",
        {
            "key_source": "upload",
            "pkcs12": SimpleUploadedFile("k.p12", signer_p12),
            "passphrase": PASSPHRASE,
        },
    )
    assert response.status_code == 403
    assert not SignedPdf.objects.exists()


def test_sign_form_is_shown_only_to_who_may_sign(trusted, issued, client, users):
    client.force_login(users["thuky"])
    assert (
        'data-testid="sign-form"' in client.get(f"/reports/documents/{issued.pk}/").content.decode()
    )
    client.force_login(users["lanhdao"])
    page = client.get(f"/reports/documents/{issued.pk}/")
    assert page.status_code == 200
    assert 'data-testid="sign-form"' not in page.content.decode()


def test_signed_copy_is_not_served_to_who_may_not_see_the_report(
    trusted, signer_p12, issued, client, users
):
    version = ReportVersion.objects.get(document=issued)
    copy = services.report_version_sign(
        actor=users["thuky"],
        version=version,
        key=pdfsign.KeySource(pkcs12=signer_p12, passphrase=PASSPHRASE),
    )
    client.force_login(users["canbo_dv"])
    assert client.get(f"/reports/documents/{issued.pk}/signed/{copy.pk}.pdf").status_code in {
        403,
        404,
    }
    client.force_login(users["lanhdao"])
    assert client.get(f"/reports/documents/{issued.pk}/signed/{copy.pk}.pdf").status_code == 200


def test_server_key_signs_when_configured(trusted, signer_p12, issued, settings, tmp_path, users):
    path = tmp_path / "co-quan.p12"
    path.write_bytes(signer_p12)
    settings.SIGNING_PKCS12_FILE = str(path)
    settings.SIGNING_PKCS12_PASSPHRASE = PASSPHRASE
    version = ReportVersion.objects.get(document=issued)
    copy = services.report_version_sign(
        actor=users["thuky"], version=version, key=pdfsign.KeySource(server=True)
    )
    assert pdfsign.verify(bytes(copy.pdf)).valid
    settings.SIGNING_PKCS12_FILE = ""
    with pytest.raises(ValidationError):
        services.report_version_sign(
            actor=users["thuky"], version=version, key=pdfsign.KeySource(server=True)
        )


def test_signed_copy_cannot_be_changed_or_deleted(trusted, signer_p12, issued, users):
    from noichinh.core.models import AppendOnlyError

    copy = services.report_version_sign(
        actor=users["thuky"],
        version=ReportVersion.objects.get(document=issued),
        key=pdfsign.KeySource(pkcs12=signer_p12, passphrase=PASSPHRASE),
    )
    with pytest.raises(AppendOnlyError):
        copy.save()
    with pytest.raises(AppendOnlyError):
        copy.delete()


SOFTHSM = Path("/usr/lib/softhsm/libsofthsm2.so")


def _softhsm_missing() -> str:
    if not SOFTHSM.exists() or not shutil.which("softhsm2-util"):
        return "SoftHSM2 absent (Debian package softhsm2): the PKCS#11 token path is not tested"
    try:
        import pkcs11  # noqa: F401
    except ImportError:
        return "python-pkcs11 not installed: pyHanko's PKCS#11 support needs it"
    return ""


@pytest.fixture
def token(ca, tmp_path, monkeypatch, settings):
    """A SoftHSM2 token holding the signer's key and certificate, like an official's USB
    token, its library configured as the server's PKCS#11 signer."""
    import pkcs11
    from cryptography.hazmat.primitives import serialization
    from pkcs11 import Attribute, CertificateType, ObjectClass

    conf = tmp_path / "softhsm2.conf"
    (tmp_path / "tokens").mkdir()
    conf.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    util = ["softhsm2-util"]
    subprocess.run(
        [
            *util,
            "--init-token",
            "--free",
            "--label",
            "noichinh",
            "--pin",
            "123456",
            "--so-pin",
            "654321",
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "SOFTHSM2_CONF": str(conf)},
    )
    key, cert = ca.issue(SIGNER)
    pem = tmp_path / "key.pem"
    pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    subprocess.run(
        [
            *util,
            "--import",
            str(pem),
            "--token",
            "noichinh",
            "--label",
            "chu-ky",
            "--id",
            "01",
            "--pin",
            "123456",
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "SOFTHSM2_CONF": str(conf)},
    )
    pem.unlink()
    lib = pkcs11.lib(str(SOFTHSM))
    with lib.get_token(token_label="noichinh").open(rw=True, user_pin="123456") as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: "chu-ky",
                Attribute.ID: b"\x01",
                Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
                Attribute.SUBJECT: cert.subject.public_bytes(),
            }
        )
    settings.SIGNING_PKCS11_LIB = str(SOFTHSM)
    settings.SIGNING_PKCS11_TOKEN_LABEL = "noichinh"
    settings.SIGNING_PKCS11_KEY_LABEL = "chu-ky"
    settings.SIGNING_PKCS11_CERT_LABEL = "chu-ky"
    return "123456"


@pytest.mark.skipif(bool(_softhsm_missing()), reason=_softhsm_missing() or "-")
def test_signs_with_the_key_on_a_pkcs11_token(trusted, token, issued, client, users):
    version = ReportVersion.objects.get(document=issued)
    client.force_login(users["thuky"])
    page = client.get(f"/reports/documents/{issued.pk}/").content.decode()
    assert "Thiết bị ký số (token)" in page
    wrong = client.post(
        f"/reports/documents/{issued.pk}/sign/",
        {"key_source": "token", "pin": "000000"},
        follow=True,
    )
    assert "Không mở được thiết bị ký số" in wrong.content.decode()
    assert not SignedPdf.objects.exists()
    client.post(f"/reports/documents/{issued.pk}/sign/", {"key_source": "token", "pin": token})
    copy = SignedPdf.objects.get(kind=SignedPdf.REPORT_VERSION, object_id=str(version.pk))
    check = pdfsign.verify(bytes(copy.pdf))
    assert check.valid and check.signatures[0].signer_name == SIGNER
