"""The import page: paste or upload, review the draft beside the highlighted text, confirm."""

import io
import re

import pytest

from .expectations import DATA
from .helpers import form_data, row_counts

URL = "/import/"
SEED_003 = (DATA / "seed_003.txt").read_text(encoding="utf-8")
SEED_004 = (DATA / "seed_004.txt").read_text(encoding="utf-8")

pytestmark = pytest.mark.django_db


@pytest.fixture
def thuky(client, users):
    client.force_login(users["thuky"])
    return client


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def _review(client, text=SEED_003):
    response = client.post(URL, {"text": text, "action": "extract"})
    assert response.status_code == 200
    assert 'data-testid="review-form"' in response.content.decode()
    return response


# --- who may -------------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["thuky", "admin"])
def test_secretariat_and_admin_open_the_import_page(client, users, username):
    client.force_login(users[username])
    response = client.get(URL)
    assert response.status_code == 200
    assert "Trích xuất bản nháp" in response.content.decode()


@pytest.mark.parametrize("username", ["canbo", "truongdonvi", "lanhdao", "canbo_ca"])
def test_other_roles_are_refused_the_import_page(client, users, username):
    client.force_login(users[username])
    assert client.get(URL).status_code == 403
    before = row_counts()
    assert client.post(URL, {"text": SEED_003, "action": "extract"}).status_code == 403
    assert client.post(URL, {"action": "confirm"}).status_code == 403
    assert row_counts() == before


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_menu_links_the_import_page_for_the_secretariat_and_admin_only(users):
    from noichinh.org.permissions import navigation

    def names(user):
        return {item["name"] for item in navigation(user)}

    assert "textimport:import" in names(users["thuky"])
    assert "textimport:import" in names(users["admin"])
    assert "textimport:import" not in names(users["canbo"])
    assert "textimport:import" not in names(users["lanhdao"])


# --- the draft -----------------------------------------------------------------------------


def test_pasted_text_shows_the_draft_beside_highlighted_spans_and_creates_nothing(thuky):
    before = row_counts()
    html = _review(thuky).content.decode()
    assert row_counts() == before
    for mark_id in (
        "src-period",
        "src-province",
        "src-chair",
        "src-ind-0",
        "src-ind-5",
        "src-task-4",
    ):
        assert f'<mark id="{mark_id}"' in html, mark_id
    assert re.search(r'<mark id="src-ind-0"[^>]*>5 vụ án</mark>', html)
    data = form_data(html, "review-form")
    assert data["period"] == ["2020-H1"]
    assert data["province"] == ["Lạng Sơn"]
    assert data["chair_name"] == ["Hoàng Văn Nghiệm"]
    assert data["chair_titles"][0].splitlines() == [
        "Phó Bí thư Thường trực Tỉnh ủy",
        "Chủ tịch HĐND tỉnh",
        "Trưởng Ban Chỉ đạo cải cách tư pháp tỉnh",
    ]
    assert data["event_type"] == ["briefing"]
    assert data["blocs"] == ["noi_chinh"]
    assert data["ind-TOTAL_FORMS"] == ["6"]
    assert data["ind-0-value"] == ["5"]
    assert data["ind-0-unit"] == ["vụ án"]
    assert data["ind-0-indicator_code"] == ["cases.economic"]
    assert data["task-TOTAL_FORMS"] == ["5"]
    assert "6 tháng đầu năm 2020" in html


def test_review_page_has_no_inline_script_or_style(thuky):
    html = _review(thuky).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert " style=" not in html
    assert "onclick" not in html


def test_awards_are_proposed_with_their_counts(thuky):
    data = form_data(_review(thuky, SEED_004).content.decode(), "review-form")
    assert int(data["award-TOTAL_FORMS"][0]) >= 1
    assert int(data["award-0-collectives"][0]) + int(data["award-0-individuals"][0]) > 0


def test_steering_committee_is_proposed_with_its_source(thuky):
    html = _review(thuky, SEED_004).content.decode()
    assert form_data(html, "review-form")["steering_committee"] == ["bcd_138"]
    assert '<mark id="src-steering-committee"' in html
    assert 'href="#src-steering-committee"' in html


def test_html_in_the_text_is_shown_as_text(thuky):
    html = _review(thuky, SEED_003 + "\n<script>alert(1)</script>").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("", "Văn bản trống"),
        ("   \n  ", "Văn bản trống"),
        ("\x00\x01\x02\x03binary" * 40, "nhị phân"),
    ],
    ids=["empty", "blank", "binary"],
)
def test_unreadable_text_gets_a_message_and_creates_nothing(thuky, text, phrase):
    before = row_counts()
    response = thuky.post(URL, {"text": text, "action": "extract"})
    assert response.status_code == 200
    assert phrase in response.content.decode()
    assert row_counts() == before


def test_text_over_1_mb_is_refused_and_kept_in_the_box(thuky):
    text = "Giao ban khối Nội chính. " * 45000
    response = thuky.post(URL, {"text": text, "action": "extract"})
    assert "quá dài" in response.content.decode()
    assert response.context["form"]["text"].value() == text


def test_text_with_too_many_items_for_one_page_asks_to_split_it(thuky):
    before = row_counts()
    response = thuky.post(URL, {"text": (SEED_004 + "\n\n") * 30, "action": "extract"})
    html = response.content.decode()
    assert "quá nhiều mục" in html
    assert 'data-testid="review-form"' not in html
    assert row_counts() == before


def test_text_without_numbers_gives_a_draft_with_a_warning(thuky):
    html = _review(thuky, "Khối Nội chính tỉnh họp giao ban quý III năm 2022.").content.decode()
    assert "Không tìm thấy số liệu định lượng" in html
    assert 'data-testid="no-indicators"' in html


# --- uploads -------------------------------------------------------------------------------


def test_uploaded_txt_is_read(thuky):
    upload = _upload("bai.txt", SEED_003.replace("\n", "\r\n").encode("utf-8-sig"))
    response = thuky.post(URL, {"file": upload, "action": "extract"})
    data = form_data(response.content.decode(), "review-form")
    assert data["period"] == ["2020-H1"]
    assert data["ind-TOTAL_FORMS"] == ["6"]


def test_uploaded_docx_is_read(thuky):
    upload = _upload("bai.docx", _docx(SEED_003.split("\n")))
    response = thuky.post(URL, {"file": upload, "action": "extract"})
    data = form_data(response.content.decode(), "review-form")
    assert data["chair_name"] == ["Hoàng Văn Nghiệm"]
    assert data["ind-TOTAL_FORMS"] == ["6"]


@pytest.mark.parametrize(
    ("name", "content", "phrase"),
    [
        ("bai.pdf", b"%PDF-1.4 ...", "Chỉ nhận tệp"),
        ("bai.doc", b"\xd0\xcf\x11\xe0", "Chỉ nhận tệp"),
        ("bai.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "không phải văn bản UTF-8"),
        ("bai.txt", "Giao ban".encode("cp1258", errors="ignore") + b"\xe0\xe1\xe2 qu\xfd", "UTF-8"),
        ("bai.txt", b"a" * (1024 * 1024 + 1), "quá lớn"),
        ("bai.docx", b"PK\x03\x04 not really a zip", "bị hỏng"),
        ("bai.docx", b"just text", "bị hỏng"),
    ],
    ids=[
        "pdf",
        "doc",
        "jpeg-as-txt",
        "legacy-encoding",
        "txt-over-1MB",
        "broken-docx",
        "txt-as-docx",
    ],
)
def test_bad_uploads_are_refused_with_a_message(thuky, name, content, phrase):
    before = row_counts()
    response = thuky.post(URL, {"file": _upload(name, content), "action": "extract"})
    assert response.status_code == 200
    assert phrase in response.content.decode()
    assert row_counts() == before


def test_text_and_file_together_are_refused(thuky):
    response = thuky.post(
        URL, {"text": SEED_003, "file": _upload("a.txt", b"abc"), "action": "extract"}
    )
    assert "không làm cả hai" in response.content.decode()


# --- confirm -------------------------------------------------------------------------------


def _confirm(client, data):
    return client.post(URL, data)


def test_confirm_creates_the_conference_figures_and_tasks(thuky, users):
    from noichinh.briefings.models import Conference

    data = form_data(_review(thuky).content.decode(), "review-form")
    data["date"] = ["08/07/2020"]
    data["chair_name"] = ["Hoàng Văn Nghiệm (sửa)"]
    data["ind-0-value"] = ["7"]
    data["ind-5-DELETE"] = ["on"]
    response = _confirm(thuky, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    conference = Conference.objects.get()
    assert response["Location"] == f"/briefings/{conference.pk}/"
    assert conference.date.isoformat() == "2020-07-08"
    assert conference.period_code == "2020-H1"
    assert conference.chair_name == "Hoàng Văn Nghiệm (sửa)"
    assert conference.created_by == users["thuky"]
    figures = list(conference.figures.order_by("id"))
    assert len(figures) == 5
    assert figures[0].value == 7
    assert conference.tasks.count() == 5
    assert [b.code for b in conference.blocs.all()] == ["NOI_CHINH"]


@pytest.mark.parametrize(
    ("field", "value", "phrase"),
    [
        ("date", "31/02/2020", "Ngày không hợp lệ"),
        ("date", "", "Nhập ngày họp"),
        ("period", "2020-Q7", "Kỳ báo cáo không hợp lệ"),
        ("ind-0-value", "năm", "Số không hợp lệ"),
        ("ind-0-unit", "", "bắt buộc"),
        ("task-0-text", "", "bắt buộc"),
        ("blocs", None, "Chọn ít nhất một khối"),
    ],
    ids=["bad-date", "no-date", "bad-period", "bad-value", "no-unit", "empty-task", "no-bloc"],
)
def test_invalid_corrections_change_nothing_and_stay_on_the_page(thuky, field, value, phrase):
    data = form_data(_review(thuky).content.decode(), "review-form")
    data["date"] = ["08/07/2020"]
    data["chair_name"] = ["Người đã sửa tên"]
    data["task-1-agency"] = ["Công an tỉnh"]
    if value is None:
        data.pop(field)
    else:
        data[field] = [value]
    before = row_counts()
    response = _confirm(thuky, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert phrase in html
    assert row_counts() == before
    kept = form_data(html, "review-form")
    assert kept["chair_name"] == ["Người đã sửa tên"]
    assert kept["task-1-agency"] == ["Công an tỉnh"]
    if value is not None and field != "period":  # a period is chosen in a list, not typed
        assert kept[field] == [value]
    assert '<mark id="src-ind-0"' in html  # the highlights survive the round trip


def test_error_from_the_briefings_service_changes_nothing_and_keeps_corrections(thuky):
    data = form_data(_review(thuky).content.decode(), "review-form")
    data["date"] = ["01/03/2020"]  # before the period 2020-H1 ends? starts 01/01: allowed
    data["period"] = ["2020-Q3"]  # the meeting cannot precede the period it reviews
    data["chair_name"] = ["Tên đã sửa"]
    before = row_counts()
    response = _confirm(thuky, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert row_counts() == before
    assert "trước khi kỳ" in html
    assert form_data(html, "review-form")["chair_name"] == ["Tên đã sửa"]


def test_a_failing_figure_rolls_back_the_whole_conference(thuky, monkeypatch):
    from django.core.exceptions import ValidationError

    from noichinh.briefings import services as briefing_services

    def refuse(**kwargs):
        raise ValidationError("Giá trị không hợp lệ.")

    monkeypatch.setattr(briefing_services, "figure_add", refuse)
    data = form_data(_review(thuky).content.decode(), "review-form")
    data["date"] = ["08/07/2020"]
    before = row_counts()
    response = _confirm(thuky, data)
    assert response.status_code == 200
    assert "Số liệu thứ 1" in response.content.decode()
    assert row_counts() == before


def test_confirm_without_a_draft_is_refused_not_a_crash(thuky):
    before = row_counts()
    response = thuky.post(URL, {"action": "confirm"})
    assert response.status_code == 200
    assert 'data-testid="review-has-errors"' in response.content.decode()
    assert row_counts() == before


def test_forged_spans_are_ignored(thuky):
    data = form_data(_review(thuky).content.decode(), "review-form")
    data["ind-0-span"] = ["999999-9999999"]
    data["event_span_period"] = ["<script>"]
    data["date"] = [""]
    response = _confirm(thuky, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="src-ind-0"' not in html
    assert 'id="src-period"' not in html
