"""Two confirmations of the same draft at the same moment (a double click, two tabs) create
one conference: the second waits for the first's token and answers its conference."""

import threading

import pytest
from django.db import connection

from noichinh.briefings.models import AwardDecision, Conference
from noichinh.textimport import services
from noichinh.textimport.forms import Review

from .expectations import DATA

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)"
)
def test_the_same_draft_confirmed_twice_at_once_is_done_once(org, users):
    from tests.conftest import _ensure_rules

    _ensure_rules()
    text = (DATA / "seed_004.txt").read_text(encoding="utf-8")
    review = Review(draft=services.draft_for_text(text=text), text=text)
    review.event.initial["token"] = services.new_token()
    services.propose_matches(review)
    from django.template.loader import render_to_string

    from .helpers import form_data  # noqa: F401 - the draft as the page would send it

    html = render_to_string(
        "textimport/review.html",
        {"review": review, "event": review.event, "source_html": "", "warnings": []},
    )
    from django.utils.datastructures import MultiValueDict

    bound = Review(MultiValueDict(form_data(html, "review-form")))
    assert bound.is_valid(), bound.event.errors
    draft = bound.to_draft()
    barrier = threading.Barrier(2)
    results, errors = [], []

    def confirm():
        try:
            barrier.wait()
            results.append(services.import_confirm(actor=users["thuky"], draft=draft))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert Conference.objects.count() == 1
    assert AwardDecision.objects.count() == 3
    assert sorted(done for _conference, done in results) == [False, True]
    assert len({conference.pk for conference, _done in results}) == 1
