"""Confirming never doubles a register: a second import of the same article offers the
records it already made, a twin needs a reason, a draft is confirmed once, unnamed award
counts are not decisions, every task lands on a real agency."""

import pytest

from noichinh.briefings import selectors
from noichinh.briefings.models import AwardDecision, AwardRecipient, Conference, Task

from .expectations import DATA
from .helpers import form_data, row_counts

URL = "/import/"
SEED_004 = (DATA / "seed_004.txt").read_text(encoding="utf-8")
SEED_003 = (DATA / "seed_003.txt").read_text(encoding="utf-8")

pytestmark = pytest.mark.django_db


@pytest.fixture
def thuky(client, users):
    client.force_login(users["thuky"])
    return client


def _review(client, text=SEED_004) -> tuple[str, dict]:
    response = client.post(URL, {"text": text, "action": "extract"})
    assert response.status_code == 200
    html = response.content.decode()
    return html, form_data(html, "review-form")


def _register() -> list[tuple[str, int, int]]:
    rows = selectors.award_summary(decisions=AwardDecision.objects.all())
    return [(r["issuer_level"], r["collectives"], r["individuals"]) for r in rows]


REGISTER = [
    ("minister_public_security", 7, 0),
    ("provincial_chair", 9, 1),
    ("police_director", 17, 18),
]


def test_seed_004_imported_twice_keeps_one_conference_and_the_awards_register(thuky):
    html, data = _review(thuky)
    assert 'data-testid="conference-twins"' not in html
    # The text names the movement of the awards: they are drafts of decisions.
    assert data["award-0-movement"] == ["Toàn dân bảo vệ an ninh Tổ quốc"]
    assert data["award-0-movement_year"] == ["2022"]
    assert thuky.post(URL, data).status_code == 302
    assert Conference.objects.count() == 1
    assert _register() == REGISTER
    tasks = Conference.objects.get().tasks.count()

    html, data = _review(thuky)
    conference = Conference.objects.get()
    # The second import offers what the register holds, and uses it by default.
    assert 'data-testid="conference-twins"' in html
    assert data["conference_choice"] == [f"use:{conference.pk}"]
    assert all(data[f"award-{i}-choice"][0].startswith("use:") for i in range(3))
    assert all(data[f"ind-{i}-choice"][0].startswith("use:") for i in range(5))
    assert all(data[f"task-{i}-choice"][0].startswith("use:") for i in range(2))
    before = row_counts()
    response = thuky.post(URL, data)
    assert response.status_code == 302
    assert response["Location"] == f"/briefings/{conference.pk}/"
    assert Conference.objects.count() == 1
    assert _register() == REGISTER
    assert conference.tasks.count() == tasks
    assert conference.figures.count() == 5
    changed = {t for t in row_counts() if row_counts()[t] != before[t]}
    assert changed <= {"textimport_importrecord", "core_auditentry"}


def test_import_after_the_register_offers_the_decisions_entered_by_hand(thuky, org):
    from noichinh.devdata.demo import briefings as demo

    demo.load(org)
    html, data = _review(thuky)
    demo_conference = Conference.objects.get(ref="demo-2022-Y-BCD138")
    assert data["conference_choice"] == [f"use:{demo_conference.pk}"]
    numbers = [
        AwardDecision.objects.get(pk=int(data[f"award-{i}-choice"][0].split(":")[1])).number
        for i in range(3)
    ]
    assert numbers == ["1234/QĐ-BCA", "3456/QĐ-UBND", "789/QĐ-CAT"]
    assert thuky.post(URL, data).status_code == 302
    assert Conference.objects.filter(kind="annual_summary").count() == 1
    assert _register() == REGISTER
    assert not AwardRecipient.objects.filter(name__contains="chưa ghi tên").exists()


def test_creating_a_twin_needs_a_reason(thuky):
    _html, data = _review(thuky)
    thuky.post(URL, data)
    _html, data = _review(thuky)
    data["conference_choice"] = ["new"]
    before = row_counts()
    response = thuky.post(URL, data)
    assert response.status_code == 200
    assert "Hội nghị đã có trong sổ" in response.content.decode()
    assert row_counts() == before
    data["conference_reason"] = ["Hội nghị của Ban Chỉ đạo cấp huyện cùng ngày"]
    for i in range(3):
        data[f"award-{i}-DELETE"] = ["on"]
    response = thuky.post(URL, data)
    assert response.status_code == 302
    assert Conference.objects.count() == 2
    assert _register() == REGISTER


def test_the_same_draft_confirmed_twice_is_done_once(thuky):
    _html, data = _review(thuky)
    first = thuky.post(URL, data)
    second = thuky.post(URL, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Conference.objects.count() == 1
    assert _register() == REGISTER


def test_award_counts_naming_no_decision_nor_movement_are_not_decisions(thuky):
    _html, data = _review(thuky)
    for i in range(3):
        data[f"award-{i}-movement"] = [""]
    assert thuky.post(URL, data).status_code == 302
    assert not AwardDecision.objects.exists()
    assert Conference.objects.get().figures.count() == 5  # the counts stay figures


def test_tasks_land_on_the_matched_agencies_and_in_their_lists(thuky, users, agencies):
    html, data = _review(thuky)
    assert data["task-0-lead_agency"] == [str(agencies["CA"].pk)]
    assert "Cơ quan thường trực Ban Chỉ đạo 138 tỉnh" in html
    assert thuky.post(URL, data).status_code == 302
    tasks = list(Task.objects.order_by("id"))
    assert [t.lead_agency for t in tasks] == [agencies["CA"], agencies["CA"]]
    assert agencies["VKS"] in tasks[0].coordinators.all()
    assert set(selectors.task_list(user=users["canbo_ca"])) == set(tasks)


def test_a_task_whose_agency_matches_nothing_needs_one_chosen(thuky, agencies):
    _html, data = _review(thuky, SEED_003)
    data["date"] = ["08/07/2020"]
    data["task-0-agency"] = ["Sở Giáo dục và Đào tạo"]
    data["task-0-lead_agency"] = [""]
    before = row_counts()
    response = thuky.post(URL, data)
    assert response.status_code == 200
    assert "Chọn cơ quan chủ trì: “Sở Giáo dục và Đào tạo” chưa khớp cơ quan nào." in (
        response.content.decode()
    )
    assert row_counts() == before
    data["task-0-lead_agency"] = [str(agencies["STP"].pk)]
    assert thuky.post(URL, data).status_code == 302
    assert Task.objects.order_by("id").first().lead_agency == agencies["STP"]


def test_period_and_indicators_are_chosen_by_name(thuky):
    html, data = _review(thuky)
    assert data["period"] == ["2022-Y"]
    assert '<option value="2022-Y" selected>năm 2022</option>' in html
    assert '<option value="2022-Q3">quý III năm 2022</option>' in html
    assert ">Tập thể được khen thưởng</option>" in html
    assert "(awards.collectives)" not in html
    assert 'placeholder="2022-Q3"' not in html
