"""Import from text: propose a draft (stores nothing), then confirm it (creates the records).

The records themselves (conference, figures, tasks, awards) are created by
``noichinh.briefings.services.conference_create_from_draft`` in one transaction, with its
audit entry; this module only checks who may import and hands the corrected draft over.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from noichinh.org import permissions

from .extract import Draft, extract
from .sources import normalise_newlines


def draft_for_text(
    *, text: str, normalise: bool = True, reference_date: dt.date | None = None
) -> Draft:
    """The proposed draft for ``text`` (raises ``ExtractionError``). Creates nothing.

    A year missing from the text comes from the article's date line, then from the
    ``reference_date`` the user gave; never from today (issue 18): without either, the
    period's year is left empty with a warning, for the user to fill in.
    """
    if normalise and isinstance(text, str):
        text = normalise_newlines(text)
    return extract(text, reference_date=reference_date)


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
