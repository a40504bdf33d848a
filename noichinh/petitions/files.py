"""Attachments of petitions received through the portal, or sealed by the handling (a
denunciation's): type and size limits, sealed storage. Here, beside the ``Attachment`` model,
so petitions' own services seal without importing the portal (``portal.files`` re-exports).

Files live under MEDIA_ROOT (outside any web root) and are served only by
``portal.views.attachment_download`` after a permission check. Every attachment is stored
encrypted (Fernet, the FIELD_ENCRYPTION_KEY keys) under a random name ending in ``.sealed``
(``noichinh.core.files``); one that identifies a denouncer also gets a neutral display
name, since a file name can name its author.
"""

import os

from django.conf import settings
from django.core.exceptions import ValidationError

from noichinh.core import audit
from noichinh.core import files as core_files
from noichinh.petitions.models import Attachment

SEALED_SUFFIX = core_files.SEALED_SUFFIX

# extension → (content type, magic prefixes; empty = text checked as UTF-8)
ALLOWED = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".doc": ("application/msword", (b"\xd0\xcf\x11\xe0",)),
    ".odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    ".txt": ("text/plain", ()),
}


def max_file_bytes() -> int:
    return int(getattr(settings, "PORTAL_MAX_FILE_BYTES", 5 * 1024 * 1024))


def max_files() -> int:
    return int(getattr(settings, "PORTAL_MAX_FILES", 5))


def allowed_label() -> str:
    return ", ".join(sorted({ext.lstrip(".").upper() for ext in ALLOWED}))


def check_uploads(uploads) -> None:
    """Raise a Vietnamese ValidationError when a file is too big, too many, or not allowed."""
    uploads = [u for u in uploads or () if u]
    errors = []
    if len(uploads) > max_files():
        errors.append(f"Chỉ được gửi tối đa {max_files()} tệp.")
    limit_mb = max_file_bytes() / (1024 * 1024)
    for upload in uploads:
        name = os.path.basename(upload.name or "")
        ext = os.path.splitext(name)[1].lower()
        if ext not in ALLOWED:
            errors.append(f"Tệp “{name}”: chỉ nhận các loại {allowed_label()}.")
            continue
        if upload.size > max_file_bytes():
            size_mb = f"{limit_mb:g}".replace(".", ",")
            errors.append(f"Tệp “{name}” lớn hơn {size_mb} MB.")
            continue
        head = upload.read(16)
        upload.seek(0)
        _, magic = ALLOWED[ext]
        if magic and not any(head.startswith(m) for m in magic):
            errors.append(f"Tệp “{name}”: nội dung không đúng loại {ext.lstrip('.').upper()}.")
        elif not magic:
            try:
                upload.read(max_file_bytes()).decode("utf-8")
            except UnicodeDecodeError:
                errors.append(f"Tệp “{name}”: tệp văn bản phải mã hóa UTF-8.")
            upload.seek(0)
    if errors:
        raise ValidationError({"files": errors})


def is_sealed(attachment: Attachment) -> bool:
    return core_files.is_sealed(attachment.file)


def attach(*, actor, petition, upload, identifying: bool, index: int = 1) -> Attachment:
    """Store ``upload`` as an attachment of ``petition`` (sealed when ``identifying``)."""
    name = os.path.basename(upload.name or "tep")
    ext = os.path.splitext(name)[1].lower()
    content_type = ALLOWED.get(ext, ("application/octet-stream", ()))[0]
    data = upload.read()
    identifying = identifying or petition.is_denunciation
    display = f"Tệp đính kèm {index}{ext}" if identifying else name[:255]
    att = Attachment(
        petition=petition,
        name=display,
        content_type=content_type,
        size=len(data),
        is_identifying=identifying,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    core_files.save(att.file, data)
    att.save()
    # Not record_create: the file field is not JSON (and the stored name says nothing).
    audit.record(
        actor=actor,
        action="create",
        obj=att,
        changes={
            "petition": [None, petition.pk],
            "name": [None, att.name],
            "size": [None, att.size],
            "is_identifying": [None, att.is_identifying],
        },
    )
    return att


def read(attachment: Attachment) -> bytes:
    """The attachment's bytes, decrypted (check permission first)."""
    return core_files.read(attachment.file)


def rotate_file(attachment: Attachment) -> bool:
    """Re-encrypt a sealed attachment with the first key (atomic replace on disk)."""
    return core_files.rotate(attachment.file)


def check_file(attachment: Attachment) -> None:
    """Raise when a sealed attachment cannot be decrypted with the configured keys."""
    core_files.check(attachment.file)
