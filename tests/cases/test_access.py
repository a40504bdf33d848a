"""Who may see and change case records, on the web and through the API (both ways)."""

import pytest

from noichinh.cases.models import Case

pytestmark = pytest.mark.django_db

VISIBLE = {"admin": 14, "thuky": 14, "lanhdao": 14, "canbo_ca": 13, "canbo": 1, "canbo_dv": 0}


def _case(number):
    return Case.objects.get(number=number)


def test_who_sees_which_cases_and_leadership_cannot_record(client, demo_cases, users):
    for username, visible in VISIBLE.items():
        client.force_login(users[username])
        response = client.get("/cases/?per_page=50")
        assert response.status_code == 200
        assert response.context["page_obj"].paginator.count == visible, username
    # An officer whose agency is not in charge: Vietnamese 404; one in charge opens it.
    client.force_login(users["canbo_dv"])
    response = client.get(f"/cases/{_case('TN-01').pk}/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()
    client.force_login(users["canbo"])
    assert client.get(f"/cases/{_case('TN-03').pk}/").status_code == 200
    # Leadership reads everything and changes nothing.
    client.force_login(users["lanhdao"])
    case = _case("KT-2026-01")
    assert client.get(f"/cases/{case.pk}/").status_code == 200
    for url in (
        f"/cases/{case.pk}/supervision/",
        f"/cases/{case.pk}/stages/new/",
        "/cases/new/",
        f"/cases/{case.pk}/edit/",
        f"/cases/{case.pk}/explanations/new/",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Không có quyền truy cập" in response.content.decode()


def test_secretariat_web_actions_and_their_errors(client, demo_cases, users, agencies):
    client.force_login(users["thuky"])
    case = _case("KT-2026-01")
    # A bad date keeps the form, explains in Vietnamese and changes nothing.
    response = client.post(
        f"/cases/{case.pk}/supervision/", {"kind": "add", "number": "X-1", "date": "31/02/2026"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ngày không hợp lệ" in body and 'value="X-1"' in body
    assert case.supervision_entries.count() == 0
    response = client.post(
        f"/cases/{case.pk}/supervision/",
        {"kind": "add", "number": "1101-QĐ/BCĐ", "date": "20/10/2026", "category": "economic"},
    )
    assert response.status_code == 302
    assert case.supervision_entries.count() == 1
    # An impossible stage order is an error on the form, not a 500.
    response = client.post(
        f"/cases/{case.pk}/stages/new/",
        {"stage": "appeal", "agency": agencies["TAND"].pk, "started_on": "01/11/2026"},
    )
    assert response.status_code == 200
    assert "Không thể chuyển từ giai đoạn" in response.content.decode()
    # The case page shows the stage and its next legal time limit.
    body = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="current-stage">Điều tra<' in body
    assert "15/01/2027" in body
    # A new case; the money field takes Vietnamese thousands separators.
    response = client.post(
        "/cases/new/",
        {
            "title": "Vụ án mới",
            "kind": "criminal",
            "field": "corruption",
            "severity": "serious",
            "defendants_count": "2",
            "managers_count": "3",
            "party_members_count": "0",
            "damage_vnd": "7.300.000.000",
            "recovered_vnd": "0",
        },
    )
    assert response.status_code == 200
    assert "không được lớn hơn số bị can" in response.content.decode()
    assert not Case.objects.filter(title="Vụ án mới").exists()


def test_progress_reports_and_explanations_go_between_the_right_hands(
    client, demo_cases, users, agencies
):
    case = _case("KT-2026-01")
    client.force_login(users["canbo_ca"])
    ok = client.post(
        f"/cases/{case.pk}/progress/new/", {"reported_on": "20/11/2026", "content": "Đang điều tra"}
    )
    assert ok.status_code == 302
    client.force_login(users["thuky"])
    assert client.get(f"/cases/{case.pk}/progress/new/").status_code == 403
    response = client.post(
        f"/cases/{case.pk}/explanations/new/",
        {
            "addressed_to": agencies["CA"].pk,
            "requested_on": "20/11/2026",
            "question": "Vì sao chậm?",
        },
    )
    assert response.status_code == 302
    req = case.explanation_requests.get()
    client.force_login(users["canbo_vks"])
    assert client.get(f"/cases/explanations/{req.pk}/answer/").status_code == 404
    client.force_login(users["canbo_ca"])
    assert client.get(f"/cases/{case.pk}/explanations/new/").status_code == 403
    response = client.post(
        f"/cases/explanations/{req.pk}/answer/",
        {"answered_on": "21/11/2026", "answer": "Chờ giám định"},
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.answer == "Chờ giám định"


def test_list_search_filters_query_count_figures_page_and_panel(
    client, demo_cases, users, django_assert_max_num_queries
):
    client.force_login(users["thuky"])
    response = client.get("/cases/?q=tham o tai san")
    assert {c.number for c in response.context["page_obj"]} == {"TN-01", "TN-04", "TN-2025-01"}
    response = client.get("/cases/?field=economic&on_list=30/06/2020")
    assert {c.number for c in response.context["page_obj"]} == {"KT-01", "KT-02"}
    response = client.get("/cases/?on_list=99/99/2020")
    assert response.status_code == 200 and "không hợp lệ" in response.content.decode()
    with django_assert_max_num_queries(25):
        assert client.get("/cases/?per_page=50").status_code == 200
    response = client.get("/cases/figures/?start=01/01/2020&end=30/06/2020")
    assert 'data-testid="fig-cases-economic_managers-followed">5<' in response.content.decode()
    bad = client.get("/cases/figures/?start=31/06/2020&end=30/06/2020")
    assert bad.status_code == 200 and "Ngày không hợp lệ" in bad.content.decode()
    assert client.get("/cases/overdue/").status_code == 200
    response = client.get("/cases/decisions/?kind=remove&year=2020")
    assert [e.decision.number for e in response.context["page_obj"]] == ["245-QĐ/TU"]
    response = client.get("/cases/decisions/?q=kho bac")
    assert [e.case.number for e in response.context["page_obj"]] == ["TN-01"]
    assert "Vụ án, vụ việc theo dõi" in client.get("/").content.decode()


def test_api_follows_the_web_rules(api_client, demo_cases, users, agencies):
    response = api_client.as_user(users["canbo"]).get("/api/v1/cases/")
    assert response.status_code == 200
    assert [c["number"] for c in response.json()["items"]] == ["TN-03"]
    assert api_client.get(f"/api/v1/cases/{_case('TN-01').pk}").status_code == 404
    ok = api_client.get(f"/api/v1/cases/{_case('TN-03').pk}")
    assert ok.status_code == 200 and ok.json()["stages"]
    assert api_client.as_user(users["canbo_dv"]).get("/api/v1/cases/").json()["count"] == 0

    case = _case("KT-2026-01")
    payload = {"kind": "add", "number": "77-QĐ/BCĐ", "date": "2026-10-20"}
    denied = api_client.as_user(users["lanhdao"]).post(
        f"/api/v1/cases/{case.pk}/supervision", payload
    )
    assert denied.status_code == 403
    ok = api_client.as_user(users["thuky"]).post(f"/api/v1/cases/{case.pk}/supervision", payload)
    assert ok.status_code == 201 and ok.json()["on_list"] is True
    again = api_client.post(f"/api/v1/cases/{case.pk}/supervision", {**payload, "number": "78"})
    assert again.status_code == 400 and "cùng ngày" in again.json()["detail"]
    response = api_client.post(
        f"/api/v1/cases/{case.pk}/stages",
        {"stage": "appeal", "agency_id": agencies["TAND"].pk, "started_on": "2026-11-01"},
    )
    assert response.status_code == 400 and "Không thể chuyển" in response.json()["detail"]
    response = api_client.get("/api/v1/cases/figures", start="2020-01-01", end="2020-06-30")
    values = {f["code"]: f["value"] for f in response.json()}
    assert values["cases.economic_managers.followed"] == 5
    assert values["cases.corruption.carried_over"] == 2


def test_case_endpoints_are_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/cases/",
        "/api/v1/cases/{case_id}",
        "/api/v1/cases/figures",
        "/api/v1/cases/{case_id}/supervision",
        "/api/v1/cases/{case_id}/stages",
        "/api/v1/cases/stages/{stage_id}/extensions",
        "/api/v1/cases/{case_id}/progress",
    ):
        assert path in paths, path
