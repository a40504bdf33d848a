"""Case register API: the web's permission rules (org.permissions.cases) apply alike."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from noichinh.cases import figures as figs
from noichinh.cases import permissions, selectors, services
from noichinh.cases.models import CaseStage
from noichinh.core import clock
from noichinh.core.apitypes import Count, Day, Input, Money, Pagination, RecordId, Text, Year
from noichinh.org.models import Agency, AreaUnit

PREFIX = "/cases"
router = Router(tags=["cases"])


class ErrorOut(Schema):
    detail: str


class CaseOut(Schema):
    id: int
    number: str
    title: str
    kind: str
    field: str
    crimes: str
    severity: str
    national_security: bool
    following_agency_id: int | None
    followed_from: dt.date | None
    followed_until: dt.date | None
    defendants_count: int
    managers_count: int
    party_members_count: int
    damage_vnd: int
    recovered_vnd: int
    arisen_on: dt.date | None
    carried_over_from_year: int | None
    area_unit_id: int | None


class ExtensionOut(Schema):
    variant: str
    decision_number: str
    decision_date: dt.date
    due_on: dt.date


class StageOut(Schema):
    id: int
    stage: str
    agency_id: int
    started_on: dt.date
    ended_on: dt.date | None
    rule_code: str
    rule_name: str
    variant: str
    due_on: dt.date | None
    due_provisional: bool = Field(
        False, description="The due date relies on a day or year without an official notice."
    )
    due_explanation: str = Field("", description="How it was counted, and on which calendar.")
    overdue: bool
    suspended_on: dt.date | None
    resumed_on: dt.date | None
    pronounced_on: dt.date | None = Field(None, description="Judgment pronounced (trial).")
    appeal_due_on: dt.date | None = Field(None, description="Appeal period end (CPC art. 333).")
    protest_due_on: dt.date | None = Field(
        None, description="Protest period end, procuracy directly above (CPC art. 337)."
    )
    appeal_explanation: str = ""
    appeal_period_over: bool = False
    act_on: dt.date | None = Field(None, description="Decision to enforce (CPC art. 364).")
    act_decision: str = ""
    extensions: list[ExtensionOut]


class EntryOut(Schema):
    date: dt.date
    kind: str
    decision_number: str
    category: str
    reason: str


class CaseDetailOut(CaseOut):
    on_list: bool
    stages: list[StageOut]
    supervision: list[EntryOut]


class CaseIn(Input):
    title: str
    field: str
    kind: str = "criminal"
    number: str = ""
    crimes: str = ""
    severity: str = "serious"
    national_security: bool = False
    summary: str = ""
    following_agency_id: RecordId | None = None
    followed_from: Day | None = None
    followed_until: Day | None = None
    defendants_count: Count = 0
    managers_count: Count = 0
    party_members_count: Count = 0
    damage_vnd: Money = 0
    recovered_vnd: Money = 0
    arisen_on: Day | None = None
    carried_over_from_year: Year | None = None
    area_unit_id: RecordId | None = None
    late_reason: str = ""  # required when a date is inside a closed reporting period


class SupervisionIn(Input):
    kind: str
    number: str
    date: Day
    issuer: str = "Ban Thường vụ Tỉnh ủy"
    category: str = ""
    reason: str = ""
    late_reason: str = ""  # required when a date is inside a closed reporting period


class StageIn(Input):
    stage: str
    agency_id: RecordId
    started_on: Day
    start_decision: str = ""
    late_reason: str = ""  # required when a date is inside a closed reporting period


class ExtensionIn(Input):
    decision_number: str
    decision_date: Day
    late_reason: str = ""  # required when a date is inside a closed reporting period


class SuspendIn(Input):
    on: Day
    decision_number: str
    reason: str
    late_reason: str = ""  # required when a date is inside a closed reporting period


class ResumeIn(Input):
    on: Day
    decision_number: str
    late_reason: str = ""  # required when a date is inside a closed reporting period


class ActIn(Input):
    on: Day
    decision_number: str


class ProgressIn(Input):
    reported_on: Day
    content: str


class FigureOut(Schema):
    code: str
    value: int


def _require(request) -> None:
    permissions.require_use_cases(request.auth)


def _on_stage(request, stage_id: int, service, payload: Input) -> Status:
    """What every stage endpoint does: the stage of a case the user sees, the service with
    the payload, the case as it now is."""
    _require(request)
    stage = get_object_or_404(CaseStage, pk=stage_id)
    case = selectors.case_get_for_user(user=request.auth, pk=stage.case_id)
    service(actor=request.auth, stage=stage, **payload.dict())
    return Status(201, _detail(case))


def _stage_out(s, today, *, extensions=True) -> dict:
    return {
        "id": s.pk,
        "stage": s.stage,
        "agency_id": s.agency_id,
        "started_on": s.started_on,
        "ended_on": s.ended_on,
        "rule_code": s.rule_code,
        "rule_name": getattr(s, "rule_name", ""),
        "variant": s.variant,
        "due_on": s.due_on,
        "due_provisional": s.due_provisional,
        "due_explanation": s.due_explanation,
        "overdue": s.is_overdue_on(today),
        "suspended_on": s.suspended_on,
        "resumed_on": s.resumed_on,
        "pronounced_on": s.pronounced_on,
        "appeal_due_on": s.appeal_due_on,
        "protest_due_on": s.protest_due_on,
        "appeal_explanation": s.appeal_explanation,
        "appeal_period_over": s.appeal_period_over_on(today),
        "act_on": s.act_on,
        "act_decision": s.act_decision,
        "extensions": list(s.extensions.all()) if extensions else [],
    }


def _detail(case) -> dict:
    today = clock.today()
    data = CaseOut.from_orm(case).dict()
    data["on_list"] = selectors.is_on_list(case, today)
    data["stages"] = [_stage_out(s, today) for s in selectors.case_stages(case)]
    data["supervision"] = [
        {
            "date": e.date,
            "kind": e.kind,
            "decision_number": e.decision.number,
            "category": e.category,
            "reason": e.reason,
        }
        for e in selectors.supervision_history(case)
    ]
    return data


@router.get("/", response={200: list[CaseOut], 403: ErrorOut}, summary="Danh sách vụ án, vụ việc")
@paginate(Pagination)
def case_list(
    request,
    q: Text = "",
    kind: Text = "",
    field: Text = "",
    severity: Text = "",
    stage: Text = "",
    agency: RecordId | None = None,
    on_list: Day | None = None,
    overdue: bool = False,
):
    _require(request)
    filters = {
        "q": q,
        "kind": kind,
        "field": field,
        "severity": severity,
        "stage": stage,
        "agency": agency,
        "on_list": on_list,
        "overdue": overdue,
    }
    return selectors.case_list(user=request.auth, filters=filters)


@router.get(
    "/figures",
    response={200: list[FigureOut], 403: ErrorOut},
    summary="Số liệu vụ án, vụ việc theo kỳ",
)
def figures(request, start: Day, end: Day):
    _require(request)
    user = request.auth
    agency_ids = permissions.visible_agency_ids(user)
    return [
        {"code": code, "value": fn(agency_ids=agency_ids, unit_ids=None, start=start, end=end)}
        for code, fn in figs.FIGURES.items()
    ]


@router.get("/overdue", response={200: list[StageOut], 403: ErrorOut}, summary="Giai đoạn quá hạn")
def overdue(request):
    _require(request)
    today = clock.today()
    stages = selectors.with_rule_names(list(selectors.overdue_list(user=request.auth, day=today)))
    return [_stage_out(s, today, extensions=False) for s in stages]


@router.get(
    "/{case_id}",
    response={200: CaseDetailOut, 403: ErrorOut, 404: ErrorOut},
    summary="Chi tiết vụ án, vụ việc",
)
def case_detail(request, case_id: RecordId):
    _require(request)
    return _detail(selectors.case_get_for_user(user=request.auth, pk=case_id))


@router.post(
    "/",
    response={201: CaseDetailOut, 400: ErrorOut, 403: ErrorOut},
    summary="Nhập vụ án, vụ việc",
)
def case_create(request, payload: CaseIn):
    _require(request)
    data = payload.dict()
    fa = data.pop("following_agency_id")
    au = data.pop("area_unit_id")
    data["following_agency"] = get_object_or_404(Agency, pk=fa) if fa else None
    data["area_unit"] = get_object_or_404(AreaUnit, pk=au) if au else None
    case = services.case_create(actor=request.auth, **data)
    return Status(201, _detail(case))


@router.post(
    "/{case_id}/supervision",
    response={201: CaseDetailOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Ghi quyết định đưa vào / đưa ra khỏi diện theo dõi, chỉ đạo",
)
def supervision(request, case_id: RecordId, payload: SupervisionIn):
    _require(request)
    case = selectors.case_get_for_user(user=request.auth, pk=case_id)
    services.supervision_record(actor=request.auth, case=case, **payload.dict())
    return Status(201, _detail(case))


@router.post(
    "/{case_id}/stages",
    response={201: CaseDetailOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Ghi giai đoạn tố tụng",
)
def stage_add(request, case_id: RecordId, payload: StageIn):
    _require(request)
    case = selectors.case_get_for_user(user=request.auth, pk=case_id)
    agency = get_object_or_404(Agency, pk=payload.agency_id)
    services.stage_start(
        actor=request.auth,
        case=case,
        stage=payload.stage,
        agency=agency,
        started_on=payload.started_on,
        start_decision=payload.start_decision,
        late_reason=payload.late_reason,
    )
    return Status(201, _detail(case))


@router.post(
    "/stages/{stage_id}/extensions",
    response={201: CaseDetailOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Gia hạn giai đoạn tố tụng",
)
def stage_extend(request, stage_id: RecordId, payload: ExtensionIn):
    return _on_stage(request, stage_id, services.stage_extend, payload)


@router.post(
    "/stages/{stage_id}/suspension",
    response={201: CaseDetailOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Tạm đình chỉ giai đoạn tố tụng (thời hạn ngừng tính)",
)
def stage_suspend(request, stage_id: RecordId, payload: SuspendIn):
    return _on_stage(request, stage_id, services.stage_suspend, payload)


@router.post(
    "/stages/{stage_id}/resumption",
    response={201: CaseDetailOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Phục hồi giai đoạn tố tụng (thời hạn mới từ ngày phục hồi)",
)
def stage_resume(request, stage_id: RecordId, payload: ResumeIn):
    return _on_stage(request, stage_id, services.stage_resume, payload)


@router.post(
    "/stages/{stage_id}/enforcement-decision",
    response={201: CaseDetailOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Ghi quyết định thi hành án (thời hạn 07 ngày, Điều 364 BLTTHS)",
)
def stage_act(request, stage_id: RecordId, payload: ActIn):
    return _on_stage(request, stage_id, services.stage_record_act, payload)


@router.post(
    "/{case_id}/progress",
    response={201: CaseDetailOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Báo cáo tiến độ của cơ quan thụ lý",
)
def progress(request, case_id: RecordId, payload: ProgressIn):
    _require(request)
    case = selectors.case_get_for_user(user=request.auth, pk=case_id)
    agency = selectors.progress_agency(user=request.auth, case=case)
    services.progress_report(actor=request.auth, case=case, agency=agency, **payload.dict())
    return Status(201, _detail(case))
