"""Duplicate proposals never betray a sealed denunciation (issue 15 §1).

A match on a denouncer's sealed identity (same name + CCCD, same CCCD) exists only for a user
who may reveal that denunciation's identity (``can_reveal_identity``). For everyone else there
is no such match: not on the petition page, not in the API, not in counts or ordering. A
denunciation that user may see is still proposed on its content alone (no "same sender"
reason); one of an agency that user may not see is not proposed at all.
"""

import pytest
from django.urls import reverse

from noichinh.core import clock
from noichinh.petitions import services
from noichinh.portal import services as portal_services
from tests.portal.conftest import CONTENT, IDENTITY

pytestmark = pytest.mark.django_db

OTHER_CONTENT = "Đề nghị xem xét chế độ trợ cấp thương binh cho gia đình ông ở xã Phú Mỹ"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def sealed(agencies):
    """A denunciation with a name and CCCD sent through the portal to the inspectorate, not
    yet assigned: its officers may not reveal it, its head may."""
    petition, _code = portal_services.portal_submit(
        agency=agencies["TTT"],
        type="denunciation",
        field="land",
        summary="Tố cáo sai phạm đất đai",
        content=CONTENT,
        **IDENTITY,
    )
    return petition


def _register(user, agency, content=OTHER_CONTENT, type="recommendation", **kw):
    """A petition with the same name and CCCD as the sealed denunciation."""
    data = dict(
        sender_name=IDENTITY["sender_name"],
        sender_id_number=IDENTITY["sender_id_number"],
        sender_address="Một địa chỉ khác",
    )
    data.update(kw)
    return services.petition_create(
        actor=user,
        agency=agency,
        received_on=clock.today(),
        content=content,
        type=type,
        field="policy",
        **data,
    )


def _page_proposals(client, user, petition):
    client.force_login(user)
    response = client.get(reverse("petitions:petition_detail", args=[petition.pk]))
    assert response.status_code == 200
    return response, [c.petition.pk for c in response.context["proposals"]]


def _api_proposals(api_client, user, petition):
    response = api_client.as_user(user).get(f"/api/v1/petitions/{petition.pk}/duplicates")
    assert response.status_code == 200
    return response.json()


def test_officer_who_may_not_reveal_sees_no_trace_of_the_sealed_match_on_the_page(
    client, users, sealed
):
    mine = _register(users["canbo"], sealed.agency)
    response, proposed = _page_proposals(client, users["canbo"], mine)
    assert proposed == []
    body = response.content.decode()
    assert 'data-testid="proposal"' not in body
    assert "cùng người gửi" not in body and "cùng số CCCD" not in body
    assert reverse("petitions:petition_detail", args=[sealed.pk]) not in body
    assert "Không thấy đơn nào có thể trùng." in body


def test_officer_who_may_not_reveal_sees_no_trace_in_the_api(api_client, users, sealed):
    mine = _register(users["canbo"], sealed.agency)
    assert _api_proposals(api_client, users["canbo"], mine) == []


def test_officer_of_another_agency_sees_no_trace_on_page_or_api(
    client, api_client, users, agencies, sealed
):
    theirs = _register(users["canbo_ca"], agencies["CA"])
    response, proposed = _page_proposals(client, users["canbo_ca"], theirs)
    assert proposed == []
    body = response.content.decode()
    assert agencies["TTT"].name not in body.split('id="trung"')[1].split("</table>")[0]
    assert "cùng người gửi" not in body and "cùng số CCCD" not in body
    assert _api_proposals(api_client, users["canbo_ca"], theirs) == []


def test_a_sealed_match_does_not_push_out_or_reorder_the_other_proposals(api_client, users, sealed):
    plain = [
        _register(users["canbo"], sealed.agency, sender_name=f"Người gửi {n}", sender_id_number="")
        for n in range(3)
    ]
    mine = _register(users["canbo"], sealed.agency)
    got = _api_proposals(api_client, users["canbo"], mine)
    # The three earlier petitions of the same content, none of them the denunciation.
    assert sorted(c["id"] for c in got) == sorted(p.pk for p in plain)
    assert all(c["reasons"] == [c["reasons"][0]] for c in got)
    assert all(c["reasons"][0].startswith("nội dung giống") for c in got)


def test_head_who_may_reveal_sees_the_match(client, api_client, users, sealed):
    mine = _register(users["canbo"], sealed.agency)
    response, proposed = _page_proposals(client, users["truong_tt"], mine)
    assert proposed == [sealed.pk]
    assert "cùng người gửi, cùng số CCCD" in response.content.decode()
    got = _api_proposals(api_client, users["truong_tt"], mine)
    assert [c["id"] for c in got] == [sealed.pk]
    assert got[0]["reasons"][:2] == ["cùng người gửi", "cùng số CCCD"]


def test_assigned_officer_who_may_reveal_sees_the_match(api_client, users, sealed):
    services.petition_assign(actor=users["truong_tt"], petition=sealed, officer=users["canbo"])
    mine = _register(users["canbo"], sealed.agency)
    got = _api_proposals(api_client, users["canbo"], mine)
    assert [c["id"] for c in got] == [sealed.pk]
    assert "cùng số CCCD" in got[0]["reasons"]


def test_same_agency_denunciation_on_content_alone_shows_no_sender_reason(
    client, api_client, users, sealed
):
    mine = _register(users["canbo"], sealed.agency, content=CONTENT, type="complaint")
    response, proposed = _page_proposals(client, users["canbo"], mine)
    assert proposed == [sealed.pk]
    body = response.content.decode()
    assert "nội dung giống" in body
    assert "cùng người gửi" not in body and "cùng số CCCD" not in body
    got = _api_proposals(api_client, users["canbo"], mine)
    assert [c["id"] for c in got] == [sealed.pk]
    assert len(got[0]["reasons"]) == 1 and got[0]["reasons"][0].startswith("nội dung giống")


def test_denunciation_of_an_agency_one_may_not_see_is_not_proposed_on_content(
    client, api_client, users, agencies, sealed
):
    theirs = _register(users["canbo_ca"], agencies["CA"], content=CONTENT, type="complaint")
    _response, proposed = _page_proposals(client, users["canbo_ca"], theirs)
    assert proposed == []
    assert _api_proposals(api_client, users["canbo_ca"], theirs) == []


def test_a_sealed_petition_lends_its_keys_only_to_those_who_may_reveal_it(
    client, api_client, users, agencies
):
    """The sealed side as the petition looked at: its hidden keys must not point at an earlier
    petition whose sender is in plain sight."""
    earlier = _register(users["canbo"], agencies["TTT"], type="complaint")
    petition, _code = portal_services.portal_submit(
        agency=agencies["TTT"],
        type="denunciation",
        field="land",
        content=CONTENT,
        **IDENTITY,
    )
    _response, proposed = _page_proposals(client, users["canbo"], petition)
    assert earlier.pk not in proposed
    assert _api_proposals(api_client, users["canbo"], petition) == []
    got = _api_proposals(api_client, users["truong_tt"], petition)
    assert [c["id"] for c in got] == [earlier.pk]


def test_linking_to_a_denunciation_one_may_not_see_is_refused(
    client, api_client, users, agencies, sealed
):
    theirs = _register(users["canbo_ca"], agencies["CA"])
    response = api_client.as_user(users["canbo_ca"]).post(
        f"/api/v1/petitions/{theirs.pk}/transition",
        {"action": "link_duplicate", "original_id": sealed.pk},
    )
    assert response.status_code == 404
    assert sealed.receipt_no not in response.content.decode()
    client.force_login(users["canbo_ca"])
    response = client.post(
        reverse("petitions:petition_link_duplicate", args=[theirs.pk]),
        {"original": sealed.pk},
        follow=True,
    )
    assert "Không tìm thấy đơn được chọn." in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.duplicate_of_id is None


def test_a_sealed_match_shown_is_recorded_once_in_the_reveal_history(
    client, api_client, users, sealed
):
    """The match tells the head who denounced (the other petition's sender is in plain
    sight): it joins the reveal history, once per viewer and pair, page or API."""
    from noichinh.core.models import AuditEntry
    from noichinh.portal import selectors as portal_selectors

    mine = _register(users["canbo"], sealed.agency)
    _page_proposals(client, users["canbo"], mine)
    assert not AuditEntry.objects.filter(action="reveal_match").exists()
    for _ in range(2):
        _page_proposals(client, users["truong_tt"], mine)
        _api_proposals(api_client, users["truong_tt"], mine)
    [entry] = AuditEntry.objects.filter(action="reveal_match")
    assert entry.actor == users["truong_tt"] and entry.object_id == str(sealed.pk)
    assert mine.receipt_no in entry.reason and "cùng số CCCD" in entry.reason
    assert IDENTITY["sender_name"] not in entry.reason + str(entry.changes)
    assert [e.action for e in portal_selectors.reveal_log([sealed])] == ["reveal_match"]
    client.force_login(users["truong_tt"])
    panel = client.get(f"/portal/don/{sealed.pk}/").content.decode()
    assert "Đối chiếu đơn trùng cùng người gửi" in panel


def test_a_plain_petition_cannot_be_marked_sent_again_of_a_denunciation(users, sealed):
    """ "Gửi lại" says one sender: it would name the denouncer to whoever reads the plain one.
    Marking it a duplicate on content stays possible."""
    from django.core.exceptions import ValidationError

    mine = _register(users["canbo"], sealed.agency)
    with pytest.raises(ValidationError) as exc:
        services.petition_link_duplicate(
            actor=users["truong_tt"], petition=mine, original=sealed, as_repeat=True
        )
    assert "làm lộ người tố cáo" in " ".join(exc.value.messages)
    mine.refresh_from_db()
    assert mine.duplicate_of_id is None and not mine.is_repeat
    services.petition_link_duplicate(actor=users["truong_tt"], petition=mine, original=sealed)
    mine.refresh_from_db()
    assert mine.duplicate_of_id == sealed.pk and not mine.is_repeat
