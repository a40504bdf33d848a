"""Shared fixtures: the demo organisation, users per role, an API client, and a browser."""

import os
import threading
import time

import pytest

# The real SMTP server fixture (``smtp_server``).
pytest_plugins = ["tests.smtp"]

# Playwright's sync API runs an event loop in this thread; Django's ORM guard would refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DEMO_PASSWORD = "NoiChinh@2026"


def pytest_addoption(parser):
    parser.addoption(
        "--update-screenshots",
        action="store_true",
        help="store new layout screenshots (tests/scenarios/screenshots/) instead of comparing",
    )


def pytest_configure(config):
    from django.conf import settings

    if config.getoption("--update-screenshots", default=False):
        os.environ["UPDATE_SCREENSHOTS"] = "1"

    # Hashing the demo passwords with the production hasher costs seconds per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The tests run with DEBUG off, which turns OTP_REQUIRED on; the second-factor rule has its
    # own tests (tests/org/test_second_factor.py), which turn it back on.
    settings.OTP_REQUIRED = False
    # Background tasks (report builds) run at once, in the request that queues them.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Text messages to citizens stay in noichinh.core.sms.outbox.
    settings.SMS_BACKEND = "noichinh.core.sms.LocmemBackend"
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        _serve_browser_tests_one_request_at_a_time()


def _serve_browser_tests_one_request_at_a_time():
    """On SQLite the test database is in memory, and the live server's threads all share its
    one connection: two requests at once (a page's chart images, an htmx poll) then interleave
    their savepoints ("no such savepoint") and one answers 500. Served one at a time, they
    queue as a browser's requests to a busy server would; Django closes each connection of a
    server without threads, so the browser does not hold the server on a kept-alive one."""
    from django.core.servers.basehttp import WSGIServer
    from django.test.testcases import LiveServerThread

    class SerialWSGIServer(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            # The live server thread itself already uses the overridden connections.
            super().__init__(*args, **kwargs)

    LiveServerThread.server_class = SerialWSGIServer


def _ensure_rules():
    """Transactional (browser) tests flush tables, data-migration rows included: re-seed."""
    import importlib

    from noichinh.core.models import TimeLimitRule

    if not TimeLimitRule.objects.exists():
        # 0006 writes the whole dated table (0003's rows re-dated and corrected).
        seed = importlib.import_module("noichinh.core.migrations.0010_statute_dated_rules")
        from django.apps import apps

        seed.seed(apps, None)
        later = importlib.import_module(
            "noichinh.core.migrations.0015_variant_labels_resume_rules_calendar_2020"
        )
        later.forwards(apps, None)
    _ensure_calendar()
    _ensure_escalation_rules()


def _ensure_escalation_rules():
    import importlib

    from noichinh.petitions.models import EscalationRule

    if not EscalationRule.objects.exists():
        seed = importlib.import_module("noichinh.petitions.migrations.0017_seed_escalation_rules")
        from django.apps import apps

        seed.seed(apps, None)


def _ensure_calendar():
    """The official calendar years are data-migration rows too: re-seed after a flush."""
    import importlib

    from noichinh.core.models import CalendarYear

    if not CalendarYear.objects.exists():
        seed = importlib.import_module("noichinh.core.migrations.0012_seed_official_calendar")
        from django.apps import apps

        seed.seed(apps, None)
        later = importlib.import_module(
            "noichinh.core.migrations.0015_variant_labels_resume_rules_calendar_2020"
        )
        later.forwards(apps, None)


@pytest.fixture(autouse=True)
def _audit_checkpoints_per_test(settings, tmp_path_factory):
    """Each test anchors its audit chain in its own checkpoint file, never in var/."""
    settings.AUDIT_CHECKPOINT_FILE = tmp_path_factory.mktemp("audit") / "checkpoints.jsonl"


@pytest.fixture
def org(db):
    """The demo province's areas, agencies, blocs and users (no register records)."""
    from noichinh.devdata.demo import org as demo

    _ensure_rules()
    return demo.load()


@pytest.fixture
def users(org):
    return org["users"]


@pytest.fixture
def agencies(org):
    return org["agencies"]


@pytest.fixture
def api_client(client):
    """A test client that speaks JSON with a bearer token: ``api_client.as_user(user)``."""
    from noichinh.org.models import ApiToken

    class ApiClient:
        def __init__(self):
            self.headers = {}

        def as_user(self, user):
            _token, key = ApiToken.issue(user)
            self.headers = {"Authorization": f"Bearer {key}"}
            return self

        def get(self, path, **params):
            return client.get(path, params, headers=self.headers)

        def post(self, path, data=None):
            return client.post(
                path, data or {}, content_type="application/json", headers=self.headers
            )

    return ApiClient()


# --- browser -------------------------------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make test-deps` (Debian package chromium)."
        )
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class _InFlight:
    """Requests the live server is still answering. A request the browser sent just before its
    context closed can still be reading when the test's database is flushed; on PostgreSQL
    that TRUNCATE and the request's reads deadlock. The page fixture waits for it to end."""

    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    def started(self, **kwargs):
        with self.lock:
            self.count += 1

    def finished(self, **kwargs):
        with self.lock:
            self.count = max(0, self.count - 1)

    def wait_idle(self, timeout: float = 15.0) -> None:
        ended = threading.Event()
        deadline = time.monotonic() + timeout
        while self.count and time.monotonic() < deadline:
            ended.wait(0.05)


IN_FLIGHT = _InFlight()


@pytest.fixture
def page(browser, live_server):
    # Import every app's URLs and views before the browser's first request, so the live
    # server's first response does not spend the navigation timeout on imports.
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018
    context = browser.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", accept_downloads=True
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base = live_server.url
    from django.core import signals

    IN_FLIGHT.count = 0  # before the browser's first request: nothing of this test is in flight
    signals.request_started.connect(IN_FLIGHT.started, dispatch_uid="tests-in-flight-start")
    signals.request_finished.connect(IN_FLIGHT.finished, dispatch_uid="tests-in-flight-end")
    yield page
    context.close()
    IN_FLIGHT.wait_idle()


def login(page, username: str, password: str = DEMO_PASSWORD):
    page.context.clear_cookies()
    page.goto(page.base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=whoami]")
    return page


@pytest.fixture
def login_as(page):
    def _login(username: str, password: str = DEMO_PASSWORD):
        return login(page, username, password)

    return _login
