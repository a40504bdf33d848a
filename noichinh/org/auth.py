"""Login with the second factor (django-otp), its enrolment and the check before every page.

Login is two steps for those who have a second factor: the password page, then a page that
asks for the code (from the app, or a recovery code). Users without a device are never asked.
With OTP_REQUIRED on, `SecondFactorRequiredMiddleware` sends a user whose role needs a second
factor (permissions.needs_second_factor) to that code page, or to enrolment if they have none,
before any other page.
"""

import base64
import io
import ipaddress
import time
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from noichinh.org import otp, permissions

PENDING = "_otp_pending"
PENDING_SECONDS = 300


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "inactive": "Tài khoản đã bị khóa.",
    }


def _safe_next(request, candidate: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


class NoiChinhLoginView(LoginView):
    form_class = LoginForm

    def form_valid(self, form):
        user = form.get_user()
        if not otp.has_second_factor(user):
            return super().form_valid(form)
        # The password was right; the session is opened only once the code is too.
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "until": time.time() + PENDING_SECONDS,
            "next": self.get_redirect_url(),
        }
        return redirect("login_code")


def _pending_user(request):
    pending = request.session.get(PENDING)
    if not pending or pending.get("until", 0) < time.time():
        request.session.pop(PENDING, None)
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return user, pending


@never_cache
@sensitive_post_parameters("token")
def login_code(request):
    """The second step: after the password at login, or before any page (OTP_REQUIRED)."""
    if request.user.is_authenticated:
        user, pending = request.user, None
        if request.user.is_verified():
            return HttpResponseRedirect(_safe_next(request, request.GET.get("next", "")))
    else:
        user, pending = _pending_user(request)
        if user is None:
            messages.info(request, "Hãy đăng nhập lại.")
            return redirect("login")
    if not otp.has_second_factor(user):
        return redirect("org:totp_setup")
    error = ""
    if request.method == "POST":
        wait = otp.seconds_to_wait(user)
        device = (
            None if wait else otp.second_factor_verify(user=user, token=request.POST.get("token", ""))
        )
        if device is not None:
            if pending is not None:
                request.session.pop(PENDING, None)
                auth_login(request, user, backend=pending["backend"])
                target = pending.get("next", "")
            else:
                target = request.POST.get("next", "")
            otp_login(request, device)
            return HttpResponseRedirect(_safe_next(request, target))
        error = (
            f"Nhập sai nhiều lần: đợi {wait} giây rồi nhập mã mới nhất."
            if wait
            else "Mã xác thực không đúng hoặc đã hết hạn."
        )
    return render(
        request,
        "registration/login_code.html",
        {"error": error, "next": request.GET.get("next", ""), "pending": pending is not None},
    )


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _required(user) -> bool:
    return settings.OTP_REQUIRED and permissions.needs_second_factor(user)


@login_required
@never_cache
@sensitive_post_parameters("token")
def totp_setup(request):
    """Every user may turn on a second factor: an authenticator app, with recovery codes."""
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    next_url = request.POST.get("next") or request.GET.get("next", "")
    enrolled = otp.has_second_factor(user)
    context = {"required": _required(user), "next": next_url, "codes": None, "error": ""}
    if enrolled and not request.user.is_verified():
        # Changing the second factor needs the second factor.
        return redirect(f"{reverse('login_code')}?{urlencode({'next': request.path})}")
    if enrolled and action == "disable":
        if context["required"]:
            messages.error(request, "Vai trò của bạn bắt buộc xác thực hai lớp: không thể tắt.")
        else:
            otp.second_factor_disable(actor=user)
            messages.success(request, "Đã tắt xác thực hai lớp.")
        return redirect("org:totp_setup")
    if enrolled and action == "recovery":
        context["codes"] = otp.recovery_codes_renew(actor=user)
    if not enrolled:
        device = otp.pending_totp_device(user)
        if action == "confirm":
            codes = otp.totp_confirm(actor=user, device=device, token=request.POST.get("token", ""))
            if codes is not None:
                otp_login(request, device)
                messages.success(request, "Đã bật xác thực hai lớp.")
                context["codes"] = codes
                enrolled = True
            else:
                context["error"] = "Mã không đúng, hãy thử lại với mã mới nhất trong ứng dụng."
        if not enrolled:
            context["qr"] = mark_safe(_qr_svg(device.config_url))  # noqa: S308 — our own SVG
            context["secret"] = base64.b32encode(device.bin_key).decode()
    context["enrolled"] = enrolled
    context["codes_left"] = otp.recovery_codes_left(user) if enrolled else 0
    context["continue_url"] = _safe_next(request, next_url) if next_url else ""
    return render(request, "org/totp_setup.html", context)


class SecondFactorRequiredMiddleware:
    """With OTP_REQUIRED, no page for a role that needs a second factor until it is passed."""

    EXEMPT_NAMES = ("login", "login_code", "logout", "org:totp_setup")
    EXEMPT_PREFIXES = ("/static/", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response
        self._exempt_paths = None

    def _exempt(self, path: str) -> bool:
        if self._exempt_paths is None:
            self._exempt_paths = {reverse(name) for name in self.EXEMPT_NAMES}
        return path in self._exempt_paths or path.startswith(self.EXEMPT_PREFIXES)

    def __call__(self, request):
        user = request.user
        if (
            settings.OTP_REQUIRED
            and user.is_authenticated
            and not user.is_verified()
            and permissions.needs_second_factor(user)
            and not self._exempt(request.path)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Cần xác thực hai lớp trước khi dùng API bằng phiên đăng nhập."},
                    status=403,
                )
            if request.headers.get("HX-Request"):
                # A fragment (the header's unread count) is never swapped for the set-up page.
                return HttpResponse(status=204)
            target = "login_code" if otp.has_second_factor(user) else "org:totp_setup"
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse(target)}?{query}")
        return self.get_response(request)


def axes_client_ip(request) -> str | None:
    """django-axes' client address (AXES_CLIENT_IP_CALLABLE): the one the portal's limits use
    (X-Forwarded-For only behind the trusted proxy), or None when there is no valid one (axes
    stores it in an address column: PostgreSQL refuses anything else)."""
    from noichinh.core.client import client_address  # the project's one rule for it

    try:
        return str(ipaddress.ip_address(client_address(request).strip()))
    except ValueError:
        return None

