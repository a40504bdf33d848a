"""The menu as a user sees it: the links the apps register (``core.navigation``), the register
of the user's own work first."""

from noichinh.core import navigation as nav
from noichinh.org.permissions import base

# The register an officer's own work is in, by the kind of their agency: first in the menu.
_OWN_REGISTER_BY_AGENCY_KIND = {
    "reception_board": nav.PETITIONS,
    "inspectorate": nav.PETITIONS,
    "police": nav.CASES,
    "procuracy": nav.CASES,
    "court": nav.CASES,
    "judgment_enforcement": nav.CASES,
}


def own_register(user) -> str:
    """The group of the user's daily work: the secretariat and leadership read and issue
    reports; officers and heads work in their agency's register."""
    if base.is_secretariat(user) or base.is_leadership(user):
        return nav.REPORTS
    agency = getattr(user, "agency", None)
    return _OWN_REGISTER_BY_AGENCY_KIND.get(getattr(agency, "kind", ""), nav.PETITIONS)


def navigation(user) -> list[dict]:
    """Every menu item the user may open, in menu order (flat; see ``navigation_groups``)."""
    return [item for entry in navigation_groups(user) for item in entry["items"]]


def navigation_groups(user) -> list[dict]:
    """The menu: the overview, then the registers (the user's own first), each a group of
    links, then the guide. An entry with ``label`` None is a plain link."""
    return nav.groups(user, own=own_register(user))
