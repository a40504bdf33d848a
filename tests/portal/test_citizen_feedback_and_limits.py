"""Long text is refused with a message (never cut); the limit is shown as one types. After an
answer the sender says whether they are satisfied; an unsatisfied answer reaches the head and
is counted."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from noichinh.petitions.models import Notification, Petition
from noichinh.portal import selectors, services
from noichinh.portal.models import CitizenFeedback

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 5, 4)


def _form(agencies, **extra):
    data = {
        "type": "complaint",
        "agency": agencies["TTT"].pk,
        "field": "land",
        "content": "Khiếu nại quyết định thu hồi đất.",
        "sender_name": "Lê Văn Công Khai",
        "sender_address": "Thôn Đông, xã Hòa Bình",
    }
    data.update(extra)
    return data


def test_a_text_over_the_limit_is_refused_with_a_message_and_kept(client, agencies):
    long = "Nội dung rất dài. " * 1199 + "Hết."  # 21.586 characters
    response = client.post("/portal/gui-don/", _form(agencies, content=long))
    assert response.status_code == 200
    body = response.content.decode()
    assert "quá giới hạn 20.000 ký tự" in body and "dài 21.586 ký tự" in body
    assert Petition.objects.count() == 0
    assert response.context["form"]["content"].value() == long  # what was typed is kept


def test_the_limit_is_shown_and_no_maxlength_cuts_the_text(client, org):
    body = client.get("/portal/gui-don/").content.decode()
    assert 'data-limit="20000"' in body and "Tối đa 20.000 ký tự" in body
    assert "maxlength=" not in body.split('name="content"')[0].rsplit("<textarea", 1)[-1]
    assert 'maxlength="20000"' not in body


def test_the_services_refuse_long_text_too(agencies):
    with pytest.raises(ValidationError) as exc:
        services.portal_submit(
            agency=agencies["TTT"],
            type="complaint",
            content="x" * (services.CONTENT_MAX + 1),
            summary="y" * (services.SUMMARY_MAX + 1),
            sender_name="A",
            sender_address="B",
        )
    assert set(exc.value.message_dict) == {"content", "summary"}
    assert Petition.objects.count() == 0


def _answered(agencies, users):
    petition, _ = services.portal_submit(
        agency=agencies["TTT"],
        type="complaint",
        content="Khiếu nại quyết định thu hồi đất.",
        sender_name="Lê Văn Công Khai",
        sender_address="Thôn Đông",
    )
    return petition


@time_machine.travel(TODAY)
def test_feedback_waits_for_an_answer(agencies, users):
    petition = _answered(agencies, users)
    with pytest.raises(ValidationError):
        services.citizen_feedback_give(petition=petition, satisfied=False)
    services.portal_answer(actor=users["canbo"], petition=petition, kind="question", text="Bổ sung")
    with pytest.raises(ValidationError):
        services.citizen_feedback_give(petition=petition, satisfied=False)
    services.portal_answer(actor=users["canbo"], petition=petition, kind="answer", text="Trả lời")
    fb = services.citizen_feedback_give(
        petition=petition, satisfied=False, comment="Chưa thỏa đáng"
    )
    assert not fb.satisfied and fb.petition == petition


@time_machine.travel(TODAY)
def test_an_unsatisfied_answer_reaches_the_head_and_is_counted(agencies, users, client):
    petition = _answered(agencies, users)
    services.portal_answer(actor=users["canbo"], petition=petition, kind="answer", text="Trả lời")
    services.citizen_feedback_give(petition=petition, satisfied=False, comment="Chưa thỏa đáng")
    head = users["truong_tt"]
    assert Notification.objects.filter(user=head, kind="portal_unsatisfied").count() == 1
    client.force_login(head)
    assert "Không hài lòng" in client.get(f"/petitions/{petition.pk}/").content.decode()
    home = client.get("/").content.decode()
    assert 'data-testid="panel-unsatisfied">1<' in home
    listing = client.get("/portal/danh-gia/")
    assert listing.context["page_obj"].paginator.count == 1
    assert "Chưa thỏa đáng" in listing.content.decode()
    figure = selectors.unsatisfied_count(
        agency_ids=[agencies["TTT"].pk], unit_ids=None, start=TODAY, end=TODAY
    )
    assert figure == listing.context["page_obj"].paginator.count == 1
    assert (
        selectors.unsatisfied_count(
            agency_ids=[agencies["CA"].pk], unit_ids=None, start=TODAY, end=TODAY
        )
        == 0
    )
    # Changed to satisfied: no longer counted; one record, the change audited.
    services.citizen_feedback_give(petition=petition, satisfied=True)
    assert CitizenFeedback.objects.count() == 1
    assert selectors.unsatisfied_count(agency_ids=None, unit_ids=None, start=None, end=None) == 0


@time_machine.travel(TODAY)
def test_other_agencies_do_not_see_the_feedback(agencies, users, client):
    petition = _answered(agencies, users)
    services.portal_answer(actor=users["canbo"], petition=petition, kind="answer", text="Trả lời")
    services.citizen_feedback_give(petition=petition, satisfied=False, comment="Chưa thỏa đáng")
    client.force_login(users["truongdonvi"])  # head of the police, not of the inspectorate
    assert client.get("/portal/danh-gia/").context["page_obj"].paginator.count == 0
    assert "panel-unsatisfied" not in client.get("/").content.decode()


@time_machine.travel(TODAY)
def test_a_long_comment_is_refused(agencies, users):
    petition = _answered(agencies, users)
    services.portal_answer(actor=users["canbo"], petition=petition, kind="answer", text="Trả lời")
    with pytest.raises(ValidationError) as exc:
        services.citizen_feedback_give(petition=petition, satisfied=False, comment="x" * 501)
    assert "quá giới hạn 500 ký tự" in str(exc.value)
    assert CitizenFeedback.objects.count() == 0


@time_machine.travel(TODAY)
def test_the_api_lists_feedback_only_to_who_may_see_the_petition(agencies, users, api_client):
    petition = _answered(agencies, users)
    services.portal_answer(actor=users["canbo"], petition=petition, kind="answer", text="Trả lời")
    services.citizen_feedback_give(petition=petition, satisfied=False, comment="Chưa thỏa đáng")
    mine = api_client.as_user(users["truong_tt"]).get("/api/v1/portal/feedback").json()
    assert [(i["petition_id"], i["satisfied"]) for i in mine["items"]] == [(petition.pk, False)]
    other = api_client.as_user(users["truongdonvi"]).get("/api/v1/portal/feedback").json()
    assert other["items"] == []


def test_no_portal_text_has_a_maxlength_that_cuts_silently(client, agencies, users):
    from noichinh.portal.forms import AnswerForm, CitizenProtectionForm, FeedbackForm, ReplyForm

    for form in (AnswerForm(), CitizenProtectionForm(), FeedbackForm(), ReplyForm()):
        for name, field in form.fields.items():
            if field.widget.__class__.__name__ == "Textarea":
                html = str(form[name])
                assert "maxlength" not in html and "data-limit" in html, (form, name)


def test_an_officer_answer_over_the_limit_is_refused(agencies, users):
    petition = _answered(agencies, users)
    with pytest.raises(ValidationError) as exc:
        services.portal_answer(
            actor=users["canbo"], petition=petition, kind="answer", text="x" * 10001
        )
    assert "quá giới hạn 10.000 ký tự" in str(exc.value)
