"""Protection requests: asked through the portal or on paper, decided by the head, followed up,
with editable time limits (no rule in the core table yet)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from noichinh.core import clock
from noichinh.core.models import AuditEntry, TimeLimitRule
from noichinh.portal import services
from noichinh.portal.models import ProtectionRequest

pytestmark = pytest.mark.django_db


def test_denouncer_asks_for_protection_through_the_portal(client, denunciation):
    client.post("/portal/tra-cuu/", {"code": denunciation.code})
    response = client.post(
        "/portal/ho-so/de-nghi-bao-ve/",
        {"measures": ["job", "life"], "grounds": "Bị đe dọa cho nghỉ việc", "people": "Vợ: X"},
    )
    assert response.status_code == 302
    req = ProtectionRequest.objects.get()
    assert req.channel == "portal" and req.measures == ["job", "life"]
    assert "Vợ: X" not in req.sealed_people and req.people() == "Vợ: X"
    assert "Vợ: X" not in str(AuditEntry.objects.filter(model="portal.protectionrequest").values())
    body = client.get("/portal/ho-so/").content.decode()
    assert "Bảo vệ việc làm" in body


def test_without_a_rule_the_decision_due_date_is_typed_and_explained(denunciation, users):
    assert not TimeLimitRule.objects.filter(code=services.PROTECTION_DECIDE_RULE).exists()
    req = services.protection_request_create(
        actor=users["canbo"],
        petition=denunciation,
        measures=["health"],
        grounds="Bị hành hung",
        decision_due=clock.today() + dt.timedelta(days=7),
    )
    assert req.decision_due == clock.today() + dt.timedelta(days=7)
    assert services.PROTECTION_DECIDE_RULE in req.due_explanation


def test_with_a_rule_the_decision_due_date_comes_from_the_rule_table(denunciation, users):
    TimeLimitRule.objects.create(
        code=services.PROTECTION_DECIDE_RULE,
        name="Xem xét đề nghị bảo vệ",
        count=7,
        unit="working_days",
        source="Luật Tố cáo 2018 (verify)",
    )
    req = services.protection_request_create(
        actor=None, petition=denunciation, measures=["life"], grounds="Bị đe dọa"
    )
    assert req.decision_due is not None and req.decision_due > req.requested_on


def test_head_decides_then_officer_follows_up_then_head_ends(denunciation, users):
    req = services.protection_request_create(
        actor=None, petition=denunciation, measures=["job"], grounds="Bị đe dọa"
    )
    with pytest.raises(PermissionDenied):
        services.protection_decide(
            actor=users["canbo"], request=req, apply=True, decided_on=clock.today(), doc_no="1"
        )
    req = services.protection_decide(
        actor=users["truong_tt"],
        request=req,
        apply=True,
        decided_on=clock.today(),
        doc_no="05/QĐ-TTT",
        protecting_agency="Sở Nội vụ",
        follow_up_due=clock.today() + dt.timedelta(days=30),
    )
    assert req.state == "applied" and req.measures_applied == ["job"]
    req = services.protection_follow_up(
        actor=users["canbo"], request=req, on=clock.today(), note="Vẫn làm việc bình thường"
    )
    req = services.protection_end(
        actor=users["truong_tt"], request=req, on=clock.today(), note="Hết nguy cơ"
    )
    assert req.state == "ended"
    assert [e.kind for e in req.events.all()] == ["requested", "decided", "check", "ended"]


def test_refusal_needs_a_reason(denunciation, users):
    req = services.protection_request_create(
        actor=None, petition=denunciation, measures=["job"], grounds="Bị đe dọa"
    )
    with pytest.raises(ValidationError):
        services.protection_decide(
            actor=users["truong_tt"], request=req, apply=False, decided_on=clock.today(), doc_no="2"
        )


def test_an_anonymous_denouncer_cannot_ask_for_protection(agencies):
    petition, _ = services.portal_submit(
        agency=agencies["TTT"], type="denunciation", content="Nội dung cụ thể", is_anonymous=True
    )
    with pytest.raises(ValidationError):
        services.protection_request_create(
            actor=None, petition=petition, measures=["life"], grounds="x"
        )


def test_protection_list_and_detail_pages(client, denunciation, users):
    req = services.protection_request_create(
        actor=None, petition=denunciation, measures=["life"], grounds="Bị đe dọa"
    )
    client.force_login(users["truong_tt"])
    body = client.get("/portal/bao-ve/", {"q": denunciation.receipt_no}).content.decode()
    assert f"/portal/bao-ve/{req.pk}/" in body
    response = client.post(
        f"/portal/bao-ve/{req.pk}/",
        {
            "action": "decide",
            "decide-apply": "1",
            "decide-decided_on": clock.today().strftime("%d/%m/%Y"),
            "decide-doc_no": "07/QĐ-TTT",
            "decide-measures_applied": ["life"],
        },
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.state == "applied"
    client.force_login(users["canbo_vks"])
    assert client.get(f"/portal/bao-ve/{req.pk}/").status_code == 404
    assert f"/portal/bao-ve/{req.pk}/" not in client.get("/portal/bao-ve/").content.decode()


def test_protection_list_query_count_is_bounded(
    client, denunciation, users, django_assert_max_num_queries
):
    for _ in range(5):
        services.protection_request_create(
            actor=None, petition=denunciation, measures=["life"], grounds="Bị đe dọa"
        )
    client.force_login(users["truong_tt"])
    with django_assert_max_num_queries(15):
        client.get("/portal/bao-ve/")
