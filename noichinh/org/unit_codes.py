"""The statistics office's list of administrative units and codes (CSV or XLSX), and loading
it onto the area units.

The published list (danh mục đơn vị hành chính) comes as a table with one row per unit. Its
columns are found by their heading, in either layout:
- the list by levels: "Mã" / "Mã số", "Tên", "Cấp" (``provinces_2025.csv``);
- the list with parents: "Tỉnh / Thành phố", "Mã TP" (or "Mã tỉnh"), "Quận / Huyện",
  "Mã QH", "Phường / Xã", "Mã PX" (or "Mã xã"), "Cấp" — a row is a commune when it has a
  commune code, a district when only a district code, else a province. After 1/7/2025 the
  list has no districts (Decision 19/2025/QĐ-TTg).

``apply_codes`` matches each row to an area unit by official code, else by name (folded)
within the same level and parent, sets the official code, and creates the missing units when
asked (setting up a real province).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from noichinh.core import audit
from noichinh.core.text import fold
from noichinh.org.models import AreaUnit

DATA = Path(__file__).parent / "data"
PROVINCES_2025 = DATA / "provinces_2025.csv"
REFORM = dt.date(2025, 7, 1)

HEADINGS = {
    "code": ("ma", "ma so", "ma dvhc", "ma don vi hanh chinh"),
    "name": ("ten", "ten dvhc", "ten don vi hanh chinh"),
    "level": ("cap", "cap hanh chinh", "loai"),
    "province_code": ("ma tp", "ma tinh", "ma tinh/tp", "ma tinh thanh pho"),
    "province_name": ("tinh / thanh pho", "tinh thanh pho", "tinh/thanh pho", "ten tinh"),
    "district_code": ("ma qh", "ma huyen", "ma quan huyen"),
    "district_name": ("quan / huyen", "quan huyen", "quan/huyen", "ten huyen"),
    "commune_code": ("ma px", "ma xa", "ma phuong xa"),
    "commune_name": ("phuong / xa", "phuong xa", "phuong/xa", "ten xa"),
}
PROVINCE_WORDS = ("tinh", "thanh pho trung uong")
COMMUNE_WORDS = ("xa", "phuong", "thi tran", "dac khu")


@dataclass(frozen=True)
class CodeRow:
    level: str
    code: str
    name: str
    parent_code: str = ""


@dataclass
class CodeResult:
    matched: int = 0
    set: int = 0
    created: int = 0
    unmatched: list[CodeRow] = field(default_factory=list)


def _heading(text) -> str:
    return " ".join(fold(str(text or "")).replace("_", " ").split())


def _level_of(text: str, default: str) -> str:
    word = _heading(text)
    if word.startswith(PROVINCE_WORDS):
        return AreaUnit.PROVINCE
    if word.startswith(COMMUNE_WORDS):
        return AreaUnit.COMMUNE
    if word.startswith(("huyen", "quan", "thi xa", "thanh pho")):
        # "Thành phố" alone is a district-level city before 2025 (a province is "Thành phố
        # Trung ương" in the list by levels).
        return AreaUnit.DISTRICT
    return default


def _table(path: Path) -> list[list[str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        return [
            ["" if v is None else str(v).strip() for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError("Tệp không phải UTF-8.")
    dialect = csv.Sniffer().sniff(text[:2000], delimiters=",;\t") if text.strip() else csv.excel
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def _zfill(code: str, width: int) -> str:
    code = code.strip()
    if code.endswith(".0"):  # a spreadsheet number
        code = code[:-2]
    return code.zfill(width) if code.isdigit() else code


def read_list(path: Path) -> list[CodeRow]:
    """The rows of a published list; ValueError with a Vietnamese message when the file is
    not in a known layout."""
    table = [row for row in _table(Path(path)) if any(row)]
    if not table:
        raise ValueError("Tệp không có dòng nào.")
    columns: dict[str, int] = {}
    header_at = None
    for i, row in enumerate(table[:10]):
        found = {}
        for j, value in enumerate(row):
            heading = _heading(value)
            for key, names in HEADINGS.items():
                if heading in names and key not in found:
                    found[key] = j
        if "code" in found or "province_code" in found:
            columns, header_at = found, i
            break
    if header_at is None:
        raise ValueError(
            "Không nhận ra bố cục danh mục: cần cột “Mã” và “Tên”, hoặc “Mã TP”, “Mã QH”, “Mã PX”."
        )

    def cell(row, key):
        j = columns.get(key)
        return row[j].strip() if j is not None and j < len(row) else ""

    rows: list[CodeRow] = []
    seen = set()
    for row in table[header_at + 1 :]:
        if "code" in columns:
            code = cell(row, "code")
            if not code:
                continue
            default = AreaUnit.PROVINCE if len(_zfill(code, 2)) <= 2 else AreaUnit.COMMUNE
            level = _level_of(cell(row, "level"), default)
            widths: dict[str, int] = {
                AreaUnit.PROVINCE: 2,
                AreaUnit.DISTRICT: 3,
                AreaUnit.COMMUNE: 5,
            }
            width = widths[level]
            rows.append(CodeRow(level, _zfill(code, width), cell(row, "name")))
            continue
        p_code = _zfill(cell(row, "province_code"), 2)
        d_code = _zfill(cell(row, "district_code"), 3)
        c_code = _zfill(cell(row, "commune_code"), 5)
        if p_code and ("p", p_code) not in seen:
            seen.add(("p", p_code))
            rows.append(CodeRow(AreaUnit.PROVINCE, p_code, cell(row, "province_name")))
        if d_code and ("d", d_code) not in seen:
            seen.add(("d", d_code))
            rows.append(CodeRow(AreaUnit.DISTRICT, d_code, cell(row, "district_name"), p_code))
        if c_code and ("c", c_code) not in seen:
            seen.add(("c", c_code))
            parent = d_code or p_code
            rows.append(CodeRow(AreaUnit.COMMUNE, c_code, cell(row, "commune_name"), parent))
    if not rows:
        raise ValueError("Tệp không có đơn vị hành chính nào.")
    bad = [r for r in rows if not r.code.isdigit() or not r.name]
    if bad:
        raise ValueError(f"Dòng thiếu mã số hoặc tên: {bad[0].code or '?'} {bad[0].name}.")
    return rows


@transaction.atomic
def apply_codes(
    rows: list[CodeRow],
    *,
    actor=None,
    create_under: AreaUnit | None = None,
    only_province: str = "",
) -> CodeResult:
    """Set the official code of the matching area units. ``create_under``: also create, in
    that province, the units of the list that have no match (valid from the 2025 reform for
    communes). ``only_province``: keep the rows of that province code (and its units)."""
    result = CodeResult()
    by_code: dict[tuple[str, str], AreaUnit] = {}
    if only_province:
        keep, selected = {only_province}, []
        for row in rows:
            if row.level == AreaUnit.PROVINCE:
                if row.code == only_province:
                    selected.append(row)
            elif row.parent_code in keep:
                keep.add(row.code)
                selected.append(row)
        rows = selected
    for row in rows:
        parent = by_code.get(("parent", row.parent_code))
        if parent is None and row.parent_code:
            parent = (
                AreaUnit.objects.filter(official_code=row.parent_code)
                .exclude(level=row.level)
                .first()
            )
        unit = AreaUnit.objects.filter(official_code=row.code, level=row.level).first()
        if unit is None:
            candidates = AreaUnit.objects.filter(level=row.level, name_folded=fold(row.name))
            if parent is not None:
                candidates = candidates.filter(parent=parent)
            unit = candidates.filter(official_code="").first()
            if unit is not None:
                before = audit.snapshot(unit)
                unit.official_code = row.code
                unit.save()
                audit.record_update(
                    actor=actor, obj=unit, before=before, reason="danh mục mã số ĐVHC"
                )
                result.set += 1
            elif create_under is not None and row.level != AreaUnit.PROVINCE:
                unit = AreaUnit.objects.create(
                    code=f"{row.level[0].upper()}{row.code}",
                    official_code=row.code,
                    name=row.name,
                    level=row.level,
                    parent=parent or create_under,
                    valid_from=REFORM
                    if row.level == AreaUnit.COMMUNE and len(row.code) == 5
                    else None,
                )
                audit.record_create(actor=actor, obj=unit, reason="danh mục mã số ĐVHC")
                result.created += 1
            else:
                result.unmatched.append(row)
                continue
        else:
            result.matched += 1
        by_code[("parent", row.code)] = unit
    return result


AGENCY_HEADINGS = {
    "official_code": ("ma dinh danh", "ma dinh danh dien tu", "ma dinh danh co quan"),
    "name": ("ten co quan", "ten co quan, to chuc", "ten don vi", "co quan"),
    "code": ("ma noi bo", "ma he thong"),
}


def read_agency_codes(path: Path) -> list[tuple[str, str, str]]:
    """(official code, name, internal code) rows of a published list of mã định danh điện tử
    (Decision 20/2020/QĐ-TTg): columns "Mã định danh" and "Tên cơ quan" (and optionally this
    system's "Mã nội bộ")."""
    table = [row for row in _table(Path(path)) if any(row)]
    for i, row in enumerate(table[:10]):
        columns = {}
        for j, cell in enumerate(row):
            for key, names in AGENCY_HEADINGS.items():
                if _heading(cell) in names and key not in columns:
                    columns[key] = j
        if "official_code" in columns and ("name" in columns or "code" in columns):
            out = []
            for data in table[i + 1 :]:
                values = {
                    key: (data[j].strip() if j < len(data) else "") for key, j in columns.items()
                }
                if values.get("official_code"):
                    out.append(
                        (values["official_code"], values.get("name", ""), values.get("code", ""))
                    )
            return out
    raise ValueError("Không nhận ra bố cục: cần cột “Mã định danh” và “Tên cơ quan”.")


@transaction.atomic
def apply_agency_codes(rows, *, actor=None) -> CodeResult:
    """Set ``Agency.official_code`` by the internal code when given, else by the folded name
    (an agency current today); never guesses between two agencies of the same name."""
    from noichinh.org.models import Agency

    result = CodeResult()
    for official, name, code in rows:
        if code:
            matches = list(Agency.objects.filter(code=code))
        else:
            matches = [
                a
                for a in Agency.objects.filter(valid_to__isnull=True)
                if fold(a.name) == fold(name)
            ]
        if len(matches) != 1:
            result.unmatched.append(CodeRow("agency", official, name))
            continue
        agency = matches[0]
        if agency.official_code == official:
            result.matched += 1
            continue
        before = audit.snapshot(agency)
        agency.official_code = official
        agency.save()
        audit.record_update(actor=actor, obj=agency, before=before, reason="mã định danh điện tử")
        result.set += 1
    return result
