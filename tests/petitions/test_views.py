import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse

from noichinh.petitions import figures
from noichinh.petitions.models import Petition, Visit
from tests.petitions.factories import accepted_complaint, make_petition, make_visit

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def tt(client, users):
    client.force_login(users["canbo"])
    return client


@time_machine.travel(TODAY)
def test_petition_list_accent_insensitive_search_and_filters(tt, users, agencies):
    make_petition(
        users["canbo"],
        agencies["TTT"],
        received_on=dt.date(2026, 5, 4),
        content="Khiếu nại về đất đai ở xã Tân Hòa",
    )
    make_petition(
        users["canbo"],
        agencies["TTT"],
        received_on=dt.date(2026, 5, 5),
        content="Phản ánh ô nhiễm",
        type="reflection",
    )
    r = tt.get(reverse("petitions:petition_list"), {"q": "dat dai tan hoa"})
    assert r.status_code == 200
    assert "Tân Hòa" in r.text and "ô nhiễm" not in r.text
    r = tt.get(reverse("petitions:petition_list"), {"type": "reflection"})
    assert "ô nhiễm" in r.text and "Tân Hòa" not in r.text


@time_machine.travel(TODAY)
def test_bad_filter_input_shows_message_not_500(tt):
    r = tt.get(
        reverse("petitions:petition_list"),
        {"from": "32/13/2026", "agency": "abc", "within": "x", "page": "zz"},
    )
    assert r.status_code == 200
    assert "không hợp lệ" in r.text


@time_machine.travel(TODAY)
def test_list_query_count_is_bounded(tt, users, agencies, django_assert_max_num_queries):
    for i in range(30):
        make_petition(
            users["canbo"],
            agencies["TTT"],
            received_on=dt.date(2026, 5, 4),
            content=f"Nội dung đơn số {i} về đất",
        )
    with django_assert_max_num_queries(12):
        r = tt.get(reverse("petitions:petition_list"), {"sort": "due"})
    assert r.status_code == 200


@time_machine.travel(TODAY)
def test_officer_of_other_agency_cannot_open_petition(client, users, agencies):
    p = make_petition(users["canbo"], agencies["TTT"])
    client.force_login(users["canbo_ca"])
    assert client.get(reverse("petitions:petition_detail", args=[p.pk])).status_code == 404
    client.force_login(users["canbo"])
    assert client.get(reverse("petitions:petition_detail", args=[p.pk])).status_code == 200
    client.force_login(users["lanhdao"])
    r = client.get(reverse("petitions:petition_detail", args=[p.pk]))
    assert r.status_code == 200 and "Thụ lý giải quyết" not in r.text


@time_machine.travel(TODAY)
def test_leadership_cannot_post_actions(client, users, agencies):
    p = make_petition(users["canbo"], agencies["TTT"])
    client.force_login(users["lanhdao"])
    r = client.post(reverse("petitions:petition_action", args=[p.pk, "classify"]), {})
    assert r.status_code == 403


@time_machine.travel(TODAY)
def test_create_form_keeps_input_on_error(tt, agencies):
    r = tt.post(
        reverse("petitions:petition_create"),
        {
            "agency": agencies["TTT"].pk,
            "received_on": "31/02/2026",
            "channel": "post",
            "type": "complaint",
            "field": "land",
            "sender_kind": "person",
            "content": "Nội dung giữ lại",
        },
    )
    assert r.status_code == 200
    assert "Nội dung giữ lại" in r.text and "dd/mm/yyyy" in r.text
    assert not Petition.objects.exists()


@time_machine.travel(TODAY)
def test_create_then_classify_and_accept_through_web(tt, agencies):
    r = tt.post(
        reverse("petitions:petition_create"),
        {
            "agency": agencies["TTT"].pk,
            "received_on": "04/05/2026",
            "channel": "post",
            "type": "complaint",
            "field": "land",
            "sender_kind": "person",
            "sender_name": "Lê Văn C",
            "content": "Khiếu nại thu hồi đất",
        },
    )
    assert r.status_code == 302
    p = Petition.objects.get()
    r = tt.post(
        reverse("petitions:petition_action", args=[p.pk, "classify"]),
        {
            "classify-type": "complaint",
            "classify-field": "land",
            "classify-meets_conditions": "1",
            "classify-in_competence": "1",
            "classify-complaint_round": "1",
            "version": p.version,
        },
    )
    assert r.status_code == 302
    p.refresh_from_db()
    r = tt.post(
        reverse("petitions:petition_action", args=[p.pk, "accept"]),
        {"accept-on": "06/05/2026", "accept-doc_no": "", "version": p.version},
    )
    assert r.status_code == 400 and "Nhập số văn bản" in r.text
    r = tt.post(
        reverse("petitions:petition_action", args=[p.pk, "accept"]),
        {"accept-on": "06/05/2026", "accept-doc_no": "15/TB-TTT", "version": p.version},
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.state == "accepted" and p.outcome_doc_no == "15/TB-TTT"
    r = tt.get(reverse("petitions:petition_document", args=[p.pk, "accept"]))
    assert r.status_code == 200 and r["Content-Type"].endswith("document")
    from docx import Document

    text = "\n".join(par.text for par in Document(io.BytesIO(r.content)).paragraphs)
    assert "THÔNG BÁO" in text and "15/TB-TTT" in "".join(
        c.text for t in Document(io.BytesIO(r.content)).tables for row in t.rows for c in row.cells
    )


@time_machine.travel(TODAY)
def test_denunciation_sender_never_in_list_detail_or_export(client, users, agencies):
    make_petition(
        users["canbo"],
        agencies["TTT"],
        type="denunciation",
        sender_name="Người Bí Mật Xyz",
        received_on=dt.date(2026, 5, 4),
    )
    client.force_login(users["truong_tt"])
    for params in ({}, {"q": "bi mat xyz"}, {"format": "xlsx"}):
        r = client.get(reverse("petitions:petition_list"), params)
        assert b"B\xc3\xad M\xe1\xba\xadt" not in r.content and b"Bi Mat" not in r.content
    r = client.get(reverse("petitions:petition_list"), {"q": "bi mat xyz"})
    assert "Không có đơn nào khớp" in r.text
    p = Petition.objects.get()
    r = client.get(reverse("petitions:petition_detail", args=[p.pk]))
    assert "Người Bí Mật" not in r.text and "bảo mật" in r.text


@time_machine.travel(TODAY)
def test_duplicate_proposed_across_agencies_without_diacritics_and_linked(client, users, agencies):
    first = make_petition(
        users["canbo_ca"],
        agencies["CA"],
        received_on=dt.date(2024, 3, 4),
        content="Tố giác việc khai thác cát trái phép trên sông Cầu đoạn qua xã Tân Hòa gây sạt lở đất canh tác của nhiều hộ dân",
        type="reflection",
        sender_name="Phạm Văn D",
        sender_id_number="",
    )
    second = make_petition(
        users["canbo"],
        agencies["TTT"],
        received_on=dt.date(2026, 5, 4),
        content="to giac viec khai thac cat trai phep tren song Cau doan qua xa Tan Hoa gay sat lo dat canh tac cua nhieu ho dan trong thon",
        type="reflection",
        sender_name="Người khác",
        sender_id_number="",
    )
    client.force_login(users["canbo"])
    r = client.get(reverse("petitions:petition_detail", args=[second.pk]))
    assert first.receipt_no in r.text and "nội dung giống" in r.text
    r = client.post(
        reverse("petitions:petition_link_duplicate", args=[second.pk]), {"original": first.pk}
    )
    assert r.status_code == 302
    second.refresh_from_db()
    assert second.duplicate_of == first
    start, end = dt.date(2026, 4, 1), dt.date(2026, 6, 30)
    assert (
        figures.FIGURES["petitions.duplicates"](
            agency_ids=None, unit_ids=None, start=start, end=end
        )
        == 1
    )
    assert (
        figures.FIGURES["petitions.new_matters"](
            agency_ids=None, unit_ids=None, start=start, end=end
        )
        == 0
    )


@time_machine.travel(TODAY)
def test_same_cccd_proposed_as_duplicate(client, users, agencies):
    a = make_petition(
        users["canbo"],
        agencies["TTT"],
        received_on=dt.date(2023, 3, 4),
        content="Kiến nghị về chế độ chính sách",
        type="recommendation",
        sender_id_number="012345678901",
    )
    b = make_petition(
        users["canbo"],
        agencies["TTT"],
        received_on=dt.date(2026, 5, 4),
        content="Đề nghị xem xét trợ cấp",
        type="recommendation",
        sender_name="Tên khác",
        sender_id_number="012345678901",
    )
    client.force_login(users["canbo"])
    r = client.get(reverse("petitions:petition_detail", args=[b.pk]))
    assert a.receipt_no in r.text and "cùng số CCCD" in r.text


@time_machine.travel(TODAY)
def test_due_view_and_overdue_filter(tt, users, agencies):
    accepted_complaint(
        users["canbo"],
        agencies["TTT"],
        received_on=dt.date(2026, 3, 2),
        decided_on=dt.date(2026, 3, 9),
    )
    make_petition(users["canbo"], agencies["TTT"], received_on=dt.date(2026, 5, 25))
    r = tt.get(reverse("petitions:due"))
    assert r.status_code == 200 and "Thanh tra tỉnh" in r.text
    r = tt.get(reverse("petitions:petition_list"), {"due": "overdue"})
    assert r.context["page_obj"].paginator.count == 1
    assert "quá" in r.text


@time_machine.travel(TODAY)
def test_figures_page_numbers_equal_list_counts(tt, users, agencies):
    u = users["canbo"]
    accepted_complaint(
        u, agencies["TTT"], received_on=dt.date(2026, 4, 2), decided_on=dt.date(2026, 4, 9)
    )
    make_petition(
        u, agencies["TTT"], received_on=dt.date(2026, 5, 4), type="denunciation", field="corruption"
    )
    make_petition(
        u, agencies["TTT"], received_on=dt.date(2026, 5, 5), type="recommendation", co_senders=6
    )
    make_visit(
        u, agencies["TTT"], visited_on=dt.date(2026, 5, 6), people_count=7, representatives="A, B"
    )
    make_visit(u, agencies["TTT"], visited_on=dt.date(2026, 5, 7))
    r = tt.get(reverse("petitions:figures"), {"from": "01/04/2026", "to": "30/06/2026"})
    assert r.status_code == 200
    checked = 0
    for row in r.context["rows"]:
        if row["code"] in ("reception.people", "reception.mass_people"):
            continue
        listing = tt.get(row["url"])
        assert listing.status_code == 200, row
        assert listing.context["page_obj"].paginator.count == row["value"], row["code"]
        checked += 1
    assert checked > 30


@time_machine.travel(TODAY)
def test_figures_unit_filter_shows_when_an_ended_unit_ended(tt, org):
    """Namesakes before and after the 2025 reform differ, as in the conference figures filter."""
    from noichinh.org.models import AreaUnit

    ended = AreaUnit.objects.filter(valid_to__isnull=False).order_by("name").first()
    current = AreaUnit.objects.filter(valid_to__isnull=True).order_by("name").first()
    r = tt.get(reverse("petitions:figures"))
    assert r.status_code == 200
    label = f"{ended.name} (đến {ended.valid_to:%d/%m/%Y})"
    assert f'<option value="{ended.pk}">{label}</option>' in r.text
    assert f'<option value="{current.pk}">{current.name}</option>' in r.text


@time_machine.travel(TODAY)
def test_visit_list_and_create(tt, agencies):
    r = tt.post(
        reverse("petitions:visit_create"),
        {
            "agency": agencies["TTT"].pk,
            "visited_on": "02/05/2026",
            "kind": "regular",
            "petition_type": "complaint",
            "field": "land",
            "people_count": "8",
            "content": "Đoàn đông người",
            "answer": "guided",
        },
    )
    assert r.status_code == 200 and "người đại diện" in r.text
    r = tt.post(
        reverse("petitions:visit_create"),
        {
            "agency": agencies["TTT"].pk,
            "visited_on": "02/05/2026",
            "kind": "regular",
            "petition_type": "complaint",
            "field": "land",
            "people_count": "8",
            "representatives": "Ông A, bà B",
            "representative_count": "2",
            "content": "Đoàn đông người",
            "answer": "received",
            "make_petition": "on",
        },
    )
    assert r.status_code == 302 and "visit=" in r["Location"]
    assert Visit.objects.get().is_mass
    r = tt.get(reverse("petitions:visit_list"), {"flag": "mass"})
    assert r.context["page_obj"].paginator.count == 1
    r = tt.get(
        r["Location"] if r.status_code == 302 else reverse("petitions:visit_list"),
        {"format": "xlsx"},
    )
    assert r.status_code == 200


@time_machine.travel(TODAY)
def test_reminders_are_idempotent(users, agencies):
    from django.core.management import call_command

    from noichinh.petitions.models import Notification

    accepted_complaint(
        users["canbo"],
        agencies["TTT"],
        received_on=dt.date(2026, 3, 2),
        decided_on=dt.date(2026, 3, 9),
    )
    call_command("send_petition_reminders")
    n = Notification.objects.count()
    assert n >= 1
    call_command("send_petition_reminders")
    assert Notification.objects.count() == n
