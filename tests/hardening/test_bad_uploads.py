"""Malformed uploads to the import pages: a clear message, never a 500, nothing saved."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from noichinh.petitions.models import Petition, Visit

pytestmark = pytest.mark.django_db


def _xlsx(rows) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _zip_bomb_xlsx(uncompressed_mb: int = 30) -> bytes:
    """A valid-looking XLSX whose one sheet inflates to ``uncompressed_mb`` MB of rows."""
    good = zipfile.ZipFile(io.BytesIO(_xlsx([["Số", "Nội dung"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in good.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
                body = row * (uncompressed_mb * 1024 * 1024 // len(row))
                data = (
                    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                    b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                    + body
                    + b"</sheetData></worksheet>"
                )
                z.writestr(item, data)
            else:
                z.writestr(item, good.read(item.filename))
    return out.getvalue()


BAD_FILES = {
    "truncated xlsx": ("so-don.xlsx", _xlsx([["Số", "Nội dung"], ["1", "Khiếu nại"]])[:300]),
    "not a zip": ("so-don.xlsx", b"this is not a workbook at all"),
    "utf-16 csv": ("so-don.csv", "Số;Nội dung\n1;Khiếu nại đất\n".encode("utf-16")),
    "binary csv": ("so-don.csv", bytes(range(256)) * 20),
    "empty csv": ("so-don.csv", b""),
    "wrong extension": ("so-don.pdf", b"%PDF-1.4 ..."),
}


@pytest.mark.parametrize(
    "case,file",
    [
        pytest.param(k, *v.values, marks=v.marks, id=k)
        if hasattr(v, "marks")
        else pytest.param(k, v, id=k)
        for k, v in BAD_FILES.items()
    ],
)
def test_a_malformed_petition_register_file_is_refused_with_a_message(case, file, users, agencies):
    from django.test import Client

    name, data = file
    client = Client(raise_request_exception=False)
    client.force_login(users["canbo_tcd"])
    before = (Petition.objects.count(), Visit.objects.count())
    response = client.post(
        reverse("petitions:import"),
        {
            "stage": "upload",
            "agency": agencies["BTCD"].pk,
            "kind": "petition",
            "file": SimpleUploadedFile(name, data),
        },
    )
    assert response.status_code in (200, 400), f"{case}: {response.status_code}"
    page = response.content.decode()
    assert "errorlist" in page or "Không" in page or "Chỉ nhận" in page, case
    assert (Petition.objects.count(), Visit.objects.count()) == before


def test_a_zip_bomb_workbook_is_refused_before_it_is_inflated_without_saving(
    users, agencies, monkeypatch
):
    from noichinh.petitions import importing

    data = _zip_bomb_xlsx(30)
    assert len(data) < 1_000_000  # small on the wire, 30 MB inflated

    def never(data):
        raise AssertionError("the workbook was opened: the bomb was inflated")

    monkeypatch.setattr(importing, "_xlsx_rows", never)
    # Refused from the zip's own directory (inflated size against compressed), before parsing:
    # no reader ever inflates it (a work bound, not a timing: speed is measured by make bench).
    with pytest.raises(importing.ImportFileError, match="nén quá mức"):
        importing.read_table(data, "bom.xlsx")
    assert Petition.objects.count() == 0


def test_a_huge_cell_does_not_crash_the_preview(users, agencies):
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(users["canbo_tcd"])
    data = _xlsx([["Số", "Nội dung"], ["1", "Khiếu nại " * 3000]])
    response = client.post(
        reverse("petitions:import"),
        {
            "stage": "upload",
            "agency": agencies["BTCD"].pk,
            "kind": "petition",
            "file": SimpleUploadedFile("so-don.xlsx", data),
        },
    )
    assert response.status_code == 200
    assert Petition.objects.count() == 0


@pytest.mark.parametrize(
    "name,data",
    [
        ("bai-viet.docx", b"PK\x03\x04truncated"),
        ("bai-viet.txt", "Hoi nghi tong ket".encode("utf-16-le") + b"\xff\xfe\x00"),
        ("bai-viet.docx", b""),
    ],
)
def test_a_malformed_text_import_file_is_refused_with_a_message(name, data):
    from noichinh.textimport.extract import ExtractionError
    from noichinh.textimport.sources import read_upload

    with pytest.raises(ExtractionError) as exc:
        read_upload(SimpleUploadedFile(name, data))
    assert str(exc.value)


def test_the_report_template_and_the_task_progress_sheet_refuse_a_zip_bomb_too(users):
    from noichinh.briefings import services as briefing_services
    from noichinh.briefings.models import TaskUpdate
    from noichinh.core.uploads import ZIP_BOMB_MESSAGE
    from noichinh.reports.documents import template_xlsx
    from noichinh.reports.models import SubmissionValue

    data = _zip_bomb_xlsx(30)
    parsed = template_xlsx.read(data, period=None, agency=None, indicators={})
    assert parsed.errors == [ZIP_BOMB_MESSAGE] and not parsed.cells
    upload = SimpleUploadedFile("tien-do.xlsx", data)
    with pytest.raises(briefing_services.ImportErrors) as refused:
        briefing_services.tasks_import_progress(actor=users["canbo"], upload=upload)
    assert refused.value.rows == [ZIP_BOMB_MESSAGE]
    assert not SubmissionValue.objects.exists() and not TaskUpdate.objects.exists()
