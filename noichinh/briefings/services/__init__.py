"""Write actions of the briefings area, one module per sub-domain. Each action is one
transaction with its audit entries.

Errors are ``ValidationError``s with Vietnamese messages (keyed by field where one is
at fault), so forms show them beside what was typed and nothing is saved. Callers use
``from noichinh.briefings import services`` and ``services.<action>``.
"""

from noichinh.briefings.services.awards import (
    FORM_WORDS,
    ISSUER_WORDS,
    award_decision_create,
    award_decision_update,
    form_for,
    issuer_level_for,
    movement_get_or_create,
)
from noichinh.briefings.services.common import agency_match
from noichinh.briefings.services.conference_figures import figure_add, figure_delete, figure_update
from noichinh.briefings.services.conferences import (
    conference_create,
    conference_title,
    conference_update,
    notice_defaults,
    notice_save,
    notice_sign,
)
from noichinh.briefings.services.drafts import (
    DRAFT_BLOCS,
    DRAFT_KINDS,
    conference_create_from_draft,
)
from noichinh.briefings.services.plans import plan_create, plan_update
from noichinh.briefings.services.tasks import (
    MAX_ATTACHMENT_BYTES,
    NO,
    YES,
    ImportErrors,
    reminders_send,
    task_accept,
    task_cancel,
    task_create,
    task_report_progress,
    task_return,
    task_update,
    tasks_import_progress,
)
from noichinh.briefings.services.withdrawal import (
    WITHDRAWABLE,
    _children,
    can_withdraw,
    record_restore,
    record_withdraw,
)

__all__ = [
    "DRAFT_BLOCS",
    "DRAFT_KINDS",
    "FORM_WORDS",
    "ISSUER_WORDS",
    "MAX_ATTACHMENT_BYTES",
    "NO",
    "WITHDRAWABLE",
    "YES",
    "ImportErrors",
    "_children",
    "agency_match",
    "award_decision_create",
    "award_decision_update",
    "can_withdraw",
    "conference_create",
    "conference_create_from_draft",
    "conference_title",
    "conference_update",
    "figure_add",
    "figure_delete",
    "figure_update",
    "form_for",
    "issuer_level_for",
    "movement_get_or_create",
    "notice_defaults",
    "notice_save",
    "notice_sign",
    "plan_create",
    "plan_update",
    "record_restore",
    "record_withdraw",
    "reminders_send",
    "task_accept",
    "task_cancel",
    "task_create",
    "task_report_progress",
    "task_return",
    "task_update",
    "tasks_import_progress",
]
