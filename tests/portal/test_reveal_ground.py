"""A reveal names its legal ground, chosen from the cases the Law on Denunciations 2018
allows, and a real reason (issue 15 §8); the reveal history shows the ground, to the
handlers and to the denouncer."""

import pytest
from django.core.exceptions import ValidationError

from noichinh.core.models import AuditEntry
from noichinh.portal import selectors, services
from noichinh.portal.models import RevealGround
from tests.portal.conftest import IDENTITY

pytestmark = pytest.mark.django_db
REASON = "Cần mời người tố cáo đến làm việc để làm rõ nội dung tố cáo"
GROUND = RevealGround.VERIFY


def test_every_ground_cites_the_provision_that_allows_it():
    assert len(RevealGround.choices) >= 3
    for _code, label in RevealGround.choices:
        assert "Luật" in label and ("Điều" in label or "Quyết định" in label), label


def test_a_reveal_records_its_ground_and_the_log_shows_it(denunciation, users):
    services.reveal_identity(
        actor=users["canbo"], petition=denunciation, reason=REASON, ground=GROUND
    )
    entry = AuditEntry.objects.get(action="reveal_identity")
    assert entry.changes["ground"] == [None, GROUND]
    [logged] = selectors.reveal_log([denunciation])
    assert logged.ground_label == RevealGround(GROUND).label


@pytest.mark.parametrize("ground", ["", "tò mò", "other"])
def test_a_reveal_without_a_known_ground_is_refused(denunciation, users, ground):
    with pytest.raises(ValidationError) as exc:
        services.reveal_identity(
            actor=users["canbo"], petition=denunciation, reason=REASON, ground=ground
        )
    assert "căn cứ" in " ".join(exc.value.messages)
    assert not AuditEntry.objects.filter(action="reveal_identity").exists()


@pytest.mark.parametrize(
    "reason",
    ["aaaaaaaaaa", "aaaaa aaaaa aaaaa", "xem xem xem xem xem", "1234567890", "..........", "ok ok"],
)
def test_a_reason_of_repeated_characters_or_words_is_refused(denunciation, users, reason):
    with pytest.raises(ValidationError) as exc:
        services.reveal_identity(
            actor=users["canbo"], petition=denunciation, reason=reason, ground=GROUND
        )
    assert "lý do" in " ".join(exc.value.messages).lower()
    assert not AuditEntry.objects.filter(action="reveal_identity").exists()


def test_reveal_page_asks_for_a_ground_and_refuses_a_fake_reason(client, denunciation, users):
    client.force_login(users["canbo"])
    url = f"/portal/don/{denunciation.pk}/danh-tinh/"
    page = client.get(url).content.decode()
    assert 'name="ground"' in page and RevealGround(GROUND).label in page
    response = client.post(url, {"reason": REASON})
    assert response.status_code == 200
    assert IDENTITY["sender_name"] not in response.content.decode()
    assert "Chọn căn cứ pháp lý" in response.content.decode()
    response = client.post(url, {"reason": REASON, "ground": "tò mò"})
    assert response.status_code == 200
    body = response.content.decode()
    assert IDENTITY["sender_name"] not in body and "Chọn một căn cứ pháp lý" in body
    response = client.post(url, {"reason": "aaaaaaaaaa", "ground": GROUND})
    body = response.content.decode()
    assert response.status_code == 200 and IDENTITY["sender_name"] not in body
    assert "Lý do" in body
    assert not AuditEntry.objects.filter(action="reveal_identity").exists()
    response = client.post(url, {"reason": REASON, "ground": GROUND})
    assert IDENTITY["sender_name"] in response.content.decode()
    panel = client.get(f"/portal/don/{denunciation.pk}/").content.decode()
    assert RevealGround(GROUND).label in panel


def test_api_reveal_needs_a_ground_and_the_log_lists_it(api_client, denunciation, users):
    c = api_client.as_user(users["canbo"])
    url = f"/api/v1/portal/petitions/{denunciation.pk}/reveal"
    assert c.post(url, {"reason": REASON}).status_code in (400, 422)
    assert c.post(url, {"reason": "aaaaaaaaaa", "ground": GROUND}).status_code == 400
    assert not AuditEntry.objects.filter(action="reveal_identity").exists()
    response = c.post(url, {"reason": REASON, "ground": GROUND})
    assert response.status_code == 200 and response.json()["name"] == IDENTITY["sender_name"]
    log = c.get(f"/api/v1/portal/petitions/{denunciation.pk}/reveals").json()
    assert [e["ground"] for e in log] == [GROUND]
    assert log[0]["ground_label"] == RevealGround(GROUND).label


def test_denouncer_sees_when_and_on_which_ground_not_the_reason_or_the_name(
    client, denunciation, users
):
    services.reveal_identity(
        actor=users["truong_tt"], petition=denunciation, reason=REASON, ground=GROUND
    )
    client.post("/portal/tra-cuu/", {"code": denunciation.code})
    body = client.get("/portal/ho-so/").content.decode()
    log = body.split('data-testid="reveal-log"')[1].split("</table>")[0]
    assert RevealGround(GROUND).label in log
    assert users["truong_tt"].title in log and users["truong_tt"].agency.name in log
    assert users["truong_tt"].full_name not in log
    assert REASON not in body


def _classified(petition, actor):
    from noichinh.petitions import services as petition_services

    return petition_services.petition_classify(
        actor=actor,
        petition=petition,
        type="denunciation",
        field="land",
        meets_conditions=True,
        in_competence=False,
    )


def _forward(actor, petition, agencies, **kw):
    from noichinh.core import clock
    from noichinh.petitions import services as petition_services

    return petition_services.petition_forward(
        actor=actor,
        petition=petition,
        on=clock.today(),
        doc_no="12/CV-TTT",
        to_agency=agencies["CA"],
        include_identity=True,
        **kw,
    )


def test_forwarding_with_the_identity_names_its_ground_and_a_real_reason(
    denunciation, users, agencies
):
    petition = _classified(denunciation, users["canbo"])
    for bad in (
        {"identity_reason": REASON},
        {"identity_reason": "aaaaaaaaaa", "identity_ground": RevealGround.AUTHORITY},
    ):
        with pytest.raises(ValidationError):
            _forward(users["canbo"], petition, agencies, **bad)
    assert not petition.forwards.exists()
    _forward(
        users["canbo"],
        petition,
        agencies,
        identity_reason=REASON,
        identity_ground=RevealGround.AUTHORITY,
    )
    [logged] = selectors.reveal_log(selectors.petition_chain(denunciation))
    assert logged.action == "forward_identity"
    assert logged.ground_label == RevealGround.AUTHORITY.label


def test_who_may_not_reveal_may_not_forward_the_identity(denunciation, users, agencies):
    """An officer of the agency, not assigned: may forward the content, not the identity."""
    from django.core.exceptions import PermissionDenied

    from noichinh.org.models import User
    from noichinh.portal.models import RevealGround as G

    colleague = User.objects.create_user(
        username="canbo2", role=User.OFFICER, agency=denunciation.agency
    )
    petition = _classified(denunciation, colleague)
    with pytest.raises(PermissionDenied):
        _forward(colleague, petition, agencies, identity_reason=REASON, identity_ground=G.VERIFY)
    assert not petition.forwards.exists()
    assert not AuditEntry.objects.filter(action="forward_identity").exists()


def test_forward_form_asks_for_the_ground_and_explains_a_missing_one(
    client, denunciation, users, agencies
):
    from django.urls import reverse

    from noichinh.core import clock
    from noichinh.core.formats import vn_date

    petition = _classified(denunciation, users["canbo"])
    client.force_login(users["canbo"])
    page = client.get(reverse("petitions:petition_detail", args=[petition.pk])).content.decode()
    assert 'name="forward-identity_ground"' in page and RevealGround.AUTHORITY.label in page
    response = client.post(
        reverse("petitions:petition_action", args=[petition.pk, "forward"]),
        {
            "forward-on": vn_date(clock.today()),
            "forward-doc_no": "12/CV-TTT",
            "forward-to_agency": agencies["CA"].pk,
            "forward-include_identity": "on",
            "forward-identity_reason": REASON,
            "version": petition.version,
        },
    )
    assert response.status_code == 400
    assert "Chọn căn cứ pháp lý" in response.content.decode()
    assert not petition.forwards.exists()
