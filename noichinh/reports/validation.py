"""Checks on an agency's figures: pure functions, the same for the form and the XLSX upload.

Errors refuse the whole submission (non-negative, parts not exceeding totals, percentages
within 0–100); unusual jumps against the previous period are only flagged for a second look
(the threshold is each indicator's ``jump_percent``).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from noichinh.core.formats import vn_number


def parse_number(text) -> Decimal | None:
    """'7.000' → 7000; '7,3' → 7.3; '' → None. Raises ValueError for text."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise ValueError(text)
    if isinstance(text, int | float | Decimal):
        return Decimal(str(text))
    s = str(text).strip().replace(" ", "").replace("\u00a0", "")
    if not s:
        return None
    if s.endswith("%"):
        s = s[:-1]
    if "," in s:
        s = s.replace(".", "").replace(",", ".")
    elif s.count(".") >= 1 and all(len(part) == 3 for part in s.split(".")[1:]):
        s = s.replace(".", "")
    try:
        value = Decimal(s)
    except InvalidOperation:
        raise ValueError(text)
    if not value.is_finite():
        raise ValueError(text)
    return value


def check_values(indicators: dict, values: dict, *, where=None) -> list[str]:
    """Errors for ``values`` (code → Decimal or None). ``where(code)`` names the place of a
    value in messages (a cell address for uploads)."""
    where = where or (lambda code: "")
    errors = []
    for code, value in values.items():
        if value is None:
            continue
        ind = indicators[code]
        at = where(code)
        prefix = f"{at}: " if at else ""
        if value < 0:
            errors.append(f"{prefix}“{ind.name}” không được âm ({vn_number(value)}).")
        elif ind.is_percent and value > 100:
            errors.append(f"{prefix}“{ind.name}” là tỷ lệ phần trăm, phải từ 0 đến 100.")
        elif value.as_tuple().exponent < -2:
            errors.append(f"{prefix}“{ind.name}” có quá hai chữ số thập phân.")
        elif value >= Decimal(10) ** 18:
            errors.append(f"{prefix}“{ind.name}” quá lớn.")
    for code, value in values.items():
        ind = indicators[code]
        if value is None or ind.parent_id is None or ind.parent.code not in values:
            continue
        total = values.get(ind.parent.code)
        if total is not None and value > total and value >= 0:
            at = where(code)
            prefix = f"{at}: " if at else ""
            errors.append(
                f"{prefix}“{ind.name}” ({vn_number(value)}) lớn hơn chỉ tiêu tổng "
                f"“{ind.parent.name}” ({vn_number(total)})."
            )
    return errors


def jumps(indicators: dict, values: dict, previous: dict) -> set[str]:
    """Codes whose value moved more than the indicator's threshold against last period."""
    flagged = set()
    for code, value in values.items():
        before = previous.get(code)
        if value is None or before is None or before <= 0:
            continue
        change = abs(value - before) / before * 100
        if change > indicators[code].jump_percent:
            flagged.add(code)
    return flagged
