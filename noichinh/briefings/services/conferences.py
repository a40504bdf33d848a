"""Conferences and their conclusion notices: record, correct, sign (briefings write actions)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from noichinh.briefings import periods, permissions
from noichinh.briefings.models import (
    ConclusionNotice,
    Conference,
    Task,
)
from noichinh.briefings.services.common import _late, _short
from noichinh.core import audit, closing
from noichinh.core.formats import vn_date
from noichinh.org.models import Agency, Bloc
from noichinh.org.selectors import province_settings


def conference_title(kind: str, blocs: list[Bloc], period_label: str) -> str:
    kind_label = dict(Conference.KINDS).get(kind, "Hội nghị")
    plain = [b for b in blocs if b.kind == Bloc.BLOC]
    committees = [b for b in blocs if b.kind != Bloc.BLOC]
    parts = []
    if plain:
        names = [b.name.removeprefix("Khối ").strip() for b in plain]
        parts.append("khối " + ", ".join(names))
    parts.extend(b.name for b in committees)
    title = f"{kind_label} {' và '.join(parts)}".strip()
    if period_label:
        title += f" {periods.lower_first(period_label)}"
    return title


def _carry_over(conference: Conference, blocs: list[Bloc]) -> None:
    """Unfinished tasks of earlier conferences of the same blocs go on this one's agenda."""
    open_tasks = Task.objects.filter(
        Task.open_q(),
        conference__date__lt=conference.date,
        conference__blocs__in=blocs,
    ).distinct()
    conference.carried_tasks.set(open_tasks)


def _validate_conference(*, blocs, date, period_code, report_url=""):
    errors = {}
    if not blocs:
        errors["blocs"] = "Chọn ít nhất một khối hoặc ban chỉ đạo."
    if not isinstance(date, dt.date):
        errors["date"] = "Ngày họp không hợp lệ (dd/mm/yyyy)."
    start = end = None
    label = ""
    if period_code:
        try:
            start, end, label = periods.parse_period(period_code)
        except ValidationError as exc:
            errors["period_code"] = exc.messages[0]
    if start and isinstance(date, dt.date) and date < start:
        errors["date"] = (
            f"Ngày họp {vn_date(date)} trước khi kỳ {label} bắt đầu ({vn_date(start)})."
        )
    if report_url and not report_url.startswith(("http://", "https://", "/")):
        errors["report_url"] = "Liên kết báo cáo phải bắt đầu bằng http://, https:// hoặc /."
    if errors:
        raise ValidationError(errors)
    return start, end, label


@transaction.atomic
def conference_create(
    *,
    actor,
    blocs: list[Bloc],
    date: dt.date,
    period_code: str = "",
    kind: str = Conference.BRIEFING,
    title: str = "",
    place: str = "",
    chair_name: str = "",
    chair_titles: str = "",
    co_chairs: str = "",
    attendee_agencies: list[Agency] | None = None,
    attendees: str = "",
    agenda: str = "",
    report_text: str = "",
    report_url: str = "",
    minutes: str = "",
    ref: str = "",
    late_reason: str = "",
) -> Conference:
    """A conference held (or a report issued) on ``date``; a date inside a closed reporting
    period needs ``late_reason`` (core.closing)."""
    permissions.require_manage_conferences(actor)
    blocs = list(blocs)
    start, end, label = _validate_conference(
        blocs=blocs, date=date, period_code=period_code, report_url=report_url
    )
    late = closing.guard(date, reason=late_reason)
    conference = Conference.objects.create(
        ref=ref,
        kind=kind,
        title=title.strip() or conference_title(kind, blocs, label),
        period_code=period_code.upper() if period_code else "",
        period_label=label,
        period_start=start,
        period_end=end,
        date=date,
        place=place,
        chair_name=chair_name,
        chair_titles=chair_titles,
        co_chairs=_clean_co_chairs(chair_name, co_chairs),
        attendees=attendees,
        agenda=agenda,
        report_text=report_text,
        report_url=report_url,
        minutes=minutes,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    conference.blocs.set(blocs)
    conference.attendee_agencies.set(attendee_agencies or [])
    _carry_over(conference, blocs)
    audit.record_create(actor=actor, obj=conference, reason=late_reason.strip() if late else "")
    if late:
        _late(
            actor,
            conference,
            [date],
            late_reason,
            "conference_create",
            f"Ghi nhận hội nghị “{_short(conference.title)}” ngày {vn_date(date)}",
        )
    return conference


@transaction.atomic
def _clean_co_chairs(chair_name: str, co_chairs: str) -> str:
    """The co-chairs, one a line, without blanks or repeats; the chair is not one of them."""
    names = list(dict.fromkeys(line.strip() for line in co_chairs.splitlines() if line.strip()))
    if chair_name.strip() and chair_name.strip() in names:
        raise ValidationError({"co_chairs": "Người chủ trì không ghi lại ở đồng chủ trì."})
    if any(len(name) > 150 for name in names):
        raise ValidationError({"co_chairs": "Mỗi tên đồng chủ trì tối đa 150 ký tự."})
    return "\n".join(names)


def conference_update(
    *, actor, conference: Conference, blocs: list[Bloc], late_reason: str = "", **fields
) -> Conference:
    """Change a conference; moving its date into, out of or inside a closed reporting period
    needs ``late_reason`` (core.closing)."""
    permissions.require_manage_conferences(actor)
    blocs = list(blocs)
    attendee_agencies = fields.pop("attendee_agencies", None)
    start, end, label = _validate_conference(
        blocs=blocs,
        date=fields.get("date", conference.date),
        period_code=fields.get("period_code", conference.period_code),
        report_url=fields.get("report_url", conference.report_url),
    )
    if "co_chairs" in fields or "chair_name" in fields:
        fields["co_chairs"] = _clean_co_chairs(
            fields.get("chair_name", conference.chair_name),
            fields.get("co_chairs", conference.co_chairs),
        )
    new_date = fields.get("date", conference.date)
    days = [conference.date, new_date] if new_date != conference.date else []
    late = closing.guard(*days, reason=late_reason)
    before = audit.snapshot(conference)
    for name, value in fields.items():
        setattr(conference, name, value)
    conference.period_start, conference.period_end, conference.period_label = start, end, label
    if not conference.title.strip():
        conference.title = conference_title(conference.kind, blocs, label)
    conference.save()
    conference.blocs.set(blocs)
    if attendee_agencies is not None:
        conference.attendee_agencies.set(attendee_agencies)
    audit.record_update(
        actor=actor, obj=conference, before=before, reason=late_reason.strip() if late else ""
    )
    if late:
        _late(
            actor,
            conference,
            days,
            late_reason,
            "conference_update",
            f"Sửa ngày hội nghị “{_short(conference.title)}”: {vn_date(days[0])} → "
            f"{vn_date(days[1])}",
        )
    return conference


def notice_defaults(conference: Conference) -> dict:
    return {
        "number": "",
        "issued_on": conference.date,
        "place": province_settings().place_name,
        "title": f"Kết luận của {conference.chair_titles or 'đồng chí chủ trì'} tại {periods.lower_first(conference.title)}",
        "body": "",
        "recipients": "Thường trực Tỉnh ủy (b/c)\nCác cơ quan dự hội nghị\nLưu Văn phòng Tỉnh ủy",
        "signer_on_behalf": "T/L BAN THƯỜNG VỤ",
        "signer_title": "CHÁNH VĂN PHÒNG",
        "signer_name": "",
    }


@transaction.atomic
def notice_save(*, actor, conference: Conference, issued_on: dt.date, **fields) -> ConclusionNotice:
    permissions.require_manage_conferences(actor)
    if not isinstance(issued_on, dt.date):
        raise ValidationError({"issued_on": "Ngày ban hành không hợp lệ (dd/mm/yyyy)."})
    if issued_on < conference.date:
        raise ValidationError(
            {"issued_on": f"Ngày ban hành trước ngày họp ({vn_date(conference.date)})."}
        )
    number = (fields.get("number") or "").strip()
    if (
        number
        and ConclusionNotice.objects.filter(number=number, issued_on__year=issued_on.year)
        .exclude(conference=conference)
        .exists()
    ):
        raise ValidationError(
            {"number": f"Số thông báo {number} đã dùng trong năm {issued_on.year}."}
        )
    notice = ConclusionNotice.all_objects.filter(conference=conference).first()
    if notice is not None and notice.withdrawn_at is not None:
        # A new notice for the conference replaces the withdrawn one (one notice per conference).
        notice.withdrawn_at, notice.withdrawn_by, notice.withdrawn_reason = None, None, ""
    if notice is None:
        notice = ConclusionNotice(conference=conference, issued_on=issued_on, **fields)
        if not notice.title:
            notice.title = notice_defaults(conference)["title"]
        notice.save()
        audit.record_create(actor=actor, obj=notice)
        return notice
    before = audit.snapshot(notice)
    notice.issued_on = issued_on
    for name, value in fields.items():
        setattr(notice, name, value)
    notice.save()
    audit.record_update(actor=actor, obj=notice, before=before)
    return notice


def notice_sign(*, actor, conference: Conference, key):
    """Sign the PDF of ``conference``'s conclusion notice, as it reads now, with ``key``
    (``core.pdfsign.KeySource``): the signed copy is stored with the notice's SHA-256; the
    certificate must name the notice's signer."""
    from noichinh.briefings import documents
    from noichinh.core import docx_pdf
    from noichinh.core import services as core_services
    from noichinh.core.models import SignedPdf

    permissions.require_manage_conferences(actor)
    notice = ConclusionNotice.objects.filter(conference=conference).first()
    if notice is None:
        raise ValidationError("Hội nghị chưa có thông báo kết luận để ký.")
    tasks = conference.tasks.select_related("lead_agency").prefetch_related("coordinators")
    pdf = docx_pdf.docx_to_pdf(documents.notice_docx(conference, notice, tasks.order_by("id")))
    return core_services.pdf_sign(
        actor=actor,
        kind=SignedPdf.CONCLUSION_NOTICE,
        object_id=notice.pk,
        pdf=pdf,
        key=key,
        signer_name=notice.signer_name,
        reason=f"Ký thông báo kết luận số {notice.number}".strip(),
        location=notice.place,
        object_repr=f"Thông báo kết luận {notice.number} · {conference}",
    )
