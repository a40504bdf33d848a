"""The overlap warning shows while the plan is being filled in (htmx, before saving)."""

import pytest

from noichinh.briefings import services
from noichinh.briefings.models import InspectionPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(org):
    from noichinh.org.models import AreaUnit

    return AreaUnit.objects.get(code="HS-X-DL")


@pytest.fixture
def theirs(users, agencies, unit):
    return services.plan_create(
        actor=users["canbo_ca"],
        agency=agencies["CA"],
        year=2026,
        unit=unit,
        subject="Kiểm tra PCCC",
    )


def _check(client, agencies, unit, year=2026):
    return client.get(
        "/briefings/plans/overlap/",
        {"agency": agencies["TTT"].pk, "year": year, "unit": unit.pk, "kind": "thanh_tra"},
        HTTP_HX_REQUEST="true",
    )


def test_the_plan_form_asks_for_overlaps_on_every_change(client, users):
    client.force_login(users["canbo"])
    html = client.get("/briefings/plans/new/").content.decode()
    assert 'hx-get="/briefings/plans/overlap/"' in html and 'hx-trigger="change"' in html
    assert 'id="overlap-warning"' in html


def test_the_warning_names_the_other_agency_before_anything_is_saved(
    client, users, agencies, unit, theirs
):
    client.force_login(users["canbo"])
    response = _check(client, agencies, unit)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cảnh báo trùng lắp" in html and "Kiểm tra PCCC" in html and "Công an tỉnh" in html
    assert InspectionPlan.objects.count() == 1
    assert "Cảnh báo trùng lắp" not in _check(client, agencies, unit, year=2027).content.decode()


def test_own_and_withdrawn_plans_do_not_warn(client, users, agencies, unit, theirs):
    client.force_login(users["canbo_ca"])
    own = client.get(
        "/briefings/plans/overlap/", {"agency": agencies["CA"].pk, "year": 2026, "unit": unit.pk}
    )
    assert "Cảnh báo trùng lắp" not in own.content.decode()
    services.record_withdraw(actor=users["canbo_ca"], obj=theirs, reason="Hoãn")
    client.force_login(users["canbo"])
    assert "Cảnh báo trùng lắp" not in _check(client, agencies, unit).content.decode()


def test_read_only_leadership_is_refused_the_check(client, users, agencies, unit):
    client.force_login(users["lanhdao"])
    assert _check(client, agencies, unit).status_code == 403


def test_bad_input_gives_no_warning_and_no_error(client, users):
    client.force_login(users["canbo"])
    response = client.get("/briefings/plans/overlap/", {"year": "abc", "unit": "1' OR 1=1"})
    assert response.status_code == 200
    assert "Cảnh báo" not in response.content.decode()
