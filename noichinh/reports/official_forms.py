"""The official statistical forms (biểu số liệu) of the inspectorate's periodic reports.

Each form is data: its number, title, legal source, a tree of column headings (merged in the
XLSX as on the form), and for every numbered column how its cell is computed:

- ``Count(book, **filters)``: the number of records of the reception book (``visit``) or the
  petitions register (``petition``) matching the filters of that book's list
  (``petitions.selectors.VisitFilters`` / ``PetitionFilters``), so every cell equals the count
  of a list; ``sum=`` adds a field instead (people over visits). Dates are written
  ``START``/``END``/``BEFORE_START`` and bound to the period when the form is computed.
  Several ``Count`` in one cell are added (two visit kinds in one column).
- ``Submitted(indicator, reason)``: the registers cannot know it, the agencies can: the sum of
  the approved submissions (``reports.Submission``) of the period's agencies in the row for
  the catalogue indicator of that code. While the catalogue has no such indicator, or no
  agency of the row has an approved value, the cell says "chưa có nguồn", never 0.
- ``NoSource(reason)``: the registers cannot know it; the form shows "chưa có nguồn", never 0.

Rows: one per agency of the scope's next level (its own subtree each) and the "Tổng số" row
counted over the whole scope on its own, so the check that the rows add up to the total can
fail. Each form lists its own sums (``Check``: column = sum of columns), checked on every
row; a check over a cell with no source says it cannot be checked.

The forms, their sources and what could not be confirmed from the texts: docs/legal-forms.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from django.db.models import Case, IntegerField, Q, Sum, Value, When
from django.db.models import Count as DbCount

from noichinh.petitions.figure_specs import _QRecorder
from noichinh.petitions.models import Petition, Visit
from noichinh.petitions.selectors import (
    PetitionFilters,
    VisitFilters,
    petition_filter,
    visit_filter,
)

START, END, BEFORE_START = "$start", "$end", "$before_start"
NO_SOURCE = "chưa có nguồn"


@dataclasses.dataclass(frozen=True)
class Count:
    book: str  # visit | petition
    filters: tuple  # (name, value) pairs of the book's list filters
    sum: str = ""

    def bound(self, start: dt.date, end: dt.date) -> dict:
        dates = {START: start, END: end, BEFORE_START: start - dt.timedelta(days=1)}
        return {k: dates.get(v, v) if isinstance(v, str) else v for k, v in self.filters}

    def list_filters(self, start: dt.date, end: dt.date):
        kw = self.bound(start, end)
        return VisitFilters(**kw) if self.book == "visit" else PetitionFilters(**kw)


# The lists' query parameters for the filters (petitions.views.*_filters_from).
_PARAMS = {
    "visit": {"date_from": "from", "date_to": "to", "petition_type": "type"},
    "petition": {"received_from": "from", "received_to": "to"},
}


def list_url(count: Count, start: dt.date, end: dt.date, agency_id: int | None) -> str:
    """The list whose count the cell is: the book's list page with the cell's filters, for
    ``agency_id`` and everything under it (None: every agency)."""
    from urllib.parse import urlencode

    from django.urls import reverse

    from noichinh.core.formats import vn_date

    params = {}
    if agency_id is not None:
        params["agency"] = agency_id
    for name, value in count.bound(start, end).items():
        key = _PARAMS[count.book].get(name, name)
        params[key] = vn_date(value) if isinstance(value, dt.date) else value
    name = "petitions:visit_list" if count.book == "visit" else "petitions:petition_list"
    return reverse(name) + "?" + urlencode(params)


def visits(sum: str = "", **filters) -> Count:
    return Count("visit", tuple(sorted(filters.items())), sum)


def petitions(**filters) -> Count:
    return Count("petition", tuple(sorted(filters.items())))


@dataclasses.dataclass(frozen=True)
class NoSource:
    reason: str


@dataclasses.dataclass(frozen=True)
class Submitted:
    indicator: str  # reports.Indicator code
    reason: str


@dataclasses.dataclass(frozen=True)
class Col:
    number: int
    label: str
    cell: tuple  # of Count (added), or (Submitted,) or (NoSource,)
    note: str = ""  # how the column is written on the form, e.g. "1=2+3+...+7"

    @property
    def computable(self) -> bool:
        """Counted from the registers."""
        return all(isinstance(c, Count) for c in self.cell)

    @property
    def submitted(self) -> Submitted | None:
        return self.cell[0] if isinstance(self.cell[0], Submitted) else None


@dataclasses.dataclass(frozen=True)
class Group:
    label: str
    children: tuple


@dataclasses.dataclass(frozen=True)
class Check:
    total: int
    parts: tuple[int, ...]

    @property
    def label(self) -> str:
        return f"Cột ({self.total}) = " + " + ".join(f"({p})" for p in self.parts)


@dataclasses.dataclass(frozen=True)
class Form:
    code: str
    title: str
    legal_source: str
    columns: tuple  # of Col and Group
    checks: tuple[Check, ...] = ()
    unit_heading: str = "Đơn vị"
    unverified: str = ""  # what of the layout could not be confirmed from the text

    def leaves(self) -> list[Col]:
        out: list[Col] = []

        def walk(nodes):
            for node in nodes:
                if isinstance(node, Group):
                    walk(node.children)
                else:
                    out.append(node)

        walk(self.columns)
        return out

    def depth(self) -> int:
        def d(node):
            return 1 + max(map(d, node.children)) if isinstance(node, Group) else 1

        return max(map(d, self.columns))

    def header_cells(self) -> list[tuple[int, int, int, int, str]]:
        """(row, col, row_span, col_span, text) of the heading, 0-based, the unit column
        first: what the XLSX merges and the HTML/DOCX tables span."""
        depth = self.depth()
        cells = [(0, 0, depth, 1, self.unit_heading)]

        def width(node):
            return sum(map(width, node.children)) if isinstance(node, Group) else 1

        def place(nodes, row, col):
            for node in nodes:
                if isinstance(node, Group):
                    cells.append((row, col, 1, width(node), node.label))
                    place(node.children, row + 1, col)
                else:
                    cells.append((row, col, depth - row, 1, node.label))
                col += width(node)

        place(self.columns, 0, 1)
        return cells


SOURCE_2021 = (
    "Thông tư số 02/2021/TT-TTCP ngày 22/3/2021 của Thanh tra Chính phủ quy định chế độ báo cáo "
    "công tác thanh tra, tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo và phòng, chống "
    "tham nhũng"
)


def _reception_group(label: str, base: tuple[dict, ...], first: int) -> Group:
    """Lượt, người, vụ việc (cũ, mới phát sinh), then the same for mass delegations, over the
    visit kinds ``base`` (one filter set per kind, added)."""

    def cell(sum="", **kw):
        return tuple(visits(sum=sum, **b, **kw) for b in base)

    n = first
    return Group(
        label,
        (
            Col(n, "Lượt", cell(date_from=START, date_to=END)),
            Col(n + 1, "Người", cell(sum="people_count", date_from=START, date_to=END)),
            Group(
                "Vụ việc",
                (
                    Col(n + 2, "Cũ", cell(date_from=START, date_to=END, matter="old")),
                    Col(n + 3, "Mới phát sinh", cell(date_from=START, date_to=END, matter="new")),
                ),
            ),
            Group(
                "Đoàn đông người",
                (
                    Col(n + 4, "Số đoàn", cell(date_from=START, date_to=END, flag="mass")),
                    Col(
                        n + 5,
                        "Người",
                        cell(sum="people_count", date_from=START, date_to=END, flag="mass"),
                    ),
                    Group(
                        "Vụ việc",
                        (
                            Col(
                                n + 6,
                                "Cũ",
                                cell(date_from=START, date_to=END, flag="mass", matter="old"),
                            ),
                            Col(
                                n + 7,
                                "Mới phát sinh",
                                cell(date_from=START, date_to=END, flag="mass", matter="new"),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )


TCD = Form(
    code="01/TCD",
    title="TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN",
    legal_source=SOURCE_2021,
    columns=(
        _reception_group("Tiếp thường xuyên", ({"kind": Visit.Kind.REGULAR.value},), 1),
        _reception_group(
            "Tiếp định kỳ và đột xuất của Thủ trưởng",
            ({"kind": Visit.Kind.LEADER_DAY.value}, {"kind": Visit.Kind.UNSCHEDULED.value}),
            9,
        ),
    ),
    checks=(),
    unverified=(
        "Bố cục cột theo cách hiểu Biểu 01/TCD của Thông tư 02/2021/TT-TTCP; chưa đối chiếu "
        "được nguyên văn biểu (chưa xác minh)."
    ),
)


def _submitted(part: str) -> Submitted:
    return Submitted(f"official.xld.{part}", _NOT_IN_REGISTER)


_IN_HAND = {"in_hand_from": START, "in_hand_to": END}
_ELIGIBLE = {**_IN_HAND, "flag": "eligible"}
_CARRIED = {**_IN_HAND, "received_to": BEFORE_START}
_RECEIVED = {"received_from": START, "received_to": END}
_NOT_IN_REGISTER = "Sổ đơn không ghi vụ việc đã được cơ quan nào giải quyết trước khi nhận đơn"

XLD = Form(
    code="01/XLD",
    title="TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN",
    legal_source=SOURCE_2021,
    columns=(
        Col(1, "Tổng số đơn", (petitions(**_IN_HAND),), "1=2+3+...+7"),
        Group(
            "Kỳ trước chuyển sang",
            (
                Col(2, "Đơn có một người đứng tên", (petitions(**_CARRIED, signers="one"),)),
                Col(3, "Đơn có nhiều người đứng tên", (petitions(**_CARRIED, signers="many"),)),
                Col(4, "Đơn khác", (petitions(**_CARRIED, signers="other"),)),
            ),
        ),
        Group(
            "Tiếp nhận trong kỳ",
            (
                Col(5, "Đơn có một người đứng tên", (petitions(**_RECEIVED, signers="one"),)),
                Col(6, "Đơn có nhiều người đứng tên", (petitions(**_RECEIVED, signers="many"),)),
                Col(7, "Đơn khác", (petitions(**_RECEIVED, signers="other"),)),
            ),
        ),
        Col(8, "Số đơn đã xử lý", (petitions(outcome_from=START, outcome_to=END),)),
        Group(
            "Đủ điều kiện xử lý",
            (
                Col(9, "Số đơn", (petitions(**_ELIGIBLE),), "9=11+12+13=14+...+17=18+22"),
                Col(10, "Số vụ việc", (petitions(**_ELIGIBLE, matter="new"),)),
            ),
        ),
        Group(
            "Phân loại đơn theo nội dung",
            (
                Col(11, "Khiếu nại", (petitions(**_ELIGIBLE, type="complaint"),)),
                Col(12, "Tố cáo", (petitions(**_ELIGIBLE, type="denunciation"),)),
                Col(
                    13,
                    "Kiến nghị, phản ánh",
                    (
                        petitions(**_ELIGIBLE, type="recommendation"),
                        petitions(**_ELIGIBLE, type="reflection"),
                    ),
                ),
            ),
        ),
        Group(
            "Phân loại đơn theo tình trạng giải quyết",
            (
                Col(14, "Chưa được giải quyết", (_submitted("unsolved"),)),
                Group(
                    "Đã được giải quyết",
                    (
                        Col(15, "Lần đầu", (_submitted("solved_once"),)),
                        Col(16, "Nhiều lần", (_submitted("solved_many"),)),
                    ),
                ),
                Col(17, "Đang giải quyết", (_submitted("in_progress"),)),
            ),
        ),
        Group(
            "Kết quả xử lý đơn",
            (
                Group(
                    "Đơn thuộc thẩm quyền",
                    (
                        Col(
                            18,
                            "Tổng số",
                            (petitions(**_ELIGIBLE, competence="yes"),),
                            "18=19+20+21",
                        ),
                        Col(
                            19,
                            "Khiếu nại",
                            (petitions(**_ELIGIBLE, competence="yes", type="complaint"),),
                        ),
                        Col(
                            20,
                            "Tố cáo",
                            (petitions(**_ELIGIBLE, competence="yes", type="denunciation"),),
                        ),
                        Col(
                            21,
                            "Kiến nghị, phản ánh",
                            (
                                petitions(**_ELIGIBLE, competence="yes", type="recommendation"),
                                petitions(**_ELIGIBLE, competence="yes", type="reflection"),
                            ),
                        ),
                    ),
                ),
                Group(
                    "Đơn không thuộc thẩm quyền",
                    (
                        Col(
                            22,
                            "Tổng số",
                            (petitions(**_ELIGIBLE, competence="no"),),
                            "22=23+24+25",
                        ),
                        Col(23, "Hướng dẫn", (petitions(**_ELIGIBLE, outcome="guide"),)),
                        Col(24, "Chuyển đơn", (petitions(**_ELIGIBLE, outcome="forward"),)),
                        Col(
                            25,
                            "Đôn đốc giải quyết",
                            (
                                Submitted(
                                    "official.xld.urged",
                                    "Sổ đơn không ghi số văn bản đôn đốc theo kỳ",
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        Col(
            26,
            "Số văn bản phúc đáp nhận được do chuyển đơn",
            (petitions(answer_from=START, answer_to=END),),
        ),
    ),
    checks=(
        Check(1, (2, 3, 4, 5, 6, 7)),
        Check(9, (11, 12, 13)),
        Check(9, (14, 15, 16, 17)),
        Check(9, (18, 22)),
        Check(18, (19, 20, 21)),
        Check(22, (23, 24, 25)),
    ),
    unverified=(
        "Số cột và công thức (1=2+...+7; 9=11+12+13=14+...+17=18+22) theo Biểu 01/XLD của "
        "Thông tư 02/2021/TT-TTCP; tên và thứ tự các cột 14–17 chưa đối chiếu được nguyên văn "
        "(chưa xác minh)."
    ),
)


def _xld_by_kind(code: str, title: str, kind: str, types: tuple[str, ...]) -> Form:
    """A handling form over the petitions of one kind (``types``, added): the 01/XLD columns
    that still mean something within one kind (01/XLD says it totals 02/XLD, 03/XLD and
    04/XLD), numbered in order. The gazetted layout of these forms was not found: the form
    says so (docs/legal-forms.md)."""

    def cell(**kw) -> tuple:
        return tuple(petitions(**kw, type=t) for t in types)

    def submitted(part: str, reason: str = _NOT_IN_REGISTER) -> tuple:
        return (Submitted(f"official.xld.{kind}.{part}", reason),)

    signers = (("one", "Đơn có một người đứng tên"), ("many", "Đơn có nhiều người đứng tên"))
    signers += (("other", "Đơn khác"),)
    return Form(
        code=code,
        title=title,
        legal_source=SOURCE_2021,
        columns=(
            Col(1, "Tổng số đơn", cell(**_IN_HAND), "1=2+3+...+7"),
            Group(
                "Kỳ trước chuyển sang",
                tuple(
                    Col(2 + i, label, cell(**_CARRIED, signers=s))
                    for i, (s, label) in enumerate(signers)
                ),
            ),
            Group(
                "Tiếp nhận trong kỳ",
                tuple(
                    Col(5 + i, label, cell(**_RECEIVED, signers=s))
                    for i, (s, label) in enumerate(signers)
                ),
            ),
            Col(8, "Số đơn đã xử lý", cell(outcome_from=START, outcome_to=END)),
            Group(
                "Đủ điều kiện xử lý",
                (
                    Col(9, "Số đơn", cell(**_ELIGIBLE), "9=11+...+14=15+16"),
                    Col(10, "Số vụ việc", cell(**_ELIGIBLE, matter="new")),
                ),
            ),
            Group(
                "Phân loại đơn theo tình trạng giải quyết",
                (
                    Col(11, "Chưa được giải quyết", submitted("unsolved")),
                    Group(
                        "Đã được giải quyết",
                        (
                            Col(12, "Lần đầu", submitted("solved_once")),
                            Col(13, "Nhiều lần", submitted("solved_many")),
                        ),
                    ),
                    Col(14, "Đang giải quyết", submitted("in_progress")),
                ),
            ),
            Group(
                "Kết quả xử lý đơn",
                (
                    Col(15, "Đơn thuộc thẩm quyền", cell(**_ELIGIBLE, competence="yes")),
                    Group(
                        "Đơn không thuộc thẩm quyền",
                        (
                            Col(16, "Tổng số", cell(**_ELIGIBLE, competence="no"), "16=17+18+19"),
                            Col(17, "Hướng dẫn", cell(**_ELIGIBLE, outcome="guide")),
                            Col(18, "Chuyển đơn", cell(**_ELIGIBLE, outcome="forward")),
                            Col(
                                19,
                                "Đôn đốc giải quyết",
                                submitted("urged", "Sổ đơn không ghi số văn bản đôn đốc theo kỳ"),
                            ),
                        ),
                    ),
                ),
            ),
            Col(
                20,
                "Số văn bản phúc đáp nhận được do chuyển đơn",
                cell(answer_from=START, answer_to=END),
            ),
        ),
        checks=(
            Check(1, (2, 3, 4, 5, 6, 7)),
            Check(9, (11, 12, 13, 14)),
            Check(9, (15, 16)),
            Check(16, (17, 18, 19)),
        ),
        unverified=(
            f"Nguyên văn Biểu {code} của Thông tư 02/2021/TT-TTCP chưa tìm thấy (chưa xác minh): "
            "các cột ở đây là các cột của Biểu 01/XLD áp dụng cho riêng loại đơn này, đánh số "
            "lại theo thứ tự; tên biểu suy từ ghi chú của Biểu 01/XLD (tổng hợp từ các biểu "
            "02/XLD, 03/XLD, 04/XLD)."
        ),
    )


XLD_COMPLAINT = _xld_by_kind(
    "02/XLD", "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN KHIẾU NẠI", "complaint", ("complaint",)
)
XLD_DENUNCIATION = _xld_by_kind(
    "03/XLD", "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN TỐ CÁO", "denunciation", ("denunciation",)
)
XLD_RECOMMENDATION = _xld_by_kind(
    "04/XLD",
    "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN KIẾN NGHỊ, PHẢN ÁNH",
    "recommendation",
    ("recommendation", "reflection"),
)

FORMS: dict[str, Form] = {
    f.code: f for f in (TCD, XLD, XLD_COMPLAINT, XLD_DENUNCIATION, XLD_RECOMMENDATION)
}


# --- computing -----------------------------------------------------------------------------


@dataclasses.dataclass
class Row:
    label: str
    agency_ids: set[int] | None  # None: the whole province
    values: dict[int, int | None]  # column number -> value (None: chưa có nguồn)
    is_total: bool = False
    # The agency whose subtree the row is, for links to the lists; False: no single list
    # (an agency's own records without those under it).
    list_agency: int | None | bool = False


@dataclasses.dataclass
class CheckResult:
    label: str
    status: str  # ok | failed | unchecked
    failures: list[str]  # "row: (a) = x, ..."


@dataclasses.dataclass
class Computed:
    form: Form
    start: dt.date
    end: dt.date
    scope_label: str
    rows: list[Row]  # unit rows, then the total row
    checks: list[CheckResult]

    @property
    def total(self) -> Row:
        return self.rows[-1]

    @property
    def ok(self) -> bool:
        return all(c.status != "failed" for c in self.checks)


def _q(count: Count, start, end) -> Q:
    recorder = _QRecorder()
    f = count.list_filters(start, end)
    if count.book == "visit":
        visit_filter(recorder, f)
    else:
        petition_filter(recorder, f, today=end)
    return recorder.q


def _submitted_values(form: Form, period, groups, out) -> None:
    """The approved submissions' values of the ``Submitted`` columns, per agency set (None:
    no indicator in the catalogue, or no approved value from an agency of the set)."""
    from noichinh.reports.models import Submission, SubmissionValue

    columns = {col.submitted.indicator: col.number for col in form.leaves() if col.submitted}
    for values in out:
        for number in columns.values():
            values[number] = None
    if not columns or period is None:
        return
    rows = SubmissionValue.objects.filter(
        submission__period=period,
        submission__status=Submission.APPROVED,
        indicator__code__in=list(columns),
    ).values_list("submission__agency_id", "indicator__code", "value")
    for agency_id, code, value in rows:
        for i, ids in enumerate(groups):
            if ids is None or agency_id in ids:
                number = columns[code]
                out[i][number] = (out[i][number] or 0) + int(value)


def _values(
    form: Form, start, end, groups: list[set[int] | None], period=None
) -> list[dict[int, int | None]]:
    """Each column's value for each agency set of ``groups`` (disjoint; None = every agency):
    one grouped query per book with a conditional count per (column, part)."""
    out: list[dict[int, int | None]] = [{} for _ in groups]
    _submitted_values(form, period, groups, out)
    by_book: dict[str, dict[str, tuple[int, Count]]] = {"visit": {}, "petition": {}}
    for col in form.leaves():
        if not col.computable:
            for values in out:
                values.setdefault(col.number, None)
            continue
        for part, count in enumerate(col.cell):
            by_book[count.book][f"c{col.number}_{part}"] = (col.number, count)
    for book, cells in by_book.items():
        if not cells:
            continue
        model = Visit if book == "visit" else Petition
        aggregates = {}
        for name, (_number, count) in cells.items():
            cond = _q(count, start, end)
            agg = Sum(count.sum, filter=cond) if count.sum else DbCount("id", filter=cond)
            aggregates[name] = agg
        whens = [When(agency_id__in=ids, then=Value(i)) for i, ids in enumerate(groups) if ids]
        qs = model.objects.all()
        if None not in groups:
            wanted = set().union(*(ids for ids in groups if ids))
            qs = qs.filter(agency_id__in=wanted).annotate(
                _row=Case(*whens, output_field=IntegerField())
            )
            rows = qs.values("_row").annotate(**aggregates).order_by() if whens else []
        else:
            rows = [{"_row": 0, **qs.aggregate(**aggregates)}]
        for values in out:
            for _name, (number, _count) in cells.items():
                values.setdefault(number, 0)
        for row in rows:
            if row["_row"] is None:
                continue
            values = out[row["_row"]]
            for name, (number, _count) in cells.items():
                values[number] += row[name] or 0
    return out


def run_checks(form: Form, rows: list[Row], unit_rows: list[Row]) -> list[CheckResult]:
    results = []
    for check in form.checks:
        columns = (check.total, *check.parts)
        if any(rows[-1].values.get(c) is None for c in columns):
            results.append(CheckResult(check.label, "unchecked", []))
            continue
        failures = []
        for row in rows:
            if any(row.values[c] is None for c in columns):
                continue  # a unit with no approved submission for a part
            parts = sum(row.values[p] for p in check.parts)
            if row.values[check.total] != parts:
                failures.append(
                    f"{row.label}: cột ({check.total}) = {row.values[check.total]}, "
                    f"cộng các cột = {parts}"
                )
        results.append(CheckResult(check.label, "failed" if failures else "ok", failures))
    # The total row is counted on its own: the unit rows must add up to it, column by column.
    failures = []
    for col in form.leaves():
        total = rows[-1].values[col.number]
        if total is None:
            continue
        added = sum(r.values[col.number] or 0 for r in unit_rows)
        if added != total:
            failures.append(f"Cột ({col.number}): tổng số = {total}, cộng các đơn vị = {added}")
    results.append(
        CheckResult(
            "Dòng “Tổng số” = cộng các dòng đơn vị, ở mọi cột",
            "failed" if failures else "ok",
            failures,
        )
    )
    return results


def compute(
    form: Form,
    *,
    start: dt.date,
    end: dt.date,
    units: Iterable[tuple[str, set[int]]],
    total_ids: set[int] | None,
    scope_label: str,
    period=None,
) -> Computed:
    """The form for the period ``start``–``end`` (inclusive): one row per (label, agency ids)
    of ``units``, and the total over ``total_ids`` (None: the whole province); the
    ``Submitted`` columns from the approved submissions of ``period``."""
    units = list(units)
    unit_values = _values(form, start, end, [ids for _label, ids in units], period)
    total_values = _values(form, start, end, [total_ids], period)[0]
    unit_rows = [
        Row(label, ids, values) for (label, ids), values in zip(units, unit_values, strict=True)
    ]
    rows = [*unit_rows, Row("Tổng số", total_ids, total_values, is_total=True)]
    return Computed(form, start, end, scope_label, rows, run_checks(form, rows, unit_rows))


def compute_for(form: Form, *, period, agency=None) -> Computed:
    """The form for a reports ``period`` and ``agency`` (None: the whole province). Rows: for
    the province, each top-level agency with everything under it; for an agency, its own
    records ("Tại …") then each agency under it. Every agency is in one row, dissolved ones
    too (their records still count in the total). Access is the caller's to check
    (``permissions.can_download_official_form``)."""
    from noichinh.org.models import Agency
    from noichinh.org.permissions import agency_subtree_ids
    from noichinh.reports.selectors import _subtrees

    if agency is None:
        roots = list(Agency.objects.filter(parent__isnull=True).order_by("name"))
        trees = _subtrees([a.pk for a in roots])
        units = [(a.name, trees[a.pk]) for a in roots]
        total_ids, label = None, "Toàn tỉnh"
    else:
        children = list(Agency.objects.filter(parent=agency).order_by("name"))
        trees = _subtrees([a.pk for a in children])
        units = [(f"Tại {agency.name}", {agency.pk})] + [(a.name, trees[a.pk]) for a in children]
        total_ids, label = agency_subtree_ids(agency.pk), agency.name
    computed = compute(
        form,
        start=period.start,
        end=period.end,
        units=units,
        total_ids=total_ids,
        scope_label=label,
        period=period,
    )
    if agency is None:
        list_agencies = [a.pk for a in roots] + [None]
    else:
        list_agencies = [False] + [a.pk for a in children] + [agency.pk]
    for row, list_agency in zip(computed.rows, list_agencies, strict=True):
        row.list_agency = list_agency
    return computed


def cell_url(computed: Computed, row: Row, col: Col) -> str:
    """The list page a cell equals the count of, when it is one list's count."""
    if row.list_agency is False or not col.computable or len(col.cell) != 1 or col.cell[0].sum:
        return ""
    return list_url(col.cell[0], computed.start, computed.end, row.list_agency)


def cell_text(value) -> str:
    from noichinh.core.formats import vn_number

    return NO_SOURCE if value is None else vn_number(value)
