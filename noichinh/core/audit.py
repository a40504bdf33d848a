"""Writing and checking the audit history. Services call `record` inside their transaction.

The chain is keyed and anchored (issue 15 §2):

- Each entry gets the next number (``seq``, no gaps) and is signed with HMAC-SHA256 under
  the first key of AUDIT_KEY, over its content and the previous entry's signature. Keys come
  from the environment only (AUDIT_KEY or AUDIT_KEY_FILE, comma separated: the first signs,
  all verify); ``key_id`` (a digest of the key, not the key) says which one signed.
  Without the key nobody can sign an edited, inserted or re-chained entry.
- Every AUDIT_CHECKPOINT_EVERY entries and after every reveal or access change
  (``ANCHORED_ACTIONS``), once committed, and on demand (`checkpoint()`, `manage.py
  audit_checkpoint`, every issued report) the head of the chain (seq, signature,
  time) is appended to AUDIT_CHECKPOINT_FILE and written to the log (logger
  ``noichinh.audit``). Each line is itself signed. The file is outside the database and
  outside the backups: deleting the newest entries, re-signing with a stolen key, or
  restoring an older backup leaves the database behind a checkpoint, and `verify_chain`
  says so.
"""

import dataclasses
import datetime as dt
import decimal
import hashlib
import hmac
import json
import logging
import os
import secrets
import uuid
from functools import lru_cache, partial
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction
from django.db.models.fields.files import FieldFile

from noichinh.core import clock
from noichinh.core.models import AuditEntry

logger = logging.getLogger("noichinh.audit")

_LOCK_KEY = 77001
# Entries anchored at once, not only every AUDIT_CHECKPOINT_EVERY: who saw an identity and
# who was given the rights to. Deleting the newest rows is caught only up to the last
# checkpoint, and a reveal is exactly what an insider would want to erase.
ANCHORED_ACTIONS = frozenset(
    {"reveal_identity", "reveal_attachment", "forward_identity", "access_change", "audit_restore"}
)
_MIN_KEY_LENGTH = 32


# -- keys ------------------------------------------------------------------------------------


def key_id(key: str) -> str:
    """A public name for a key (a digest of it): stored on each entry it signs."""
    return hashlib.sha256(b"noichinh-audit-key-id\x00" + key.encode()).hexdigest()[:12]


@lru_cache(maxsize=8)
def _parse_keys(raw: str) -> tuple[tuple[str, bytes], ...]:
    keys = [k.strip() for k in raw.split(",") if k.strip()]
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
    return tuple((key_id(k), k.encode()) for k in keys)


def keys() -> dict[str, bytes]:
    """Every configured key by id (all of them verify)."""
    return dict(_parse_keys(settings.AUDIT_KEY))


def signing_key() -> tuple[str, bytes]:
    """(id, key) of the key that signs new entries and checkpoints: the first."""
    return _parse_keys(settings.AUDIT_KEY)[0]


def generate_key() -> str:
    return secrets.token_urlsafe(48)


def _mac(key: bytes, data: bytes) -> str:
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def sign(entry: AuditEntry) -> str:
    """The entry's signature under the key its ``key_id`` names."""
    key = keys().get(entry.key_id)
    if key is None:
        raise ImproperlyConfigured(f"AUDIT_KEY has no key with id {entry.key_id!r}.")
    return _mac(key, entry.payload())


def _plain(value):
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def snapshot(instance: models.Model) -> dict:
    """Field values of ``instance`` for the history, without sealed fields.

    A model lists fields that must never reach the history in ``AUDIT_EXCLUDE``.
    """
    exclude = set(getattr(instance, "AUDIT_EXCLUDE", ()))
    data = {}
    for f in instance._meta.concrete_fields:
        if f.name in exclude or f.name.endswith("_folded"):
            continue
        data[f.name] = _plain(getattr(instance, f.attname))
    return data


def diff(before: dict, after: dict) -> dict:
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    changes: dict | None = None,
    model: str = "",
    object_id: str = "",
    object_repr: str = "",
    reason: str = "",
) -> AuditEntry:
    kid, _ = signing_key()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        # On SQLite writers are serialised by the database; `seq` is unique, so two
        # writers can never fork the chain.
        last = AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first()
        entry = AuditEntry(
            seq=last[0] + 1 if last else 1,
            key_id=kid,
            at=clock.now(),
            actor=actor if getattr(actor, "pk", None) else None,
            actor_name=getattr(actor, "username", "") or "",
            action=action,
            model=model or (obj._meta.label_lower if obj is not None else ""),
            object_id=object_id or (str(obj.pk) if obj is not None else ""),
            object_repr=(object_repr or (str(obj) if obj is not None else ""))[:255],
            changes=changes or {},
            reason=reason,
            prev_hash=last[1] if last else "",
        )
        entry.hash = sign(entry)
        entry.save()
        every = settings.AUDIT_CHECKPOINT_EVERY
        if action in ANCHORED_ACTIONS or (every > 0 and entry.seq % every == 0):
            transaction.on_commit(partial(_periodic_checkpoint, entry.seq, entry.hash))
        return entry


def record_create(*, actor, obj, reason: str = "") -> AuditEntry:
    after = snapshot(obj)
    return record(
        actor=actor,
        action="create",
        obj=obj,
        changes={k: [None, v] for k, v in after.items()},
        reason=reason,
    )


def record_update(*, actor, obj, before: dict, reason: str = "") -> AuditEntry | None:
    changes = diff(before, snapshot(obj))
    if not changes:
        return None
    return record(actor=actor, action="update", obj=obj, changes=changes, reason=reason)


def record_delete(*, actor, obj, reason: str = "") -> AuditEntry:
    before = snapshot(obj)
    return record(
        actor=actor,
        action="delete",
        obj=obj,
        changes={k: [v, None] for k, v in before.items()},
        reason=reason,
    )


# -- checkpoints -----------------------------------------------------------------------------


# A restore marker is a checkpoint with these too (see `acknowledge_restore`).
_MARKER_FIELDS = ("kind", "reason", "lost_to")


def _checkpoint_payload(cp: dict) -> bytes:
    data = {k: cp[k] for k in ("seq", "head", "at", "key_id")}
    data |= {k: cp[k] for k in _MARKER_FIELDS if k in cp}
    return json.dumps(data, sort_keys=True, ensure_ascii=False).encode()


def new_checkpoint(seq: int, head: str, **marker) -> dict:
    """A signed checkpoint of entry ``seq`` whose signature is ``head`` (not yet written)."""
    kid, key = signing_key()
    cp = {
        "seq": seq,
        "head": head,
        "at": clock.now().astimezone(dt.UTC).isoformat(timespec="seconds"),
        "key_id": kid,
        **marker,
    }
    cp["mac"] = _mac(key, _checkpoint_payload(cp))
    return cp


def write_checkpoint_on_commit(cp: dict) -> None:
    transaction.on_commit(partial(_write_checkpoint, cp))


def checkpoint() -> dict:
    """Anchor the head of the chain outside the database, and return the checkpoint.

    Returns ``{"seq", "head", "at", "key_id", "mac"}``: the number and signature of the
    newest entry, the time (ISO 8601, UTC), and the checkpoint's own signature. The line is
    appended to AUDIT_CHECKPOINT_FILE and logged; called inside a transaction, that happens
    when it commits (a rolled-back entry must not be anchored).
    """
    head = AuditEntry.objects.order_by("-seq").values("seq", "hash").first()
    cp = new_checkpoint(head["seq"] if head else 0, head["hash"] if head else "")
    if connection.in_atomic_block:
        transaction.on_commit(partial(_write_checkpoint, cp))
    else:
        _write_checkpoint(cp)
    return cp


def _write_checkpoint(cp: dict) -> None:
    path = Path(settings.AUDIT_CHECKPOINT_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(cp, sort_keys=True, ensure_ascii=False) + "\n").encode()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line)  # one write in append mode: lines of concurrent writers never mix
        os.fsync(fd)
    finally:
        os.close(fd)
    logger.info("audit checkpoint %s", json.dumps(cp, sort_keys=True, ensure_ascii=False))


def _periodic_checkpoint(seq: int, head: str) -> None:
    # After the commit: a full disk must not turn a saved change into an error page.
    try:
        _write_checkpoint(new_checkpoint(seq, head))
    except Exception:  # noqa: BLE001
        logger.exception("audit checkpoint could not be written")


def read_checkpoints(path: Path | None = None) -> tuple[list[dict], list[str]]:
    """(valid checkpoints, problems) from a checkpoint file (or a copy taken from the log)."""
    path = Path(path or settings.AUDIT_CHECKPOINT_FILE)
    if not path.exists():
        return [], []
    known = keys()
    found, problems = [], []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                cp = json.loads(line)
                payload = _checkpoint_payload(cp)
                seq, mac = int(cp["seq"]), str(cp["mac"])
            except (ValueError, KeyError, TypeError):
                problems.append(f"Tệp mốc {path.name}, dòng {number}: không đọc được.")
                continue
            key = known.get(cp["key_id"])
            if key is None:
                problems.append(
                    f"Tệp mốc {path.name}, dòng {number}: ký bằng khóa không có trong AUDIT_KEY."
                )
                continue
            if not hmac.compare_digest(_mac(key, payload), mac):
                problems.append(f"Tệp mốc {path.name}, dòng {number}: bị sửa (chữ ký không khớp).")
                continue
            found.append({**cp, "seq": seq, "_src": str(path), "_line": number})
    return found, problems


# -- verification ----------------------------------------------------------------------------


@dataclasses.dataclass
class Verification:
    problems: list[str]
    notices: list[str] = dataclasses.field(default_factory=list)
    entries: int = 0
    last_seq: int = 0
    checkpoints: int = 0
    latest_checkpoint: dict | None = None


def vn_time(iso: str) -> str:
    """A checkpoint's time (ISO 8601) as dd/mm/yyyy HH:MM, local time."""
    from noichinh.core.formats import vn_datetime

    try:
        return vn_datetime(dt.datetime.fromisoformat(iso))
    except ValueError:
        return iso


def _superseded_by(cp: dict, marker: dict) -> bool:
    """A checkpoint made before ``marker`` of an entry the acknowledged restore lost."""
    if cp is marker or cp["seq"] <= marker["seq"]:
        return False
    if cp["_src"] == marker["_src"]:
        return cp["_line"] < marker["_line"]
    return cp["at"] < marker["at"]


def _apply_restore_markers(checkpoints: list[dict]) -> tuple[list[dict], list[str]]:
    """Drop the checkpoints an acknowledged restore superseded; say so every time."""
    markers = [cp for cp in checkpoints if cp.get("kind") == "restore"]
    notices = [
        f"Khôi phục từ bản sao lưu lúc {vn_time(m['at'])} đã được ghi nhận: bản ghi "
        f"#{m['seq'] + 1}–#{m['lost_to']} của chuỗi trước đó đã mất. Lý do: {m['reason']}"
        for m in markers
    ]
    kept = [cp for cp in checkpoints if not any(_superseded_by(cp, m) for m in markers)]
    return kept, notices


def verify(checkpoint_files: list[Path] | None = None) -> Verification:
    """Check every entry's number, link and signature, then the chain against every
    checkpoint: the entry a checkpoint names must still be there, unchanged."""
    problems: list[str] = []
    checkpoints: list[dict] = []
    for path in checkpoint_files or [Path(settings.AUDIT_CHECKPOINT_FILE)]:
        found, bad = read_checkpoints(path)
        checkpoints += found
        problems += bad
    checkpoints, notices = _apply_restore_markers(checkpoints)
    anchored: dict[int, dict] = {}
    for cp in checkpoints:
        anchored.setdefault(cp["seq"], {})[cp["head"]] = cp
    known = keys()
    prev, expected, count = "", 1, 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        count += 1
        if entry.seq > expected:
            gap = f"#{expected}" if entry.seq == expected + 1 else f"#{expected}–#{entry.seq - 1}"
            problems.append(f"Thiếu bản ghi {gap} (bị xóa).")
        if entry.prev_hash != prev:
            problems.append(
                f"#{entry.seq}: liên kết tới bản ghi trước bị đứt (bản ghi bị xóa, chèn hoặc sửa)."
            )
        key = known.get(entry.key_id)
        if key is None:
            problems.append(f"#{entry.seq}: ký bằng khóa không có trong AUDIT_KEY.")
        elif not hmac.compare_digest(_mac(key, entry.payload()), entry.hash):
            problems.append(f"#{entry.seq}: nội dung bị sửa (chữ ký không khớp).")
        heads = anchored.pop(entry.seq, None)
        if heads and set(heads) != {entry.hash}:
            at = min(cp["at"] for cp in heads.values())
            problems.append(
                f"#{entry.seq}: khác với mốc kiểm tra lúc {vn_time(at)} (chuỗi bị viết lại)."
            )
        prev, expected = entry.hash, entry.seq + 1
    last_seq = expected - 1
    for seq in sorted(anchored):
        if seq == 0:
            continue
        at = max(cp["at"] for cp in anchored[seq].values())
        problems.append(
            f"Mốc kiểm tra lúc {vn_time(at)} ghi bản ghi #{seq}, nhưng cơ sở dữ liệu chỉ còn "
            f"đến #{last_seq}: bản ghi mới nhất đã bị xóa hoặc cơ sở dữ liệu được khôi phục "
            "từ bản sao lưu cũ hơn."
        )
    every = settings.AUDIT_CHECKPOINT_EVERY
    if not checkpoints and every > 0 and last_seq >= every:
        problems.append(
            f"Không có mốc kiểm tra nào ngoài cơ sở dữ liệu dù chuỗi đã có {last_seq} bản ghi "
            "(tệp mốc bị xóa hoặc để trống?)."
        )
    latest = max(checkpoints, key=lambda cp: (cp["seq"], cp["at"]), default=None)
    return Verification(
        problems=problems,
        notices=notices,
        entries=count,
        last_seq=last_seq,
        checkpoints=len(checkpoints),
        latest_checkpoint=latest,
    )


def verify_chain() -> list[str]:
    """Problems found in the chain (empty when intact)."""
    return verify().problems


def acknowledge_restore(*, actor, reason: str) -> dict:
    """After a deliberate restore of an older backup: record, in the chain and in the
    checkpoint file, that the entries after the restored head are lost.

    Checkpoints made before this marker of entries past the restored head stop counting;
    `verify_chain` then reports the marker, with its reason, on every run instead of a
    problem. The entry ``audit_restore`` keeps the acknowledgement in the history too.
    """
    from django.core.exceptions import ValidationError

    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError("Ghi rõ lý do khôi phục (ít nhất 10 ký tự).")
    checkpoints, _ = read_checkpoints()
    checkpoints, _ = _apply_restore_markers(checkpoints)
    with transaction.atomic():
        head = AuditEntry.objects.order_by("-seq").values("seq", "hash").first()
        head_seq, head_mac = (head["seq"], head["hash"]) if head else (0, "")
        lost_to = max((cp["seq"] for cp in checkpoints if cp["seq"] > head_seq), default=None)
        if lost_to is None:
            raise ValidationError(
                "Cơ sở dữ liệu không đứng sau mốc kiểm tra nào: không có gì để ghi nhận."
            )
        marker = new_checkpoint(head_seq, head_mac, kind="restore", reason=reason, lost_to=lost_to)
        write_checkpoint_on_commit(marker)
        record(
            actor=actor,
            action="audit_restore",
            model="core.auditentry",
            object_id=str(head_seq),
            object_repr=f"Khôi phục: mất bản ghi #{head_seq + 1}–#{lost_to}",
            changes={"lost": [head_seq + 1, lost_to]},
            reason=reason,
        )
        checkpoint()
    return marker
