"""conference_create_from_draft: the contract with the import from text (issue 8)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from noichinh.briefings import selectors, services
from noichinh.briefings.models import AwardDecision, Conference, Task

pytestmark = pytest.mark.django_db

SEED_004 = {
    "event": {
        "type": "annual_summary",
        "blocs": [],
        "province": "Hòa Sơn",
        "date": "2023-01-11",
        "period": "2022-Y",
        "steering_committee": "bcd_138",
    },
    "chair": {
        "name": "Hoàng Việt Phương",
        "titles": ["Ủy viên BCH Đảng bộ tỉnh", "Phó Chủ tịch UBND tỉnh"],
    },
    "indicators": [
        {
            "text": "7 tập thể",
            "value": 7,
            "qualifier": "eq",
            "unit": "tập thể",
            "subject": "được Bộ trưởng Bộ Công an tặng Bằng khen",
            "indicator_code": "awards.collectives",
        }
    ],
    "tasks": [
        {
            "text": "Bảo đảm tuyệt đối an ninh, an toàn các sự kiện chính trị",
            "agency": "Công an tỉnh",
        },
        {"text": "Nhân rộng các điển hình", "agency": "Ban Chỉ đạo 138 các cấp"},
    ],
    "awards": [
        {"issuer": "Bộ trưởng Bộ Công an", "form": "Bằng khen", "collectives": 7, "individuals": 0},
        {"issuer": "Chủ tịch UBND tỉnh", "form": "Bằng khen", "collectives": 9, "individuals": 1},
        {
            "issuer": "Giám đốc Công an tỉnh",
            "form": "Giấy khen",
            "collectives": 17,
            "individuals": 18,
        },
    ],
    "warnings": [],
}


def _with_agencies(draft, agencies, movement=None):
    """The draft as the review page sends it: each task's lead agency chosen, the awards'
    movement (when the text names it)."""
    tasks = [
        {**t, "lead_agency_id": agencies["CA"].pk, "coordinator_ids": [agencies["VKS"].pk]}
        for t in draft["tasks"]
    ]
    awards = [{**a, "movement": movement, "movement_year": 2022} for a in draft["awards"]]
    return {**draft, "tasks": tasks, "awards": awards if movement else draft["awards"]}


def test_draft_creates_conference_figures_tasks_and_awards(users, agencies):
    draft = _with_agencies(SEED_004, agencies, movement="Toàn dân bảo vệ an ninh Tổ quốc")
    conference = services.conference_create_from_draft(actor=users["thuky"], draft=draft)
    assert conference.kind == Conference.ANNUAL
    assert [b.code for b in conference.blocs.all()] == ["BCD138"]
    assert conference.period_label == "Năm 2022"
    assert conference.chair_titles == "Ủy viên BCH Đảng bộ tỉnh, Phó Chủ tịch UBND tỉnh"
    assert conference.figures.get().display == "7 tập thể"
    first, second = conference.tasks.order_by("id")
    assert first.lead_agency == agencies["CA"] and first.is_regular
    assert second.lead_agency == agencies["CA"]
    assert list(second.coordinators.all()) == [agencies["VKS"]]
    assert {d.movement.name for d in AwardDecision.objects.all()} == {
        "Toàn dân bảo vệ an ninh Tổ quốc"
    }
    summary = {
        (r["issuer_level"], r["form_code"]): (r["collectives"], r["individuals"])
        for r in selectors.award_summary(decisions=AwardDecision.objects.all())
    }
    assert summary == {
        ("minister_public_security", "bang_khen"): (7, 0),
        ("provincial_chair", "bang_khen"): (9, 1),
        ("police_director", "giay_khen"): (17, 18),
    }


def test_a_task_without_a_chosen_agency_is_refused(users):
    with pytest.raises(ValidationError) as exc:
        services.conference_create_from_draft(actor=users["thuky"], draft=SEED_004)
    assert "Nhiệm vụ thứ 1: chọn cơ quan chủ trì" in exc.value.messages[0]
    assert not Conference.objects.exists()


def test_award_counts_naming_no_number_nor_movement_are_not_decisions(users, agencies):
    draft = _with_agencies(SEED_004, agencies)
    conference = services.conference_create_from_draft(actor=users["thuky"], draft=draft)
    assert not AwardDecision.objects.exists()
    assert conference.figures.count() == 1


def test_money_indicator_from_a_draft_is_shown_in_vietnamese(users):
    draft = {
        "event": {
            "type": "briefing",
            "blocs": ["dang", "doan_the", "noi_chinh"],
            "date": "2021-07-08",
            "period": "2021-Q2",
        },
        "chair": {"name": None, "titles": []},
        "indicators": [
            {
                "text": "trên 7,3 tỷ đồng",
                "value": 7300000000,
                "qualifier": "gt",
                "unit": "đồng",
                "subject": "ủng hộ",
                "indicator_code": "donations.vnd",
            }
        ],
        "tasks": [],
        "awards": [],
    }
    conference = services.conference_create_from_draft(actor=users["thuky"], draft=draft)
    assert conference.title == "Hội nghị giao ban khối Đảng, Đoàn thể, Nội chính quý II/2021"
    assert conference.figures.get().display == "trên 7,3 tỷ đồng"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date": "31/02/2022"}, "Ngày hội nghị không hợp lệ"),
        ({"date": None}, "Chưa có ngày hội nghị"),
        ({"blocs": ["khoi_la"]}, "Không có khối, ban chỉ đạo"),
        ({"period": "2022-Q9"}, "Kỳ không hợp lệ"),
        ({"date": "2021-12-20"}, "trước khi kỳ"),
    ],
)
def test_bad_draft_is_refused_and_nothing_saved(users, change, message):
    draft = {**SEED_004, "event": {**SEED_004["event"], **change}}
    with pytest.raises(ValidationError) as exc:
        services.conference_create_from_draft(actor=users["thuky"], draft=draft)
    assert message in " ".join(exc.value.messages)
    assert not Conference.objects.exists()
    assert not AwardDecision.objects.exists()


def test_bad_indicator_rolls_back_everything(users, agencies):
    draft = {**_with_agencies(SEED_004, agencies), "indicators": [{"value": "nhiều", "unit": "vụ"}]}
    with pytest.raises(ValidationError) as exc:
        services.conference_create_from_draft(actor=users["thuky"], draft=draft)
    assert "Số liệu thứ 1" in exc.value.messages[0]
    assert not Conference.objects.exists() and not Task.objects.exists()


def test_officer_may_not_import(users):
    with pytest.raises(PermissionDenied):
        services.conference_create_from_draft(actor=users["canbo_ca"], draft=SEED_004)


def test_agency_names_match_by_folded_name(org):
    assert services.agency_match("cong an tinh").code == "CA"
    assert services.agency_match("Viện Kiểm sát nhân dân tỉnh Hòa Sơn").code == "VKS"
    assert services.agency_match("Sở Không Tồn Tại") is None
    assert services.agency_match("Công an tỉnh", dt.date(2022, 1, 1)).code == "CA"


@pytest.mark.parametrize(
    "change",
    [
        {"tasks": ["not a task"]},
        {"indicators": "text"},
        {"event": ["x"]},
        {"tasks": [{"text": "A", "lead_agency_id": "abc", "coordinator_ids": ["x", None]}]},
        {"awards": [{"form": "Bằng khen", "collectives": 1, "movement": "M", "choice": "use:x"}]},
    ],
)
def test_malformed_draft_parts_are_refused_not_crashed(users, change):
    with pytest.raises(ValidationError):
        services.conference_create_from_draft(actor=users["thuky"], draft={**SEED_004, **change})
    assert not Conference.objects.exists()
