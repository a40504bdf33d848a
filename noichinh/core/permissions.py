"""The rule machinery every app's ``permissions.py`` builds on, and the ground floor's own rules.

``@permission("message")`` declares a predicate with its refusal; ``can_x.require(...)`` raises
``PermissionDenied`` with that message. The shared predicates of roles and agencies are in
``noichinh.org.permissions.base`` (which re-exports these); the ground floor imports no app,
so its own rules ask the user object (``User.is_system_admin``, defined by the accounts app).
"""

from collections.abc import Callable
from functools import update_wrapper
from typing import Any, Generic, ParamSpec

from django.core.exceptions import PermissionDenied

DEFAULT_DENIED = "Bạn không có quyền thực hiện thao tác này."


def deny(message: str = DEFAULT_DENIED):
    raise PermissionDenied(message)


P = ParamSpec("P")


class Permission(Generic[P]):
    """A predicate with its refusal: ``can_x(user, obj)`` answers True or False (templates,
    queryset filters, menus); ``can_x.require(user, obj)`` raises ``PermissionDenied`` with the
    rule's own Vietnamese message, written once beside the rule. Each app's ``permissions.py``
    names the raising form ``require_x = can_x.require``."""

    def __init__(self, check: Callable[P, bool], message: str):
        self.check = check
        self.message = message
        update_wrapper(self, check)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> bool:
        return self.check(*args, **kwargs)

    def require(self, *args: P.args, **kwargs: P.kwargs) -> None:
        if not self.check(*args, **kwargs):
            raise PermissionDenied(self.message)

    def __repr__(self) -> str:
        return f"<Permission {self.check.__name__}>"


def permission(message: str = DEFAULT_DENIED) -> Callable[[Callable[P, bool]], Permission[P]]:
    """Declare a rule and its refusal message together::

        @permission("Bạn không có quyền sửa vụ án, vụ việc này.")
        def can_edit_case(user, case) -> bool: ...

        require_edit_case = can_edit_case.require
    """

    def wrap(check: Callable[P, bool]) -> Permission[P]:
        return Permission(check, message)

    return wrap


def is_admin(user: Any) -> bool:
    """The system administrator (a superuser or the administrator role): the accounts model
    answers ``is_system_admin``; an anonymous or inactive user is never one."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and getattr(user, "is_system_admin", False)
    )


@permission("Chỉ quản trị hệ thống được nhập thông báo lịch nghỉ.")
def can_manage_calendar(user: Any) -> bool:
    return is_admin(user)


require_manage_calendar = can_manage_calendar.require

