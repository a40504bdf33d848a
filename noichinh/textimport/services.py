"""Import from text: propose a draft (stores nothing), then confirm it (creates the records).

The records themselves (conference, figures, tasks, awards) are created by
``noichinh.briefings.services.conference_create_from_draft`` in one transaction, with its
audit entry; this module only checks who may import and hands the corrected draft over.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from noichinh.core import clock
from noichinh.org import permissions

from .extract import Draft, extract
from .sources import normalise_newlines


def draft_for_text(*, text: str, normalise: bool = True) -> Draft:
    """The proposed draft for ``text`` (raises ``ExtractionError``). Creates nothing.

    Years missing from the text are resolved against today's date (the publication line
    of the article wins when there is one).
    """
    if normalise and isinstance(text, str):
        text = normalise_newlines(text)
    return extract(text, reference_date=clock.today())


def import_confirm(*, actor, draft: dict):
    """Create the conference and everything in ``draft`` (the user-corrected draft dict).

    All or nothing: a ``ValidationError`` from the briefings service leaves the database
    unchanged.
    """
    if not permissions.can_import_text(actor):
        permissions.deny(permissions.IMPORT_DENIED_MESSAGE)
    try:
        from noichinh.briefings.services import conference_create_from_draft
    except ImportError:
        raise ValidationError(
            "Chức năng tạo hội nghị từ bản nháp chưa sẵn sàng; chưa có gì được lưu."
        )
    return conference_create_from_draft(actor=actor, draft=draft)
