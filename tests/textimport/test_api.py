"""POST /api/v1/import/extract: the draft as JSON, creating nothing; clear 400s; 403 for others."""

import json

import pytest

from .expectations import DATA
from .helpers import row_counts as _counts

URL = "/api/v1/import/extract"
SEED = (DATA / "seed_003.txt").read_text(encoding="utf-8")


@pytest.mark.django_db
def test_secretariat_gets_the_draft_in_the_issue_shape(api_client, users):
    before = _counts()
    response = api_client.as_user(users["thuky"]).post(URL, {"text": SEED})
    assert response.status_code == 200, response.content
    draft = response.json()
    assert set(draft) >= {"event", "chair", "indicators", "tasks", "awards"}
    assert {"type", "blocs", "province", "date", "period"} <= set(draft["event"])
    assert draft["event"]["period"] == "2020-H1"
    assert draft["event"]["province"] == "Lạng Sơn"
    assert draft["chair"] == {
        "name": "Hoàng Văn Nghiệm",
        "titles": [
            "Phó Bí thư Thường trực Tỉnh ủy",
            "Chủ tịch HĐND tỉnh",
            "Trưởng Ban Chỉ đạo cải cách tư pháp tỉnh",
        ],
        "co_chairs": [],
    }
    first = draft["indicators"][0]
    assert {"text", "value", "qualifier", "unit", "subject", "indicator_code"} <= set(first)
    assert (first["value"], first["qualifier"], first["unit"]) == (5, "eq", "vụ án")
    assert SEED[first["span"][0] : first["span"][1]] == first["text"]
    assert len(draft["tasks"]) == 5
    assert all({"text", "agency"} <= set(t) for t in draft["tasks"])
    assert _counts() == before


@pytest.mark.django_db
def test_admin_may_extract(api_client, users):
    response = api_client.as_user(users["admin"]).post(URL, {"text": SEED})
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["canbo", "truongdonvi", "lanhdao"])
def test_other_roles_are_refused(api_client, users, username):
    response = api_client.as_user(users[username]).post(URL, {"text": SEED})
    assert response.status_code == 403
    assert "thường trực" in response.json()["detail"]


@pytest.mark.django_db
def test_anonymous_is_refused(client):
    response = client.post(URL, {"text": SEED}, content_type="application/json")
    assert response.status_code == 401


@pytest.mark.django_db
def test_award_counts_come_back_per_issuer_and_form(api_client, users):
    text = (DATA / "seed_004.txt").read_text(encoding="utf-8")
    draft = api_client.as_user(users["thuky"]).post(URL, {"text": text}).json()
    expected = json.loads((DATA / "seed_004.json").read_text(encoding="utf-8"))
    got = [
        {k: a[k] for k in ("issuer", "form", "collectives", "individuals")} for a in draft["awards"]
    ]
    assert got == expected["awards"]


@pytest.mark.django_db
def test_text_without_numbers_is_a_draft_without_indicators_and_a_warning(api_client, users):
    before = _counts()
    text = "Sáng nay, khối Nội chính tỉnh họp giao ban, bàn các nhiệm vụ trọng tâm thời gian tới."
    response = api_client.as_user(users["thuky"]).post(URL, {"text": text})
    assert response.status_code == 200
    draft = response.json()
    assert draft["indicators"] == []
    assert any("Không tìm thấy số liệu" in w["message"] for w in draft["warnings"])
    assert _counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "phrase"),
    [
        ({"text": ""}, "trống"),
        ({"text": "   \n\t "}, "trống"),
        ({"text": None}, "trống"),
        ({}, "Thiếu"),
        ({"text": 42}, "chuỗi"),
        ({"text": ["a"]}, "chuỗi"),
        ([1, 2], "Thiếu"),
        ({"text": "a" * (1024 * 1024 + 1)}, "quá dài"),
        ({"text": "\x00\x01\x02binary\x00\xff" * 50}, "nhị phân"),
        ({"text": "".join(chr(c) for c in range(1, 32)) * 40}, "ký tự lạ"),
    ],
    ids=[
        "empty",
        "blank",
        "null",
        "missing",
        "number",
        "list",
        "not-object",
        "over-1MB",
        "binary",
        "control-chars",
    ],
)
def test_bad_text_gets_a_clear_400_and_creates_nothing(api_client, users, payload, phrase):
    before = _counts()
    response = api_client.as_user(users["thuky"]).post(URL, payload)
    assert response.status_code == 400, response.content
    assert phrase in response.json()["detail"]
    assert _counts() == before


@pytest.mark.django_db
def test_body_that_is_not_json_gets_a_400(client, users, api_client):
    api_client.as_user(users["thuky"])
    response = client.post(
        URL,
        b"\x89PNG\r\n\x1a\n\x00\x00",
        content_type="application/json",
        headers=api_client.headers,
    )
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


@pytest.mark.django_db
def test_request_larger_than_the_upload_limit_gets_a_400(client, users, api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    api_client.as_user(users["thuky"])
    response = client.post(
        URL,
        json.dumps({"text": "x" * 5000}),
        content_type="application/json",
        headers=api_client.headers,
    )
    assert response.status_code == 400
    assert "quá dài" in response.json()["detail"]
