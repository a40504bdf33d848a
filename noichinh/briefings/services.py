"""Write actions of the briefings area. Each is one transaction with its audit entries.

Errors are ``ValidationError``s with Vietnamese messages (keyed by field where one is
at fault), so forms show them beside what was typed and nothing is saved.
"""

import datetime as dt
import logging
import os
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from noichinh.briefings import periods, permissions
from noichinh.briefings.models import (
    AwardDecision,
    AwardRecipient,
    ConclusionNotice,
    Conference,
    ConferenceFigure,
    InspectionPlan,
    Movement,
    Task,
    TaskReminder,
    TaskUpdate,
)
from noichinh.core import audit, clock, closing
from noichinh.core import files as core_files
from noichinh.core.formats import parse_vn_date, vn_date
from noichinh.core.text import fold
from noichinh.org.models import Agency, AreaUnit, Bloc, User
from noichinh.org.selectors import province_settings

logger = logging.getLogger(__name__)

# Codes of the extraction draft (textimport.gazetteer) → Bloc codes of the organisation.
DRAFT_BLOCS = {
    "noi_chinh": "NOI_CHINH",
    "dan_van": "DAN_VAN",
    "dang": "DANG",
    "doan_the": "DOAN_THE",
    "bcd_138": "BCD138",
    "bcd_ccpt": "BCD_CCTP",
    "bcd_cctp": "BCD_CCTP",
    "bcd_pctn": "BCD_PCTN",
}
DRAFT_KINDS = {
    "briefing": Conference.BRIEFING,
    "review": Conference.REVIEW,
    "annual_summary": Conference.ANNUAL,
    "report": Conference.REPORT,
    "press_release": Conference.PRESS_RELEASE,
    "award_ceremony": Conference.AWARD_CEREMONY,
}
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


# --- agencies by name ---------------------------------------------------------------------


def agency_match(name: str | None, on: dt.date | None = None) -> Agency | None:
    """The agency a name designates, by folded name, short name or code; None if unsure."""
    key = fold(name)
    if not key:
        return None
    key = key.removeprefix("cac ").strip(" .,;")
    qs = Agency.objects.filter(Agency.valid_on_q(on or clock.today()))
    candidates = list(qs.only("id", "name", "short_name", "code"))
    exact = [
        a
        for a in candidates
        if key in {fold(a.name), fold(a.short_name), fold(a.code)}
        or (len(key) >= 8 and fold(a.name).startswith(key + " "))
    ]
    if len(exact) == 1:
        return exact[0]
    exact = [a for a in exact if key in {fold(a.name), fold(a.short_name), fold(a.code)}]
    return exact[0] if len(exact) == 1 else None


# --- conferences --------------------------------------------------------------------------


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


def _figure_whole(figure: ConferenceFigure) -> None:
    """Money is a whole number of đồng; a count (vụ, cuộc, người…) is a whole number."""
    value = Decimal(figure.value)
    if value == value.to_integral_value():
        return
    if figure.is_money:
        raise ValidationError({"value": "Số tiền là số nguyên đồng (ví dụ 7,3 tỷ = 7300000000)."})
    if figure.is_count:
        raise ValidationError({"value": f"Số {figure.unit.strip()} phải là số nguyên."})


def _decimal(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if "," in text or text.count(".") > 1:
            text = text.replace(".", "").replace(",", ".")
        value = text
    try:
        result = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({"value": f"Giá trị không phải là số: {value!r}."})
    if not result.is_finite():
        raise ValidationError({"value": "Giá trị không phải là số."})
    return result


def _short(text: str, size: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _late(actor, obj, days, reason, action, summary) -> None:
    """Record ``obj``'s change as a late change of the closed periods of ``days``."""
    closing.record(actor=actor, obj=obj, days=days, reason=reason, action=action, summary=summary)


def _plan_days(year: int) -> list[dt.date]:
    """A plan counts in every period of its year: one day in each quarter (and so in each
    half-year and the year)."""
    return [dt.date(year, month, 1) for month in (1, 4, 7, 10)]


@transaction.atomic
def figure_add(
    *,
    actor,
    conference: Conference,
    value,
    unit: str = "",
    text: str = "",
    qualifier: str = ConferenceFigure.EQ,
    subject: str = "",
    indicator_code: str = "",
    change: str = "",
    reference: str = "",
    late_reason: str = "",
) -> ConferenceFigure:
    """A figure quoted at the conference. Money is an integer of đồng (7,3 tỷ → 7300000000).
    A change ("giảm 18 vụ so với cùng kỳ") keeps its direction (``change``) and what it is
    measured against (``reference``, as written)."""
    permissions.require_manage_conferences(actor)
    amount = _decimal(value)
    if qualifier not in dict(ConferenceFigure.QUALIFIERS):
        raise ValidationError({"qualifier": "So sánh phải là bằng, trên hoặc khoảng."})
    change, reference = _figure_change(change, reference)
    if abs(amount) >= Decimal(10) ** 18:
        raise ValidationError({"value": "Giá trị quá lớn."})
    figure = ConferenceFigure(
        conference=conference,
        value=amount,
        unit=(unit or "").strip(),
        text=(text or "").strip()[:500],
        qualifier=qualifier,
        subject=(subject or "").strip()[:300],
        indicator_code=(indicator_code or "").strip()[:80],
        change=change,
        reference=reference,
    )
    _figure_whole(figure)
    late = closing.guard(conference.date, reason=late_reason)
    figure.save()
    audit.record_create(actor=actor, obj=figure, reason=late_reason.strip() if late else "")
    if late:
        _late(
            actor,
            figure,
            [conference.date],
            late_reason,
            "figure_add",
            f"Thêm số liệu “{_short(figure.text or figure.subject)}” của hội nghị ngày "
            f"{vn_date(conference.date)}",
        )
    return figure


@transaction.atomic
def figure_delete(*, actor, figure: ConferenceFigure) -> None:
    permissions.require_manage_conferences(actor)
    audit.record_delete(actor=actor, obj=figure)
    figure.delete()


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


# --- tasks --------------------------------------------------------------------------------


def _validate_task(*, text, lead_agency, lead_agency_text, deadline, is_regular, assigned_on):
    errors = {}
    if not (text or "").strip():
        errors["text"] = "Nhập nội dung nhiệm vụ."
    if lead_agency is None and not (lead_agency_text or "").strip():
        errors["lead_agency"] = "Chọn cơ quan chủ trì."
    if deadline is not None and not isinstance(deadline, dt.date):
        errors["deadline"] = "Hạn hoàn thành không hợp lệ (dd/mm/yyyy)."
    elif deadline is None and not is_regular:
        errors["deadline"] = "Nhập hạn hoàn thành hoặc chọn “thường xuyên”."
    elif deadline is not None and is_regular:
        errors["deadline"] = "Nhiệm vụ thường xuyên không có hạn cụ thể: bỏ trống hạn."
    elif deadline is not None and assigned_on and deadline < assigned_on:
        errors["deadline"] = (
            f"Hạn hoàn thành {vn_date(deadline)} trước ngày giao nhiệm vụ "
            f"(ngày hội nghị {vn_date(assigned_on)})."
        )
    if errors:
        raise ValidationError(errors)


def _task_create(
    *,
    actor,
    conference: Conference | None,
    text: str,
    lead_agency: Agency | None,
    coordinators: list[Agency],
    deadline: dt.date | None,
    is_regular: bool,
    item_no: str = "",
    source_document: str = "",
    lead_agency_text: str = "",
    coordinators_text: str = "",
    unit: AreaUnit | None = None,
    assigned_on: dt.date | None = None,
    late_reason: str = "",
) -> Task:
    assigned_on = assigned_on or (conference.date if conference else clock.today())
    _validate_task(
        text=text,
        lead_agency=lead_agency,
        lead_agency_text=lead_agency_text,
        deadline=deadline,
        is_regular=is_regular,
        assigned_on=assigned_on,
    )
    # A task counts as assigned on its conference's day (briefings.figures).
    late = closing.guard(assigned_on, reason=late_reason)
    coordinators = [a for a in coordinators if a != lead_agency]
    if not source_document and conference is not None:
        notice = ConclusionNotice.objects.filter(conference=conference).first()
        source_document = notice.reference if notice else f"Kết luận {conference.title}"
    if not item_no and conference is not None:
        item_no = str(conference.tasks.count() + 1)
    task = Task.objects.create(
        conference=conference,
        text=text.strip(),
        lead_agency=lead_agency,
        lead_agency_text="" if lead_agency else lead_agency_text.strip()[:255],
        coordinators_text=coordinators_text.strip()[:500],
        deadline=deadline,
        is_regular=is_regular,
        item_no=item_no,
        source_document=source_document[:300],
        unit=unit,
        assigned_on=assigned_on,
    )
    task.coordinators.set(coordinators)
    audit.record_create(actor=actor, obj=task, reason=late_reason.strip() if late else "")
    if late:
        _late(
            actor,
            task,
            [assigned_on],
            late_reason,
            "task_create",
            f"Giao nhiệm vụ “{_short(task.text)}” ngày {vn_date(assigned_on)}",
        )
    return task


@transaction.atomic
def task_create(*, actor, conference: Conference | None, **fields) -> Task:
    permissions.require_manage_conferences(actor)
    fields.setdefault("coordinators", [])
    return _task_create(actor=actor, conference=conference, **fields)


@transaction.atomic
def task_update(*, actor, task: Task, **fields) -> Task:
    permissions.require_manage_conferences(actor)
    coordinators = fields.pop("coordinators", None)
    merged = {
        "text": fields.get("text", task.text),
        "lead_agency": fields.get("lead_agency", task.lead_agency),
        "lead_agency_text": fields.get("lead_agency_text", task.lead_agency_text),
        "deadline": fields.get("deadline", task.deadline),
        "is_regular": fields.get("is_regular", task.is_regular),
        "assigned_on": task.assigned_on,
    }
    _validate_task(**merged)
    before = audit.snapshot(task)
    for name, value in fields.items():
        setattr(task, name, value)
    task.save()
    if coordinators is not None:
        task.coordinators.set([a for a in coordinators if a != task.lead_agency])
    audit.record_update(actor=actor, obj=task, before=before)
    return task


def _check_attachment(attachment):
    if attachment is None:
        return
    if attachment.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"attachment": "Tệp đính kèm quá lớn (tối đa 20 MB)."})


def _user_agency_for(actor, task) -> Agency | None:
    ids = permissions.visible_agency_ids(actor) or set()
    if task.lead_agency_id in ids:
        return task.lead_agency
    for agency in task.coordinators.all():
        if agency.id in ids:
            return agency
    return actor.agency


@transaction.atomic
def task_report_progress(
    *, actor, task: Task, note: str, attachment=None, propose: bool = False
) -> TaskUpdate:
    """An agency reports progress (with an optional attachment), or proposes completion."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    if not task.is_open and permissions.can_view_task(actor, task):
        raise ValidationError("Nhiệm vụ đã kết thúc, không báo cáo tiến độ được nữa.")
    permissions.require_report_task_progress(actor, task)
    if propose:
        permissions.require_propose_task_completion(actor, task)
    if not (note or "").strip():
        raise ValidationError({"note": "Nhập nội dung kết quả, tiến độ thực hiện."})
    _check_attachment(attachment)
    update = TaskUpdate(
        task=task,
        kind=TaskUpdate.PROPOSE if propose else TaskUpdate.PROGRESS,
        author=actor,
        agency=_user_agency_for(actor, task),
        at=clock.now(),
        note=note.strip(),
    )
    if attachment is not None:
        update.attachment_name = os.path.basename(attachment.name or "tep")[:255]
        core_files.save(update.attachment, attachment.read())
    update.save()
    before = audit.snapshot(task)
    task.status = Task.PROPOSED if propose else Task.IN_PROGRESS
    task.save(update_fields=["status"])
    audit.record_update(actor=actor, obj=task, before=before, reason=update.get_kind_display())
    return update


@transaction.atomic
def task_accept(
    *,
    actor,
    task: Task,
    completed_on: dt.date | None = None,
    note: str = "",
    late_reason: str = "",
) -> Task:
    """The secretariat confirms completion; on time or late follows from the deadline."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    permissions.require_review_task(actor, task)
    if not task.is_open:
        raise ValidationError("Nhiệm vụ đã kết thúc.")
    completed_on = completed_on or clock.today()
    if completed_on < task.assigned_on:
        raise ValidationError({"completed_on": "Ngày hoàn thành trước ngày giao nhiệm vụ."})
    if completed_on > clock.today():
        raise ValidationError({"completed_on": "Ngày hoàn thành không thể ở tương lai."})
    late = closing.guard(completed_on, reason=late_reason)
    before = audit.snapshot(task)
    task.status, task.completed_on = Task.DONE, completed_on
    task.save(update_fields=["status", "completed_on"])
    TaskUpdate.objects.create(
        task=task,
        kind=TaskUpdate.ACCEPT,
        author=actor,
        agency=actor.agency,
        at=clock.now(),
        note=note,
    )
    audit.record_update(actor=actor, obj=task, before=before, reason="Xác nhận hoàn thành")
    if late:
        _late(
            actor,
            task,
            [completed_on],
            late_reason,
            "task_accept",
            f"Xác nhận hoàn thành nhiệm vụ “{_short(task.text)}” ngày {vn_date(completed_on)}",
        )
    return task


@transaction.atomic
def task_return(*, actor, task: Task, note: str) -> Task:
    task = Task.objects.select_for_update().get(pk=task.pk)
    permissions.require_review_task(actor, task)
    if task.status != Task.PROPOSED:
        raise ValidationError("Chỉ trả lại nhiệm vụ đang được đề nghị hoàn thành.")
    if not (note or "").strip():
        raise ValidationError({"note": "Ghi rõ lý do trả lại."})
    before = audit.snapshot(task)
    task.status = Task.IN_PROGRESS
    task.save(update_fields=["status"])
    TaskUpdate.objects.create(
        task=task,
        kind=TaskUpdate.RETURN,
        author=actor,
        agency=actor.agency,
        at=clock.now(),
        note=note,
    )
    audit.record_update(actor=actor, obj=task, before=before, reason=note)
    return task


@transaction.atomic
def task_cancel(
    *,
    actor,
    task: Task,
    decision: str,
    cancelled_on: dt.date | None = None,
    late_reason: str = "",
) -> Task:
    task = Task.objects.select_for_update().get(pk=task.pk)
    permissions.require_review_task(actor, task)
    if not task.is_open:
        raise ValidationError("Nhiệm vụ đã kết thúc.")
    if not (decision or "").strip():
        raise ValidationError({"decision": "Ghi số, ngày quyết định hủy nhiệm vụ."})
    cancelled_on = cancelled_on or clock.today()
    late = closing.guard(cancelled_on, reason=late_reason)
    before = audit.snapshot(task)
    task.status = Task.CANCELLED
    task.cancelled_on = cancelled_on
    task.cancel_decision = decision.strip()[:255]
    task.save(update_fields=["status", "cancelled_on", "cancel_decision"])
    TaskUpdate.objects.create(
        task=task,
        kind=TaskUpdate.CANCEL,
        author=actor,
        agency=actor.agency,
        at=clock.now(),
        note=decision,
    )
    audit.record_update(actor=actor, obj=task, before=before, reason=decision)
    if late:
        _late(
            actor,
            task,
            [cancelled_on],
            late_reason,
            "task_cancel",
            f"Hủy nhiệm vụ “{_short(task.text)}” ngày {vn_date(cancelled_on)}",
        )
    return task


class ImportErrors(ValidationError):
    """Row-by-row problems of an upload; nothing was saved."""

    def __init__(self, errors: list[str]):
        super().__init__(errors)
        self.rows = errors


YES = {"x", "co", "có", "yes", "1", "true", "dong y"}
NO = {"", "khong", "không", "no", "0", "false"}


@transaction.atomic
def tasks_import_progress(*, actor, upload) -> int:
    """Apply an agency's progress sheet (the XLSX from ``selectors.tasks_progress_xlsx``).

    All or nothing: every row is checked first; any error and nothing is saved.
    """
    from openpyxl import load_workbook

    from noichinh.briefings.selectors import XLSX_HEADER

    permissions.require_update_tasks_in_bulk(actor)
    from noichinh.core.uploads import zip_bomb_message

    if message := zip_bomb_message(upload):
        raise ImportErrors([message])
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    except Exception:  # noqa: BLE001 - any unreadable upload gets the same clear answer
        raise ImportErrors(["Tệp không đọc được: hãy tải lên tệp Excel (.xlsx) hệ thống đã cấp."])
    header_index = next(
        (
            i
            for i, row in enumerate(rows[:10])
            if row and str(row[0] or "").strip() == XLSX_HEADER[0]
        ),
        None,
    )
    if header_index is None:
        raise ImportErrors([f"Không thấy dòng tiêu đề (cột A phải là “{XLSX_HEADER[0]}”)."])
    errors: list[str] = []
    planned: list[tuple[Task, str, bool]] = []
    seen: set[int] = set()
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        row = list(row or []) + [None] * 8
        raw_id, note, propose_raw = row[0], row[6], row[7]
        note = str(note or "").strip()
        propose_text = fold(str(propose_raw or "")).strip()
        if raw_id in (None, "") and not note:
            continue
        if not note and propose_text in NO:
            continue
        prefix = f"Dòng {offset}:"
        try:
            task_id = int(str(raw_id).strip())
        except (TypeError, ValueError):
            errors.append(f"{prefix} mã nhiệm vụ “{raw_id}” không hợp lệ.")
            continue
        if task_id in seen:
            errors.append(f"{prefix} nhiệm vụ {task_id} xuất hiện nhiều lần.")
            continue
        seen.add(task_id)
        task = Task.objects.filter(pk=task_id).prefetch_related("coordinators").first()
        if task is None or not permissions.can_view_task(actor, task):
            errors.append(f"{prefix} không tìm thấy nhiệm vụ {task_id} của cơ quan.")
            continue
        if propose_text not in YES | {fold(v) for v in NO}:
            errors.append(f"{prefix} cột “Đề nghị hoàn thành” chỉ ghi “x” hoặc để trống.")
            continue
        propose = propose_text in YES
        if not permissions.can_report_task_progress(actor, task):
            errors.append(f"{prefix} nhiệm vụ {task_id} đã kết thúc, không cập nhật được.")
            continue
        if propose and not permissions.can_propose_task_completion(actor, task):
            errors.append(
                f"{prefix} chỉ cơ quan chủ trì được đề nghị hoàn thành nhiệm vụ {task_id}"
                " (hoặc nhiệm vụ đã được đề nghị)."
            )
            continue
        if not note:
            errors.append(f"{prefix} nhập kết quả, tiến độ thực hiện.")
            continue
        planned.append((task, note, propose))
    if errors:
        raise ImportErrors(errors)
    if not planned:
        raise ImportErrors(["Tệp không có dòng nào được cập nhật (cột G “Kết quả, tiến độ mới”)."])
    for task, note, propose in planned:
        task_report_progress(actor=actor, task=task, note=note, propose=propose)
    return len(planned)


# --- reminders ----------------------------------------------------------------------------


def reminders_send(*, today: dt.date | None = None) -> int:
    """Remind lead agencies of tasks due soon or overdue, once per task and kind."""
    today = today or clock.today()
    sent = 0
    for kind, q in (
        (TaskReminder.OVERDUE, Task.overdue_q(today)),
        (TaskReminder.DUE_SOON, Task.due_soon_q(today)),
    ):
        with transaction.atomic():
            tasks = list(
                Task.objects.select_for_update(skip_locked=True)
                .filter(q, lead_agency__isnull=False)
                .exclude(reminders__kind=kind)
                .select_related("lead_agency")
            )
            for task in tasks:
                emails = list(
                    User.objects.filter(
                        agency=task.lead_agency,
                        is_active=True,
                        role__in=[User.OFFICER, User.HEAD],
                    )
                    .exclude(email="")
                    .values_list("email", flat=True)
                )
                reminder, created = TaskReminder.objects.get_or_create(
                    task=task, kind=kind, defaults={"sent_on": today, "recipients": len(emails)}
                )
                if not created:
                    continue
                label = "đã quá hạn" if kind == TaskReminder.OVERDUE else "sắp đến hạn"
                if emails:
                    send_mail(
                        f"Nhiệm vụ {label}: {task.text[:80]}",
                        f"Nhiệm vụ “{task.text}” ({task.source_document}) {label} "
                        f"(hạn {task.deadline_display}). Đề nghị cơ quan báo cáo tiến độ.",
                        settings.DEFAULT_FROM_EMAIL,
                        emails,
                        fail_silently=True,
                    )
                audit.record(
                    actor=None,
                    action="remind",
                    obj=task,
                    changes={"kind": [None, kind], "recipients": [None, len(emails)]},
                )
                sent += 1
    return sent


# --- awards -------------------------------------------------------------------------------


def movement_get_or_create(*, actor, name: str, year: int) -> Movement:
    name = " ".join((name or "").split()).strip('"“” ')
    if not name:
        raise ValidationError({"movement": "Nhập tên phong trào."})
    if not 1945 <= int(year) <= 2100:
        raise ValidationError({"year": "Năm không hợp lệ."})
    found = Movement.objects.filter(name_folded=fold(name), year=year).first()
    if found:
        return found
    movement = Movement.objects.create(name=name, year=year)
    audit.record_create(actor=actor, obj=movement)
    return movement


def _lines(value) -> list[str]:
    if isinstance(value, str):
        value = value.splitlines()
    return [" ".join(str(v).split()) for v in (value or []) if str(v).strip()]


@transaction.atomic
def award_decision_create(
    *,
    actor,
    issuer_level: str,
    form: str,
    signed_on: dt.date,
    number: str = "",
    issuer_name: str = "",
    movement: Movement | None = None,
    conference: Conference | None = None,
    agency: Agency | None = None,
    collectives=(),
    individuals=(),
    note: str = "",
    late_reason: str = "",
) -> AwardDecision:
    """An award decision with its recipients (one name per line). The decision number is
    unique per issuer level: a second decision with the same number is refused. A decision
    signed inside a closed reporting period needs ``late_reason`` (core.closing)."""
    permissions.require_manage_awards(actor)
    errors = {}
    if issuer_level not in dict(AwardDecision.ISSUERS):
        errors["issuer_level"] = "Cấp khen thưởng không hợp lệ."
    if form not in dict(AwardDecision.FORMS):
        errors["form"] = "Hình thức khen thưởng không hợp lệ."
    if not isinstance(signed_on, dt.date):
        errors["signed_on"] = "Ngày ký không hợp lệ (dd/mm/yyyy)."
    elif signed_on > clock.today():
        errors["signed_on"] = "Ngày ký không thể ở tương lai."
    number = (number or "").strip()
    if number and AwardDecision.objects.filter(issuer_level=issuer_level, number=number).exists():
        label = dict(AwardDecision.ISSUERS).get(issuer_level, issuer_level)
        errors["number"] = f"Quyết định số {number} của {label} đã có trong sổ khen thưởng."
    collectives, individuals = _lines(collectives), _lines(individuals)
    if not collectives and not individuals:
        errors["collectives"] = "Nhập ít nhất một tập thể hoặc cá nhân được khen thưởng."
    if errors:
        raise ValidationError(errors)
    late = closing.guard(signed_on, reason=late_reason)
    try:
        with transaction.atomic():
            decision = AwardDecision.objects.create(
                issuer_level=issuer_level,
                issuer_name=issuer_name.strip() or dict(AwardDecision.ISSUERS)[issuer_level],
                form=form,
                number=number,
                signed_on=signed_on,
                movement=movement,
                conference=conference,
                agency=agency,
                note=note,
            )
    except IntegrityError:
        raise ValidationError({"number": f"Quyết định số {number} đã có trong sổ khen thưởng."})
    for kind, names in (
        (AwardRecipient.COLLECTIVE, collectives),
        (AwardRecipient.INDIVIDUAL, individuals),
    ):
        for name in names:
            AwardRecipient.objects.create(
                decision=decision, kind=kind, name=name[:255], agency=agency_match(name, signed_on)
            )
    audit.record_create(actor=actor, obj=decision, reason=late_reason.strip() if late else "")
    if late:
        _late(
            actor,
            decision,
            [signed_on],
            late_reason,
            "award_create",
            f"Nhập quyết định khen thưởng {_award_name(decision)} ký ngày {vn_date(signed_on)}",
        )
    return decision


def _award_name(decision: AwardDecision) -> str:
    number = f"số {decision.number} " if decision.number else ""
    return f"{number}({decision.get_form_display()}, {decision.issuer_name})"


@transaction.atomic
def award_decision_update(
    *,
    actor,
    decision: AwardDecision,
    issuer_level: str,
    form: str,
    signed_on: dt.date,
    number: str = "",
    issuer_name: str = "",
    movement: Movement | None = None,
    agency: Agency | None = None,
    collectives=(),
    individuals=(),
    note: str = "",
    late_reason: str = "",
) -> AwardDecision:
    """Correct a decision: its fields and its recipients (one name per line); the history
    keeps the fields and the recipient lists before and after. The figures count a decision
    in the period it was signed in: a decision signed (before or after the correction)
    inside a closed reporting period needs ``late_reason`` (core.closing)."""
    permissions.require_manage_awards(actor)
    errors = {}
    if issuer_level not in dict(AwardDecision.ISSUERS):
        errors["issuer_level"] = "Cấp khen thưởng không hợp lệ."
    if form not in dict(AwardDecision.FORMS):
        errors["form"] = "Hình thức khen thưởng không hợp lệ."
    if not isinstance(signed_on, dt.date):
        errors["signed_on"] = "Ngày ký không hợp lệ (dd/mm/yyyy)."
    elif signed_on > clock.today():
        errors["signed_on"] = "Ngày ký không thể ở tương lai."
    number = (number or "").strip()
    if (
        number
        and AwardDecision.objects.filter(issuer_level=issuer_level, number=number)
        .exclude(pk=decision.pk)
        .exists()
    ):
        label = dict(AwardDecision.ISSUERS).get(issuer_level, issuer_level)
        errors["number"] = f"Quyết định số {number} của {label} đã có trong sổ khen thưởng."
    collectives, individuals = _lines(collectives), _lines(individuals)
    if not collectives and not individuals:
        errors["collectives"] = "Nhập ít nhất một tập thể hoặc cá nhân được khen thưởng."
    if errors:
        raise ValidationError(errors)
    decision = AwardDecision.objects.select_for_update().get(pk=decision.pk)
    days = [decision.signed_on, signed_on]
    late = closing.guard(*days, reason=late_reason)
    before = audit.snapshot(decision)
    old = {
        kind: [r.name for r in decision.recipients.filter(kind=kind).order_by("id")]
        for kind in (AwardRecipient.COLLECTIVE, AwardRecipient.INDIVIDUAL)
    }
    decision.issuer_level, decision.form, decision.signed_on = issuer_level, form, signed_on
    decision.number, decision.movement, decision.agency, decision.note = (
        number,
        movement,
        agency,
        note,
    )
    decision.issuer_name = issuer_name.strip() or dict(AwardDecision.ISSUERS)[issuer_level]
    decision.save()
    new = {AwardRecipient.COLLECTIVE: collectives, AwardRecipient.INDIVIDUAL: individuals}
    changes = audit.diff(before, audit.snapshot(decision))
    for kind, names in new.items():
        if [n[:255] for n in names] == old[kind]:
            continue
        decision.recipients.filter(kind=kind).delete()
        for name in names:
            AwardRecipient.objects.create(
                decision=decision, kind=kind, name=name[:255], agency=agency_match(name, signed_on)
            )
        changes[f"recipients_{kind}"] = [old[kind], names]
    audit.record(
        actor=actor,
        action="update",
        obj=decision,
        changes=changes,
        reason=late_reason.strip() if late else "",
    )
    if late:
        _late(
            actor,
            decision,
            days,
            late_reason,
            "award_update",
            f"Sửa quyết định khen thưởng {_award_name(decision)} ký ngày {vn_date(signed_on)}",
        )
    return decision


ISSUER_WORDS = [
    ("minister_public_security", ("bo truong bo cong an", "bo cong an")),
    ("minister_defence", ("bo truong bo quoc phong", "bo quoc phong")),
    ("prime_minister", ("thu tuong",)),
    ("president", ("chu tich nuoc",)),
    ("police_director", ("giam doc cong an",)),
    ("provincial_chair", ("chu tich ubnd tinh", "chu tich uy ban nhan dan tinh")),
    ("provincial_party", ("tinh uy",)),
    ("district_chair", ("chu tich ubnd huyen", "chu tich ubnd xa", "chu tich ubnd thanh pho")),
]
FORM_WORDS = [(code, fold(label)) for code, label in AwardDecision.FORMS]


def issuer_level_for(text: str | None) -> str:
    key = fold(text)
    for code, words in ISSUER_WORDS:
        if any(w in key for w in words):
            return code
    return "other"


def form_for(text: str | None) -> str:
    key = fold(text)
    for code, label in FORM_WORDS:
        if label in key:
            return code
    return "other"


# --- inspection plans ---------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *,
    actor,
    agency: Agency,
    year: int,
    subject: str,
    kind: str = "thanh_tra",
    target_agency: Agency | None = None,
    unit: AreaUnit | None = None,
    period_text: str = "",
    late_reason: str = "",
) -> InspectionPlan:
    """A planned inspection. Overlaps with other agencies' plans are warnings, not errors:
    the list and detail show them to every agency concerned and to the secretariat. The
    figures count a plan in every period of its year: a year with a closed reporting period
    needs ``late_reason`` (core.closing)."""
    if agency is None:
        raise ValidationError({"agency": "Chọn cơ quan lập kế hoạch."})
    permissions.require_plan_for_agency(actor, agency)
    errors = {}
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        errors["year"] = "Năm kế hoạch không hợp lệ."
    if target_agency is None and unit is None:
        errors["target_agency"] = "Chọn cơ quan, đơn vị hoặc địa bàn được thanh tra, kiểm tra."
    if target_agency is not None and target_agency == agency:
        errors["target_agency"] = "Cơ quan không tự thanh tra chính mình trong kế hoạch này."
    if not (subject or "").strip():
        errors["subject"] = "Nhập nội dung thanh tra, kiểm tra."
    if kind not in dict(InspectionPlan.KINDS):
        errors["kind"] = "Hình thức không hợp lệ."
    if errors:
        raise ValidationError(errors)
    late = closing.guard(*_plan_days(year), reason=late_reason)
    plan = InspectionPlan.objects.create(
        agency=agency,
        year=year,
        kind=kind,
        target_agency=target_agency,
        unit=unit,
        subject=subject.strip(),
        period_text=period_text.strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit.record_create(actor=actor, obj=plan, reason=late_reason.strip() if late else "")
    if late:
        _late(
            actor,
            plan,
            _plan_days(year),
            late_reason,
            "plan_create",
            f"Nhập kế hoạch thanh tra năm {year}: “{_short(plan.subject)}”",
        )
    return plan


@transaction.atomic
def plan_update(
    *,
    actor,
    plan: InspectionPlan,
    year: int,
    subject: str,
    kind: str,
    target_agency: Agency | None = None,
    unit: AreaUnit | None = None,
    period_text: str = "",
    agency: Agency | None = None,
    late_reason: str = "",
) -> InspectionPlan:
    """Correct a plan (the planning agency stays the same). A plan of (or moved to or from)
    a year with a closed reporting period needs ``late_reason`` (core.closing)."""
    permissions.require_edit_plan(actor, plan)
    errors = {}
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        errors["year"] = "Năm kế hoạch không hợp lệ."
    if target_agency is None and unit is None:
        errors["target_agency"] = "Chọn cơ quan, đơn vị hoặc địa bàn được thanh tra, kiểm tra."
    if target_agency is not None and target_agency.pk == plan.agency_id:
        errors["target_agency"] = "Cơ quan không tự thanh tra chính mình trong kế hoạch này."
    if not (subject or "").strip():
        errors["subject"] = "Nhập nội dung thanh tra, kiểm tra."
    if kind not in dict(InspectionPlan.KINDS):
        errors["kind"] = "Hình thức không hợp lệ."
    if errors:
        raise ValidationError(errors)
    days = sorted({*_plan_days(plan.year), *_plan_days(year)})
    late = closing.guard(*days, reason=late_reason)
    before = audit.snapshot(plan)
    plan.year, plan.kind, plan.target_agency, plan.unit = year, kind, target_agency, unit
    plan.subject, plan.period_text = subject.strip(), period_text.strip()
    plan.save()
    audit.record_update(
        actor=actor, obj=plan, before=before, reason=late_reason.strip() if late else ""
    )
    if late:
        _late(
            actor,
            plan,
            days,
            late_reason,
            "plan_update",
            f"Sửa kế hoạch thanh tra năm {year}: “{_short(plan.subject)}”",
        )
    return plan


# --- import from an extraction draft ------------------------------------------------------


def _draft_date(value) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not value:
        raise ValidationError({"date": "Chưa có ngày hội nghị: nhập ngày họp (dd/mm/yyyy)."})
    try:
        return parse_vn_date(str(value or ""))
    except ValueError:
        raise ValidationError({"date": f"Ngày hội nghị không hợp lệ: {value!r} (dd/mm/yyyy)."})


def _id(value) -> int | None:
    """A record id sent in a draft, or None for anything that is not one."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 12 else None


def _choice(item: dict) -> tuple[str, int | None]:
    """("use" | "update" | "new", id) of a draft item's decision about its twin."""
    kind, _sep, pk = str(item.get("choice") or "new").partition(":")
    if kind in ("use", "update") and _id(pk):
        return kind, _id(pk)
    return "new", None


def _twin_refusal(what: str, twins: list, reason: str) -> None:
    if twins and not (reason or "").strip():
        names = "; ".join(str(t) for t in twins[:3])
        raise ValidationError(
            f"{what} đã có trong sổ ({names}): chọn dùng bản đã có, cập nhật bản đó, "
            "hoặc ghi lý do tạo thêm."
        )


def _same_conference(model, action: str, pk: int | None, conference) -> tuple[str, int | None]:
    """A figure's or task's twin counts within its conference only: a choice about a record
    of another conference (the user chose another conference meanwhile) is a new record."""
    if action != "new" and not model.objects.filter(pk=pk, conference=conference).exists():
        return "new", None
    return action, pk


def _pick(model, pk: int, what: str, **scope):
    found = model.objects.filter(pk=pk, **scope).first()
    if found is None:
        raise ValidationError(f"{what} đã chọn không còn trong sổ (đã thu hồi hoặc không tồn tại).")
    return found


@transaction.atomic
def _figure_change(change, reference) -> tuple[str, str]:
    change = str(change or "").strip()
    if change not in dict(ConferenceFigure.CHANGES) and change != "":
        raise ValidationError({"change": "Biến động phải là tăng, giảm hoặc để trống."})
    reference = " ".join(str(reference or "").split())[:120]
    return change, (reference if change else "")


def figure_update(*, actor, figure: ConferenceFigure, **fields) -> ConferenceFigure:
    permissions.require_manage_conferences(actor)
    before = audit.snapshot(figure)
    if "value" in fields:
        fields["value"] = _decimal(fields["value"])
        if fields["value"] == figure.value:  # 7 and 7.000 are one value: no change to record
            del fields["value"]
    if "change" in fields or "reference" in fields:
        fields["change"], fields["reference"] = _figure_change(
            fields.get("change", figure.change), fields.get("reference", figure.reference)
        )
    for name, value in fields.items():
        setattr(figure, name, value)
    _figure_whole(figure)
    figure.save()
    audit.record_update(actor=actor, obj=figure, before=before)
    return figure


@transaction.atomic
def conference_create_from_draft(
    *, actor, draft: dict, report: dict | None = None, late_reason: str = ""
) -> Conference:
    """Create, or reuse, the conference of a (user-corrected) extraction draft
    (``textimport.extract.Draft.to_dict()``) and its figures, tasks and awards, all in one
    transaction.

    Each part carries the user's decision about the record the register may already hold
    (``choice``: ``use:<id>`` keeps the existing record, ``update:<id>`` updates it from
    the draft, ``new`` creates one). Creating a record beside its twin (same conference
    kind, body and date or period; same figure of the conference; same task text; same
    award number, or same level, form and counts for the same movement and year) needs a
    reason, so a second import of the same article never doubles a register.

    Each task needs its lead agency chosen (``lead_agency_id``); coordinators by id. Award
    counts become decisions only when the text names the decision (number) or its
    movement: their recipients are numbered, unnamed collectives and individuals, to be
    named later. Counts that name neither stay figures of the conference.

    ``report`` (a dict) receives the ids of what was created: {"conference": [...], ...}.

    A conference dated inside a closed reporting period needs ``late_reason``, which then
    stands for each of its records entered late (core.closing).
    """
    from noichinh.briefings import selectors

    permissions.require_manage_conferences(actor)
    if not isinstance(draft, dict):
        raise ValidationError("Bản nháp không hợp lệ.")
    report = report if report is not None else {}
    for key in ("conference", "figure", "task", "award"):
        report.setdefault(key, [])
    # The record each draft item ended as (created, used or updated; None for award counts
    # that stay figures), in draft order: reopening the import edits these (issue 18).
    items = report.setdefault("items", {"indicators": [], "tasks": [], "awards": []})
    event = draft.get("event") or {}
    chair = draft.get("chair") or {}
    parts = {key: draft.get(key) or [] for key in ("indicators", "tasks", "awards")}
    if not isinstance(event, dict) or not isinstance(chair, dict):
        raise ValidationError("Bản nháp không hợp lệ.")
    for key, label in (("indicators", "Số liệu"), ("tasks", "Nhiệm vụ"), ("awards", "Khen thưởng")):
        if not isinstance(parts[key], list) or not all(isinstance(x, dict) for x in parts[key]):
            raise ValidationError(f"Bản nháp không hợp lệ: phần {label.lower()}.")
    codes = list(event.get("blocs") or [])
    if event.get("steering_committee"):
        codes.append(event["steering_committee"])
    blocs, unknown = [], []
    for code in codes:
        bloc_code = DRAFT_BLOCS.get(str(code).lower(), str(code).upper())
        bloc = Bloc.objects.filter(code=bloc_code).first()
        (blocs.append(bloc) if bloc else unknown.append(str(code)))
    if unknown:
        raise ValidationError({"blocs": f"Không có khối, ban chỉ đạo: {', '.join(unknown)}."})
    date = _draft_date(event.get("date"))
    titles = chair.get("titles") or []
    if isinstance(titles, str):
        titles = [titles]
    kind = DRAFT_KINDS.get(event.get("type") or "", Conference.CONFERENCE)
    period_code = str(event.get("period") or "")
    co_chairs = chair.get("co_chairs") or []
    if isinstance(co_chairs, str):
        co_chairs = co_chairs.splitlines()
    # Only a meeting has a chair (a report, press release or award ceremony has none).
    meeting = kind in Conference.MEETING_KINDS
    fields = {
        "chair_name": str(chair.get("name") or "")[:150] if meeting else "",
        "chair_titles": ", ".join(str(t) for t in titles)[:300] if meeting else "",
        "co_chairs": "\n".join(str(c).strip() for c in co_chairs if str(c).strip())
        if meeting
        else "",
    }
    action, pk = _choice(event)
    if action == "new":
        twins = selectors.conference_twins(
            kind=kind, bloc_ids=[b.pk for b in blocs], date=date, period_code=period_code
        )
        try:
            _twin_refusal("Hội nghị", twins, event.get("reason"))
        except ValidationError as exc:
            raise ValidationError({"conference_choice": exc.messages})
        conference = conference_create(
            actor=actor,
            blocs=blocs,
            date=date,
            period_code=period_code,
            kind=kind,
            report_text=str(draft.get("text") or ""),
            late_reason=late_reason,
            **fields,
        )
        report["conference"].append(conference.pk)
    else:
        conference = _pick(Conference, pk, "Hội nghị")
        if action == "update":
            kept_blocs = list(conference.blocs.all())
            conference = conference_update(
                actor=actor,
                conference=conference,
                blocs=kept_blocs + [b for b in blocs if b not in kept_blocs],
                kind=kind,
                date=date,
                period_code=period_code.upper(),
                report_text=conference.report_text or str(draft.get("text") or ""),
                late_reason=late_reason,
                **{k: v for k, v in fields.items() if v},
            )
    for i, item in enumerate(parts["indicators"], 1):
        action, pk = _same_conference(ConferenceFigure, *_choice(item), conference)
        try:
            if action == "use":
                _pick(ConferenceFigure, pk, "Số liệu", conference=conference)
                items["indicators"].append(pk)
                continue
            values = {
                "value": item.get("value"),
                "unit": str(item.get("unit") or "").strip(),
                "text": str(item.get("text") or "").strip()[:500],
                "qualifier": item.get("qualifier") or ConferenceFigure.EQ,
                "subject": str(item.get("subject") or "").strip()[:300],
                "indicator_code": str(item.get("indicator_code") or "").strip()[:80],
                "change": item.get("change") or "",
                "reference": item.get("reference") or "",
            }
            if action == "update":
                figure = _pick(ConferenceFigure, pk, "Số liệu", conference=conference)
                figure_update(actor=actor, figure=figure, **values)
                items["indicators"].append(pk)
                continue
            # Twins are what the register held before this import (a text may quote the
            # same figure twice, about two things).
            twins = selectors.figure_twins(
                conference_id=conference.pk,
                value=values["value"],
                unit=values["unit"],
                indicator_code=values["indicator_code"],
            )
            _twin_refusal(
                "Số liệu này",
                [t for t in twins if t.pk not in report["figure"]],
                item.get("reason"),
            )
            figure = figure_add(
                actor=actor, conference=conference, late_reason=late_reason, **values
            )
            report["figure"].append(figure.pk)
            items["indicators"].append(report["figure"][-1])
        except ValidationError as exc:
            raise ValidationError(f"Số liệu thứ {i}: {'; '.join(exc.messages)}")
    for i, item in enumerate(parts["tasks"], 1):
        action, pk = _same_conference(Task, *_choice(item), conference)
        try:
            if action == "use":
                _pick(Task, pk, "Nhiệm vụ", conference=conference)
                items["tasks"].append(pk)
                continue
            lead_id = _id(item.get("lead_agency_id"))
            lead = Agency.objects.filter(pk=lead_id).first() if lead_id else None
            if lead is None:
                raise ValidationError("chọn cơ quan chủ trì (văn bản không nêu rõ cơ quan nào).")
            raw_ids = item.get("coordinator_ids") or []
            ids = [_id(x) for x in (raw_ids if isinstance(raw_ids, list) else [])]
            coordinators = list(Agency.objects.filter(pk__in=[i for i in ids if i]))
            deadline = item.get("deadline")
            if deadline:
                try:
                    deadline = parse_vn_date(str(deadline))
                except ValueError:
                    raise ValidationError("hạn hoàn thành không hợp lệ.")
            text = str(item.get("text") or "")
            if action == "update":
                task = _pick(Task, pk, "Nhiệm vụ", conference=conference)
                task_update(
                    actor=actor,
                    task=task,
                    text=text.strip(),
                    lead_agency=lead,
                    lead_agency_text="",
                    coordinators=coordinators,
                    deadline=deadline or None,
                    is_regular=not deadline,
                )
                items["tasks"].append(pk)
                continue
            twins = selectors.task_twins(conference_id=conference.pk, text=text)
            _twin_refusal(
                "Nhiệm vụ này", [t for t in twins if t.pk not in report["task"]], item.get("reason")
            )
            task = _task_create(
                actor=actor,
                conference=conference,
                text=text,
                lead_agency=lead,
                lead_agency_text="",
                coordinators=coordinators,
                coordinators_text=str(item.get("agency") or "")
                if coordinators and item.get("agency")
                else "",
                deadline=deadline or None,
                is_regular=not deadline,
                late_reason=late_reason,
            )
            report["task"].append(task.pk)
            items["tasks"].append(task.pk)
        except ValidationError as exc:
            raise ValidationError(f"Nhiệm vụ thứ {i}: {'; '.join(exc.messages)}")
    for i, item in enumerate(parts["awards"], 1):
        action, pk = _choice(item)
        try:
            collectives = int(item.get("collectives") or 0)
            individuals = int(item.get("individuals") or 0)
        except (TypeError, ValueError):
            raise ValidationError(f"Khen thưởng thứ {i}: số tập thể, cá nhân không hợp lệ.")
        if collectives < 0 or individuals < 0 or collectives + individuals > 10000:
            raise ValidationError(f"Khen thưởng thứ {i}: số tập thể, cá nhân không hợp lệ.")
        number = str(item.get("number") or "").strip()[:60]
        movement_name = str(item.get("movement") or "").strip()
        try:
            year = int(item.get("movement_year") or 0) or None
        except (TypeError, ValueError):
            year = None
        if not number and not movement_name:
            items["awards"].append(None)
            continue  # not a decision: the counts stay figures of the conference
        issuer_level = issuer_level_for(item.get("issuer"))
        form = form_for(item.get("form"))
        try:
            if action in ("use", "update"):
                decision = _pick(AwardDecision, pk, "Quyết định khen thưởng")
                if action == "update":
                    _award_update_from_draft(
                        actor=actor,
                        decision=decision,
                        conference=conference,
                        number=number,
                        movement_name=movement_name,
                        year=year or date.year,
                    )
                items["awards"].append(decision.pk)
                continue
            _twin_refusal(
                "Quyết định khen thưởng này",
                selectors.award_twins(
                    issuer_level=issuer_level,
                    form=form,
                    number=number,
                    collectives=collectives,
                    individuals=individuals,
                    movement_name=movement_name,
                    year=year or date.year,
                ),
                item.get("reason"),
            )
            movement = (
                movement_get_or_create(actor=actor, name=movement_name, year=year or date.year)
                if movement_name
                else None
            )
            decision = award_decision_create(
                actor=actor,
                issuer_level=issuer_level,
                issuer_name=str(item.get("issuer") or "")[:255],
                form=form,
                number=number,
                signed_on=min(date, clock.today()),
                movement=movement,
                conference=conference,
                collectives=[f"Tập thể thứ {n} (chưa ghi tên)" for n in range(1, collectives + 1)],
                individuals=[f"Cá nhân thứ {n} (chưa ghi tên)" for n in range(1, individuals + 1)],
                late_reason=late_reason,
            )
            report["award"].append(decision.pk)
            items["awards"].append(decision.pk)
        except ValidationError as exc:
            raise ValidationError(f"Khen thưởng thứ {i}: {'; '.join(exc.messages)}")
    return conference


def _award_update_from_draft(*, actor, decision, conference, number, movement_name, year):
    """Fill in what the existing decision lacks from the draft (its conference, number,
    movement); the recipients are the register's and are not touched."""
    permissions.require_manage_awards(actor)
    before = audit.snapshot(decision)
    if decision.conference_id is None:
        decision.conference = conference
    if number and not decision.number:
        decision.number = number
    if movement_name and decision.movement_id is None:
        decision.movement = movement_get_or_create(actor=actor, name=movement_name, year=year)
    decision.save()
    audit.record_update(actor=actor, obj=decision, before=before)


# --- withdrawal (soft delete) and restoration ---------------------------------------------

# What each kind of record is called on screen, and who may withdraw it.
WITHDRAWABLE = {
    "conference": (Conference, "hội nghị"),
    "figure": (ConferenceFigure, "số liệu hội nghị"),
    "notice": (ConclusionNotice, "thông báo kết luận"),
    "task": (Task, "nhiệm vụ"),
    "award": (AwardDecision, "quyết định khen thưởng"),
    "plan": (InspectionPlan, "kế hoạch thanh tra, kiểm tra"),
}


can_withdraw = permissions.can_withdraw  # the rule lives in briefings.permissions


def _children(obj) -> list:
    """Records that go with ``obj`` when it is withdrawn (a conference's figures, notice,
    tasks and award decisions), those still live."""
    if isinstance(obj, Conference):
        return [
            *ConferenceFigure.objects.filter(conference=obj),
            *ConclusionNotice.objects.filter(conference=obj),
            *Task.objects.filter(conference=obj),
            *AwardDecision.objects.filter(conference=obj),
        ]
    return []


@transaction.atomic
def record_withdraw(*, actor, obj, reason: str) -> None:
    """Withdraw ``obj`` (soft delete) with a reason; a conference takes its figures, notice,
    tasks and award decisions with it. Every count and list leaves them out from now on."""
    permissions.require_withdraw(actor, obj)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": "Ghi rõ lý do thu hồi."})
    obj = type(obj).all_objects.select_for_update().get(pk=obj.pk)
    if obj.withdrawn_at is not None:
        raise ValidationError("Hồ sơ này đã được thu hồi.")
    now = clock.now()
    for record in [obj, *_children(obj)]:
        record.withdrawn_at = now
        record.withdrawn_by = actor if getattr(actor, "pk", None) else None
        record.withdrawn_reason = reason
        record.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
        audit.record(
            actor=actor,
            action="withdraw",
            obj=record,
            changes={"withdrawn_at": [None, now.isoformat()]},
            reason=reason,
        )


@transaction.atomic
def record_restore(*, actor, obj, reason: str = "") -> None:
    """An administrator puts a withdrawn record back (with what was withdrawn with it)."""
    permissions.require_restore(actor)
    obj = type(obj).all_objects.select_for_update().get(pk=obj.pk)
    if obj.withdrawn_at is None:
        raise ValidationError("Hồ sơ này không ở trạng thái thu hồi.")
    if isinstance(obj, AwardDecision) and obj.number:
        twin = AwardDecision.objects.filter(issuer_level=obj.issuer_level, number=obj.number)
        if twin.exists():
            raise ValidationError(
                f"Đã có quyết định số {obj.number} khác trong sổ: không khôi phục được bản này."
            )
    if (
        isinstance(obj, ConclusionNotice)
        and ConclusionNotice.objects.filter(conference_id=obj.conference_id)
        .exclude(pk=obj.pk)
        .exists()
    ):
        raise ValidationError("Hội nghị đã có thông báo kết luận khác.")
    parent_id = getattr(obj, "conference_id", None)
    if parent_id and not Conference.objects.filter(pk=parent_id).exists():
        raise ValidationError("Hội nghị của hồ sơ này đã bị thu hồi: khôi phục hội nghị trước.")
    when = obj.withdrawn_at
    family = [obj]
    if isinstance(obj, Conference):
        # What was withdrawn together with the conference comes back with it.
        for model in (ConferenceFigure, ConclusionNotice, Task, AwardDecision):
            family += list(model.all_objects.filter(conference=obj, withdrawn_at=when))
    for record in family:
        record.withdrawn_at, record.withdrawn_by, record.withdrawn_reason = None, None, ""
        record.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
        audit.record(
            actor=actor,
            action="restore",
            obj=record,
            changes={"withdrawn_at": [when.isoformat(), None]},
            reason=" ".join((reason or "").split()),
        )


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
