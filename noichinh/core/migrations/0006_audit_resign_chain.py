"""Re-sign the existing audit chain with the audit key (docs/architecture.md, "Audit chain").

Before this migration each entry held a plain SHA-256 of its content and of the previous
entry, which anyone could recompute. Forward: the old chain is checked first; if any entry
fails the old check, the migration stops and changes nothing (re-signing would bless the
tampering: investigate with the previous release's `verify_audit`, restore a good backup).
Then every entry, in the order written, gets its number (``seq``), the id of the signing key
(the first of AUDIT_KEY) and its HMAC-SHA256, and a checkpoint of the re-signed head is
appended to AUDIT_CHECKPOINT_FILE once the migration commits. Backward: the plain SHA-256
chain is recomputed.
"""

import datetime as dt
import hashlib
import hmac
import json
import os
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import migrations, transaction
from django.utils import timezone

BATCH = 2000

# Frozen from core/audit.py and core/models.py (AuditEntry.payload) as they were when this
# migration landed: a migration never imports application code, which moves on while the
# migration must keep doing what it did (issue 22 §5). These are the key ids, the signed
# bytes of an entry and the checkpoint line of that release; verify_audit reads them still.
_MIN_KEY_LENGTH = 32


def _key_id(key: str) -> str:
    return hashlib.sha256(b"noichinh-audit-key-id\x00" + key.encode()).hexdigest()[:12]


def _signing_key() -> tuple[str, bytes]:
    keys = [k.strip() for k in settings.AUDIT_KEY.split(",") if k.strip()]
    if not keys:
        raise ImproperlyConfigured(
            "AUDIT_KEY is empty: generate one with `manage.py audit_key --generate`."
        )
    for k in keys:
        if len(k) < _MIN_KEY_LENGTH:
            raise ImproperlyConfigured(
                f"AUDIT_KEY: each key needs at least {_MIN_KEY_LENGTH} characters "
                "(generate one with `manage.py audit_key --generate`)."
            )
    return _key_id(keys[0]), keys[0].encode()


def _mac(key: bytes, data: bytes) -> str:
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def _keyed_payload(e) -> bytes:
    data = {
        "seq": e.seq,
        "key_id": e.key_id,
        "at": e.at.isoformat(),
        "actor": e.actor_id,
        "actor_name": e.actor_name,
        "action": e.action,
        "model": e.model,
        "object_id": e.object_id,
        "object_repr": e.object_repr,
        "changes": e.changes,
        "reason": e.reason,
        "prev": e.prev_hash,
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()


def _new_checkpoint(seq: int, head: str) -> dict:
    kid, key = _signing_key()
    cp = {
        "seq": seq,
        "head": head,
        "at": timezone.now().astimezone(dt.UTC).isoformat(timespec="seconds"),
        "key_id": kid,
    }
    payload = {k: cp[k] for k in ("seq", "head", "at", "key_id")}
    cp["mac"] = _mac(key, json.dumps(payload, sort_keys=True).encode())
    return cp


def _write_checkpoint(cp: dict) -> None:
    path = Path(settings.AUDIT_CHECKPOINT_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(cp, sort_keys=True) + "\n").encode()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def _legacy_payload(e) -> bytes:
    data = {
        "at": e.at.isoformat(),
        "actor": e.actor_id,
        "actor_name": e.actor_name,
        "action": e.action,
        "model": e.model,
        "object_id": e.object_id,
        "object_repr": e.object_repr,
        "changes": e.changes,
        "reason": e.reason,
        "prev": e.prev_hash,
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()


def _flush(model, batch, fields):
    if batch:
        model.objects.bulk_update(batch, fields)
        batch.clear()


def resign(apps, schema_editor):
    entry_model = apps.get_model("core", "AuditEntry")
    prev = ""
    for e in entry_model.objects.order_by("id").iterator(chunk_size=BATCH):
        if e.prev_hash != prev or hashlib.sha256(_legacy_payload(e)).hexdigest() != e.hash:
            raise RuntimeError(
                f"Audit entry #{e.pk} fails the old hash chain check: not re-signing a chain "
                "that was already altered. Run `manage.py verify_audit` on the previous "
                "release, investigate, restore a good backup, then migrate again."
            )
        prev = e.hash
    kid, key = _signing_key()
    prev, seq, batch = "", 0, []
    for e in entry_model.objects.order_by("id").iterator(chunk_size=BATCH):
        seq += 1
        e.seq, e.key_id, e.prev_hash = seq, kid, prev
        e.hash = _mac(key, _keyed_payload(e))
        prev = e.hash
        batch.append(e)
        if len(batch) >= BATCH:
            _flush(entry_model, batch, ["seq", "key_id", "prev_hash", "hash"])
    _flush(entry_model, batch, ["seq", "key_id", "prev_hash", "hash"])
    if seq:
        transaction.on_commit(partial(_write_checkpoint, _new_checkpoint(seq, prev)))


def unsign(apps, schema_editor):
    entry_model = apps.get_model("core", "AuditEntry")
    prev, batch = "", []
    for e in entry_model.objects.order_by("seq", "id").iterator(chunk_size=BATCH):
        e.prev_hash = prev
        e.hash = hashlib.sha256(_legacy_payload(e)).hexdigest()
        e.seq, e.key_id = None, ""
        prev = e.hash
        batch.append(e)
        if len(batch) >= BATCH:
            _flush(entry_model, batch, ["seq", "key_id", "prev_hash", "hash"])
    _flush(entry_model, batch, ["seq", "key_id", "prev_hash", "hash"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_audit_keyed_chain"),
    ]

    operations = [migrations.RunPython(resign, unsign)]
