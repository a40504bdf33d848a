"""A read-only page is served from a real streaming replica; a write is visible right after
on the primary (issue 20 §5). The servers are started by the test under a temporary folder
and stopped afterwards."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scale.pgcluster import Cluster, server_binaries_missing

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    bool(server_binaries_missing()), reason=server_binaries_missing() or "-"
)


@pytest.fixture
def cluster():
    cluster = Cluster()
    try:
        cluster.start()
        _createdb(cluster)
        yield cluster
    finally:
        cluster.stop()


def _createdb(cluster):
    import psycopg

    with psycopg.connect(cluster.url(cluster.primary_port, "postgres"), autocommit=True) as c:
        c.execute("CREATE DATABASE noichinh")


def _env(**extra) -> dict:
    env = {
        **os.environ,
        "SECRET_KEY": "replica-test-secret-key-not-published-0123456789abcdef",
        "FIELD_ENCRYPTION_KEY": "cmVwbGljYS10ZXN0LWtleS0wMDAwMDAwMDAwMDAwMDA=",
        "AUDIT_KEY": "replica-test-audit-key-not-published-0123456789abcdef",
        "DEBUG": "0",
        "OTP_REQUIRED": "0",
        "ALLOWED_HOSTS": "testserver",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "AXES_ENABLED": "0",
        **extra,
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def test_read_only_page_from_replica_and_write_visible_on_primary(cluster, tmp_path):
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).parent / "replica_driver.py")],
        cwd=ROOT,
        env=_env(
            DATABASE_URL=cluster.url(cluster.primary_port),
            DATABASE_REPLICA_URL=cluster.url(cluster.replica_port),
            VAR_DIR=str(tmp_path / "var"),
        ),
        capture_output=True,
        text=True,
        timeout=900,
    )
    print(proc.stdout)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    assert "done" in proc.stdout
