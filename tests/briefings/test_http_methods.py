"""Issue 22: every view of briefings and textimport declares its methods; a GET to a URL that
only takes a POST answers 405 and changes nothing."""

import pytest

from noichinh.briefings.models import ConferenceFigure

pytestmark = pytest.mark.django_db


def test_a_get_to_each_post_only_url_answers_405(client, users, conference):
    figure = ConferenceFigure.objects.create(conference=conference, value=7, text="7 vụ")
    client.force_login(users["admin"])
    for url in (
        f"/briefings/figures/{figure.pk}/delete/",
        f"/briefings/restore/conference/{conference.pk}/",
        "/import/history/1/restore/",
    ):
        assert client.get(url).status_code == 405, url
    assert ConferenceFigure.objects.filter(pk=figure.pk).exists()


def test_a_form_page_takes_get_and_post_only(client, users, conference):
    client.force_login(users["thuky"])
    for url in ("/briefings/new/", f"/briefings/{conference.pk}/edit/", "/import/"):
        assert client.get(url).status_code == 200, url
        assert client.put(url).status_code == 405, url
    for url in ("/briefings/", "/briefings/tasks/", "/import/history/"):
        assert client.post(url).status_code == 405, url
