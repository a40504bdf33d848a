"""Access rules for import from Vietnamese text (issue 8, story S5)."""

from noichinh.org.permissions import base
from noichinh.org.permissions.base import *  # noqa: F401,F403  (the shared predicates, re-exported)

__all__ = ["can_import_text", "IMPORT_DENIED_MESSAGE"]

IMPORT_DENIED_MESSAGE = "Chỉ cơ quan thường trực và quản trị hệ thống được nhập từ văn bản."


def can_import_text(user) -> bool:
    """The secretariat and the administrator turn articles into conference records."""
    return base.is_secretariat(user) or base.is_admin(user)
