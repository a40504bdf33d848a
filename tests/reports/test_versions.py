"""Issued reports stay as issued: a version freezes figures, text, files (SHA-256) and the
audit checkpoint; a correction is a new version; the page shows what changed."""

import datetime as dt
import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from noichinh.core.models import AppendOnlyError, AuditEntry
from noichinh.reports import selectors, services
from noichinh.reports.models import Period, ReportBuild, ReportVersion


@pytest.fixture
def q2(demo_reports):
    return Period.objects.get(kind="Q", year=2022, number=2)


@pytest.fixture
def issued(q2, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.report_issue(
            actor=users["thuky"],
            period=q2,
            blocs=list(q2.blocs.all()),
            number="125-BC/BNCTU",
            place="Hòa Sơn",
            issued_on=dt.date(2022, 7, 8),
            summary="Báo cáo quý II",
            signer_title="Phó Trưởng Ban",
            signer_name="Nguyễn Văn An",
        )


def _add_visit(users, agencies, day=dt.date(2022, 5, 10)):
    from noichinh.petitions import services as petitions

    return petitions.visit_create(
        actor=users["canbo"],
        agency=agencies["TTT"],
        visited_on=day,
        content="Công dân hỏi về tiến độ giải quyết đơn.",
        visitor_name="Trần Văn Bình",
        **_late_kwargs(),
    )


def _late_kwargs():
    # Quý II/2022 is closed: a visit dated in it is a late change, with its reason.
    return {"late_reason": "Sổ giấy ghi bổ sung sau khi khóa sổ"}


def _live_visits(period):
    scope = selectors.scope_for_blocs(period, list(period.blocs.all()))
    return selectors.aggregate(period, scope, with_statuses=False).row("reception.visits").value


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_issued_version_downloads_the_same_bytes_after_a_new_record(
    issued, q2, client, users, agencies, fmt
):
    client.force_login(users["thuky"])
    first = client.get(f"/reports/documents/{issued.pk}/file.{fmt}")
    assert first.status_code == 200
    before_live = _live_visits(q2)

    _add_visit(users, agencies)

    assert _live_visits(q2) == (before_live or 0) + 1  # the live draft moves
    again = client.get(f"/reports/documents/{issued.pk}/file.{fmt}")
    assert again.status_code == 200
    assert again.content == first.content
    version = ReportVersion.objects.get(document=issued)
    assert hashlib.sha256(again.content).hexdigest() == getattr(version, f"{fmt}_sha256")
    assert again["X-Content-SHA256"] == first["X-Content-SHA256"]
    assert version.figures["reception.visits"]["value"] == before_live


def test_version_stores_figures_text_and_prints_the_audit_checkpoint(issued):
    version = ReportVersion.objects.get(document=issued)
    assert version.number == 1 and version.label == "Bản ban hành"
    assert version.figures["crimes.detected"]["value"] == 167
    assert "125-BC/BNCTU" in version.text
    # The checkpoint is the chain's head at that moment, printed as the last line.
    entry = AuditEntry.objects.get(seq=version.audit_seq)
    assert entry.hash == version.audit_head
    document = Document(io.BytesIO(bytes(version.docx)))
    last = document.paragraphs[-1].text
    assert f"#{version.audit_seq}" in last and version.audit_head[:16] in last
    # And the version itself is in the audit chain.
    assert AuditEntry.objects.filter(
        action="report_version", model="reports.reportversion", object_id=str(version.pk)
    ).exists()


def test_versions_are_never_edited_nor_deleted(issued):
    version = ReportVersion.objects.get(document=issued)
    version.text = "sửa"
    with pytest.raises(AppendOnlyError):
        version.save()
    with pytest.raises(AppendOnlyError):
        version.delete()
    with pytest.raises(AppendOnlyError):
        ReportVersion.objects.filter(pk=version.pk).update(text="sửa")
    with pytest.raises(AppendOnlyError):
        ReportVersion.objects.filter(pk=version.pk).delete()
    assert ReportVersion.objects.get(pk=version.pk).text != "sửa"


def test_correction_is_a_new_version_and_the_page_shows_what_changed(
    issued, q2, client, users, agencies, django_capture_on_commit_callbacks
):
    first = ReportVersion.objects.get(document=issued)
    _add_visit(users, agencies)
    client.force_login(users["thuky"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/reports/documents/{issued.pk}/correct/",
            {"reason": "Bổ sung lượt tiếp ghi sổ muộn"},
        )
    assert response.status_code == 302
    second = ReportVersion.objects.get(document=issued, number=2)
    assert second.label == "Bản điều chỉnh lần 1"
    assert "Bản điều chỉnh lần 1: Bổ sung lượt tiếp ghi sổ muộn" in second.text
    assert ReportVersion.objects.get(pk=first.pk).docx_sha256 == first.docx_sha256

    page = client.get(f"/reports/documents/{issued.pk}/").content.decode()
    assert "Bản điều chỉnh lần 1 so với bản ban hành" in page
    changes = selectors.version_changes(list(issued.versions.all()))
    rows = {name: (a, b) for name, a, b in changes[0]["rows"]}
    old = first.figures["reception.visits"]["value"] or 0
    assert rows["Lượt tiếp công dân"] == (first.figures["reception.visits"]["text"], str(old + 1))
    assert "Vụ phạm tội phát hiện" not in rows  # unchanged figures are not listed
    # The latest version is the default download; the first stays downloadable.
    assert client.get(f"/reports/documents/{issued.pk}/file.docx").content == bytes(second.docx)
    assert client.get(f"/reports/documents/{issued.pk}/file.docx?v=1").content == bytes(first.docx)


def test_correction_needs_a_reason_and_the_right_to_issue(issued, users):
    with pytest.raises(ValidationError):
        services.report_correct(actor=users["thuky"], document=issued, reason="  ")
    with pytest.raises(PermissionDenied):
        services.report_correct(actor=users["canbo"], document=issued, reason="Sửa")
    with pytest.raises(PermissionDenied):
        services.report_correct(actor=users["lanhdao"], document=issued, reason="Sửa")
    assert issued.versions.count() == 1


def test_officer_cannot_download_nor_correct_through_the_page(issued, client, users):
    client.force_login(users["canbo"])
    assert client.get(f"/reports/documents/{issued.pk}/file.pdf").status_code == 403
    assert client.get(f"/reports/documents/{issued.pk}/build/").status_code == 403
    response = client.post(f"/reports/documents/{issued.pk}/correct/", {"reason": "Sửa"})
    assert response.status_code == 403
    assert issued.versions.count() == 1


def test_page_polls_the_build_progress_until_the_files_are_ready(q2, client, users):
    # Without running the queued task: the build waits for the worker.
    doc = services.report_issue(
        actor=users["thuky"],
        period=q2,
        blocs=list(q2.blocs.all()),
        number="126-BC/BNCTU",
        place="Hòa Sơn",
        issued_on=dt.date(2022, 7, 8),
        summary="",
    )
    build = ReportBuild.objects.get(document=doc)
    assert build.status == ReportBuild.QUEUED
    client.force_login(users["thuky"])
    page = client.get(f"/reports/documents/{doc.pk}/").content.decode()
    assert f'hx-get="/reports/documents/{doc.pk}/build/"' in page
    assert "Đang chờ dựng tệp" in page and "<progress" in page
    # A download before the files exist goes back to the page, never rebuilt live.
    response = client.get(f"/reports/documents/{doc.pk}/file.docx")
    assert response.status_code == 302 and response["Location"].endswith(f"/documents/{doc.pk}/")

    services.report_version_build(build_id=build.pk)  # what the worker does
    partial = client.get(f"/reports/documents/{doc.pk}/build/").content.decode()
    assert "hx-get" not in partial and "<progress" not in partial
    assert 'data-testid="download-docx"' in partial
    assert services.report_version_build(build_id=build.pk) is None  # idempotent
    assert doc.versions.count() == 1


def test_admin_shows_versions_but_cannot_change_or_delete_them(issued, client, users):
    from django.contrib.auth import get_user_model

    admin_user = get_user_model().objects.filter(is_superuser=True).first() or users["admin"]
    client.force_login(admin_user)
    version = ReportVersion.objects.get(document=issued)
    assert client.get("/admin/reports/reportversion/").status_code == 200
    page = client.get(f"/admin/reports/reportversion/{version.pk}/change/")
    assert page.status_code == 200 and b'name="_save"' not in page.content
    delete = client.post(f"/admin/reports/reportversion/{version.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403
    assert ReportVersion.objects.filter(pk=version.pk).exists()


def test_a_document_issued_before_versions_existed_gets_its_files_once(
    q2, client, users, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from noichinh.reports.models import ReportDocument

    doc = ReportDocument.objects.create(
        period=q2,
        number="9-BC/BNC",
        place="Hòa Sơn",
        issued_on=dt.date(2022, 7, 8),
        summary="",
        created_by=users["thuky"],
        created_at=timezone.now(),
    )
    doc.blocs.set(q2.blocs.all())
    client.force_login(users["canbo"])
    assert client.post(f"/reports/documents/{doc.pk}/rebuild/").status_code == 403
    client.force_login(users["thuky"])
    assert (
        'data-testid="build-first"' in client.get(f"/reports/documents/{doc.pk}/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/reports/documents/{doc.pk}/rebuild/").status_code == 302
        client.post(f"/reports/documents/{doc.pk}/rebuild/")  # a second click builds nothing more
    assert doc.versions.count() == 1
    assert client.get(f"/reports/documents/{doc.pk}/file.pdf").content[:4] == b"%PDF"


def test_the_xlsx_of_a_version_carries_the_checkpoint_too(issued):
    from openpyxl import load_workbook

    version = ReportVersion.objects.get(document=issued)
    wb = load_workbook(io.BytesIO(bytes(version.xlsx)))
    assert f"#{version.audit_seq} · {version.audit_head[:16]}" in wb.worksheets[0]["A2"].value
