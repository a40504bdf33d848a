"""S1: the Q4/2021 tasks of the Q3/2021 conclusion, with their lead agencies, and the
overdue view (computed from the task register and the clock)."""

import pytest

from noichinh.briefings.models import Conference, Task
from noichinh.core import clock
from noichinh.devdata.demo import briefings as demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_s1_q4_tasks_and_overdue_view(org, page, login_as):
    demo.load(org)
    conference = Conference.objects.get(ref="demo-2021-Q3")
    login_as("thuky")
    page.goto(page.base + "/briefings/?q=quy iii 2021")
    page.click("text=Hội nghị giao ban khối Nội chính, Dân vận quý III/2021")
    assert "trên 7.000 lượt" in page.locator("[data-testid=figures]").inner_text()
    tasks = page.locator("[data-testid=tasks]").inner_text()
    assert "Kiểm tra việc thực hiện Chỉ thị 27 và Chỉ thị 50" in tasks
    row = page.locator("[data-testid=tasks] tbody tr", has_text="Chỉ thị 27").inner_text()
    assert "UBKT Tỉnh ủy" in row and "31/12/2021" in row and "Hoàn thành đúng hạn" in row
    assert conference.tasks.count() == page.locator("[data-testid=tasks] tbody tr").count()

    page.goto(page.base + "/briefings/tasks/?view=overdue")
    expected = Task.objects.filter(Task.overdue_q(clock.today())).count()
    assert page.locator("[data-testid=count-overdue]").inner_text() == str(expected)
    assert page.locator("[data-testid=total]").inner_text().startswith(str(expected))
    overdue = page.locator("[data-testid=task-table]").inner_text()
    assert "Tăng cường công tác dân vận trong vùng đồng bào dân tộc thiểu số" in overdue
    assert "Ban Dân vận" in overdue
    assert "Chỉ thị 27" not in overdue  # done on time

    login_as("canbo_dv")
    page.goto(page.base + "/briefings/tasks/?view=overdue")
    own = page.locator("[data-testid=task-table]").inner_text()
    assert "vùng đồng bào dân tộc thiểu số" in own
    assert "đơn thư vượt cấp" not in own  # the citizen reception board's task
