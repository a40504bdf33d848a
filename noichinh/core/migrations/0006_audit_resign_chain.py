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

import hashlib
import json

from django.db import migrations

BATCH = 2000


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
    from noichinh.core import audit
    from noichinh.core.models import AuditEntry as CurrentEntry

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
    kid, key = audit.signing_key()
    prev, seq, batch = "", 0, []
    for e in entry_model.objects.order_by("id").iterator(chunk_size=BATCH):
        seq += 1
        e.seq, e.key_id, e.prev_hash = seq, kid, prev
        e.hash = audit._mac(key, CurrentEntry.payload(e))
        prev = e.hash
        batch.append(e)
        if len(batch) >= BATCH:
            _flush(entry_model, batch, ["seq", "key_id", "prev_hash", "hash"])
    _flush(entry_model, batch, ["seq", "key_id", "prev_hash", "hash"])
    if seq:
        audit.write_checkpoint_on_commit(audit.new_checkpoint(seq, prev))


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
