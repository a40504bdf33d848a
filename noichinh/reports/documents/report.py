"""What goes into the briefing report: the aggregate, narratives, charts and the header data.
One assembly for the DOCX, the PDF and the XLSX so they always agree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from noichinh.core.formats import vn_money, vn_number
from noichinh.org.models import Agency
from noichinh.org.selectors import province_settings
from noichinh.reports import selectors
from noichinh.reports.documents import charts
from noichinh.reports.figures import NO_SOURCE

DASH = "—"
PARTY_KINDS = {
    Agency.PARTY_COMMITTEE,
    Agency.STANDING_COMMITTEE,
    Agency.INTERNAL_AFFAIRS,
    Agency.MASS_MOBILISATION,
}


def fmt_value(row_or_ind, value, available: bool = True) -> str:
    ind = getattr(row_or_ind, "indicator", row_or_ind)
    if not available:
        return NO_SOURCE
    if value is None:
        return DASH
    if ind.is_money:
        return vn_money(value)
    if ind.is_percent:
        return f"{vn_number(value, 1)}%"
    return vn_number(value)


def fmt_change(row, change: tuple) -> str:
    """'+120 (+15,2%)', '−3 (−10,0%)', '0 (0,0%)', '+5' when the base is 0, '—' unknown."""
    diff, pct = change
    if not row.available or diff is None:
        return DASH
    ind = row.indicator
    if ind.is_percent:
        text = f"{vn_number(abs(diff), 1)} điểm %"
        return ("+" if diff > 0 else "−" if diff < 0 else "") + text
    sign = "+" if diff > 0 else "−" if diff < 0 else ""
    body = vn_money(abs(diff)) if ind.is_money else vn_number(abs(diff))
    text = f"{sign}{body}"
    if pct is not None:
        psign = "+" if pct > 0 else "−" if pct < 0 else ""
        text += f" ({psign}{vn_number(abs(pct), 1)}%)"
    return text


def coverage_note(row) -> str:
    """' (2/9 cơ quan đã gửi)' beside a comparison that counts only some agencies."""
    if not getattr(row, "coverage", None):
        return ""
    approved, expected = row.coverage
    return f" ({approved}/{expected} cơ quan đã gửi)"


@dataclass
class ReportMeta:
    issuer: Agency | None
    number: str = ""
    place: str = ""
    issued_on: dt.date | None = None
    summary: str = ""
    signer_name: str = ""
    signer_title: str = ""
    recipients: list[str] = field(default_factory=list)
    # The secretariat's own text of each part ("" = the draft from the figures is used).
    results_text: str = ""
    limitations_text: str = ""
    directions_text: str = ""
    correction: str = ""  # "Bản điều chỉnh lần 1: …" on a corrected version
    stamp: str = ""  # the audit-chain checkpoint printed as the document's last line

    @property
    def party(self) -> bool:
        agency = self.issuer
        if agency is None:
            return True
        return agency.kind in PARTY_KINDS or bool(
            agency.parent and agency.parent.kind == Agency.PARTY_COMMITTEE
        )

    @property
    def issuer_lines(self) -> list[str]:
        agency = self.issuer
        if agency is None:
            province = province_settings()
            return province.header or [province.party_committee_line or "TỈNH ỦY", "BAN NỘI CHÍNH"]
        lines = []
        if agency.parent:
            lines.append(agency.parent.name)
        lines.append(agency.short_name or agency.name)
        return lines

    @property
    def issuer_short(self) -> str:
        if self.issuer is None:
            return ""
        return self.issuer.short_name or self.issuer.name


@dataclass
class ReportData:
    agg: selectors.Aggregate
    meta: ReportMeta
    narratives: list
    charts: list[tuple[str, bytes]]  # (caption, png)
    adjustments: selectors.Adjustments | None = None
    awards: list[dict] = field(default_factory=list)  # selectors.award_breakdown

    @property
    def single_comparison(self) -> bool:
        """A period with no "previous period" of its own (a year, a half-year): the period
        before it is the same period last year, so the tables compare once."""
        return self.agg.previous_title is None

    @property
    def comparison_phrase(self) -> str:
        """What the figures are compared with: 'Quý II/2022 và cùng kỳ Quý III/2021', or one
        period for a year ('Năm 2021')."""
        agg = self.agg
        if self.single_comparison:
            return agg.last_year_title
        return f"{agg.previous_title} và cùng kỳ {agg.last_year_title}"

    def _columns(self, cells: list) -> list:
        if self.single_comparison:
            return [c for i, c in enumerate(cells) if i not in (4, 5)]
        return cells

    @property
    def awards_section_id(self) -> int | None:
        """The section holding the awards register's rows: the breakdown goes there."""
        for section, rows in self.agg.sections:
            if any(r.indicator.code == "awards.collectives" for r in rows):
                return section.pk
        return None

    def award_sentence(self) -> str:
        """'Bộ trưởng Bộ Công an tặng Bằng khen cho 7 tập thể; Chủ tịch UBND tỉnh tặng
        Bằng khen cho 9 tập thể và 1 cá nhân; …' from the awards register."""
        parts = []
        for a in self.awards:
            who = []
            if a["collectives"]:
                who.append(f"{vn_number(a['collectives'])} tập thể")
            if a["individuals"]:
                who.append(f"{vn_number(a['individuals'])} cá nhân")
            parts.append(f"{a['issuer']} tặng {a['form']} cho {' và '.join(who)}")
        if not parts:
            return ""
        return "Về khen thưởng: " + "; ".join(parts) + "."

    def adjustment_lines(self) -> list[str]:
        """'Lượt tiếp công dân (Quý III/2022): đã báo cáo 40, nay 41 (+1 (+2,5%)).' and
        each late change with its reason."""
        adj = self.adjustments
        if not adj:
            return []
        lines = []
        for row, issued in adj.rows:
            change = fmt_change(row, selectors._change(row.value, issued))
            lines.append(
                f"{row.indicator.name} ({adj.period.title}): đã báo cáo "
                f"{fmt_value(row, issued)}, nay {fmt_value(row, row.value)} ({change})."
            )
        for c in [*adj.changes, *adj.earlier]:
            lines.append(
                f"Ngày {c.at.astimezone(_tz()).strftime('%d/%m/%Y')}: {c.summary or c.object_repr} "
                f"— thuộc {c.period.title}, ngày {c.on:%d/%m/%Y}; lý do: {c.reason}"
            )
        return lines

    @property
    def title_summary(self) -> str:
        return self.meta.summary or (
            f"Kết quả công tác {self.agg.scope.label} {self.agg.period.title_in_sentence}"
        )

    def table_header(self) -> list[str]:
        agg = self.agg
        return self._columns(
            [
                "TT",
                "Chỉ tiêu",
                "Đơn vị tính",
                agg.period.short_title,
                agg.previous_title or "Kỳ trước",
                "Tăng (+), giảm (−) so kỳ trước",
                f"Cùng kỳ {agg.last_year_title}",
                "Tăng (+), giảm (−) so cùng kỳ",
            ]
        )

    def table_rows(self, rows) -> list[list[str]]:
        out = []
        number = 0
        for row in rows:
            ind = row.indicator
            if ind.parent_id is None:
                number += 1
                label, name = str(number), ind.name
            else:
                label, name = "", f"Trong đó: {ind.name}"
            if row.province_wide:
                name += " (toàn tỉnh)"
            note = coverage_note(row)
            out.append(
                self._columns(
                    [
                        label,
                        name,
                        "" if ind.is_money else ind.unit,
                        fmt_value(row, row.value, row.available),
                        fmt_value(row, row.previous, row.available)
                        if self.agg.previous_title
                        else DASH,
                        fmt_change(row, row.change_previous) + note,
                        fmt_value(row, row.last_year, row.available),
                        fmt_change(row, row.change_last_year) + note,
                    ]
                )
            )
        return out


def build_charts(agg: selectors.Aggregate, limit: int = 2) -> list[tuple[str, bytes]]:
    out = []
    rows = selectors.chart_indicators(agg)
    if rows:
        ind = rows[0].indicator
        points = selectors.trend(agg.period, agg.scope, ind)
        caption = f"Biểu đồ 1. {ind.name} qua các kỳ"
        out.append((caption, charts.drawn("trend", ind.name, points, ind.unit)))
    # A breakdown by agency needs at least two agencies: one agency is a single full bar.
    entered = [r for r in rows if not r.indicator.is_computed and r.agencies > 1]
    if entered and len(out) < limit:
        ind = entered[0].indicator
        data = [
            (a.short_name or a.name, v)
            for a, v in selectors.breakdown_by_agency(agg.period, agg.scope, ind)
        ]
        caption = f"Biểu đồ {len(out) + 1}. {ind.name} theo cơ quan, {agg.period.title}"
        out.append((caption, charts.drawn("breakdown", ind.name, data, ind.unit)))
    return out


def assemble(period, scope, meta: ReportMeta, *, with_charts: bool = True) -> ReportData:
    agg = selectors.aggregate(period, scope)
    return ReportData(
        agg=agg,
        meta=meta,
        narratives=selectors.narratives(period, scope),
        charts=build_charts(agg) if with_charts else [],
        adjustments=selectors.previous_adjustments(period, scope),
        awards=selectors.award_breakdown(period, scope),
    )


def _tz():
    from django.utils import timezone

    return timezone.get_current_timezone()


def document_meta(doc, scope, *, user=None) -> ReportMeta:
    """The header data of an issued document ``doc`` (or of a draft when ``doc`` is None):
    the issuer is the agency of the person who issued it, else of ``user``."""
    from noichinh.core import clock

    issuer = None
    if doc is not None and doc.created_by and doc.created_by.agency_id:
        issuer = doc.created_by.agency
    elif user is not None and user.agency_id:
        issuer = user.agency
    if issuer is not None:
        issuer = Agency.objects.select_related("parent").get(pk=issuer.pk)
    return ReportMeta(
        issuer=issuer,
        number=doc.number if doc else "",
        place=doc.place if doc else province_settings().place_name,
        issued_on=doc.issued_on if doc else clock.today(),
        summary=doc.summary if doc else "",
        signer_name=doc.signer_name if doc else "",
        signer_title=doc.signer_title if doc else "",
        recipients=(doc and recipient_lines(doc.recipients)) or default_recipients(scope.label),
        results_text=doc.results_text if doc else "",
        limitations_text=doc.limitations_text if doc else "",
        directions_text=doc.directions_text if doc else "",
    )


def recipient_lines(text: str) -> list[str]:
    """One recipient per line, without the leading "- " a person may type."""
    return [line.strip().lstrip("-").strip() for line in (text or "").splitlines() if line.strip()]


def document_scope(doc) -> selectors.Scope:
    """The scope an issued document covers (no permission check: callers check)."""
    if doc.whole_province:
        return selectors.scope_province(doc.period)
    return selectors.scope_for_blocs(doc.period, list(doc.blocs.all()))


def figures_snapshot(agg: selectors.Aggregate) -> dict:
    """The figures of ``agg`` as JSON, keyed by indicator code: what a version froze."""
    out = {}
    for section, rows in agg.sections:
        for row in rows:
            ind = row.indicator
            out[ind.code] = {
                "name": ind.name,
                "section": section.title,
                "unit": ind.unit,
                "available": row.available,
                "agencies": row.agencies,
                "value": _plain(row.value),
                "previous": _plain(row.previous),
                "last_year": _plain(row.last_year),
                "text": fmt_value(row, row.value, row.available),
            }
    return out


def _plain(value):
    if value is None or isinstance(value, int | bool):
        return value
    return str(value)


def default_recipients(scope_label: str) -> list[str]:
    return [
        "Thường trực Tỉnh ủy (để báo cáo)",
        f"Các cơ quan {scope_label}",
        "Lưu Văn phòng",
    ]
