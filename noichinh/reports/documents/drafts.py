"""Readable drafts of the written parts of a report, from the figures and the agencies'
texts: what the secretariat starts from and edits in the page before issuing.

"Trong quý, các cơ quan đã tiếp 7.240 lượt công dân, tăng 5,1% so với cùng kỳ; …"
"""

from __future__ import annotations

from noichinh.core.formats import vn_number
from noichinh.reports.documents.report import ReportData, fmt_value
from noichinh.reports.models import Period

# How a person writes a figure in a sentence ({value} is the formatted figure); an indicator
# without a phrase reads "<name>: <value> <unit>".
PHRASES = {
    "reception.visits": "các cơ quan đã tiếp {value} lượt công dân",
    "reception.people": "với {value} người được tiếp",
    "reception.matters": "{value} vụ việc được tiếp",
    "reception.mass_delegations": "{value} đoàn đông người",
    "petitions.received": "tiếp nhận {value} đơn thư",
    "petitions.resolved": "giải quyết {value} vụ việc khiếu nại, tố cáo",
    "crimes.detected": "phát hiện {value} vụ phạm tội",
    "offenders.handled": "bắt, xử lý {value} đối tượng",
    "cases.prosecuted": "khởi tố {value} vụ án",
    "defendants.prosecuted": "{value} bị can",
    "cases.tried": "xét xử {value} vụ án",
    "inspections.conducted": "tiến hành {value} cuộc thanh tra, kiểm tra, giám sát",
    "traffic.accidents": "xảy ra {value} vụ tai nạn giao thông",
    "traffic.deaths": "làm chết {value} người",
    "dissemination.sessions": "tổ chức {value} buổi tuyên truyền, phổ biến pháp luật",
    "tasks.assigned": "được giao {value} nhiệm vụ",
    "awards.collectives": "khen thưởng {value} tập thể",
    "awards.individuals": "{value} cá nhân",
}
IN_PERIOD = {
    Period.QUARTER: "Trong quý",
    Period.HALF: "Trong 6 tháng",
    Period.NINE: "Trong 9 tháng",
    Period.YEAR: "Trong năm",
}
PER_PART = 4  # figures written out per part; the annex has them all


def _figure(row) -> str:
    ind = row.indicator
    value = fmt_value(row, row.value)
    phrase = PHRASES.get(ind.code)
    if phrase:
        return phrase.format(value=value)
    unit = "" if ind.is_money or ind.is_percent else f" {ind.unit}"
    return f"{ind.name[0].lower()}{ind.name[1:]}: {value}{unit}"


def _compared(row, data: ReportData) -> str:
    """', tăng 5,1% so với cùng kỳ' (or 'so với năm 2021' for a year), '' when unknown."""
    if row.last_year is None or row.coverage:
        return ""
    diff, pct = row.change_last_year
    than = data.agg.last_year_title if data.single_comparison else "cùng kỳ"
    if diff is None:
        return ""
    if diff == 0:
        return f", bằng {than}" if data.single_comparison else ", bằng cùng kỳ"
    word = "tăng" if diff > 0 else "giảm"
    if row.indicator.is_percent:
        return f", {word} {vn_number(abs(diff), 1)} điểm phần trăm so với {than}"
    if pct is None:
        return f", {word} {fmt_value(row, abs(diff))} so với {than}"
    return f", {word} {vn_number(abs(pct), 1)}% so với {than}"


def results(data: ReportData) -> str:
    """Part I: one paragraph per section (or committee part) with its main figures, then the
    agencies' own outstanding results."""
    agg = data.agg
    opening = IN_PERIOD.get(agg.period.kind, "Trong kỳ")
    lines = []
    number = 0
    for section, rows in agg.sections:
        main = [
            r
            for r in rows
            if r.indicator.parent_id is None and r.available and r.value not in (None, 0)
        ][:PER_PART]
        if not main:
            continue
        number += 1
        parts = [_figure(r) + _compared(r, data) for r in main]
        lines.append(f"{number}. {section.title}")
        lines.append(f"{opening}, " + "; ".join(parts) + ".")
        if data.awards and section.pk == data.awards_section_id:
            lines.append(data.award_sentence())
    agencies = [s for s in data.narratives if s.results.strip()]
    if agencies:
        lines.append("Kết quả nổi bật của các cơ quan:")
        lines += [f"- {_agency(s)}: {s.results.strip()}" for s in agencies]
    return "\n".join(lines)


def limitations(data: ReportData) -> str:
    """Part II: the agencies' limitations, the overdue tasks and the agencies that have not
    reported."""
    lines = [
        f"- {_agency(s)}: {s.shortcomings.strip()}"
        for s in data.narratives
        if s.shortcomings.strip()
    ]
    overdue = data.agg.row("tasks.overdue")
    if overdue is not None and overdue.value:
        lines.append(
            f"- Còn {vn_number(overdue.value)} nhiệm vụ quá hạn chưa hoàn thành đến cuối kỳ."
        )
    missing = [s["agency"] for s in data.agg.statuses if not s["approved"]]
    if missing:
        names = ", ".join(a.short_name or a.name for a in missing)
        lines.append(f"- Cơ quan chưa gửi số liệu được duyệt đúng hạn: {names}.")
    return "\n".join(lines)


def directions(data: ReportData, *, limit: int = 12) -> str:
    """Part III: the conclusions of the blocs' last conference up to the period's end, then
    the tasks still open at the end of the period (led by the scope's agencies)."""
    from noichinh.briefings.models import Conference, Task

    agg = data.agg
    lines = []
    conferences = Conference.objects.filter(date__lte=agg.period.end).select_related("notice")
    if agg.scope.bloc_ids:
        conferences = conferences.filter(blocs__in=agg.scope.bloc_ids).distinct()
    last = conferences.order_by("-date", "-id").first()
    notice = getattr(last, "notice", None) if last else None
    if notice is not None and notice.body.strip():
        lines.append(f"Thực hiện kết luận tại {last.title} ({last.date:%d/%m/%Y}):")
        lines += [f"- {line.strip()}" for line in notice.body.splitlines() if line.strip()]
    tasks = Task.objects.filter(
        status__in=Task.OPEN_STATUSES, assigned_on__lte=agg.period.end
    ).select_related("lead_agency")
    if agg.scope.agency_ids is not None:
        tasks = tasks.filter(lead_agency_id__in=agg.scope.agency_ids)
    tasks = list(tasks.order_by("deadline", "id")[: limit + 1])
    if tasks:
        lines.append("Tập trung hoàn thành các nhiệm vụ còn đang thực hiện:")
        for task in tasks[:limit]:
            who = task.lead_agency.short_name or task.lead_agency.name if task.lead_agency else ""
            when = f", hạn {task.deadline:%d/%m/%Y}" if task.deadline else ""
            text = task.text.strip().rstrip(".")
            lines.append(f"- {text}" + (f" ({who}{when})" if who or when else "") + ".")
        if len(tasks) > limit:
            lines.append("- Các nhiệm vụ khác theo danh mục theo dõi.")
    return "\n".join(lines)


def _agency(submission) -> str:
    return submission.agency.short_name or submission.agency.name


def all_parts(data: ReportData) -> dict[str, str]:
    return {
        "results_text": results(data),
        "limitations_text": limitations(data),
        "directions_text": directions(data),
    }


ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def written_parts(data: ReportData) -> list[tuple[str, str, str]]:
    """(roman, title, text) of the report's written parts, as issued: the secretariat's own
    text of each part, else its draft; the agencies' proposals; the adjustments."""
    meta = data.meta
    parts = [
        ("KẾT QUẢ THỰC HIỆN NHIỆM VỤ", meta.results_text or results(data)),
        ("HẠN CHẾ, NGUYÊN NHÂN", meta.limitations_text or limitations(data)),
        ("PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", meta.directions_text or directions(data)),
        (
            "ĐỀ XUẤT, KIẾN NGHỊ",
            "\n".join(
                f"- {_agency(s)}: {s.proposals.strip()}"
                for s in data.narratives
                if s.proposals.strip()
            ),
        ),
    ]
    adjustments = data.adjustment_lines()
    if adjustments:
        parts.append(("SỐ LIỆU ĐIỀU CHỈNH KỲ TRƯỚC", "\n".join(f"- {x}" for x in adjustments)))
    return [
        (ROMAN[i], title, text or "Không có nội dung.") for i, (title, text) in enumerate(parts)
    ]
