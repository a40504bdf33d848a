"""A protection request's decision due date follows the official calendar notice."""

import datetime as dt

import pytest
import time_machine

from noichinh.core.models import AuditEntry, TimeLimitRule
from noichinh.core.services import NoticeDay, calendar_notice_enter
from noichinh.petitions.models import Notification
from noichinh.portal import services

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


def test_a_rule_computed_decision_due_is_recomputed_by_the_2027_notice(denunciation, users):
    TimeLimitRule.objects.create(
        code=services.PROTECTION_DECIDE_RULE,
        name="Xem xét đề nghị bảo vệ (quy tắc thử)",
        count=7,
        unit="working_days",
        source="quy tắc thử",
    )
    with time_machine.travel(dt.datetime(2027, 2, 1, 9, 0), tick=False):
        req = services.protection_request_create(
            actor=None, petition=denunciation, measures=["life"], grounds="Bị đe dọa"
        )
    # 02, 03/02 days 1–2; package Tết 04/02–10/02; 11, 12, 15, 16, 17/02 days 3–7.
    assert req.decision_due == D("2027-02-17")
    calendar_notice_enter(
        actor=users["admin"],
        year=2027,
        number="999/VPCP-KGVX",
        issued_on=D("2026-11-20"),
        issuer="Văn phòng Chính phủ",
        days=[NoticeDay(D(f"2027-02-{d:02d}"), True, "Tết") for d in (4, 5, 8, 9, 10, 11, 12)],
    )
    req.refresh_from_db()
    assert req.decision_due == D("2027-02-19")
    assert AuditEntry.objects.filter(
        model="portal.protectionrequest", object_id=str(req.pk), reason__contains="19/02/2027"
    ).exists()
    assert Notification.objects.filter(
        user=users["canbo"], kind="due_changed", message__contains="19/02/2027"
    ).exists()


def test_a_typed_decision_due_is_left_as_typed(denunciation, users):
    with time_machine.travel(dt.datetime(2027, 2, 1, 9, 0), tick=False):
        req = services.protection_request_create(
            actor=None,
            petition=denunciation,
            measures=["life"],
            grounds="Bị đe dọa",
            decision_due=D("2027-02-10"),
        )
    calendar_notice_enter(
        actor=users["admin"],
        year=2027,
        number="999/VPCP-KGVX",
        issued_on=D("2026-11-20"),
        issuer="Văn phòng Chính phủ",
        days=[NoticeDay(D("2027-02-12"), True, "Tết")],
    )
    req.refresh_from_db()
    assert req.decision_due == D("2027-02-10")
