"""Issue 18 gaps: a confirmed draft keeps a change's direction and reference, the co-chairs,
and the kind of a text that is not a meeting (without a chair)."""

import re

import pytest

from .helpers import form_data

URL = "/import/"
MEETING = (
    "Ngày 15/7/2021, Khối Nội chính tỉnh tổ chức Hội nghị giao ban công tác nội chính quý II "
    "năm 2021. Đồng chí Nguyễn Hữu Phước, Chánh Thanh tra tỉnh và đồng chí Lý Thị Mai, Giám "
    "đốc Sở Tư pháp đồng chủ trì Hội nghị. Trong quý II, tai nạn giao thông giảm 18 vụ so với "
    "cùng kỳ."
)
PRESS = (
    "Ngày 10/7/2023, Công an tỉnh tổ chức họp báo thông tin kết quả công tác của khối nội chính "
    "6 tháng đầu năm 2023. Đồng chí Trần Văn Bình, Giám đốc Công an tỉnh chủ trì. Toàn tỉnh "
    "xảy ra 120 vụ tai nạn giao thông."
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def thuky(client, users):
    client.force_login(users["thuky"])
    return client


def _review_data(client, text):
    response = client.post(URL, {"text": text, "action": "extract"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="review-form"' in html
    data = form_data(html, "review-form")
    data.setdefault("blocs", ["noi_chinh"])
    if not data.get("blocs"):
        data["blocs"] = ["noi_chinh"]
    return html, data


def _confirm(client, data):
    response = client.post(URL, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    from noichinh.briefings.models import Conference

    return Conference.objects.get(), client.get(response["Location"]).content.decode()


def test_a_confirmed_decrease_keeps_its_direction_and_reference_and_the_page_says_so(thuky):
    html, data = _review_data(thuky, MEETING)
    assert data["ind-0-change"] == ["decrease"]
    assert data["ind-0-reference"] == ["so với cùng kỳ"]
    conference, page = _confirm(thuky, data)
    [figure] = conference.figures.all()
    assert (figure.value, figure.unit) == (18, "vụ")
    assert (figure.change, figure.reference) == ("decrease", "so với cùng kỳ")
    assert "giảm 18 vụ so với cùng kỳ" in page
    # No internal code in what the officer reads (a select's option values are not read).
    visible = re.sub(r"<[^>]+>", " ", page)
    assert "decrease" not in visible


def test_the_user_may_correct_the_direction(thuky):
    _html, data = _review_data(thuky, MEETING)
    data["ind-0-change"] = ["increase"]
    data["ind-0-reference"] = ["so với kỳ trước"]
    conference, page = _confirm(thuky, data)
    assert conference.figures.get().change == "increase"
    assert "tăng 18 vụ so với kỳ trước" in page


def test_a_reference_without_a_direction_is_refused_and_nothing_is_created(thuky):
    from noichinh.briefings.models import Conference

    _html, data = _review_data(thuky, MEETING)
    data["ind-0-change"] = [""]
    response = thuky.post(URL, data)
    assert response.status_code == 200
    assert "Chọn tăng hoặc giảm" in response.content.decode()
    assert not Conference.objects.exists()


def test_co_chairs_are_shown_editable_and_saved_on_the_conference(thuky):
    html, data = _review_data(thuky, MEETING)
    assert 'data-testid="co-chairs"' in html
    assert data["chair_name"] == ["Nguyễn Hữu Phước"]
    assert data["co_chairs"] == ["Lý Thị Mai"]
    data["co_chairs"] = ["Lý Thị Mai\nĐỗ Văn Hải"]
    conference, page = _confirm(thuky, data)
    assert conference.co_chair_list == ["Lý Thị Mai", "Đỗ Văn Hải"]
    assert "Đồng chủ trì" in page and "Lý Thị Mai; Đỗ Văn Hải" in page


def test_a_press_release_is_saved_as_its_own_kind_without_a_chair(thuky):
    from noichinh.briefings.models import Conference

    _html, data = _review_data(thuky, PRESS)
    assert data["event_type"] == ["press_release"]
    data["chair_name"] = ["Trần Văn Bình"]
    data["co_chairs"] = ["Lê Văn Nam"]
    if not data.get("date") or not data["date"][0]:
        data["date"] = ["10/07/2023"]
    conference, page = _confirm(thuky, data)
    assert conference.kind == Conference.PRESS_RELEASE
    assert (conference.chair_name, conference.chair_titles, conference.co_chairs) == ("", "", "")
    assert "Họp báo, thông cáo báo chí" in page
    assert 'data-testid="chair"' not in page


@pytest.mark.parametrize(
    ("event_type", "kind"),
    [("report", "report"), ("award_ceremony", "award_ceremony"), ("review", "review")],
)
def test_each_kind_is_saved_as_chosen_and_only_a_meeting_keeps_a_chair(thuky, event_type, kind):
    _html, data = _review_data(thuky, MEETING)
    data["event_type"] = [event_type]
    conference, _page = _confirm(thuky, data)
    assert conference.kind == kind
    assert bool(conference.chair_name) == (kind == "review")
    assert bool(conference.co_chairs) == (kind == "review")
