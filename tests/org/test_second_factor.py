"""Two-factor authentication: every user can enrol; the roles that may reveal identities or
manage accounts must pass it before any page when OTP_REQUIRED is on; the login page asks for a
code only from users who have a device."""

import datetime as dt
import os
import subprocess
import sys

import pytest
import time_machine
from django.conf import settings as django_settings
from django_otp.oath import totp

from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _device(user, confirmed=True):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="app", confirmed=confirmed)


def _code(device):
    return f"{totp(device.bin_key):06d}"


def _logged_in_id(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def required(settings):
    settings.OTP_REQUIRED = True
    return settings


# --- enrolment ------------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["admin", "thuky", "canbo", "truongdonvi", "lanhdao"])
def test_every_role_can_open_the_enrolment_page(client, users, username):
    client.force_login(users[username])
    response = client.get("/org/2fa/")
    assert response.status_code == 200
    assert "Quét mã QR" in response.content.decode()


def test_an_officer_enrols_and_gets_recovery_codes_once(client, users):
    from django_otp.plugins.otp_static.models import StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from noichinh.core.models import AuditEntry

    client.force_login(users["canbo"])
    client.get("/org/2fa/")
    device = TOTPDevice.objects.get(user=users["canbo"], confirmed=False)
    response = client.post("/org/2fa/", {"action": "confirm", "token": _code(device)})
    page = response.content.decode()
    assert response.status_code == 200 and "Mã dự phòng" in page
    codes = list(StaticToken.objects.filter(device__user=users["canbo"]).values_list("token", flat=True))
    assert len(codes) == 10 and all(c in page for c in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(action="otp_enrol", object_id=str(users["canbo"].pk)).exists()
    # Shown once: the next visit tells how many are left, not what they are.
    again = client.get("/org/2fa/").content.decode()
    assert "Còn 10 mã dự phòng" in again and codes[0] not in again


def test_a_wrong_code_does_not_turn_the_second_factor_on(client, users):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(users["canbo"])
    client.get("/org/2fa/")
    response = client.post("/org/2fa/", {"action": "confirm", "token": "000000"})
    assert "Mã không đúng" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=users["canbo"], confirmed=True).exists()


# --- login ----------------------------------------------------------------------------------


def test_login_asks_no_code_from_a_user_without_a_device(client, users):
    page = client.get("/login/").content.decode()
    assert 'name="token"' not in page and "Mã xác thực" not in page
    response = client.post("/login/", {"username": "canbo", "password": DEMO_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert _logged_in_id(client) == str(users["canbo"].pk)


def test_login_with_a_device_asks_for_the_code_before_opening_the_session(client, users):
    device = _device(users["canbo"])
    response = client.post(
        "/login/?next=/petitions/", {"username": "canbo", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/login/code/"
    assert _logged_in_id(client) is None
    page = client.get("/login/code/").content.decode()
    assert 'name="token"' in page
    response = client.post("/login/code/", {"token": _code(device)})
    assert response.status_code == 302 and response["Location"] == "/petitions/"
    assert _logged_in_id(client) == str(users["canbo"].pk)


def test_a_wrong_code_at_login_opens_no_session(client, users):
    _device(users["canbo"])
    client.post("/login/", {"username": "canbo", "password": DEMO_PASSWORD})
    response = client.post("/login/code/", {"token": "000000"})
    assert response.status_code == 200
    assert "Mã xác thực không đúng" in response.content.decode()
    assert _logged_in_id(client) is None


def test_after_a_wrong_code_the_next_try_waits_and_says_so(client, users):
    device = _device(users["canbo"])
    client.post("/login/", {"username": "canbo", "password": DEMO_PASSWORD})
    start = dt.datetime.now(dt.UTC)
    with time_machine.travel(start, tick=False):
        client.post("/login/code/", {"token": "000000"})
        # The right code, at once: refused (django-otp's throttling), and the page says why.
        response = client.post("/login/code/", {"token": _code(device)})
    assert "đợi 1 giây" in response.content.decode() and _logged_in_id(client) is None
    with time_machine.travel(start + dt.timedelta(seconds=31), tick=False):
        response = client.post("/login/code/", {"token": _code(device)})
    assert response.status_code == 302 and _logged_in_id(client) == str(users["canbo"].pk)


def test_the_code_page_without_a_right_password_first_goes_back_to_login(client, users):
    device = _device(users["canbo"])
    response = client.post("/login/code/", {"token": _code(device)})
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert _logged_in_id(client) is None


def test_the_password_step_expires(client, users):
    device = _device(users["canbo"])
    client.post("/login/", {"username": "canbo", "password": DEMO_PASSWORD})
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=6)):
        response = client.post("/login/code/", {"token": _code(device)})
    assert response["Location"] == "/login/" and _logged_in_id(client) is None


def test_a_recovery_code_works_once(client, users):
    from noichinh.org import otp

    _device(users["canbo"])
    codes = otp.recovery_codes_renew(actor=users["canbo"])
    client.post("/login/", {"username": "canbo", "password": DEMO_PASSWORD})
    assert client.post("/login/code/", {"token": codes[0].upper()}).status_code == 302
    assert _logged_in_id(client) == str(users["canbo"].pk)
    client.post("/logout/")
    client.post("/login/", {"username": "canbo", "password": DEMO_PASSWORD})
    response = client.post("/login/code/", {"token": codes[0]})
    assert response.status_code == 200 and _logged_in_id(client) is None


def test_the_admin_login_goes_through_the_two_step_login(client, users):
    _device(users["admin"])
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"] == "/login/?next=/admin/"
    client.post("/admin/login/", {"username": "admin", "password": DEMO_PASSWORD})
    assert _logged_in_id(client) is None


# --- required before any page ---------------------------------------------------------------


@pytest.mark.parametrize("username", ["canbo", "truongdonvi", "admin"])
def test_roles_that_reveal_or_manage_accounts_must_enrol_first(client, users, required, username):
    client.force_login(users[username])
    response = client.get("/petitions/?q=x")
    assert response.status_code == 302
    assert response["Location"] == "/org/2fa/?next=%2Fpetitions%2F%3Fq%3Dx"
    page = client.get(response["Location"]).content.decode()
    assert "cần bật xác thực hai lớp trước khi tiếp tục" in page
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("username", ["lanhdao", "thuky"])
def test_roles_that_cannot_reveal_are_not_forced(client, users, required, username):
    client.force_login(users[username])
    assert client.get("/").status_code == 200


def test_a_user_with_a_device_passes_the_code_page_then_the_pages_open(client, users, required):
    device = _device(users["truongdonvi"])
    client.force_login(users["truongdonvi"])  # a session without the second factor
    response = client.get("/petitions/")
    assert response["Location"] == "/login/code/?next=%2Fpetitions%2F"
    response = client.post("/login/code/?next=/petitions/", {"token": _code(device), "next": "/petitions/"})
    assert response.status_code == 302 and response["Location"] == "/petitions/"
    assert client.get("/petitions/").status_code == 200


def test_enrolling_when_forced_leads_back_to_the_page_asked_for(client, users, required):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(users["canbo"])
    client.get("/org/2fa/?next=/petitions/")
    device = TOTPDevice.objects.get(user=users["canbo"], confirmed=False)
    page = client.post(
        "/org/2fa/", {"action": "confirm", "token": _code(device), "next": "/petitions/"}
    ).content.decode()
    assert 'href="/petitions/"' in page  # "Tiếp tục", below the recovery codes
    assert client.get("/petitions/").status_code == 200


def test_the_session_api_needs_the_second_factor_too(client, users, required):
    client.force_login(users["canbo"])
    response = client.get("/api/v1/org/agencies")
    assert response.status_code == 403
    assert "xác thực hai lớp" in response.json()["detail"]


def test_without_otp_required_nobody_is_forced(client, users, settings):
    settings.OTP_REQUIRED = False
    client.force_login(users["canbo"])
    assert client.get("/petitions/").status_code == 200


def test_a_role_that_must_use_it_cannot_turn_it_off(client, users, required):
    from noichinh.org import otp

    device = _device(users["canbo"])
    client.force_login(users["canbo"])
    client.post("/login/code/", {"token": _code(device)})
    client.post("/org/2fa/", {"action": "disable"})
    assert otp.has_second_factor(users["canbo"])


def test_a_role_that_may_turn_it_off_can(client, users, required):
    from noichinh.org import otp

    device = _device(users["thuky"])
    client.force_login(users["thuky"])
    client.post("/login/code/", {"token": _code(device)})
    client.post("/org/2fa/", {"action": "disable"})
    assert not otp.has_second_factor(users["thuky"])


def test_changing_the_second_factor_needs_the_second_factor(client, users):
    from noichinh.org import otp

    _device(users["thuky"])
    client.force_login(users["thuky"])  # a session that has not passed the code
    response = client.post("/org/2fa/", {"action": "disable"})
    assert response["Location"].startswith("/login/code/")
    assert otp.has_second_factor(users["thuky"])


def test_otp_required_follows_debug_unless_set(tmp_path):
    def value(**extra):
        env = {k: v for k, v in os.environ.items() if k not in ("OTP_REQUIRED", "DEBUG")}
        env.update({"VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings", **extra})
        code = "from django.conf import settings; print(settings.OTP_REQUIRED)"
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, cwd=django_settings.BASE_DIR,
            capture_output=True, text=True, timeout=60,
        )
        return result.stdout.strip()

    assert value(DEBUG="0") == "True"
    assert value(DEBUG="1") == "False"
    assert value(DEBUG="0", OTP_REQUIRED="0") == "False"


def test_a_page_fragment_is_not_answered_with_the_enrolment_page(client, users, required):
    """The header's unread count (htmx) gets nothing, not the set-up page swapped into it."""
    client.force_login(users["truongdonvi"])
    fragment = client.get("/petitions/notifications/count/", headers={"HX-Request": "true"})
    assert fragment.status_code == 204 and fragment.content == b""
    page = client.get("/petitions/notifications/count/")
    assert page.status_code == 302 and page["Location"].startswith("/org/2fa/")
