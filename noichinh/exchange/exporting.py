"""The exchange bundle (docs/exchange/): this instance's registers, for another instance.

A bundle holds the area units and agencies it refers to (internal code plus the official
code), the petitions with their handling steps and outcome, the monitored cases with their
stages and supervision decisions, the reception book's visits (from version 1.1), and the
report figures of the period, each computed from
the registers (petitions.figures, cases.figures) for the whole province and per agency.

Never in a bundle: the sealed identity of a denunciation, the sender keys derived from it
(``sender_hash``, ``sender_id_hash``), any sender's name, number, address, phone or e-mail,
the petition's full text and its attachments; of a visit, the visitor's and the
representatives' names, numbers and addresses, what was said and the answer's text. With a recipient's public key, the sender
identity travels encrypted to that key only (``crypto.encrypt_for``).

Selection: by period (petitions received or resolved in it; cases followed, on the list or
with a stage up to its end; visits of its days) and/or by cursor (records changed after it). The next cursor is
the latest change time of the exported records.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Q

from noichinh.cases import figures as case_figures
from noichinh.cases.models import Case
from noichinh.core import clock
from noichinh.exchange import crypto
from noichinh.org.models import Agency, AreaUnit
from noichinh.org.selectors import province_settings
from noichinh.petitions import figures as petition_figures
from noichinh.petitions.models import Petition, Visit

FORMAT = "noichinh-exchange"
VERSION = "1.1"

PETITION_FIELDS = (
    "receipt_no",
    "received_on",
    "channel",
    "addressed_to",
    "sender_kind",
    "is_anonymous",
    "co_senders",
    "summary",
    "type",
    "field",
    "complaint_round",
    "is_complex",
    "is_remote",
    "meets_conditions",
    "in_competence",
    "is_mass",
    "is_over_level",
    "is_repeat",
    "decision_received_on",
)
OUTCOME_FIELDS = (
    "state",
    "outcome",
    "outcome_doc_no",
    "outcome_date",
    "forwarded_to_name",
    "answer_received_on",
    "current_step",
    "next_due",
    "paused_days",
    "result",
    "resolution_doc_no",
    "resolved_on",
    "resolved_on_time",
    "recovered_vnd",
    "recovered_land_m2",
    "people_handled",
)
VISIT_FIELDS = (
    "visited_on",
    "kind",
    "petition_type",
    "field",
    "people_count",
    "is_mass",
    "representative_count",
    "answer",
)
STEP_FIELDS = ("from_state", "to_state", "action", "at", "on_date", "doc_no")
CASE_FIELDS = (
    "number",
    "title",
    "kind",
    "field",
    "crimes",
    "severity",
    "national_security",
    "summary",
    "followed_from",
    "followed_until",
    "defendants_count",
    "managers_count",
    "party_members_count",
    "damage_vnd",
    "recovered_vnd",
    "arisen_on",
    "carried_over_from_year",
)
STAGE_FIELDS = (
    "stage",
    "started_on",
    "start_decision",
    "ended_on",
    "outcome",
    "rule_code",
    "variant",
    "due_on",
    "due_provisional",
    "suspended_on",
    "suspend_decision",
    "resumed_on",
    "resume_decision",
)


def _json(value):
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _values(obj, fields) -> dict:
    return {name: _json(getattr(obj, name)) for name in fields}


def parse_cursor(cursor: str | None) -> dt.datetime | None:
    """The cursor is the ISO time of the last change a previous bundle held."""
    if not cursor:
        return None
    try:
        value = dt.datetime.fromisoformat(cursor)
    except ValueError as exc:
        raise ValueError("Con trỏ không hợp lệ (thời điểm ISO 8601).") from exc
    if value.tzinfo is None:
        raise ValueError("Con trỏ phải có múi giờ.")
    return value


def source_code() -> str:
    """This instance's name in bundles: the province's official code, else its internal code."""
    province = province_settings().province
    if province is None:
        return ""
    return province.official_code or province.code


def _petitions(start, end, since):
    qs = Petition.objects.all()
    if start and end:
        qs = qs.filter(Q(received_on__range=(start, end)) | Q(resolved_on__range=(start, end)))
    if since:
        qs = qs.filter(updated_at__gt=since)
    return (
        qs.select_related("agency", "unit", "forwarded_to", "duplicate_of", "forwarded_from")
        .prefetch_related("transitions")
        .order_by("updated_at", "pk")
    )


def _cases(start, end, since):
    qs = Case.objects.all()
    if end:
        qs = qs.filter(
            Q(followed_from__lte=end)
            | Q(supervision_entries__date__lte=end)
            | Q(stages__started_on__lte=end)
        ).distinct()
    if since:
        qs = qs.filter(updated_at__gt=since)
    return (
        qs.select_related("following_agency", "area_unit")
        .prefetch_related("stages__agency", "supervision_entries__decision")
        .order_by("updated_at", "pk")
    )


def _visits(start, end, since):
    qs = Visit.objects.all()
    if start and end:
        qs = qs.filter(visited_on__range=(start, end))
    if since:
        qs = qs.filter(updated_at__gt=since)
    return qs.select_related("agency", "unit", "repeat_of").order_by("updated_at", "pk")


def _visit_row(v: Visit) -> dict:
    row = {"uuid": str(v.uuid), "agency": v.agency.code, "unit": v.unit.code if v.unit_id else None}
    row.update(_values(v, VISIT_FIELDS))
    row["repeat_of"] = str(v.repeat_of.uuid) if v.repeat_of_id else None
    row["updated_at"] = _json(v.updated_at)
    return row


def _unit_row(unit: AreaUnit) -> dict:
    return {
        "code": unit.code,
        "official_code": unit.official_code,
        "name": unit.name,
        "level": unit.level,
        "parent": unit.parent.code if unit.parent_id else None,
        "valid_from": _json(unit.valid_from),
        "valid_to": _json(unit.valid_to),
    }


def _agency_row(agency: Agency) -> dict:
    return {
        "code": agency.code,
        "official_code": agency.official_code,
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "area": agency.area.code,
        "parent": agency.parent.code if agency.parent_id else None,
        "valid_from": _json(agency.valid_from),
        "valid_to": _json(agency.valid_to),
    }


def _petition_row(p: Petition, recipient_key) -> dict:
    row = {"uuid": str(p.uuid), "agency": p.agency.code, "unit": p.unit.code if p.unit_id else None}
    row.update(_values(p, PETITION_FIELDS))
    row["duplicate_of"] = str(p.duplicate_of.uuid) if p.duplicate_of_id else None
    row["forwarded_from"] = str(p.forwarded_from.uuid) if p.forwarded_from_id else None
    outcome = _values(p, OUTCOME_FIELDS)
    outcome["forwarded_to"] = p.forwarded_to.code if p.forwarded_to_id else None
    row["outcome"] = outcome
    row["steps"] = [
        {"uuid": str(t.uuid), **_values(t, STEP_FIELDS)}
        for t in sorted(p.transitions.all(), key=lambda t: (t.at, t.pk))
    ]
    row["updated_at"] = _json(p.updated_at)
    # A denunciation's identity is sealed: it never leaves (revealing it has its own legal
    # grounds and audit, portal.grounds). Other senders' identity travels only encrypted.
    if recipient_key is not None and not p.is_anonymous and p.type != "denunciation":
        identity = {k: v for k, v in p.identity().items() if v}
        if identity:
            row["sender_for_recipient"] = crypto.encrypt_for(recipient_key, identity)
    return row


def _case_row(c: Case) -> dict:
    row = {"uuid": str(c.uuid)}
    row.update(_values(c, CASE_FIELDS))
    row["following_agency"] = c.following_agency.code if c.following_agency_id else None
    row["area_unit"] = c.area_unit.code if c.area_unit_id else None
    row["stages"] = [
        {
            "uuid": str(s.uuid),
            "agency": s.agency.code if s.agency_id else None,
            **_values(s, STAGE_FIELDS),
        }
        for s in sorted(c.stages.all(), key=lambda s: (s.started_on, s.pk))
    ]
    row["supervision"] = [
        {
            "decision_number": e.decision.number,
            "decision_issuer": e.decision.issuer,
            "date": _json(e.date),
            "kind": e.kind,
            "category": e.category,
            "reason": e.reason,
        }
        for e in sorted(c.supervision_entries.all(), key=lambda e: (e.date, e.pk))
    ]
    row["updated_at"] = _json(c.updated_at)
    return row


def period_figures(start: dt.date, end: dt.date) -> list[dict]:
    """Every computed figure of the petitions and case registers for the period: the whole
    province (agency null), then each agency with a record in it."""
    rows = []

    def add(agency_code, agency_ids):
        values = petition_figures.compute_all(
            agency_ids=agency_ids, unit_ids=None, start=start, end=end
        )
        values.update(
            case_figures.compute_many(
                case_figures.FIGURES, agency_ids=agency_ids, unit_ids=None, start=start, end=end
            )
        )
        for code in sorted(values):
            rows.append({"agency": agency_code, "code": code, "value": int(values[code] or 0)})

    add(None, None)
    ids = set(
        Petition.objects.filter(
            Q(received_on__range=(start, end)) | Q(resolved_on__range=(start, end))
        ).values_list("agency_id", flat=True)
    )
    ids |= set(
        Visit.objects.filter(visited_on__range=(start, end)).values_list("agency_id", flat=True)
    )
    for agency in Agency.objects.filter(pk__in=ids).order_by("code"):
        add(agency.code, {agency.pk})
    return rows


def build_bundle(
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    since: str | None = None,
    recipient_key=None,
) -> dict:
    """The bundle for a period (``start``–``end``, inclusive) and/or the changes after the
    cursor ``since``. Raises ValueError with a Vietnamese message on a bad selection."""
    if (start is None) != (end is None):
        raise ValueError("Chọn cả ngày bắt đầu và ngày kết thúc của kỳ.")
    if start and end and end < start:
        raise ValueError("Ngày kết thúc phải sau ngày bắt đầu.")
    cursor = parse_cursor(since)
    if start is None and cursor is None:
        raise ValueError("Chọn một kỳ hoặc một con trỏ.")
    petitions = list(_petitions(start, end, cursor))
    cases = list(_cases(start, end, cursor))
    visits = list(_visits(start, end, cursor))

    agencies: dict[int, Agency] = {}
    for v in visits:
        agencies[v.agency_id] = v.agency
    for p in petitions:
        agencies[p.agency_id] = p.agency
        if p.forwarded_to_id:
            agencies[p.forwarded_to_id] = p.forwarded_to
    for c in cases:
        if c.following_agency_id:
            agencies[c.following_agency_id] = c.following_agency
        for s in c.stages.all():
            if s.agency_id:
                agencies[s.agency_id] = s.agency
    # Their parents too, so that the tree can be rebuilt.
    pending = [a.parent_id for a in agencies.values() if a.parent_id]
    while pending:
        for a in Agency.objects.filter(pk__in=[i for i in pending if i not in agencies]):
            agencies[a.pk] = a
        pending = [
            a.parent_id for a in agencies.values() if a.parent_id and a.parent_id not in agencies
        ]
    agency_list = list(
        Agency.objects.filter(pk__in=agencies).select_related("area", "parent").order_by("code")
    )
    unit_ids = {a.area_id for a in agency_list}
    unit_ids |= {p.unit_id for p in petitions if p.unit_id}
    unit_ids |= {c.area_unit_id for c in cases if c.area_unit_id}
    unit_ids |= {v.unit_id for v in visits if v.unit_id}
    units: dict[int, AreaUnit] = {}
    pending = list(unit_ids)
    while pending:
        found = list(AreaUnit.objects.filter(pk__in=pending).select_related("parent"))
        for u in found:
            units[u.pk] = u
        pending = [u.parent_id for u in found if u.parent_id and u.parent_id not in units]

    def _order(agency_rows):
        # Parents before children, so an importer can create them in order.
        done, out = set(), []
        rows = {r["code"]: r for r in agency_rows}
        while rows:
            ready = [
                c
                for c, r in rows.items()
                if r["parent"] is None or r["parent"] in done or r["parent"] not in {*rows, *done}
            ]
            if not ready:  # a cycle cannot be stored (PROTECT), but never loop forever
                ready = list(rows)
            for code in sorted(ready):
                out.append(rows.pop(code))
                done.add(code)
        return out

    unit_rows = sorted(
        (_unit_row(u) for u in units.values()),
        key=lambda r: (r["level"] != "province", r["level"] != "district", r["code"]),
    )
    changed = [p.updated_at for p in petitions] + [c.updated_at for c in cases]
    changed += [v.updated_at for v in visits]
    next_cursor = max(changed) if changed else cursor
    profile = province_settings()
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": clock.now().isoformat(),
        "source": {
            "code": source_code(),
            "name": profile.name,
            "official_code": profile.province.official_code if profile.province else "",
        },
        "period": {"start": start.isoformat(), "end": end.isoformat()} if start else None,
        "since": since or None,
        "cursor": next_cursor.isoformat() if next_cursor else None,
        "units": unit_rows,
        "agencies": _order([_agency_row(a) for a in agency_list]),
        "petitions": [_petition_row(p, recipient_key) for p in petitions],
        "cases": [_case_row(c) for c in cases],
        "visits": [_visit_row(v) for v in visits],
        "figures": period_figures(start, end) if start else [],
    }


def latest_change() -> dt.datetime | None:
    """The time of the latest change in the exported registers (a cursor for "from now")."""
    times = [
        Petition.objects.aggregate(m=Max("updated_at"))["m"],
        Case.objects.aggregate(m=Max("updated_at"))["m"],
        Visit.objects.aggregate(m=Max("updated_at"))["m"],
    ]
    times = [t for t in times if t]
    return max(times) if times else None
