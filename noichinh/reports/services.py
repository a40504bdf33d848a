"""Write actions of the reports area: one function per user action, one transaction, audit."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction

from noichinh.core import audit, clock
from noichinh.org.models import Agency, Bloc, User
from noichinh.reports import permissions, selectors, validation
from noichinh.reports.building import report_version_build  # noqa: F401 (the task's work)
from noichinh.reports.models import (
    Period,
    Reminder,
    ReportBuild,
    ReportDocument,
    ReportType,
    ReportVersion,
    Submission,
    SubmissionValue,
)

log = logging.getLogger(__name__)

# --- periods -------------------------------------------------------------------------------


@transaction.atomic
def period_create(
    *,
    actor,
    report_type: ReportType,
    kind: str,
    year: int,
    number: int | None = None,
    due: dt.date | None = None,
    blocs: list[Bloc] | None = None,
    open_now: bool = False,
) -> Period:
    permissions.require_manage_periods(actor)
    if kind == Period.QUARTER and number not in (1, 2, 3, 4):
        raise ValidationError("Chọn quý từ I đến IV.")
    if kind != Period.QUARTER:
        number = None
    if Period.objects.filter(report_type=report_type, kind=kind, year=year, number=number).exists():
        raise ValidationError(
            f"Kỳ {selectors.period_title(kind, year, number)} của loại báo cáo này đã có."
        )
    period = Period(report_type=report_type, kind=kind, year=year, number=number, due=due)
    period.full_clean(exclude=["start", "end", "title_folded"])
    period.save()
    audit.record_create(actor=actor, obj=period)
    if blocs or open_now:
        period_open(actor=actor, period=period, blocs=blocs or [])
    return period


@transaction.atomic
def period_open(*, actor, period: Period, blocs: list[Bloc]) -> Period:
    """Open the period for the agencies of ``blocs`` (added to those already open)."""
    permissions.require_manage_periods(actor)
    if period.status == Period.CLOSED:
        raise ValidationError("Kỳ đã khóa sổ: mở lại kèm lý do.")
    if not blocs and not period.blocs.exists():
        raise ValidationError("Chọn ít nhất một khối được báo cáo trong kỳ.")
    before = audit.snapshot(period)
    period.status = Period.OPEN
    period.save()
    period.blocs.add(*blocs)
    audit.record(
        actor=actor,
        action="period_open",
        obj=period,
        changes={
            **audit.diff(before, audit.snapshot(period)),
            "blocs": [b.code for b in period.blocs.all()],
        },
    )
    return period


@transaction.atomic
def period_close(*, actor, period: Period) -> Period:
    permissions.require_manage_periods(actor)
    if period.status != Period.OPEN:
        raise ValidationError("Chỉ khóa sổ được kỳ đang nhận báo cáo.")
    before = audit.snapshot(period)
    period.status = Period.CLOSED
    period.save()
    audit.record_update(actor=actor, obj=period, before=before)
    return period


@transaction.atomic
def period_reopen(*, actor, period: Period, reason: str) -> Period:
    permissions.require_manage_periods(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Nhập lý do mở lại kỳ báo cáo.")
    if period.status != Period.CLOSED:
        raise ValidationError("Chỉ mở lại được kỳ đã khóa sổ.")
    before = audit.snapshot(period)
    period.status = Period.OPEN
    period.last_reason = reason[:500]
    period.save()
    audit.record_update(actor=actor, obj=period, before=before, reason=reason)
    return period


# --- submissions ---------------------------------------------------------------------------


@transaction.atomic
def submission_start(*, actor, period: Period, agency: Agency) -> Submission:
    """The agency's submission for the period, created as a draft on first use."""
    existing = Submission.objects.filter(period=period, agency=agency).first()
    if existing:
        return existing
    permissions.require_start_submission(actor, agency)
    if not period.is_open:
        raise ValidationError("Kỳ báo cáo không mở để nhận báo cáo.")
    if not selectors.agency_in_period(period, agency):
        raise ValidationError("Cơ quan không thuộc các khối được báo cáo trong kỳ này.")
    sub = Submission.objects.create(period=period, agency=agency, updated_at=clock.now())
    audit.record_create(actor=actor, obj=sub)
    return sub


@transaction.atomic
def submission_save(
    *,
    actor,
    submission: Submission,
    values: dict[str, Decimal | None],
    narrative: dict[str, str] | None = None,
    source: str = Submission.FORM,
    where=None,
) -> set[str]:
    """Replace the submission's figures (and narrative). Validates everything first and
    saves nothing on error (ValidationError listing every problem). Returns the codes
    flagged as unusual jumps against the previous period."""
    permissions.require_edit_submission(actor, submission)
    indicators = {i.code: i for i in selectors.indicators_for_agency(submission.agency)}
    unknown = [code for code in values if code not in indicators]
    if unknown:
        raise ValidationError(
            [f"Chỉ tiêu {code} không thuộc báo cáo của cơ quan." for code in unknown]
        )
    errors = validation.check_values(indicators, values, where=where)
    if errors:
        raise ValidationError(errors)
    flagged = validation.jumps(
        indicators, values, selectors.previous_values(submission.period, submission.agency)
    )
    before = {"values": {k: str(v) for k, v in selectors.submission_values(submission).items()}}
    before.update(audit.snapshot(submission))
    submission.values.all().delete()
    SubmissionValue.objects.bulk_create(
        SubmissionValue(
            submission=submission,
            indicator=indicators[code],
            value=value,
            flagged=code in flagged,
        )
        for code, value in values.items()
        if value is not None
    )
    for key in ("results", "shortcomings", "proposals"):
        if narrative and key in narrative:
            setattr(submission, key, (narrative[key] or "").strip())
    submission.source = source
    submission.updated_by = actor
    submission.updated_at = clock.now()
    submission.save()
    after = {"values": {k: str(v) for k, v in values.items() if v is not None}}
    after.update(audit.snapshot(submission))
    audit.record(
        actor=actor,
        action="submission_save",
        obj=submission,
        changes=audit.diff(before, after),
        reason="Nhập từ tệp XLSX" if source == Submission.XLSX else "",
    )
    return flagged


@transaction.atomic
def submission_submit(*, actor, submission: Submission) -> Submission:
    permissions.require_edit_submission(actor, submission)
    if not submission.values.exists():
        raise ValidationError("Báo cáo chưa có số liệu nào.")
    before = audit.snapshot(submission)
    submission.status = Submission.SUBMITTED
    submission.submitted_at = clock.now()
    submission.save()
    audit.record_update(actor=actor, obj=submission, before=before)
    return submission


@transaction.atomic
def submission_approve(*, actor, submission: Submission) -> Submission:
    permissions.require_approve_submission(actor, submission)
    before = audit.snapshot(submission)
    submission.status = Submission.APPROVED
    submission.approved_by = actor
    submission.approved_at = clock.now()
    submission.return_comment = ""
    submission.save()
    audit.record_update(actor=actor, obj=submission, before=before)
    return submission


@transaction.atomic
def submission_return(*, actor, submission: Submission, comment: str) -> Submission:
    permissions.require_approve_submission(actor, submission)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError("Nhập ý kiến khi trả lại báo cáo.")
    before = audit.snapshot(submission)
    submission.status = Submission.RETURNED
    submission.return_comment = comment
    submission.save()
    audit.record_update(actor=actor, obj=submission, before=before, reason=comment)
    return submission


@transaction.atomic
def submission_import_xlsx(*, actor, period: Period, agency: Agency, content: bytes) -> set[str]:
    """Read the agency's filled template: all or nothing, every problem listed."""
    from noichinh.reports.documents import template_xlsx

    permissions.require_upload_submission(actor, agency)
    indicators = {i.code: i for i in selectors.indicators_for_agency(agency)}
    parsed = template_xlsx.read(content, period=period, agency=agency, indicators=indicators)
    if parsed.errors:
        raise ValidationError(parsed.errors)
    submission = submission_start(actor=actor, period=period, agency=agency)
    return submission_save(
        actor=actor,
        submission=submission,
        values=parsed.values,
        narrative=parsed.narrative,
        source=Submission.XLSX,
        where=parsed.cell_of,
    )


# --- reminders and documents -----------------------------------------------------------------


@transaction.atomic
def reminders_send(*, actor, period: Period, agencies: list[Agency], message: str = "") -> int:
    permissions.require_send_reminders(actor, period)
    message = (message or "").strip() or (
        f"Đề nghị quý cơ quan gửi báo cáo {period.title}"
        + (f" trước ngày {period.due:%d/%m/%Y}" if period.due else "")
        + "."
    )
    allowed = set(selectors.scope_for_blocs(period, list(period.blocs.all())).member_ids)
    count = 0
    now = clock.now()
    for agency in agencies:
        if not permissions.is_admin(actor) and agency.pk not in allowed:
            continue
        reminder = Reminder.objects.create(
            period=period, agency=agency, sent_by=actor, sent_at=now, message=message[:500]
        )
        audit.record_create(actor=actor, obj=reminder)
        emails = list(
            User.objects.filter(agency=agency, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if emails:
            send_mail(
                f"Nhắc gửi báo cáo {period.title}",
                message,
                getattr(settings, "DEFAULT_FROM_EMAIL", None),
                emails,
                fail_silently=True,
            )
        count += 1
    return count


@transaction.atomic
def report_issue(
    *,
    actor,
    period: Period,
    blocs: list[Bloc],
    number: str,
    place: str,
    issued_on: dt.date,
    summary: str,
    signer_name: str = "",
    signer_title: str = "",
    whole_province: bool = False,
    results_text: str = "",
    limitations_text: str = "",
    directions_text: str = "",
    recipients: str = "",
) -> ReportDocument:
    if whole_province:
        permissions.require_issue_province_report(actor)
    else:
        permissions.require_issue_for_blocs(actor, period, [b.pk for b in blocs])
    if not number.strip():
        raise ValidationError("Nhập số, ký hiệu văn bản.")
    doc = ReportDocument.objects.create(
        period=period,
        whole_province=whole_province,
        number=number.strip(),
        place=place.strip(),
        issued_on=issued_on,
        summary=summary.strip(),
        signer_name=signer_name.strip(),
        signer_title="\n".join(line.strip() for line in signer_title.splitlines() if line.strip()),
        results_text=results_text.strip(),
        limitations_text=limitations_text.strip(),
        directions_text=directions_text.strip(),
        recipients=recipients.strip(),
        created_by=actor,
        created_at=clock.now(),
    )
    doc.blocs.set(blocs)
    audit.record_create(actor=actor, obj=doc)
    _build_request(actor=actor, document=doc, number=1)
    return doc


def _build_request(*, actor, document: ReportDocument, number: int, reason: str = ""):
    """Record the build of version ``number`` and queue it once the transaction commits."""
    build = ReportBuild.objects.create(
        document=document,
        number=number,
        reason=reason,
        requested_by=actor if getattr(actor, "pk", None) else None,
        requested_at=clock.now(),
        step="Đang chờ dựng tệp",
    )
    transaction.on_commit(lambda: _enqueue(build.pk))
    return build


def _enqueue(build_id: int) -> None:
    from noichinh.reports.tasks import build_report_version

    result = build_report_version.enqueue(build_id=build_id)
    ReportBuild.objects.filter(pk=build_id).update(task_id=str(result.id)[:64])


@transaction.atomic
def report_correct(*, actor, document: ReportDocument, reason: str) -> ReportBuild:
    """A correction: a new version of ``document`` (next number, marked "điều chỉnh"),
    built from the figures of now; the versions already issued stay as they were."""
    permissions.require_correct_report(actor, document)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Nhập lý do điều chỉnh báo cáo.")
    document = ReportDocument.objects.select_for_update().get(pk=document.pk)
    if document.builds.filter(status__in=[ReportBuild.QUEUED, ReportBuild.RUNNING]).exists():
        raise ValidationError("Báo cáo đang được dựng tệp: chờ xong rồi điều chỉnh.")
    last = document.builds.order_by("-number").values_list("number", flat=True).first() or 0
    build = _build_request(actor=actor, document=document, number=last + 1, reason=reason[:500])
    audit.record(
        actor=actor,
        action="report_correct",
        obj=document,
        changes={"version": [last, last + 1]},
        reason=reason,
    )
    return build


def report_version_sign(*, actor, version: ReportVersion, key):
    """Sign an issued version's PDF (PAdES) with ``key`` (``core.pdfsign.KeySource``): the
    signed copy is stored beside the version, whose bytes stay as issued."""
    from noichinh.core import services as core_services
    from noichinh.core.models import SignedPdf

    document = version.document
    permissions.require_sign_report(actor, document)
    pdf = ReportVersion.objects.filter(pk=version.pk).values_list("pdf", flat=True)[0]
    return core_services.pdf_sign(
        actor=actor,
        kind=SignedPdf.REPORT_VERSION,
        object_id=version.pk,
        pdf=bytes(pdf),
        key=key,
        signer_name=document.signer_name,
        reason=f"Ký ban hành báo cáo số {document.number}",
        location=document.place,
        object_repr=str(version),
    )


def report_build_again(*, actor, document: ReportDocument) -> ReportBuild | None:
    """Queue again the first version of a document whose build failed or never ran (a
    document issued before versions existed); None when a version or a build is there."""
    permissions.require_view_report(actor, document)
    with transaction.atomic():
        build = document.builds.order_by("-number").first()
        if build is None:
            return _build_request(actor=actor, document=document, number=1)
        if build.status == ReportBuild.FAILED:
            build.status, build.progress, build.error = ReportBuild.QUEUED, 0, ""
            build.step = "Đang chờ dựng tệp"
            build.save()
            transaction.on_commit(lambda: _enqueue(build.pk))
            return build
    return None
