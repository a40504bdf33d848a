import datetime as dt

import pytest

from noichinh.core.formats import (
    parse_vn_date,
    vn_date,
    vn_long_date,
    vn_money,
    vn_number,
    vn_percent,
)
from noichinh.core.text import fold, search_terms


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Khiếu nại", "khieu nai"),
        ("ĐẤT ĐAI", "dat dai"),
        ("đơn  thư\n", "don thu"),
        ("Hòa Sơn", "hoa son"),
        (None, ""),
    ],
)
def test_fold_strips_marks_and_maps_d_bar(text, folded):
    assert fold(text) == folded


def test_decomposed_input_folds_like_composed():
    import unicodedata

    assert fold(unicodedata.normalize("NFD", "Tố cáo")) == "to cao"


def test_search_terms_are_folded_words():
    assert search_terms("  Khiếu  NẠI ") == ["khieu", "nai"]


def test_numbers_use_dot_for_thousands_and_comma_for_decimals():
    assert vn_number(7000) == "7.000"
    assert vn_number(1234567) == "1.234.567"
    assert vn_number(7.3) == "7,3"
    assert vn_percent(13.2) == "13,2%"
    assert vn_money(7_300_000_000) == "7,3 tỷ đồng"
    assert vn_money(250_000_000) == "250 triệu đồng"
    assert vn_money(15_000) == "15.000 đồng"


def test_dates_are_dd_mm_yyyy():
    assert vn_date(dt.date(2022, 10, 5)) == "05/10/2022"
    assert vn_long_date(dt.date(2022, 10, 5), "Hòa Sơn") == "Hòa Sơn, ngày 05 tháng 10 năm 2022"
    assert vn_long_date(dt.date(2022, 3, 15)) == "ngày 15 tháng 3 năm 2022"
    assert vn_long_date(dt.date(2022, 2, 1)) == "ngày 01 tháng 02 năm 2022"
    assert parse_vn_date("05/10/2022") == dt.date(2022, 10, 5)
    assert parse_vn_date("2022-10-05") == dt.date(2022, 10, 5)
    with pytest.raises(ValueError, match="dd/mm/yyyy"):
        parse_vn_date("31/02/2022")
