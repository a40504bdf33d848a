import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import connection

from noichinh.core import clock
from noichinh.core.permissions import (
    Permission,
    can_manage_calendar,
    deny,
    is_admin,
    permission,
)
from noichinh.org.models import Agency, BlocMembership, User

__all__ = [
    "Permission",
    "permission",
    "User",
    "PermissionDenied",
    "deny",
    "is_admin",
    "is_secretariat",
    "is_leadership",
    "is_head",
    "is_officer",
    "sees_whole_province",
    "visible_agency_ids",
    "agency_is_visible",
    "agency_subtree_ids",
    "agencies_subtree_ids",
    "bloc_agency_ids",
    "can_manage_calendar",
    "can_manage_users",
    "can_grant_admin_rights",
    "can_view_agency",
    "figure_agency_ids",
    "is_read_only",
    "needs_second_factor",
]


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_secretariat(user) -> bool:
    return _active(user) and user.role == User.SECRETARIAT


def is_leadership(user) -> bool:
    return _active(user) and user.role == User.LEADERSHIP


def is_head(user) -> bool:
    return _active(user) and user.role == User.HEAD


def is_officer(user) -> bool:
    return _active(user) and user.role == User.OFFICER


def is_read_only(user) -> bool:
    """Leadership reads dashboards and reports of the whole province, and changes nothing."""
    return is_leadership(user)


def sees_whole_province(user) -> bool:
    return is_admin(user) or is_leadership(user)


def agency_subtree_ids(agency_id: int) -> set[int]:
    """The agency and every agency below it (e.g. district police under provincial police)."""
    return agencies_subtree_ids([agency_id])


def agencies_subtree_ids(root_ids) -> set[int]:
    """The agencies ``root_ids`` and every agency below them, in one recursive query (the same
    SQL on SQLite and PostgreSQL; UNION, not UNION ALL, stops at a cycle). Walking the tree a
    level at a time cost the secretariat's home page 11 queries (issue 21)."""
    roots = sorted({int(pk) for pk in root_ids})
    if not roots:
        return set()
    table = connection.ops.quote_name(Agency._meta.db_table)
    marks = ", ".join(["%s"] * len(roots))
    sql = (
        f"WITH RECURSIVE sub(id) AS (SELECT id FROM {table} WHERE id IN ({marks}) "  # noqa: S608  # nosec B608
        f"UNION SELECT a.id FROM {table} a JOIN sub ON a.parent_id = sub.id) SELECT id FROM sub"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, roots)
        found = {row[0] for row in cursor.fetchall()}
    # A root that is not (or no longer) a row still counts as itself, as before.
    return found | set(roots)


def bloc_agency_ids(bloc_id: int, on: dt.date | None = None) -> set[int]:
    day = on or clock.today()
    return set(
        BlocMembership.objects.filter(BlocMembership.valid_on_q(day), bloc_id=bloc_id).values_list(
            "agency_id", flat=True
        )
    )


def visible_agency_ids(user) -> set[int] | None:
    """Agencies whose records ``user`` may see; None means every agency."""
    if not _active(user):
        return set()
    if sees_whole_province(user):
        return None
    cached = getattr(user, "_visible_agency_ids", None)
    if cached is not None:
        return cached
    roots: set[int] = set()
    if user.agency_id:
        roots.add(user.agency_id)
    if is_secretariat(user) and user.bloc_id:
        roots |= bloc_agency_ids(user.bloc_id)
    ids = agencies_subtree_ids(roots)
    user._visible_agency_ids = ids
    return ids


def agency_is_visible(user, agency_id: int | None) -> bool:
    ids = visible_agency_ids(user)
    return ids is None or agency_id in ids


def figure_agency_ids(user) -> set[int] | None:
    """Agencies whose register figures (counts, not records) ``user`` may see; None means
    the whole province. A bloc's secretariat sees the province's: its bloc reports give the
    reception books' and petitions registers' figures of the whole province
    (``Indicator.province_wide``). Everyone else: the agencies whose records they see."""
    if is_secretariat(user) and user.bloc_id:
        return None
    return visible_agency_ids(user)


def can_view_agency(user, agency) -> bool:
    return _active(user)


def needs_second_factor(user) -> bool:
    """Roles that may reveal a denouncer's identity (officers and heads: see
    portal.can_reveal_identity) or manage accounts (administrators, staff who may change users)
    pass a second factor before any page when OTP_REQUIRED is on."""
    if not _active(user):
        return False
    if is_officer(user) or is_head(user) or is_admin(user):
        return True
    return user.is_staff and (user.has_perm("org.change_user") or user.has_perm("org.add_user"))


def can_manage_users(user) -> bool:
    """Change who a user is in the bloc: role, agency, bloc, active or not."""
    return is_admin(user)


def can_grant_admin_rights(user) -> bool:
    """Make someone staff or superuser, or give them Django permissions (admin site rights):
    only a superuser, so an administrator cannot raise anyone, themselves included, above
    their own rights."""
    return _active(user) and user.is_superuser
