"""Issue 17: a conference created, or moved, with a date inside a closed reporting period, and
a task assigned at such a conference, are allowed only with a reason: the pages warn and ask,
the services refuse without it, the API too; the change is listed as a late change of the
closed period (as for the other registers)."""

import datetime as dt

import pytest

from noichinh.briefings import services as briefings
from noichinh.briefings.models import Conference, Task
from noichinh.core.closing import ClosedPeriodError
from noichinh.reports.models import LateChange, Period

CLOSED_DAY = dt.date(2022, 5, 10)  # Quý II/2022: closed in the demo
OPEN_DAY = dt.date(2023, 3, 15)  # no closed period in the demo


def _q2():
    return Period.objects.get(report_type__code="party_briefing", kind="Q", year=2022, number=2)


def _late(model):
    return list(LateChange.objects.filter(period=_q2(), model=model).order_by("at", "id"))


def _conference(users, org, **kw):
    data = {
        "blocs": [org["blocs"]["NOI_CHINH"]],
        "date": OPEN_DAY,
        "chair_name": "Phạm Minh Đức",
        "title": "Hội nghị giao ban khối Nội chính (thử)",
    }
    data.update(kw)
    return briefings.conference_create(actor=users["thuky"], **data)


def _task(users, agencies, conference, **kw):
    data = {
        "text": "Rà soát các vụ việc khiếu nại đông người",
        "lead_agency": agencies["CA"],
        "coordinators": [],
        "deadline": dt.date(2023, 12, 31),
        "is_regular": False,
    }
    data.update(kw)
    return briefings.task_create(actor=users["thuky"], conference=conference, **data)


def test_a_conference_dated_in_a_closed_period_needs_a_reason(demo_reports, users, org):
    with pytest.raises(ClosedPeriodError) as exc:
        _conference(users, org, date=CLOSED_DAY)
    assert "Quý II/2022" in exc.value.messages[0]
    assert not Conference.objects.filter(title__endswith="(thử)").exists()
    conference = _conference(users, org, date=CLOSED_DAY, late_reason="Ghi bù hội nghị")
    [change] = _late("briefings.conference")
    assert change.object_id == str(conference.pk) and change.reason == "Ghi bù hội nghị"
    assert change.summary == (
        "Ghi nhận hội nghị “Hội nghị giao ban khối Nội chính (thử)” ngày 10/05/2022"
    )


def test_moving_a_conference_into_or_out_of_a_closed_period_needs_a_reason(
    demo_reports, users, org
):
    conference = _conference(users, org)
    blocs = [org["blocs"]["NOI_CHINH"]]
    with pytest.raises(ClosedPeriodError):
        briefings.conference_update(
            actor=users["thuky"], conference=conference, blocs=blocs, date=CLOSED_DAY
        )
    assert Conference.objects.get(pk=conference.pk).date == OPEN_DAY
    briefings.conference_update(
        actor=users["thuky"],
        conference=conference,
        blocs=blocs,
        date=CLOSED_DAY,
        late_reason="Sửa ngày họp ghi nhầm",
    )
    [change] = _late("briefings.conference")
    assert change.reason == "Sửa ngày họp ghi nhầm"
    assert change.summary.startswith("Sửa ngày hội nghị “Hội nghị giao ban")
    # Out of the closed period again: a reason too.
    with pytest.raises(ClosedPeriodError):
        briefings.conference_update(
            actor=users["thuky"], conference=conference, blocs=blocs, date=OPEN_DAY
        )
    # Other fields of a conference in a closed period: no question (its date stays).
    briefings.conference_update(
        actor=users["thuky"], conference=conference, blocs=blocs, place="Hội trường A"
    )
    assert len(_late("briefings.conference")) == 1


def test_a_task_of_a_conference_in_a_closed_period_needs_a_reason(
    demo_reports, users, org, agencies
):
    conference = _conference(users, org, date=CLOSED_DAY, late_reason="Ghi bù hội nghị")
    with pytest.raises(ClosedPeriodError) as exc:
        _task(users, agencies, conference)
    assert "Quý II/2022" in exc.value.messages[0]
    assert not Task.objects.filter(conference=conference).exists()
    task = _task(users, agencies, conference, late_reason="Ghi bù nhiệm vụ")
    [change] = _late("briefings.task")
    assert change.object_id == str(task.pk) and change.reason == "Ghi bù nhiệm vụ"
    assert change.summary.startswith("Giao nhiệm vụ “Rà soát các vụ việc khiếu nại")
    # A task of a conference in no closed period: no question.
    _task(users, agencies, _conference(users, org, title="Hội nghị khác"))


def test_the_conference_and_task_pages_warn_and_ask_for_a_reason(
    demo_reports, client, users, org, agencies
):
    client.force_login(users["thuky"])
    form = {
        "kind": Conference.BRIEFING,
        "blocs": [org["blocs"]["NOI_CHINH"].pk],
        "date": "10/05/2022",
        "chair_name": "Phạm Minh Đức",
        "title": "Hội nghị giao ban khối Nội chính (thử)",
    }
    page = client.post("/briefings/new/", form)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="late-warning"' in html and "Quý II/2022" in html
    assert 'name="late_reason"' in html and 'type="checkbox" name="late_confirm"' in html
    assert not Conference.objects.filter(title=form["title"]).exists()
    done = client.post(
        "/briefings/new/",
        {**form, "late_asked": "1", "late_reason": "Ghi bù hội nghị", "late_confirm": "on"},
    )
    assert done.status_code == 302
    conference = Conference.objects.get(title=form["title"])
    assert [c.reason for c in _late("briefings.conference")] == ["Ghi bù hội nghị"]

    task = {
        "text": "Rà soát các vụ việc khiếu nại đông người",
        "lead_agency": agencies["CA"].pk,
        "deadline": "31/12/2023",
    }
    url = f"/briefings/{conference.pk}/tasks/new/"
    page = client.post(url, task)
    assert page.status_code == 200 and 'data-testid="late-warning"' in page.content.decode()
    assert not Task.objects.filter(conference=conference).exists()
    done = client.post(
        url, {**task, "late_asked": "1", "late_reason": "Ghi bù nhiệm vụ", "late_confirm": "on"}
    )
    assert done.status_code == 302
    assert [c.reason for c in _late("briefings.task")] == ["Ghi bù nhiệm vụ"]

    edit = {**form, "date": "15/03/2023"}
    url = f"/briefings/{conference.pk}/edit/"
    page = client.post(url, edit)
    assert page.status_code == 200 and 'data-testid="late-warning"' in page.content.decode()
    assert Conference.objects.get(pk=conference.pk).date == CLOSED_DAY
    done = client.post(
        url, {**edit, "late_asked": "1", "late_reason": "Sửa ngày họp", "late_confirm": "on"}
    )
    assert done.status_code == 302
    assert Conference.objects.get(pk=conference.pk).date == OPEN_DAY


def test_the_draft_api_needs_the_reason_too(demo_reports, api_client, users, agencies):
    client = api_client.as_user(users["thuky"])
    draft = {
        "event": {"type": "briefing", "blocs": ["noi_chinh"], "date": "2022-05-10"},
        "chair": {"name": "Phạm Minh Đức", "titles": ["Phó Bí thư Tỉnh ủy"]},
        "indicators": [],
        "tasks": [
            {
                "text": "Rà soát các vụ việc khiếu nại đông người",
                "lead_agency_id": agencies["CA"].pk,
                "choice": "new",
            }
        ],
        "awards": [],
    }
    refused = client.post("/api/v1/briefings/conferences/from-draft", {"draft": draft})
    assert refused.status_code in (400, 422)
    assert "khóa sổ" in str(refused.json())
    assert not Conference.objects.filter(date=CLOSED_DAY).exists()
    ok = client.post(
        "/api/v1/briefings/conferences/from-draft",
        {"draft": draft, "late_reason": "Nhập bù hội nghị từ bài báo"},
    )
    assert ok.status_code == 201
    conference = Conference.objects.get(pk=ok.json()["id"])
    assert [c.reason for c in _late("briefings.conference")] == ["Nhập bù hội nghị từ bài báo"]
    assert [c.object_id for c in _late("briefings.task")] == [
        str(t.pk) for t in conference.tasks.all()
    ]


def test_the_import_page_asks_for_the_reason_of_a_conference_in_a_closed_period(
    demo_reports, client, users
):
    from tests.textimport.expectations import DATA
    from tests.textimport.helpers import form_data, row_counts

    client.force_login(users["thuky"])
    text = (DATA / "seed_003.txt").read_text(encoding="utf-8")
    review = client.post("/import/", {"text": text, "action": "extract"})
    data = form_data(review.content.decode(), "review-form")
    data["date"], data["period"] = ["10/05/2022"], ["2022-Q2"]
    before = row_counts()
    page = client.post("/import/", data)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="late-warning"' in html and "Quý II/2022" in html
    assert 'name="late_reason"' in html and 'name="late_confirm"' in html
    assert row_counts() == before
    done = client.post(
        "/import/",
        {**data, "late_asked": "1", "late_reason": "Nhập bù bài báo", "late_confirm": "on"},
    )
    assert done.status_code == 302, done.content.decode()[:2000]
    conference = Conference.objects.get(date=CLOSED_DAY)
    assert [c.reason for c in _late("briefings.conference")] == ["Nhập bù bài báo"]
    assert {c.object_id for c in _late("briefings.task")} == {
        str(t.pk) for t in conference.tasks.all()
    }
