"""Input checks and the normalised text: what is refused, and the offsets back to the
original (every span points into the text as given)."""

from __future__ import annotations

import datetime as dt
import unicodedata

from .draft import MAX_TEXT_BYTES, ExtractionError


def _validate(text: object, reference_date: object) -> str:
    if reference_date is not None and not isinstance(reference_date, dt.date):
        raise ExtractionError("Ngày tham chiếu không hợp lệ.")
    if isinstance(text, bytes | bytearray):
        if len(text) > MAX_TEXT_BYTES:
            raise ExtractionError(_too_long_message())
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            raise ExtractionError("Tệp không phải văn bản UTF-8: không đọc được nội dung.")
    if not isinstance(text, str):
        raise ExtractionError("Dữ liệu đưa vào không phải là văn bản.")
    if not text.strip():
        raise ExtractionError("Văn bản trống: hãy dán hoặc tải lên nội dung bài viết, báo cáo.")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        raise ExtractionError("Văn bản chứa ký tự không hợp lệ (không phải văn bản thông thường).")
    if size > MAX_TEXT_BYTES:
        raise ExtractionError(_too_long_message())
    _reject_garbage(text)
    return text


def _too_long_message() -> str:
    return f"Văn bản quá dài: tối đa {MAX_TEXT_BYTES // 1024} KB (1 MB). Hãy tách thành nhiều phần."


def _reject_garbage(text: str) -> None:
    if "\x00" in text:
        raise ExtractionError(
            "Nội dung là dữ liệu nhị phân, không phải văn bản: không trích xuất được."
        )
    sample = text[:200_000]
    bad = 0
    for ch in sample:
        if ch in "\t\n\r\f\v":
            continue
        cat = unicodedata.category(ch)
        if ch == "\ufffd" or cat in ("Cc", "Cs", "Co", "Cn"):
            bad += 1
    if bad > max(2, len(sample) // 200):
        raise ExtractionError(
            "Văn bản chứa nhiều ký tự lạ (có thể là tệp nhị phân hoặc sai bảng mã): không trích xuất được."
        )
    letters = sum(1 for ch in sample if ch.isalpha())
    if letters == 0 and not any(ch.isdigit() for ch in sample):
        raise ExtractionError("Văn bản không có chữ hay số nào để trích xuất.")


class _Offsets:
    """Maps positions in the NFC form of the text back to the original text."""

    def __init__(self, original: str):
        normal = unicodedata.normalize("NFC", original)
        self.text = normal
        self.identity = normal == original
        if self.identity:
            return
        starts: list[int] = []
        ends: list[int] = []
        i = 0
        n = len(original)
        while i < n:
            j = i + 1
            while j < n and unicodedata.combining(original[j]):
                j += 1
            piece = unicodedata.normalize("NFC", original[i:j])
            for _ in piece:
                starts.append(i)
                ends.append(j)
            i = j
        if len(starts) != len(normal):  # pragma: no cover - clusters normalise independently
            self.identity = True
            self.text = original
            return
        self.starts = starts
        self.ends = ends
        self.length = n

    def span(self, start: int, end: int) -> list[int]:
        if self.identity:
            return [start, end]
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else self.length
            return [pos, pos]
        return [self.starts[start], self.ends[end - 1]]
