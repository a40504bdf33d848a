"""can_reveal_identity and the other portal rules, both ways, for every demo role."""

import pytest

from noichinh.petitions import permissions as petitions_permissions
from noichinh.portal import permissions as portal_permissions

pytestmark = pytest.mark.django_db

# Only the assigned officer (canbo, TTT) and the head of the resolving agency (truong_tt).
REVEAL = {
    "admin": False,
    "thuky": False,
    "canbo": True,
    "truongdonvi": False,
    "lanhdao": False,
    "canbo_ca": False,
    "truong_tt": True,
    "canbo_tcd": False,
    "canbo_vks": False,
    "canbo_dv": False,
}


@pytest.mark.parametrize("username,allowed", sorted(REVEAL.items()))
def test_only_assigned_officer_and_resolving_head_may_reveal(
    denunciation, users, username, allowed
):
    assert portal_permissions.can_reveal_identity(users[username], denunciation) is allowed


def test_every_demo_role_is_covered(users):
    assert set(users) <= set(REVEAL), "a new demo user needs an expectation"


def test_officer_of_the_agency_not_assigned_cannot_reveal(denunciation, users, agencies):
    from noichinh.org.models import User

    colleague = User.objects.create_user(
        username="canbo_tt2", password="x", role=User.OFFICER, agency=agencies["TTT"]
    )
    assert petitions_permissions.can_handle_petition(colleague, denunciation)
    assert not portal_permissions.can_reveal_identity(colleague, denunciation)


def test_inactive_head_cannot_reveal(denunciation, users):
    head = users["truong_tt"]
    head.is_active = False
    assert not portal_permissions.can_reveal_identity(head, denunciation)


def test_nobody_reveals_a_forwarded_denunciation_at_the_forwarding_agency(denunciation, users):
    denunciation.state = "forwarded"
    assert not portal_permissions.can_reveal_identity(users["truong_tt"], denunciation)
    assert not portal_permissions.can_reveal_identity(users["canbo"], denunciation)


def test_there_is_nothing_to_reveal_on_a_complaint(denunciation, users):
    denunciation.type = "complaint"
    assert not portal_permissions.can_reveal_identity(users["truong_tt"], denunciation)


@pytest.mark.parametrize(
    "username,allowed",
    [("canbo", True), ("truong_tt", True), ("admin", True), ("thuky", False), ("lanhdao", False)]
    + [("canbo_ca", False), ("truongdonvi", False), ("canbo_tcd", False)],
)
def test_reveal_log_readers(denunciation, users, username, allowed):
    assert portal_permissions.can_view_reveal_log(users[username], denunciation) is allowed


@pytest.mark.parametrize(
    "username,allowed",
    [("canbo", True), ("truong_tt", True), ("admin", False), ("thuky", False), ("lanhdao", False)]
    + [("canbo_ca", False), ("truongdonvi", False), ("canbo_tcd", False), ("canbo_vks", False)],
)
def test_who_answers_the_sender_through_the_portal(denunciation, users, username, allowed):
    assert portal_permissions.can_answer_via_portal(users[username], denunciation) is allowed
    assert portal_permissions.can_issue_portal_code(users[username], denunciation) is allowed


@pytest.mark.parametrize(
    "username,allowed",
    [("truong_tt", True), ("canbo", False), ("admin", False), ("truongdonvi", False)]
    + [("thuky", False), ("lanhdao", False)],
)
def test_only_the_resolving_head_decides_protection(denunciation, users, username, allowed):
    from noichinh.portal import services

    req = services.protection_request_create(
        actor=None, petition=denunciation, measures=["job"], grounds="Bị đe dọa cho nghỉ việc"
    )
    assert portal_permissions.can_decide_protection(users[username], req) is allowed


@pytest.mark.parametrize(
    "username,visible",
    [("truong_tt", True), ("canbo", True), ("admin", True), ("thuky", False), ("lanhdao", False)]
    + [("canbo_ca", False), ("truongdonvi", False)],
)
def test_who_sees_protection_requests(denunciation, users, username, visible):
    from noichinh.portal import services

    req = services.protection_request_create(
        actor=None, petition=denunciation, measures=["life"], grounds="Bị nhắn tin đe dọa"
    )
    assert portal_permissions.can_view_protection(users[username], req) is visible
    assert portal_permissions.visible_protection_requests(users[username]).filter(
        pk=req.pk
    ).exists() is (visible)


def test_identifying_attachment_opens_only_for_those_who_may_reveal(denunciation, users):
    att = denunciation.attachments.get()
    assert att.is_identifying
    for username, allowed in REVEAL.items():
        assert portal_permissions.can_download_attachment(users[username], att) is allowed, username
