"""The JSON API under /api/v1/: personal bearer tokens or the web session."""

import datetime as dt
import importlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from noichinh.core.calendar import CalendarError


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        from noichinh.org.models import ApiToken

        found = (
            ApiToken.objects.select_related("user", "user__agency")
            .filter(key_hash=ApiToken.hash_key(token), revoked=False, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
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
    "(tạo bằng `manage.py create_api_token USERNAME`) hoặc phiên đăng nhập web.",
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
)


@api.exception_handler(CalendarError)
def _calendar_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(ValidationError)
def _validation_error(request, exc):
    return api.create_response(request, {"detail": "; ".join(exc.messages)}, status=400)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(
        request, {"detail": str(exc) or "Bạn không có quyền thực hiện thao tác này."}, status=403
    )


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Không tìm thấy bản ghi."}, status=404)


for _app in ["core", "org", "petitions", "portal", "cases", "reports", "briefings", "textimport"]:
    try:
        _module = importlib.import_module(f"noichinh.{_app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"noichinh.{_app}.api":
            raise
        continue
    api.add_router(_module.PREFIX, _module.router)
