"""All of a form's errors in one round, each beside its field and linked to it (issue 23 §2)."""

import lxml.html
import pytest
from django.urls import reverse

from noichinh.briefings import services as briefings


def _linked_errors(html: str) -> dict[str, str]:
    """For each invalid input: its name → the text of the elements its aria-describedby names."""
    doc = lxml.html.fromstring(html)
    out = {}
    for widget in doc.xpath('//*[@aria-invalid="true"]'):
        ids = (widget.get("aria-describedby") or "").split()
        texts = []
        for ident in ids:
            found = doc.xpath(f'//*[@id="{ident}"]')
            assert found, f"aria-describedby names #{ident}, which is not on the page"
            texts.append(found[0].text_content().strip())
        out[widget.get("name")] = " ".join(texts)
    return out


@pytest.mark.django_db
def test_a_visit_with_three_mistakes_shows_the_three_beside_their_fields(client, users, agencies):
    client.force_login(users["canbo"])
    response = client.post(
        reverse("petitions:visit_create"),
        {
            "agency": agencies["TTT"].pk,
            "visited_on": "31/02/2026",
            "kind": "regular",
            "petition_type": "complaint",
            "field": "land",
            "people_count": "7,5",
            "content": "",
            "answer": "guided",
        },
    )
    assert response.status_code == 200
    linked = _linked_errors(response.content.decode())
    assert set(linked) >= {"visited_on", "people_count", "content"}
    assert "Số người phải là số nguyên." in linked["people_count"]
    assert linked["content"] and linked["visited_on"]
    # The typed values are kept.
    assert 'value="7,5"' in response.content.decode()


@pytest.mark.django_db
def test_every_help_text_a_widget_points_at_is_on_the_page(client, users, conference):
    figure = briefings.figure_add(actor=users["thuky"], conference=conference, value=5, unit="vụ")
    pages = {
        "canbo": [reverse("petitions:visit_create"), reverse("petitions:petition_create")],
        "admin": [reverse("cases:case_create"), reverse("core:calendar_notice")],
        "thuky": [f"/briefings/figures/{figure.pk}/edit/"],
    }
    pointed = 0
    for who, urls in pages.items():
        client.force_login(users[who])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            doc = lxml.html.fromstring(response.content.decode())
            for widget in doc.xpath("//*[@aria-describedby]"):
                for ident in widget.get("aria-describedby").split():
                    assert doc.xpath(f'//*[@id="{ident}"]'), f"{url}: #{ident}"
                    pointed += 1
    assert pointed >= 3


@pytest.mark.django_db
def test_a_conference_figure_error_is_linked_to_its_box(client, users, conference):
    figure = briefings.figure_add(actor=users["thuky"], conference=conference, value=5, unit="vụ")
    client.force_login(users["thuky"])
    response = client.post(
        f"/briefings/figures/{figure.pk}/edit/", {"value": "7,5 cuộc", "qualifier": "eq"}
    )
    assert response.status_code == 200
    linked = _linked_errors(response.content.decode())
    assert "Số cuộc phải là số nguyên." in linked["value"]
    # The help text stays linked too.
    assert "Ví dụ" in linked["value"]
