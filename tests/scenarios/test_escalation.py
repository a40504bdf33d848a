"""Browser: the late are escalated up the hierarchy (issue 19 §2, acceptance).

A complaint of Công an tỉnh, assigned to its officer, is followed with the clock moved
(time-machine): at half of its limit the officer is told, at three quarters and on the due day
the head, once overdue the supervising body (Thanh tra tỉnh). The job runs through the
scheduler (``run_jobs``) and is run a second time each day (forced): nobody is told twice.
Each one's home page shows the notice; the administrator's shows the job's last run.
"""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _run_job_twice_on(day):
    with time_machine.travel(dt.datetime.combine(day, dt.time(9, 0)), tick=False):
        call_command("run_jobs", job=["escalation"])
        call_command("run_jobs", job=["escalation"], force=True)


def _home_shows(page, login_as, username, *texts):
    login_as(username)
    page.goto(page.base + "/")
    panel = page.get_by_test_id("inbox-panel")
    for text in texts:
        expect(panel.get_by_text(text, exact=False).first).to_be_visible()
    # The header's unread count arrives by htmx.
    expect(page.get_by_test_id("unread-count")).to_be_visible()


def test_petition_escalates_to_officer_head_and_inspectorate_once_each(org, page, login_as):
    from noichinh.core.selectors import work_calendar
    from noichinh.petitions import services
    from noichinh.petitions.models import Escalation, Notification
    from tests.petitions.factories import make_petition

    users, agencies = org["users"], org["agencies"]
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0), tick=False):
        p = make_petition(users["canbo_ca"], agencies["CA"], received_on=dt.date(2026, 3, 2))
        p = services.petition_assign(
            actor=users["truongdonvi"], petition=p, officer=users["canbo_ca"]
        )
    cal = work_calendar()
    start = p.deadlines.get(done_on__isnull=True).started_on
    total = cal.working_days_between(start, p.next_due)

    def at_share(share):
        day = start
        while cal.working_days_between(start, day) * 100 < share * total:
            day += dt.timedelta(days=1)
        return day

    def told(user):
        return Notification.objects.filter(user=user, kind="escalation", petition=p).count()

    officer, head, inspector = users["canbo_ca"], users["truongdonvi"], users["truong_tt"]
    page.set_default_timeout(60_000)
    page.goto(page.base + "/login/", timeout=180_000)

    # 1. Half the limit: the officer, once.
    _run_job_twice_on(at_share(50))
    assert (told(officer), told(head), told(inspector)) == (1, 0, 0)
    _home_shows(page, login_as, "canbo_ca", f"Đơn số {p.receipt_no}", "50%")

    # 2. Three quarters, then the due day: the head, once each.
    _run_job_twice_on(at_share(75))
    _run_job_twice_on(p.next_due)
    assert (told(officer), told(head), told(inspector)) == (1, 2, 0)
    _home_shows(page, login_as, "truongdonvi", "75%", "đến hạn xử lý hôm nay")

    # 3. Overdue: Thanh tra tỉnh, once; the officer and head are not told again.
    _run_job_twice_on(p.next_due + dt.timedelta(days=1))
    assert (told(officer), told(head), told(inspector)) == (1, 2, 1)
    _home_shows(page, login_as, "truong_tt", "đã quá hạn", "cơ quan giám sát")
    page.goto(page.base + "/petitions/notifications/")
    expect(page.get_by_test_id("notification").filter(has_text=p.receipt_no)).to_have_count(1)
    assert Escalation.objects.filter(petition=p).count() == 1 + 2 + 2  # TTT: officer and head

    # 4. The officer's petition page keeps the history; the home page counts it escalated.
    login_as("canbo_ca")
    page.goto(page.base + f"/petitions/{p.pk}/")
    history = page.get_by_test_id("escalation-history")
    expect(history).to_contain_text("Báo cơ quan giám sát, cấp trên khi quá hạn")
    expect(history).to_contain_text("Thanh tra tỉnh")
    login_as("truongdonvi")
    page.goto(page.base + "/")
    expect(page.get_by_test_id("panel-escalated").first).to_have_text("1")

    # 5. The administrator sees when the job last ran, and that it did not fail.
    login_as("admin")
    page.goto(page.base + "/")
    row = page.get_by_test_id("job-row").filter(has_text="Cảnh báo và báo cáo cấp trên")
    expect(row).to_contain_text("Thành công")
