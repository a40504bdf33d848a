"""Gaps found after the first engine (units, chairs, agencies, codes), each on its own text."""

from noichinh.textimport.extract import extract


def _indicators(text):
    return [
        (i["text"], i["value"], i["unit"], i["indicator_code"])
        for i in extract(text).to_dict()["indicators"]
    ]


def test_tin_bao_is_its_own_unit_not_a_news_item():
    text = (
        "Quý I năm 2025, Công an tỉnh đã thụ lý 318 tin báo, tố giác về tội phạm; đăng 40 tin bài."
    )
    got = _indicators(text)
    assert ("318 tin báo", 318, "tin báo", "crime_reports.received") in got
    assert ("40 tin bài", 40, "tin bài", None) in got


def test_people_injured_are_not_counted_as_deaths():
    text = (
        "Trong quý II năm 2024, trên địa bàn tỉnh xảy ra 21 vụ tai nạn giao thông, "
        "làm chết 12 người, bị thương 17 người; 6 người khác bị thương nhẹ."
    )
    codes = {i[0]: i[3] for i in _indicators(text)}
    assert codes["12 người"] == "traffic.deaths"
    assert codes["17 người"] == "traffic.injuries"
    assert codes["6 người"] == "traffic.injuries"


def test_chair_named_after_the_titles_without_dong_chi():
    text = (
        "Sáng 14/4, khối Nội chính tỉnh giao ban quý I năm 2025. Phó Bí thư Thường trực "
        "Tỉnh ủy, Chủ tịch HĐND tỉnh Trần Quốc Khánh chủ trì hội nghị."
    )
    draft = extract(text)
    assert draft.chair_name == "Trần Quốc Khánh"
    assert draft.chair_titles == ["Phó Bí thư Thường trực Tỉnh ủy", "Chủ tịch HĐND tỉnh"]
    start, end = draft.spans["chair"]
    assert text[start:end].endswith("Trần Quốc Khánh")


def test_a_sentence_without_a_title_does_not_make_a_chair():
    text = "Khối Nội chính giao ban quý I năm 2025. Hội nghị do Ban Nội chính chủ trì."
    assert extract(text).chair_name is None


def test_numbered_office_heads_its_own_task():
    text = (
        "Kết luận hội nghị, đồng chí Viện trưởng yêu cầu các đơn vị tiếp tục nâng cao chất lượng "
        "công tố; Phòng 2 chủ trì rà soát các vụ án tồn đọng; Phòng Tổ chức cán bộ phối hợp "
        "kiểm tra việc chấp hành kỷ luật; phòng ngừa vi phạm trong hoạt động tư pháp."
    )
    tasks = extract(text).to_dict()["tasks"]
    assert [t["agency"] for t in tasks[:3]] == ["các đơn vị", "Phòng 2", "Phòng Tổ chức cán bộ"]
    assert tasks[1]["text"].startswith("Phòng 2 chủ trì")
    assert tasks[-1]["agency"] != "phòng ngừa vi phạm trong hoạt động tư pháp"


def test_awards_deep_in_a_long_text_are_found_as_in_a_short_one():
    award = (
        "Nhân dịp này, 3 tập thể và 5 cá nhân được Chủ tịch UBND tỉnh tặng Bằng khen; "
        "Giám đốc Công an tỉnh tặng Giấy khen cho 4 tập thể, 6 cá nhân."
    )
    filler = "Các cơ quan trong khối phối hợp chặt chẽ trong công tác. " * 12000
    short = extract(award).to_dict()["awards"]
    deep = extract(filler + award).to_dict()["awards"]
    assert [{k: a[k] for k in a if k != "span"} for a in deep] == [
        {k: a[k] for k in a if k != "span"} for a in short
    ]
    assert len(short) == 2
