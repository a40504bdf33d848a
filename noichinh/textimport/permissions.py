"""Access rules for import from Vietnamese text (issue 8, story S5)."""

from noichinh.org.permissions import base
from noichinh.org.permissions.base import *  # noqa: F401,F403  (the shared predicates, re-exported)
from noichinh.org.permissions.base import permission

__all__ = [
    "can_import_text",
    "require_import_text",
    "can_restore_import",
    "require_restore_import",
    "IMPORT_DENIED_MESSAGE",
]

IMPORT_DENIED_MESSAGE = "Chỉ cơ quan thường trực và quản trị hệ thống được nhập từ văn bản."


@permission(IMPORT_DENIED_MESSAGE)
def can_import_text(user) -> bool:
    """The secretariat and the administrator turn articles into conference records."""
    return base.is_secretariat(user) or base.is_admin(user)


@permission("Chỉ quản trị hệ thống được khôi phục hồ sơ đã thu hồi.")
def can_restore_import(user) -> bool:
    return base.is_admin(user)


require_import_text = can_import_text.require
require_restore_import = can_restore_import.require
