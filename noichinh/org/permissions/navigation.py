from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from noichinh.org.permissions import base, reports

# (label, url name, who sees it). Items whose URL does not exist yet are left out.
_ITEMS = [
    (gettext_noop("Tổng quan"), "home", lambda u: True),
    (gettext_noop("Tiếp công dân"), "petitions:visit_list", lambda u: not base.is_leadership(u)),
    (gettext_noop("Đơn thư"), "petitions:petition_list", lambda u: True),
    (gettext_noop("Vụ án theo dõi"), "cases:case_list", lambda u: True),
    (gettext_noop("Báo cáo định kỳ"), "reports:period_list", lambda u: True),
    (
        gettext_noop("Biểu mẫu thống kê"),
        "reports:official_forms",
        lambda u: reports.can_use_official_forms(u),
    ),
    (gettext_noop("Giao ban"), "briefings:briefing_list", lambda u: True),
    (gettext_noop("Nhiệm vụ"), "briefings:task_list", lambda u: True),
    (gettext_noop("Khen thưởng"), "briefings:award_list", lambda u: True),
    (gettext_noop("Kế hoạch thanh tra"), "briefings:plan_list", lambda u: True),
    (
        gettext_noop("Nhập từ văn bản"),
        "textimport:import",
        lambda u: base.is_secretariat(u) or base.is_admin(u),
    ),
    (gettext_noop("Cơ quan, đơn vị"), "org:agency_list", lambda u: True),
    (gettext_noop("Địa bàn"), "org:unit_list", lambda u: True),
    (gettext_noop("Lịch và thời hạn"), "core:calendar", lambda u: True),
    (gettext_noop("Lưu giữ dữ liệu"), "portal:retention_report", base.is_admin),
    (gettext_noop("Quản trị"), "admin:index", base.is_admin),
]


def navigation(user) -> list[dict]:
    items = []
    for label, name, allowed in _ITEMS:
        if not allowed(user):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"label": _(label), "url": url, "name": name})
    return items
