"""The published reception schedule (issue 19 §6): kept by the agency, audited, on the
portal, and counted in the visits figures by kind."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from noichinh.core.models import AuditEntry
from noichinh.petitions import figures, schedule
from noichinh.petitions.models import ReceptionDay, Visit
from noichinh.petitions.selectors import VisitFilters, visit_filter
from tests.petitions.factories import make_visit

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 11, 16)
TODAY = dt.datetime(2026, 11, 2, 9, 0)


def _day(users, agencies, **kw):
    data = dict(
        agency=agencies["TTT"],
        day=DAY,
        leader=users["truong_tt"],
        leader_name="Đỗ Thị Lan",
        leader_title="Chánh Thanh tra tỉnh",
        place="Trụ sở Tiếp công dân tỉnh, số 1 đường Hòa Bình",
        hours="Sáng, 7 giờ 30 đến 11 giờ 30",
    )
    data.update(kw)
    return schedule.reception_day_create(actor=users["truong_tt"], **data)


@time_machine.travel(TODAY, tick=False)
def test_head_adds_a_day_and_the_portal_shows_it(users, agencies, client):
    row = _day(users, agencies)
    assert AuditEntry.objects.filter(
        action="create", model="petitions.receptionday", object_id=str(row.pk)
    ).exists()
    page = client.get("/portal/lich-tiep-cong-dan/").content.decode()
    assert "16/11/2026" in page
    assert "Đỗ Thị Lan, Chánh Thanh tra tỉnh" in page
    assert "Trụ sở Tiếp công dân tỉnh" in page


@time_machine.travel(TODAY, tick=False)
def test_cancelled_day_stays_on_the_portal_marked_cancelled(users, agencies, client):
    row = _day(users, agencies)
    schedule.reception_day_cancel(actor=users["canbo"], reception_day=row, reason="Đi công tác")
    page = client.get("/portal/lich-tiep-cong-dan/").content.decode()
    assert "Đã hủy" in page and "Đi công tác" in page


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("who", ["canbo_ca", "thuky", "lanhdao", "canbo_dv"])
def test_others_may_not_edit_the_agencys_schedule(users, agencies, who):
    with pytest.raises(PermissionDenied):
        schedule.reception_day_create(
            actor=users[who],
            agency=agencies["TTT"],
            day=DAY,
            leader_name="Ai đó",
            place="Nơi nào đó",
        )
    assert not ReceptionDay.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_officer_of_the_agency_and_admin_may_edit(users, agencies):
    row = _day(users, agencies)
    row = schedule.reception_day_update(
        actor=users["canbo"], reception_day=row, place="Hội trường UBND tỉnh"
    )
    assert row.place == "Hội trường UBND tỉnh"
    row = schedule.reception_day_update(actor=users["admin"], reception_day=row, hours="Chiều")
    assert row.hours == "Chiều"
    assert AuditEntry.objects.filter(action="update", model="petitions.receptionday").count() == 2


@time_machine.travel(TODAY, tick=False)
def test_missing_place_is_refused_and_nothing_saved(users, agencies):
    with pytest.raises(ValidationError) as exc:
        _day(users, agencies, place="  ")
    assert "địa điểm" in str(exc.value)
    assert not ReceptionDay.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_schedule_pages_permissions_both_ways(users, agencies, client):
    row = _day(users, agencies)
    client.force_login(users["canbo_ca"])
    assert client.get(f"/petitions/reception-schedule/{row.pk}/").status_code == 403
    assert client.post(f"/petitions/reception-schedule/{row.pk}/cancel/").status_code == 403
    assert not ReceptionDay.objects.get(pk=row.pk).cancelled
    client.force_login(users["lanhdao"])
    assert client.get("/petitions/reception-schedule/new/").status_code == 403
    listing = client.get("/petitions/reception-schedule/").content.decode()
    assert "Đỗ Thị Lan" in listing and f"/reception-schedule/{row.pk}/" not in listing
    client.force_login(users["canbo"])
    assert client.get(f"/petitions/reception-schedule/{row.pk}/cancel/").status_code == 200
    response = client.post(
        f"/petitions/reception-schedule/{row.pk}/cancel/",
        {"version": row.version, "reason": "Họp đột xuất"},
    )
    assert response.status_code == 302
    assert ReceptionDay.objects.get(pk=row.pk).cancelled


@time_machine.travel(TODAY, tick=False)
def test_form_keeps_input_and_says_what_is_missing(users, agencies, client):
    client.force_login(users["truong_tt"])
    response = client.post(
        "/petitions/reception-schedule/new/",
        {"agency": agencies["TTT"].pk, "day": "16/11/2026", "leader_name": "Đỗ Thị Lan"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Đỗ Thị Lan" in page and "16/11/2026" in page
    assert not ReceptionDay.objects.exists()
    response = client.post(
        "/petitions/reception-schedule/new/",
        {
            "agency": agencies["TTT"].pk,
            "day": "16/11/2026",
            "leader": users["truong_tt"].pk,
            "place": "Trụ sở Tiếp công dân tỉnh",
        },
    )
    assert response.status_code == 302
    row = ReceptionDay.objects.get()
    assert row.leader_name == users["truong_tt"].full_name


def test_leader_visit_on_a_scheduled_day_counts_as_leader_reception(users, agencies):
    with time_machine.travel(TODAY, tick=False):
        _day(users, agencies)
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, 0), tick=False):
        by_leader = make_visit(users["truong_tt"], agencies["TTT"], visited_on=DAY)
        by_officer = make_visit(users["canbo"], agencies["TTT"], visited_on=DAY)
        other_day = make_visit(
            users["truong_tt"], agencies["TTT"], visited_on=DAY + dt.timedelta(days=1)
        )
        unscheduled = make_visit(
            users["truong_tt"], agencies["TTT"], visited_on=DAY, kind="unscheduled"
        )
    assert by_leader.kind == Visit.Kind.LEADER_DAY
    assert by_officer.kind == Visit.Kind.REGULAR
    assert other_day.kind == Visit.Kind.REGULAR
    assert unscheduled.kind == Visit.Kind.UNSCHEDULED
    start, end = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
    got = figures.compute_many(
        ["reception.kind.leader_day", "reception.kind.regular"],
        agency_ids={agencies["TTT"].pk},
        unit_ids=None,
        start=start,
        end=end,
    )
    listed = visit_filter(
        Visit.objects.all(),
        VisitFilters(
            agency_ids={agencies["TTT"].pk}, date_from=start, date_to=end, kind="leader_day"
        ),
    ).count()
    assert got["reception.kind.leader_day"] == listed == 1
    assert got["reception.kind.regular"] == 2


@time_machine.travel(TODAY, tick=False)
def test_schedule_list_queries_do_not_grow_with_the_rows(
    users, agencies, client, django_assert_max_num_queries
):
    for i in range(3):
        _day(users, agencies, day=DAY + dt.timedelta(days=i))
    client.force_login(users["truong_tt"])
    with django_assert_max_num_queries(20) as few:
        client.get("/petitions/reception-schedule/")
    for i in range(3, 30):
        _day(users, agencies, day=DAY + dt.timedelta(days=i))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/petitions/reception-schedule/").content.decode()
    assert page.count("Sửa</a>") == 25  # one page, every row editable by the head
