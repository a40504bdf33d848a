"""Reading the text to import: pasted text and uploaded .txt/.docx files.

Every failure raises ``ExtractionError`` with a Vietnamese message for the user; nothing
is stored. Line endings are normalised to "\\n" so that the spans of a draft stay valid
when the text travels back and forth through a form (browsers send "\\r\\n").
"""

from __future__ import annotations

import io
import zipfile

from .extract import MAX_TEXT_BYTES, ExtractionError

ALLOWED_EXTENSIONS = (".txt", ".docx")
MAX_DOCX_BYTES = 5 * 1024 * 1024
# A .docx is a zip: refuse one whose XML would unpack to more than this (zip bombs).
MAX_DOCX_UNPACKED_BYTES = 40 * 1024 * 1024


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_upload(uploaded) -> str:
    """The text of an uploaded .txt (UTF-8, or UTF-16 with a byte-order mark) or .docx file."""
    name = (getattr(uploaded, "name", "") or "").lower()
    size = getattr(uploaded, "size", None)
    if not name.endswith(ALLOWED_EXTENSIONS):
        raise ExtractionError(
            "Chỉ nhận tệp văn bản .txt hoặc tệp Word .docx (tệp .doc, .pdf, ảnh… chưa đọc được: "
            "hãy lưu lại thành .docx hoặc dán nội dung)."
        )
    if name.endswith(".txt"):
        if size is not None and size > MAX_TEXT_BYTES:
            raise ExtractionError("Tệp .txt quá lớn: tối đa 1 MB.")
        data = uploaded.read(MAX_TEXT_BYTES + 1)
        if len(data) > MAX_TEXT_BYTES:
            raise ExtractionError("Tệp .txt quá lớn: tối đa 1 MB.")
        return normalise_newlines(_decode_txt(data))
    if size is not None and size > MAX_DOCX_BYTES:
        raise ExtractionError("Tệp .docx quá lớn: tối đa 5 MB.")
    data = uploaded.read(MAX_DOCX_BYTES + 1)
    if len(data) > MAX_DOCX_BYTES:
        raise ExtractionError("Tệp .docx quá lớn: tối đa 5 MB.")
    return normalise_newlines(_docx_text(data))


def _decode_txt(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    raise ExtractionError(
        "Tệp .txt không phải văn bản UTF-8 (có thể là tệp nhị phân hoặc sai bảng mã): "
        "hãy lưu lại với bảng mã UTF-8."
    )


def _docx_text(data: bytes) -> str:
    broken = ExtractionError("Tệp .docx bị hỏng hoặc không phải tệp Word: không đọc được nội dung.")
    if not data.startswith(b"PK"):
        raise broken
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if "word/document.xml" not in archive.namelist():
                raise broken
    except zipfile.BadZipFile:
        raise broken
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise ExtractionError("Tệp .docx quá lớn khi giải nén: hãy tách thành nhiều tệp.")
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    if cell.text not in cells:  # merged cells repeat their text
                        cells.append(cell.text)
                lines.append("; ".join(cells))
    except Exception:  # noqa: BLE001 - any parse failure is a broken file for the user
        raise broken
    return "\n".join(lines)
