"""Login with the optional TOTP second factor (django-otp) and TOTP enrolment."""

import base64
import io

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from noichinh.org import permissions


class LoginForm(AuthenticationForm):
    otp_token = forms.CharField(
        label="Mã xác thực (TOTP)",
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "inactive": "Tài khoản đã bị khóa.",
    }
    device = None

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and user_has_device(user, confirmed=True):
            token = (cleaned.get("otp_token") or "").strip()
            if not token:
                raise forms.ValidationError("Tài khoản này bật xác thực hai lớp: nhập mã TOTP.")
            self.device = match_token(user, token)
            if self.device is None:
                raise forms.ValidationError("Mã xác thực không đúng hoặc đã hết hạn.")
        return cleaned


class NoiChinhLoginView(LoginView):
    form_class = LoginForm

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.device is not None:
            otp_login(self.request, form.device)
        return response


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
def totp_setup(request):
    """Administrators and the secretariat may turn on a TOTP second factor."""
    user = request.user
    if not (permissions.is_admin(user) or permissions.is_secretariat(user)):
        permissions.deny("Xác thực hai lớp dành cho quản trị hệ thống và cơ quan thường trực.")
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if request.method == "POST" and request.POST.get("action") == "disable" and confirmed:
        TOTPDevice.objects.filter(user=user).delete()
        messages.success(request, "Đã tắt xác thực hai lớp.")
        return redirect("org:totp_setup")
    device = confirmed or TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=False)
    error = ""
    if (
        request.method == "POST"
        and request.POST.get("action") == "confirm"
        and not device.confirmed
    ):
        if device.verify_token((request.POST.get("token") or "").strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, "Đã bật xác thực hai lớp.")
            return redirect("org:totp_setup")
        error = "Mã không đúng, hãy thử lại với mã mới nhất trong ứng dụng."
    context = {"device": device, "error": error}
    if not device.confirmed:
        context["qr"] = mark_safe(_qr_svg(device.config_url))  # noqa: S308 — our own SVG
        context["secret"] = base64.b32encode(device.bin_key).decode()
    return render(request, "org/totp_setup.html", context)
