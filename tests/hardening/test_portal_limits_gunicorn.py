"""The portal's limits hold behind the proxy, across gunicorn workers and restarts (issue 15 §5).

The test starts its own gunicorn (several workers, production settings, BEHIND_PROXY=1) on a
free loopback port over a fresh SQLite database — and a second one over the same database,
like a second app server, so that requests surely reach different worker processes — and
plays nginx: every request carries the X-Forwarded-For that ``$proxy_add_x_forwarded_for``
would send, the client's own (forged) entries on the left. One citizen is limited whichever
worker answers, another is not, and the counters are still there after gunicorn restarts.
"""

import copy
import os
import re
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
LIMIT = 6
# Windows far longer than the test, so no window boundary falls inside it.
WINDOW = 10**8
WORKERS = 2

HOOK = """
import os

def post_request(worker, req, environ, resp):
    with open(os.environ["PID_LOG"], "a") as fh:
        fh.write(f"{os.getpid()} {environ.get('HTTP_X_FORWARDED_FOR', '')}\\n")
"""

pytestmark = pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.pid_log = tmp / "pids.log"
        (tmp / "hook.py").write_text(HOOK)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": f"sqlite:///{tmp / 'portal.sqlite3'}",
            "VAR_DIR": str(tmp / "var"),
            "DEBUG": "0",
            "SECRET_KEY": "gunicorn-limits-test-" + os.urandom(24).hex(),
            "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "AUDIT_KEY": os.urandom(32).hex(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "STATIC_MANIFEST": "0",
            "BEHIND_PROXY": "1",
            "PORTAL_RATE_LIMITS": f"lookup_ip={LIMIT}/{WINDOW},code={LIMIT}/{WINDOW}",
            "LOG_LEVEL": "ERROR",
            "PID_LOG": str(self.pid_log),
        }
        self.env.pop("SQLITE_TEST_NAME", None)
        self.proc = None

    def migrate(self):
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"],
            cwd=ROOT,
            env=self.env,
            check=True,
            timeout=600,
        )

    def start(self):
        self.proc = subprocess.Popen(
            [
                str(GUNICORN),
                "config.wsgi:application",
                "-c",
                str(self.tmp / "hook.py"),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(WORKERS),
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.tmp / "gunicorn.err", "ab"),  # noqa: SIM115
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, (self.tmp / "gunicorn.err").read_text()[-3000:]
            try:
                if requests.get(self.base + "/portal/", timeout=30).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.2)  # polling for the server to listen, not a timed assertion
        raise AssertionError("gunicorn did not answer")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=120)
        self.proc = None

    def lookup(self, client_ip: str, code: str, forged: str = "") -> int:
        """A look-up as nginx forwards it: the forged entries, then the client's address."""
        session = requests.Session()
        page = session.get(self.base + "/portal/tra-cuu/", timeout=60)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        xff = ", ".join(p for p in (forged, client_ip) if p)
        response = session.post(
            self.base + "/portal/tra-cuu/",
            data={"csrfmiddlewaretoken": token, "code": code},
            headers={"X-Forwarded-For": xff, "Connection": "close"},
            timeout=60,
        )
        return response.status_code

    def twin(self) -> "Server":
        """A second gunicorn over the same database and settings (another app server)."""
        other = copy.copy(self)
        other.port = _free_port()
        other.base = f"http://127.0.0.1:{other.port}"
        other.proc = None
        return other

    def workers_that_served(self, client_ip: str) -> set[str]:
        lines = self.pid_log.read_text().splitlines()
        return {line.split(" ", 1)[0] for line in lines if line.endswith(client_ip)}


@pytest.fixture
def server(tmp_path):
    srv = Server(tmp_path)
    srv.migrate()
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def twin(server):
    other = server.twin()
    other.start()
    yield other
    other.stop()


def test_limits_hold_across_workers_and_restarts_behind_the_proxy(server, twin):
    citizen, other = "203.0.113.7", "198.51.100.4"
    half = LIMIT // 2
    # LIMIT look-ups from one citizen, half to each gunicorn (so surely to different worker
    # processes), in parallel; each with a new forged left entry, which must not give a
    # fresh counter.
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        statuses = list(
            pool.map(
                lambda n: (server if n < half else twin).lookup(
                    citizen, f"sai-{n}", forged=f"10.9.9.{n}"
                ),
                range(LIMIT),
            )
        )
    assert statuses == [200] * LIMIT
    assert len(server.workers_that_served(citizen)) >= 2
    assert server.lookup(citizen, "sai-x", forged="10.8.8.8") == 429
    assert twin.lookup(citizen, "sai-z") == 429
    assert server.lookup(other, "khac-1") == 200

    # One receipt code tried from LIMIT addresses: the code's own limit stops the next one.
    for n in range(LIMIT):
        assert (server if n % 2 else twin).lookup(f"192.0.2.{n + 10}", "ma-doan-thu") == 200
    assert server.lookup("192.0.2.200", "ma-doan-thu") == 429

    twin.stop()
    server.stop()
    server.start()
    assert server.lookup(citizen, "sai-y") == 429
    assert server.lookup("192.0.2.201", "ma-doan-thu") == 429
    assert server.lookup(other, "khac-2") == 200
