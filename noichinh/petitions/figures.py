"""Figures of the reception book and the petitions register for the periodic reports.

Each function: ``fn(*, agency_ids, unit_ids, start, end) -> int`` (None = no restriction,
end inclusive). They are built from the same filters as the lists (selectors), and
``FIGURE_LIST`` says which list (and filters) each figure equals, so the figures page links
every number to its rows.

Counting conventions (legal.md §3, §6):
- reception.visits: visits (lượt); reception.people: people over those visits (lượt người);
  reception.matters: visits not marked as a repeat of an earlier visit (vụ việc);
  reception.mass_delegations: mass visits (đoàn đông người, Law on Citizen Reception art. 30).
- petitions.*: by date of receipt in the period, in the agency's own register (a forwarded
  petition is counted by each agency that received it); petitions.new_matters and the
  ``petitions.duplicates`` count separate duplicates/repeats from new matters.
- petitions.resolved / on_time / late: by date of resolution in the period.
- petitions.overdue: received in the period, still open and past their time limit on the
  earlier of ``end`` and today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Sum

from noichinh.core import clock
from noichinh.petitions.models import Petition, PetitionField, PetitionType, Visit
from noichinh.petitions.selectors import (
    PetitionFilters,
    VisitFilters,
    petition_filter,
    visit_filter,
)


def _visits(agency_ids, unit_ids, start, end, **kw):
    f = VisitFilters(agency_ids=agency_ids, unit_ids=unit_ids, date_from=start, date_to=end, **kw)
    return visit_filter(Visit.objects.all(), f).order_by()


def _petitions(agency_ids, unit_ids, start, end, today=None, **kw):
    f = PetitionFilters(
        agency_ids=agency_ids, unit_ids=unit_ids, received_from=start, received_to=end, **kw
    )
    return petition_filter(Petition.objects.all(), f, today=today).order_by()


def _resolved(agency_ids, unit_ids, start, end, **kw):
    f = PetitionFilters(
        agency_ids=agency_ids, unit_ids=unit_ids, resolved_from=start, resolved_to=end, **kw
    )
    return petition_filter(Petition.objects.all(), f).order_by()


# (figure code, Vietnamese label, list name, filters for the list) — the figures page and
# the tests use this table to check each figure against its list.
FIGURE_LIST: list[tuple[str, str, str, dict]] = []
FIGURES: dict[str, Callable[..., int]] = {}


def _visit_count(code, label, **kw):
    def fn(*, agency_ids, unit_ids, start: dt.date, end: dt.date) -> int:
        return _visits(agency_ids, unit_ids, start, end, **kw).count()

    FIGURES[code] = fn
    FIGURE_LIST.append((code, label, "visit", kw))


def _petition_count(code, label, **kw):
    def fn(*, agency_ids, unit_ids, start: dt.date, end: dt.date) -> int:
        return _petitions(agency_ids, unit_ids, start, end, **kw).count()

    FIGURES[code] = fn
    FIGURE_LIST.append((code, label, "petition", kw))


def _resolved_count(code, label, **kw):
    def fn(*, agency_ids, unit_ids, start: dt.date, end: dt.date) -> int:
        return _resolved(agency_ids, unit_ids, start, end, **kw).count()

    FIGURES[code] = fn
    FIGURE_LIST.append((code, label, "resolved", kw))


def reception_people(*, agency_ids, unit_ids, start, end) -> int:
    return _visits(agency_ids, unit_ids, start, end).aggregate(n=Sum("people_count"))["n"] or 0


def reception_mass_people(*, agency_ids, unit_ids, start, end) -> int:
    qs = _visits(agency_ids, unit_ids, start, end, flag="mass")
    return qs.aggregate(n=Sum("people_count"))["n"] or 0


def petitions_overdue(*, agency_ids, unit_ids, start, end) -> int:
    ref = min(end, clock.today())
    return _petitions(agency_ids, unit_ids, start, end, today=ref, due="overdue").count()


def recovered_vnd(*, agency_ids, unit_ids, start, end) -> int:
    qs = _resolved(agency_ids, unit_ids, start, end)
    return qs.aggregate(n=Sum("recovered_vnd"))["n"] or 0


def recovered_land_m2(*, agency_ids, unit_ids, start, end) -> int:
    qs = _resolved(agency_ids, unit_ids, start, end)
    return qs.aggregate(n=Sum("recovered_land_m2"))["n"] or 0


_visit_count("reception.visits", "Lượt tiếp công dân")
FIGURES["reception.people"] = reception_people
FIGURE_LIST.append(("reception.people", "Số người được tiếp (lượt người)", "visit", {}))
_visit_count("reception.matters", "Vụ việc được tiếp (không tính tiếp lại)", flag="new_matter")
_visit_count("reception.mass_delegations", "Đoàn đông người", flag="mass")
FIGURES["reception.mass_people"] = reception_mass_people
FIGURE_LIST.append(
    ("reception.mass_people", "Số người trong các đoàn đông người", "visit", {"flag": "mass"})
)
for _kind in Visit.Kind:
    _visit_count(f"reception.kind.{_kind.value}", f"Lượt tiếp: {_kind.label}", kind=_kind.value)
for _t in PetitionType:
    _visit_count(
        f"reception.type.{_t.value}", f"Lượt tiếp về {_t.label.lower()}", petition_type=_t.value
    )

_petition_count("petitions.received", "Đơn tiếp nhận")
_petition_count(
    "petitions.new_matters", "Đơn vụ việc mới (không tính đơn trùng)", flag="new_matter"
)
_petition_count("petitions.duplicates", "Đơn trùng, gửi lại", flag="duplicate")
_petition_count("petitions.eligible", "Đơn đủ điều kiện xử lý", flag="eligible")
_petition_count("petitions.in_competence", "Đơn thuộc thẩm quyền", flag="in_competence")
_petition_count("petitions.mass", "Đơn đông người", flag="mass")
_petition_count("petitions.over_level", "Đơn vượt cấp", flag="over_level")
_petition_count("petitions.forwarded_in", "Đơn do cơ quan khác chuyển đến", channel="forwarded")
for _t in PetitionType:
    _petition_count(f"petitions.type.{_t.value}", f"Đơn {_t.label.lower()}", type=_t.value)
for _fl in PetitionField:
    _petition_count(f"petitions.field.{_fl.value}", f"Lĩnh vực: {_fl.label}", field=_fl.value)
for _o in Petition.Outcome:
    _petition_count(f"petitions.outcome.{_o.value}", f"Hướng xử lý: {_o.label}", outcome=_o.value)
_petition_count("petitions.accepted", "Đơn đã thụ lý", outcome="accept")
_petition_count("petitions.forwarded", "Đơn đã chuyển", outcome="forward")
_petition_count("petitions.guided", "Đơn đã hướng dẫn", outcome="guide")
_petition_count("petitions.archived", "Đơn lưu", outcome="archive")
FIGURES["petitions.overdue"] = petitions_overdue
FIGURE_LIST.append(("petitions.overdue", "Đơn quá hạn xử lý", "petition", {"due": "overdue"}))
_resolved_count("petitions.resolved", "Đơn đã giải quyết")
_resolved_count("petitions.on_time", "Giải quyết đúng hạn", flag="on_time")
_resolved_count("petitions.late", "Giải quyết quá hạn", flag="late")
for _r in Petition.Result:
    _resolved_count(f"petitions.result.{_r.value}", f"Kết quả: {_r.label}", result=_r.value)
for _t in (PetitionType.COMPLAINT, PetitionType.DENUNCIATION):
    _resolved_count(
        f"petitions.resolved.{_t.value}", f"Đã giải quyết: {_t.label.lower()}", type=_t.value
    )
FIGURES["petitions.recovered_vnd"] = recovered_vnd
FIGURES["petitions.recovered_land_m2"] = recovered_land_m2

LABELS = {code: label for code, label, _list, _kw in FIGURE_LIST}
LABELS["petitions.recovered_vnd"] = "Tiền kiến nghị thu hồi (đồng)"
LABELS["petitions.recovered_land_m2"] = "Đất kiến nghị thu hồi (m²)"


def compute_all(*, agency_ids, unit_ids, start, end) -> dict[str, int]:
    return {
        code: fn(agency_ids=agency_ids, unit_ids=unit_ids, start=start, end=end)
        for code, fn in FIGURES.items()
    }
