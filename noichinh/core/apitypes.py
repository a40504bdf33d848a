"""Bounded inputs for the JSON API.

A number the database cannot hold (an id past the 64-bit key, a count past a 32-bit column,
a page offset past SQLite's integer) must be refused as bad input, with a Vietnamese message,
and never reach the database and come back as a 500. The bounds are published in the
OpenAPI schema (minimum, maximum) so clients and the fuzz tests see them.
"""

import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

# The error types raised below, whose messages are already Vietnamese (config/api.py keeps
# them as they are and translates pydantic's own).
VIETNAMESE_ERRORS = frozenset({"out_of_range", "date_out_of_range", "nul_character"})

BIGINT_MAX = 2**63 - 1  # BigAutoField, BigIntegerField
INT_MAX = 2**31 - 1  # IntegerField, PositiveIntegerField on PostgreSQL
SMALLINT_MAX = 2**15 - 1  # PositiveSmallIntegerField


def _vn(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def bounded(low: int, high: int, message: str):
    """An int in [low, high]; outside, a validation error saying ``message`` (Vietnamese)."""

    def check(value: int) -> int:
        if value < low or value > high:
            raise PydanticCustomError("out_of_range", message)
        return value

    return Annotated[
        int,
        AfterValidator(check),
        Field(json_schema_extra={"minimum": low, "maximum": high}),
    ]


RecordId = bounded(0, BIGINT_MAX, "Mã bản ghi không hợp lệ.")
Count = bounded(0, INT_MAX, f"Số lượng phải là số nguyên từ 0 đến {_vn(INT_MAX)}.")
SmallCount = bounded(0, SMALLINT_MAX, f"Giá trị phải là số nguyên từ 0 đến {_vn(SMALLINT_MAX)}.")
Money = bounded(0, BIGINT_MAX, "Số tiền phải là số nguyên không âm, tính bằng đồng.")
Year = bounded(1, 9999, "Năm không hợp lệ: nhập năm có bốn chữ số, ví dụ 2025.")
WorkingDays = bounded(0, 366, "Số ngày làm việc phải từ 0 đến 366.")
Version = bounded(0, INT_MAX, "Số phiên bản không hợp lệ.")


DATE_MIN, DATE_MAX = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


def _day_in_range(value: dt.date) -> dt.date:
    # Deadlines, previous periods and same-period-last-year are computed from input dates:
    # near date.min or date.max they overflowed (OverflowError, a 500).
    if not DATE_MIN <= value <= DATE_MAX:
        raise PydanticCustomError(
            "date_out_of_range", "Ngày phải trong khoảng 01/01/1900 đến 31/12/2100."
        )
    return value


Day = Annotated[dt.date, AfterValidator(_day_in_range)]


NUL_MESSAGE = "Dữ liệu có ký tự NUL (\\x00) không hợp lệ: hãy bỏ ký tự này rồi gửi lại."


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


def _no_nul(value):
    # PostgreSQL text cannot hold NUL: a query or a save with one was a DataError (a 500).
    if _has_nul(value):
        raise PydanticCustomError("nul_character", NUL_MESSAGE)
    return value


Text = Annotated[str, AfterValidator(_no_nul)]


class Input(Schema):
    """Base of the API's request bodies: no string anywhere in it may hold a NUL."""

    @model_validator(mode="after")
    def _reject_nul(self):
        _no_nul(dict(self))
        return self


class Pagination(LimitOffsetPagination):
    """Ninja's limit/offset, where an offset past the end, however large, is an empty page
    (ninja bounds ``limit`` but not ``offset``: a huge offset overflowed SQLite), and whose
    ``count`` stops at ``core.listing.COUNT_CAP`` as the list pages' does: counting a whole
    filtered register (a million petitions) would cost as much as reading it. ``more`` tells
    a client that there are rows past ``count``; it pages on while ``items`` is not empty."""

    class Output(Schema):
        items: list[Any]
        count: int = Field(
            description="Số bản ghi, đếm tới 10.000 (more = true: còn nhiều hơn số này)"
        )
        more: bool = Field(
            False, description="true khi có nhiều bản ghi hơn count (số đếm dừng ở 10.000)"
        )

    def _count(self, queryset) -> tuple[int, bool]:
        from noichinh.core.listing import COUNT_CAP, count_upto

        counted = count_upto(queryset, COUNT_CAP + 1)
        return min(counted, COUNT_CAP), counted > COUNT_CAP

    def paginate_queryset(self, queryset, pagination, request, **params: Any) -> Any:
        count, more = self._count(queryset)
        if pagination.offset > INT_MAX:
            items = []
        else:
            offset, limit = pagination.offset, min(pagination.limit, self.max_limit)
            items = queryset[offset : offset + limit]
        return {self.items_attribute: items, "count": count, "more": more}
