"""The portal's limits behind the proxy of docs/deploy.md (issue 15 §5), in one process.

tests/hardening/test_portal_limits_gunicorn.py proves the same across gunicorn workers and a
restart.
"""

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import RequestFactory

from noichinh.portal import ratelimit

pytestmark = pytest.mark.django_db


def _address(xff=None, remote="127.0.0.1"):
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return ratelimit.client_address(RequestFactory().get("/portal/", **meta))


def test_behind_one_proxy_the_client_is_the_rightmost_forwarded_entry(settings):
    settings.BEHIND_PROXY = 1
    assert _address("203.0.113.7") == "203.0.113.7"
    # A client that writes its own X-Forwarded-For cannot choose the address that counts.
    assert _address("1.2.3.4, 203.0.113.7") == "203.0.113.7"
    assert _address("  ") == "127.0.0.1"


def test_behind_two_proxies_the_second_entry_from_the_right(settings):
    settings.BEHIND_PROXY = 2
    assert _address("1.2.3.4, 203.0.113.7, 10.0.0.2") == "203.0.113.7"
    assert _address("10.0.0.2") == "127.0.0.1"


def test_without_proxy_the_forwarded_header_is_ignored(settings):
    settings.BEHIND_PROXY = 0
    assert _address("203.0.113.7", remote="198.51.100.1") == "198.51.100.1"


def test_a_malformed_forwarded_entry_falls_back_to_the_proxy_address(settings):
    settings.BEHIND_PROXY = 1
    assert _address("1.2.3.4, not-an-address") == "127.0.0.1"


def test_behind_the_proxy_each_citizen_has_their_own_lookup_limit(client, org, settings):
    settings.BEHIND_PROXY = 1
    settings.PORTAL_RATE_LIMITS = {"lookup_ip": (2, 600)}
    cache.clear()
    for n in range(2):
        r = client.post("/portal/tra-cuu/", {"code": f"a{n}"}, HTTP_X_FORWARDED_FOR="203.0.113.7")
        assert r.status_code == 200
    limited = client.post(
        "/portal/tra-cuu/", {"code": "a9"}, HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.7"
    )
    assert limited.status_code == 429
    other = client.post("/portal/tra-cuu/", {"code": "b1"}, HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert other.status_code == 200


def test_counters_are_kept_in_the_shared_database_cache():
    backend = django_settings.CACHES["default"]["BACKEND"]
    assert backend == "noichinh.core.cache.AtomicDatabaseCache"
    cache.clear()
    assert ratelimit.hit("lookup_ip", "203.0.113.7")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM noichinh_cache")
        assert cursor.fetchone()[0] == 1


def test_a_counter_lasts_its_whole_window_after_several_uses(settings):
    import datetime as dt

    import time_machine

    settings.PORTAL_RATE_LIMITS = {"submit_ip": (2, 3600)}
    cache.clear()
    start = dt.datetime(2026, 6, 1, 3, 0, 10, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        assert ratelimit.hit("submit_ip", "203.0.113.7")
        assert ratelimit.hit("submit_ip", "203.0.113.7")
    # Later in the same hour, past the cache's default timeout of 300 s: still counted.
    with time_machine.travel(start + dt.timedelta(minutes=20), tick=False):
        assert not ratelimit.hit("submit_ip", "203.0.113.7")
    with time_machine.travel(start + dt.timedelta(hours=1), tick=False):
        assert ratelimit.hit("submit_ip", "203.0.113.7")


@pytest.mark.django_db(transaction=True)
def test_counting_at_once_loses_no_use_on_postgresql():
    """Four workers counting one address at once: every use is counted (the database
    cache's own incr, a get then a set, lost some)."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("SQLite: covered by the gunicorn test (parallel look-ups of one address)")
    cache.clear()
    cache.set("rl-test", 0, timeout=600)
    barrier = threading.Barrier(4)

    def count():
        try:
            barrier.wait()
            for _ in range(25):
                cache.incr("rl-test")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=count) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert cache.get("rl-test") == 100


@pytest.mark.parametrize(
    "value, hops", [("1", "1"), ("2", "2"), ("true", "1"), ("0", "0"), ("nginx", None)]
)
def test_behind_proxy_is_a_number_of_hops_and_a_bad_value_stops_the_start(value, hops):
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "BEHIND_PROXY": value, "DJANGO_SETTINGS_MODULE": "config.settings"}
    proc = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.BEHIND_PROXY)"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if hops is None:
        assert proc.returncode != 0 and "BEHIND_PROXY must be a number" in proc.stderr
    else:
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.strip() == hops
