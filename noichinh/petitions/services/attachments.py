"""Files attached to a petition; a denunciation's are sealed at rest."""

from django.db import transaction

from noichinh.core import audit
from noichinh.core import files as core_files
from noichinh.petitions import permissions
from noichinh.petitions.models import (
    Attachment,
)


@transaction.atomic
def attachment_add(
    *, actor, petition, upload, is_identifying=False, check_permission=True
) -> Attachment:
    if check_permission:
        permissions.require_handle_petition(actor, petition)
    if is_identifying or petition.is_denunciation:
        # Sealed at rest under a neutral name, opened only by the logged reveal (portal area).
        from noichinh.petitions import files as sealed_files

        return sealed_files.attach(
            actor=actor,
            petition=petition,
            upload=upload,
            identifying=True,
            index=petition.attachments.count() + 1,
        )
    att = Attachment(
        petition=petition,
        name=upload.name[:255],
        content_type=getattr(upload, "content_type", "") or "",
        size=upload.size or 0,
        is_identifying=is_identifying or petition.is_denunciation,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    core_files.save(att.file, upload.read())
    att.save()
    audit.record_create(actor=actor, obj=att)
    return att
