"""Writes of the petitions area, one module per sub-domain: each user action is one function,
one transaction, audited. Callers use ``from noichinh.petitions import services`` and
``services.<action>``.

Time limits come from core's rule table by code (legal.md §2); no legal number lives here
(the rules each action opens: ``handling``'s docstring).
"""

from noichinh.petitions.services.attachments import attachment_add
from noichinh.petitions.services.common import (
    close_steps,
    current_step,
    open_step,
    resolve_variant,
)
from noichinh.petitions.services.duplicate_links import (
    petition_link_duplicate,
    petition_unlink_duplicate,
    record_sealed_matches,
)
from noichinh.petitions.services.forwarding import (
    petition_forward,
    petition_record_answer,
    petition_urge,
)
from noichinh.petitions.services.handling import (
    petition_accept,
    petition_archive,
    petition_assign,
    petition_classify,
    petition_close,
    petition_guide,
    petition_resolve,
    petition_return,
)
from noichinh.petitions.services.intake import next_receipt_no, petition_create
from noichinh.petitions.services.notices import petition_notice_sign
from noichinh.petitions.services.notifications import (
    notification_mark_read,
    notification_preference_update,
    notification_unread_count,
    send_reminders,
)
from noichinh.petitions.services.suspension import (
    pause_spans,
    petition_extend,
    petition_resume,
    petition_suspend,
)
from noichinh.petitions.services.visits import visit_create

__all__ = [
    "attachment_add",
    "close_steps",
    "current_step",
    "next_receipt_no",
    "notification_mark_read",
    "notification_preference_update",
    "notification_unread_count",
    "open_step",
    "pause_spans",
    "petition_accept",
    "petition_archive",
    "petition_assign",
    "petition_classify",
    "petition_close",
    "petition_create",
    "petition_extend",
    "petition_forward",
    "petition_guide",
    "petition_link_duplicate",
    "petition_notice_sign",
    "petition_record_answer",
    "petition_resolve",
    "petition_resume",
    "petition_return",
    "petition_suspend",
    "petition_unlink_duplicate",
    "petition_urge",
    "record_sealed_matches",
    "resolve_variant",
    "send_reminders",
    "visit_create",
]
