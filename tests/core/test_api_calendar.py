import pytest

from tests.core.test_calendar import WORKED_EXAMPLES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("rule", "variant", "start", "due"), WORKED_EXAMPLES)
def test_due_date_endpoint_gives_the_worked_examples(api_client, users, rule, variant, start, due):
    response = api_client.as_user(users["canbo"]).get(
        "/api/v1/calendar/due-date", rule=rule, start=start, variant=variant or ""
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["due"] == due
    assert body["rule"] == rule and body["start"] == start
    assert body["source"]
    if body["unit"] == "working_days":
        assert {"date", "reason"} <= set(body["skipped"][0])


def test_due_date_endpoint_lists_tet_as_skipped(api_client, users):
    body = (
        api_client.as_user(users["canbo"])
        .get("/api/v1/calendar/due-date", rule="denunciation.intake", start="2026-02-12")
        .json()
    )
    assert {"date": "2026-02-17", "reason": "Tết Âm lịch (mùng 1)"} in body["skipped"]
    assert body["unit"] == "working_days"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"rule": "no.such", "start": "2026-01-01"}, "Không có quy tắc"),
        ({"rule": "petition.handle", "start": "2026-13-45"}, "Ngày bắt đầu không hợp lệ"),
        ({"rule": "petition.handle", "start": "hôm qua"}, "Ngày bắt đầu không hợp lệ"),
        ({"rule": "petition.handle", "start": "2026-01-05", "variant": "complex"}, "trường hợp"),
    ],
)
def test_bad_requests_get_a_clear_4xx_never_a_500(api_client, users, params, message):
    response = api_client.as_user(users["canbo"]).get("/api/v1/calendar/due-date", **params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_missing_parameters_are_a_4xx(api_client, users):
    response = api_client.as_user(users["canbo"]).get("/api/v1/calendar/due-date")
    assert 400 <= response.status_code < 500


def test_api_refuses_requests_without_a_token(client, org):
    assert client.get("/api/v1/calendar/rules").status_code == 401


def test_api_refuses_a_revoked_or_wrong_token(client, users):
    from noichinh.org.models import ApiToken

    token, key = ApiToken.issue(users["canbo"])
    token.revoked = True
    token.save()
    assert (
        client.get("/api/v1/calendar/rules", headers={"Authorization": f"Bearer {key}"}).status_code
        == 401
    )
    assert (
        client.get(
            "/api/v1/calendar/rules", headers={"Authorization": "Bearer nc_wrong"}
        ).status_code
        == 401
    )


def test_web_session_also_authenticates_the_api(client, users):
    client.force_login(users["canbo"])
    rules = client.get("/api/v1/calendar/rules").json()
    assert "petition.handle" in {r["code"] for r in rules}


def test_openapi_schema_lists_the_endpoints(client, org):
    schema = client.get("/api/v1/openapi.json").json()
    for path in [
        "/api/v1/calendar/due-date",
        "/api/v1/calendar/rules",
        "/api/v1/org/agencies",
        "/api/v1/org/units",
    ]:
        assert path in schema["paths"]


def test_create_api_token_prints_a_token_stored_only_as_a_hash(users):
    from io import StringIO

    from django.core.management import call_command

    from noichinh.org.models import ApiToken

    out = StringIO()
    call_command("create_api_token", "canbo", stdout=out)
    key = out.getvalue().strip()
    assert key.startswith("nc_")
    stored = ApiToken.objects.get(user=users["canbo"])
    assert stored.key_hash == ApiToken.hash_key(key) and key not in stored.key_hash


def test_agencies_endpoint_searches_without_diacritics(api_client, users):
    body = api_client.as_user(users["canbo"]).get("/api/v1/org/agencies", q="thanh tra tinh").json()
    assert [a["code"] for a in body["items"]] == ["TTT"]


def test_input_errors_are_explained_in_vietnamese(api_client, users):
    """Pydantic's own messages are English; the API's 422s say what is wrong in Vietnamese."""
    response = api_client.as_user(users["canbo"]).get("/api/v1/calendar/due-date")
    assert response.status_code == 422
    errors = response.json()["detail"]
    assert {e["msg"] for e in errors} == {"Thiếu trường bắt buộc."}
    assert {e["loc"][-1] for e in errors} >= {"rule", "start"}
    response = api_client.as_user(users["canbo"]).get("/api/v1/petitions/", agency="abc")
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "Phải là số nguyên."
    # Our own bounded types keep their (Vietnamese) message.
    response = api_client.as_user(users["canbo"]).get("/api/v1/petitions/", agency=2**63)
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "Mã bản ghi không hợp lệ."
