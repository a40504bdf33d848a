import pytest

from noichinh.org import permissions

pytestmark = pytest.mark.django_db


def test_admin_and_leadership_see_every_agency(users):
    assert permissions.visible_agency_ids(users["admin"]) is None
    assert permissions.visible_agency_ids(users["lanhdao"]) is None


def test_secretariat_sees_its_bloc_but_not_other_blocs(users, agencies):
    ids = permissions.visible_agency_ids(users["thuky"])
    for code in ["BNC", "CA", "VKS", "TAND", "TTT", "BTCD", "THADS", "STP"]:
        assert agencies[code].id in ids
    assert agencies["CA-HS-PB"].id in ids  # district police under the provincial police
    assert agencies["MTTQ"].id not in ids
    assert agencies["HND"].id not in ids


def test_officer_sees_own_agency_only(users, agencies):
    ids = permissions.visible_agency_ids(users["canbo"])
    assert agencies["TTT"].id in ids
    assert agencies["CA"].id not in ids
    assert agencies["VKS"].id not in ids


def test_head_sees_own_agency_and_the_agencies_below_it(users, agencies):
    ids = permissions.visible_agency_ids(users["truongdonvi"])
    assert {agencies["CA"].id, agencies["CA-HS-TP"].id} <= ids
    assert agencies["TTT"].id not in ids


def test_inactive_user_sees_nothing(users):
    user = users["canbo"]
    user.is_active = False
    assert permissions.visible_agency_ids(user) == set()


def test_leadership_is_read_only_and_others_are_not(users):
    assert permissions.is_read_only(users["lanhdao"])
    assert not any(
        permissions.is_read_only(users[u]) for u in ["admin", "thuky", "canbo", "truongdonvi"]
    )


def test_navigation_shows_administration_to_admin_only(users):
    assert "admin:index" in {i["name"] for i in permissions.navigation(users["admin"])}
    for name in ["thuky", "canbo", "truongdonvi", "lanhdao"]:
        assert "admin:index" not in {i["name"] for i in permissions.navigation(users[name])}
