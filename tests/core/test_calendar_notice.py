"""Entering a year's official notice: who may, what it changes, and the due dates it moves."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from noichinh.core import calendar as cal
from noichinh.core.models import AuditEntry, CalendarDay, CalendarYear
from noichinh.core.selectors import work_calendar
from noichinh.core.services import NoticeDay, calendar_notice_enter
from noichinh.petitions import services as petition_services
from noichinh.petitions.models import Notification, Petition
from tests.petitions.factories import make_petition

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat

# A hypothetical notice for Tết 2027 (not the real one: none is out yet): the whole week of
# 08/02–12/02/2027 off besides 04/02–05/02, where the package guesses 04/02–10/02.
TET_2027 = [
    NoticeDay(D("2027-02-04"), True, "Tết Âm lịch"),
    NoticeDay(D("2027-02-05"), True, "Tết Âm lịch"),
    NoticeDay(D("2027-02-08"), True, "Tết Âm lịch"),
    NoticeDay(D("2027-02-09"), True, "Tết Âm lịch"),
    NoticeDay(D("2027-02-10"), True, "Tết Âm lịch"),
    NoticeDay(D("2027-02-11"), True, "Tết Âm lịch (nghỉ thêm)"),
    NoticeDay(D("2027-02-12"), True, "Tết Âm lịch (nghỉ thêm)"),
]


def _enter(actor, days=TET_2027, **kw):
    data = dict(
        actor=actor,
        year=2027,
        number="999/VPCP-KGVX",
        issued_on=D("2026-11-20"),
        issuer="Văn phòng Chính phủ",
        days=days,
    )
    data.update(kw)
    return calendar_notice_enter(**data)


@pytest.fixture
def open_petition(users, agencies):
    with time_machine.travel(dt.datetime(2027, 2, 1, 9, 0), tick=False):
        p = make_petition(users["canbo"], agencies["TTT"], received_on=D("2027-02-01"))
        petition_services.petition_assign(
            actor=users["truong_tt"], petition=p, officer=users["canbo"]
        )
    return Petition.objects.get(pk=p.pk)


def test_an_officer_cannot_enter_a_notice_and_nothing_changes(users):
    with pytest.raises(PermissionDenied):
        _enter(users["canbo"])
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_a_notice_without_number_or_with_a_weekday_as_worked_day_is_refused(users):
    with pytest.raises(ValidationError) as exc:
        _enter(users["admin"], number="")
    assert "số văn bản" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        _enter(users["admin"], days=[NoticeDay(D("2027-02-15"), False, "làm bù")])
    assert "ngày làm việc bình thường" in str(exc.value)
    with pytest.raises(ValidationError):
        _enter(users["admin"], days=[NoticeDay(D("2026-02-15"), True, "sai năm")])
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_entering_the_notice_makes_the_year_official_and_keeps_the_statutory_days(users):
    assert work_calendar().year_info(2027).status == cal.PROVISIONAL
    result = _enter(users["admin"])
    calendar = work_calendar()
    assert calendar.year_info(2027).status == cal.OFFICIAL
    assert "999/VPCP-KGVX ngày 20/11/2026 của Văn phòng Chính phủ" in result["notice"]
    assert not calendar.is_working_day(D("2027-02-12"))
    # 30/4 and 1/5 are fixed by Labour Code art. 112: kept, and not provisional.
    assert not calendar.is_working_day(D("2027-04-30"))
    assert not CalendarDay.objects.get(date=D("2027-04-30")).provisional
    # The day beside 2/9 is the Prime Minister's choice: still a provisional guess.
    assert CalendarDay.objects.get(date=D("2027-09-03")).provisional
    # Vietnamese Culture Day has no legal basis in force: not a day off.
    assert calendar.is_working_day(D("2027-11-24"))
    entry = AuditEntry.objects.filter(action="calendar_notice").first()
    assert entry is not None and "999/VPCP-KGVX" in entry.reason


def test_the_notice_recomputes_an_open_petition_across_tet_and_tells_its_officer(
    users, open_petition
):
    before = open_petition.next_due
    assert before == D("2027-02-22")  # the package's guess: Tết 04/02–10/02
    assert open_petition.next_due_provisional
    result = _enter(users["admin"])
    assert result["recomputed"] >= 1
    petition = Petition.objects.get(pk=open_petition.pk)
    # 02, 03/02 are days 1–2; 04/02–12/02 off; 15–19/02 days 3–7; 22–24/02 days 8–10.
    assert petition.next_due == D("2027-02-24")
    assert not petition.next_due_provisional
    step = petition.deadlines.get(done_on__isnull=True)
    assert step.due == D("2027-02-24")
    assert "lịch năm 2027: chính thức" in step.explanation
    history = petition.transitions.filter(action="recompute_due").get()
    assert "22/02/2027" in history.note and "24/02/2027" in history.note
    assert "999/VPCP-KGVX" in history.note
    assert AuditEntry.objects.filter(
        model="petitions.petition", object_id=str(petition.pk), reason__contains="24/02/2027"
    ).exists()
    notice = Notification.objects.get(user=users["canbo"], kind="due_changed")
    assert petition.receipt_no in notice.message and "24/02/2027" in notice.message


def test_a_due_date_outside_the_notice_period_keeps_its_date_and_becomes_official(users, agencies):
    with time_machine.travel(dt.datetime(2027, 6, 1, 9, 0), tick=False):
        p = make_petition(users["canbo"], agencies["TTT"], received_on=D("2027-06-01"))
        petition_services.petition_assign(
            actor=users["truong_tt"], petition=p, officer=users["canbo"]
        )
    p = Petition.objects.get(pk=p.pk)
    assert p.next_due_provisional
    _enter(users["admin"])
    after = Petition.objects.get(pk=p.pk)
    assert after.next_due == p.next_due
    assert not after.next_due_provisional
    assert not Notification.objects.filter(user=users["canbo"], kind="due_changed").exists()


def test_a_due_date_before_the_notice_period_is_not_touched(users, agencies):
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, 0), tick=False):
        p = make_petition(users["canbo"], agencies["TTT"], received_on=D("2026-11-02"))
    _enter(users["admin"])
    assert not Petition.objects.get(pk=p.pk).transitions.filter(action="recompute_due").exists()


def test_notice_page_is_for_administrators_only(client, users):
    client.force_login(users["canbo"])
    assert client.get("/core/calendar/notice/").status_code == 403
    assert "enter-notice" not in client.get("/core/calendar/").content.decode()
    client.force_login(users["admin"])
    assert client.get("/core/calendar/notice/").status_code == 200
    assert "enter-notice" in client.get("/core/calendar/").content.decode()


def test_notice_form_posts_and_bad_lines_get_a_vietnamese_message(client, users):
    client.force_login(users["admin"])
    data = {
        "year": "2027",
        "number": "999/VPCP-KGVX",
        "issued_on": "20/11/2026",
        "issuer": "Văn phòng Chính phủ",
        "days": "05/02/2027; nghỉ; Tết Âm lịch\n13/02/2027; ngủ; ?",
    }
    response = client.post("/core/calendar/notice/", data)
    assert response.status_code == 200
    assert "ghi “nghỉ” hoặc “làm bù”" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()
    data["days"] = "05/02/2027; nghỉ; Tết Âm lịch\n20/02/2027; làm bù; Làm bù ngày 05/02"
    response = client.post("/core/calendar/notice/", data)
    assert response.status_code == 302
    assert CalendarYear.objects.get(year=2027).status == CalendarYear.OFFICIAL
    assert work_calendar().is_working_day(D("2027-02-20"))


def test_calendar_page_shows_each_year_status_days_and_sources(client, users):
    client.force_login(users["canbo"])
    html = client.get("/core/calendar/?year=2026").content.decode()
    assert "Năm 2026: lịch chính thức" in html
    assert "12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ" in html
    assert "02/01/2026" in html and "10/01/2026" in html
    assert "Làm việc (làm bù)" in html
    assert "24/11/2026" not in html
    html = client.get("/core/calendar/?year=2027").content.decode()
    assert "Năm 2027: lịch tạm tính" in html
    html = client.get("/core/calendar/?year=abc").content.decode()
    assert "Năm 2026" in html


def test_due_date_api_names_the_calendar_years_and_their_status(api_client, users):
    body = (
        api_client.as_user(users["canbo"])
        .get("/api/v1/calendar/due-date", rule="complaint.lodge", start="2025-10-03")
        .json()
    )
    assert body["due"] == "2026-01-05"
    assert body["provisional"] is False
    assert [(y["year"], y["status"]) for y in body["calendar_years"]] == [
        (2025, "official"),
        (2026, "official"),
    ]
    body = (
        api_client.as_user(users["canbo"])
        .get("/api/v1/calendar/due-date", rule="petition.handle", start="2027-02-01")
        .json()
    )
    assert body["provisional"] is True
    assert body["calendar_years"][0]["status"] == "provisional"


def test_petition_api_says_whether_its_due_dates_are_provisional(api_client, users, open_petition):
    body = api_client.as_user(users["canbo"]).get(f"/api/v1/petitions/{open_petition.pk}").json()
    assert body["next_due"] == "2027-02-22"
    assert body["next_due_provisional"] is True
    assert body["deadlines"][0]["provisional"] is True
    assert "lịch năm 2027: tạm tính" in body["deadlines"][0]["explanation"]
    _enter(users["admin"])
    body = api_client.as_user(users["canbo"]).get(f"/api/v1/petitions/{open_petition.pk}").json()
    assert (body["next_due"], body["next_due_provisional"]) == ("2027-02-24", False)


def test_petition_list_marks_a_provisional_due_date_with_a_tooltip(client, users, open_petition):
    client.force_login(users["canbo"])
    html = client.get("/petitions/").content.decode()
    assert "22/02/2027" in html
    assert 'data-testid="provisional"' in html and "(tạm tính)" in html
    assert "chưa có thông báo chính thức" in html
    _enter(users["admin"])
    html = client.get("/petitions/").content.decode()
    assert "24/02/2027" in html
    assert 'data-testid="provisional"' not in html


def test_a_national_day_notice_replaces_the_guessed_days_of_its_period(users):
    """2026: the day beside 2/9 and the swap are guesses; a notice for the period replaces
    them (hypothetical content: 2/9 and 3/9 off, no swap)."""
    calendar_notice_enter(
        actor=users["admin"],
        year=2026,
        number="998/VPCP-KGVX",
        issued_on=D("2026-07-01"),
        issuer="Văn phòng Chính phủ",
        days=[
            NoticeDay(D("2026-09-02"), True, "Quốc khánh"),
            NoticeDay(D("2026-09-03"), True, "Quốc khánh (ngày liền sau)"),
        ],
        period_from=D("2026-08-22"),
        period_to=D("2026-09-06"),
    )
    calendar = work_calendar()
    assert calendar.is_working_day(D("2026-08-31"))
    assert calendar.is_working_day(D("2026-09-01"))
    assert not calendar.is_working_day(D("2026-08-22"))  # a Saturday again
    assert not calendar.is_working_day(D("2026-09-03"))
    assert not any(y.provisional for y in calendar.years_used(D("2026-08-01"), D("2026-09-30")))
    # 02/01/2026 (12729/VPCP-KGVX) is outside the period: untouched.
    assert not calendar.is_working_day(D("2026-01-02"))


def test_a_period_outside_the_year_is_refused(users):
    with pytest.raises(ValidationError):
        _enter(users["admin"], period_from=D("2026-12-20"), period_to=D("2027-02-20"))
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_calendar_year_api_gives_status_notices_and_days(api_client, users):
    body = api_client.as_user(users["canbo"]).get("/api/v1/calendar/years/2026").json()
    assert body["status"] == "official"
    assert any(n["number"] == "12729/VPCP-KGVX" for n in body["notices"])
    days = {d["date"]: d for d in body["days"]}
    assert days["2026-01-02"]["is_day_off"] is True
    assert days["2026-01-10"]["is_day_off"] is False
    assert "2026-11-24" not in days
    body = api_client.as_user(users["canbo"]).get("/api/v1/calendar/years/2027").json()
    assert body["status"] == "provisional"
    assert all(d["provisional"] for d in body["days"])
    response = api_client.as_user(users["canbo"]).get("/api/v1/calendar/years/3000")
    assert response.status_code == 400


def test_notice_api_is_for_administrators_and_recomputes(api_client, users, open_petition):
    payload = {
        "year": 2027,
        "number": "999/VPCP-KGVX",
        "issued_on": "2026-11-20",
        "issuer": "Văn phòng Chính phủ",
        "days": [
            {"date": f"2027-02-{d:02d}", "reason": "Tết Âm lịch"} for d in (4, 5, 8, 9, 10, 11, 12)
        ],
    }
    response = api_client.as_user(users["canbo"]).post("/api/v1/calendar/notices", payload)
    assert response.status_code == 403
    assert not CalendarYear.objects.filter(year=2027).exists()
    bad = dict(payload, number="")
    response = api_client.as_user(users["admin"]).post("/api/v1/calendar/notices", bad)
    assert response.status_code == 400 and "số văn bản" in response.json()["detail"]
    response = api_client.as_user(users["admin"]).post("/api/v1/calendar/notices", payload)
    assert response.status_code == 201
    assert response.json()["recomputed"] >= 1
    assert Petition.objects.get(pk=open_petition.pk).next_due == D("2027-02-24")


def test_recompute_command_fixes_a_due_date_stored_on_the_package_calendar(users, agencies):
    """A petition stored before the official data: 02/01/2026 counted as a working day."""
    from django.core.management import call_command

    with time_machine.travel(dt.datetime(2025, 12, 26, 9, 0), tick=False):
        p = make_petition(users["canbo"], agencies["TTT"], received_on=D("2025-12-26"))
    step = p.deadlines.get()
    # Simulate the old stored value: on the package calendar 2/1 was worked, 10/1 a Saturday.
    Petition.objects.filter(pk=p.pk).update(next_due=D("2026-01-09"))
    type(step).objects.filter(pk=step.pk).update(due=D("2026-01-09"))
    call_command("recompute_due_dates", "2026")
    # 29, 30, 31/12 days 1–3; 1–4/1 off; 5–9/1 days 4–8; Saturday 10/1 worked day 9; 12/1 day 10.
    assert Petition.objects.get(pk=p.pk).next_due == D("2026-01-12")
    assert p.transitions.filter(action="recompute_due").exists()
