"""Linking a petition to an earlier one as a duplicate or repeat, and the audit of sealed
identities a duplicate proposal matched."""

from django.core.exceptions import ValidationError
from django.db import transaction

from noichinh.core import audit, clock
from noichinh.petitions import permissions
from noichinh.petitions.models import (
    Petition,
)
from noichinh.petitions.services.common import _check, _lock, _save, _transition


@transaction.atomic
def petition_link_duplicate(
    *,
    actor,
    petition: Petition,
    original: Petition,
    as_repeat: bool = False,
    expected_version: int | None = None,
) -> Petition:
    """Link as a duplicate (đơn trùng) or repeat of an earlier petition; it then does not
    count as a new matter."""
    petition = _lock(petition, expected_version)
    _check(actor, petition, "link_duplicate")
    permissions.require_propose_as_duplicate(actor, original)
    if original.pk == petition.pk:
        raise ValidationError("Không thể đánh dấu đơn trùng với chính nó.")
    root = original
    seen = {petition.pk}
    while root.duplicate_of_id:
        if root.pk in seen:
            break
        seen.add(root.pk)
        parent = root.duplicate_of
        if parent is None:
            break
        root = parent
    if root.pk == petition.pk:
        raise ValidationError("Liên kết này tạo vòng lặp đơn trùng.")
    if as_repeat and petition.is_denunciation != root.is_denunciation:
        # "Sent again" says the two senders are one person: between a denunciation and a
        # petition whose sender is in plain sight, it would name the denouncer to every
        # reader of either record (Law on Denunciations 2018 art. 9(1)(b)).
        raise ValidationError(
            "Không đánh dấu “gửi lại” giữa một đơn tố cáo và một đơn không phải tố cáo: "
            "điều đó làm lộ người tố cáo. Hãy đánh dấu trùng nội dung, hoặc phân loại lại "
            "đơn gửi lại là tố cáo."
        )
    before = audit.snapshot(petition)
    petition.duplicate_of = root
    petition.is_repeat = as_repeat
    _transition(
        petition,
        actor=actor,
        to_state=petition.state,
        action="link_duplicate",
        on_date=clock.today(),
        note=f"{'Gửi lại' if as_repeat else 'Trùng'} với đơn số {root.receipt_no} ({root.agency})",
    )
    _save(petition, actor=actor, before=before, action="link_duplicate")
    return petition


def record_sealed_matches(*, actor, petition: Petition, proposals) -> int:
    """Write a ``reveal_match`` audit entry on each denunciation whose sealed identity a
    duplicate proposal shown to ``actor`` matched (``selectors.duplicate_proposals``): the
    match says who the denouncer is as surely as a reveal, so it joins the reveal history.
    Once per viewer, denunciation and other petition, however often the page is opened."""
    from noichinh.core.models import AuditEntry

    written = 0
    for c in proposals:
        sealed = getattr(c, "sealed_match", None)
        if sealed is None:
            continue
        other = c.petition if sealed.pk == petition.pk else petition
        why = ", ".join(r for r in c.reasons if not r.startswith("nội dung"))
        reason = f"Đề xuất đơn trùng: đơn số {other.receipt_no} ({other.agency}), {why}"
        with transaction.atomic():
            seen = AuditEntry.objects.filter(
                action="reveal_match",
                actor=actor,
                model="petitions.petition",
                object_id=str(sealed.pk),
                reason=reason,
            )
            if seen.exists():
                continue
            audit.record(
                actor=actor,
                action="reveal_match",
                obj=sealed,
                reason=reason,
                changes={"matched": [None, other.pk]},
            )
        written += 1
    return written


@transaction.atomic
def petition_unlink_duplicate(*, actor, petition: Petition) -> Petition:
    petition = _lock(petition)
    _check(actor, petition, "link_duplicate")
    before = audit.snapshot(petition)
    petition.duplicate_of = None
    petition.is_repeat = False
    _transition(
        petition,
        actor=actor,
        to_state=petition.state,
        action="unlink_duplicate",
        on_date=clock.today(),
    )
    _save(petition, actor=actor, before=before, action="unlink_duplicate")
    return petition
