"""Closed reporting periods ("Đã khóa sổ") as seen by the registers.

A record entered or changed with a date inside a closed period is allowed only with a
reason; it is then recorded as a late change of that period, listed on the period's page
and reported as an adjustment in the next report, never folded silently into the figures
already issued. The registers (petitions, …) call ``guard`` before saving and ``record``
after; the reports area, which owns periods, registers the provider in its AppConfig (the
ground floor imports no app above it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError


@dataclass
class Provider:
    closed_on: Callable[[list[dt.date]], list[str]]  # titles of the closed periods
    record: Callable[..., None]


_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


class ClosedPeriodError(ValidationError):
    """A date inside a closed period and no reason: nothing was saved. ``periods`` names
    them, so a form can show the warning and ask for the reason."""

    def __init__(self, message, periods: list[str]):
        super().__init__(message)
        self.periods = periods


def closed_periods(days) -> list[str]:
    days = [d for d in days if d]
    if not days:
        return []
    titles: list[str] = []
    for provider in _providers:
        for title in provider.closed_on(days):
            if title not in titles:
                titles.append(title)
    return titles


def warning(periods: list[str]) -> str:
    return (
        f"Ngày của hồ sơ thuộc kỳ báo cáo đã khóa sổ ({', '.join(periods)}): số liệu của kỳ "
        "đã khóa không đổi; thay đổi này được ghi là thay đổi sau khóa sổ và báo cáo là số "
        "liệu điều chỉnh kỳ trước trong báo cáo kỳ sau. Nhập lý do để lưu."
    )


def guard(*days: dt.date | None, reason: str = "") -> list[str]:
    """Refuse (ClosedPeriodError) a date inside a closed period without a reason; returns
    the closed periods concerned (empty: nothing to record)."""
    periods = closed_periods(days)
    if periods and not (reason or "").strip():
        raise ClosedPeriodError(warning(periods), periods)
    return periods


def record(*, actor, obj, days, reason: str, action: str, summary: str = "") -> None:
    """Record ``obj``'s change as a late change of every closed period containing a day."""
    days = [d for d in days if d]
    for provider in _providers:
        provider.record(
            actor=actor, obj=obj, days=days, reason=reason.strip(), action=action, summary=summary
        )
