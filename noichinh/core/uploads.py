"""Checks on an uploaded Office file before any library parses it."""

import io
import zipfile

# A part of an XLSX/DOCX that inflates past ZIP_MAX_BYTES, or more than ZIP_RATIO times its
# compressed size once past ZIP_SUSPECT_BYTES, is refused from the zip's own directory. Real
# registers compress about 10:1 (200,000 rows are under 100 MB of XML); a zip bomb 100:1 to
# 1000:1, and parsing one took 30 s (read-only) or gigabytes of memory (openpyxl full mode).
ZIP_MAX_BYTES = 300 * 1024 * 1024
ZIP_SUSPECT_BYTES = 10 * 1024 * 1024
ZIP_RATIO = 100
ZIP_BOMB_MESSAGE = (
    "Tệp bất thường: nội dung nén quá mức (có thể là tệp độc hại), hệ thống không đọc tệp này."
)


def zip_bomb_message(data) -> str | None:
    """The Vietnamese message when ``data`` (bytes or a file) is a zip that inflates suspiciously,
    else None (also for what is not a zip at all: the parser then says so)."""
    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    position = stream.tell() if hasattr(stream, "tell") else None
    try:
        members = zipfile.ZipFile(stream).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        if position is not None:
            stream.seek(position)
    for info in members:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > ZIP_MAX_BYTES or (
            info.file_size > ZIP_SUSPECT_BYTES and ratio > ZIP_RATIO
        ):
            return ZIP_BOMB_MESSAGE
    return None
