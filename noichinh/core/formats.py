"""Vietnamese formatting of numbers, money and dates: one module for templates, documents
and exports alike. Thousands are separated by '.', decimals by ','; dates are dd/mm/yyyy."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone


def vn_number(value, decimals: int | None = None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if decimals is None:
        decimals = 0 if float(value) == int(float(value)) else 1
    if isinstance(value, float | Decimal) or decimals:
        text = f"{float(value):,.{decimals}f}"
    else:
        text = f"{int(value):,d}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def vn_money(value_vnd: int | None) -> str:
    """7300000000 → '7,3 tỷ đồng'; smaller sums in full: '250.000.000 đồng'."""
    if value_vnd is None:
        return ""
    value = int(value_vnd)
    for size, word in ((10**9, "tỷ"), (10**6, "triệu")):
        if abs(value) >= size:
            amount = value / size
            text = vn_number(
                amount,
                0 if amount == int(amount) else (1 if (amount * 10) == int(amount * 10) else 2),
            )
            return f"{text} {word} đồng"
    return f"{vn_number(value)} đồng"


def vn_percent(value, decimals: int = 1) -> str:
    if value is None:
        return ""
    return f"{vn_number(float(value), decimals)}%"


def vn_date(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y")


def dated_name(record) -> str:
    """A unit or agency that has ended, with its end date, so that namesakes before and after a
    reorganisation differ in a filter: "Xã Quyết Thắng (đến 01/07/2025)"."""
    ended = getattr(record, "valid_to", None)
    return f"{record.name} (đến {vn_date(ended)})" if ended else record.name


def vn_datetime(value) -> str:
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y %H:%M")


def vn_long_date(value: dt.date, place: str = "") -> str:
    """'Thái Nguyên, ngày 05 tháng 10 năm 2022' (Decree 30/2020 place-and-date line)."""
    # Decree 30/2020: a leading zero for days below 10 and for months 1 and 2 only.
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    text = f"ngày {value.day:02d} tháng {month} năm {value.year}"
    return f"{place}, {text}" if place else text


def parse_vn_date(text: str) -> dt.date:
    """Accepts dd/mm/yyyy (the officers' format) and ISO yyyy-mm-dd. Raises ValueError."""
    text = (text or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"Ngày không hợp lệ: {text!r} (định dạng dd/mm/yyyy)")
