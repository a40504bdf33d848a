"""Building the files of an issued report version (the background task
``reports.tasks.build_report_version``): the figures, text, DOCX, PDF and XLSX of one assembly,
frozen with their SHA-256 and the audit checkpoint. The services queue the build
(``services._build_request``); the task, which they enqueue, runs it from here."""

from __future__ import annotations

import hashlib
import io
import logging

from django.db import transaction

from noichinh.core import audit, clock
from noichinh.reports.models import ReportBuild, ReportVersion

# The services' logger, as before the build had its own module.
log = logging.getLogger("noichinh.reports.services")


def _audit_checkpoint() -> dict:
    """{seq, head, at, …} of the audit chain now, anchored outside the database
    (``audit.checkpoint``): printed on the issued document, kept with its version."""
    return audit.checkpoint()


def _docx_text(content: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _sha(content: bytes | None) -> str:
    return hashlib.sha256(content).hexdigest() if content is not None else ""


def _progress(build: ReportBuild, percent: int, step: str) -> None:
    ReportBuild.objects.filter(pk=build.pk).update(progress=percent, step=step)


def report_version_build(*, build_id: int) -> int | None:
    """Build the version a ``ReportBuild`` asks for: figures, text, DOCX, PDF and XLSX from
    one assembly, stored with their SHA-256 and the audit checkpoint (background task).
    Idempotent: a build already claimed, done or gone is left alone. Returns the version id."""
    from noichinh.reports.documents import docx_report, pdf_xlsx, report

    with transaction.atomic():
        build = (
            ReportBuild.objects.select_for_update(skip_locked=True)
            .filter(pk=build_id, status=ReportBuild.QUEUED)
            .first()
        )
        if build is None:
            return None
        build.status, build.progress, build.step = ReportBuild.RUNNING, 5, "Đang tổng hợp số liệu"
        build.save(update_fields=["status", "progress", "step"])
    document = build.document
    actor = build.requested_by
    try:
        checkpoint = _audit_checkpoint()
        scope = report.document_scope(document)
        meta = report.document_meta(document, scope, user=actor)
        if build.number > 1:
            meta.correction = f"Bản điều chỉnh lần {build.number - 1}: {build.reason}"
        seq = checkpoint["seq"]
        meta.stamp = (
            f"Số liệu chốt theo nhật ký hệ thống #{seq} · {checkpoint['head'][:16]}"
            if seq
            else "Số liệu chốt khi nhật ký hệ thống chưa có bản ghi"
        )
        data = report.assemble(document.period, scope, meta)
        _progress(build, 30, "Đang dựng tệp DOCX")
        docx_bytes = docx_report.build(data)
        _progress(build, 55, "Đang dựng tệp PDF")
        pdf_bytes = pdf_xlsx.pdf(data)
        _progress(build, 85, "Đang dựng bảng XLSX")
        xlsx_bytes = pdf_xlsx.xlsx(data)
        _progress(build, 95, "Đang lưu bản ban hành")
        with transaction.atomic():
            version = ReportVersion.objects.create(
                document=document,
                number=build.number,
                reason=build.reason,
                figures=report.figures_snapshot(data.agg),
                text=_docx_text(docx_bytes),
                docx=docx_bytes,
                docx_sha256=_sha(docx_bytes),
                pdf=pdf_bytes,
                pdf_sha256=_sha(pdf_bytes),
                xlsx=xlsx_bytes,
                xlsx_sha256=_sha(xlsx_bytes),
                audit_seq=checkpoint["seq"],
                audit_head=checkpoint["head"] or "",
                audit_at=checkpoint["at"],
                created_by=actor,
                created_at=clock.now(),
            )
            audit.record(
                actor=actor,
                action="report_version",
                obj=version,
                changes={
                    "number": [None, version.number],
                    "docx_sha256": [None, version.docx_sha256],
                    "pdf_sha256": [None, version.pdf_sha256],
                    "xlsx_sha256": [None, version.xlsx_sha256],
                    "audit_seq": [None, version.audit_seq],
                },
                reason=build.reason,
            )
            ReportBuild.objects.filter(pk=build.pk).update(
                status=ReportBuild.DONE,
                progress=100,
                step="Đã xong",
                version=version,
                finished_at=clock.now(),
            )
        return version.pk
    except Exception as exc:
        log.exception("report build %s failed", build.pk)
        ReportBuild.objects.filter(pk=build.pk).update(
            status=ReportBuild.FAILED,
            step="Lỗi khi dựng tệp",
            error=str(exc)[:2000],
            finished_at=clock.now(),
        )
        return None
