from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from noichinh.org.permissions import base

# (label, url name, who sees it). Items whose URL does not exist yet are left out.
_ITEMS = [
    ("Tổng quan", "home", lambda u: True),
    ("Tiếp công dân", "petitions:visit_list", lambda u: not base.is_leadership(u)),
    ("Đơn thư", "petitions:petition_list", lambda u: True),
    ("Vụ án theo dõi", "cases:case_list", lambda u: True),
    ("Báo cáo định kỳ", "reports:period_list", lambda u: True),
    ("Giao ban", "briefings:briefing_list", lambda u: True),
    ("Nhiệm vụ", "briefings:task_list", lambda u: True),
    ("Khen thưởng", "briefings:award_list", lambda u: True),
    ("Kế hoạch thanh tra", "briefings:plan_list", lambda u: True),
    ("Nhập từ văn bản", "textimport:import", lambda u: base.is_secretariat(u) or base.is_admin(u)),
    ("Cơ quan, đơn vị", "org:agency_list", lambda u: True),
    ("Địa bàn", "org:unit_list", lambda u: True),
    ("Lịch và thời hạn", "core:calendar", lambda u: True),
    ("Quản trị", "admin:index", base.is_admin),
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
