"""Data exchange: who may export the registers to another instance and import from one."""

from noichinh.org.permissions.base import *  # noqa: F401,F403  (the shared predicates, re-exported)
from noichinh.org.permissions.base import _active, is_admin, permission

__all__ = ["can_exchange_data", "require_exchange_data"]


@permission("Bạn không có quyền trao đổi dữ liệu liên thông.")
def can_exchange_data(user) -> bool:
    """Administrators, and accounts given the exchange permission (no other role: an export
    holds the whole province's registers)."""
    return _active(user) and (is_admin(user) or user.has_perm("exchange.exchange_data"))


require_exchange_data = can_exchange_data.require
