"""The sealed attachments live with their model in ``noichinh.petitions.files`` (petitions'
own handling seals a denunciation's attachments too); the portal reads them from here."""

from noichinh.petitions.files import (  # noqa: F401
    ALLOWED,
    SEALED_SUFFIX,
    allowed_label,
    attach,
    check_file,
    check_uploads,
    is_sealed,
    max_file_bytes,
    max_files,
    read,
    rotate_file,
)
