"""Helpers the briefings write actions share: an agency by name, short quotes, late changes."""

import datetime as dt

from noichinh.core import clock, closing
from noichinh.core.text import fold
from noichinh.org.models import Agency


def agency_match(name: str | None, on: dt.date | None = None) -> Agency | None:
    """The agency a name designates, by folded name, short name or code; None if unsure."""
    key = fold(name)
    if not key:
        return None
    key = key.removeprefix("cac ").strip(" .,;")
    qs = Agency.objects.filter(Agency.valid_on_q(on or clock.today()))
    candidates = list(qs.only("id", "name", "short_name", "code"))
    exact = [
        a
        for a in candidates
        if key in {fold(a.name), fold(a.short_name), fold(a.code)}
        or (len(key) >= 8 and fold(a.name).startswith(key + " "))
    ]
    if len(exact) == 1:
        return exact[0]
    exact = [a for a in exact if key in {fold(a.name), fold(a.short_name), fold(a.code)}]
    return exact[0] if len(exact) == 1 else None


def _short(text: str, size: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _late(actor, obj, days, reason, action, summary) -> None:
    """Record ``obj``'s change as a late change of the closed periods of ``days``."""
    closing.record(actor=actor, obj=obj, days=days, reason=reason, action=action, summary=summary)
