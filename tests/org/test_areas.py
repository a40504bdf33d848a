import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from noichinh.core.models import AuditEntry
from noichinh.org import selectors, services
from noichinh.org.models import AreaUnit

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def test_demo_has_units_before_and_after_the_2025_reform(org):
    before = selectors.units_valid_on(D("2025-06-30"))
    after = selectors.units_valid_on(D("2025-07-01"))
    assert before.filter(level="district").count() == 4
    assert after.filter(level="district").count() == 0
    assert after.filter(level="province").count() == 1
    assert before.filter(level="province").count() == 2


def test_new_commune_subtree_includes_the_old_communes_merged_into_it(org):
    new = AreaUnit.objects.get(code="HS-X-PB")
    old_ids = set(AreaUnit.objects.filter(code__startswith="HS-PB-").values_list("id", flat=True))
    assert old_ids <= selectors.unit_subtree_ids(new.id)


def test_province_subtree_includes_the_merged_province_and_its_communes(org):
    province = org["province"]
    subtree = selectors.unit_subtree_ids(province.id)
    assert AreaUnit.objects.get(code="LB").id in subtree
    assert AreaUnit.objects.get(code="LB-TP-1").id in subtree


def test_successor_follows_the_dated_succession(org):
    old = AreaUnit.objects.get(code="HS-PB-2")
    assert selectors.unit_successor(old, D("2025-06-30")) == old
    assert selectors.unit_successor(old, D("2025-07-01")).code == "HS-X-PB"


def test_reorganise_merges_units_from_the_effective_date_and_is_audited(users, org):
    a, b = AreaUnit.objects.get(code="HS-X-QT"), AreaUnit.objects.get(code="HS-P-HS")
    new = services.area_reorganise(
        actor=users["thuky"],
        predecessors=[a, b],
        effective_date=D("2026-01-01"),
        kind="merge",
        decision="NQ 99/NQ-UBTVQH",
        successor_code="HS-P-M",
        successor_name="Phường Mới",
        successor_level="commune",
        successor_parent=org["province"],
    )
    a.refresh_from_db()
    assert a.valid_to == D("2026-01-01") and new.valid_from == D("2026-01-01")
    assert {a.id, b.id} <= selectors.unit_subtree_ids(new.id)
    assert AuditEntry.objects.filter(
        model="org.areaunit", object_id=str(a.id), action="update"
    ).exists()


def test_reorganise_refuses_a_date_after_a_unit_already_ended(users, org):
    old = AreaUnit.objects.get(code="HS-PB-1")
    with pytest.raises(ValidationError, match="đã hết hiệu lực"):
        services.area_reorganise(
            actor=users["admin"],
            predecessors=[old],
            effective_date=D("2026-01-01"),
            kind="merge",
            decision="x",
            successor=AreaUnit.objects.get(code="HS-X-PB"),
        )


def test_officer_may_not_reorganise_units(users, org):
    with pytest.raises(PermissionDenied):
        services.area_reorganise(
            actor=users["canbo"],
            predecessors=[AreaUnit.objects.get(code="HS-X-QT")],
            effective_date=D("2026-01-01"),
            kind="merge",
            decision="x",
            successor=AreaUnit.objects.get(code="HS-P-HS"),
        )


@pytest.mark.parametrize(
    ("username", "status"),
    [("admin", 200), ("thuky", 200), ("canbo", 403), ("truongdonvi", 403), ("lanhdao", 403)],
)
def test_reorganise_page_permission_both_ways(client, users, username, status):
    client.force_login(users[username])
    response = client.get("/org/units/reorganise/")
    assert response.status_code == status
    if status == 403:
        assert "Không có quyền truy cập" in response.content.decode()


def test_reorganise_form_keeps_input_and_explains_a_bad_date(client, users, org):
    client.force_login(users["thuky"])
    unit = AreaUnit.objects.get(code="HS-X-QT")
    response = client.post(
        "/org/units/reorganise/",
        {
            "predecessors": [unit.id],
            "kind": "merge",
            "effective_date": "31/02/2026",
            "decision": "NQ 1",
            "successor_name": "Phường Thử",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in html and "Phường Thử" in html
    unit.refresh_from_db()
    assert unit.valid_to is None


def test_unit_list_searches_without_diacritics_and_filters_by_date(client, users, org):
    client.force_login(users["canbo"])
    html = client.get("/org/units/", {"q": "phu binh"}).content.decode()
    assert "Huyện Phú Bình" in html and "Xã Phú Bình" in html
    html = client.get("/org/units/", {"q": "phu binh", "on": "01/08/2025"}).content.decode()
    assert "Huyện Phú Bình" not in html and "Xã Phú Bình" in html
    html = client.get("/org/units/", {"on": "99/99/2025"}).content.decode()
    assert "Ngày không hợp lệ" in html
