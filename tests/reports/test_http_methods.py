"""Issue 22 §4: every view declares the methods it answers. A GET to an action that only a
form's POST may trigger answers 405 (and changes nothing); the list and detail pages answer
405 to a POST; the form pages to any other method."""

import pytest
from django.urls import reverse

POST_ONLY = [
    "reports:period_open",
    "reports:period_close",
    "reports:period_reopen",
    "reports:period_remind",
    "reports:submission_upload",
    "reports:submission_approve",
    "reports:submission_return",
    "reports:submission_submit",
    "reports:document_sign",
    "reports:document_correct",
    "reports:document_rebuild",
]

READ_ONLY = [
    ("cases:case_list", {}),
    ("cases:case_detail", {"pk": 1}),
    ("cases:overdue", {}),
    ("cases:decision_list", {}),
    ("cases:figures", {}),
    ("reports:period_list", {}),
    ("reports:period_detail", {"pk": 1}),
    ("reports:document_detail", {"pk": 1}),
    ("reports:official_forms", {}),
    ("org:agency_list", {}),
    ("home", {}),
]

FORMS = [
    ("cases:case_create", {}),
    ("cases:case_edit", {"pk": 1}),
    ("cases:stage_end", {"stage_id": 1}),
    ("reports:period_create", {}),
    ("reports:period_report", {"pk": 1}),
]


def _url(name, kwargs):
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", POST_ONLY)
def test_a_get_to_a_post_only_url_answers_405(name, client, users):
    client.force_login(users["admin"])
    assert client.get(reverse(name, kwargs={"pk": 1})).status_code == 405


@pytest.mark.parametrize(("name", "kwargs"), READ_ONLY)
def test_a_post_to_a_page_that_only_reads_answers_405(name, kwargs, client, users):
    client.force_login(users["admin"])
    assert client.post(_url(name, kwargs)).status_code == 405


@pytest.mark.parametrize(("name", "kwargs"), FORMS)
def test_a_form_page_answers_only_get_and_post(name, kwargs, client, users):
    client.force_login(users["admin"])
    assert client.delete(_url(name, kwargs)).status_code == 405
    assert client.put(_url(name, kwargs)).status_code == 405
