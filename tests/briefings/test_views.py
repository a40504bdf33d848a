import datetime as dt
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from noichinh.briefings.models import AwardDecision, Conference, Task, TaskUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client, users):
    def _as(username):
        client.force_login(users[username])
        return client

    return _as


def test_conference_with_a_bad_date_keeps_what_was_typed(as_user, blocs):
    response = as_user("thuky").post(
        "/briefings/new/",
        {
            "kind": "briefing",
            "blocs": [blocs["NOI_CHINH"].pk],
            "date": "32/13/2022",
            "chair_name": "Phạm Minh Đức",
        },
    )
    assert response.status_code == 200
    assert "Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy." in response.content.decode()
    assert 'value="Phạm Minh Đức"' in response.content.decode()
    assert not Conference.objects.exists()


def test_conference_is_recorded_from_the_form(as_user, blocs, agencies):
    response = as_user("thuky").post(
        "/briefings/new/",
        {
            "kind": "briefing",
            "blocs": [blocs["NOI_CHINH"].pk, blocs["DAN_VAN"].pk],
            "period_kind": "Q3",
            "period_year": "2022",
            "date": "12/10/2022",
            "chair_name": "Phạm Minh Đức",
            "attendee_agencies": [agencies["CA"].pk],
        },
    )
    conference = Conference.objects.get()
    assert response.status_code == 302
    assert conference.period_label == "Quý III/2022" and conference.date == dt.date(2022, 10, 12)


def test_officer_is_refused_the_conference_form(as_user):
    response = as_user("canbo_ca").get("/briefings/new/")
    assert response.status_code == 403
    assert "thư ký khối" in response.content.decode()


def test_task_form_refuses_unknown_agency_and_early_deadline(as_user, conference, agencies):
    client = as_user("thuky")
    url = f"/briefings/{conference.pk}/tasks/new/"
    response = client.post(
        url, {"text": "Kiểm tra", "lead_agency": "999999", "deadline": "31/12/2022"}
    )
    assert "Không có cơ quan này trong danh mục." in response.content.decode()
    response = client.post(
        url, {"text": "Kiểm tra", "lead_agency": agencies["CA"].pk, "deadline": "01/09/2022"}
    )
    body = response.content.decode()
    assert "trước ngày giao nhiệm vụ" in body and "Kiểm tra</textarea>" in body
    response = client.post(
        url, {"text": "Kiểm tra", "lead_agency": agencies["CA"].pk, "deadline": "31/02/2022"}
    )
    assert "Ngày không hợp lệ" in response.content.decode()
    assert not Task.objects.exists()


def test_money_figure_typed_in_vietnamese_is_shown_as_typed(as_user, conference):
    client = as_user("thuky")
    response = client.post(
        f"/briefings/{conference.pk}/",
        {"fig-qualifier": "gt", "fig-value": "7,3 tỷ", "fig-unit": "đồng", "fig-subject": "Ủng hộ"},
    )
    assert response.status_code == 302
    assert conference.figures.get().value == 7_300_000_000
    assert "trên 7,3 tỷ đồng" in client.get(f"/briefings/{conference.pk}/").content.decode()
    response = client.post(
        f"/briefings/{conference.pk}/", {"fig-qualifier": "eq", "fig-value": "7,000.5"}
    )
    assert "Giá trị không phải là số" in response.content.decode()
    assert conference.figures.count() == 1


def test_duplicate_award_number_gets_a_clear_error(as_user):
    client = as_user("thuky")
    data = {
        "issuer_level": "police_director",
        "form": "giay_khen",
        "number": "789/QĐ-CAT",
        "signed_on": "29/12/2022",
        "movement_name": "Toàn dân bảo vệ an ninh Tổ quốc",
        "movement_year": "2022",
        "collectives": "Công an xã Kha Sơn\nCông an xã Tân Hòa",
    }
    assert client.post("/briefings/awards/new/", data).status_code == 302
    response = client.post("/briefings/awards/new/", data)
    assert response.status_code == 200
    assert "Quyết định số 789/QĐ-CAT của Giám đốc Công an tỉnh đã có" in response.content.decode()
    assert AwardDecision.objects.count() == 1


def test_agency_user_sees_only_its_own_tasks(as_user, make_task, django_assert_max_num_queries):
    own = make_task(lead="CA", text="Việc của Công an")
    coordinated = make_task(lead="VKS", coordinators=["CA"], text="Công an phối hợp")
    other = make_task(lead="TTT", text="Việc của Thanh tra")
    client = as_user("canbo_ca")
    with django_assert_max_num_queries(25):
        body = client.get("/briefings/tasks/").content.decode()
    assert own.text in body and coordinated.text in body and other.text not in body
    assert client.get(f"/briefings/tasks/{other.pk}/").status_code == 404
    response = client.post(
        f"/briefings/tasks/{other.pk}/", {"action": "progress", "p-note": "Chen ngang"}
    )
    assert response.status_code == 404
    assert not TaskUpdate.objects.exists()
    thuky_body = as_user("thuky").get("/briefings/tasks/").content.decode()
    assert other.text in thuky_body


def test_agency_reports_progress_with_an_attachment_served_only_to_its_agencies(
    as_user, make_task, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    task = make_task(lead="CA")
    client = as_user("canbo_ca")
    response = client.post(
        f"/briefings/tasks/{task.pk}/",
        {
            "action": "progress",
            "p-note": "Đã triển khai",
            "p-attachment": SimpleUploadedFile("ket-qua.txt", b"noi dung"),
        },
    )
    assert response.status_code == 302
    update = TaskUpdate.objects.get()
    url = f"/briefings/tasks/files/{update.pk}/"
    assert b"".join(client.get(url).streaming_content) == b"noi dung"
    assert as_user("canbo").get(url).status_code == 404
    assert as_user("thuky").get(url).status_code == 200


def test_officer_cannot_accept_through_the_page(as_user, make_task):
    task = make_task(lead="CA")
    response = as_user("canbo_ca").post(f"/briefings/tasks/{task.pk}/", {"action": "accept"})
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.status == Task.NOT_STARTED


def test_notice_docx_is_in_party_format(as_user, conference, make_task, users):
    make_task(lead="CA", coordinators=["VKS"], text="Nắm chắc tình hình an ninh")
    client = as_user("thuky")
    response = client.post(
        f"/briefings/{conference.pk}/notice/",
        {
            "number": "45-TB/TU",
            "issued_on": "14/10/2022",
            "place": "Hòa Sơn",
            "title": "Kết luận hội nghị giao ban",
            "recipients": "Thường trực Tỉnh ủy\nLưu VPTU",
            "signer_on_behalf": "T/L BAN THƯỜNG VỤ",
            "signer_title": "CHÁNH VĂN PHÒNG",
            "signer_name": "Trịnh Văn Thành",
        },
    )
    assert response.status_code == 302
    response = client.get(f"/briefings/{conference.pk}/notice.docx")
    document = docx.Document(io.BytesIO(response.content))
    header = " ".join(c.text for c in document.tables[0].rows[0].cells)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in header and "TỈNH ỦY HÒA SƠN" in header
    assert "Số 45-TB/TU" in header and "Hòa Sơn, ngày 14 tháng 10 năm 2022" in header
    assert "THÔNG BÁO" in text
    assert "Nắm chắc tình hình an ninh; chủ trì: Công an tỉnh; phối hợp: VKSND tỉnh" in text
    assert "Nơi nhận:" in document.tables[1].rows[0].cells[0].text
    response = client.post(
        f"/briefings/{conference.pk}/notice/",
        {"issued_on": "01/10/2022", "place": "Hòa Sơn", "title": "x"},
    )
    assert "Ngày ban hành trước ngày họp" in response.content.decode()


def _sheet(rows):
    from noichinh.briefings.selectors import XLSX_HEADER

    workbook = Workbook()
    workbook.active.append(XLSX_HEADER)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("tien-do.xlsx", buffer.getvalue())


def test_bulk_progress_round_trip(as_user, make_task):
    first = make_task(lead="CA", text="Việc một")
    second = make_task(lead="VKS", coordinators=["CA"], text="Việc hai")
    make_task(lead="TTT", text="Việc của người khác")
    client = as_user("canbo_ca")
    sheet = load_workbook(io.BytesIO(client.get("/briefings/tasks/export.xlsx").content)).active
    ids = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(ids) == sorted([first.pk, second.pk])
    sheet.cell(row=2, column=7, value="Đã hoàn thành kiểm tra")
    sheet.cell(row=3, column=7, value="Đang phối hợp")
    if sheet.cell(row=2, column=1).value == first.pk:
        sheet.cell(row=2, column=8, value="x")
    else:
        sheet.cell(row=3, column=8, value="x")
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    response = client.post(
        "/briefings/tasks/import/", {"file": SimpleUploadedFile("t.xlsx", buffer.getvalue())}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Task.PROPOSED, Task.IN_PROGRESS)


def test_bulk_progress_with_errors_saves_nothing_and_lists_rows(as_user, make_task):
    own = make_task(lead="CA")
    coordinated = make_task(lead="VKS", coordinators=["CA"])
    other = make_task(lead="TTT")
    upload = _sheet(
        [
            [own.pk, "", "", "", "", "", "Tiến độ tốt", ""],
            [other.pk, "", "", "", "", "", "Không phải việc của tôi", ""],
            ["abc", "", "", "", "", "", "x", ""],
            [coordinated.pk, "", "", "", "", "", "Xong", "x"],
            [own.pk, "", "", "", "", "", "Lặp lại", ""],
        ]
    )
    response = as_user("canbo_ca").post("/briefings/tasks/import/", {"file": upload})
    body = response.content.decode()
    assert response.status_code == 200
    assert f"Dòng 3: không tìm thấy nhiệm vụ {other.pk}" in body
    assert "Dòng 4: mã nhiệm vụ “abc” không hợp lệ." in body
    assert "Dòng 5: chỉ cơ quan chủ trì được đề nghị hoàn thành" in body
    assert f"Dòng 6: nhiệm vụ {own.pk} xuất hiện nhiều lần." in body
    assert not TaskUpdate.objects.exists()
    response = as_user("canbo_ca").post(
        "/briefings/tasks/import/", {"file": SimpleUploadedFile("x.xlsx", b"not excel")}
    )
    assert "Tệp không đọc được" in response.content.decode()


def test_overdue_and_due_soon_views(as_user, make_task, time_machine):
    time_machine.move_to(dt.datetime(2022, 12, 27, 9))
    late = make_task(deadline=dt.date(2022, 12, 1), text="Đã trễ hạn")
    soon = make_task(deadline=dt.date(2022, 12, 30), text="Sắp đến hạn rồi")
    client = as_user("canbo_ca")
    overdue_page = client.get("/briefings/tasks/?view=overdue").content.decode()
    soon_page = client.get("/briefings/tasks/?view=soon").content.decode()
    assert late.text in overdue_page and soon.text not in overdue_page
    assert soon.text in soon_page and late.text not in soon_page
    home = client.get("/").content.decode()
    assert 'data-testid="panel-overdue">1<' in home


def test_plan_overlap_warning_on_creation(as_user, agencies):
    from noichinh.org.models import AreaUnit

    unit = AreaUnit.objects.get(code="HS-X-QT")
    ca = as_user("canbo_ca")
    ca.post(
        "/briefings/plans/new/",
        {
            "agency": agencies["CA"].pk,
            "year": 2026,
            "kind": "kiem_tra",
            "unit": unit.pk,
            "subject": "PCCC",
        },
    )
    tt = as_user("canbo")
    response = tt.post(
        "/briefings/plans/new/",
        {
            "agency": agencies["TTT"].pk,
            "year": 2026,
            "kind": "thanh_tra",
            "unit": unit.pk,
            "subject": "Đất đai",
        },
        follow=True,
    )
    assert "Cảnh báo trùng lắp" in response.content.decode()
    response = tt.post(
        "/briefings/plans/new/",
        {
            "agency": agencies["CA"].pk,
            "year": 2026,
            "kind": "thanh_tra",
            "unit": unit.pk,
            "subject": "x",
        },
    )
    assert "Không có cơ quan này trong danh mục." in response.content.decode()


def test_figure_report_page(as_user, make_task):
    make_task(lead="CA")
    body = as_user("lanhdao").get("/briefings/report/?period=2022-Q4").content.decode()
    assert 'data-code="tasks.assigned">1<' in body
    body = as_user("lanhdao").get("/briefings/report/?period=2022-Q9").content.decode()
    assert "Kỳ không hợp lệ" in body


def test_api_lists_only_the_users_tasks_and_takes_progress(api_client, users, make_task):
    own = make_task(lead="CA")
    other = make_task(lead="TTT")
    response = api_client.as_user(users["canbo_ca"]).get("/api/v1/briefings/tasks")
    assert [t["id"] for t in response.json()["items"]] == [own.pk]
    response = api_client.post(f"/api/v1/briefings/tasks/{other.pk}/progress", {"note": "x"})
    assert response.status_code == 404
    response = api_client.post(f"/api/v1/briefings/tasks/{own.pk}/progress", {"note": "Đang làm"})
    assert response.status_code == 200 and response.json()["status"] == "in_progress"


def test_lists_keep_a_bounded_number_of_queries(as_user, org, django_assert_max_num_queries):
    from noichinh.devdata.demo import briefings as demo

    demo.load(org)
    client = as_user("thuky")
    for url in ("/briefings/", "/briefings/awards/", "/briefings/plans/", "/briefings/tasks/"):
        with django_assert_max_num_queries(30):
            assert client.get(url).status_code == 200
