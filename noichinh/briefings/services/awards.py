"""The awards register: movements and award decisions with their recipients (briefings
write actions)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from noichinh.briefings import permissions
from noichinh.briefings.models import (
    AwardDecision,
    AwardRecipient,
    Conference,
    Movement,
)
from noichinh.briefings.services.common import _late, agency_match
from noichinh.core import audit, clock, closing
from noichinh.core.formats import vn_date
from noichinh.core.text import fold
from noichinh.org.models import Agency


def movement_get_or_create(*, actor, name: str, year: int) -> Movement:
    name = " ".join((name or "").split()).strip('"“” ')
    if not name:
        raise ValidationError({"movement": "Nhập tên phong trào."})
    if not 1945 <= int(year) <= 2100:
        raise ValidationError({"year": "Năm không hợp lệ."})
    found = Movement.objects.filter(name_folded=fold(name), year=year).first()
    if found:
        return found
    movement = Movement.objects.create(name=name, year=year)
    audit.record_create(actor=actor, obj=movement)
    return movement


def _lines(value) -> list[str]:
    if isinstance(value, str):
        value = value.splitlines()
    return [" ".join(str(v).split()) for v in (value or []) if str(v).strip()]


@transaction.atomic
def award_decision_create(
    *,
    actor,
    issuer_level: str,
    form: str,
    signed_on: dt.date,
    number: str = "",
    issuer_name: str = "",
    movement: Movement | None = None,
    conference: Conference | None = None,
    agency: Agency | None = None,
    collectives=(),
    individuals=(),
    note: str = "",
    late_reason: str = "",
) -> AwardDecision:
    """An award decision with its recipients (one name per line). The decision number is
    unique per issuer level: a second decision with the same number is refused. A decision
    signed inside a closed reporting period needs ``late_reason`` (core.closing)."""
    permissions.require_manage_awards(actor)
    errors = {}
    if issuer_level not in dict(AwardDecision.ISSUERS):
        errors["issuer_level"] = "Cấp khen thưởng không hợp lệ."
    if form not in dict(AwardDecision.FORMS):
        errors["form"] = "Hình thức khen thưởng không hợp lệ."
    if not isinstance(signed_on, dt.date):
        errors["signed_on"] = "Ngày ký không hợp lệ (dd/mm/yyyy)."
    elif signed_on > clock.today():
        errors["signed_on"] = "Ngày ký không thể ở tương lai."
    number = (number or "").strip()
    if number and AwardDecision.objects.filter(issuer_level=issuer_level, number=number).exists():
        label = dict(AwardDecision.ISSUERS).get(issuer_level, issuer_level)
        errors["number"] = f"Quyết định số {number} của {label} đã có trong sổ khen thưởng."
    collectives, individuals = _lines(collectives), _lines(individuals)
    if not collectives and not individuals:
        errors["collectives"] = "Nhập ít nhất một tập thể hoặc cá nhân được khen thưởng."
    if errors:
        raise ValidationError(errors)
    late = closing.guard(signed_on, reason=late_reason)
    try:
        with transaction.atomic():
            decision = AwardDecision.objects.create(
                issuer_level=issuer_level,
                issuer_name=issuer_name.strip() or dict(AwardDecision.ISSUERS)[issuer_level],
                form=form,
                number=number,
                signed_on=signed_on,
                movement=movement,
                conference=conference,
                agency=agency,
                note=note,
            )
    except IntegrityError:
        raise ValidationError({"number": f"Quyết định số {number} đã có trong sổ khen thưởng."})
    for kind, names in (
        (AwardRecipient.COLLECTIVE, collectives),
        (AwardRecipient.INDIVIDUAL, individuals),
    ):
        for name in names:
            AwardRecipient.objects.create(
                decision=decision, kind=kind, name=name[:255], agency=agency_match(name, signed_on)
            )
    audit.record_create(actor=actor, obj=decision, reason=late_reason.strip() if late else "")
    if late:
        _late(
            actor,
            decision,
            [signed_on],
            late_reason,
            "award_create",
            f"Nhập quyết định khen thưởng {_award_name(decision)} ký ngày {vn_date(signed_on)}",
        )
    return decision


def _award_name(decision: AwardDecision) -> str:
    number = f"số {decision.number} " if decision.number else ""
    return f"{number}({decision.get_form_display()}, {decision.issuer_name})"


@transaction.atomic
def award_decision_update(
    *,
    actor,
    decision: AwardDecision,
    issuer_level: str,
    form: str,
    signed_on: dt.date,
    number: str = "",
    issuer_name: str = "",
    movement: Movement | None = None,
    agency: Agency | None = None,
    collectives=(),
    individuals=(),
    note: str = "",
    late_reason: str = "",
) -> AwardDecision:
    """Correct a decision: its fields and its recipients (one name per line); the history
    keeps the fields and the recipient lists before and after. The figures count a decision
    in the period it was signed in: a decision signed (before or after the correction)
    inside a closed reporting period needs ``late_reason`` (core.closing)."""
    permissions.require_manage_awards(actor)
    errors = {}
    if issuer_level not in dict(AwardDecision.ISSUERS):
        errors["issuer_level"] = "Cấp khen thưởng không hợp lệ."
    if form not in dict(AwardDecision.FORMS):
        errors["form"] = "Hình thức khen thưởng không hợp lệ."
    if not isinstance(signed_on, dt.date):
        errors["signed_on"] = "Ngày ký không hợp lệ (dd/mm/yyyy)."
    elif signed_on > clock.today():
        errors["signed_on"] = "Ngày ký không thể ở tương lai."
    number = (number or "").strip()
    if (
        number
        and AwardDecision.objects.filter(issuer_level=issuer_level, number=number)
        .exclude(pk=decision.pk)
        .exists()
    ):
        label = dict(AwardDecision.ISSUERS).get(issuer_level, issuer_level)
        errors["number"] = f"Quyết định số {number} của {label} đã có trong sổ khen thưởng."
    collectives, individuals = _lines(collectives), _lines(individuals)
    if not collectives and not individuals:
        errors["collectives"] = "Nhập ít nhất một tập thể hoặc cá nhân được khen thưởng."
    if errors:
        raise ValidationError(errors)
    decision = AwardDecision.objects.select_for_update().get(pk=decision.pk)
    days = [decision.signed_on, signed_on]
    late = closing.guard(*days, reason=late_reason)
    before = audit.snapshot(decision)
    old = {
        kind: [r.name for r in decision.recipients.filter(kind=kind).order_by("id")]
        for kind in (AwardRecipient.COLLECTIVE, AwardRecipient.INDIVIDUAL)
    }
    decision.issuer_level, decision.form, decision.signed_on = issuer_level, form, signed_on
    decision.number, decision.movement, decision.agency, decision.note = (
        number,
        movement,
        agency,
        note,
    )
    decision.issuer_name = issuer_name.strip() or dict(AwardDecision.ISSUERS)[issuer_level]
    decision.save()
    new = {AwardRecipient.COLLECTIVE: collectives, AwardRecipient.INDIVIDUAL: individuals}
    changes = audit.diff(before, audit.snapshot(decision))
    for kind, names in new.items():
        if [n[:255] for n in names] == old[kind]:
            continue
        decision.recipients.filter(kind=kind).delete()
        for name in names:
            AwardRecipient.objects.create(
                decision=decision, kind=kind, name=name[:255], agency=agency_match(name, signed_on)
            )
        changes[f"recipients_{kind}"] = [old[kind], names]
    audit.record(
        actor=actor,
        action="update",
        obj=decision,
        changes=changes,
        reason=late_reason.strip() if late else "",
    )
    if late:
        _late(
            actor,
            decision,
            days,
            late_reason,
            "award_update",
            f"Sửa quyết định khen thưởng {_award_name(decision)} ký ngày {vn_date(signed_on)}",
        )
    return decision


ISSUER_WORDS = [
    ("minister_public_security", ("bo truong bo cong an", "bo cong an")),
    ("minister_defence", ("bo truong bo quoc phong", "bo quoc phong")),
    ("prime_minister", ("thu tuong",)),
    ("president", ("chu tich nuoc",)),
    ("police_director", ("giam doc cong an",)),
    ("provincial_chair", ("chu tich ubnd tinh", "chu tich uy ban nhan dan tinh")),
    ("provincial_party", ("tinh uy",)),
    ("district_chair", ("chu tich ubnd huyen", "chu tich ubnd xa", "chu tich ubnd thanh pho")),
]


FORM_WORDS = [(code, fold(label)) for code, label in AwardDecision.FORMS]


def issuer_level_for(text: str | None) -> str:
    key = fold(text)
    for code, words in ISSUER_WORDS:
        if any(w in key for w in words):
            return code
    return "other"


def form_for(text: str | None) -> str:
    key = fold(text)
    for code, label in FORM_WORDS:
        if label in key:
            return code
    return "other"
