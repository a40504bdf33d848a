"""The menu is grouped by register, the user's own work first (issue 23 §3); agencies are
listed by kind, then name."""

import pytest

from noichinh.org import permissions
from noichinh.org.models import AGENCY_KIND_ORDER, Agency

pytestmark = pytest.mark.django_db


def _keys(user):
    return [entry["key"] for entry in permissions.navigation_groups(user)]


def test_each_role_sees_its_own_register_first(users):
    assert _keys(users["canbo_tcd"])[:2] == ["home", "petitions"]
    assert _keys(users["canbo_ca"])[:2] == ["home", "cases"]
    assert _keys(users["canbo_vks"])[:2] == ["home", "cases"]
    assert _keys(users["thuky"])[:2] == ["home", "reports"]
    assert _keys(users["lanhdao"])[:2] == ["home", "reports"]
    assert _keys(users["canbo"])[-1] == "guide"


def test_groups_hold_only_what_the_user_may_open(users):
    def names(user):
        return {i["name"] for e in permissions.navigation_groups(user) for i in e["items"]}

    assert "textimport:import" in names(users["thuky"])
    assert "textimport:import" not in names(users["canbo"])
    assert "petitions:visit_list" not in names(users["lanhdao"])
    assert "admin:index" in names(users["admin"]) and "admin:index" not in names(users["thuky"])


def test_the_menu_renders_as_groups(client, users):
    client.force_login(users["canbo_tcd"])
    html = client.get("/").content.decode()
    assert html.index('data-group="petitions"') < html.index('data-group="cases"')
    assert "<summary>Tiếp dân, đơn thư</summary>" in html
    assert "<summary>Danh mục</summary>" in html


def test_agencies_are_listed_by_kind_then_name(org):
    listed = list(Agency.objects.all())
    ranks = [AGENCY_KIND_ORDER.index(a.kind) for a in listed]
    assert ranks == sorted(ranks)
    for rank in set(ranks):
        same = [a.name for a, r in zip(listed, ranks, strict=True) if r == rank]
        assert same == sorted(same)
    assert listed[0].kind == Agency.PARTY_COMMITTEE


def test_the_menu_keeps_its_order_whichever_app_registers_a_link(users):
    """Each app adds its links in its AppConfig.ready() (core.navigation): the menu reads as
    it did when one table listed them."""
    assert [i["name"] for i in permissions.navigation(users["admin"])] == [
        "home",
        "petitions:visit_list",
        "petitions:petition_list",
        "cases:case_list",
        "reports:period_list",
        "reports:official_forms",
        "textimport:import",
        "briefings:briefing_list",
        "briefings:task_list",
        "briefings:award_list",
        "briefings:plan_list",
        "org:agency_list",
        "org:unit_list",
        "core:calendar",
        "portal:retention_report",
        "admin:index",
        "guide:index",
    ]
