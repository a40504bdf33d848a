"""Vietnamese number format: '.' thousands, ',' decimals, nghìn/triệu/tỷ multiply."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from noichinh.textimport.numbers import format_vn_number, parse_vn_number


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("7.000", 7000),
        ("1.234.567", 1234567),
        ("07", 7),
        ("13,2", 13.2),
        ("1,4", 1.4),
        ("1.234.567,89", 1234567.89),
        ("20 nghìn", 20000),
        ("45 ngàn", 45000),
        ("1,5 triệu", 1500000),
        ("7,3 tỷ", 7300000000),
        ("7,3 tỉ", 7300000000),
        ("2 tỷ 500 triệu", 2500000000),
        ("0", 0),
    ],
)
def test_parse_vietnamese_number(written, value):
    assert parse_vn_number(written) == value


def test_integral_values_come_back_as_int_and_others_as_float():
    assert isinstance(parse_vn_number("7,0 tỷ"), int)
    assert isinstance(parse_vn_number("7.000"), int)
    assert isinstance(parse_vn_number("13,2"), float)


def test_multiplied_decimal_is_exact_not_a_float_rounding():
    assert parse_vn_number("7,3 tỷ") == 7_300_000_000
    assert parse_vn_number("0,1 triệu") == 100_000


def test_dot_not_followed_by_three_digits_is_a_decimal_point():
    assert parse_vn_number("7.5") == 7.5


@pytest.mark.parametrize("bad", ["", "abc", "7,", "tỷ", "1.23.4", None])
def test_parse_rejects_what_is_not_a_number(bad):
    with pytest.raises(ValueError):
        parse_vn_number(bad)


def test_format_writes_dots_between_thousands_and_comma_before_decimals():
    assert format_vn_number(7300000) == "7.300.000"
    assert format_vn_number(13.2) == "13,2"
    assert format_vn_number(Decimal("1234.50")) == "1.234,5"


@given(st.integers(min_value=0, max_value=10**15))
def test_integer_round_trip_through_vietnamese_format(value):
    assert parse_vn_number(format_vn_number(value)) == value


@given(st.decimals(min_value=0, max_value=10**12, places=3, allow_nan=False, allow_infinity=False))
def test_decimal_round_trip_through_vietnamese_format(value):
    parsed = parse_vn_number(format_vn_number(value))
    assert Decimal(str(parsed)) == value
