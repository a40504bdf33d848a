"""The criminal-procedure rules as the statute says (legal.md §1–§2, issue 16).

Every expected date here is counted by hand from the article quoted in the rule's note:
CPC 2015 art. 134 moves the end of a period off a day off only for limits in months; limits
in days end on their last day even when it is a holiday. 2026 days off used below: 30/4 and
1/5 (Labour Code art. 112), weekends.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from noichinh.core import calendar as cal
from noichinh.core.models import TimeLimitRule
from noichinh.core.selectors import UnknownRule, due_date, rule_get

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat

CPC_EXAMPLES = [
    # art. 147(1): 20 days from 10/04/2026 is 30/04, a holiday: it stays (art. 134).
    ("crime_report.resolve", None, "2026-04-10", "2026-04-30"),
    # art. 147(2): up to 2 months: 02/05/2026 is a Saturday, 03/05 Sunday -> Monday 04/05.
    ("crime_report.resolve", "extended", "2026-03-02", "2026-05-04"),
    # art. 147(2): the procuracy head's further 2 months: 4 months from 02/03 is 02/07 (Thu).
    ("crime_report.resolve", "extended_further", "2026-03-02", "2026-07-02"),
    # art. 240(1): 20 days from 11/04/2026 is 01/05 (holiday): it stays.
    ("prosecution.decide.serious", None, "2026-04-11", "2026-05-01"),
    # art. 240(1): especially serious, 30 days + up to 30: 60 days from 02/03 is 01/05.
    ("prosecution.decide.especially_serious", "extended", "2026-03-02", "2026-05-01"),
    # art. 240(1): very serious, 30 + 15 = 45 days from 02/03 is 16/04.
    ("prosecution.decide.very_serious", "extended", "2026-03-02", "2026-04-16"),
    # art. 277(1): 30 days from 03/08/2026 is 02/09 (National Day): it stays.
    ("trial_prep.less_serious", None, "2026-08-03", "2026-09-02"),
    # art. 277(1): 45 days from 01/01/2026 is Sunday 15/02: it stays.
    ("trial_prep.serious", None, "2026-01-01", "2026-02-15"),
    # art. 172(3): especially serious, 4 + 3×4 + 4 months from 15/01/2026 is 15/09/2027.
    ("investigation.especially_serious", "extended_4", "2026-01-15", "2027-09-15"),
    # art. 172(3), national security: less serious 2 + 2 + 4 months from 15/01/2026.
    ("investigation.less_serious", "extended_ns", "2026-01-15", "2026-09-15"),
    # art. 174(2): 2 months from 02/03/2026 is Saturday 02/05 -> Monday 04/05 (months move).
    ("supplementary_investigation.procuracy", None, "2026-03-02", "2026-05-04"),
    # art. 174(2): 1 month from 31/03 is 30/04 (no 31/04), a holiday; 01/05 too; weekend -> 04/05.
    ("supplementary_investigation.court", None, "2026-03-31", "2026-05-04"),
    # art. 149(1): 1 month from the resumption 10/06/2026 is 10/07 (Fri).
    ("crime_report.resumed", None, "2026-06-10", "2026-07-10"),
    # art. 174(1): serious, 2 months from resumption 10/06/2026 is 10/08 (Mon).
    ("investigation.resumed.serious", None, "2026-06-10", "2026-08-10"),
    # art. 277(2): 15 days from 04/05/2026 is 19/05.
    ("trial_prep.after_supplement", None, "2026-05-04", "2026-05-19"),
    # art. 333(1): 15 days from pronouncement 15/04/2026 is 30/04 (holiday): it stays.
    ("appeal.lodge", None, "2026-04-15", "2026-04-30"),
    # art. 346: 60 days from 02/03/2026 is 01/05 (holiday): it stays.
    ("appeal.trial_prep", None, "2026-03-02", "2026-05-01"),
    # art. 364(1): 7 days from 23/04/2026 is 30/04 (holiday): it stays.
    ("enforcement.decide", None, "2026-04-23", "2026-04-30"),
    # art. 172(2)(c): very serious, 4 + 4 + 4 months from 15/01/2026 is 15/01/2027 (Fri).
    ("investigation.very_serious", "extended_2", "2026-01-15", "2027-01-15"),
    # art. 174(1): less serious, 2 months + 1 from the resumption 10/06/2026: 10/09 (Thu).
    ("investigation.resumed.less_serious", "extended_resumed", "2026-06-10", "2026-09-10"),
    # art. 174(1): especially serious, 3 + 3 months from 10/06/2026: 10/12 (Thu).
    ("investigation.resumed.especially_serious", "extended_resumed", "2026-06-10", "2026-12-10"),
    # art. 240(1): less serious, 20 + 10 days from 01/04/2026 is 01/05 (holiday): it stays.
    ("prosecution.decide.less_serious", "extended", "2026-04-01", "2026-05-01"),
    # art. 277(1): 3 months from 31/01/2026: no 31/04, so 30/04, a holiday; months move: 04/05.
    ("trial_prep.especially_serious", None, "2026-01-31", "2026-05-04"),
    # art. 277(1): then up to 30 days, counted in days: 30/04 + 30 = Saturday 30/05, it stays.
    ("trial_prep.especially_serious", "extended", "2026-01-31", "2026-05-30"),
]

ADMINISTRATIVE_EXAMPLES = [
    # Law on Complaints art. 36: 10 days from 20/04/2026 is 30/04 -> next working day 04/05
    # (Civil Code art. 148(5)).
    ("complaint.second.accept", None, "2026-04-20", "2026-05-04"),
    # Law on Complaints art. 37: 45 days from 17/03/2026 is 01/05 -> 04/05.
    ("complaint.second.resolve", None, "2026-03-17", "2026-05-04"),
    # Law on Denunciations art. 30: 30 + 30 + 30 days from 01/02/2026 is Saturday 02/05 -> 04/05.
    ("denunciation.resolve", "extended_twice", "2026-02-01", "2026-05-04"),
]


@pytest.mark.parametrize(("rule", "variant", "start", "due"), CPC_EXAMPLES)
def test_criminal_procedure_limits_as_the_code_counts_them(rule, variant, start, due):
    assert due_date(rule=rule, start=D(start), variant=variant).due == D(due)


@pytest.mark.parametrize(("rule", "variant", "start", "due"), ADMINISTRATIVE_EXAMPLES)
def test_administrative_limits_move_off_days_off(rule, variant, start, due):
    assert due_date(rule=rule, start=D(start), variant=variant).due == D(due)


def test_a_day_limit_ending_on_a_holiday_says_why_it_does_not_move():
    result = due_date(rule="crime_report.resolve", start=D("2026-04-10"))
    text = result.explain()
    assert "30/04/2026 là ngày nghỉ" in text and "không lùi" in text
    assert "Điều 134" in text
    assert "hạn: 30/04/2026" in text


def test_a_month_limit_ending_on_a_day_off_cites_article_134_for_the_move():
    text = due_date(rule="investigation.serious", start=D("2026-01-31")).explain()
    assert "lùi sang ngày làm việc kế tiếp (Điều 134" in text


def test_an_administrative_limit_still_moves_off_a_holiday():
    # Law on Complaints art. 28: 30 days from 31/03/2026 is 30/04 -> next working day 04/05.
    result = due_date(rule="complaint.first.resolve", start=D("2026-03-31"))
    assert result.due == D("2026-05-04")
    assert "Bộ luật Dân sự" in result.explain()


def test_cpc_day_rules_do_not_move_and_month_rules_do():
    for rule in TimeLimitRule.objects.filter(source__contains="Tố tụng hình sự"):
        assert rule.shift_to_working_day == (rule.unit == cal.MONTHS), rule.code
        assert "Điều 134" in rule.note, rule.code


def test_rules_are_dated_from_their_statute():
    assert rule_get("crime_report.resolve", on=D("2026-01-01")).valid_from == D("2018-01-01")
    assert rule_get("complaint.lodge", on=D("2026-01-01")).valid_from == D("2012-07-01")
    assert rule_get("denunciation.intake", on=D("2026-01-01")).valid_from == D("2019-01-01")
    with pytest.raises(UnknownRule, match="không có bản áp dụng vào ngày 31/12/2017"):
        due_date(rule="crime_report.resolve", start=D("2017-12-31"))


def test_the_verify_flags_stay_where_the_text_was_not_found():
    assert rule_get("petition.handle").needs_verification
    assert rule_get("complaint.first.accept").needs_verification
    assert rule_get("appeal.trial_prep").needs_verification


def test_a_change_of_law_adds_a_row_and_a_record_uses_the_rule_of_its_start_date():
    old = rule_get("complaint.first.resolve", on=D("2026-06-30"))
    old.valid_until = D("2026-06-30")
    old.full_clean()
    old.save()
    new = TimeLimitRule(
        code=old.code,
        name=old.name,
        count=20,
        unit=cal.DAYS,
        source="Luật giả định",
        valid_from=D("2026-07-01"),
        shift_source=old.shift_source,
    )
    new.full_clean()
    new.save()
    # 30 days from 30/06/2026 (old law) is 30/07 (Thu); 20 days from 01/07 (new) is 21/07.
    assert due_date(rule=old.code, start=D("2026-06-30")).due == D("2026-07-30")
    assert due_date(rule=old.code, start=D("2026-07-01")).due == D("2026-07-21")


def test_overlapping_rows_of_one_code_are_refused():
    current = rule_get("complaint.lodge")
    clash = TimeLimitRule(
        code=current.code,
        name=current.name,
        count=60,
        unit=cal.DAYS,
        source="x",
        valid_from=D("2026-07-01"),
    )
    with pytest.raises(ValidationError, match="trùng với quy tắc cùng mã"):
        clash.full_clean()


def test_suspension_of_a_working_day_limit_recounts_working_days():
    rule = cal.RuleSpec(code="wd", count=7, unit=cal.WORKING_DAYS)
    start = D("2026-04-24")  # Friday
    # Without suspension: 27/04 is off (Hùng Kings' day 26/04 falls on a Sunday), 28, 29/04,
    # then 30/04, 01/05 and the weekend are off: 04–08/05 complete the seven.
    assert cal.compute_due(rule, start).due == D("2026-05-08")
    # Suspended 27/04, resumed 04/05: no working day counted before 04/05; 04, 05, 06, 07, 08,
    # 11, 12/05 are the seven (adding the 7 calendar days would give 15/05).
    paused = cal.compute_due(rule, start, paused=[(D("2026-04-27"), D("2026-05-04"))])
    assert paused.due == D("2026-05-12")
    assert any(s.reason == cal.PAUSED_REASON for s in paused.skipped)


def test_suspension_of_a_day_limit_adds_the_suspended_days():
    rule = cal.RuleSpec(code="d", count=30, unit=cal.DAYS)
    # 30 days from 01/06/2026 is 01/07; 10 days suspended: 11/07 is a Saturday -> 13/07.
    paused = cal.compute_due(rule, D("2026-06-01"), paused=[(D("2026-06-05"), D("2026-06-15"))])
    assert paused.due == D("2026-07-13")


def test_rules_api_gives_each_rows_dates_and_shift(api_client, users):
    rules = api_client.as_user(users["canbo"]).get("/api/v1/calendar/rules").json()
    crime = next(r for r in rules if r["code"] == "crime_report.resolve")
    assert crime["valid_from"] == "2018-01-01" and crime["valid_until"] is None
    assert crime["shift_to_working_day"] is False and "134" in crime["shift_source"]


def test_rule_admin_lists_the_dates(client, users):
    client.force_login(users["admin"])
    page = client.get("/admin/core/timelimitrule/").content.decode()
    assert "áp dụng từ ngày" in page.lower() and "áp dụng đến hết ngày" in page.lower()


def test_calendar_page_lists_rule_dates_and_names_in_the_choice(client, users):
    client.force_login(users["canbo"])
    page = client.get("/core/calendar/").content.decode()
    assert "từ 01/01/2018" in page and "ngày cuối là ngày nghỉ: không lùi" in page
    assert ">Giải quyết tố giác, tin báo về tội phạm</option>" in page
    result = client.get("/core/calendar/?rule=crime_report.resolve&start=10/04/2026")
    assert result.context["due"].due == D("2026-04-30")
