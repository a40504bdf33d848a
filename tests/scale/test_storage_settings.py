"""Attachments on S3-compatible object storage when S3_BUCKET is set (django-storages), local
files under MEDIA_ROOT otherwise (issue 20 §5): the backend's selection and options from the
environment. The round trip to a real S3-compatible server is
tests/scale/test_object_storage_round_trip.py (moto in server mode)."""

import json
import subprocess
import sys

from tests.scale.test_replica import ROOT, _env

PROBE = """
import json, django
django.setup()
from django.core.files.storage import storages
from django.conf import settings
s = storages["default"]
print(json.dumps({
    "class": type(s).__module__ + "." + type(s).__name__,
    "bucket": getattr(s, "bucket_name", None),
    "endpoint": getattr(s, "endpoint_url", None),
    "location": getattr(s, "location", None),
    "acl": getattr(s, "default_acl", None),
    "overwrite": getattr(s, "file_overwrite", None),
    "server_side_cursors_off": settings.DATABASES["default"].get("DISABLE_SERVER_SIDE_CURSORS"),
}))
"""


def _probe(tmp_path, **env) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={
            **_env(VAR_DIR=str(tmp_path / "var"), **env),
            "DJANGO_SETTINGS_MODULE": "config.settings",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_files_are_local_by_default(tmp_path):
    found = _probe(tmp_path)
    assert found["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert found["location"] == str(tmp_path / "var" / "private")


def test_s3_bucket_selects_private_object_storage(tmp_path):
    found = _probe(
        tmp_path,
        S3_BUCKET="noichinh-tep",
        S3_ENDPOINT_URL="https://s3.example.gov.vn",
        S3_PREFIX="tinh-thu",
        S3_ACCESS_KEY="khoa-truy-cap",
        S3_SECRET_KEY="khoa-bi-mat",  # noqa: S106
    )
    assert found["class"] == "storages.backends.s3.S3Storage"
    assert found["bucket"] == "noichinh-tep"
    assert found["endpoint"] == "https://s3.example.gov.vn"
    assert found["location"] == "tinh-thu"
    assert found["acl"] == "private"
    assert found["overwrite"] is False  # an attachment never replaces another


def test_pgbouncer_flag_disables_server_side_cursors_on_postgresql(tmp_path):
    pg = "postgres://postgres@127.0.0.1:5432/h_scale"
    assert _probe(tmp_path, DATABASE_URL=pg, PGBOUNCER="1")["server_side_cursors_off"] is True
    assert not _probe(tmp_path, DATABASE_URL=pg)["server_side_cursors_off"]
