"""Retention of portal data of CLOSED files: receipt codes, messages, attachments, sealed
identities, on the schedule kept as data (``portal.models.RetentionRule``).

``apply_retention`` is the periodic job (management command ``apply_retention``; the
worker's job registry calls the same function). It is idempotent — what it removed is gone,
so a second run finds nothing — and safe to run twice at once: each file is claimed with
``select_for_update(skip_locked=True)`` (PostgreSQL; SQLite serialises writers) and checked
again under the lock.

Nothing is removed from a file that is open, whose transfer chain or duplicates are still
open somewhere, whose sender has another petition being handled (a complaint of the second
round, a new denunciation about the resolution), or that is kept by a ``RetentionHold``
(appeal, lawsuit, a case of the monitored list while the case is on it).

Each removal writes an audit entry (``retention_delete`` / ``retention_archive``) and a
line of the run's report (``RetentionRun.items``: record, data, count; never content nor
identity). Archiving writes one Fernet-encrypted bundle per file and data under
``RETENTION_ARCHIVE_DIR`` before the rows go; attachment files leave the storage after the
commit.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from noichinh.core import audit, clock
from noichinh.core import files as core_files
from noichinh.core.calendar import add_months
from noichinh.petitions.models import Attachment, Petition
from noichinh.portal.models import (
    PortalAccess,
    PortalMessage,
    RetentionHold,
    RetentionNotice,
    RetentionRule,
    RetentionRun,
)
from noichinh.portal.retention_dates import (  # noqa: F401 (read from here too)
    HOLD_LABELS,
    Target,
    _code_expiry,
    closed_on,
    closed_on_expression,
    code_expires_on,
    hold_reasons,
    rules,
)

# --- the job -----------------------------------------------------------------------------


def _candidates(target: str, cutoff: dt.date):
    qs = Petition.objects.filter(state__in=Petition.FINAL_STATES)
    if target == Target.RECEIPT_CODE:
        qs = qs.filter(portal_access__isnull=False)
    elif target == Target.MESSAGES:
        qs = qs.filter(pk__in=PortalMessage.objects.values("petition_id"))
    elif target == Target.ATTACHMENTS:
        qs = qs.filter(pk__in=Attachment.objects.values("petition_id"))
    elif target == Target.SEALED_IDENTITY:
        qs = qs.exclude(sealed_identity="", sender_hash="", sender_id_hash="").filter(
            type="denunciation"
        )
    return (
        qs.annotate(closed=closed_on_expression())
        .filter(closed__lte=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _archive_dir() -> Path:
    path = Path(getattr(settings, "RETENTION_ARCHIVE_DIR", settings.VAR_DIR / "archive"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _write_archive(petition: Petition, target: str, payload: dict, now) -> str:
    """One encrypted bundle (Fernet, the field keys) per file and data; returns its name."""
    body = {
        "petition_id": petition.pk,
        "receipt_no": petition.receipt_no,
        "agency_id": petition.agency_id,
        "target": target,
        "archived_at": now.isoformat(),
        **payload,
    }
    name = f"petition-{petition.pk}-{target}-{now:%Y%m%d%H%M%S%f}{core_files.SEALED_SUFFIX}"
    data = core_files.encrypt(json.dumps(body, ensure_ascii=False).encode())
    (_archive_dir() / name).write_bytes(data)
    return name


def _remove(petition: Petition, rule: RetentionRule, now) -> tuple[int, str]:
    """Remove (or archive) ``rule.target`` of one locked, closed, unheld file: (count, archive
    file name or "")."""
    target, archive = rule.target, rule.action == RetentionRule.Action.ARCHIVE
    bundle = ""
    if target == Target.MESSAGES:
        rows = list(PortalMessage.objects.filter(petition=petition))
        if rows and archive:
            bundle = _write_archive(
                petition,
                target,
                {
                    "messages": [
                        {
                            "kind": m.kind,
                            "text": m.text,
                            "author_id": m.author_id,
                            "agency_id": m.agency_id,
                            "created_at": m.created_at.isoformat(),
                        }
                        for m in rows
                    ]
                },
                now,
            )
        PortalMessage.objects.filter(pk__in=[m.pk for m in rows]).delete()
        return len(rows), bundle
    if target == Target.ATTACHMENTS:
        rows = list(Attachment.objects.filter(petition=petition))
        if rows and archive:
            items = []
            for a in rows:
                stored = b""
                if a.file and a.file.storage.exists(a.file.name):
                    with a.file.open("rb") as fh:
                        stored = fh.read()
                items.append(
                    {
                        "name": a.name,
                        "content_type": a.content_type,
                        "size": a.size,
                        "is_identifying": a.is_identifying,
                        "sealed": core_files.is_sealed(a.file),
                        # The stored bytes as they are (already encrypted when sealed).
                        "stored": base64.b64encode(stored).decode(),
                    }
                )
            bundle = _write_archive(petition, target, {"attachments": items}, now)
        names = [(a.file.storage, a.file.name) for a in rows if a.file]
        Attachment.objects.filter(pk__in=[a.pk for a in rows]).delete()

        def _delete_files():
            for storage, name in names:
                if storage.exists(name):
                    storage.delete(name)

        transaction.on_commit(_delete_files)
        return len(rows), bundle
    if target == Target.SEALED_IDENTITY:
        if archive and petition.sealed_identity:
            bundle = _write_archive(
                petition, target, {"sealed_identity": petition.sealed_identity}, now
            )
        had = 1 if (petition.sealed_identity or petition.sender_hash) else 0
        Petition.objects.filter(pk=petition.pk).update(
            sealed_identity="", sender_hash="", sender_id_hash=""
        )
        return had, bundle
    if target == Target.RECEIPT_CODE:
        count, _ = PortalAccess.objects.filter(petition=petition).delete()
        return count, ""
    return 0, ""


def _apply_one(pk: int, rule: RetentionRule, *, actor, today, now, run_items, held) -> int:
    with transaction.atomic():
        petition = (
            Petition.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=pk, state__in=Petition.FINAL_STATES)
            .first()
        )
        if petition is None:  # another run holds it, or it was reopened
            return 0
        reasons = hold_reasons(petition, today=today)
        if reasons:
            for reason in reasons:
                held[reason] = held.get(reason, 0) + 1
            return 0
        closed = closed_on(petition)
        if rule.target == Target.RECEIPT_CODE:
            notice = RetentionNotice.objects.filter(petition=petition).first()
            expires = add_months(closed, rule.months)
            if rule.notice_days:
                if today < expires - dt.timedelta(days=rule.notice_days):
                    return 0
                if notice is None:
                    # Told first; the code stops working notice_days after the notice at
                    # the earliest (a channel to the citizen sends it, the portal shows it).
                    notice = RetentionNotice.objects.create(
                        petition=petition, expires_on=expires, noticed_on=today
                    )
                    _tell_sender(notice)
                    audit.record(
                        actor=actor,
                        action="retention_notice",
                        obj=petition,
                        changes={"target": [None, rule.target], "expires_on": [None, str(expires)]},
                        reason="Báo trước người gửi: mã tra cứu sắp hết hiệu lực",
                    )
                    run_items.append(
                        {
                            "petition_id": petition.pk,
                            "receipt_no": petition.receipt_no,
                            "agency": str(petition.agency),
                            "target": "receipt_code_notice",
                            "count": 1,
                            "action": "notice",
                        }
                    )
                    return 0
                if today < _code_expiry(rule, closed, notice):
                    return 0
            elif today < expires:
                return 0
        count, bundle = _remove(petition, rule, now)
        if not count:
            return 0
        action = "retention_archive" if bundle else "retention_delete"
        audit.record(
            actor=actor,
            action=action,
            obj=petition,
            changes={
                "target": [None, rule.target],
                "count": [count, 0],
                "rule_months": [None, rule.months],
                **({"archive": [None, bundle]} if bundle else {}),
            },
            reason=f"Hết thời hạn lưu giữ ({rule.get_target_display()}, {rule.months} tháng "
            f"từ ngày kết thúc hồ sơ {closed:%d/%m/%Y}). Căn cứ: {rule.source_label}",
        )
        run_items.append(
            {
                "petition_id": petition.pk,
                "receipt_no": petition.receipt_no,
                "agency": str(petition.agency),
                "target": rule.target,
                "count": count,
                "action": "archive" if bundle else "delete",
                **({"archive": bundle} if bundle else {}),
            }
        )
        return count


def apply_retention(*, actor=None, today: dt.date | None = None, trigger: str = "command"):
    """Apply every retention rule to the closed files past their period; returns the stored
    ``RetentionRun`` (what was removed, per data kind, and what was kept and why)."""
    today = today or clock.today()
    now = clock.now()
    run = RetentionRun.objects.create(
        started_at=now,
        as_of=today,
        actor=actor if getattr(actor, "pk", None) else None,
        trigger=trigger,
    )
    counts: dict[str, int] = {}
    held: dict[str, int] = {}
    items: list[dict] = []
    for rule in RetentionRule.objects.order_by("target"):
        cutoff = add_months(today, -rule.months)
        if rule.target == Target.RECEIPT_CODE and rule.notice_days:
            cutoff += dt.timedelta(days=rule.notice_days)  # closed files about to expire
        removed = 0
        for pk in list(_candidates(rule.target, cutoff)):
            removed += _apply_one(
                pk, rule, actor=actor, today=today, now=now, run_items=items, held=held
            )
        counts[rule.target] = removed
    notices = sum(1 for i in items if i["action"] == "notice")
    if notices:
        counts["receipt_code_notice"] = notices
    run.counts, run.held, run.items, run.finished_at = counts, held, items, clock.now()
    run.save(update_fields=["counts", "held", "items", "finished_at"])
    audit.record(
        actor=actor,
        action="retention_run",
        obj=run,
        changes={k: [None, v] for k, v in counts.items()},
        reason=f"Áp dụng thời hạn lưu giữ tính đến ngày {today:%d/%m/%Y}",
    )
    return run


def _tell_sender(notice: RetentionNotice) -> None:
    """Send the notice to the sender's e-mail or phone, when they left one (portal.notices:
    after the commit, only the receipt number, the day and the link)."""
    from noichinh.portal import notices

    made = notices.record(
        about=notice.petition, event=notices.E.CODE_EXPIRING, source=f"retention:{notice.pk}"
    )
    if made:
        notice.sent_at = clock.now()
        notice.channel = ",".join(sorted({m.channel for m in made}))
        notice.save(update_fields=["sent_at", "channel"])


def pending_notices():
    """Notices of expiring receipt codes not sent yet (for a channel to the citizen)."""
    return RetentionNotice.objects.filter(sent_at__isnull=True).select_related("petition")


def report_lines(run: RetentionRun) -> list[str]:
    """The run's report in Vietnamese (command output)."""
    labels = dict(Target.choices) | {"receipt_code_notice": "Báo trước hết hạn mã tra cứu"}
    lines = [f"Áp dụng thời hạn lưu giữ tính đến ngày {run.as_of:%d/%m/%Y}:"]
    for key, value in run.counts.items():
        lines.append(f"  {labels.get(key, key)}: {value}")
    if run.held:
        lines.append("Hồ sơ được giữ nguyên:")
        for key, value in run.held.items():
            lines.append(f"  {HOLD_LABELS.get(key, key)}: {value}")
    for item in run.items:
        lines.append(
            f"  - Đơn số {item['receipt_no']} ({item['agency']}): "
            f"{labels.get(item['target'], item['target'])}, {item['count']}"
        )
    return lines


@transaction.atomic
def retention_hold_add(*, actor, petition: Petition, reason: str, case=None, note: str = ""):
    """Keep a closed file whole (appeal, lawsuit, monitored case…), audited."""
    from noichinh.portal import permissions

    permissions.require_hold_records(actor, petition)
    if reason not in RetentionHold.Reason.values:
        from django.core.exceptions import ValidationError

        raise ValidationError({"reason": "Chọn lý do giữ hồ sơ."})
    hold = RetentionHold.objects.create(
        petition=petition, reason=reason, case=case, note=note.strip()[:255], created_by=actor
    )
    audit.record_create(actor=actor, obj=hold)
    return hold


@transaction.atomic
def retention_hold_release(*, actor, hold: RetentionHold, reason: str = "") -> RetentionHold:
    """Stop keeping a file whole (the appeal ended…): its retention periods apply again."""
    from noichinh.portal import permissions

    hold = RetentionHold.objects.select_for_update().select_related("petition").get(pk=hold.pk)
    permissions.require_hold_records(actor, hold.petition)
    if hold.released_at is not None:
        return hold
    before = audit.snapshot(hold)
    hold.released_at = clock.now()
    hold.save(update_fields=["released_at"])
    audit.record_update(actor=actor, obj=hold, before=before, reason=reason.strip())
    return hold


def schedule_for(petition: Petition, *, today: dt.date | None = None) -> list[dict]:
    """For the officer page: each kind of data, when it leaves the system, and whether the
    file is kept whole now."""
    day = closed_on(petition)
    out = []
    for rule in RetentionRule.objects.order_by("target"):
        due = None
        if day is not None:
            due = add_months(day, rule.months)
            if rule.target == Target.RECEIPT_CODE:
                notice = RetentionNotice.objects.filter(petition=petition).first()
                due = _code_expiry(rule, day, notice)
        out.append({"rule": rule, "due": due})
    return out


def run_job() -> dict:
    """The worker's daily retention run (``core.jobs``): what was removed and told."""
    run = apply_retention(trigger="worker")
    counts = dict(run.counts)
    notices = counts.pop("receipt_code_notice", 0)
    return {"removed": sum(counts.values()), "notices": notices}
