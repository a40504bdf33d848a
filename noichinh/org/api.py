import datetime as dt

from ninja import Router, Schema
from ninja.pagination import paginate

from noichinh.core.apitypes import Day, Pagination, Text
from noichinh.org import selectors

PREFIX = "/org"
router = Router(tags=["organisation"])


class AgencyOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    area_id: int
    parent_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None


class UnitOut(Schema):
    id: int
    code: str
    name: str
    level: str
    parent_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None


@router.get("/agencies", response=list[AgencyOut], summary="Danh sách cơ quan, đơn vị")
@paginate(Pagination)
def agencies(request, q: Text = "", kind: Text = ""):
    return selectors.agency_list(q=q, kind=kind)


@router.get("/units", response=list[UnitOut], summary="Danh sách đơn vị hành chính")
@paginate(Pagination)
def units(request, q: Text = "", level: Text = "", on: Day | None = None):
    return selectors.unit_list(q=q, level=level, on=on)
