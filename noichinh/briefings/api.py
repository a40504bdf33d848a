import datetime as dt

from ninja import Router, Schema, Status
from ninja.pagination import paginate

from noichinh.briefings import selectors, services
from noichinh.briefings.models import Task
from noichinh.core.apitypes import Input, Pagination, RecordId, Text

PREFIX = "/briefings"
router = Router(tags=["briefings"])


class ConferenceOut(Schema):
    id: int
    title: str
    kind: str
    period_code: str
    date: dt.date
    chair_name: str
    chair_titles: str
    co_chairs: list[str]

    @staticmethod
    def resolve_co_chairs(obj):
        return obj.co_chair_list


class TaskOut(Schema):
    id: int
    text: str
    item_no: str
    lead_agency_id: int | None
    lead: str
    deadline: dt.date | None
    is_regular: bool
    status: str
    state: str
    conference_id: int | None

    @staticmethod
    def resolve_lead(obj):
        return obj.lead_display


class ProgressIn(Input):
    note: str
    propose: bool = False


class AwardRow(Schema):
    issuer_level: str
    issuer: str
    form_code: str
    form: str
    collectives: int
    individuals: int


class DraftIn(Input):
    draft: dict
    late_reason: str = ""  # a conference dated inside a closed reporting period needs one


class CreatedOut(Schema):
    id: int


@router.get("/conferences", response=list[ConferenceOut], summary="Hội nghị giao ban")
@paginate(Pagination)
def conferences(request, q: Text = "", bloc: Text = "", year: Text = ""):
    return selectors.conference_list(user=request.user, q=q, bloc=bloc, year=year)


@router.get("/tasks", response=list[TaskOut], summary="Nhiệm vụ người dùng được xem")
@paginate(Pagination)
def tasks(request, q: Text = "", state: Text = "", view: Text = "", agency: Text = ""):
    return selectors.task_list(user=request.user, q=q, state=state, view=view, agency=agency)


@router.post("/tasks/{task_id}/progress", response=TaskOut, summary="Báo cáo tiến độ nhiệm vụ")
def task_progress(request, task_id: RecordId, payload: ProgressIn):
    task = selectors.task_get_for_user(user=request.user, pk=task_id)
    services.task_report_progress(
        actor=request.user, task=task, note=payload.note, propose=payload.propose
    )
    return Task.objects.get(pk=task.pk)


@router.get("/awards/summary", response=list[AwardRow], summary="Tổng hợp khen thưởng")
def award_summary(request, movement: Text = "", year: Text = ""):
    decisions = selectors.award_decision_list(movement=movement, year=year)
    return selectors.award_summary(decisions=decisions)


@router.post(
    "/conferences/from-draft",
    response={201: CreatedOut},
    summary="Tạo hội nghị từ bản nháp trích xuất văn bản",
)
def conference_from_draft(request, payload: DraftIn):
    conference = services.conference_create_from_draft(
        actor=request.user, draft=payload.draft, late_reason=payload.late_reason
    )
    return Status(201, {"id": conference.pk})
