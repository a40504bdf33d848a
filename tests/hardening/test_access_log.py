"""The access log keeps neither search terms nor receipt codes from query strings."""

import logging
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
NAME = "Nguyen-Van-Toan-Bi-Mat"
CCCD = "079123456789"
RECEIPT = "TC-7QX9-SECRET"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 — loopback
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 — loopback
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_gunicorn_access_log_has_paths_but_no_query_strings(tmp_path):
    """The production command line of docs/deploy.md, a combined format with Referer: the
    officers' search for a name and ID number, the portal look-up by receipt code, the login
    redirect that repeats them in ?next= — none of it reaches the log."""
    port = _free_port()
    access = tmp_path / "access.log"
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)},
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "AUDIT_KEY": secrets.token_urlsafe(32),
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen(
        [
            str(gunicorn), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", "1", "--logger-class", "noichinh.core.gunicorn_log.GunicornLogger",
            "--access-logfile", str(access),
            "--access-logformat",
            '%(h)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(U)s %(q)s '
            "%({raw_uri}e)s %({location}o)s",
        ],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                _get(base + "/login/")
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read()
                assert time.monotonic() < deadline, "gunicorn did not answer"
                time.sleep(0.2)
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            opener.open(f"{base}/petitions/?q={NAME}&cccd={CCCD}", timeout=30)  # noqa: S310
        except urllib.error.HTTPError as exc:
            assert exc.code == 302  # to the login page, with the search in ?next=
        _get(f"{base}/portal/tra-cuu/?code={RECEIPT}",
             headers={"Referer": f"{base}/petitions/?q={NAME}"})
        # The log line is written after the response: wait until both requests are there.
        while access.read_text().count("\n") < 3:
            assert time.monotonic() < deadline, access.read_text()
            time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    log = access.read_text()
    assert "/petitions/" in log and "/portal/tra-cuu/" in log
    assert NAME not in log and CCCD not in log and RECEIPT not in log
    assert "q=" not in log and "code=" not in log and "next=" not in log


def test_runserver_log_has_no_query_string(caplog):
    """runserver's `django.server` lines, as Django's request handler writes them."""
    logger = logging.getLogger("django.server")
    logger.addHandler(caplog.handler)
    try:
        logger.info('"%s" %s %s', f"GET /portal/tra-cuu/?code={RECEIPT} HTTP/1.1", "200", "12")
        logger.info('"%s" %s %s', f"GET /petitions/?q={NAME}&page=2 HTTP/1.1", "200", "99")
    finally:
        logger.removeHandler(caplog.handler)
    lines = [r.getMessage() for r in caplog.records if r.name == "django.server"]
    assert lines == ['"GET /portal/tra-cuu/ HTTP/1.1" 200 12', '"GET /petitions/ HTTP/1.1" 200 99']
