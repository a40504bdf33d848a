from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from noichinh.org.permissions import base
from noichinh.reports import permissions as reports

# Registers of the navigation, each a group of the menu (a drop-down on a wide screen).
PETITIONS, CASES, REPORTS, BRIEFINGS, REFERENCE = (
    "petitions",
    "cases",
    "reports",
    "briefings",
    "reference",
)
GROUP_LABELS = {
    PETITIONS: gettext_noop("Tiếp dân, đơn thư"),
    CASES: gettext_noop("Vụ án, vụ việc"),
    REPORTS: gettext_noop("Báo cáo"),
    BRIEFINGS: gettext_noop("Giao ban, nhiệm vụ"),
    REFERENCE: gettext_noop("Danh mục"),
}
GROUP_ORDER = [PETITIONS, CASES, REPORTS, BRIEFINGS, REFERENCE]

# (label, url name, group, who sees it). Items whose URL does not exist yet are left out.
_ITEMS = [
    (gettext_noop("Tổng quan"), "home", None, lambda u: True),
    (
        gettext_noop("Tiếp công dân"),
        "petitions:visit_list",
        PETITIONS,
        lambda u: not base.is_leadership(u),
    ),
    (gettext_noop("Đơn thư"), "petitions:petition_list", PETITIONS, lambda u: True),
    (gettext_noop("Vụ án theo dõi"), "cases:case_list", CASES, lambda u: True),
    (gettext_noop("Báo cáo định kỳ"), "reports:period_list", REPORTS, lambda u: True),
    (
        gettext_noop("Biểu mẫu thống kê"),
        "reports:official_forms",
        REPORTS,
        lambda u: reports.can_use_official_forms(u),
    ),
    (
        gettext_noop("Nhập từ văn bản"),
        "textimport:import",
        REPORTS,
        lambda u: base.is_secretariat(u) or base.is_admin(u),
    ),
    (gettext_noop("Giao ban"), "briefings:briefing_list", BRIEFINGS, lambda u: True),
    (gettext_noop("Nhiệm vụ"), "briefings:task_list", BRIEFINGS, lambda u: True),
    (gettext_noop("Khen thưởng"), "briefings:award_list", BRIEFINGS, lambda u: True),
    (gettext_noop("Kế hoạch thanh tra"), "briefings:plan_list", BRIEFINGS, lambda u: True),
    (gettext_noop("Cơ quan, đơn vị"), "org:agency_list", REFERENCE, lambda u: True),
    (gettext_noop("Địa bàn"), "org:unit_list", REFERENCE, lambda u: True),
    (gettext_noop("Lịch và thời hạn"), "core:calendar", REFERENCE, lambda u: True),
    (gettext_noop("Lưu giữ dữ liệu"), "portal:retention_report", REFERENCE, base.is_admin),
    (gettext_noop("Quản trị"), "admin:index", REFERENCE, base.is_admin),
    (gettext_noop("Hướng dẫn"), "guide:index", None, lambda u: True),
]

# The register an officer's own work is in, by the kind of their agency: first in the menu.
_OWN_REGISTER_BY_AGENCY_KIND = {
    "reception_board": PETITIONS,
    "inspectorate": PETITIONS,
    "police": CASES,
    "procuracy": CASES,
    "court": CASES,
    "judgment_enforcement": CASES,
}


def own_register(user) -> str:
    """The group of the user's daily work: the secretariat and leadership read and issue
    reports; officers and heads work in their agency's register."""
    if base.is_secretariat(user) or base.is_leadership(user):
        return REPORTS
    agency = getattr(user, "agency", None)
    return _OWN_REGISTER_BY_AGENCY_KIND.get(getattr(agency, "kind", ""), PETITIONS)


def navigation(user) -> list[dict]:
    """Every menu item the user may open, in menu order (flat; see ``navigation_groups``)."""
    return [item for entry in navigation_groups(user) for item in entry["items"]]


def navigation_groups(user) -> list[dict]:
    """The menu: the overview, then the registers (the user's own first), each a group of
    links, then the guide. An entry with ``label`` None is a plain link."""
    items = {}
    for label, name, group, allowed in _ITEMS:
        if not allowed(user):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.setdefault(group, []).append({"label": _(label), "url": url, "name": name})
    own = own_register(user)
    order = [own] + [g for g in GROUP_ORDER if g != own]
    entries = [{"label": None, "key": "home", "items": [i]} for i in items.get(None, [])[:1]]
    for group in order:
        if items.get(group):
            entries.append({"label": _(GROUP_LABELS[group]), "key": group, "items": items[group]})
    entries += [{"label": None, "key": "guide", "items": [i]} for i in items.get(None, [])[1:]]
    return entries
