"""POST /api/v1/import/extract: the draft for a text, as JSON. Creates nothing.

Answers: 200 with the draft (a text with no figures gives a draft with no indicators and
a warning saying so); 400 with a Vietnamese ``detail`` for a missing or empty text, a text
over 1 MB, binary or garbled content, or a body that is not JSON; 403 for users other
than the secretariat and the administrator.
"""

from __future__ import annotations

import json

from django.core.exceptions import RequestDataTooBig
from ninja import Router, Schema, Status

from noichinh.core.formats import parse_vn_date
from noichinh.textimport import permissions

from . import services
from .extract import ExtractionError

PREFIX = "/import"
router = Router(tags=["Nhập từ văn bản"])


class ErrorOut(Schema):
    detail: str


_REQUEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["text"],
                    "properties": {
                        "text": {
                            "type": "string",
                            "description": "Nội dung bài viết, báo cáo (UTF-8, tối đa 1 MB).",
                        },
                        "reference_date": {
                            "type": "string",
                            "description": (
                                "Tùy chọn: ngày của bài viết (yyyy-mm-dd hoặc dd/mm/yyyy), để suy "
                                "ra năm khi văn bản và dòng ngày đăng không ghi năm."
                            ),
                        },
                    },
                },
                "example": {
                    "text": "Sáng 8/7, khối Nội chính tỉnh tổ chức hội nghị giao ban quý III năm 2022…"
                },
            }
        },
    }
}


def _error(status: int, detail: str) -> Status:
    return Status(status, {"detail": detail})


@router.post(
    "/extract",
    response={200: dict, 400: ErrorOut, 403: ErrorOut},
    summary="Trích xuất bản nháp từ văn bản tiếng Việt (không lưu gì)",
    description=(
        "Trả về `{event: {type, blocs, province, date, period, steering_committee}, "
        "chair: {name, titles, co_chairs}, indicators: [{text, value, qualifier, unit, subject, "
        "indicator_code, span, change, reference}], tasks: [{text, agency, span}], awards: [{issuer, form, "
        "collectives, individuals, span}], warnings: [{message, span}]}`. `span` là vị trí "
        "[đầu, cuối) trong văn bản gửi lên. `change` là increase/decrease cho số liệu tăng/giảm "
        "(`reference`: so với kỳ nào), null cho mức đạt được. Tùy chọn `reference_date` (yyyy-mm-dd): ngày của "
        "bài viết, để suy ra năm khi văn bản không ghi; không bao giờ lấy năm theo hôm nay. Văn bản không có số liệu: bản nháp không có chỉ "
        "tiêu kèm cảnh báo."
    ),
    openapi_extra=_REQUEST_BODY,
)
def extract_draft(request):
    if not permissions.can_import_text(request.user):
        return _error(403, permissions.IMPORT_DENIED_MESSAGE)
    try:
        body = request.body
    except RequestDataTooBig:
        return _error(400, "Văn bản quá dài: tối đa 1 MB. Hãy tách thành nhiều phần.")
    try:
        payload = json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError):
        return _error(400, 'Dữ liệu gửi lên không phải JSON hợp lệ: gửi {"text": "…"}.')
    if not isinstance(payload, dict) or "text" not in payload:
        return _error(400, 'Thiếu trường "text": gửi {"text": "nội dung văn bản"}.')
    text = payload["text"]
    if text is None or (isinstance(text, str) and not text.strip()):
        return _error(400, "Văn bản trống: hãy gửi nội dung bài viết, báo cáo.")
    if not isinstance(text, str):
        return _error(400, 'Trường "text" phải là một chuỗi văn bản.')
    reference = payload.get("reference_date")
    if reference is not None:
        try:
            reference = parse_vn_date(str(reference))
        except ValueError:
            return _error(400, "Ngày tham chiếu không hợp lệ: gửi dạng yyyy-mm-dd hoặc dd/mm/yyyy.")
    try:
        draft = services.draft_for_text(text=text, normalise=False, reference_date=reference)
    except ExtractionError as exc:
        return _error(400, exc.message_vi)
    return Status(200, draft.to_dict())
