"""What a draft may already be in the register, and which agency a free-text name means."""

import datetime as dt

import pytest

from noichinh.briefings import selectors, services
from noichinh.org.models import Bloc
from noichinh.textimport.matching import award_context, match_agency

from .expectations import DATA

pytestmark = pytest.mark.django_db


@pytest.fixture
def blocs(org):
    return {b.code: b for b in Bloc.objects.all()}


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Công an tỉnh", "CA"),
        ("VKSND tỉnh", "VKS"),
        ("Viện Kiểm sát nhân dân tỉnh", "VKS"),
        ("TAND tỉnh", "TAND"),
        ("UBKT Tỉnh ủy", "UBKT"),
        ("MTTQ tỉnh", "MTTQ"),
        ("Sở Tư pháp", "STP"),
    ],
)
def test_agency_named_or_abbreviated_is_matched(blocs, agencies, name, code):
    match = match_agency(name, conference_blocs=[blocs["NOI_CHINH"]], on=dt.date(2023, 1, 11))
    assert match.lead == agencies[code]


def test_members_of_a_steering_committee_mean_its_standing_body_with_the_members(blocs, agencies):
    match = match_agency(
        "thành viên Ban Chỉ đạo 138 các cấp",
        conference_blocs=[blocs["BCD138"]],
        on=dt.date(2023, 1, 11),
    )
    assert match.lead == agencies["CA"]
    assert agencies["VKS"] in match.coordinators and agencies["CA"] not in match.coordinators
    assert "Ban Chỉ đạo 138" in match.why


def test_the_agencies_of_the_bloc_mean_the_conference_bloc(blocs, agencies):
    match = match_agency(
        "các cơ quan trong khối", conference_blocs=[blocs["NOI_CHINH"]], on=dt.date(2022, 10, 7)
    )
    assert match.lead == agencies["BNC"]
    assert agencies["TAND"] in match.coordinators


def test_an_unknown_agency_matches_nothing_and_says_so(blocs):
    match = match_agency("Sở Giáo dục và Đào tạo", conference_blocs=[blocs["NOI_CHINH"]])
    assert match.lead is None
    assert "không khớp" in match.why


def test_award_sentence_names_the_movement_and_its_year():
    text = (DATA / "seed_004.txt").read_text(encoding="utf-8")
    start = text.index("7 tập thể được")
    assert award_context(text, [start, start + 20]) == {
        "movement": "Toàn dân bảo vệ an ninh Tổ quốc",
        "movement_year": 2022,
    }
    assert award_context("Trao 5 Bằng khen cho các tập thể.", [5, 15]) == {}


def _conference(users, blocs, **kw):
    return services.conference_create(
        actor=users["thuky"],
        blocs=[blocs[kw.pop("bloc", "BCD138")]],
        kind=kw.pop("kind", "annual_summary"),
        date=kw.pop("date", dt.date(2023, 1, 11)),
        period_code=kw.pop("period_code", "2022-Y"),
        **kw,
    )


def test_conference_twin_is_same_kind_body_and_date_or_period(users, blocs):
    existing = _conference(users, blocs)
    bcd = [blocs["BCD138"].pk]
    same_day = selectors.conference_twins(
        kind="annual_summary", bloc_ids=bcd, date=dt.date(2023, 1, 11)
    )
    assert same_day == [existing]
    same_period = selectors.conference_twins(
        kind="annual_summary", bloc_ids=bcd, date=dt.date(2023, 1, 12), period_code="2022-Y"
    )
    assert same_period == [existing]
    assert not selectors.conference_twins(kind="briefing", bloc_ids=bcd, date=dt.date(2023, 1, 11))
    assert not selectors.conference_twins(
        kind="annual_summary", bloc_ids=[blocs["NOI_CHINH"].pk], date=dt.date(2023, 1, 11)
    )
    services.record_withdraw(actor=users["thuky"], obj=existing, reason="Nhập nhầm")
    assert not selectors.conference_twins(
        kind="annual_summary", bloc_ids=bcd, date=dt.date(2023, 1, 11)
    )


def test_figure_and_task_twins_are_of_the_same_conference(users, blocs, agencies):
    conference = _conference(users, blocs)
    other = _conference(users, blocs, bloc="NOI_CHINH", kind="briefing")
    figure = services.figure_add(
        actor=users["thuky"], conference=conference, value=7, unit="tập thể"
    )
    assert selectors.figure_twins(conference_id=conference.pk, value=7, unit="Tập thể") == [figure]
    assert selectors.figure_twins(conference_id=conference.pk, value=8, unit="tập thể") == []
    assert selectors.figure_twins(conference_id=other.pk, value=7, unit="tập thể") == []
    task = services.task_create(
        actor=users["thuky"],
        conference=conference,
        text="Bảo đảm an ninh dịp Tết Nguyên đán",
        lead_agency=agencies["CA"],
        deadline=None,
        is_regular=True,
    )
    assert selectors.task_twins(
        conference_id=conference.pk, text="bảo đảm  an ninh dịp tết nguyên đán"
    ) == [task]
    assert selectors.task_twins(conference_id=other.pk, text=task.text) == []


def test_award_twin_by_number_or_by_level_form_counts_movement_and_year(users):
    movement = services.movement_get_or_create(
        actor=users["thuky"], name="Toàn dân bảo vệ an ninh Tổ quốc", year=2022
    )
    decision = services.award_decision_create(
        actor=users["thuky"],
        issuer_level="provincial_chair",
        form="bang_khen",
        number="3456/QĐ-UBND",
        signed_on=dt.date(2022, 12, 26),
        movement=movement,
        collectives=[f"Tập thể {n}" for n in range(9)],
        individuals=["Nguyễn Văn An"],
    )
    by_number = selectors.award_twins(
        issuer_level="provincial_chair", form="bang_khen", number="3456/QĐ-UBND"
    )
    assert by_number == [decision]
    same = {
        "issuer_level": "provincial_chair",
        "form": "bang_khen",
        "movement_name": "“Toàn dân bảo vệ an ninh Tổ quốc”",
        "year": 2022,
    }
    assert selectors.award_twins(**same, collectives=9, individuals=1) == [decision]
    assert selectors.award_twins(**same, collectives=9, individuals=2) == []
    assert selectors.award_twins(**same | {"year": 2023}, collectives=9, individuals=1) == []
    assert selectors.award_twins(**same | {"form": "giay_khen"}, collectives=9, individuals=1) == []
