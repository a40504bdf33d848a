"""Writes on the case register: one function per user action, one transaction, audited.

Every function raises ``django.core.exceptions.ValidationError`` with a Vietnamese message
and changes nothing when the input is wrong.
"""

import datetime as dt
from typing import cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Field

from noichinh.cases import figures as figs
from noichinh.cases import permissions
from noichinh.cases.models import (
    Case,
    CaseStage,
    ExplanationRequest,
    ProgressReport,
    StageExtension,
    SupervisionDecision,
    SupervisionEntry,
)
from noichinh.core import audit, clock, closing
from noichinh.core import selectors as core_selectors
from noichinh.core.calendar import CalendarError
from noichinh.core.closing import ClosedPeriodError
from noichinh.core.formats import vn_date

# The fields a case is written with: the case form (forms.CaseForm) and the API offer these.
CASE_FIELDS = [
    "number",
    "title",
    "kind",
    "field",
    "crimes",
    "severity",
    "national_security",
    "summary",
    "following_agency",
    "followed_from",
    "followed_until",
    "defendants_count",
    "managers_count",
    "party_members_count",
    "damage_vnd",
    "recovered_vnd",
    "arisen_on",
    "carried_over_from_year",
    "area_unit",
]


def _check_date(day: dt.date | None, label: str):
    if day is None:
        return
    if day > clock.today():
        raise ValidationError(f"{label} ({vn_date(day)}) không được sau ngày hôm nay.")
    if day.year < 1990:
        raise ValidationError(f"{label} ({vn_date(day)}) không hợp lệ.")


CASE_DATES = ("followed_from", "followed_until", "arisen_on")


def _case_name(case: Case) -> str:
    return f"vụ án “{case.title}”"


def _late_guard(*days, reason: str) -> bool:
    """A date the report figures count, inside a closed reporting period, needs ``reason``
    (core.closing: ClosedPeriodError otherwise); True when it is to be recorded."""
    return bool(closing.guard(*days, reason=reason))


def _late_record(actor, obj, days, reason, action, summary):
    closing.record(actor=actor, obj=obj, days=days, reason=reason, action=action, summary=summary)


def _field(name: str) -> Field:
    return cast(Field, Case._meta.get_field(name))


def _counted_values(case: Case) -> dict:
    return {name: getattr(case, _field(name).attname) for name in figs.COUNTED_FIELDS}


def _counted_guard(days: list[dt.date], changed: list[str], *, reason: str) -> bool:
    """A change of what the figures count of a case (``figures.COUNTED_FIELDS``: its field,
    amounts, agency…) while the case counts in a closed reporting period moves that period's
    figures: it needs ``reason`` (ClosedPeriodError, the form then warns and asks for it);
    True when it is to be recorded as a late change (issue 17)."""
    periods = closing.closed_periods(days) if changed else []
    if periods and not (reason or "").strip():
        labels = ", ".join(str(_field(name).verbose_name) for name in changed)
        raise ClosedPeriodError(
            f"Vụ án được tính trong số liệu của kỳ báo cáo đã khóa sổ ({', '.join(periods)}): "
            f"sửa {labels} làm thay đổi số liệu của kỳ đã khóa. Số liệu đã khóa không đổi; "
            "thay đổi này được ghi là thay đổi sau khóa sổ và báo cáo là số liệu điều chỉnh "
            "kỳ trước trong báo cáo kỳ sau. Nhập lý do để lưu.",
            periods,
        )
    return bool(periods)


def _validate_case(case: Case):
    case.full_clean(exclude=["created_by"])
    _check_date(case.arisen_on, "Ngày phát sinh")
    _check_date(case.followed_from, "Ngày bắt đầu theo dõi")
    if case.carried_over_from_year and case.carried_over_from_year > clock.today().year:
        raise ValidationError("Năm chuyển tiếp không được sau năm hiện tại.")


@transaction.atomic
def case_create(*, actor, late_reason: str = "", **data) -> Case:
    """A case whose "followed from", "followed until" or "arisen on" falls inside a closed
    reporting period needs ``late_reason`` (core.closing)."""
    permissions.require_create_case(actor)
    case = Case(**{k: v for k, v in data.items() if k in CASE_FIELDS}, created_by=actor)
    _validate_case(case)
    days = [getattr(case, name) for name in CASE_DATES]
    late = _late_guard(*days, reason=late_reason)
    case.save()
    audit.record_create(actor=actor, obj=case, reason=late_reason.strip() if late else "")
    if late:
        day = min(d for d in days if d)
        _late_record(
            actor, case, days, late_reason, "create", f"Nhập {_case_name(case)} ngày {vn_date(day)}"
        )
    return case


@transaction.atomic
def case_update(*, actor, case: Case, late_reason: str = "", **data) -> Case:
    """A changed date the figures count (followed from/until, arisen on) whose old or new
    value falls inside a closed reporting period needs ``late_reason`` (core.closing); so
    does a change of what the figures count (``figures.COUNTED_FIELDS``) while the case
    counts in a closed period (issue 17). Either is recorded as a late change."""
    permissions.require_edit_case(actor, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    before = audit.snapshot(case)
    old_days = {name: getattr(case, name) for name in CASE_DATES}
    old_counted = _counted_values(case)
    old_spans = figs.counted_spans(case, today=clock.today())
    for key, value in data.items():
        if key in CASE_FIELDS:
            setattr(case, key, value)
    _validate_case(case)
    days = [
        d
        for name in CASE_DATES
        if getattr(case, name) != old_days[name]
        for d in (old_days[name], getattr(case, name))
    ]
    late = _late_guard(*days, reason=late_reason)
    counted = [name for name, value in _counted_values(case).items() if value != old_counted[name]]
    counted_days = (
        figs.span_days(old_spans + figs.counted_spans(case, today=clock.today())) if counted else []
    )
    late_counted = _counted_guard(counted_days, counted, reason=late_reason)
    case.save()
    audit.record_update(
        actor=actor,
        obj=case,
        before=before,
        reason=late_reason.strip() if late or late_counted else "",
    )
    if late or late_counted:
        what = (["ngày"] if late else []) + (
            [str(_field(name).verbose_name) for name in counted] if late_counted else []
        )
        _late_record(
            actor,
            case,
            (days if late else []) + (counted_days if late_counted else []),
            late_reason,
            "update",
            f"Sửa {', '.join(what)} của {_case_name(case)}",
        )
    if before["severity"] != case.severity:
        # The severity class picks the rules: the stored time limits follow it.
        stages_recompute_due(actor=actor, case=case)
    return case


# --- supervision list ----------------------------------------------------------------------
def _decision(number: str, date: dt.date, kind: str, issuer: str) -> SupervisionDecision:
    number = (number or "").strip()
    if not number:
        raise ValidationError("Nhập số quyết định.")
    found = SupervisionDecision.objects.filter(number=number, date=date).first()
    if found is None:
        return SupervisionDecision.objects.create(
            number=number, date=date, kind=kind, issuer=issuer or ""
        )
    if found.kind != kind:
        raise ValidationError(
            f"Quyết định {number} ngày {vn_date(date)} đã được ghi là “{found.get_kind_display()}”."
        )
    return found


@transaction.atomic
def supervision_record(
    *,
    actor,
    case: Case,
    kind: str,
    number: str,
    date: dt.date,
    issuer: str = "Ban Thường vụ Tỉnh ủy",
    category: str = "",
    reason: str = "",
    late_reason: str = "",
) -> SupervisionEntry:
    """Record that decision ``number`` of ``date`` puts ``case`` on the list or takes it off.

    Decisions may be typed in any order (late entries of old decisions are normal): the list
    of any day is rebuilt from the decision dates. A case can have one decision per day.
    """
    permissions.require_manage_supervision(actor)
    if kind not in dict(SupervisionDecision.KINDS):
        raise ValidationError("Loại quyết định không hợp lệ.")
    if date is None:
        raise ValidationError("Nhập ngày quyết định (dd/mm/yyyy).")
    _check_date(date, "Ngày quyết định")
    if case.arisen_on and date < case.arisen_on:
        raise ValidationError(
            f"Ngày quyết định ({vn_date(date)}) trước ngày phát sinh vụ việc "
            f"({vn_date(case.arisen_on)})."
        )
    same_day = SupervisionEntry.objects.filter(case=case, date=date).select_related("decision")
    if same_day.exists():
        raise ValidationError(
            f"Vụ án đã có quyết định {same_day[0].decision.number} cùng ngày {vn_date(date)}; "
            "mỗi ngày chỉ ghi một quyết định cho một vụ án."
        )
    late = _late_guard(date, reason=late_reason)
    decision = _decision(number, date, kind, issuer)
    try:
        with transaction.atomic():
            entry = SupervisionEntry.objects.create(
                decision=decision,
                case=case,
                date=date,
                kind=kind,
                category=category or "",
                reason=reason or "",
                created_by=actor,
            )
    except IntegrityError:
        raise ValidationError("Quyết định này đã được ghi cho vụ án.")
    audit.record_create(
        actor=actor, obj=entry, reason=reason or (late_reason.strip() if late else "")
    )
    if late:
        _late_record(
            actor,
            entry,
            [date],
            late_reason,
            f"supervision_{kind}",
            f"{entry.get_kind_display()}: {_case_name(case)}, quyết định {decision.number} "
            f"ngày {vn_date(date)}",
        )
    return entry


def supervision_add(*, actor, case, number, date, **kw) -> SupervisionEntry:
    return supervision_record(
        actor=actor, case=case, kind=SupervisionEntry.ADD, number=number, date=date, **kw
    )


def supervision_remove(*, actor, case, number, date, **kw) -> SupervisionEntry:
    return supervision_record(
        actor=actor, case=case, kind=SupervisionEntry.REMOVE, number=number, date=date, **kw
    )


def entry_changes_state(entry: SupervisionEntry) -> bool:
    """False for a redundant decision (adds a case already on the list, or removes one not on it)."""
    prev = (
        SupervisionEntry.objects.filter(case_id=entry.case_id, date__lt=entry.date)
        .order_by("-date", "-id")
        .values_list("kind", flat=True)
        .first()
    )
    if entry.kind == SupervisionEntry.ADD:
        return prev != SupervisionEntry.ADD
    return prev == SupervisionEntry.ADD


# --- stages ---------------------------------------------------------------------------------
def stage_rule(
    case: Case, stage: str, *, previous: str | None = None, resumed: bool = False
) -> str:
    """The rule code of a stage: its family (``STAGE_RULES``) for the case's severity; the
    resumption rule after a suspension; art. 277(2)'s rule for a trial whose file came back
    from a supplementary investigation the court asked for."""
    if resumed:
        template = CaseStage.RESUME_RULES.get(stage)
    elif stage == CaseStage.TRIAL and previous == CaseStage.SUPPLEMENT_BY_COURT:
        template = CaseStage.TRIAL_AFTER_SUPPLEMENT_RULE
    else:
        template = CaseStage.STAGE_RULES.get(stage)
    return template.format(severity=case.severity) if template else ""


def _previous_stage(stage: CaseStage) -> str | None:
    earlier = stage.case.stages.filter(started_on__lte=stage.started_on)
    if stage.pk:
        earlier = earlier.filter(id__lt=stage.pk)
    return earlier.order_by("-started_on", "-id").values_list("stage", flat=True).first()


def _compute_due(stage: CaseStage, *, previous: str | None = None, calendar=None):
    """Store the stage's due date and its explanation, by the rule in force on the day the
    running limit started (rules are dated); ``calendar``: the working calendar to count on
    (an official notice being entered), the stored one when omitted."""
    if stage.is_suspended:
        stage.due_on, stage.due_provisional = None, False
        stage.due_explanation = (
            f"Đang tạm đình chỉ từ {vn_date(stage.suspended_on)} (quyết định "
            f"{stage.suspend_decision}): thời hạn ngừng tính cho đến khi có quyết định phục hồi."
        )
        return
    if previous is None and stage.case_id:
        previous = _previous_stage(stage)
    stage.rule_code = stage_rule(
        stage.case, stage.stage, previous=previous, resumed=bool(stage.resumed_on)
    )
    if not stage.rule_code:
        stage.due_on, stage.due_provisional = None, False
        stage.due_explanation = (
            "Bảng thời hạn chưa có thời hạn tiếp theo sau khi phục hồi cho giai đoạn này; "
            "ghi hạn theo quyết định phục hồi."
            if stage.resumed_on
            else ""
        )
        return
    start = stage.limit_start
    try:
        due = core_selectors.due_date(
            rule=stage.rule_code, start=start, variant=stage.variant or None, calendar=calendar
        )
    except core_selectors.UnknownRule as exc:
        # No row of the rule applies on that day (e.g. a start before the statute): say so.
        stage.due_on, stage.due_explanation, stage.due_provisional = None, str(exc), False
        return
    except CalendarError as exc:
        raise ValidationError(str(exc))
    stage.due_on, stage.due_explanation = due.due, due.explain()
    stage.due_provisional = due.provisional
    if stage.resumed_on:
        stage.due_explanation = (
            f"Phục hồi ngày {vn_date(stage.resumed_on)} (quyết định {stage.resume_decision}) "
            f"sau tạm đình chỉ từ {vn_date(stage.suspended_on)}: " + stage.due_explanation
        )


compute_due = _compute_due


def _check_max_uses(row: CaseStage):
    """A period the law allows only so many times (the rule's ``max_uses``, e.g. returning a
    file for supplementary investigation, CPC art. 174(2))."""
    if not row.rule_code:
        return
    try:
        rule = core_selectors.rule_get(row.rule_code, on=row.started_on)
    except core_selectors.UnknownRule:
        return
    if rule.max_uses is None:
        return
    used = row.case.stages.filter(rule_code=row.rule_code).count()
    if used >= rule.max_uses:
        raise ValidationError(
            f"Giai đoạn “{row.get_stage_display()}” đã có {used} lần; {rule.source} chỉ cho "
            f"phép {rule.max_uses} lần."
        )


@transaction.atomic
def stage_start(
    *,
    actor,
    case: Case,
    stage: str,
    agency,
    started_on: dt.date,
    start_decision: str = "",
    note: str = "",
    late_reason: str = "",
) -> CaseStage:
    """Start a procedural stage; the previous open stage ends the same day. A start inside a
    closed reporting period needs ``late_reason`` (core.closing)."""
    permissions.require_record_stage(actor, case)
    labels = dict(CaseStage.STAGES)
    if stage not in labels:
        raise ValidationError("Giai đoạn tố tụng không hợp lệ.")
    if agency is None:
        raise ValidationError("Chọn cơ quan thụ lý giai đoạn này.")
    if started_on is None:
        raise ValidationError("Nhập ngày bắt đầu giai đoạn (dd/mm/yyyy).")
    _check_date(started_on, "Ngày bắt đầu giai đoạn")
    if case.arisen_on and started_on < case.arisen_on:
        raise ValidationError(
            f"Ngày bắt đầu giai đoạn ({vn_date(started_on)}) trước ngày phát sinh vụ việc "
            f"({vn_date(case.arisen_on)})."
        )
    late = _late_guard(started_on, reason=late_reason)
    Case.objects.select_for_update().filter(pk=case.pk).first()
    last = case.stages.order_by("-started_on", "-id").first()
    if last is not None:
        if stage not in CaseStage.NEXT[last.stage]:
            allowed = ", ".join(
                str(labels[s]) for s in CaseStage.ORDER if s in CaseStage.NEXT[last.stage]
            )
            raise ValidationError(
                f"Không thể chuyển từ giai đoạn “{labels[last.stage]}” sang “{labels[stage]}”. "
                + (
                    f"Giai đoạn tiếp theo có thể là: {allowed}."
                    if allowed
                    else "Đây là giai đoạn cuối cùng."
                )
            )
        floor = last.ended_on or last.started_on
        if started_on < floor:
            raise ValidationError(
                f"Ngày bắt đầu giai đoạn “{labels[stage]}” ({vn_date(started_on)}) không được "
                f"trước ngày {vn_date(floor)} của giai đoạn “{labels[last.stage]}”."
            )
        if last.ended_on is None:
            before = audit.snapshot(last)
            last.ended_on = started_on
            last.save(update_fields=["ended_on"])
            audit.record_update(actor=actor, obj=last, before=before)
    row = CaseStage(
        case=case,
        stage=stage,
        agency=agency,
        started_on=started_on,
        start_decision=start_decision or "",
        note=note or "",
    )
    _compute_due(row, previous=last.stage if last is not None else "")
    _check_max_uses(row)
    row.save()
    audit.record_create(actor=actor, obj=row, reason=late_reason.strip() if late else "")
    if late:
        _late_record(
            actor,
            row,
            [started_on],
            late_reason,
            "stage_start",
            f"Bắt đầu giai đoạn “{labels[stage]}” của {_case_name(case)} ngày "
            f"{vn_date(started_on)}",
        )
    return row


def _appeal_periods(stage: CaseStage) -> None:
    """The appeal (art. 333) and protest (art. 337) periods from the pronouncement."""
    if not stage.pronounced_on:
        stage.appeal_due_on = stage.protest_due_on = None
        stage.appeal_explanation = ""
        return
    try:
        appeal = core_selectors.due_date(rule=CaseStage.APPEAL_RULE, start=stage.pronounced_on)
        protest = core_selectors.due_date(
            rule=CaseStage.PROTEST_RULE, start=stage.pronounced_on, variant="higher"
        )
    except core_selectors.UnknownRule as exc:
        stage.appeal_due_on = stage.protest_due_on = None
        stage.appeal_explanation = str(exc)
        return
    stage.appeal_due_on, stage.protest_due_on = appeal.due, protest.due
    stage.appeal_explanation = (
        f"Tuyên án ngày {vn_date(stage.pronounced_on)}. Kháng cáo: {appeal.explain()} "
        f"Kháng nghị (Viện kiểm sát cấp trên trực tiếp): {protest.explain()}"
    )


@transaction.atomic
def stage_end(
    *,
    actor,
    stage: CaseStage,
    ended_on: dt.date,
    outcome: str = "",
    pronounced_on: dt.date | None = None,
    late_reason: str = "",
) -> CaseStage:
    permissions.require_record_stage(actor, stage.case)
    if ended_on is None:
        raise ValidationError("Nhập ngày kết thúc giai đoạn (dd/mm/yyyy).")
    _check_date(ended_on, "Ngày kết thúc giai đoạn")
    if ended_on < stage.started_on:
        raise ValidationError(
            f"Ngày kết thúc ({vn_date(ended_on)}) trước ngày bắt đầu giai đoạn "
            f"({vn_date(stage.started_on)})."
        )
    later = stage.case.stages.filter(started_on__gt=stage.started_on).order_by("started_on").first()
    if later and ended_on > later.started_on:
        raise ValidationError(
            f"Ngày kết thúc ({vn_date(ended_on)}) sau ngày bắt đầu giai đoạn tiếp theo "
            f"({vn_date(later.started_on)})."
        )
    if pronounced_on is not None:
        if stage.stage not in CaseStage.PRONOUNCED:
            raise ValidationError(
                f"Giai đoạn “{stage.get_stage_display()}” không có ngày tuyên án bản án sơ thẩm."
            )
        if not (stage.started_on <= pronounced_on <= ended_on):
            raise ValidationError(
                f"Ngày tuyên án ({vn_date(pronounced_on)}) phải trong giai đoạn, từ "
                f"{vn_date(stage.started_on)} đến ngày kết thúc {vn_date(ended_on)}."
            )
    late = _late_guard(ended_on, reason=late_reason)
    before = audit.snapshot(stage)
    stage.ended_on = ended_on
    stage.outcome = outcome or ""
    stage.pronounced_on = pronounced_on
    _appeal_periods(stage)
    stage.save(
        update_fields=[
            "ended_on",
            "outcome",
            "pronounced_on",
            "appeal_due_on",
            "protest_due_on",
            "appeal_explanation",
        ]
    )
    audit.record_update(
        actor=actor, obj=stage, before=before, reason=late_reason.strip() if late else ""
    )
    if late:
        _late_stage(actor, stage, ended_on, late_reason, "stage_end", "Kết thúc giai đoạn")
    return stage


def _late_stage(actor, stage, day, reason, action, what):
    _late_record(
        actor,
        stage,
        [day],
        reason,
        action,
        f"{what} “{stage.get_stage_display()}” của {_case_name(stage.case)} ngày {vn_date(day)}",
    )


def case_flags(case: Case) -> set[str]:
    """What a rule variant may require of a case (``"requires"`` in the variant)."""
    return {"national_security"} if case.national_security else set()


def next_extension_variant(stage: CaseStage) -> str | None:
    """The next extension the rule in force allows (variants in their order), or None.

    A variant that ``requires`` a flag the case lacks (e.g. art. 172(3)'s extension for crimes
    against national security) is not offered."""
    if not stage.rule_code:
        return None
    try:
        rule = core_selectors.rule_get(stage.rule_code, on=stage.limit_start)
    except core_selectors.UnknownRule:
        return None
    used = set(stage.extensions.values_list("variant", flat=True))
    flags = case_flags(stage.case)
    for name in sorted(rule.variants or {}):
        needs = (rule.variants[name] or {}).get("requires")
        if needs and needs not in flags:
            continue
        if name not in used:
            return name
    return None


@transaction.atomic
def stage_extend(
    *,
    actor,
    stage: CaseStage,
    decision_number: str,
    decision_date: dt.date,
    late_reason: str = "",
) -> StageExtension:
    """Record an extension decision: the stage's time limit becomes the next rule variant."""
    permissions.require_extend_stage(actor, stage.case)
    stage = CaseStage.objects.select_for_update().select_related("case").get(pk=stage.pk)
    if not stage.rule_code:
        raise ValidationError(
            f"Giai đoạn “{stage.get_stage_display()}” không có thời hạn theo quy định nên "
            "không gia hạn được."
        )
    if stage.ended_on:
        raise ValidationError("Giai đoạn đã kết thúc, không gia hạn được.")
    if stage.is_suspended:
        raise ValidationError("Giai đoạn đang tạm đình chỉ, không gia hạn được.")
    if not (decision_number or "").strip():
        raise ValidationError("Nhập số quyết định gia hạn.")
    if decision_date is None:
        raise ValidationError("Nhập ngày quyết định gia hạn (dd/mm/yyyy).")
    _check_date(decision_date, "Ngày quyết định gia hạn")
    if decision_date < stage.started_on:
        raise ValidationError(
            f"Ngày quyết định gia hạn ({vn_date(decision_date)}) trước ngày bắt đầu giai đoạn "
            f"({vn_date(stage.started_on)})."
        )
    late = _late_guard(decision_date, reason=late_reason)
    variant = next_extension_variant(stage)
    if variant is None:
        raise ValidationError(
            f"Đã hết số lần gia hạn theo quy định cho giai đoạn “{stage.get_stage_display()}”."
        )
    before = audit.snapshot(stage)
    stage.variant = variant
    _compute_due(stage)
    if stage.due_on is None:  # the rule of that day has no limit to extend (its explanation)
        raise ValidationError(stage.due_explanation or "Không tính được hạn mới sau gia hạn.")
    stage.save(
        update_fields=["variant", "rule_code", "due_on", "due_explanation", "due_provisional"]
    )
    ext = StageExtension.objects.create(
        stage=stage,
        variant=variant,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        due_on=stage.due_on,
        created_by=actor,
    )
    audit.record_update(actor=actor, obj=stage, before=before, reason=decision_number)
    audit.record_create(actor=actor, obj=ext, reason=late_reason.strip() if late else "")
    if late:
        _late_stage(actor, stage, decision_date, late_reason, "stage_extend", "Gia hạn giai đoạn")
    return ext


@transaction.atomic
def stage_suspend(
    *,
    actor,
    stage: CaseStage,
    on: dt.date,
    decision_number: str,
    reason: str,
    late_reason: str = "",
) -> CaseStage:
    """Suspend a stage (tạm đình chỉ: CPC 2015 art. 148 for a crime report, art. 229 for an
    investigation, art. 247 for the procuracy, art. 281 for the court): no limit runs while
    it is suspended."""
    permissions.require_record_stage(actor, stage.case)
    stage = CaseStage.objects.select_for_update().select_related("case").get(pk=stage.pk)
    if stage.ended_on:
        raise ValidationError("Giai đoạn đã kết thúc, không tạm đình chỉ được.")
    if stage.is_suspended:
        raise ValidationError(f"Giai đoạn đang tạm đình chỉ từ {vn_date(stage.suspended_on)}.")
    if not (decision_number or "").strip():
        raise ValidationError("Nhập số quyết định tạm đình chỉ.")
    if not (reason or "").strip():
        raise ValidationError("Ghi rõ lý do tạm đình chỉ.")
    if on is None:
        raise ValidationError("Nhập ngày tạm đình chỉ (dd/mm/yyyy).")
    _check_date(on, "Ngày tạm đình chỉ")
    if on < stage.limit_start:
        raise ValidationError(
            f"Ngày tạm đình chỉ ({vn_date(on)}) trước ngày bắt đầu tính thời hạn "
            f"({vn_date(stage.limit_start)})."
        )
    late = _late_guard(on, reason=late_reason)
    before = audit.snapshot(stage)
    stage.suspended_on = on
    stage.suspend_decision = decision_number.strip()
    stage.suspend_reason = reason.strip()
    stage.resumed_on, stage.resume_decision = None, ""
    _compute_due(stage)
    stage.save(
        update_fields=[
            "suspended_on",
            "suspend_decision",
            "suspend_reason",
            "resumed_on",
            "resume_decision",
            "rule_code",
            "due_on",
            "due_explanation",
        ]
    )
    audit.record_update(actor=actor, obj=stage, before=before, reason=reason.strip())
    if late:
        _late_stage(actor, stage, on, late_reason, "stage_suspend", "Tạm đình chỉ giai đoạn")
    return stage


@transaction.atomic
def stage_resume(
    *, actor, stage: CaseStage, on: dt.date, decision_number: str, late_reason: str = ""
) -> CaseStage:
    """Resume a suspended stage (phục hồi): the law's period after resumption is counted from
    the resumption decision (art. 149(1), art. 174(1)); its own extensions follow."""
    permissions.require_record_stage(actor, stage.case)
    stage = CaseStage.objects.select_for_update().select_related("case").get(pk=stage.pk)
    if not stage.is_suspended or stage.suspended_on is None:
        raise ValidationError("Giai đoạn không ở trạng thái tạm đình chỉ.")
    if not (decision_number or "").strip():
        raise ValidationError("Nhập số quyết định phục hồi.")
    if on is None:
        raise ValidationError("Nhập ngày phục hồi (dd/mm/yyyy).")
    _check_date(on, "Ngày phục hồi")
    if on < stage.suspended_on:
        raise ValidationError(
            f"Ngày phục hồi ({vn_date(on)}) trước ngày tạm đình chỉ "
            f"({vn_date(stage.suspended_on)})."
        )
    late = _late_guard(on, reason=late_reason)
    before = audit.snapshot(stage)
    stage.resumed_on = on
    stage.resume_decision = decision_number.strip()
    stage.variant = ""
    _compute_due(stage)
    stage.save(
        update_fields=[
            "resumed_on",
            "resume_decision",
            "variant",
            "rule_code",
            "due_on",
            "due_explanation",
        ]
    )
    audit.record_update(actor=actor, obj=stage, before=before, reason=stage.resume_decision)
    if late:
        _late_stage(actor, stage, on, late_reason, "stage_resume", "Phục hồi giai đoạn")
    return stage


@transaction.atomic
def stage_record_act(*, actor, stage: CaseStage, on: dt.date, decision_number: str) -> CaseStage:
    """Record the act a stage's limit is for (the decision to enforce, CPC art. 364): the stage
    runs on; whether it was on time is now fixed by this date."""
    permissions.require_record_stage(actor, stage.case)
    stage = CaseStage.objects.select_for_update().select_related("case").get(pk=stage.pk)
    if stage.stage not in CaseStage.LIMIT_FOR_AN_ACT:
        raise ValidationError(
            f"Giai đoạn “{stage.get_stage_display()}” không có quyết định thi hành án để ghi."
        )
    if not (decision_number or "").strip():
        raise ValidationError("Nhập số quyết định thi hành án.")
    if on is None:
        raise ValidationError("Nhập ngày ra quyết định thi hành án (dd/mm/yyyy).")
    _check_date(on, "Ngày ra quyết định thi hành án")
    if on < stage.started_on:
        raise ValidationError(
            f"Ngày ra quyết định ({vn_date(on)}) trước ngày bắt đầu giai đoạn "
            f"({vn_date(stage.started_on)})."
        )
    before = audit.snapshot(stage)
    stage.act_on = on
    stage.act_decision = decision_number.strip()
    stage.save(update_fields=["act_on", "act_decision"])
    audit.record_update(actor=actor, obj=stage, before=before, reason=stage.act_decision)
    return stage


@transaction.atomic
def stages_recompute_due(*, actor, case: Case | None = None, open_only: bool = False) -> int:
    """After the rule table or the severity class changes: recompute stored due dates (each
    change audited; ``manage.py recompute_stage_due`` after an upgrade that changed rules)."""
    qs = CaseStage.objects.select_related("case")
    if case is not None:
        qs = qs.filter(case=case)
    if open_only:
        qs = qs.filter(ended_on__isnull=True)
    changed = 0
    for stage in qs:
        before = audit.snapshot(stage)
        _compute_due(stage)
        if audit.diff(before, audit.snapshot(stage)):
            stage.save(update_fields=["rule_code", "due_on", "due_explanation", "due_provisional"])
            audit.record_update(actor=actor, obj=stage, before=before, reason="tính lại hạn")
            changed += 1
    return changed


# --- progress reports and explanations -----------------------------------------------------
@transaction.atomic
def progress_report(
    *, actor, case: Case, agency, reported_on: dt.date, content: str
) -> ProgressReport:
    permissions.require_report_progress(actor, case)
    if agency is None:
        agency = actor.agency
    permissions.require_report_for_agency(actor, agency)
    if reported_on is None:
        raise ValidationError("Nhập ngày báo cáo (dd/mm/yyyy).")
    _check_date(reported_on, "Ngày báo cáo")
    if not (content or "").strip():
        raise ValidationError("Nhập nội dung báo cáo.")
    report = ProgressReport.objects.create(
        case=case, agency=agency, reported_on=reported_on, content=content.strip(), created_by=actor
    )
    audit.record_create(actor=actor, obj=report)
    return report


@transaction.atomic
def explanation_request(
    *,
    actor,
    case: Case,
    addressed_to,
    requested_on: dt.date,
    question: str,
    answer_by: dt.date | None = None,
) -> ExplanationRequest:
    permissions.require_request_explanation(actor, case)
    if addressed_to is None:
        raise ValidationError("Chọn cơ quan phải giải trình.")
    if addressed_to.pk not in permissions.case_agency_ids(case):
        raise ValidationError(f"{addressed_to} không thụ lý vụ án này.")
    if requested_on is None:
        raise ValidationError("Nhập ngày yêu cầu (dd/mm/yyyy).")
    _check_date(requested_on, "Ngày yêu cầu")
    if answer_by and answer_by < requested_on:
        raise ValidationError("Hạn trả lời không được trước ngày yêu cầu.")
    if not (question or "").strip():
        raise ValidationError("Nhập nội dung yêu cầu giải trình.")
    req = ExplanationRequest.objects.create(
        case=case,
        addressed_to=addressed_to,
        requested_on=requested_on,
        answer_by=answer_by,
        question=question.strip(),
        requested_by=actor,
    )
    audit.record_create(actor=actor, obj=req)
    return req


@transaction.atomic
def explanation_answer(
    *, actor, request: ExplanationRequest, answer: str, answered_on: dt.date
) -> ExplanationRequest:
    permissions.require_answer_explanation(actor, request)
    if request.answered_on:
        raise ValidationError("Yêu cầu này đã được giải trình.")
    if answered_on is None:
        raise ValidationError("Nhập ngày giải trình (dd/mm/yyyy).")
    _check_date(answered_on, "Ngày giải trình")
    if answered_on < request.requested_on:
        raise ValidationError("Ngày giải trình không được trước ngày yêu cầu.")
    if not (answer or "").strip():
        raise ValidationError("Nhập nội dung giải trình.")
    before = audit.snapshot(request)
    request.answer = answer.strip()
    request.answered_on = answered_on
    request.answered_by = actor
    request.save(update_fields=["answer", "answered_on", "answered_by"])
    audit.record_update(actor=actor, obj=request, before=before)
    return request
