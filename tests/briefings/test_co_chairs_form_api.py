"""Co-chairs of a conference (found by the text import) can be typed, corrected and read
through the conference form and the API, not only through an import."""

import pytest

from noichinh.briefings.models import Conference

pytestmark = pytest.mark.django_db


def test_co_chairs_are_typed_in_the_form_one_per_line(client, users, blocs):
    client.force_login(users["thuky"])
    response = client.post(
        "/briefings/new/",
        {
            "kind": "briefing",
            "blocs": [blocs["NOI_CHINH"].pk],
            "date": "12/10/2022",
            "chair_name": "Phạm Minh Đức",
            "co_chairs": "Trần Văn An\n\n  Lê Thị Hoa  \n",
        },
    )
    assert response.status_code == 302
    conference = Conference.objects.get()
    assert conference.co_chair_list == ["Trần Văn An", "Lê Thị Hoa"]
    detail = client.get(f"/briefings/{conference.pk}/").content.decode()
    assert "Đồng chủ trì" in detail and "Trần Văn An; Lê Thị Hoa" in detail


def test_co_chairs_are_shown_and_corrected_in_the_edit_form(client, users, conference):
    conference.co_chairs = "Trần Văn An"
    conference.save()
    client.force_login(users["thuky"])
    page = client.get(f"/briefings/{conference.pk}/edit/").content.decode()
    assert 'name="co_chairs"' in page and "Trần Văn An" in page
    data = {
        "kind": conference.kind,
        "blocs": [b.pk for b in conference.blocs.all()],
        "period_kind": "Q3",
        "period_year": "2022",
        "date": "10/10/2022",
        "chair_name": conference.chair_name,
        "chair_titles": conference.chair_titles,
        "attendee_agencies": [a.pk for a in conference.attendee_agencies.all()],
        "co_chairs": "Nguyễn Văn Bình",
    }
    response = client.post(f"/briefings/{conference.pk}/edit/", data)
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.co_chair_list == ["Nguyễn Văn Bình"]


def test_a_co_chair_may_not_be_the_chair(client, users, blocs):
    client.force_login(users["thuky"])
    response = client.post(
        "/briefings/new/",
        {
            "kind": "briefing",
            "blocs": [blocs["NOI_CHINH"].pk],
            "date": "12/10/2022",
            "chair_name": "Phạm Minh Đức",
            "co_chairs": "Phạm Minh Đức",
        },
    )
    assert response.status_code == 200
    assert "Người chủ trì không ghi lại ở đồng chủ trì." in response.content.decode()
    assert not Conference.objects.exists()


def test_the_api_lists_co_chairs(api_client, users, conference):
    conference.co_chairs = "Trần Văn An\nLê Thị Hoa"
    conference.save()
    response = api_client.as_user(users["thuky"]).get("/api/v1/briefings/conferences")
    assert response.status_code == 200, response.content
    [row] = [r for r in response.json()["items"] if r["id"] == conference.pk]
    assert row["co_chairs"] == ["Trần Văn An", "Lê Thị Hoa"]
