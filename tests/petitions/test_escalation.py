"""Escalation up the hierarchy (issue 19 §2): the rule table, who is told when, once."""

import datetime as dt

import pytest
import time_machine
from django.db import IntegrityError, transaction

from noichinh.core.selectors import work_calendar
from noichinh.org.models import Agency
from noichinh.petitions import escalation, services
from noichinh.petitions.models import Escalation, EscalationRule, Notification
from tests.petitions.factories import make_petition

RECEIVED = dt.date(2026, 3, 2)  # a Monday


def _notices(user):
    return list(
        Notification.objects.filter(user=user, kind="escalation").values_list("message", flat=True)
    )


@pytest.fixture
def late_petition(users, agencies):
    """A petition of Công an tỉnh assigned to its officer, with its processing limit."""
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0), tick=False):
        p = make_petition(users["canbo_ca"], agencies["CA"], received_on=RECEIVED)
        p = services.petition_assign(
            actor=users["truongdonvi"], petition=p, officer=users["canbo_ca"]
        )
    assert p.next_due is not None and p.next_due > RECEIVED
    return p


def _day_at_share(p, share):
    cal = work_calendar()
    start = p.deadlines.get(done_on__isnull=True).started_on
    total = cal.working_days_between(start, p.next_due)
    day = start
    while cal.working_days_between(start, day) * 100 < share * total:
        day += dt.timedelta(days=1)
    return day


def test_rule_table_is_data_with_its_source(db):
    rules = {r.code: r for r in EscalationRule.objects.all()}
    assert rules["petition.officer_half"].share_percent == 50
    assert rules["petition.officer_half"].recipient == EscalationRule.OFFICER
    assert rules["petition.head_three_quarters"].share_percent == 75
    assert rules["petition.head_due_day"].trigger == EscalationRule.DUE_DAY
    sup = rules["petition.supervisor_overdue"]
    assert (sup.trigger, sup.recipient, sup.repeat_working_days) == ("overdue", "supervisor", 5)
    assert rules["task.secretariat_overdue"].recipient == EscalationRule.SECRETARIAT
    assert all(r.source for r in rules.values())
    assert all("Lựa chọn của tỉnh" in r.source for r in rules.values())


def test_a_share_outside_zero_to_hundred_is_refused(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        EscalationRule.objects.create(
            code="x", name="x", subject="petition", trigger="share", share_percent=120,
            recipient="officer", source="x",
        )  # fmt: skip


def test_firings_follow_the_share_of_the_working_days(db):
    days = escalation._Shares(work_calendar())
    rules = list(EscalationRule.objects.filter(subject="petition"))
    # 10 working days from Monday 2/3/2026: due Monday 16/3.
    item = escalation.Item("petition", 1, None, dt.date(2026, 3, 2), dt.date(2026, 3, 16), "x")

    def codes(day):
        return sorted(
            (f.rule.code, f.occurrence) for f in escalation.firings(item, rules, day, days)
        )

    assert codes(dt.date(2026, 3, 5)) == []  # 3 of 10
    assert codes(dt.date(2026, 3, 9)) == [("petition.officer_half", 0)]  # 5 of 10
    assert codes(dt.date(2026, 3, 12)) == [
        ("petition.head_three_quarters", 0),
        ("petition.officer_half", 0),
    ]
    assert codes(dt.date(2026, 3, 16)) == [("petition.head_due_day", 0)]
    overdue = [("petition.forwarder_overdue", 0), ("petition.supervisor_overdue", 0)]
    assert codes(dt.date(2026, 3, 17)) == overdue
    assert codes(dt.date(2026, 3, 23)) == overdue  # 5 working days late: still the first
    assert codes(dt.date(2026, 3, 24)) == [(c, 1) for c, _ in overdue]  # 6th: repeated


def test_officer_head_and_inspectorate_each_told_once(users, late_petition):
    p = late_petition
    half, three_quarters = _day_at_share(p, 50), _day_at_share(p, 75)
    officer, head = users["canbo_ca"], users["truongdonvi"]
    inspectors = [users["canbo"], users["truong_tt"]]  # Thanh tra tỉnh

    escalation.run(today=half - dt.timedelta(days=1))
    assert _notices(officer) == []
    for _ in range(2):  # the job run twice tells nobody twice
        escalation.run(today=half)
    assert len(_notices(officer)) == 1 and "50%" in _notices(officer)[0]
    assert _notices(head) == []

    escalation.run(today=three_quarters)
    escalation.run(today=three_quarters)
    assert len(_notices(head)) == 1 and "75%" in _notices(head)[0]

    escalation.run(today=p.next_due)
    escalation.run(today=p.next_due)
    assert len(_notices(head)) == 2 and "đến hạn" in _notices(head)[0]
    assert all(_notices(u) == [] for u in inspectors)

    late = p.next_due + dt.timedelta(days=1)
    escalation.run(today=late)
    escalation.run(today=late)
    for user in inspectors:
        assert len(_notices(user)) == 1 and "quá hạn" in _notices(user)[0]
    assert len(_notices(officer)) == 1  # the officer is not told again by those rules
    # Five working days later it is still late: told again, once.
    cal = work_calendar()
    again = cal.add_working_days(late, 5, [])
    escalation.run(today=again)
    escalation.run(today=again)
    for user in inspectors:
        assert len(_notices(user)) == 2 and "Báo lần 2" in _notices(user)[0]
    history = escalation.escalations_of_petition(p)
    assert [e.rule.code for e in history][:2] == [
        "petition.officer_half",
        "petition.head_three_quarters",
    ]
    assert all(e.agency_id == p.agency_id for e in history)


def test_escalated_figure_counts_the_petition_by_agency(users, late_petition):
    p = late_petition
    late = p.next_due + dt.timedelta(days=1)
    with time_machine.travel(dt.datetime.combine(late, dt.time(9)), tick=False):
        assert escalation.escalated_by_agency(user=users["admin"]) == {}
        escalation.run(today=late)
        assert escalation.escalated_by_agency(user=users["admin"]) == {p.agency_id: 1}
        assert escalation.escalated_by_agency(user=users["truongdonvi"]) == {p.agency_id: 1}
        # An officer of another agency sees nothing of it.
        assert escalation.escalated_by_agency(user=users["canbo_vks"]) == {}


def test_forwarding_agency_told_when_the_receiving_agency_is_late(users, agencies):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0), tick=False):
        p = make_petition(users["canbo_tcd"], agencies["BTCD"], received_on=RECEIVED)
        p = services.petition_classify(
            actor=users["canbo_tcd"], petition=p, type="complaint", field="land",
            meets_conditions=True, in_competence=False,
        )  # fmt: skip
        services.petition_forward(
            actor=users["canbo_tcd"], petition=p, on=RECEIVED, doc_no="5/CV",
            to_agency=agencies["CA"],
        )  # fmt: skip
    hop = p.forwards.get()
    assert hop.agency_id == agencies["CA"].pk
    escalation.run(today=hop.next_due + dt.timedelta(days=1))
    told = _notices(users["canbo_tcd"])
    assert any("cơ quan mình chuyển" in m and hop.receipt_no in m for m in told)


def test_supervising_body_is_the_agency_above_for_a_forwarded_petition(agencies):
    stp = Agency.objects.get(code="STP")
    assert escalation.supervising_agency(stp, forwarded=True).code == "UBND"
    assert escalation.supervising_agency(agencies["CA"], forwarded=False).code == "TTT"
    assert escalation.supervising_agency(agencies["CA"], forwarded=True).code == "TTT"


def test_two_runs_writing_the_same_notice_keep_one(users, late_petition):
    p = late_petition
    rule = EscalationRule.objects.get(code="petition.officer_half")
    item = next(i for i in escalation.open_petition_items() if i.object_id == p.pk)
    args = (item, rule, 0, users["canbo_ca"], p.agency, "x", dt.date(2026, 3, 9))
    assert escalation._record(*args) is True
    assert escalation._record(*args) is False  # the other run's insert loses on the key
    assert Escalation.objects.filter(petition=p).count() == 1
