"""Vietnamese number format: parse and format.

Vietnamese writes '.' between thousands and ',' before decimals ("7.000 lượt",
"13,2%", "7,3 tỷ đồng"). The words "nghìn"/"ngàn", "triệu", "tỷ"/"tỉ" multiply,
and may be chained from large to small ("2 tỷ 500 triệu đồng").

Choices for ambiguous writing:
- "07" is 7 (leading zeros are common in administrative writing: "07 lượt").
- "7.5" (a dot NOT followed by exactly three digits) is read as an English-style
  decimal 7.5; the extractor adds a warning for it.
- "1,500" is read the Vietnamese way: 1.5 (comma = decimal mark); the extractor
  adds a warning because an English-style writer may have meant 1500.
Values are computed with ``Decimal`` so "7,3 tỷ" is exactly 7300000000, and are
returned as ``int`` when integral, ``float`` otherwise.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

MULTIPLIERS: dict[str, int] = {
    "nghìn": 1_000,
    "ngàn": 1_000,
    "triệu": 1_000_000,
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
}

# A digit group as written in Vietnamese text. Named groups:
#   int     integer part, with optional '.' thousands separators
#   frac    decimal part after ','
#   dotfrac decimal part after '.' when it is not a thousands group (English style)
NUMBER_CORE = (
    r"(?P<int>\d{1,3}(?:\.\d{3})+(?!\d)|\d+)(?:,(?P<frac>\d+))?(?:\.(?P<dotfrac>\d{1,2})(?!\d))?"
)

MULTIPLIER_WORD = r"(?:nghìn|ngàn|triệu|tỷ|tỉ)(?!\s*lệ)(?![\w])"

_FULL = re.compile(
    r"^\s*" + NUMBER_CORE + r"(?P<rest>(?:\s*" + MULTIPLIER_WORD + r"(?:\s+\d+(?:,\d+)?)?)*)\s*$",
    re.IGNORECASE,
)
_REST_PART = re.compile(
    r"\s*(?P<mult>nghìn|ngàn|triệu|tỷ|tỉ)(?:\s+(?P<num>\d+(?:,\d+)?))?", re.IGNORECASE
)


def number_core_value(int_part: str, frac: str | None, dotfrac: str | None) -> Decimal:
    """The value of one digit group matched by ``NUMBER_CORE``."""
    digits = int_part.replace(".", "")
    decimals = frac if frac is not None else dotfrac
    text = digits + ("." + decimals if decimals else "")
    return Decimal(text)


def apply_multipliers(value: Decimal, rest: str) -> Decimal:
    """Apply a chain such as " tỷ 500 triệu" to a leading value.

    Each multiplier applies to the number just before it; the parts are added:
    "2 tỷ 500 triệu" = 2 * 10^9 + 500 * 10^6.
    """
    total = Decimal(0)
    current = value
    for part in _REST_PART.finditer(rest):
        total += current * MULTIPLIERS[part.group("mult").lower()]
        num = part.group("num")
        current = Decimal(num.replace(",", ".")) if num else Decimal(0)
    return total + current


def to_python_number(value: Decimal) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def parse_vn_number(text: str) -> int | float:
    """Parse a number written the Vietnamese way.

    >>> parse_vn_number("7.000")
    7000
    >>> parse_vn_number("7,3 tỷ")
    7300000000
    >>> parse_vn_number("13,2")
    13.2

    Raises ``ValueError`` when ``text`` is not a number.
    """
    if not isinstance(text, str):
        raise ValueError("not a string")
    match = _FULL.match(text)
    if not match:
        raise ValueError(f"not a Vietnamese number: {text!r}")
    try:
        value = number_core_value(match.group("int"), match.group("frac"), match.group("dotfrac"))
        value = apply_multipliers(value, match.group("rest") or "")
    except InvalidOperation as exc:  # pragma: no cover - the regex only lets digits through
        raise ValueError(str(exc)) from exc
    return to_python_number(value)


def format_vn_number(value: int | float | Decimal, decimals: int | None = None) -> str:
    """Write a number the Vietnamese way: '.' thousands, ',' decimals.

    >>> format_vn_number(7300000)
    '7.300.000'
    >>> format_vn_number(13.2)
    '13,2'
    """
    dec = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if decimals is not None:
        dec = round(dec, decimals)
    sign = "-" if dec < 0 else ""
    dec = abs(dec)
    text = format(dec, "f")
    int_part, _, frac_part = text.partition(".")
    frac_part = frac_part.rstrip("0")
    groups: list[str] = []
    while len(int_part) > 3:
        groups.insert(0, int_part[-3:])
        int_part = int_part[:-3]
    groups.insert(0, int_part)
    out = ".".join(groups)
    if frac_part:
        out += "," + frac_part
    return sign + out
