"""The JSON API under /api/v1/: personal bearer tokens or the web session."""

import datetime as dt
import importlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth

from noichinh.core import clock
from noichinh.core.apitypes import VIETNAMESE_ERRORS
from noichinh.core.calendar import CalendarError


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        from noichinh.org.models import ApiToken

        now = clock.now()
        found = (
            ApiToken.objects.select_related("user", "user__agency")
            .filter(ApiToken.usable_q(now), key_hash=ApiToken.hash_key(token))
            .first()
        )
        if found is None:
            return None
        # At most one write a minute per token: a write on every read cost every API call a
        # commit (seen in the load test).
        if found.last_used_at is None or now - found.last_used_at > dt.timedelta(minutes=1):
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


api = NinjaAPI(
    title="Nội chính API",
    version="1",
    description="API của hệ thống Nội chính. Xác thực bằng `Authorization: Bearer <token>` "
    "(tạo bằng `manage.py create_api_token USERNAME`; hết hạn sau một số ngày, bị thu hồi khi "
    "đổi mật khẩu) hoặc phiên đăng nhập web.",
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
)


@api.exception_handler(CalendarError)
def _calendar_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(ValidationError)
def _validation_error(request, exc):
    return api.create_response(request, {"detail": "; ".join(exc.messages)}, status=400)


# Pydantic's messages are English; the API answers in Vietnamese (same shape as ninja's 422:
# {"detail": [{"type", "loc", "msg"}]}). Our own bounded types (core.apitypes) already speak
# Vietnamese and keep their message.
_VI = {
    "missing": "Thiếu trường bắt buộc.",
    "int_parsing": "Phải là số nguyên.",
    "int_type": "Phải là số nguyên.",
    "int_from_float": "Phải là số nguyên.",
    "float_parsing": "Phải là số.",
    "float_type": "Phải là số.",
    "decimal_parsing": "Phải là số.",
    "bool_parsing": "Phải là true hoặc false.",
    "bool_type": "Phải là true hoặc false.",
    "string_type": "Phải là chuỗi ký tự.",
    "date_parsing": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "date_from_datetime_parsing": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "date_type": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "datetime_parsing": "Thời điểm không hợp lệ (định dạng ISO 8601).",
    "json_invalid": "Nội dung JSON không hợp lệ.",
    "model_attributes_type": "Nội dung phải là một đối tượng JSON.",
    "dict_type": "Nội dung phải là một đối tượng JSON.",
    "list_type": "Phải là một danh sách.",
    "string_too_long": "Quá dài: tối đa {max_length} ký tự.",
    "string_too_short": "Quá ngắn: tối thiểu {min_length} ký tự.",
    "too_long": "Quá nhiều phần tử: tối đa {max_length}.",
    "greater_than_equal": "Phải lớn hơn hoặc bằng {ge}.",
    "greater_than": "Phải lớn hơn {gt}.",
    "less_than_equal": "Phải nhỏ hơn hoặc bằng {le}.",
    "less_than": "Phải nhỏ hơn {lt}.",
    "enum": "Giá trị không hợp lệ; chọn một trong: {expected}.",
    "literal_error": "Giá trị không hợp lệ; chọn một trong: {expected}.",
    "string_pattern_mismatch": "Sai định dạng.",
}


@api.exception_handler(NinjaValidationError)
def _input_error(request, exc):
    detail = []
    for error in exc.errors:
        error = dict(error)
        template = _VI.get(error.get("type", ""))
        if template is not None:
            try:
                error["msg"] = template.format(**(error.get("ctx") or {}))
            except (KeyError, IndexError, ValueError):
                error["msg"] = template.split(":")[0].split(";")[0].rstrip(".") + "."
        elif error.get("type") not in VIETNAMESE_ERRORS:
            error["msg"] = "Giá trị không hợp lệ."
        error.pop("ctx", None)
        error.pop("url", None)
        detail.append(error)
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(
        request, {"detail": str(exc) or "Bạn không có quyền thực hiện thao tác này."}, status=403
    )


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Không tìm thấy bản ghi."}, status=404)


_APPS = ["core", "org", "petitions", "portal", "cases", "reports", "briefings", "textimport"]
for _app in [*_APPS, "exchange"]:
    try:
        _module = importlib.import_module(f"noichinh.{_app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"noichinh.{_app}.api":
            raise
        continue
    api.add_router(_module.PREFIX, _module.router)

# Routers of an app beside its main ``api`` module.
for _name in ["noichinh.petitions.notifications_api"]:
    _module = importlib.import_module(_name)
    api.add_router(_module.PREFIX, _module.router)
