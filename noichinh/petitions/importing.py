"""Import an agency's existing book (petitions or reception book) from XLSX or CSV.

Columns are mapped to fields (a proposal from the header names, corrected by the user);
rows are validated one by one and either ALL are created, or none and every bad row is
listed in Vietnamese.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from noichinh.core.formats import parse_vn_date
from noichinh.core.text import fold
from noichinh.org.models import AreaUnit
from noichinh.petitions import daily
from noichinh.petitions.models import Petition, PetitionField, PetitionType, Visit

MAX_ROWS = 200_000

# target field → (label, required, header aliases (folded))
PETITION_COLUMNS = {
    "receipt_no": ("Số vào sổ", False, ["so vao so", "so", "so den", "so don", "stt don"]),
    "received_on": ("Ngày nhận", True, ["ngay nhan", "ngay nhan don", "ngay", "ngay den"]),
    "sender_name": ("Người gửi", False, ["nguoi gui", "ho ten", "ho va ten", "ten nguoi gui"]),
    "sender_id_number": ("Số CCCD", False, ["cccd", "so cccd", "cmnd", "so cmnd"]),
    "sender_address": ("Địa chỉ", False, ["dia chi", "dia chi nguoi gui"]),
    "content": ("Nội dung", True, ["noi dung", "noi dung don", "tom tat noi dung"]),
    "type": ("Loại đơn", True, ["loai don", "loai", "phan loai"]),
    "field": ("Lĩnh vực", False, ["linh vuc"]),
    "unit": ("Địa bàn (mã hoặc tên)", False, ["dia ban", "don vi", "xa phuong"]),
    "co_senders": ("Số người cùng ký", False, ["so nguoi cung ky", "so nguoi"]),
}
VISIT_COLUMNS = {
    "visited_on": ("Ngày tiếp", True, ["ngay tiep", "ngay"]),
    "people_count": ("Số người", True, ["so nguoi", "so luong"]),
    "kind": ("Hình thức tiếp", False, ["hinh thuc", "hinh thuc tiep"]),
    "petition_type": ("Loại nội dung", False, ["loai", "loai don", "loai noi dung"]),
    "visitor_name": ("Họ tên", False, ["ho ten", "ho va ten", "nguoi den"]),
    "content": ("Nội dung", True, ["noi dung", "noi dung tiep"]),
    "representatives": ("Người đại diện", False, ["nguoi dai dien", "dai dien"]),
    "answer": ("Kết quả tiếp", False, ["ket qua", "ket qua tiep", "huong xu ly"]),
    "unit": ("Địa bàn (mã hoặc tên)", False, ["dia ban", "don vi", "xa phuong"]),
}


def columns_for(kind: str) -> dict:
    return VISIT_COLUMNS if kind == "visit" else PETITION_COLUMNS


class ImportFileError(ValueError):
    pass


def read_table(data: bytes, filename: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows (strings) of an XLSX or CSV file."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        from noichinh.core.uploads import zip_bomb_message

        if message := zip_bomb_message(data):
            raise ImportFileError(message)
        rows = _xlsx_rows(data)
        if len(rows) > MAX_ROWS + 1:
            raise ImportFileError(f"Tệp quá lớn (tối đa {MAX_ROWS:,} dòng).".replace(",", "."))
    elif name.endswith(".csv"):
        text = None
        for enc in ("utf-8-sig", "cp1258", "latin-1"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        if "\x00" in text:
            raise ImportFileError("Tệp CSV chứa ký tự nhị phân: hãy lưu lại dưới dạng CSV UTF-8.")
        try:
            rows = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
        except csv.Error as exc:
            raise ImportFileError(f"Không đọc được tệp CSV: {exc}.") from exc
        if len(rows) > MAX_ROWS + 1:
            raise ImportFileError("Tệp quá lớn.")
    else:
        raise ImportFileError("Chỉ nhận tệp .xlsx hoặc .csv.")
    rows = [r for r in rows if any(str(c).strip() for c in r)]
    if not rows:
        raise ImportFileError("Tệp không có dữ liệu.")
    header = [str(c).strip() for c in rows[0]]
    return header, [[str(c).strip() for c in r] for r in rows[1:]]


def _xlsx_rows(data: bytes) -> list[list[str]]:
    """The first sheet's cells as strings. python-calamine (Rust) reads it several times
    faster than openpyxl (5.9 s per 20,000 rows, issue 21) and gives the same strings
    (tests/petitions/test_import_api.py compares both); openpyxl when it is not installed."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        return _xlsx_rows_openpyxl(data)
    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        values = sheet.to_python(skip_empty_area=False)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook
        raise ImportFileError("Không đọc được tệp XLSX (tệp hỏng hoặc sai định dạng).") from exc
    return [["" if v is None or v == "" else _cell(v) for v in row] for row in values]


def _xlsx_rows_openpyxl(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook
        raise ImportFileError("Không đọc được tệp XLSX (tệp hỏng hoặc sai định dạng).") from exc
    ws = wb.worksheets[0]
    rows = []
    for row in ws.iter_rows(values_only=True):
        rows.append(["" if v is None else _cell(v) for v in row])
        if len(rows) > MAX_ROWS + 1:
            break
    wb.close()
    return rows


def _cell(value) -> str:
    import datetime as dt

    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def propose_mapping(kind: str, header: list[str]) -> dict[str, int | None]:
    folded = [fold(h) for h in header]
    mapping = {}
    for target, (_label, _req, aliases) in columns_for(kind).items():
        mapping[target] = None
        for alias in aliases:
            if alias in folded:
                mapping[target] = folded.index(alias)
                break
    return mapping


def _choice(value: str, choices, what: str):
    v = fold(value)
    if not v:
        return None
    for code, label in choices:
        if v in (fold(code), fold(label)):
            return code
    for code, label in choices:
        if fold(label).startswith(v) or v.startswith(fold(label)):
            return code
    raise ValueError(f"{what} “{value}” không hợp lệ")


def _unit(value: str, units: dict):
    if not value:
        return None
    unit = units.get(value.upper()) or units.get(fold(value))
    if unit is None:
        raise ValueError(f"không tìm thấy địa bàn “{value}”")
    return unit


@dataclass
class Parsed:
    rows: list[dict] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def parse_rows(kind: str, rows: list[list[str]], mapping: dict[str, int | None], agency) -> Parsed:
    cols = columns_for(kind)
    out = Parsed()
    missing = [cols[t][0] for t, (_l, req, _a) in cols.items() if req and mapping.get(t) is None]
    if missing:
        out.errors.append((1, "Chưa ghép cột bắt buộc: " + ", ".join(missing)))
        return out
    units = {}
    for u in AreaUnit.objects.all():
        units[u.code.upper()] = u
        units[u.name_folded] = u
    seen_receipts = set()
    existing = set()
    if kind == "petition" and mapping.get("receipt_no") is not None:
        # Only the file's receipt numbers, looked up in the (agency, receipt_no) unique index:
        # loading all of the agency's (80,000 for the busiest at a million petitions) took
        # 0.6–2.3 s per import whatever its size.
        idx = mapping["receipt_no"]
        wanted = sorted({r[idx].strip() for r in rows if idx < len(r) and r[idx].strip()})
        for k in range(0, len(wanted), 1000):
            existing.update(
                Petition.objects.filter(
                    agency=agency, receipt_no__in=wanted[k : k + 1000]
                ).values_list("receipt_no", flat=True)
            )
    for i, raw in enumerate(rows, start=2):

        def get(target, raw=raw):
            idx = mapping.get(target)
            if idx is None or idx >= len(raw):
                return ""
            return raw[idx].strip()

        problems = []
        data: dict = {}
        try:
            if kind == "petition":
                data["received_on"] = _date(get("received_on"), "Ngày nhận", problems)
                data["receipt_no"] = get("receipt_no")
                if data["receipt_no"]:
                    if data["receipt_no"] in existing or data["receipt_no"] in seen_receipts:
                        problems.append(f"số vào sổ {data['receipt_no']} bị trùng")
                    seen_receipts.add(data["receipt_no"])
                data["content"] = get("content")
                if not data["content"]:
                    problems.append("thiếu nội dung")
                for name in ("sender_name", "sender_id_number", "sender_address"):
                    data[name] = get(name)
                for target, choices, what in (
                    ("type", PetitionType.choices, "Loại đơn"),
                    ("field", PetitionField.choices, "Lĩnh vực"),
                ):
                    try:
                        data[target] = _choice(get(target), choices, what)
                    except ValueError as exc:
                        problems.append(str(exc))
                if not data.get("type") and "type" not in [p[:8] for p in problems]:
                    if not get("type"):
                        problems.append("thiếu loại đơn")
                data["field"] = data.get("field") or PetitionField.OTHER
                data["co_senders"] = _int(get("co_senders") or "0", "Số người cùng ký", problems)
                if data.get("type") == PetitionType.DENUNCIATION and not data["sender_name"]:
                    data["is_anonymous"] = True
            else:
                data["visited_on"] = _date(get("visited_on"), "Ngày tiếp", problems)
                data["people_count"] = _int(get("people_count"), "Số người", problems, minimum=1)
                data["content"] = get("content")
                if not data["content"]:
                    problems.append("thiếu nội dung")
                data["visitor_name"] = get("visitor_name")
                data["representatives"] = get("representatives")
                for target, choices, what, default in (
                    ("kind", Visit.Kind.choices, "Hình thức tiếp", Visit.Kind.REGULAR),
                    (
                        "petition_type",
                        PetitionType.choices,
                        "Loại nội dung",
                        PetitionType.COMPLAINT,
                    ),
                    ("answer", Visit.Answer.choices, "Kết quả tiếp", Visit.Answer.GUIDED),
                ):
                    try:
                        data[target] = _choice(get(target), choices, what) or default
                    except ValueError as exc:
                        problems.append(str(exc))
                if (
                    isinstance(data.get("people_count"), int)
                    and data["people_count"] >= 5
                    and not data["representatives"]
                ):
                    data["representatives"] = "(không ghi trong sổ cũ)"
            try:
                data["unit"] = _unit(get("unit"), units)
            except ValueError as exc:
                problems.append(str(exc))
        except Exception as exc:  # noqa: BLE001 - report, never 500
            problems.append(f"lỗi không xác định: {exc}")
        if problems:
            out.errors.append((i, "; ".join(problems)))
        else:
            out.rows.append(data)
    return out


def _date(value, what, problems):
    if not value:
        problems.append(f"thiếu {what.lower()}")
        return None
    try:
        return parse_vn_date(value)
    except ValueError:
        problems.append(f"{what} “{value}” không đúng dạng dd/mm/yyyy")
        return None


def _int(value, what, problems, minimum=0):
    try:
        n = int(str(value).replace(".", "").strip())
    except ValueError:
        problems.append(f"{what} “{value}” không phải số")
        return None
    if n < minimum:
        problems.append(f"{what} phải từ {minimum} trở lên")
        return None
    return n


def import_rows(*, actor, kind: str, agency, parsed: Parsed, late_reason: str = "") -> int:
    """All-or-nothing creation: every row is checked first, then all are written in bulk in
    one transaction with one audit entry for the batch; on any bad row a ValidationError
    lists every bad row and nothing is written. Rows dated inside a closed reporting period
    need ``late_reason``; the batch is then recorded as a late change of those periods."""
    from noichinh.core import closing
    from noichinh.petitions import permissions

    permissions.require_import_petitions(actor, agency)
    if parsed.errors:
        raise ValidationError([f"Dòng {n}: {msg}" for n, msg in parsed.errors])
    date_key = "received_on" if kind == "petition" else "visited_on"
    days = [row.get(date_key) for row in parsed.rows if row.get(date_key)]
    late = closing.guard(*days, reason=late_reason)
    with transaction.atomic():
        if kind == "petition":
            count = _bulk_petitions(actor, agency, parsed.rows)
        else:
            count = _bulk_visits(actor, agency, parsed.rows)
        if late:
            what = "đơn" if kind == "petition" else "lượt tiếp"
            closing.record(
                actor=actor,
                obj=agency,
                days=days,
                reason=late_reason,
                action="import",
                summary=f"Nhập từ tệp {count} {what} vào sổ của {agency}",
            )
    if count >= ANALYZE_AFTER_ROWS:
        transaction.on_commit(lambda: analyze_register(kind))
    return count


# After this many rows the planner's statistics are refreshed once the import commits (issue
# 21: after large inserts a home-page query reached 157 ms until ANALYZE). A tuning value, not
# law.
ANALYZE_AFTER_ROWS = 5_000


def analyze_register(kind: str) -> None:
    """ANALYZE the tables an import of ``kind`` wrote (the same statement on both engines)."""
    from django.db import connection

    from noichinh.petitions.models import ContentBand, Deadline, Petition, Transition, Visit

    models = [Petition, ContentBand, Deadline, Transition] if kind == "petition" else [Visit]
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _bulk_petitions(actor, agency, rows: list[dict]) -> int:
    from noichinh.core import audit, bulkload, clock
    from noichinh.core import calendar as cal
    from noichinh.core.selectors import DatedSpecs, work_calendar
    from noichinh.petitions import services
    from noichinh.petitions.duplicates import insert_bands
    from noichinh.petitions.models import Deadline, Transition

    today = clock.today()
    due = cal.DueDateCache(specs=DatedSpecs(), calendar=work_calendar())
    errors: list[str] = []
    objs: list[Petition] = []
    next_no: dict[int, int] = {}
    for i, data in enumerate(rows, start=2):
        received = data["received_on"]
        if received > today:
            errors.append(f"Dòng {i}: ngày nhận sau hôm nay")
            continue
        p = Petition(
            agency=agency,
            received_on=received,
            receipt_no=data.get("receipt_no") or "",
            channel=Petition.Channel.POST,
            content=data["content"],
            type=data["type"],
            field=data.get("field") or PetitionField.OTHER,
            unit=data.get("unit"),
            co_senders=data.get("co_senders") or 0,
            is_anonymous=bool(data.get("is_anonymous")),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        if not p.receipt_no:
            year = received.year
            if year not in next_no:
                head = services.next_receipt_no(agency, year).split("/")[0]
                next_no[year] = int(head)
            p.receipt_no = f"{next_no[year]}/{year}"
            next_no[year] += 1
        if p.is_anonymous:
            p.set_identity()
        else:
            p.set_identity(
                name=data.get("sender_name", ""),
                id_number=data.get("sender_id_number", ""),
                address=data.get("sender_address", ""),
            )
        p.compute()
        step = due("petition.handle", received)
        p.current_step, p.next_due = "petition.handle", step.due
        p.next_due_provisional = step.provisional
        p._step = step
        objs.append(p)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # core.bulkload (COPY on PostgreSQL) with ids reserved first: the ORM's bulk_create
        # cost more than everything else about an imported row.
        now = clock.now()
        bulkload.insert_objects(Petition, objs, now=now)
        daily.mark_records(Petition, objs)  # written without save()
        actor_id = actor.pk if getattr(actor, "pk", None) else None
        bulkload.load(
            Deadline,
            ("petition_id", "rule", "started_on", "due", "explanation", "provisional"),
            (
                (
                    p.pk,
                    "petition.handle",
                    p.received_on,
                    p._step.due,
                    p._step.explain(),
                    p._step.provisional,
                )
                for p in objs
            ),
        )
        bulkload.load(
            Transition,
            (
                "petition_id",
                "from_state",
                "to_state",
                "action",
                "at",
                "on_date",
                "actor_id",
                "note",
            ),
            (
                (p.pk, "", "received", "import", now, p.received_on, actor_id, "Nhập từ sổ cũ")
                for p in objs
            ),
        )
        insert_bands(objs)
        if objs:
            audit.record(
                actor=actor,
                action="import",
                model="petitions.petition",
                object_id=f"{objs[0].pk}-{objs[-1].pk}",
                object_repr=f"Nhập {len(objs)} đơn vào sổ của {agency}"[:255],
                changes={"count": [None, len(objs)], "ids": [None, [objs[0].pk, objs[-1].pk]]},
            )
    return len(objs)


def _bulk_visits(actor, agency, rows: list[dict]) -> int:
    from noichinh.core import audit, bulkload, clock

    today = clock.today()
    errors: list[str] = []
    objs: list[Visit] = []
    for i, data in enumerate(rows, start=2):
        v = Visit(
            agency=agency,
            visited_on=data["visited_on"],
            kind=data["kind"],
            petition_type=data["petition_type"],
            people_count=data["people_count"],
            representatives=data.get("representatives", ""),
            unit=data.get("unit"),
            content=data["content"],
            answer=data["answer"],
            answer_reason=data.get("answer_reason", "")
            or ("(không ghi trong sổ cũ)" if data["answer"] == Visit.Answer.REFUSED else ""),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        v.set_identity(name=data.get("visitor_name", ""))
        try:
            if v.visited_on > today:
                raise ValidationError("ngày tiếp sau hôm nay")
            v.clean()
        except ValidationError as exc:
            errors.append(f"Dòng {i}: {'; '.join(exc.messages)}")
            continue
        v.compute()
        objs.append(v)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        bulkload.insert_objects(Visit, objs)
        daily.mark_records(Visit, objs)  # written without save()
        if objs:
            audit.record(
                actor=actor,
                action="import",
                model="petitions.visit",
                object_id=f"{objs[0].pk}-{objs[-1].pk}",
                object_repr=f"Nhập {len(objs)} lượt tiếp vào sổ của {agency}"[:255],
                changes={"count": [None, len(objs)]},
            )
    return len(objs)
