"""Extraction rules on short texts: figures and their traps, periods, dates, chair, tasks, bad input."""

import datetime as dt
import unicodedata

import pytest

from noichinh.textimport.catalogue import CATALOGUE, catalogue_codes
from noichinh.textimport.extract import MAX_TEXT_BYTES, Draft, ExtractionError, extract


def figures(text, **kwargs):
    return [(i.value, i.qualifier, i.unit) for i in extract(text, **kwargs).indicators]


# --- figures -----------------------------------------------------------------


def test_glued_kilograms_keep_their_decimal():
    assert figures("Thu giữ 1,4kg heroin.") == [(1.4, "eq", "kg")]


def test_percentage_with_decimal_comma():
    assert figures("Tỷ lệ điều tra khám phá đạt 13,2%.") == [(13.2, "eq", "%")]


def test_leading_zero_is_ignored():
    assert figures("Đã tiếp 07 lượt công dân.") == [(7, "eq", "lượt")]


def test_cases_slash_defendants_gives_two_figures():
    draft = extract("Khởi tố 11 vụ/19 bị can.")
    assert [(i.value, i.unit, i.indicator_code) for i in draft.indicators] == [
        (11, "vụ", "cases.prosecuted"),
        (19, "bị can", "defendants.prosecuted"),
    ]


def test_a_decrease_is_a_figure_with_its_direction_not_a_level():
    # Issue 18 reverses issue 8's choice: a change a report quotes is an indicator, with
    # its direction and reference, so it can never be read as a level.
    [figure] = extract("Tai nạn giao thông giảm 30 vụ so với cùng kỳ.").indicators
    assert (figure.value, figure.unit, figure.change) == (30, "vụ", "decrease")
    assert figure.reference == "so với cùng kỳ"


def test_an_increase_with_a_qualifier_is_still_a_change():
    [figure] = extract("Số vụ tăng hơn 12,5% so với cùng kỳ.").indicators
    assert (figure.value, figure.qualifier, figure.unit, figure.change) == (
        12.5,
        "gt",
        "%",
        "increase",
    )


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("tiếp trên 7.000 lượt người", "gt"),
        ("tiếp hơn 7.000 lượt người", "gt"),
        ("tiếp vượt 7.000 lượt người", "gt"),
        ("tiếp gần 7.000 lượt người", "approx"),
        ("tiếp khoảng 7.000 lượt người", "approx"),
        ("tiếp xấp xỉ 7.000 lượt người", "approx"),
        ("tiếp 7.000 lượt người", "eq"),
    ],
)
def test_qualifier_before_the_number(text, qualifier):
    assert figures(text) == [(7000, qualifier, "lượt")]


def test_upper_bound_is_exact_with_a_warning():
    draft = extract("Tỷ lệ tái phạm dưới 5%.")
    assert [(i.value, i.qualifier) for i in draft.indicators] == [(5, "eq")]
    assert any("dưới" in w.message for w in draft.warnings)


def test_qualifier_does_not_carry_over_to_the_next_number():
    assert figures("xử lý trên 600 cá nhân và 50 cơ sở kinh doanh") == [
        (600, "gt", "cá nhân"),
        (50, "eq", "cơ sở"),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ủng hộ trên 7,3 tỷ đồng", 7_300_000_000),
        ("thu hồi 2 tỷ 500 triệu đồng", 2_500_000_000),
        ("trên 20 nghìn trường hợp vi phạm", 20_000),
        ("45 ngàn lượt người tham gia", 45_000),
        ("nộp phạt 850 triệu đồng", 850_000_000),
    ],
)
def test_multiplier_words(text, value):
    assert figures(text)[0][0] == value


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị năm 2022 và phương hướng năm 2023.",
        "Sáng ngày 8/7, hội nghị khai mạc lúc 14:30.",
        "Thực hiện Chỉ thị số 27 và Nghị định số 124/2020/NĐ-CP.",
        "Quán triệt Chỉ thị 05-CT/TW của Bộ Chính trị.",
        "Phòng, chống dịch COVID-19 và Covid -19.",
        "Ban Chỉ đạo 138 tỉnh; đại hội lần thứ XVII; nhiệm kỳ 2020 - 2025.",
        "Trong quý 3 và 9 tháng đầu năm 2022.",
        "Đón Tết Nguyên đán Quý Mão 2023.",
        "Thứ Năm, 02/07/2020, 14:52 [GMT+7]",
    ],
)
def test_years_dates_and_document_numbers_are_not_figures(text):
    assert extract(text).indicators == []


def test_number_without_a_unit_is_not_a_figure_but_is_pointed_at():
    draft = extract("Đã xử lý 25 trong tổng số hồ sơ.")
    assert draft.indicators == []
    assert any("25" in w.message for w in draft.warnings)


def test_fraction_gives_both_figures_with_the_unit():
    assert figures("Đã giải quyết 215/240 vụ việc.") == [
        (215, "eq", "vụ việc"),
        (240, "eq", "vụ việc"),
    ]


def test_money_maps_to_donations_by_its_clause():
    draft = extract("Đến ngày 15/6 số tiền tiếp nhận ủng hộ là trên 7,3 tỷ đồng.")
    (indicator,) = draft.indicators
    assert indicator.indicator_code == "donations.vnd"
    assert indicator.subject == "số tiền tiếp nhận ủng hộ"


def test_figure_with_no_fitting_catalogue_entry_has_no_code():
    (indicator,) = extract("Đã xây 356 nhà đại đoàn kết.").indicators
    assert indicator.indicator_code is None


def test_spans_point_into_the_original_even_in_decomposed_unicode():
    text = unicodedata.normalize(
        "NFD", "Hội nghị giao ban quý II năm 2021. Đã tiếp trên 7.000 lượt người."
    )
    draft = extract(text)
    (indicator,) = draft.indicators
    start, end = indicator.span
    assert text[start:end] == indicator.text
    assert unicodedata.normalize("NFC", indicator.text) == "trên 7.000 lượt người"
    assert draft.period == "2021-Q2"


# --- event ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Hội nghị giao ban quý III năm 2022", "2022-Q3"),
        ("Hội nghị giao ban quý IV/2021", "2021-Q4"),
        ("Sơ kết 6 tháng đầu năm 2020", "2020-H1"),
        ("Giao ban 9 tháng đầu năm 2022", "2022-9M"),
        ("Hội nghị tổng kết công tác năm 2022 và triển khai nhiệm vụ năm 2023", "2022-Y"),
        ("Giao ban công tác tháng 9/2023", "2023-M09"),
        ("Trong quý III, đã tiếp công dân. Nhiệm vụ trọng tâm quý IV/2021.", "2021-Q3"),
        ("Trong quý IV, đã tiếp công dân. Nhiệm vụ trọng tâm quý I/2022.", "2021-Q4"),
    ],
)
def test_period_codes(text, period):
    assert extract(text).period == period


def test_period_without_year_takes_the_reference_date():
    draft = extract("Hội nghị giao ban quý III.", reference_date=dt.date(2022, 10, 20))
    assert draft.period == "2022-Q3"


def test_period_without_any_year_is_none_with_a_warning():
    draft = extract("Hội nghị giao ban quý III.")
    assert draft.period is None
    assert draft.warnings


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "Sáng ngày 8/7, Thường trực Tỉnh ủy tổ chức Hội nghị giao ban quý II năm 2021.",
            "2021-07-08",
        ),
        ("Sáng 11-1, Ban Chỉ đạo 138 tổ chức Hội nghị tổng kết công tác năm 2022.", "2023-01-11"),
        ("Chiều ngày 5/7/2023, hội nghị diễn ra.", "2023-07-05"),
        ("Ngày 8 tháng 7 năm 2021, hội nghị diễn ra.", "2021-07-08"),
    ],
)
def test_event_date_is_resolved_against_the_period(text, date):
    assert extract(text).date == date


def test_event_date_uses_the_publication_line_when_there_is_no_period():
    text = "Tin nóng\nThứ Năm, 02/07/2020, 14:52\nSáng 30/6, Tỉnh ủy tổ chức hội nghị."
    assert extract(text).date == "2020-06-30"


def test_event_date_uses_reference_date_last():
    assert (
        extract("Sáng 30/12, hội nghị diễn ra.", reference_date=dt.date(2024, 1, 5)).date
        == "2023-12-30"
    )


def test_cut_off_date_is_not_the_event_date():
    assert (
        extract(
            "Đến ngày 15/6 số tiền ủng hộ là 7 tỷ đồng.", reference_date=dt.date(2021, 7, 1)
        ).date
        is None
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Hội nghị giao ban khối Nội chính", "briefing"),
        ("Hội nghị sơ kết 6 tháng", "review"),
        ("Hội nghị tổng kết công tác năm 2022", "annual_summary"),
        ("Hội nghị tổng kết 10 năm thực hiện Chỉ thị 48", "review"),
        ("Hội nghị triển khai nhiệm vụ", "conference"),
    ],
)
def test_event_type(text, kind):
    assert extract(text).event_type == kind


def test_blocs_are_listed_after_khoi():
    assert extract("Giao ban Khối Đảng, Đoàn thể, Nội chính tỉnh").blocs == [
        "noi_chinh",
        "dang",
        "doan_the",
    ]
    assert extract("các cơ quan khối Nội chính và khối Dân vận").blocs == ["noi_chinh", "dan_van"]


def test_steering_committee_named_by_number_or_by_its_full_name():
    assert extract("Ban Chỉ đạo 138 tỉnh tổ chức hội nghị").steering_committee == "bcd_138"
    assert (
        extract("Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh họp").steering_committee
        == "bcd_pctn"
    )


def test_province_prefers_the_strong_mentions():
    text = "Tỉnh ủy Lạng Sơn tổ chức hội nghị; đoàn công tác của Hà Nội dự."
    assert extract(text).province == "Lạng Sơn"


def test_ho_chi_minh_thought_is_not_a_province():
    assert (
        extract("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.").province is None
    )


# --- chair ---------------------------------------------------------------------------


def test_chair_written_title_first():
    draft = extract(
        "Kết luận hội nghị, đồng chí Phó Chủ tịch UBND tỉnh Hoàng Việt Phương đề nghị các sở tăng cường kiểm tra."
    )
    assert (draft.chair_name, draft.chair_titles) == (
        "Hoàng Việt Phương",
        ["Phó Chủ tịch UBND tỉnh"],
    )


def test_chair_of_the_meeting_wins_over_another_comrade():
    text = (
        "Dự hội nghị có đồng chí Nguyễn Văn A, Giám đốc Sở Tư pháp. "
        "Đồng chí Trần Thị Bình, Phó Bí thư Tỉnh ủy chủ trì hội nghị."
    )
    draft = extract(text)
    assert (draft.chair_name, draft.chair_titles) == ("Trần Thị Bình", ["Phó Bí thư Tỉnh ủy"])


# --- tasks --------------------------------------------------------------------------


def test_tasks_split_on_semicolons_with_one_agency_each():
    text = (
        "Kết luận hội nghị, đồng chí Bí thư yêu cầu: Công an tỉnh chủ động nắm tình hình; "
        "Sở Tư pháp tăng cường phổ biến pháp luật; đẩy mạnh chuyển đổi số."
    )
    tasks = extract(text).tasks
    assert [(t.text, t.agency) for t in tasks] == [
        ("Công an tỉnh chủ động nắm tình hình", "Công an tỉnh"),
        ("Sở Tư pháp tăng cường phổ biến pháp luật", "Sở Tư pháp"),
        ("đẩy mạnh chuyển đổi số", "Công an tỉnh"),
    ]


def test_no_conclusion_no_tasks():
    assert extract("Trong quý, các cơ quan đã tiếp 120 lượt công dân.").tasks == []


# --- awards -------------------------------------------------------------------------


def test_award_written_issuer_first():
    (award,) = extract(
        "Dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho 9 tập thể và 1 cá nhân."
    ).awards
    assert (award.issuer, award.form, award.collectives, award.individuals) == (
        "Chủ tịch UBND tỉnh",
        "Bằng khen",
        9,
        1,
    )


def test_award_written_form_then_issuer():
    (award,) = extract("Có 3 tập thể được tặng Giấy khen của Giám đốc Công an tỉnh.").awards
    assert (award.issuer, award.form, award.collectives, award.individuals) == (
        "Giám đốc Công an tỉnh",
        "Giấy khen",
        3,
        0,
    )


# --- catalogue ---------------------------------------------------------------------


def test_catalogue_codes_are_unique_dotted_lower_case_with_name_and_unit():
    codes = [entry["code"] for entry in CATALOGUE]
    assert len(codes) == len(set(codes)) == len(catalogue_codes())
    for entry in CATALOGUE:
        assert entry["code"] == entry["code"].lower() and "." in entry["code"]
        assert entry["name_vi"] and entry["unit"] and entry["keywords"]


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_is_refused_in_vietnamese(text):
    with pytest.raises(ExtractionError, match="trống"):
        extract(text)


def test_binary_garbage_is_refused_in_vietnamese():
    garbage = bytes(range(256)).decode("latin-1") * 20
    with pytest.raises(ExtractionError) as info:
        extract(garbage)
    assert "nhị phân" in info.value.message_vi


def test_undecodable_bytes_are_refused():
    with pytest.raises(ExtractionError):
        extract(b"\xff\xfe\x00\x81\x82" * 100)


def test_utf8_bytes_are_read_as_text():
    assert extract("Đã tiếp 12 lượt công dân.".encode()).indicators[0].value == 12


def test_text_over_one_megabyte_is_refused():
    with pytest.raises(ExtractionError, match="quá dài"):
        extract("a" * (MAX_TEXT_BYTES + 1))


@pytest.mark.parametrize("thing", [None, 42, ["văn bản"]])
def test_non_text_input_is_refused(thing):
    with pytest.raises(ExtractionError):
        extract(thing)


def test_bad_reference_date_is_refused():
    with pytest.raises(ExtractionError):
        extract("Hội nghị", reference_date="2022-01-01")


def test_text_without_numbers_gives_an_empty_draft_with_a_warning():
    draft = extract("Các cơ quan đã chủ động nắm chắc tình hình, giữ vững an ninh trật tự.")
    assert isinstance(draft, Draft)
    assert draft.indicators == [] and draft.tasks == [] and draft.awards == []
    assert any("Không tìm thấy số liệu" in w.message for w in draft.warnings)


def test_one_megabyte_of_articles_is_read_whole():
    """The largest text the page takes is extracted whole (its time is measured by
    bench/bench_textimport.py, never asserted here: tests run on loaded machines)."""
    from .expectations import DATA

    article = (
        (DATA / "seed_004.txt").read_text(encoding="utf-8")
        + "\n\n"
        + (DATA / "seed_003.txt").read_text(encoding="utf-8")
    )
    text = ""
    while len((text + article).encode()) <= MAX_TEXT_BYTES:
        text += article
    draft = extract(text)
    assert len(draft.indicators) > 1000
    assert draft.period == "2022-Y"


def test_unexpected_internal_failure_surfaces_as_extraction_error(monkeypatch):
    from noichinh.textimport import extract as module

    def boom(text):
        raise RuntimeError("bug")

    monkeypatch.setattr(module, "_awards", boom)
    with pytest.raises(ExtractionError):
        extract("Hội nghị giao ban quý III năm 2022.")


def test_name_with_a_surname_outside_the_list_is_found_by_the_tagger():
    draft = extract("Đồng chí Kpă Thuyên, Phó Bí thư Tỉnh ủy chủ trì hội nghị.")
    assert (draft.chair_name, draft.chair_titles) == ("Kpă Thuyên", ["Phó Bí thư Tỉnh ủy"])


def test_event_fields_keep_their_spans_for_highlighting():
    text = "Hội nghị giao ban quý II năm 2021 của tỉnh Tuyên Quang."
    draft = extract(text)
    start, end = draft.spans["period"]
    assert text[start:end] == "quý II năm 2021"
    start, end = draft.spans["province"]
    assert text[start:end] == "Tuyên Quang"
