"""PAdES signatures on the PDFs the system issues (pyHanko), and their verification.

A key comes from a PKCS#12 file (uploaded for one signing, or the file named by
SIGNING_PKCS12_FILE with its passphrase) or from a PKCS#11 token (SIGNING_PKCS11_LIB, the
token's label, the PIN typed for each signing). Verification trusts only the roots named by
SIGNING_TRUST_ROOTS (PEM or DER files): a signature by anyone else is reported as not trusted.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.core.exceptions import ValidationError

from noichinh.core.text import fold

# Vietnamese messages only: these are shown to officers.
BAD_KEY = "Không đọc được khóa ký: tệp PKCS#12 hoặc mật khẩu không đúng."
NO_KEY = "Chưa có khóa ký: tải lên tệp PKCS#12 hoặc cấu hình khóa ký trên máy chủ."
TOKEN_FAILED = "Không mở được thiết bị ký số (token): kiểm tra thiết bị và mã PIN."  # noqa: S105


@dataclasses.dataclass(frozen=True)
class SignatureCheck:
    """What a reader of one signature needs to know."""

    signer_name: str
    subject: str
    signed_at: dt.datetime | None
    intact: bool  # the signed bytes are unchanged
    trusted: bool  # the certificate chains to a configured trust root
    covers_whole_file: bool  # nothing was added after the signature
    problem: str = ""

    @property
    def valid(self) -> bool:
        return self.intact and self.trusted and self.covers_whole_file


@dataclasses.dataclass(frozen=True)
class Verification:
    signatures: list[SignatureCheck]
    problem: str = ""

    @property
    def valid(self) -> bool:
        return bool(self.signatures) and all(s.valid for s in self.signatures)


def common_name(cert: asn1_x509.Certificate) -> str:
    return cert.subject.native.get("common_name", "") or ""


def names_match(cert_name: str, signer_name: str) -> bool:
    """The certificate is the named signer's: same name, marks and case aside."""
    return bool(signer_name.strip()) and fold(cert_name) == fold(signer_name)


# -- keys --------------------------------------------------------------------------------------


def signer_from_pkcs12(data: bytes, passphrase: str):
    from pyhanko.sign import signers

    try:
        signer = signers.SimpleSigner.load_pkcs12_data(
            data, other_certs=(), passphrase=passphrase.encode() if passphrase else None
        )
    except Exception as exc:  # pyHanko raises several types for a wrong file or password
        raise ValidationError(BAD_KEY) from exc
    if signer is None or signer.signing_cert is None:
        raise ValidationError(BAD_KEY)
    return signer


def configured_pkcs12_signer():
    """The server's PKCS#12 key (SIGNING_PKCS12_FILE), or None when none is configured."""
    path = getattr(settings, "SIGNING_PKCS12_FILE", "")
    if not path:
        return None
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ValidationError(BAD_KEY) from exc
    return signer_from_pkcs12(data, getattr(settings, "SIGNING_PKCS12_PASSPHRASE", ""))


def pkcs11_configured() -> bool:
    return bool(getattr(settings, "SIGNING_PKCS11_LIB", ""))


def open_pkcs11_signer(pin: str):
    """A signer on the configured PKCS#11 token, and the session to close after signing."""
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign import pkcs11

    try:
        session = pkcs11.open_pkcs11_session(
            settings.SIGNING_PKCS11_LIB,
            token_criteria=TokenCriteria(label=settings.SIGNING_PKCS11_TOKEN_LABEL or None),
            user_pin=pin,
        )
    except Exception as exc:  # python-pkcs11 errors: wrong PIN, no token, no library
        raise ValidationError(TOKEN_FAILED) from exc
    try:
        signer = pkcs11.PKCS11Signer(
            session,
            key_label=settings.SIGNING_PKCS11_KEY_LABEL or None,
            cert_label=settings.SIGNING_PKCS11_CERT_LABEL or settings.SIGNING_PKCS11_KEY_LABEL,
        )
        signer.signing_cert  # noqa: B018 (reads the certificate now: fails here, not later)
    except Exception as exc:
        session.close()
        raise ValidationError(TOKEN_FAILED) from exc
    return signer, session


@dataclasses.dataclass(frozen=True)
class KeySource:
    """Where the key of one signing comes from: an uploaded PKCS#12 file with its passphrase,
    the server's PKCS#12 file (``server=True``), or the server's PKCS#11 token (``pin``)."""

    pkcs12: bytes | None = None
    passphrase: str = ""
    server: bool = False
    pin: str | None = None


@contextlib.contextmanager
def signer_for(source: KeySource):
    if source.pkcs12:
        yield signer_from_pkcs12(source.pkcs12, source.passphrase)
    elif source.pin is not None and pkcs11_configured():
        signer, session = open_pkcs11_signer(source.pin)
        try:
            yield signer
        finally:
            session.close()
    elif source.server and (signer := configured_pkcs12_signer()) is not None:
        yield signer
    else:
        raise ValidationError(NO_KEY)


# -- signing -----------------------------------------------------------------------------------


def sign(pdf: bytes, signer, *, reason: str, location: str, field_name: str = "ChuKySo") -> bytes:
    """The PDF with one more PAdES signature (an incremental update: the original bytes are
    the signed file's prefix)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    existing = {name for name, *_ in fields.enumerate_sig_fields(writer)}
    name, n = field_name, 1
    while name in existing:
        n += 1
        name = f"{field_name}{n}"
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        reason=reason,
        location=location,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    out = signers.PdfSigner(meta, signer=signer).sign_pdf(writer)
    return out.getvalue()


# -- verification ------------------------------------------------------------------------------


def trust_roots() -> list[asn1_x509.Certificate]:
    roots = []
    for path in getattr(settings, "SIGNING_TRUST_ROOTS", []):
        data = Path(path).read_bytes()
        if pem.detect(data):
            roots += [asn1_x509.Certificate.load(der) for _, _, der in pem.unarmor(data, True)]
        else:
            roots.append(asn1_x509.Certificate.load(data))
    return roots


def _nothing_but_signatures_after(status) -> bool:
    """The signature covers the whole file, or what was added after it is only further
    signatures (a document signed twice), never a change to its content."""
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return False
    level = getattr(status.diff_result, "modification_level", None)
    return bool(status.docmdp_ok) and level is not None and level <= ModificationLevel.FORM_FILLING


def verify(pdf: bytes) -> Verification:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception:  # not a PDF, or too damaged to read
        return Verification([], "Tệp không phải PDF hoặc bị hỏng, không đọc được.")
    if not embedded:
        return Verification([], "Tệp PDF không có chữ ký số.")
    roots = trust_roots()
    checks = []
    for sig in embedded:
        cert = sig.signer_cert
        try:
            context = ValidationContext(trust_roots=roots, allow_fetching=False)
            status = validate_pdf_signature(sig, context)
        except Exception:  # a structurally broken signature
            checks.append(
                SignatureCheck(
                    common_name(cert) if cert else "",
                    cert.subject.human_friendly if cert else "",
                    None,
                    False,
                    False,
                    False,
                    "Chữ ký bị hỏng, không kiểm tra được.",
                )
            )
            continue
        intact = bool(status.intact and status.valid)
        whole = _nothing_but_signatures_after(status)
        problem = ""
        if not intact:
            problem = "Nội dung đã bị sửa sau khi ký."
        elif not status.trusted:
            problem = "Chứng thư số không do tổ chức được tin cậy cấp."
        elif not whole:
            problem = "Tệp có phần được thêm sau chữ ký."
        checks.append(
            SignatureCheck(
                signer_name=common_name(cert),
                subject=cert.subject.human_friendly,
                signed_at=status.signer_reported_dt,
                intact=intact,
                trusted=bool(status.trusted),
                covers_whole_file=whole,
                problem=problem,
            )
        )
    return Verification(checks)
