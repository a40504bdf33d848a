"""Issue 18: the year of a draft comes from the text, its date line or a reference date the
user gives, never from today."""

import pytest
import time_machine

from .helpers import form_data

URL = "/import/"
API = "/api/v1/import/extract"
NO_YEAR = (
    "Giao ban công tác nội chính quý II.\nTrong quý II, các cơ quan đã tiếp 210 lượt công dân."
)

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-12-03 09:00 +0700")
def test_a_text_without_any_year_gets_no_year_from_today(client, users):
    client.force_login(users["thuky"])
    response = client.post(URL, {"text": NO_YEAR, "action": "extract"})
    assert response.status_code == 200
    data = form_data(response.content.decode(), "review-form")
    assert data["period"] == [""]
    assert "Không xác định được năm" in response.content.decode()


def test_the_reference_date_given_on_the_form_gives_the_year(client, users):
    client.force_login(users["thuky"])
    response = client.post(
        URL, {"text": NO_YEAR, "reference_date": "15/07/2019", "action": "extract"}
    )
    assert response.status_code == 200
    assert form_data(response.content.decode(), "review-form")["period"] == ["2019-Q2"]


def test_a_bad_reference_date_is_refused_in_vietnamese(client, users):
    client.force_login(users["thuky"])
    response = client.post(
        URL, {"text": NO_YEAR, "reference_date": "31/02/2019", "action": "extract"}
    )
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in response.content.decode()
    assert 'data-testid="review-form"' not in response.content.decode()


@time_machine.travel("2026-12-03 09:00 +0700")
def test_the_api_takes_no_year_from_today_and_takes_a_reference_date(api_client, users):
    client = api_client.as_user(users["thuky"])
    assert client.post(API, {"text": NO_YEAR}).json()["event"]["period"] is None
    response = client.post(API, {"text": NO_YEAR, "reference_date": "2019-07-15"})
    assert response.json()["event"]["period"] == "2019-Q2"


def test_the_api_refuses_a_bad_reference_date(api_client, users):
    response = api_client.as_user(users["thuky"]).post(
        API, {"text": NO_YEAR, "reference_date": "hôm qua"}
    )
    assert response.status_code == 400
    assert "Ngày tham chiếu" in response.json()["detail"]
