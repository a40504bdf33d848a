"""Period codes of briefings: "2022-Q3", "2021-H1", "2021-H2", "2022-9M", "2022-Y", "2022-M09"."""

import calendar
import datetime as dt
import re

from django.core.exceptions import ValidationError

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_CODE = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|9M|Y|M(?:0[1-9]|1[0-2]))$")
KINDS = [
    ("Q1", "Quý I"),
    ("Q2", "Quý II"),
    ("Q3", "Quý III"),
    ("Q4", "Quý IV"),
    ("H1", "6 tháng đầu năm"),
    ("H2", "6 tháng cuối năm"),
    ("9M", "9 tháng đầu năm"),
    ("Y", "Năm"),
]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_period(code: str) -> tuple[dt.date, dt.date, str]:
    """(start, end, label) of a period code; ValidationError in Vietnamese when unknown."""
    match = _CODE.match((code or "").strip().upper())
    if not match:
        raise ValidationError("Kỳ không hợp lệ: chọn một kỳ trong danh sách.")
    year, part = int(match.group(1)), match.group(2)
    if not 1990 <= year <= 2100:
        raise ValidationError(f"Năm của kỳ không hợp lệ: {year}.")
    if part.startswith("Q"):
        q = int(part[1])
        start, end = dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
        label = f"Quý {ROMAN[q]}/{year}"
    elif part.startswith("M"):
        month = int(part[1:])
        start, end = dt.date(year, month, 1), _month_end(year, month)
        label = f"Tháng {month}/{year}"
    elif part == "H1":
        start, end, label = dt.date(year, 1, 1), dt.date(year, 6, 30), f"6 tháng đầu năm {year}"
    elif part == "H2":
        start, end, label = dt.date(year, 7, 1), dt.date(year, 12, 31), f"6 tháng cuối năm {year}"
    elif part == "9M":
        start, end, label = dt.date(year, 1, 1), dt.date(year, 9, 30), f"9 tháng đầu năm {year}"
    else:
        start, end, label = dt.date(year, 1, 1), dt.date(year, 12, 31), f"Năm {year}"
    return start, end, label


def period_choices(*, last_year: int, years: int = 10, chosen: str = "") -> list[dict]:
    """The periods by name, grouped by year, newest first: the officer picks "Quý III/2022",
    never types its code (the code stays the option's value, and the URL's)."""
    wanted = list(range(last_year, last_year - years, -1))
    match = _CODE.match((chosen or "").strip().upper())
    if match and int(match.group(1)) not in wanted and 1990 <= int(match.group(1)) <= 2100:
        wanted.append(int(match.group(1)))
    return [
        {
            "year": year,
            "options": [
                (period_code(kind, year), parse_period(period_code(kind, year))[2])
                for kind, _label in KINDS
            ],
        }
        for year in wanted
    ]


def period_code(kind: str, year: int) -> str:
    return f"{year}-{kind}"


def lower_first(label: str) -> str:
    return label[:1].lower() + label[1:] if label else label
