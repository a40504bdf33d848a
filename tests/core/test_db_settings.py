"""Database connections: kept between requests by default (issue 21: opening one per request
cost +9 to +15 ms on every PostgreSQL page). Settings are read at import: a fresh process."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRINT_DB = (
    "import django, json; django.setup(); from django.conf import settings; "
    "d = settings.DATABASES['default']; "
    "print(json.dumps({'age': d['CONN_MAX_AGE'], 'options': d.get('OPTIONS', {})}))"
)


def _db_settings(tmp_path, **extra):
    env = {
        k: v for k, v in os.environ.items() if k not in ("CONN_MAX_AGE", "DB_POOL", "DATABASE_URL")
    }
    env.update({"VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings"})
    env.update(extra)
    result = subprocess.run(
        [sys.executable, "-c", PRINT_DB],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_connections_are_kept_a_minute_by_default(tmp_path):
    assert _db_settings(tmp_path)["age"] == 60


def test_conn_max_age_is_read_from_the_environment(tmp_path):
    assert _db_settings(tmp_path, CONN_MAX_AGE="0")["age"] == 0


def test_db_pool_turns_on_psycopg_pooling_without_persistent_connections(tmp_path):
    got = _db_settings(tmp_path, DATABASE_URL="postgres://u@127.0.0.1:5432/x", DB_POOL="1")
    assert got["options"]["pool"] is True
    assert got["age"] == 0  # Django refuses persistent connections with a pool
    # Server-side prepared statements stay off (a generic plan made search 10x slower).
    assert "prepare_threshold" not in got["options"]
