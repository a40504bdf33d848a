"""Backup and restore give back every attachment's bytes now that all are encrypted at rest
(issue 15 §8): same encrypted file, same row, and the same plain bytes once decrypted."""

import datetime as dt
import os
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from noichinh.core import files as core_files
from noichinh.core.backup import backup
from noichinh.petitions import services
from tests.hardening.test_backup import ROOT, _restore_target
from tests.petitions.factories import make_petition

BODY = b"%PDF-1.4\nBien ban lam viec - noi dung can giu nguyen"


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_give_back_each_encrypted_attachment(org, users, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    petition = make_petition(
        users["canbo"], org["agencies"]["TTT"], received_on=dt.date(2026, 5, 4)
    )
    att = services.attachment_add(
        actor=users["canbo"],
        petition=petition,
        upload=SimpleUploadedFile("biên bản.pdf", BODY, content_type="application/pdf"),
    )
    stored = (settings.MEDIA_ROOT / att.file.name).read_bytes()
    assert BODY not in stored

    archive, manifest = backup(tmp_path / "backup.tar.gz")
    assert list(manifest["media"]) == [att.file.name]
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
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr
        target = open_target()
        try:
            cursor = target.cursor()
            cursor.execute("SELECT name, file FROM petitions_attachment")
            rows = cursor.fetchall()
        finally:
            target.close()
        assert rows == [("biên bản.pdf", att.file.name)]
        restored = (tmp_path / "restored-var" / "private" / att.file.name).read_bytes()
        assert restored == stored
        assert core_files.decrypt(restored) == BODY
    finally:
        cleanup()
