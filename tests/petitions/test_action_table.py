"""The page and the API run a petition's handling steps from one table (issue 22 §3): the API
accepts and applies the same fields the page does, and each step is refused the same way on
both (403 with the rule's message for who may not; the same state message for a step the
petition is not ready for)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from noichinh.core.models import AuditEntry
from noichinh.petitions import permissions, services
from noichinh.petitions.models import Petition
from noichinh.portal.models import RevealGround
from tests.petitions.factories import accepted_complaint, make_petition

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 1)
REASON = "Cơ quan nhận đơn cần làm việc trực tiếp với người tố cáo để xác minh nội dung"
NOT_ALLOWED = "Bạn không có quyền xử lý đơn này."


def _transition(api_client, user, petition, body):
    return api_client.as_user(user).post(f"/api/v1/petitions/{petition.pk}/transition", body)


def _classified_denunciation(user, agency):
    p = make_petition(user, agency, type="denunciation", sender_name="Người Tố Cáo Kín")
    return services.petition_classify(
        actor=user,
        petition=p,
        type="denunciation",
        field="land",
        meets_conditions=True,
        in_competence=False,
    )


@time_machine.travel(TODAY)
def test_api_forward_carries_the_identity_on_a_ground_like_the_page(api_client, users, agencies):
    head = users["truong_tt"]
    p = _classified_denunciation(head, agencies["TTT"])
    r = _transition(
        api_client,
        head,
        p,
        {
            "action": "forward",
            "doc_no": "12/CV-TTT",
            "to_agency_id": agencies["CA"].pk,
            "include_identity": True,
            "identity_ground": RevealGround.AUTHORITY.value,
            "identity_reason": REASON,
        },
    )
    assert r.status_code == 200, r.content
    hop = Petition.objects.get(forwarded_from=p)
    assert hop.identity()["name"] == "Người Tố Cáo Kín"
    entry = AuditEntry.objects.get(action="forward_identity")
    assert entry.changes["ground"] == [None, RevealGround.AUTHORITY.value]


@time_machine.travel(TODAY)
def test_api_forward_with_the_identity_asks_for_its_ground_like_the_page(
    api_client, users, agencies
):
    head = users["truong_tt"]
    p = _classified_denunciation(head, agencies["TTT"])
    r = _transition(
        api_client,
        head,
        p,
        {
            "action": "forward",
            "doc_no": "12/CV-TTT",
            "to_agency_id": agencies["CA"].pk,
            "include_identity": True,
            "identity_reason": REASON,
        },
    )
    assert r.status_code == 400 and "căn cứ" in r.json()["detail"]
    assert not Petition.objects.filter(forwarded_from=p).exists()


@time_machine.travel(TODAY)
def test_api_resolve_records_the_land_and_the_people_like_the_page(api_client, users, agencies):
    p = accepted_complaint(
        users["canbo"],
        agencies["TTT"],
        received_on=dt.date(2026, 5, 4),
        decided_on=dt.date(2026, 5, 6),
    )
    r = _transition(
        api_client,
        users["canbo"],
        p,
        {
            "action": "resolve",
            "doc_no": "20/QĐ-TTT",
            "result": "right",
            "recovered_vnd": 1_000_000,
            "recovered_land_m2": 350,
            "people_handled": 2,
        },
    )
    assert r.status_code == 200, r.content
    p.refresh_from_db()
    assert (p.recovered_vnd, p.recovered_land_m2, p.people_handled) == (1_000_000, 350, 2)


def test_openapi_schema_keeps_the_transition_fields_and_adds_the_pages(client):
    schema = client.get("/api/v1/openapi.json").json()
    fields = schema["components"]["schemas"]["TransitionIn"]["properties"]
    for name in ("action", "on", "doc_no", "note", "to_agency_id", "recovered_vnd", "officer_id"):
        assert name in fields
    for name in (
        "include_identity",
        "identity_ground",
        "identity_reason",
        "recovered_land_m2",
        "people_handled",
    ):
        assert name in fields


# link_duplicate has its own page (a chosen proposal), the rest post to petition_action.
WEB_ACTIONS = [a for a in permissions.PETITION_ACTIONS if a != "link_duplicate"]


@pytest.mark.parametrize("action", WEB_ACTIONS)
@time_machine.travel(TODAY)
def test_who_may_not_is_refused_alike_on_the_page_and_the_api(
    client, api_client, users, agencies, action
):
    """Leadership reads and changes nothing: whatever the step and the state, 403."""
    p = make_petition(users["canbo"], agencies["TTT"])
    client.force_login(users["lanhdao"])
    web = client.post(reverse("petitions:petition_action", args=[p.pk, action]), {})
    api = _transition(api_client, users["lanhdao"], p, {"action": action})
    assert (web.status_code, api.status_code) == (403, 403)
    assert NOT_ALLOWED in web.content.decode() and api.json()["detail"] == NOT_ALLOWED


@pytest.mark.parametrize("action", ["assign", "close"])
@time_machine.travel(TODAY)
def test_an_officer_is_refused_a_heads_step_alike_on_the_page_and_the_api(
    client, api_client, users, agencies, action
):
    p = make_petition(users["canbo"], agencies["TTT"])
    client.force_login(users["canbo"])
    web = client.post(reverse("petitions:petition_action", args=[p.pk, action]), {})
    api = _transition(api_client, users["canbo"], p, {"action": action})
    assert (web.status_code, api.status_code) == (403, 403)
    assert api.json()["detail"] == NOT_ALLOWED


@time_machine.travel(TODAY)
def test_a_step_the_petition_is_not_ready_for_is_refused_alike(client, api_client, users, agencies):
    p = make_petition(users["canbo"], agencies["TTT"])
    api = _transition(api_client, users["canbo"], p, {"action": "resolve", "doc_no": "1/QĐ"})
    assert api.status_code == 400
    client.force_login(users["canbo"])
    web = client.post(reverse("petitions:petition_action", args=[p.pk, "resolve"]), {}, follow=True)
    shown = [str(m) for m in web.context["messages"]]
    assert shown == [api.json()["detail"]]
    assert "Ghi kết quả giải quyết" in shown[0] and p.get_state_display() in shown[0]


def test_the_table_has_one_row_per_workflow_rule():
    from noichinh.petitions import actions

    assert set(actions.ACTIONS) == set(permissions.PETITION_ACTIONS)
    assert {a for a, row in actions.ACTIONS.items() if row.form is None} == {"link_duplicate"}
