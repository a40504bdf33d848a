"""The audit chain holds against an insider who can write to the database (issue 15, §2).

Each test plays one way of rewriting history. An insider without the audit key knows the
code (the payload of an entry) but not the key; one with the key can re-sign, and only the
checkpoints kept outside the database (``AUDIT_CHECKPOINT_FILE``) catch them.
"""

import hashlib
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from noichinh.core import audit
from noichinh.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _entries(users, n=5):
    for i in range(n):
        audit.record(
            actor=users["thuky"],
            action="update",
            model="x.y",
            object_id=str(i),
            changes={"a": [i, i + 1]},
            reason=f"lần {i}",
        )
    return list(AuditEntry.objects.order_by("id"))


def _checkpoint(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return _anchor()


def _anchor():
    """Write a checkpoint (on a chain without checkpoints, an attack shows as "did not raise")."""
    return getattr(audit, "checkpoint", lambda: None)()


def _plain_hash(entry) -> str:
    """What anyone who reads the code can compute: SHA-256 of the entry's payload."""
    return hashlib.sha256(entry.payload()).hexdigest()


def _insider_signature(entry) -> str:
    """What an insider who holds the audit key can compute."""
    return audit.sign(entry) if hasattr(audit, "sign") else entry.compute_hash()


def _rewrite(entry, **fields):
    """Change stored columns behind the ORM's back (as SQL on the database would)."""
    AuditEntry.objects.filter(pk=entry.pk).update(**fields)
    entry.refresh_from_db()
    return entry


def _rechain(start_prev: str, entries, signature):
    """Recompute the links and hashes of ``entries`` in order, starting from ``start_prev``."""
    prev = start_prev
    for entry in entries:
        entry = _rewrite(entry, prev_hash=prev)
        entry = _rewrite(entry, hash=signature(entry))
        prev = entry.hash


def _verify_fails(match="bị can thiệp"):
    with pytest.raises(CommandError, match=match):
        call_command("verify_audit")


def test_an_intact_chain_with_its_checkpoint_verifies(users, django_capture_on_commit_callbacks):
    _entries(users)
    _checkpoint(django_capture_on_commit_callbacks)
    call_command("verify_audit")


def test_editing_a_field_and_recomputing_its_plain_hash_is_detected(users):
    entries = _entries(users)
    head = _rewrite(entries[-1], reason="lý do đã được sửa lại")
    _rewrite(head, hash=_plain_hash(head))
    _verify_fails()


def test_editing_a_stored_hash_and_the_link_after_it_is_detected(users):
    entries = _entries(users)
    middle = _rewrite(entries[2], changes={"a": [0, 999]})
    _rechain(entries[1].hash, [middle, entries[3], entries[4]], _plain_hash)
    _verify_fails()


def test_deleting_a_middle_row_and_patching_the_next_link_is_detected(users):
    entries = _entries(users)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entries[2].pk])
    _rechain(entries[1].hash, entries[3:], _plain_hash)
    _verify_fails()


def test_deleting_the_newest_rows_is_detected_against_the_checkpoint(
    users, django_capture_on_commit_callbacks
):
    entries = _entries(users)
    _checkpoint(django_capture_on_commit_callbacks)
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM core_auditentry WHERE id IN (%s, %s)", [entries[3].pk, entries[4].pk]
        )
    _verify_fails()


def test_appending_a_forged_row_with_a_recomputed_plain_hash_is_detected(users):
    entries = _entries(users)
    last = entries[-1]
    forged = AuditEntry(
        at=last.at,
        actor=None,
        actor_name="admin",
        action="update",
        model="x.y",
        object_id="9",
        changes={"a": [1, 2]},
        reason="bản ghi giả",
        prev_hash=last.hash,
    )
    for name in ("seq", "key_id"):  # the columns a keyed chain adds, filled as the code does
        if hasattr(forged, name):
            setattr(forged, name, getattr(last, name) + 1 if name == "seq" else last.key_id)
    forged.hash = _plain_hash(forged)
    forged.save()
    _verify_fails()


def test_rechaining_after_a_deletion_with_the_key_is_detected_against_the_checkpoint(
    users, django_capture_on_commit_callbacks
):
    entries = _entries(users)
    _checkpoint(django_capture_on_commit_callbacks)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entries[2].pk])
    rest = entries[3:]
    if hasattr(rest[0], "seq"):  # renumber, so no gap in the sequence shows
        for entry in rest:
            _rewrite(entry, seq=entry.seq - 1)
    _rechain(entries[1].hash, [AuditEntry.objects.get(pk=e.pk) for e in rest], _insider_signature)
    _verify_fails()


@pytest.mark.django_db(transaction=True)
def test_restoring_an_older_backup_over_a_newer_database_is_detected(
    org, users, tmp_path, settings
):
    from noichinh.core.backup import backup, restore

    settings.MEDIA_ROOT = tmp_path / "media"
    _entries(users, 3)
    archive, _ = backup(tmp_path / "older.tar.gz")
    _entries(users, 2)
    _anchor()  # e.g. printed on a report issued after the backup
    call_command("verify_audit")
    restore(archive, force=True)
    _verify_fails()


# --- what the checkpoint is ---------------------------------------------------------------


def test_checkpoint_returns_and_appends_the_head_of_the_chain(
    users, settings, caplog, django_capture_on_commit_callbacks
):
    entries = _entries(users, 3)
    with caplog.at_level("INFO", logger="noichinh.audit"):
        first = _checkpoint(django_capture_on_commit_callbacks)
        _entries(users, 1)
        second = _checkpoint(django_capture_on_commit_callbacks)
    assert first["seq"] == entries[-1].seq and first["head"] == entries[-1].hash
    assert first["at"]
    assert second["seq"] == first["seq"] + 1
    lines = settings.AUDIT_CHECKPOINT_FILE.read_text().splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [first["seq"], second["seq"]]
    assert first["head"] in caplog.text and second["head"] in caplog.text


def test_a_checkpoint_is_written_every_n_entries(
    users, settings, django_capture_on_commit_callbacks
):
    settings.AUDIT_CHECKPOINT_EVERY = 2
    with django_capture_on_commit_callbacks(execute=True):
        _entries(users, 5)
    lines = settings.AUDIT_CHECKPOINT_FILE.read_text().splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [2, 4]


def test_a_checkpoint_of_a_rolled_back_transaction_is_not_written(users, settings):
    from django.db import transaction

    settings.AUDIT_CHECKPOINT_EVERY = 1
    with pytest.raises(RuntimeError), transaction.atomic():
        _entries(users, 1)
        raise RuntimeError
    assert not settings.AUDIT_CHECKPOINT_FILE.exists()


def test_an_edited_checkpoint_line_is_detected(users, settings, django_capture_on_commit_callbacks):
    entries = _entries(users, 3)
    _checkpoint(django_capture_on_commit_callbacks)
    # The insider deletes the newest row and lowers the checkpoint to match.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entries[2].pk])
    line = json.loads(settings.AUDIT_CHECKPOINT_FILE.read_text())
    line.update(seq=entries[1].seq, head=entries[1].hash)
    settings.AUDIT_CHECKPOINT_FILE.write_text(json.dumps(line) + "\n")
    _verify_fails()


def test_verify_audit_names_the_checkpoint_it_checked(
    users, django_capture_on_commit_callbacks, capsys
):
    _entries(users, 3)
    cp = _checkpoint(django_capture_on_commit_callbacks)
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "nguyên vẹn" in out and f"#{cp['seq']}" in out


def test_audit_checkpoint_command_writes_one_on_demand(
    users, settings, capsys, django_capture_on_commit_callbacks
):
    _entries(users, 2)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("audit_checkpoint")
    line = json.loads(settings.AUDIT_CHECKPOINT_FILE.read_text())
    assert line["seq"] == 2
    assert line["head"] in capsys.readouterr().out


# --- the key --------------------------------------------------------------------------------


def test_each_entry_records_the_key_that_signed_it_and_old_keys_still_verify(users, settings):
    old_key, new_key = "khoa-cu-" + "a" * 40, "khoa-moi-" + "b" * 40
    settings.AUDIT_KEY = old_key
    _entries(users, 2)
    settings.AUDIT_KEY = f"{new_key},{old_key}"  # rotation: the first signs, all verify
    _entries(users, 2)
    ids = list(AuditEntry.objects.order_by("seq").values_list("key_id", flat=True))
    assert ids[0] == ids[1] != ids[2] == ids[3]
    call_command("verify_audit")
    settings.AUDIT_KEY = new_key  # the old key dropped too early
    _verify_fails()


def test_the_signature_depends_on_the_key_not_only_on_the_content(users, settings):
    _entries(users, 2)
    settings.AUDIT_KEY = "mot-khoa-khac-" + "c" * 40
    _verify_fails()


def test_the_key_is_read_from_a_file(tmp_path, monkeypatch):
    import subprocess
    import sys
    from pathlib import Path

    key_file = tmp_path / "audit.key"
    key_file.write_text("khoa-trong-tep-" + "d" * 40 + "\n")
    env = {"AUDIT_KEY_FILE": str(key_file), "DJANGO_SETTINGS_MODULE": "config.settings"}
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django;django.setup();"
            "from django.conf import settings;print(settings.AUDIT_KEY)",
        ],
        cwd=root,
        env={**__import__("os").environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.stdout.strip() == "khoa-trong-tep-" + "d" * 40, proc.stderr


# --- the migration from the plain chain ------------------------------------------------------


def _migrate(target):
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("core", target)])
    return executor.loader.project_state([("core", target)]).apps


def _migrate_to_latest():
    """Back to the newest schema (later core migrations exist beside the audit ones)."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _legacy_chain(apps, users, n=3, tamper=False):
    """Entries as the previous release wrote them: plain SHA-256, no number, no key."""
    from django.utils import timezone

    entry_model = apps.get_model("core", "AuditEntry")
    migration = __import__(
        "noichinh.core.migrations.0006_audit_resign_chain", fromlist=["_legacy_payload"]
    )
    prev = ""
    for i in range(n):
        e = entry_model(
            at=timezone.now(),
            actor_id=users["thuky"].pk,
            actor_name="thuky",
            action="update",
            model="x.y",
            object_id=str(i),
            changes={"a": [i, i + 1]},
            reason="" if not (tamper and i == 1) else "sửa lén",
            prev_hash=prev,
            key_id="",
        )
        e.hash = hashlib.sha256(migration._legacy_payload(e)).hexdigest()
        if tamper and i == 1:
            e.reason = "sửa lén sau khi tính hash"
        e.save()
        prev = e.hash


@pytest.mark.django_db(transaction=True)
def test_the_migration_re_signs_an_intact_plain_chain_and_anchors_it(users, settings):
    try:
        _legacy_chain(_migrate("0005_audit_keyed_chain"), users)
        _migrate("0007_audit_seq_required")
        assert list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True)) == [1, 2, 3]
        lines = settings.AUDIT_CHECKPOINT_FILE.read_text().splitlines()
        assert json.loads(lines[-1])["seq"] == 3
        call_command("verify_audit")
    finally:
        _migrate_to_latest()


@pytest.mark.django_db(transaction=True)
def test_the_migration_refuses_to_re_sign_a_plain_chain_that_was_altered(users):
    try:
        _legacy_chain(_migrate("0005_audit_keyed_chain"), users, tamper=True)
        with pytest.raises(RuntimeError, match="fails the old hash chain check"):
            _migrate("0007_audit_seq_required")
    finally:
        AuditEntry.objects.all()._raw_delete(AuditEntry.objects.db)
        _migrate_to_latest()


@pytest.mark.django_db(transaction=True)
def test_a_deliberate_restore_is_acknowledged_in_the_chain_and_reported_on_every_check(
    org, users, tmp_path, settings, capsys
):
    from noichinh.core.backup import backup, restore

    settings.MEDIA_ROOT = tmp_path / "media"
    _entries(users, 3)
    archive, _ = backup(tmp_path / "older.tar.gz")
    _entries(users, 2)
    audit.checkpoint()
    restore(archive, force=True)
    with pytest.raises(CommandError, match="quá ngắn|lý do"):
        call_command("audit_checkpoint", after_restore="khôi phục")
    call_command(
        "audit_checkpoint", after_restore="Ổ đĩa máy chủ hỏng ngày 02/12, khôi phục bản đêm trước"
    )
    _entries(users, 2)
    audit.checkpoint()
    capsys.readouterr()
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "bản ghi #4–#5 của chuỗi trước đó đã mất" in out and "Ổ đĩa máy chủ hỏng" in out
    ack = AuditEntry.objects.get(action="audit_restore")
    assert ack.seq == 4 and ack.changes == {"lost": [4, 5]}
    # Rewriting what came after the acknowledgement is still caught.
    _rewrite(AuditEntry.objects.order_by("-seq").first(), reason="sửa lén")
    _verify_fails()


@pytest.mark.django_db(transaction=True)
def test_restore_command_warns_when_the_restored_chain_is_behind_a_checkpoint(
    org, users, tmp_path, settings, capsys
):
    from noichinh.core.backup import backup

    settings.MEDIA_ROOT = tmp_path / "media"
    _entries(users, 2)
    archive, _ = backup(tmp_path / "older.tar.gz")
    _entries(users, 1)
    audit.checkpoint()
    call_command("restore", str(archive), force=True)
    err = capsys.readouterr().err
    assert "không khớp các mốc kiểm tra" in err and "--after-restore" in err


def test_audit_key_generates_a_key_and_lists_what_each_key_signed(users, settings, capsys):
    call_command("audit_key", generate=True)
    new_key = capsys.readouterr().out.strip()
    assert len(new_key) >= 32
    _entries(users, 2)
    settings.AUDIT_KEY = f"{new_key},{settings.AUDIT_KEY}"
    _entries(users, 1)
    call_command("audit_key")
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{audit.key_id(new_key)}: ký bản ghi mới; đã ký 1 bản ghi",
        f"{AuditEntry.objects.get(seq=1).key_id}: chỉ để kiểm tra; đã ký 2 bản ghi",
    ]


@pytest.mark.parametrize("value", ["", " , ", "ngan-qua"])
def test_an_empty_or_short_audit_key_is_refused_with_a_clear_message(users, settings, value):
    from django.core.exceptions import ImproperlyConfigured

    settings.AUDIT_KEY = value
    with pytest.raises(ImproperlyConfigured, match="AUDIT_KEY"):
        _entries(users, 1)


def test_check_names_an_unusable_audit_key(settings):
    from noichinh.core.audit_checks import audit_key_check

    settings.AUDIT_KEY = ""
    (error,) = audit_key_check()
    assert error.id == "noichinh.audit.E001" and "audit_key --generate" in error.hint
    settings.AUDIT_KEY = "k" * 40
    assert audit_key_check() == []


def test_check_warns_when_the_checkpoint_file_cannot_be_written(settings, tmp_path, monkeypatch):
    from noichinh.core import audit_checks

    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "audit" / "checkpoints.jsonl"
    assert audit_checks.audit_checkpoint_file_check() == []
    # A folder the service's user may not write to (the tests may run as root: pretend).
    monkeypatch.setattr(audit_checks.os, "access", lambda path, mode: False)
    (warning,) = audit_checks.audit_checkpoint_file_check()
    assert warning.id == "noichinh.audit.W001"


def test_a_reveal_is_anchored_at_once_so_erasing_it_is_detected(
    users, django_capture_on_commit_callbacks
):
    _entries(users, 2)
    with django_capture_on_commit_callbacks(execute=True):
        reveal = audit.record(
            actor=users["canbo"],
            action="reveal_identity",
            model="petitions.petition",
            object_id="1",
            reason="Cần liên hệ người tố cáo",
        )
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [reveal.pk])
    _verify_fails()


def test_deleting_the_checkpoint_file_of_a_long_chain_is_detected(
    users, settings, django_capture_on_commit_callbacks
):
    settings.AUDIT_CHECKPOINT_EVERY = 3
    with django_capture_on_commit_callbacks(execute=True):
        _entries(users, 4)
    settings.AUDIT_CHECKPOINT_FILE.unlink()
    _verify_fails("Không có mốc kiểm tra|bị can thiệp")


def test_a_copy_of_the_checkpoints_from_the_log_catches_a_truncated_file(
    users, settings, caplog, tmp_path, django_capture_on_commit_callbacks
):
    entries = _entries(users, 3)
    with caplog.at_level("INFO", logger="noichinh.audit"):
        _checkpoint(django_capture_on_commit_callbacks)
    # The insider deletes the newest row and empties the checkpoint file.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entries[2].pk])
    settings.AUDIT_CHECKPOINT_FILE.write_text("")
    call_command("verify_audit")  # the file alone no longer tells
    copy = tmp_path / "from-the-log.jsonl"
    copy.write_text(
        "".join(
            r.getMessage().split("audit checkpoint ", 1)[1] + "\n"
            for r in caplog.records
            if r.name == "noichinh.audit"
        )
    )
    with pytest.raises(CommandError, match="bị can thiệp"):
        call_command("verify_audit", checkpoints=[copy])
