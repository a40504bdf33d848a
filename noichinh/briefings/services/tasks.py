"""Tasks assigned by a conference's conclusions: assign, correct, report progress, accept,
return, cancel; progress sheets in bulk; reminders (briefings write actions)."""

import datetime as dt
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction

from noichinh.briefings import permissions
from noichinh.briefings.models import (
    ConclusionNotice,
    Conference,
    Task,
    TaskReminder,
    TaskUpdate,
)
from noichinh.briefings.services.common import _late, _short
from noichinh.core import audit, clock, closing
from noichinh.core import files as core_files
from noichinh.core.formats import vn_date
from noichinh.core.text import fold
from noichinh.org.models import Agency, AreaUnit, User

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


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
