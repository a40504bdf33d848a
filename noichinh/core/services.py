"""Writes of the calendar: entering the official notice that fixes a year's days off.

The Prime Minister fixes the Tết days and the day beside 2/9 each year (Labour Code 2019
art. 112(3)), and the Government Office / the ministry notifies them with the swapped working
days. Entering such a notice makes the year official; the stored due dates it changes are
recomputed by each register app (its ``calendar_hooks.recompute_due_dates``, registered in its
``AppConfig.ready()`` with ``register_due_date_recompute``), so the ground floor imports no app
above it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from noichinh.core import audit, permissions
from noichinh.core import calendar as cal
from noichinh.core.formats import vn_date
from noichinh.core.models import CalendarDay, CalendarNotice, CalendarYear
from noichinh.core.registry import Registry

# recompute_due_dates(*, actor, first, last, calendar, reason) -> int of each register app.
RECOMPUTERS: Registry[Callable[..., int]] = Registry("due-date recomputers")


def register_due_date_recompute(func: Callable[..., int], *, order: int) -> None:
    RECOMPUTERS.register(func.__module__, func, order=order)


# Package holidays whose date the statute itself fixes (Labour Code 2019 art. 112(1): 1/1,
# Hùng Kings' day by the lunar calendar, 30/4, 1/5, 2/9; art. 111(3): the observed day after a
# weekend): when a year's first notice is entered these stay as they are, not provisional.
# The Tết days, the day beside 2/9 and swaps are the Prime Minister's choice: provisional.
_PM_CHOICE = ("Lunar New Year", "29 of Lunar", "Day off (substituted")
STATUTE = "Bộ luật Lao động 2019, Điều 112 khoản 1 và Điều 111 khoản 3"


@dataclass(frozen=True)
class NoticeDay:
    date: dt.date
    is_day_off: bool
    reason: str


def _package_rows(calendar_year: CalendarYear) -> list[CalendarDay]:
    """The package's guess for the year as rows: statute-fixed days firm, the rest provisional."""
    import holidays as _holidays

    english = _holidays.country_holidays("VN", years=calendar_year.year)
    guess = cal.package_year(calendar_year.year)
    rows = []
    for day, info in sorted(guess.days.items()):
        name = english.get(day, "")
        pm_choice = not info.is_day_off or any(key in name for key in _PM_CHOICE)
        if "National Day" in name and (day.month, day.day) != (9, 2):
            pm_choice = True
        rows.append(
            CalendarDay(
                calendar_year=calendar_year,
                date=day,
                is_day_off=info.is_day_off,
                reason=info.reason,
                source=cal.PACKAGE_SOURCE if pm_choice else STATUTE,
                provisional=pm_choice,
            )
        )
    return rows


def _clean(year, number, issued_on, issuer, days) -> list[NoticeDay]:
    errors = {}
    if not (number or "").strip():
        errors["number"] = "Nhập số văn bản (ví dụ 12729/VPCP-KGVX)."
    if not issued_on:
        errors["issued_on"] = "Nhập ngày ban hành văn bản (dd/mm/yyyy)."
    if not (issuer or "").strip():
        errors["issuer"] = "Nhập cơ quan ban hành văn bản."
    if not isinstance(year, int) or not 1990 <= year <= 2200:
        errors["year"] = "Năm không hợp lệ."
    days = list(days or ())
    if not days:
        errors["days"] = "Nhập ít nhất một ngày nghỉ hoặc ngày làm bù của văn bản."
    seen = set()
    for d in days:
        if isinstance(year, int) and d.date.year != year:
            errors["days"] = f"Ngày {vn_date(d.date)} không thuộc năm {year}."
        elif d.date in seen:
            errors["days"] = f"Ngày {vn_date(d.date)} được nhập hai lần."
        elif not d.is_day_off and d.date.weekday() < 5:
            errors["days"] = (
                f"Ngày {vn_date(d.date)} là ngày làm việc bình thường, không thể là ngày làm bù."
            )
        elif not (d.reason or "").strip():
            errors["days"] = f"Ghi lý do cho ngày {vn_date(d.date)}."
        seen.add(d.date)
    if errors:
        raise ValidationError(errors)
    return sorted(days, key=lambda d: d.date)


def _changed_days(before: cal.WorkCalendar, after: cal.WorkCalendar, year: int) -> list[dt.date]:
    day, end, changed = dt.date(year, 1, 1), dt.date(year, 12, 31), []
    while day <= end:
        was, now = before.reason_off(day), after.reason_off(day)
        if (was is None) != (now is None) or (
            before.year_info(year).days.get(day, None) != after.year_info(year).days.get(day, None)
        ):
            changed.append(day)
        day += dt.timedelta(days=1)
    return changed


@transaction.atomic
def calendar_notice_enter(
    *,
    actor,
    year: int,
    number: str,
    issued_on: dt.date | None,
    issuer: str,
    days,
    summary: str = "",
    period_from: dt.date | None = None,
    period_to: dt.date | None = None,
) -> dict:
    """Enter the official notice for ``year`` with its days off and swapped working days.

    The year becomes official; the provisional guesses inside the notice's period (by default
    its first to its last day; ``period_from``/``period_to`` widen it, e.g. to drop a guessed
    swapped Saturday the notice does not keep) are replaced;
    every open due date the change moves (or makes official) is recomputed by the register
    apps, each with its audit entry and a notice to its handling officer.
    """
    from noichinh.core.selectors import calendar_changed, work_calendar

    if not permissions.can_manage_calendar(actor):
        permissions.deny("Chỉ quản trị hệ thống được nhập thông báo lịch nghỉ.")
    days = _clean(year, number, issued_on, issuer, days)
    if period_from and period_to and period_from > period_to:
        raise ValidationError({"period_to": "Ngày cuối giai đoạn không được trước ngày đầu."})
    for bound in (period_from, period_to):
        if bound and bound.year != year:
            raise ValidationError({"period_from": f"Giai đoạn phải thuộc năm {year}."})
    before_calendar = work_calendar()
    calendar_year, created = CalendarYear.objects.select_for_update().get_or_create(year=year)
    before = audit.snapshot(calendar_year)
    if created:
        CalendarDay.objects.bulk_create(_package_rows(calendar_year))
        calendar_changed()  # bulk_create sends no post_save
    notice = CalendarNotice.objects.create(
        calendar_year=calendar_year,
        number=number.strip(),
        issued_on=issued_on,
        issuer=issuer.strip(),
        summary=(summary or "").strip(),
    )
    first = min(days[0].date, period_from or days[0].date)
    last = max(days[-1].date, period_to or days[-1].date)
    entered = {d.date for d in days}
    CalendarDay.objects.filter(
        calendar_year=calendar_year, provisional=True, date__gte=first, date__lte=last
    ).exclude(date__in=entered).delete()
    for d in days:
        CalendarDay.objects.update_or_create(
            date=d.date,
            defaults=dict(
                calendar_year=calendar_year,
                is_day_off=d.is_day_off,
                reason=d.reason.strip(),
                notice=notice,
                source="",
                provisional=False,
            ),
        )
    calendar_year.status = CalendarYear.OFFICIAL
    calendar_year.save(update_fields=["status"])
    label = notice.label()
    audit.record(
        actor=actor,
        action="calendar_notice",
        obj=calendar_year,
        changes={
            **audit.diff(before, audit.snapshot(calendar_year)),
            "notice": [None, label],
            "days": [
                None,
                [f"{vn_date(d.date)} {'nghỉ' if d.is_day_off else 'làm việc'}" for d in days],
            ],
        },
        reason=f"Nhập thông báo lịch nghỉ năm {year}: {label}",
    )
    after_calendar = work_calendar()
    changed = _changed_days(before_calendar, after_calendar, year)
    result = {"year": year, "notice": label, "changed_days": len(changed), "recomputed": 0}
    if changed:
        result["recomputed"] = _recompute(
            actor=actor,
            first=changed[0],
            last=changed[-1],
            calendar=after_calendar,
            reason=f"Tính lại hạn theo {label}",
        )
    return result


def _recompute(*, actor, first, last, calendar, reason) -> int:
    total = 0
    for recompute_due_dates in RECOMPUTERS:
        total += recompute_due_dates(
            actor=actor, first=first, last=last, calendar=calendar, reason=reason
        )
    return total


@transaction.atomic
def calendar_recompute(*, actor, first_year: int, last_year: int) -> int:
    """Recompute the open due dates whose window touches ``first_year``–``last_year`` on the
    calendar tables as they are: once after upgrading, for the records stored while the
    package's guess was the calendar (e.g. 02/01/2026 counted as a working day)."""
    from noichinh.core.selectors import work_calendar

    if first_year > last_year:
        raise ValidationError("Năm đầu không được sau năm cuối.")
    return _recompute(
        actor=actor,
        first=dt.date(first_year, 1, 1),
        last=dt.date(last_year, 12, 31),
        calendar=work_calendar(),
        reason="Tính lại hạn theo lịch nghỉ chính thức đã nạp",
    )


# -- digitally signed documents ----------------------------------------------------------------


@transaction.atomic
def pdf_sign(
    *,
    actor,
    kind: str,
    object_id,
    pdf: bytes,
    key,
    signer_name: str,
    reason: str,
    location: str,
    object_repr: str = "",
    variant: str = "",
):
    """Sign ``pdf`` with ``key`` (a ``pdfsign.KeySource``) and store the signed copy beside
    it. The caller has checked that ``actor`` may sign this document; here the key's
    certificate must name ``signer_name``, the signer named on the document."""
    import hashlib

    from noichinh.core import clock, pdfsign
    from noichinh.core.models import SignedPdf

    if not signer_name.strip():
        raise ValidationError("Văn bản chưa ghi người ký: ghi người ký trước khi ký số.")
    with pdfsign.signer_for(key) as signer:
        cert = signer.signing_cert
        cert_name = pdfsign.common_name(cert)
        if not pdfsign.names_match(cert_name, signer_name):
            raise ValidationError(
                f"Chứng thư số là của “{cert_name}”, không phải của người ký ghi trên văn bản "
                f"(“{signer_name}”)."
            )
        signed = pdfsign.sign(pdf, signer, reason=reason, location=location)
    record = SignedPdf.objects.create(
        kind=kind,
        object_id=str(object_id),
        variant=variant,
        source_sha256=hashlib.sha256(pdf).hexdigest(),
        pdf=signed,
        sha256=hashlib.sha256(signed).hexdigest(),
        signer_name=cert_name,
        certificate_subject=cert.subject.human_friendly[:500],
        signed_by=actor,
        signed_at=clock.now(),
    )
    audit.record(
        actor=actor,
        action="sign",
        obj=record,
        object_repr=object_repr or str(record),
        changes={
            "kind": [None, kind],
            "object_id": [None, str(object_id)],
            "source_sha256": [None, record.source_sha256],
            "sha256": [None, record.sha256],
            "signer_name": [None, cert_name],
        },
    )
    return record
