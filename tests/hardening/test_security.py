"""Security headers and deployment checks with the production settings (.env.example).

Settings are read from the environment at import, so the production configuration runs in
a fresh process: the same process gunicorn would start.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "0",
    # Generated per run: a value written in this repository is published, and refused.
    "SECRET_KEY": secrets.token_urlsafe(50),
    "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
    "AUDIT_KEY": secrets.token_urlsafe(32),
    "ALLOWED_HOSTS": "noichinh.example.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://noichinh.example.gov.vn",
    "SESSION_COOKIE_SECURE": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "BEHIND_PROXY": "1",
    "STATIC_MANIFEST": "0",
}

PROBE = r"""
import json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
from django.conf import settings
settings.ALLOWED_HOSTS = ["noichinh.example.gov.vn"]
c = Client(HTTP_HOST="noichinh.example.gov.vn")
out = {}
for name, kwargs in {
    "https": {"headers": {"X-Forwarded-Proto": "https"}},
    "http": {},
}.items():
    r = c.get("/login/", **kwargs)
    out[name] = {"status": r.status_code, "headers": dict(r.headers)}
r = c.get("/login/", headers={"X-Forwarded-Proto": "https"})
out["cookies"] = {k: {"secure": bool(v["secure"]), "httponly": bool(v["httponly"])}
                  for k, v in r.cookies.items()}
from django.core.checks import run_checks
out["deploy_checks"] = [
    f"{m.id}: {m.msg}" for m in run_checks(include_deployment_checks=True)
    if m.level >= 30 and not m.is_silenced()
]
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    var = tmp_path_factory.mktemp("prod-var")
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
        },
        **PRODUCTION_ENV,
        "VAR_DIR": str(var),
        # The login page reads no table: an empty in-memory database is enough.
        "DATABASE_URL": "sqlite://:memory:",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    proc = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1]), env


def test_production_pages_carry_the_security_headers(production):
    got, _env = production
    https = got["https"]
    assert https["status"] == 200
    h = {k.lower(): v for k, v in https["headers"].items()}
    csp = h["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert h["strict-transport-security"] == "max-age=31536000; includeSubDomains"
    assert h["x-frame-options"] == "DENY"
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "same-origin"
    assert h["cross-origin-opener-policy"] == "same-origin"


def test_production_redirects_plain_http_to_https(production):
    got, _env = production
    assert got["http"]["status"] == 301
    location = {k.lower(): v for k, v in got["http"]["headers"].items()}["location"]
    assert location.startswith("https://noichinh.example.gov.vn/")


def test_production_cookies_are_secure_and_session_is_http_only(production):
    got, _env = production
    cookies = got["cookies"]
    assert cookies, "the login page sets the CSRF cookie"
    assert all(c["secure"] for c in cookies.values())


def test_deploy_checks_pass_with_production_settings(production):
    """`manage.py check --deploy` finds nothing but W021: joining the browsers' HSTS preload
    list is a decision for the province (SECURE_HSTS_PRELOAD=1), not a default."""
    got, _env = production
    assert [c for c in got["deploy_checks"] if not c.startswith("security.W021")] == []


def test_local_settings_send_no_hsts(client, db):
    """HSTS only when configured: a plain local run must not pin browsers to HTTPS."""
    response = client.get("/login/")
    assert "Strict-Transport-Security" not in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response.headers
