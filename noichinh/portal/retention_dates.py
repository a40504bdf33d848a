"""The dates and holds of portal retention (``portal.retention``): when a file was closed, what
keeps it whole, and when its receipt code stops working. Read by the retention job and by the
messages to the sender (``portal.notice_sending``), which the job itself sends."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from noichinh.core import clock
from noichinh.core.calendar import add_months
from noichinh.petitions.models import Petition, Transition
from noichinh.portal.models import RetentionHold, RetentionNotice, RetentionRule

Target = RetentionRule.Target

HOLD_LABELS = {
    "open": "Hồ sơ đang giải quyết",
    "chain_open": "Đơn chuyển tiếp hoặc đơn trùng liên quan đang giải quyết",
    "sender_open": "Người gửi có đơn khác đang giải quyết (có thể khiếu nại tiếp)",
    **{f"hold_{r.value}": r.label for r in RetentionHold.Reason},
}


def closed_on_expression():
    """The day a petition was closed: its last move into a final state (else its result or
    handling document's date)."""
    last_final = (
        Transition.objects.filter(petition=OuterRef("pk"), to_state__in=Petition.FINAL_STATES)
        .order_by("-on_date", "-id")
        .values("on_date")[:1]
    )
    return Coalesce(Subquery(last_final), "resolved_on", "outcome_date")


def closed_on(petition: Petition) -> dt.date | None:
    if petition.state not in Petition.FINAL_STATES:
        return None
    return (
        Petition.objects.filter(pk=petition.pk)
        .annotate(closed=closed_on_expression())
        .values_list("closed", flat=True)
        .first()
    )


def rules() -> dict[str, RetentionRule]:
    return {r.target: r for r in RetentionRule.objects.all()}


def code_expires_on(petition: Petition) -> dt.date | None:
    """The day the receipt code of a closed file stops working (None while open or when no
    rule is set): shown to the sender on the follow-up page."""
    rule = RetentionRule.objects.filter(target=Target.RECEIPT_CODE).first()
    day = closed_on(petition)
    if rule is None or day is None or hold_reasons(petition):
        return None
    notice = RetentionNotice.objects.filter(petition=petition).first()
    return _code_expiry(rule, day, notice)


def _code_expiry(rule, closed: dt.date, notice) -> dt.date:
    expires = add_months(closed, rule.months)
    if notice is not None and rule.notice_days:
        expires = max(expires, notice.noticed_on + dt.timedelta(days=rule.notice_days))
    return expires


# --- why a file is kept ------------------------------------------------------------------


def _chain_ids(petition: Petition, limit: int = 20) -> set[int]:
    """The petitions of the same matter: transfer chain both ways and duplicates."""
    seen = {petition.pk}
    frontier = {petition.pk}
    for _ in range(limit):
        links = Petition.objects.filter(
            Q(pk__in=frontier) | Q(forwarded_from_id__in=frontier) | Q(duplicate_of_id__in=frontier)
        ).values_list("pk", "forwarded_from_id", "duplicate_of_id")
        found = set()
        for pk, parent, original in links:
            found.update(x for x in (pk, parent, original) if x)
        frontier = found - seen
        if not frontier:
            break
        seen |= frontier
    return seen


def hold_reasons(petition: Petition, *, today: dt.date | None = None) -> list[str]:
    """Codes (``HOLD_LABELS``) of what keeps this file whole; empty: retention may apply."""
    today = today or clock.today()
    reasons = []
    if petition.state in Petition.OPEN_STATES:
        reasons.append("open")
    chain = _chain_ids(petition) - {petition.pk}
    if chain and Petition.objects.filter(pk__in=chain, state__in=Petition.OPEN_STATES).exists():
        reasons.append("chain_open")
    if petition.sender_hash and (
        Petition.objects.filter(sender_hash=petition.sender_hash, state__in=Petition.OPEN_STATES)
        .exclude(pk=petition.pk)
        .exists()
    ):
        reasons.append("sender_open")
    holds = list(
        RetentionHold.objects.filter(petition=petition, released_at__isnull=True).values_list(
            "reason", "case_id"
        )
    )
    if holds:
        from noichinh.cases.selectors import on_list_ids

        listed = on_list_ids(today) if any(case for _, case in holds) else set()
        for reason, case_id in holds:
            if case_id and case_id not in listed:
                continue  # the case came off the monitored list
            reasons.append(f"hold_{reason}")
    return list(dict.fromkeys(reasons))
