import os
import secrets
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.conf import settings

from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_demo_logins_work(client, users):
    for username in ["admin", "thuky", "canbo", "truongdonvi", "lanhdao"]:
        response = client.post("/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        client.post("/logout/")


def test_wrong_password_is_explained_in_vietnamese(client, users):
    response = client.post("/login/", {"username": "canbo", "password": "sai"})
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_account_is_locked_after_repeated_failures(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "canbo", "password": "sai"})
    response = client.post("/login/", {"username": "canbo", "password": DEMO_PASSWORD})
    assert response.status_code == 429
    assert "tạm bị khóa" in response.content.decode()


def test_other_accounts_are_not_locked_by_someone_elses_failures(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "canbo", "password": "sai"})
    assert (
        client.post("/login/", {"username": "thuky", "password": DEMO_PASSWORD}).status_code == 302
    )


def test_failures_from_elsewhere_do_not_lock_the_officer_out_of_their_office(client, users):
    """Lockout is by user name and address together: five wrong passwords from address A
    leave the same account usable from address B."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "canbo", "password": "sai"}, REMOTE_ADDR="203.0.113.7")
    from_office = client.post(
        "/login/", {"username": "canbo", "password": DEMO_PASSWORD}, REMOTE_ADDR="10.1.2.3"
    )
    assert from_office.status_code == 302


def test_failures_lock_the_account_from_that_address(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "canbo", "password": "sai"}, REMOTE_ADDR="203.0.113.7")
    again = client.post(
        "/login/", {"username": "canbo", "password": DEMO_PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )
    assert again.status_code == 429 and "tạm bị khóa" in again.content.decode()


def test_lockout_address_is_the_client_address_or_none(rf):
    """axes keeps it in an address column: a request without one must not break a login."""
    from noichinh.org.auth import axes_client_ip

    assert axes_client_ip(rf.get("/", REMOTE_ADDR="10.1.2.3")) == "10.1.2.3"
    assert axes_client_ip(rf.get("/", REMOTE_ADDR="")) is None


# The second factor: tests/org/test_second_factor.py.


def test_check_deploy_passes_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "AUDIT_KEY": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "noichinh.example.gov.vn",
        "SECURE_SSL_REDIRECT": "1",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
        "SECURE_HSTS_PRELOAD": "1",
        "SESSION_COOKIE_SECURE": "1",
        "VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_bad_setting_fails_loudly():
    env = {**os.environ, "DEBUG": "maybe"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode != 0 and "DEBUG must be a boolean" in result.stderr


def test_security_headers_are_sent(client, org):
    response = client.get("/login/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
