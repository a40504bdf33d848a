"""A conference, its figures, tasks and awards from an extraction draft of the import from
text, in one transaction (briefings write actions)."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

# The other actions are called through the package, as every caller sees them (a test
# may stand one in for a refusal and see the whole import roll back).
import noichinh.briefings.services as services
from noichinh.briefings import permissions
from noichinh.briefings.models import (
    AwardDecision,
    Conference,
    ConferenceFigure,
    Task,
)
from noichinh.core import audit, clock
from noichinh.core.closing import ClosedPeriodError
from noichinh.core.formats import parse_vn_date
from noichinh.org.models import Agency, Bloc

# Codes of the extraction draft (textimport.gazetteer) → Bloc codes of the organisation.
DRAFT_BLOCS = {
    "noi_chinh": "NOI_CHINH",
    "dan_van": "DAN_VAN",
    "dang": "DANG",
    "doan_the": "DOAN_THE",
    "bcd_138": "BCD138",
    "bcd_ccpt": "BCD_CCTP",
    "bcd_cctp": "BCD_CCTP",
    "bcd_pctn": "BCD_PCTN",
}


DRAFT_KINDS = {
    "briefing": Conference.BRIEFING,
    "review": Conference.REVIEW,
    "annual_summary": Conference.ANNUAL,
    "report": Conference.REPORT,
    "press_release": Conference.PRESS_RELEASE,
    "award_ceremony": Conference.AWARD_CEREMONY,
}


def _draft_date(value) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not value:
        raise ValidationError({"date": "Chưa có ngày hội nghị: nhập ngày họp (dd/mm/yyyy)."})
    try:
        return parse_vn_date(str(value or ""))
    except ValueError:
        raise ValidationError({"date": f"Ngày hội nghị không hợp lệ: {value!r} (dd/mm/yyyy)."})


def _id(value) -> int | None:
    """A record id sent in a draft, or None for anything that is not one."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 12 else None


def _choice(item: dict) -> tuple[str, int | None]:
    """("use" | "update" | "new", id) of a draft item's decision about its twin."""
    kind, _sep, pk = str(item.get("choice") or "new").partition(":")
    if kind in ("use", "update") and _id(pk):
        return kind, _id(pk)
    return "new", None


def _twin_refusal(what: str, twins: list, reason: str | None) -> None:
    if twins and not (reason or "").strip():
        names = "; ".join(str(t) for t in twins[:3])
        raise ValidationError(
            f"{what} đã có trong sổ ({names}): chọn dùng bản đã có, cập nhật bản đó, "
            "hoặc ghi lý do tạo thêm."
        )


def _same_conference(model, action: str, pk: int | None, conference) -> tuple[str, int | None]:
    """A figure's or task's twin counts within its conference only: a choice about a record
    of another conference (the user chose another conference meanwhile) is a new record."""
    if action != "new" and not model.objects.filter(pk=pk, conference=conference).exists():
        return "new", None
    return action, pk


def _pick(model, pk: int | None, what: str, **scope):
    found = model.objects.filter(pk=pk, **scope).first()
    if found is None:
        raise ValidationError(f"{what} đã chọn không còn trong sổ (đã thu hồi hoặc không tồn tại).")
    return found


@transaction.atomic
def conference_create_from_draft(
    *, actor, draft: dict, report: dict | None = None, late_reason: str = ""
) -> Conference:
    """Create, or reuse, the conference of a (user-corrected) extraction draft
    (``textimport.extract.Draft.to_dict()``) and its figures, tasks and awards, all in one
    transaction.

    Each part carries the user's decision about the record the register may already hold
    (``choice``: ``use:<id>`` keeps the existing record, ``update:<id>`` updates it from
    the draft, ``new`` creates one). Creating a record beside its twin (same conference
    kind, body and date or period; same figure of the conference; same task text; same
    award number, or same level, form and counts for the same movement and year) needs a
    reason, so a second import of the same article never doubles a register.

    Each task needs its lead agency chosen (``lead_agency_id``); coordinators by id. Award
    counts become decisions only when the text names the decision (number) or its
    movement: their recipients are numbered, unnamed collectives and individuals, to be
    named later. Counts that name neither stay figures of the conference.

    ``report`` (a dict) receives the ids of what was created: {"conference": [...], ...}.

    A conference dated inside a closed reporting period needs ``late_reason``, which then
    stands for each of its records entered late (core.closing).
    """
    from noichinh.briefings import selectors

    permissions.require_manage_conferences(actor)
    if not isinstance(draft, dict):
        raise ValidationError("Bản nháp không hợp lệ.")
    report = report if report is not None else {}
    for key in ("conference", "figure", "task", "award"):
        report.setdefault(key, [])
    # The record each draft item ended as (created, used or updated; None for award counts
    # that stay figures), in draft order: reopening the import edits these (issue 18).
    items = report.setdefault("items", {"indicators": [], "tasks": [], "awards": []})
    event = draft.get("event") or {}
    chair = draft.get("chair") or {}
    parts = {key: draft.get(key) or [] for key in ("indicators", "tasks", "awards")}
    if not isinstance(event, dict) or not isinstance(chair, dict):
        raise ValidationError("Bản nháp không hợp lệ.")
    for key, label in (("indicators", "Số liệu"), ("tasks", "Nhiệm vụ"), ("awards", "Khen thưởng")):
        if not isinstance(parts[key], list) or not all(isinstance(x, dict) for x in parts[key]):
            raise ValidationError(f"Bản nháp không hợp lệ: phần {label.lower()}.")
    codes = list(event.get("blocs") or [])
    if event.get("steering_committee"):
        codes.append(event["steering_committee"])
    blocs, unknown = [], []
    for code in codes:
        bloc_code = DRAFT_BLOCS.get(str(code).lower(), str(code).upper())
        bloc = Bloc.objects.filter(code=bloc_code).first()
        (blocs.append(bloc) if bloc else unknown.append(str(code)))
    if unknown:
        raise ValidationError({"blocs": f"Không có khối, ban chỉ đạo: {', '.join(unknown)}."})
    date = _draft_date(event.get("date"))
    titles = chair.get("titles") or []
    if isinstance(titles, str):
        titles = [titles]
    kind = DRAFT_KINDS.get(event.get("type") or "", Conference.CONFERENCE)
    period_code = str(event.get("period") or "")
    co_chairs = chair.get("co_chairs") or []
    if isinstance(co_chairs, str):
        co_chairs = co_chairs.splitlines()
    # Only a meeting has a chair (a report, press release or award ceremony has none).
    meeting = kind in Conference.MEETING_KINDS
    fields: dict[str, Any] = {
        "chair_name": str(chair.get("name") or "")[:150] if meeting else "",
        "chair_titles": ", ".join(str(t) for t in titles)[:300] if meeting else "",
        "co_chairs": "\n".join(str(c).strip() for c in co_chairs if str(c).strip())
        if meeting
        else "",
    }
    action, pk = _choice(event)
    if action == "new":
        twins = selectors.conference_twins(
            kind=kind, bloc_ids=[b.pk for b in blocs], date=date, period_code=period_code
        )
        try:
            _twin_refusal("Hội nghị", twins, event.get("reason"))
        except ValidationError as exc:
            raise ValidationError({"conference_choice": exc.messages})
        conference = services.conference_create(
            actor=actor,
            blocs=blocs,
            date=date,
            period_code=period_code,
            kind=kind,
            report_text=str(draft.get("text") or ""),
            late_reason=late_reason,
            **fields,
        )
        report["conference"].append(conference.pk)
    else:
        conference = _pick(Conference, pk, "Hội nghị")
        if action == "update":
            kept_blocs = list(conference.blocs.all())
            conference = services.conference_update(
                actor=actor,
                conference=conference,
                blocs=kept_blocs + [b for b in blocs if b not in kept_blocs],
                kind=kind,
                date=date,
                period_code=period_code.upper(),
                report_text=conference.report_text or str(draft.get("text") or ""),
                late_reason=late_reason,
                **{k: v for k, v in fields.items() if v},
            )
    for i, item in enumerate(parts["indicators"], 1):
        action, pk = _same_conference(ConferenceFigure, *_choice(item), conference)
        try:
            if action == "use":
                _pick(ConferenceFigure, pk, "Số liệu", conference=conference)
                items["indicators"].append(pk)
                continue
            values = {
                "value": item.get("value"),
                "unit": str(item.get("unit") or "").strip(),
                "text": str(item.get("text") or "").strip()[:500],
                "qualifier": item.get("qualifier") or ConferenceFigure.EQ,
                "subject": str(item.get("subject") or "").strip()[:300],
                "indicator_code": str(item.get("indicator_code") or "").strip()[:80],
                "change": item.get("change") or "",
                "reference": item.get("reference") or "",
            }
            if action == "update":
                figure = _pick(ConferenceFigure, pk, "Số liệu", conference=conference)
                services.figure_update(actor=actor, figure=figure, **values)
                items["indicators"].append(pk)
                continue
            # Twins are what the register held before this import (a text may quote the
            # same figure twice, about two things).
            twins = selectors.figure_twins(
                conference_id=conference.pk,
                value=values["value"],
                unit=values["unit"],
                indicator_code=values["indicator_code"],
            )
            _twin_refusal(
                "Số liệu này",
                [t for t in twins if t.pk not in report["figure"]],
                item.get("reason"),
            )
            figure = services.figure_add(
                actor=actor, conference=conference, late_reason=late_reason, **values
            )
            report["figure"].append(figure.pk)
            items["indicators"].append(report["figure"][-1])
        except ClosedPeriodError:
            raise  # the form asks for the reason once, for the whole import
        except ValidationError as exc:
            raise ValidationError(f"Số liệu thứ {i}: {'; '.join(exc.messages)}")
    for i, item in enumerate(parts["tasks"], 1):
        action, pk = _same_conference(Task, *_choice(item), conference)
        try:
            if action == "use":
                _pick(Task, pk, "Nhiệm vụ", conference=conference)
                items["tasks"].append(pk)
                continue
            lead_id = _id(item.get("lead_agency_id"))
            lead = Agency.objects.filter(pk=lead_id).first() if lead_id else None
            if lead is None:
                raise ValidationError("chọn cơ quan chủ trì (văn bản không nêu rõ cơ quan nào).")
            raw_ids = item.get("coordinator_ids") or []
            ids = [_id(x) for x in (raw_ids if isinstance(raw_ids, list) else [])]
            coordinators = list(Agency.objects.filter(pk__in=[i for i in ids if i]))
            deadline = item.get("deadline")
            if deadline:
                try:
                    deadline = parse_vn_date(str(deadline))
                except ValueError:
                    raise ValidationError("hạn hoàn thành không hợp lệ.")
            text = str(item.get("text") or "")
            if action == "update":
                task = _pick(Task, pk, "Nhiệm vụ", conference=conference)
                services.task_update(
                    actor=actor,
                    task=task,
                    text=text.strip(),
                    lead_agency=lead,
                    lead_agency_text="",
                    coordinators=coordinators,
                    deadline=deadline or None,
                    is_regular=not deadline,
                )
                items["tasks"].append(pk)
                continue
            task_twins = selectors.task_twins(conference_id=conference.pk, text=text)
            _twin_refusal(
                "Nhiệm vụ này",
                [t for t in task_twins if t.pk not in report["task"]],
                item.get("reason"),
            )
            task = services.tasks._task_create(
                actor=actor,
                conference=conference,
                text=text,
                lead_agency=lead,
                lead_agency_text="",
                coordinators=coordinators,
                coordinators_text=str(item.get("agency") or "")
                if coordinators and item.get("agency")
                else "",
                deadline=deadline or None,
                is_regular=not deadline,
                late_reason=late_reason,
            )
            report["task"].append(task.pk)
            items["tasks"].append(task.pk)
        except ClosedPeriodError:
            raise  # the form asks for the reason once, for the whole import
        except ValidationError as exc:
            raise ValidationError(f"Nhiệm vụ thứ {i}: {'; '.join(exc.messages)}")
    for i, item in enumerate(parts["awards"], 1):
        action, pk = _choice(item)
        try:
            collectives = int(item.get("collectives") or 0)
            individuals = int(item.get("individuals") or 0)
        except (TypeError, ValueError):
            raise ValidationError(f"Khen thưởng thứ {i}: số tập thể, cá nhân không hợp lệ.")
        if collectives < 0 or individuals < 0 or collectives + individuals > 10000:
            raise ValidationError(f"Khen thưởng thứ {i}: số tập thể, cá nhân không hợp lệ.")
        number = str(item.get("number") or "").strip()[:60]
        movement_name = str(item.get("movement") or "").strip()
        try:
            year = int(item.get("movement_year") or 0) or None
        except (TypeError, ValueError):
            year = None
        if not number and not movement_name:
            items["awards"].append(None)
            continue  # not a decision: the counts stay figures of the conference
        issuer_level = services.issuer_level_for(item.get("issuer"))
        form = services.form_for(item.get("form"))
        try:
            if action in ("use", "update"):
                decision = _pick(AwardDecision, pk, "Quyết định khen thưởng")
                if action == "update":
                    _award_update_from_draft(
                        actor=actor,
                        decision=decision,
                        conference=conference,
                        number=number,
                        movement_name=movement_name,
                        year=year or date.year,
                    )
                items["awards"].append(decision.pk)
                continue
            _twin_refusal(
                "Quyết định khen thưởng này",
                selectors.award_twins(
                    issuer_level=issuer_level,
                    form=form,
                    number=number,
                    collectives=collectives,
                    individuals=individuals,
                    movement_name=movement_name,
                    year=year or date.year,
                ),
                item.get("reason"),
            )
            movement = (
                services.movement_get_or_create(
                    actor=actor, name=movement_name, year=year or date.year
                )
                if movement_name
                else None
            )
            decision = services.award_decision_create(
                actor=actor,
                issuer_level=issuer_level,
                issuer_name=str(item.get("issuer") or "")[:255],
                form=form,
                number=number,
                signed_on=min(date, clock.today()),
                movement=movement,
                conference=conference,
                collectives=[f"Tập thể thứ {n} (chưa ghi tên)" for n in range(1, collectives + 1)],
                individuals=[f"Cá nhân thứ {n} (chưa ghi tên)" for n in range(1, individuals + 1)],
                late_reason=late_reason,
            )
            report["award"].append(decision.pk)
            items["awards"].append(decision.pk)
        except ClosedPeriodError:
            raise  # the form asks for the reason once, for the whole import
        except ValidationError as exc:
            raise ValidationError(f"Khen thưởng thứ {i}: {'; '.join(exc.messages)}")
    return conference


def _award_update_from_draft(*, actor, decision, conference, number, movement_name, year):
    """Fill in what the existing decision lacks from the draft (its conference, number,
    movement); the recipients are the register's and are not touched."""
    permissions.require_manage_awards(actor)
    before = audit.snapshot(decision)
    if decision.conference_id is None:
        decision.conference = conference
    if number and not decision.number:
        decision.number = number
    if movement_name and decision.movement_id is None:
        decision.movement = services.movement_get_or_create(
            actor=actor, name=movement_name, year=year
        )
    decision.save()
    audit.record_update(actor=actor, obj=decision, before=before)
