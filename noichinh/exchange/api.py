"""Exchange API: export a bundle (by period, or the changes after a cursor) and import one.

Only administrators and accounts with the exchange permission (``can_exchange_data``); the
bundle's format is docs/exchange/1.0/.
"""

import json

from django.core.exceptions import ValidationError
from ninja import Router, Schema

from noichinh.core.apitypes import Day
from noichinh.exchange import crypto, permissions, services

PREFIX = "/exchange"
router = Router(tags=["exchange"])


def _require(user) -> None:
    permissions.require_exchange_data(user)


class ExportIn(Schema):
    start: Day | None = None
    end: Day | None = None
    since: str | None = None
    recipient_public_key: str | None = None


class ImportOut(Schema):
    created: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]


@router.get("/bundle", summary="Xuất gói dữ liệu trao đổi (theo kỳ hoặc từ con trỏ)")
def bundle_get(request, start: Day | None = None, end: Day | None = None, since: str = ""):
    _require(request.auth)
    return services.bundle_export(actor=request.auth, start=start, end=end, since=since or None)


@router.post("/export", summary="Xuất gói dữ liệu, thông tin người gửi mã hóa cho nơi nhận")
def bundle_export(request, payload: ExportIn):
    _require(request.auth)
    key = None
    if payload.recipient_public_key:
        try:
            key = crypto.load_public_key(payload.recipient_public_key.encode())
        except ValueError as exc:
            raise ValidationError(str(exc) or "Khóa công khai không hợp lệ.") from exc
    return services.bundle_export(
        actor=request.auth,
        start=payload.start,
        end=payload.end,
        since=payload.since,
        recipient_key=key,
    )


@router.post("/bundle", response=ImportOut, summary="Nhập gói dữ liệu từ nơi khác")
def bundle_post(request):
    _require(request.auth)
    try:
        bundle = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError("Nội dung JSON không hợp lệ.") from exc
    return services.bundle_import(actor=request.auth, bundle=bundle).summary()
