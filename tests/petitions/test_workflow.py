import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from noichinh.petitions import services
from noichinh.petitions.models import Petition, Transition
from tests.petitions.factories import accepted_complaint, make_petition, make_visit

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.date(2025, 3, 1))
def test_received_petition_gets_handle_limit_that_skips_tet(users, agencies):
    p = make_petition(users["canbo"], agencies["TTT"], received_on=dt.date(2025, 1, 20))
    assert p.current_step == "petition.handle"
    assert p.next_due == dt.date(2025, 2, 10)
    step = p.deadlines.get()
    assert "Tết" in step.explanation or "Tet" in step.explanation
    assert p.receipt_no == "1/2025"
    assert Transition.objects.filter(petition=p, to_state="received").exists()


@time_machine.travel(dt.date(2026, 3, 30))
def test_accepting_a_complaint_opens_resolution_limit_shifted_past_tet(users, agencies):
    p = accepted_complaint(
        users["canbo"],
        agencies["TTT"],
        received_on=dt.date(2026, 1, 12),
        decided_on=dt.date(2026, 1, 20),
    )
    assert p.state == "accepted"
    assert p.current_step == "complaint.first.resolve"
    # 30 days from 20/01/2026 is 19/02/2026, inside Tết: the limit moves to 23/02/2026.
    assert p.next_due == dt.date(2026, 2, 23)
    assert "lùi sang ngày làm việc" in p.deadlines.get(done_on__isnull=True).explanation


@time_machine.travel(dt.date(2026, 3, 30))
def test_complex_remote_complaint_uses_variant(users, agencies):
    p = make_petition(users["canbo"], agencies["TTT"], received_on=dt.date(2026, 3, 2))
    p = services.petition_classify(
        actor=users["canbo"],
        petition=p,
        type="complaint",
        field="land",
        meets_conditions=True,
        in_competence=True,
        is_complex=True,
        is_remote=True,
    )
    p = services.petition_accept(
        actor=users["canbo"], petition=p, decided_on=dt.date(2026, 3, 3), doc_no="2/TB"
    )
    step = p.deadlines.get(done_on__isnull=True)
    assert step.variant == "remote_complex"
    assert p.next_due == dt.date(2026, 5, 4)  # 60 days → 2/5 (Saturday) → Monday 4/5


@time_machine.travel(dt.date(2026, 6, 1))
def test_suspension_stops_the_clock_and_is_explained(users, agencies):
    u = users["canbo"]
    p = accepted_complaint(
        u, agencies["TTT"], received_on=dt.date(2026, 3, 2), decided_on=dt.date(2026, 3, 9)
    )
    due_before = p.next_due
    p = services.petition_suspend(
        actor=u, petition=p, on=dt.date(2026, 3, 20), doc_no="5/QĐ", reason="Chờ giám định"
    )
    assert p.state == "suspended"
    p = services.petition_resume(actor=u, petition=p, on=dt.date(2026, 3, 30))
    assert p.state == "accepted"
    assert p.paused_days == 10
    assert p.next_due >= due_before + dt.timedelta(days=10)
    assert "tạm đình chỉ" in p.deadlines.get(done_on__isnull=True).explanation


@time_machine.travel(dt.date(2026, 6, 1))
def test_resolution_on_time_and_late(users, agencies):
    u = users["canbo"]
    p = accepted_complaint(
        u, agencies["TTT"], received_on=dt.date(2026, 3, 2), decided_on=dt.date(2026, 3, 9)
    )
    p = services.petition_resolve(
        actor=u, petition=p, on=dt.date(2026, 3, 20), doc_no="9/QĐ", result="right"
    )
    assert p.state == "resolved" and p.resolved_on_time is True
    q = accepted_complaint(
        u, agencies["TTT"], received_on=dt.date(2026, 3, 2), decided_on=dt.date(2026, 3, 9)
    )
    q = services.petition_resolve(
        actor=u, petition=q, on=dt.date(2026, 5, 20), doc_no="10/QĐ", result="wrong"
    )
    assert q.resolved_on_time is False


@time_machine.travel(dt.date(2026, 6, 1))
def test_resolve_requires_document_number_and_changes_nothing(users, agencies):
    u = users["canbo"]
    p = accepted_complaint(
        u, agencies["TTT"], received_on=dt.date(2026, 3, 2), decided_on=dt.date(2026, 3, 9)
    )
    with pytest.raises(ValidationError):
        services.petition_resolve(
            actor=u, petition=p, on=dt.date(2026, 3, 20), doc_no="", result="right"
        )
    p.refresh_from_db()
    assert p.state == "accepted"


@time_machine.travel(dt.date(2026, 6, 1))
def test_accept_refused_when_not_in_competence(users, agencies):
    u = users["canbo"]
    p = make_petition(u, agencies["TTT"], received_on=dt.date(2026, 5, 4))
    p = services.petition_classify(
        actor=u,
        petition=p,
        type="complaint",
        field="land",
        meets_conditions=True,
        in_competence=False,
    )
    with pytest.raises(ValidationError):
        services.petition_accept(actor=u, petition=p, decided_on=dt.date(2026, 5, 6), doc_no="1/TB")


@time_machine.travel(dt.date(2026, 6, 1))
def test_forwarding_creates_hop_with_own_limit_and_answer_flows_back(users, agencies):
    tcd, tt = users["canbo_tcd"], users["canbo"]
    p = make_petition(tcd, agencies["BTCD"], received_on=dt.date(2026, 5, 4))
    p = services.petition_classify(
        actor=tcd,
        petition=p,
        type="complaint",
        field="land",
        meets_conditions=True,
        in_competence=False,
    )
    p = services.petition_forward(
        actor=tcd, petition=p, on=dt.date(2026, 5, 6), doc_no="7/PC", to_agency=agencies["TTT"]
    )
    assert p.state == "forwarded" and p.next_due is None
    hop = Petition.objects.get(forwarded_from=p)
    assert hop.agency == agencies["TTT"] and hop.channel == "forwarded"
    assert hop.next_due is not None and hop.sender_name == p.sender_name
    hop = services.petition_classify(
        actor=tt,
        petition=hop,
        type="complaint",
        field="land",
        meets_conditions=True,
        in_competence=True,
    )
    hop = services.petition_accept(
        actor=tt, petition=hop, decided_on=dt.date(2026, 5, 8), doc_no="3/TB"
    )
    services.petition_resolve(
        actor=tt, petition=hop, on=dt.date(2026, 5, 28), doc_no="4/QĐ", result="right"
    )
    p.refresh_from_db()
    assert p.answer_received_on == dt.date(2026, 5, 28)
    assert "4/QĐ" in p.answer_note
    # Forwarding agency can urge; the receiving agency is notified.
    services.petition_urge(actor=tcd, petition=p, on=dt.date(2026, 5, 29), doc_no="8/ĐĐ")
    assert users["canbo"].petition_notifications.filter(kind="urge").exists()


@time_machine.travel(dt.date(2026, 6, 1))
def test_forwarded_denunciation_drops_identity_unless_reasoned(users, agencies):
    tcd = users["canbo_tcd"]
    p = make_petition(
        tcd,
        agencies["BTCD"],
        received_on=dt.date(2026, 5, 4),
        type="denunciation",
        field="corruption",
    )
    assert p.sender_name == "" and p.sealed_identity
    p = services.petition_classify(
        actor=tcd,
        petition=p,
        type="denunciation",
        field="corruption",
        meets_conditions=True,
        in_competence=False,
    )
    with pytest.raises(ValidationError):
        services.petition_forward(
            actor=tcd,
            petition=p,
            on=dt.date(2026, 5, 6),
            doc_no="7/PC",
            to_agency=agencies["TTT"],
            include_identity=True,
        )
    services.petition_forward(
        actor=tcd, petition=p, on=dt.date(2026, 5, 6), doc_no="7/PC", to_agency=agencies["TTT"]
    )
    hop = Petition.objects.get(forwarded_from=p)
    assert hop.sealed_identity == "" and hop.sender_name == ""
    assert hop.sender_hash == p.sender_hash  # duplicates still detectable


def test_officer_of_other_agency_cannot_handle(users, agencies):
    p = make_petition(users["canbo"], agencies["TTT"])
    with pytest.raises(PermissionDenied):
        services.petition_classify(
            actor=users["canbo_ca"],
            petition=p,
            type="complaint",
            field="land",
            meets_conditions=True,
            in_competence=True,
        )


def test_leadership_cannot_create_or_handle(users, agencies):
    with pytest.raises(PermissionDenied):
        make_petition(users["lanhdao"], agencies["TTT"])
    p = make_petition(users["canbo"], agencies["TTT"])
    with pytest.raises(PermissionDenied):
        services.petition_classify(
            actor=users["lanhdao"],
            petition=p,
            type="complaint",
            field="land",
            meets_conditions=True,
            in_competence=True,
        )


def test_only_head_assigns(users, agencies):
    p = make_petition(users["canbo"], agencies["TTT"])
    with pytest.raises(PermissionDenied):
        services.petition_assign(actor=users["canbo"], petition=p, officer=users["canbo"])
    p = services.petition_assign(actor=users["truong_tt"], petition=p, officer=users["canbo"])
    assert p.assigned_officer == users["canbo"]


def test_stale_version_is_refused(users, agencies):
    p = make_petition(users["canbo"], agencies["TTT"])
    with pytest.raises(ValidationError):
        services.petition_classify(
            actor=users["canbo"],
            petition=p,
            type="complaint",
            field="land",
            meets_conditions=True,
            in_competence=True,
            expected_version=p.version + 5,
        )


def test_mass_visit_needs_representatives_and_is_flagged(users, agencies):
    with pytest.raises(ValidationError):
        make_visit(users["canbo_tcd"], agencies["BTCD"], people_count=12)
    v = make_visit(
        users["canbo_tcd"],
        agencies["BTCD"],
        people_count=12,
        representatives="Ông A, bà B",
        representative_count=2,
    )
    assert v.is_mass
    assert not make_visit(users["canbo_tcd"], agencies["BTCD"], people_count=4).is_mass


def test_denunciation_visit_identity_is_sealed(users, agencies):
    v = make_visit(users["canbo_tcd"], agencies["BTCD"], petition_type="denunciation")
    assert v.visitor_name == "" and v.sealed_identity
    assert v.identity()["name"] == "Trần Thị Bình"


def test_refused_visit_needs_reason(users, agencies):
    with pytest.raises(ValidationError):
        make_visit(users["canbo_tcd"], agencies["BTCD"], answer="refused")


def test_denunciation_identity_never_in_audit(users, agencies):
    from noichinh.core.models import AuditEntry

    p = make_petition(
        users["canbo"], agencies["TTT"], type="denunciation", sender_name="Người Bí Mật"
    )
    text = str(
        list(AuditEntry.objects.filter(object_id=str(p.pk)).values_list("changes", flat=True))
    )
    assert "Người Bí Mật" not in text and "019080000001" not in text
    assert "sealed_identity" not in text


@time_machine.travel(dt.date(2026, 6, 30))
def test_forwarding_agency_sees_when_to_urge(users, agencies):
    from noichinh.petitions import selectors

    tcd = users["canbo_tcd"]
    p = make_petition(tcd, agencies["BTCD"], received_on=dt.date(2026, 5, 4))
    p = services.petition_classify(
        actor=tcd,
        petition=p,
        type="complaint",
        field="land",
        meets_conditions=True,
        in_competence=False,
    )
    services.petition_forward(
        actor=tcd, petition=p, on=dt.date(2026, 5, 6), doc_no="7/PC", to_agency=agencies["TTT"]
    )
    qs = selectors.petition_list(user=tcd, filters=selectors.PetitionFilters(flag="to_urge"))
    assert list(qs.values_list("pk", flat=True)) == [p.pk]
    # Once the receiving agency answers, nothing is left to urge.
    hop = Petition.objects.get(forwarded_from=p)
    services.petition_guide(
        actor=users["canbo"], petition=hop, on=dt.date(2026, 6, 29), doc_no="2/HD"
    )
    assert not qs.exists()


@time_machine.travel(dt.date(2026, 7, 1))
def test_two_suspensions_of_a_working_day_limit_recount_working_days_for_both(users, agencies):
    """Every suspension span is kept: in a working-day limit neither pause counts its
    calendar days (weekends inside a pause are no extra time)."""
    u = users["canbo"]
    p = accepted_complaint(
        u, agencies["TTT"], received_on=dt.date(2026, 5, 25), decided_on=dt.date(2026, 6, 1)
    )
    # The running step made a 10-working-day limit from Monday 01/06/2026 (no holiday in June).
    p.deadlines.filter(done_on__isnull=True).update(rule="petition.handle", variant="")
    # First pause Friday 05/06 -> Monday 08/06 (one working day, three calendar days).
    p = services.petition_suspend(
        actor=u, petition=p, on=dt.date(2026, 6, 5), doc_no="5/QĐ", reason="Chờ giám định"
    )
    p = services.petition_resume(actor=u, petition=p, on=dt.date(2026, 6, 8))
    # Second pause Wednesday 10/06 -> Friday 12/06 (two working days).
    p = services.petition_suspend(
        actor=u, petition=p, on=dt.date(2026, 6, 10), doc_no="6/QĐ", reason="Chờ xác minh"
    )
    p = services.petition_resume(actor=u, petition=p, on=dt.date(2026, 6, 12))
    # Counted working days: 2, 3, 4, 8, 9, 12, 15, 16, 17, 18/06.
    assert p.next_due == dt.date(2026, 6, 18)
    step = p.deadlines.get(done_on__isnull=True)
    assert step.due == dt.date(2026, 6, 18)
    assert "05/06/2026" in step.explanation and "10/06/2026" in step.explanation
