"""Import a bundle from another instance (docs/exchange/): one transaction, one audit entry.

Idempotent: records are keyed by their uuid (petitions, steps, cases, stages, visits), area units
and agencies by their official code, else their code, supervision decisions by number and
date, figures by source, period, agency and code. A record is written only when a value
differs, so importing the same bundle twice changes nothing (and writes no second entry).

The units and agencies a bundle refers to are created when this instance has none matching;
existing ones are not renamed or moved (this instance's own tree wins), an empty official
code is filled in.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from noichinh.cases.models import Case, CaseStage, SupervisionDecision, SupervisionEntry
from noichinh.core import audit
from noichinh.exchange import exporting, permissions, schema
from noichinh.exchange.models import ReceivedFigure
from noichinh.org.models import Agency, AreaUnit
from noichinh.petitions.models import Petition, Transition, Visit

DATE_FIELDS = {
    "visited_on",
    "received_on",
    "decision_received_on",
    "outcome_date",
    "answer_received_on",
    "next_due",
    "resolved_on",
    "on_date",
    "followed_from",
    "followed_until",
    "arisen_on",
    "started_on",
    "ended_on",
    "due_on",
    "suspended_on",
    "resumed_on",
    "date",
    "valid_from",
    "valid_to",
}


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def count(self, what: str, kind: str):
        bucket = getattr(self, kind)
        bucket[what] = bucket.get(what, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> dict:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def _value(name, raw):
    if raw is None:
        return None
    if name in DATE_FIELDS:
        return dt.date.fromisoformat(raw)
    if name == "at":
        return dt.datetime.fromisoformat(raw)
    return raw


def _apply(obj, values: dict) -> bool:
    """Set ``values`` on ``obj``; True when one of them differs."""
    changed = False
    for name, raw in values.items():
        new = _value(name, raw)
        if getattr(obj, name) != new:
            setattr(obj, name, new)
            changed = True
    return changed


def _save(result, what, obj, values, created) -> None:
    differs = _apply(obj, values)
    if created:
        obj.save()
        result.count(what, "created")
    elif differs:
        obj.save()
        result.count(what, "updated")
    else:
        result.count(what, "unchanged")


class _Resolver:
    """Codes of the bundle → this instance's units and agencies.

    A unit or agency is the same as one here when their official codes are equal; without
    one, when the internal code is equal and it sits in the same place (a unit under the same
    parent and without an official code; an agency in the same area unit). Otherwise
    it is another province's and is created under the code "<source>-<code>", so that the
    level above can hold several provinces whose internal codes repeat."""

    def __init__(self, result: ImportResult, source: str):
        self.result = result
        self.source = source
        self.units: dict[str, AreaUnit] = {}
        self.agencies: dict[str, Agency] = {}

    def _codes(self, code: str, max_length: int) -> list[str]:
        return [code, f"{self.source}-{code}"[:max_length]] if self.source else [code]

    def _find_unit(self, row, parent):
        if row["official_code"]:
            found = AreaUnit.objects.filter(
                official_code=row["official_code"], level=row["level"]
            ).first()
            if found:
                return found, row["code"]
            # An official code no unit here has: that unit is not here yet.
            codes = self._codes(row["code"], 20)
            free = [c for c in codes if not AreaUnit.objects.filter(code=c).exists()]
            return None, free[0] if free else codes[-1]
        codes = self._codes(row["code"], 20)
        for code in codes:
            found = AreaUnit.objects.filter(code=code).first()
            if found is None:
                return None, code
            same_place = found.level == row["level"] and found.parent_id == (
                parent.pk if parent else None
            )
            if same_place and not found.official_code:
                return found, code
        return None, codes[-1]

    def unit(self, row) -> AreaUnit:
        parent = self.units.get(row["parent"]) if row["parent"] else None
        found, code = self._find_unit(row, parent)
        if found is None:
            found = AreaUnit.objects.create(
                code=code,
                official_code=row["official_code"],
                name=row["name"],
                level=row["level"],
                parent=parent,
                valid_from=_value("valid_from", row["valid_from"]),
                valid_to=_value("valid_to", row["valid_to"]),
            )
            self.result.count("units", "created")
        elif row["official_code"] and not found.official_code:
            found.official_code = row["official_code"]
            found.save(update_fields=["official_code"])
            self.result.count("units", "updated")
        else:
            self.result.count("units", "unchanged")
        self.units[row["code"]] = found
        return found

    def _find_agency(self, row, area):
        if row["official_code"]:
            found = Agency.objects.filter(official_code=row["official_code"]).first()
            if found:
                return found, row["code"]
            codes = self._codes(row["code"], 40)
            free = [c for c in codes if not Agency.objects.filter(code=c).exists()]
            return None, free[0] if free else codes[-1]
        codes = self._codes(row["code"], 40)
        for code in codes:
            found = Agency.objects.filter(code=code).first()
            if found is None:
                return None, code
            if found.area_id == area.pk:
                return found, code
        return None, codes[-1]

    def agency(self, row) -> Agency:
        area = self.units[row["area"]]
        found, code = self._find_agency(row, area)
        if found is None:
            found = Agency.objects.create(
                code=code,
                official_code=row["official_code"],
                name=row["name"],
                short_name=row["short_name"],
                kind=row["kind"],
                area=area,
                parent=self.agencies.get(row["parent"]) if row["parent"] else None,
                valid_from=_value("valid_from", row["valid_from"]),
                valid_to=_value("valid_to", row["valid_to"]),
            )
            self.result.count("agencies", "created")
        elif row["official_code"] and not found.official_code:
            found.official_code = row["official_code"]
            found.save(update_fields=["official_code"])
            self.result.count("agencies", "updated")
        else:
            self.result.count("agencies", "unchanged")
        self.agencies[row["code"]] = found
        return found


def _import_petitions(rows, resolve: _Resolver, result: ImportResult):
    known = {
        str(p.uuid): p
        for p in Petition.objects.filter(uuid__in=[uuidlib.UUID(r["uuid"]) for r in rows])
    }
    for row in rows:
        found = known.get(row["uuid"])
        created = found is None
        petition = found if found is not None else Petition(uuid=uuidlib.UUID(row["uuid"]))
        values = {name: row[name] for name in exporting.PETITION_FIELDS}
        values.update({k: v for k, v in row["outcome"].items() if k != "forwarded_to"})
        # The full text does not travel: the summary stands for it.
        values["content"] = row["summary"]
        differs = _apply(petition, values)
        agency = resolve.agencies[row["agency"]]
        unit = resolve.units.get(row["unit"]) if row["unit"] else None
        forwarded_to = (
            resolve.agencies.get(row["outcome"]["forwarded_to"])
            if row["outcome"]["forwarded_to"]
            else None
        )
        for name, target in (("agency", agency), ("unit", unit), ("forwarded_to", forwarded_to)):
            if getattr(petition, f"{name}_id") != (target.pk if target else None):
                setattr(petition, name, target)
                differs = True
        if created or differs:
            petition.save()
            result.count("petitions", "created" if created else "updated")
        else:
            result.count("petitions", "unchanged")
        known[row["uuid"]] = petition
        steps = {str(t.uuid): t for t in petition.transitions.all()} if not created else {}
        for step in row["steps"]:
            t = steps.get(step["uuid"])
            is_new = t is None
            if is_new:
                t = Transition(uuid=uuidlib.UUID(step["uuid"]), petition=petition)
            _save(result, "steps", t, {k: step[k] for k in exporting.STEP_FIELDS}, is_new)
    # Links between petitions, once all are there (a link to one not sent stays empty).
    others = {
        str(p.uuid): p
        for p in Petition.objects.filter(
            uuid__in=[
                uuidlib.UUID(r[k]) for r in rows for k in ("duplicate_of", "forwarded_from") if r[k]
            ]
        )
    }
    for row in rows:
        petition = known[row["uuid"]]
        dirty = False
        for name in ("duplicate_of", "forwarded_from"):
            other = others.get(row[name]) if row[name] else None
            if getattr(petition, f"{name}_id") != (other.pk if other else None):
                setattr(petition, name, other)
                dirty = True
        if dirty:
            petition.save()


def _import_visits(rows, resolve: _Resolver, result: ImportResult):
    """The reception book's visits, keyed by uuid; what was said does not travel (an empty
    content), nor the visitor's identity. ``is_mass`` is recomputed from the people count
    on save (the receiver's own threshold): the sender's value is not written."""
    known = {
        str(v.uuid): v
        for v in Visit.objects.filter(uuid__in=[uuidlib.UUID(r["uuid"]) for r in rows])
    }
    for row in rows:
        found = known.get(row["uuid"])
        created = found is None
        visit = found if found is not None else Visit(uuid=uuidlib.UUID(row["uuid"]), content="")
        values = {k: row[k] for k in exporting.VISIT_FIELDS if k != "is_mass"}
        differs = _apply(visit, values)
        agency = resolve.agencies[row["agency"]]
        unit = resolve.units.get(row["unit"]) if row["unit"] else None
        for name, place in (("agency", agency), ("unit", unit)):
            if getattr(visit, f"{name}_id") != (place.pk if place else None):
                setattr(visit, name, place)
                differs = True
        if created or differs:
            visit.save()
            result.count("visits", "created" if created else "updated")
        else:
            result.count("visits", "unchanged")
        known[row["uuid"]] = visit
    # Repeats point at earlier visits, once all are there (one not sent stays empty).
    others = {
        str(v.uuid): v
        for v in Visit.objects.filter(
            uuid__in=[uuidlib.UUID(r["repeat_of"]) for r in rows if r["repeat_of"]]
        )
    }
    for row in rows:
        visit = known[row["uuid"]]
        target = others.get(row["repeat_of"]) if row["repeat_of"] else None
        if visit.repeat_of_id != (target.pk if target else None):
            visit.repeat_of = target
            visit.save()


def _import_cases(rows, resolve: _Resolver, result: ImportResult):
    for row in rows:
        found = Case.objects.filter(uuid=uuidlib.UUID(row["uuid"])).first()
        created = found is None
        case = found if found is not None else Case(uuid=uuidlib.UUID(row["uuid"]))
        differs = _apply(case, {k: row[k] for k in exporting.CASE_FIELDS})
        links = (
            ("following_agency", resolve.agencies.get(row["following_agency"] or "")),
            ("area_unit", resolve.units.get(row["area_unit"] or "")),
        )
        for name, target in links:
            if getattr(case, f"{name}_id") != (target.pk if target else None):
                setattr(case, name, target)
                differs = True
        if created or differs:
            case.save()
            result.count("cases", "created" if created else "updated")
        else:
            result.count("cases", "unchanged")
        stages = {str(s.uuid): s for s in case.stages.all()} if not created else {}
        for srow in row["stages"]:
            known_stage = stages.get(srow["uuid"])
            is_new = known_stage is None
            stage = (
                known_stage
                if known_stage is not None
                else CaseStage(uuid=uuidlib.UUID(srow["uuid"]), case=case)
            )
            agency = resolve.agencies.get(srow["agency"] or "")
            moved = stage.agency_id != (agency.pk if agency else None)
            stage.agency = agency  # type: ignore[assignment]  # unknown agency: refused on save
            values = {k: srow[k] for k in exporting.STAGE_FIELDS}
            if moved and not is_new:
                _apply(stage, values)
                stage.save()
                result.count("stages", "updated")
            else:
                _save(result, "stages", stage, values, is_new)
        for erow in row["supervision"]:
            day = dt.date.fromisoformat(erow["date"])
            decision, made = SupervisionDecision.objects.get_or_create(
                number=erow["decision_number"],
                date=day,
                defaults={"kind": erow["kind"], "issuer": erow["decision_issuer"]},
            )
            if made:
                result.count("supervision_decisions", "created")
            known_entry = SupervisionEntry.objects.filter(case=case, date=day).first()
            is_new = known_entry is None
            entry = (
                known_entry if known_entry is not None else SupervisionEntry(case=case, date=day)
            )
            if entry.decision_id != decision.pk:
                entry.decision = decision
                if not is_new:
                    entry.save()
            _save(
                result,
                "supervision",
                entry,
                {"kind": erow["kind"], "category": erow["category"], "reason": erow["reason"]},
                is_new,
            )


def _import_figures(bundle, result: ImportResult):
    period = bundle["period"]
    if not period:
        return
    start = dt.date.fromisoformat(period["start"])
    end = dt.date.fromisoformat(period["end"])
    source = bundle["source"]["code"]
    existing = {
        (f.agency_code, f.code): f
        for f in ReceivedFigure.objects.filter(source=source, period_start=start, period_end=end)
    }
    for row in bundle["figures"]:
        key = (row["agency"] or "", row["code"])
        found = existing.get(key)
        if found is None:
            ReceivedFigure.objects.create(
                source=source,
                period_start=start,
                period_end=end,
                agency_code=key[0],
                code=row["code"],
                value=row["value"],
            )
            result.count("figures", "created")
        elif found.value != row["value"]:
            found.value = row["value"]
            found.save(update_fields=["value", "received_at"])
            result.count("figures", "updated")
        else:
            result.count("figures", "unchanged")


def bundle_import(*, actor, bundle: dict, check_permission: bool = True) -> ImportResult:
    """Import a bundle (already parsed JSON). Invalid bundles change nothing and raise
    ValidationError listing what is wrong. ``check_permission=False``: the server's operator
    (the management command)."""
    if check_permission:
        permissions.require_exchange_data(actor)
    problems = schema.errors(bundle)
    if problems:
        raise ValidationError(["Gói dữ liệu không đúng định dạng trao đổi:", *problems[:20]])
    result = ImportResult()
    try:
        with transaction.atomic():
            resolve = _Resolver(result, bundle["source"]["code"])
            for row in bundle["units"]:
                resolve.unit(row)
            for row in bundle["agencies"]:
                resolve.agency(row)
            visits = bundle.get("visits", [])  # version 1.0 bundles have none
            missing = {r["agency"] for r in [*bundle["petitions"], *visits]}
            missing -= set(resolve.agencies)
            if missing:
                raise ValidationError(
                    "Gói dữ liệu thiếu cơ quan: " + ", ".join(sorted(missing)) + "."
                )
            _import_petitions(bundle["petitions"], resolve, result)
            _import_cases(bundle["cases"], resolve, result)
            _import_visits(visits, resolve, result)
            _import_figures(bundle, result)
            if result.changed:
                audit.record(
                    actor=actor if getattr(actor, "pk", None) else None,
                    action="exchange_import",
                    model="exchange.bundle",
                    object_id=bundle["source"]["code"],
                    object_repr=f"Gói dữ liệu từ {bundle['source']['name'] or bundle['source']['code']}",
                    changes={
                        "counts": [None, result.summary()],
                        "period": [None, bundle["period"]],
                        "cursor": [None, bundle["cursor"]],
                    },
                )
    except IntegrityError as exc:
        raise ValidationError(
            "Gói dữ liệu trùng với sổ của nơi nhận (cùng số vào sổ ở cùng cơ quan?)."
        ) from exc
    return result


def bundle_export(
    *, actor, start=None, end=None, since=None, recipient_key=None, check_permission=True
) -> dict:
    """Export for another instance: permission, the bundle, and an audit entry naming the
    selection and the counts (an export holds the whole province's registers)."""
    if check_permission:
        permissions.require_exchange_data(actor)
    try:
        bundle = exporting.build_bundle(
            start=start, end=end, since=since, recipient_key=recipient_key
        )
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    audit.record(
        actor=actor if getattr(actor, "pk", None) else None,
        action="exchange_export",
        model="exchange.bundle",
        object_id=bundle["source"]["code"],
        object_repr="Xuất gói dữ liệu trao đổi",
        changes={
            "period": [None, bundle["period"]],
            "since": [None, since],
            "petitions": [None, len(bundle["petitions"])],
            "cases": [None, len(bundle["cases"])],
            "visits": [None, len(bundle["visits"])],
            "encrypted_senders": [None, recipient_key is not None],
        },
    )
    return bundle
