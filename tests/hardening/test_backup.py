"""Backup and restore round trip: every table's row count and checksum, every attachment.

The source is the test database (SQLite or PostgreSQL, whichever the suite runs on); the
restore goes through `manage.py restore` in a fresh process into an empty database (a temp
SQLite file, or a private PostgreSQL database h_backup_restore_<pid>).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from noichinh.core import audit, sealed
from noichinh.core.backup import (
    BackupError,
    backup,
    database_fingerprints,
    fingerprints,
    read_manifest,
    restore,
)

ROOT = Path(__file__).resolve().parents[2]
# Transactional: backup() reads over its own connection, which must see committed data (and
# on SQLite's shared in-memory test database would wait forever on an open transaction).


def _restore_target(tmp_path):
    """(DATABASE_URL of an empty database, cleanup, opener of a DB-API connection to it)."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"

        def open_target():
            import sqlite3

            return sqlite3.connect(path)

        return f"sqlite:///{path}", lambda: None, open_target
    import psycopg

    db = connection.settings_dict
    name = f"h_backup_restore_{os.getpid()}"
    kw = dict(
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **kw) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')

    def cleanup():
        with psycopg.connect(dbname="postgres", autocommit=True, **kw) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    user = db.get("USER") or "postgres"
    auth = f"{user}:{db['PASSWORD']}@" if db.get("PASSWORD") else f"{user}@"
    url = f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{name}"
    return url, cleanup, lambda: psycopg.connect(dbname=name, **kw)


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_database_keeps_every_row_and_file(
    org, users, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    attachment = settings.MEDIA_ROOT / "petitions" / "2026" / "don-to-cao.pdf.enc"
    attachment.parent.mkdir(parents=True)
    attachment.write_text(sealed.seal("nội dung tố cáo, họ tên người tố cáo"))
    audit.record(
        actor=users["thuky"], action="create", obj=org["agencies"]["BNC"], changes={"x": [1, 2]}
    )

    archive, manifest = backup(tmp_path / "backup.tar.gz")
    source = database_fingerprints()
    assert manifest["tables"] == source
    assert source["org_user"]["rows"] == len(users)
    assert list(manifest["media"]) == ["petitions/2026/don-to-cao.pdf.enc"]
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    url, cleanup, open_target = _restore_target(tmp_path)
    try:
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "VAR_DIR": str(tmp_path / "restored-var"),
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
        proc = subprocess.run(
            [sys.executable, "manage.py", "restore", str(archive)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        assert "khớp bản sao lưu" in proc.stdout
        target = open_target()
        try:
            restored = fingerprints(target, connection.vendor)
        finally:
            target.close()
        assert restored == source  # every table: same row count and checksum
        restored_file = tmp_path / "restored-var" / "private" / "petitions" / "2026"
        assert (restored_file / "don-to-cao.pdf.enc").read_bytes() == attachment.read_bytes()
    finally:
        cleanup()


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_already_has_data(org, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive, _ = backup(tmp_path / "backup.tar.gz")
    with pytest.raises(BackupError, match="đã có dữ liệu"):
        restore(archive)


@pytest.mark.django_db(transaction=True)
def test_restore_rejects_an_archive_from_the_other_engine(org, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive, _ = backup(tmp_path / "backup.tar.gz")
    assert read_manifest(archive)["engine"] == connection.vendor
    other = tmp_path / "other.tar.gz"
    import io
    import json
    import tarfile

    with tarfile.open(archive) as src, tarfile.open(other, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name == "manifest.json":
                m = json.loads(data)
                m["engine"] = "postgresql" if m["engine"] == "sqlite" else "sqlite"
                data = json.dumps(m).encode()
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    with pytest.raises(BackupError, match="Tệp sao lưu của"):
        restore(other, force=True)
