"""Reads of the area and organisation tree."""

import datetime as dt

from django.db.models import QuerySet

from noichinh.core.text import search_terms
from noichinh.org.models import (
    AGENCY_ORDERING,
    Agency,
    AreaSuccession,
    AreaUnit,
    Bloc,
    BlocMembership,
    ProvinceSettings,
)


def unit_subtree_ids(unit_id: int) -> set[int]:
    """Every unit whose records count under ``unit_id``: its descendants at any date and,
    through the dated successions, the units merged into it or into one of them (so a
    report over a period that crosses a reform still adds up old records)."""
    ids = {unit_id}
    frontier = {unit_id}
    while frontier:
        children = set(AreaUnit.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        predecessors = set(
            AreaSuccession.objects.filter(successor_id__in=frontier, is_primary=True).values_list(
                "predecessor_id", flat=True
            )
        )
        frontier = (children | predecessors) - ids
        ids |= frontier
    return ids


def unit_successor(unit: AreaUnit, on: dt.date) -> AreaUnit:
    """The unit that holds ``unit``'s records on ``on`` (following primary successions)."""
    seen = set()
    current = unit
    while current.pk not in seen:
        seen.add(current.pk)
        succession = (
            AreaSuccession.objects.filter(
                predecessor=current, is_primary=True, effective_date__lte=on
            )
            .select_related("successor")
            .order_by("-effective_date")
            .first()
        )
        if succession is None:
            break
        current = succession.successor
    return current


def units_valid_on(day: dt.date) -> QuerySet[AreaUnit]:
    return AreaUnit.objects.filter(AreaUnit.valid_on_q(day))


def agencies_in_units(unit_ids: set[int]) -> QuerySet[Agency]:
    return Agency.objects.filter(area_id__in=unit_ids)


def bloc_members(bloc: Bloc, on: dt.date) -> QuerySet[Agency]:
    ids = BlocMembership.objects.filter(BlocMembership.valid_on_q(on), bloc=bloc).values(
        "agency_id"
    )
    return Agency.objects.filter(id__in=ids)


def search_folded(qs: QuerySet, query: str | None, field: str = "name_folded") -> QuerySet:
    for term in search_terms(query):
        qs = qs.filter(**{f"{field}__contains": term})
    return qs


def agency_list(
    *, q: str = "", kind: str = "", area: str = "", on: dt.date | None = None
) -> QuerySet[Agency]:
    qs = Agency.objects.select_related("area", "parent")
    qs = search_folded(qs, q)
    if kind:
        qs = qs.filter(kind=kind)
    if area:
        qs = qs.filter(area_id=area)  # type: ignore[misc]  # a query parameter: Django casts it
    if on:
        qs = qs.filter(Agency.valid_on_q(on))
    return qs.order_by(*AGENCY_ORDERING)


def unit_list(*, q: str = "", level: str = "", on: dt.date | None = None) -> QuerySet[AreaUnit]:
    qs = AreaUnit.objects.select_related("parent")
    qs = search_folded(qs, q)
    if level:
        qs = qs.filter(level=level)
    if on:
        qs = qs.filter(AreaUnit.valid_on_q(on))
    return qs.order_by("level", "name")


def province_settings() -> ProvinceSettings:
    """The province this instance serves (one row). Before it is set up, an unsaved profile
    named after the province-level unit if there is one, else empty names."""
    found = ProvinceSettings.objects.select_related("province").order_by("pk").first()
    if found is not None:
        return found
    unit = AreaUnit.objects.filter(level=AreaUnit.PROVINCE, valid_to__isnull=True).first()
    if unit is None:
        return ProvinceSettings(name="", place_name="")
    place = unit.name.removeprefix("Tỉnh ").removeprefix("Thành phố ")
    return ProvinceSettings(province=unit, name=unit.name, place_name=place)
