"""Import from text: propose a draft (stores nothing), then confirm it (creates the records).

The records themselves (conference, figures, tasks, awards) are created by
``noichinh.briefings.services.conference_create_from_draft`` in one transaction, with its
audit entry; this module checks who may import, proposes what the register already holds
(``propose_matches``) and hands the corrected draft over, once per draft token.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from noichinh.core import audit, clock
from noichinh.core.formats import parse_vn_date
from noichinh.org.models import Agency, Bloc
from noichinh.textimport import permissions

from .extract import Draft, extract
from .matching import match_agency
from .models import ImportRecord
from .sources import normalise_newlines


def draft_for_text(
    *, text: str, normalise: bool = True, reference_date: dt.date | None = None
) -> Draft:
    """The proposed draft for ``text`` (raises ``ExtractionError``). Creates nothing.

    A year missing from the text comes from the article's date line, then from the
    ``reference_date`` the user gave; never from today (issue 18): without either, the
    period's year is left empty with a warning, for the user to fill in.
    """
    if normalise and isinstance(text, str):
        text = normalise_newlines(text)
    return extract(text, reference_date=reference_date)


def new_token() -> str:
    return uuid.uuid4().hex


# --- what the register already holds ------------------------------------------------------


def _blocs_of(codes) -> list[Bloc]:
    from noichinh.briefings.services import DRAFT_BLOCS

    wanted = [DRAFT_BLOCS.get(str(c).lower(), str(c).upper()) for c in codes if c]
    found = {b.code: b for b in Bloc.objects.filter(code__in=wanted)}
    return [found[c] for c in wanted if c in found]


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return parse_vn_date(str(value or "").strip()) if value else None
    except ValueError:
        return None


def _int(value) -> int:
    try:
        return int(str(value or 0).strip() or 0)
    except ValueError:
        return 0


def _chosen_id(choice: str | None) -> int | None:
    kind, _sep, pk = (choice or "").partition(":")
    return int(pk) if kind in ("use", "update") and pk.isdigit() else None


def propose_matches(review) -> None:
    """Attach to each part of ``review`` the records of the register it may already be
    (``twins``) and, for tasks, the agency its free-text name designates; an unbound review
    (the first page) also gets the defaults: use the existing record, never create a twin.

    A reopened import (``review.reopened``, see ``Review.from_record``) keeps the choices it
    was given: each item updates the record it made or used the first time."""
    from noichinh.briefings import selectors
    from noichinh.briefings.services import DRAFT_KINDS, form_for, issuer_level_for

    event = review.event
    value = lambda form, name: form[name].value()  # noqa: E731
    fresh = not event.is_bound
    reopened = fresh and getattr(review, "reopened", False)
    codes = list(value(event, "blocs") or [])
    if value(event, "steering_committee"):
        codes.append(value(event, "steering_committee"))
    blocs = _blocs_of(codes)
    date = _date(value(event, "date"))
    period = (value(event, "period") or "").strip().upper()
    kind = DRAFT_KINDS.get(value(event, "event_type") or "", "conference")
    twins = selectors.conference_twins(
        kind=kind, bloc_ids=[b.pk for b in blocs], date=date, period_code=period
    )
    if fresh and twins and not reopened:
        event.initial["conference_choice"] = f"use:{twins[0].pk}"
    target = _chosen_id(value(event, "conference_choice"))
    if target and not any(c.pk == target for c in twins):
        from noichinh.briefings.models import Conference

        twins += list(Conference.objects.filter(pk=target))
    if not any(c.pk == target for c in twins):
        target = None

    def settle(form, twins, field="choice", model=None):
        # The record chosen (given to a reopened draft, or sent back by the user) stays on
        # offer even when the item no longer looks like it (a figure being corrected).
        # (Read from ``initial`` on the first page: a bound field caches its initial value.)
        preset = _chosen_id(form.initial.get(field) if fresh else value(form, field))
        if preset and model is not None and not any(t.pk == preset for t in twins):
            twins = list(twins) + list(model.objects.filter(pk=preset))
        form.twins = twins
        if fresh and twins and not (reopened and any(t.pk == preset for t in twins)):
            form.initial[field] = f"use:{twins[0].pk}"
        chosen = value(form, field) or "new"
        form.twin_options = []
        for twin in twins:
            label, url = _describe(twin)
            for action, text in (("use", "Dùng bản đã có"), ("update", "Cập nhật bản đã có")):
                form.twin_options.append(
                    {
                        "value": f"{action}:{twin.pk}",
                        "action": action,
                        "text": text,
                        "label": label,
                        "url": url,
                        "checked": chosen == f"{action}:{twin.pk}",
                    }
                )
        if twins:
            form.twin_options.append(
                {
                    "value": "new",
                    "action": "new",
                    "text": "Vẫn tạo mới (ghi lý do bên dưới)",
                    "checked": chosen == "new",
                }
            )

    settle(event, twins, "conference_choice")
    from noichinh.briefings.models import AwardDecision, ConferenceFigure, Task

    for form in review.indicators.forms:
        settle(
            form,
            selectors.figure_twins(
                conference_id=target,
                value=_decimal_or_none(value(form, "value")),
                unit=value(form, "unit") or "",
                indicator_code=value(form, "indicator_code") or "",
            ),
            model=ConferenceFigure,
        )
    for form in review.tasks.forms:
        settle(
            form,
            selectors.task_twins(conference_id=target, text=value(form, "text") or ""),
            model=Task,
        )
        match = match_agency(value(form, "agency"), conference_blocs=blocs, on=date)
        form.agency_match = match
        if fresh and not (reopened and form.initial.get("lead_agency")):
            form.initial["lead_agency"] = match.lead.pk if match.lead else None
            form.initial["coordinators"] = [a.pk for a in match.coordinators]
        ids = [int(x) for x in (value(form, "coordinators") or []) if str(x).isdigit()]
        form.coordinator_names = [str(a) for a in Agency.objects.filter(pk__in=ids)]
    for form in review.awards.forms:
        issuer = value(form, "issuer") or ""
        settle(
            form,
            selectors.award_twins(
                issuer_level=issuer_level_for(issuer),
                form=form_for(value(form, "form")),
                number=value(form, "number") or "",
                collectives=_int(value(form, "collectives")),
                individuals=_int(value(form, "individuals")),
                movement_name=value(form, "movement") or "",
                year=_int(value(form, "movement_year")) or None,
            ),
            model=AwardDecision,
        )


def _describe(record) -> tuple[str, str]:
    """How a record of the register is named beside the draft item, and its page."""
    from django.urls import reverse

    from noichinh.briefings.models import AwardDecision, Conference, ConferenceFigure, Task
    from noichinh.core.formats import vn_date

    if isinstance(record, Conference):
        return f"{record.title}, họp ngày {vn_date(record.date)}", reverse(
            "briefings:briefing_detail", args=[record.pk]
        )
    if isinstance(record, ConferenceFigure):
        label = f"{record.display} ({record.text})" if record.text else record.display
        return label, reverse("briefings:briefing_detail", args=[record.conference_id])
    if isinstance(record, Task):
        return f"{record.text[:120]} ({record.lead_display})", reverse(
            "briefings:task_detail", args=[record.pk]
        )
    if isinstance(record, AwardDecision):
        recipients = list(record.recipients.all())
        collectives = sum(1 for r in recipients if r.kind == "collective")
        label = (
            f"{record.get_form_display()} của {record.get_issuer_level_display()}"
            f"{' số ' + record.number if record.number else ''}: "
            f"{collectives} tập thể, {len(recipients) - collectives} cá nhân"
        )
        return label, reverse("briefings:award_detail", args=[record.pk])
    return str(record), ""


def _decimal_or_none(raw):
    from .numbers import parse_vn_number

    try:
        return parse_vn_number(str(raw or "").strip())
    except ValueError:
        return None


# --- confirmation -------------------------------------------------------------------------


def import_confirm(*, actor, draft: dict, late_reason: str = ""):
    """Create (or reuse) the conference and everything in ``draft`` (the user-corrected
    draft dict); returns ``(conference, done_before)``.

    All or nothing: a ``ValidationError`` from the briefings service leaves the database
    unchanged. The draft's token is stored with the import: the same draft confirmed twice,
    even at the same moment, is done once and the second answer is the first's conference.
    """
    permissions.require_import_text(actor)
    from noichinh.briefings.services import conference_create_from_draft

    token = str(draft.get("token") or "").strip()[:64] or new_token()
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = ImportRecord.objects.create(
                    token=token,
                    text=str(draft.get("text") or ""),
                    draft=json.loads(
                        json.dumps({k: v for k, v in draft.items() if k != "text"}, default=str)
                    ),
                    created_by=actor if getattr(actor, "pk", None) else None,
                )
        except IntegrityError:
            done = ImportRecord.all_objects.select_related("conference").get(token=token)
            if done.conference is None:
                raise ValidationError("Bản nháp này đã được xác nhận.")
            return done.conference, True
        report: dict = {}
        conference = conference_create_from_draft(
            actor=actor, draft=draft, report=report, late_reason=late_reason
        )
        # Which record each item ended as, for reopening this draft later (issue 18).
        record.draft = {**record.draft, "records": report.pop("items", {})}
        record.conference = conference
        record.created_ids = report
        record.save(update_fields=["conference", "created_ids", "draft"])
    return conference, False


# --- withdrawing an import ----------------------------------------------------------------

_CREATED_MODELS = (
    ("conference", "Conference"),
    ("figure", "ConferenceFigure"),
    ("task", "Task"),
    ("award", "AwardDecision"),
)


def _created(record: ImportRecord):
    """The records this import created (not those it reused), withdrawn or not."""
    from noichinh.briefings import models

    for key, name in _CREATED_MODELS:
        ids = [int(i) for i in (record.created_ids or {}).get(key, [])]
        yield from getattr(models, name).all_objects.filter(pk__in=ids).order_by("pk")


@transaction.atomic
def import_withdraw(*, actor, record: ImportRecord, reason: str) -> None:
    """Undo an import made by mistake: what it created (not the records it reused) is
    withdrawn with the reason; an administrator can restore it all."""
    from noichinh.briefings.services import record_withdraw

    permissions.require_import_text(actor)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": "Ghi rõ lý do thu hồi."})
    record = ImportRecord.all_objects.select_for_update().get(pk=record.pk)
    if record.withdrawn_at is not None:
        raise ValidationError("Lần nhập này đã được thu hồi.")
    for obj in list(_created(record)):
        obj.refresh_from_db(fields=["withdrawn_at"])
        if obj.withdrawn_at is None:  # not already withdrawn with its conference
            record_withdraw(actor=actor, obj=obj, reason=reason)
    record.withdrawn_at = clock.now()
    record.withdrawn_by = actor if getattr(actor, "pk", None) else None
    record.withdrawn_reason = reason
    record.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    audit.record(actor=actor, action="withdraw", obj=record, reason=reason)


@transaction.atomic
def import_restore(*, actor, record: ImportRecord) -> None:
    from noichinh.briefings.services import record_restore

    permissions.require_restore_import(actor)
    record = ImportRecord.all_objects.select_for_update().get(pk=record.pk)
    if record.withdrawn_at is None:
        raise ValidationError("Lần nhập này không ở trạng thái thu hồi.")
    for obj in list(_created(record)):
        obj.refresh_from_db(fields=["withdrawn_at"])
        if obj.withdrawn_at is not None:  # a conference brings back what went with it
            record_restore(actor=actor, obj=obj)
    when = record.withdrawn_at
    record.withdrawn_at, record.withdrawn_by, record.withdrawn_reason = None, None, ""
    record.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    audit.record(
        actor=actor,
        action="restore",
        obj=record,
        changes={"withdrawn_at": [when.isoformat(), None]},
    )
