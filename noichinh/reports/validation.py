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
        if value is None or ind.parent_id is None:
            continue
        total = values.get(ind.parent.code)
        if total is None and value > 0 and ind.parent.code in indicators:
            at = where(code)
            prefix = f"{at}: " if at else ""
            errors.append(
                f"{prefix}“{ind.name}” là một phần của “{ind.parent.name}”: nhập cả chỉ tiêu tổng."
            )
        elif total is not None and value > total and value >= 0:
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


def check_catalogue(rows) -> list[str]:
    """Errors in the indicator catalogue that would let a "Trong đó" sub-row be read
    wrongly or exceed its parent. ``rows`` are (code, name, unit, section, agency kinds,
    source, parent code, order) as in ``seed.INDICATORS``, in the order shown.

    - the parent exists, is in the same section, counts in the same unit and is not a
      percentage; a sub-row comes from the same source (register or agencies), and an
      entered sub-row is entered only by agencies that enter the parent;
    - every sub-row is shown under its parent: between the parent and the next row that is
      not one of the parent's parts;
    - one name per figure: no two indicators share a name.
    """
    errors = []
    by_code = {row[0]: row for row in rows}
    names: dict[str, str] = {}
    for code, name, unit, section, kinds, source, parent, _order in rows:
        if name in names:
            errors.append(f"“{name}”: cùng tên với chỉ tiêu {names[name]} ({code}).")
        names.setdefault(name, code)
        if not parent:
            continue
        top = by_code.get(parent)
        if top is None:
            errors.append(f"{code}: chỉ tiêu tổng {parent} không có trong danh mục.")
            continue
        _pcode, pname, punit, psection, pkinds, psource, _pp, _po = top
        if psection != section:
            errors.append(f"{code}: khác mục với chỉ tiêu tổng “{pname}”.")
        if punit != unit or unit == "%":
            errors.append(f"{code}: đơn vị “{unit}” không cộng được vào “{pname}” ({punit}).")
        if psource != source:
            errors.append(f"{code}: nguồn số liệu khác chỉ tiêu tổng “{pname}”.")
        if not source and pkinds and not set(kinds or ()) <= set(pkinds):
            errors.append(f"{code}: có cơ quan nhập chỉ tiêu này mà không nhập “{pname}”.")
    keys = [(r[3], r[7]) for r in rows]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        errors.append(f"Mục {key[0]}: nhiều chỉ tiêu cùng thứ tự {key[1]}.")
    block: set[str] = set()  # the codes shown since the last top-level row
    for code, *_rest, parent, _order in sorted(rows, key=lambda r: (r[3], r[7], r[0])):
        if not parent:
            block = {code}
            continue
        if parent not in block:
            errors.append(f"{code}: không đứng dưới chỉ tiêu tổng {parent}.")
        block.add(code)
    return errors


def parts_over_total(rows) -> list[str]:
    """Sub-rows whose value exceeds their parent's, in an aggregate's rows (code → Row)."""
    problems = []
    by_code = {row.indicator.code: row for row in rows}
    for row in rows:
        ind = row.indicator
        if ind.parent_id is None or ind.is_percent:
            continue
        top = by_code.get(ind.parent.code)
        if top is None:
            continue
        for attr in ("value", "previous", "last_year"):
            part, total = getattr(row, attr), getattr(top, attr)
            if part is not None and part > (total or 0):
                problems.append(f"{ind.code} {attr}: {part} > {ind.parent.code} {total}")
    return problems
