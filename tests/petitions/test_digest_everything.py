"""The daily digest says everything (issue 19 §3): beside the petitions, the tasks of
conclusions the person's agency leads (due this week, newly overdue) and the stages of
monitored cases it handles, through a real SMTP server; nothing of another agency's."""

import datetime as dt

import pytest

from noichinh.cases import services as case_services
from noichinh.cases.models import CaseStage
from noichinh.petitions import digest
from tests.briefings import conftest as briefings_fixtures
from tests.cases import conftest as cases_fixtures

# The fixtures of the tasks' and cases' tests, used here too.
blocs = briefings_fixtures.blocs
conference = briefings_fixtures.conference
make_task = briefings_fixtures.make_task
case_factory = cases_fixtures.case_factory


@pytest.fixture
def stage(users, agencies, case_factory):
    case = case_factory(title="Vụ tham ô tại Công ty Lâm nghiệp Kha Sơn")
    case_services.supervision_add(
        actor=users["thuky"], case=case, number="15-QĐ/TU", date=dt.date(2026, 1, 5)
    )
    return case_services.stage_start(
        actor=users["thuky"],
        case=case,
        stage=CaseStage.ACCUSATION,
        agency=agencies["CA"],
        started_on=dt.date(2026, 1, 7),
        start_decision="1/QĐ",
    )


def _with_email(users, **addresses):
    for key, address in addresses.items():
        users[key].email = address
        users[key].save()


def test_digest_lists_the_agencys_tasks_and_case_stages(smtp_server, users, stage, make_task):
    monday = stage.due_on - dt.timedelta(days=stage.due_on.weekday())
    make_task(lead="CA", deadline=stage.due_on, text="Rà soát hồ sơ đất đai xã Kha Sơn")
    make_task(lead="CA", deadline=monday - dt.timedelta(days=1), text="Báo cáo việc cưỡng chế")
    make_task(lead="VKS", deadline=stage.due_on, text="Nhiệm vụ của Viện kiểm sát")
    _with_email(users, truongdonvi="ca@hoason.example", canbo_vks="vks@hoason.example")

    sent = digest.send_digests(today=monday)["digests"]
    assert sent >= 1
    smtp_server.wait_for(sent)
    [msg] = smtp_server.to("ca@hoason.example")
    text = smtp_server.text(msg)
    assert "Nhiệm vụ đến hạn trong tuần" in text and "Rà soát hồ sơ đất đai" in text
    assert "Nhiệm vụ mới quá hạn" in text and "Báo cáo việc cưỡng chế" in text
    assert "Giai đoạn vụ án được theo dõi" in text
    assert "Vụ tham ô tại Công ty Lâm nghiệp Kha Sơn" in text
    assert "Viện kiểm sát" not in text
    # The other agency's officer is told of its own task only.
    [other] = smtp_server.to("vks@hoason.example")
    other = smtp_server.text(other)
    assert "Nhiệm vụ của Viện kiểm sát" in other
    assert "Rà soát hồ sơ đất đai" not in other and "Vụ tham ô" not in other


def test_a_stage_of_a_case_off_the_list_is_not_in_the_digest(
    smtp_server,
    users,
    agencies,
    case_factory,
):
    case = case_factory(title="Vụ không được theo dõi")
    off = case_services.stage_start(
        actor=users["thuky"],
        case=case,
        stage=CaseStage.ACCUSATION,
        agency=agencies["CA"],
        started_on=dt.date(2026, 1, 7),
        start_decision="2/QĐ",
    )
    _with_email(users, truongdonvi="ca@hoason.example")
    parts = digest.digest_for(users["truongdonvi"], today=off.due_on, since=None)
    assert parts["stages_due"] == [] and parts["stages_overdue"] == []
