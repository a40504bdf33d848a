"""API of the reception book and the petitions register: same permissions as the web
(org.permissions.petitions); a denunciation's sealed identity is never in any output."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from noichinh.core import clock
from noichinh.core.apitypes import (
    Count,
    Day,
    Input,
    Money,
    Pagination,
    RecordId,
    SmallCount,
    Text,
    Version,
    WorkingDays,
)
from noichinh.org.models import Agency, AreaUnit
from noichinh.petitions import actions, figures, permissions, selectors, services
from noichinh.petitions.models import Petition, PetitionField, PetitionType, Visit

PREFIX = "/petitions"
router = Router(tags=["petitions"])


class VisitOut(Schema):
    id: int
    visited_on: dt.date
    agency_id: int
    kind: str
    petition_type: str
    field: str
    people_count: int
    is_mass: bool
    representatives: str
    unit_id: int | None
    content: str
    answer: str
    answer_reason: str
    repeat_of_id: int | None
    visitor_name: str = Field("", description="Empty for a denunciation (sealed).")

    @staticmethod
    def resolve_visitor_name(obj):
        if isinstance(obj, dict):
            return obj.get("visitor_name", "")
        return "" if obj.is_denunciation else obj.visitor_name


class VisitIn(Input):
    agency_id: RecordId
    visited_on: Day
    content: str
    kind: str = Visit.Kind.REGULAR
    petition_type: str = PetitionType.COMPLAINT
    field: str = PetitionField.OTHER
    people_count: Count = 1
    representatives: str = ""
    representative_count: SmallCount = 0
    visitor_name: str = ""
    visitor_id_number: str = ""
    visitor_address: str = ""
    unit_id: RecordId | None = None
    answer: str = Visit.Answer.GUIDED
    answer_reason: str = ""
    late_reason: str = ""  # required when visited_on is inside a closed reporting period


class PauseSpanOut(Schema):
    from_date: dt.date = Field(description="First day of the suspension.")
    until: dt.date = Field(description="The day the clock restarts.")
    days: int
    decision: str
    reason: str


class DeadlineOut(Schema):
    rule: str
    variant: str
    started_on: dt.date
    due: dt.date
    explanation: str
    provisional: bool = Field(
        False, description="The due date relies on a day or year without an official notice."
    )
    paused_from: dt.date | None
    paused_until: dt.date | None
    paused_days: int
    paused_spans: list[PauseSpanOut] = Field(
        default_factory=list, description="Every finished suspension of the step, oldest first."
    )
    done_on: dt.date | None

    @staticmethod
    def resolve_paused_spans(obj):
        from noichinh.petitions.services import pause_spans

        return [
            {
                "from_date": since,
                "until": until,
                "days": (until - since).days,
                "decision": decision,
                "reason": reason,
            }
            for since, until, decision, reason in pause_spans(obj)
        ]


class TransitionOut(Schema):
    from_state: str
    to_state: str
    action: str
    at: dt.datetime
    on_date: dt.date
    actor_id: int | None
    doc_no: str
    note: str


class PetitionOut(Schema):
    id: int
    receipt_no: str
    received_on: dt.date
    channel: str
    agency_id: int
    visit_id: int | None
    addressed_to: str
    sender_kind: str
    sender_name: str = Field("", description="Empty for a denunciation (identity sealed).")
    sender_address: str = ""
    is_anonymous: bool
    co_senders: int
    unit_id: int | None
    summary: str
    content: str
    type: str
    field: str
    complaint_round: int
    meets_conditions: bool | None
    in_competence: bool | None
    state: str
    outcome: str
    outcome_doc_no: str
    outcome_date: dt.date | None
    forwarded_to_id: int | None
    forwarded_from_id: int | None
    answer_received_on: dt.date | None
    answer_note: str
    is_mass: bool
    is_over_level: bool
    duplicate_of_id: int | None
    is_repeat: bool
    assigned_officer_id: int | None
    current_step: str
    next_due: dt.date | None
    next_due_provisional: bool = False
    decision_received_on: dt.date | None = None
    result: str
    resolution_doc_no: str
    resolved_on: dt.date | None
    resolved_on_time: bool | None
    version: int

    @staticmethod
    def resolve_sender_name(obj):
        if isinstance(obj, dict):
            return obj.get("sender_name", "")
        return "" if obj.is_denunciation else obj.sender_name

    @staticmethod
    def resolve_sender_address(obj):
        if isinstance(obj, dict):
            return obj.get("sender_address", "")
        return "" if obj.is_denunciation else obj.sender_address


class PetitionDetailOut(PetitionOut):
    deadlines: list[DeadlineOut]
    transitions: list[TransitionOut]


class PetitionIn(Input):
    agency_id: RecordId
    received_on: Day
    content: str
    type: str = PetitionType.COMPLAINT
    field: str = PetitionField.OTHER
    channel: str = Petition.Channel.POST
    summary: str = ""
    receipt_no: str = ""
    sender_kind: str = Petition.SenderKind.PERSON
    sender_name: str = ""
    sender_id_number: str = ""
    sender_address: str = ""
    sender_phone: str = ""
    sender_email: str = ""
    is_anonymous: bool = False
    co_senders: Count = 0
    unit_id: RecordId | None = None
    addressed_to: str = ""
    is_over_level: bool = False
    visit_id: RecordId | None = None
    decision_received_on: Day | None = Field(
        None, description="Complaint: the day the contested decision or act was received or known."
    )
    late_reason: str = ""  # required when received_on is inside a closed reporting period


class TransitionIn(Input):
    action: str = Field(
        ...,
        description="classify, accept, forward, guide, return, archive, extend, suspend, "
        "resume, resolve, close, urge, record_answer, link_duplicate, assign",
    )
    on: Day | None = None
    doc_no: str = ""
    note: str = ""
    reason: str = ""
    late_reason: str = ""  # required when ``on`` is inside a closed reporting period
    type: str | None = None
    field: str | None = None
    meets_conditions: bool | None = None
    in_competence: bool | None = None
    is_over_level: bool = False
    is_mass: bool = False
    is_complex: bool = False
    is_remote: bool = False
    complaint_round: SmallCount = 1
    to_agency_id: RecordId | None = None
    to_name: str = ""
    variant: str = ""
    result: str = ""
    recovered_vnd: Money = 0
    recovered_land_m2: Count = 0
    people_handled: Count = 0
    include_identity: bool = Field(
        False, description="forward: a denunciation's identity goes with it (on a legal ground)."
    )
    identity_ground: str = ""
    identity_reason: str = ""
    original_id: RecordId | None = None
    as_repeat: bool = False
    officer_id: RecordId | None = None
    expected_version: Version | None = None


class CandidateOut(Schema):
    id: int
    receipt_no: str
    agency_id: int
    received_on: dt.date
    score: int
    reasons: list[str]


def _visit_out(v: Visit) -> dict:
    data = {f: getattr(v, f) for f in VisitOut.model_fields if f != "visitor_name"}
    data["visitor_name"] = "" if v.is_denunciation else v.visitor_name
    return data


def _petition_out(p: Petition) -> dict:
    data = {
        f: getattr(p, f)
        for f in PetitionOut.model_fields
        if f not in ("sender_name", "sender_address")
    }
    data["sender_name"] = "" if p.is_denunciation else p.sender_name
    data["sender_address"] = "" if p.is_denunciation else p.sender_address
    return data


# --- visits (declared before /{pk} routes) ---------------------------------------------------


@router.get("/visits", response=list[VisitOut], summary="Sổ tiếp công dân")
@paginate(Pagination)
def visit_list(
    request,
    q: Text = "",
    agency: RecordId | None = None,
    kind: Text = "",
    type: Text = "",
    date_from: Day | None = None,
    date_to: Day | None = None,
    mass: bool = False,
):
    f = selectors.VisitFilters(
        q=q,
        agency_ids=selectors.agency_subtree_filter(agency),
        kind=kind,
        petition_type=type,
        date_from=date_from,
        date_to=date_to,
        flag="mass" if mass else "",
    )
    return selectors.visit_list(user=request.auth, filters=f)


@router.get("/visits/{int:pk}", response=VisitOut, summary="Một lượt tiếp")
def visit_detail(request, pk: RecordId):
    return _visit_out(selectors.visit_get_for_user(user=request.auth, pk=pk))


@router.post("/visits", response={201: VisitOut}, summary="Ghi lượt tiếp công dân")
def visit_create(request, payload: VisitIn):
    data = payload.dict()
    agency = get_object_or_404(Agency, pk=data.pop("agency_id"))
    unit_id = data.pop("unit_id")
    data["unit"] = get_object_or_404(AreaUnit, pk=unit_id) if unit_id else None
    visit = services.visit_create(actor=request.auth, agency=agency, **data)
    return Status(201, _visit_out(visit))


# --- petitions -------------------------------------------------------------------------------


@router.get("/", response=list[PetitionOut], summary="Sổ đơn (lọc, sắp xếp theo hạn)")
@paginate(Pagination)
def petition_list(
    request,
    q: Text = "",
    agency: RecordId | None = None,
    type: Text = "",
    field: Text = "",
    state: Text = "",
    due: Text = "",
    within: WorkingDays = 5,
    received_from: Day | None = None,
    received_to: Day | None = None,
    flag: Text = "",
    sort: Text = "",
):
    f = selectors.PetitionFilters(
        q=q,
        agency_ids=selectors.agency_subtree_filter(agency),
        type=type,
        field=field,
        state=state,
        due=due,
        within=within,
        received_from=received_from,
        received_to=received_to,
        flag=flag,
        sort=sort,
    )
    return selectors.petition_list(user=request.auth, filters=f)


@router.get("/figures", response=dict[str, int], summary="Số liệu theo cơ quan và kỳ")
def petition_figures(request, start: Day, end: Day, agency: RecordId | None = None):
    agency_ids = selectors.agency_subtree_filter(agency)
    visible = permissions.visible_agency_ids(request.auth)
    if visible is not None:
        agency_ids = visible if agency_ids is None else agency_ids & visible
    return figures.compute_all(agency_ids=agency_ids, unit_ids=None, start=start, end=end)


@router.get("/{int:pk}", response=PetitionDetailOut, summary="Một đơn, thời hạn và lịch sử")
def petition_detail(request, pk: RecordId):
    p = selectors.petition_get_for_user(user=request.auth, pk=pk)
    data = _petition_out(p)
    data["deadlines"] = list(p.deadlines.all())
    data["transitions"] = list(p.transitions.all())
    return data


@router.get(
    "/{int:pk}/duplicates", response=list[CandidateOut], summary="Đơn có thể trùng (đề xuất)"
)
def petition_duplicates(request, pk: RecordId):
    """The proposals of the petition page; a sealed denunciation's identity is matched only
    for those who may reveal it, and a denunciation of an agency one may not see is never
    proposed (selectors.duplicate_proposals)."""
    p = selectors.petition_get_for_user(user=request.auth, pk=pk)
    proposals = selectors.duplicate_proposals(user=request.auth, petition=p)
    services.record_sealed_matches(actor=request.auth, petition=p, proposals=proposals)
    return [
        {
            "id": c.petition.pk,
            "receipt_no": c.petition.receipt_no,
            "agency_id": c.petition.agency_id,
            "received_on": c.petition.received_on,
            "score": c.score,
            "reasons": c.reasons,
        }
        for c in proposals
    ]


@router.post("/", response={201: PetitionOut}, summary="Vào sổ đơn")
def petition_create(request, payload: PetitionIn):
    data = payload.dict()
    agency = get_object_or_404(Agency, pk=data.pop("agency_id"))
    unit_id = data.pop("unit_id")
    data["unit"] = get_object_or_404(AreaUnit, pk=unit_id) if unit_id else None
    visit_id = data.pop("visit_id")
    data["visit"] = (
        selectors.visit_get_for_user(user=request.auth, pk=visit_id) if visit_id else None
    )
    petition = services.petition_create(actor=request.auth, agency=agency, **data)
    return Status(201, _petition_out(petition))


def _transition_values(payload: "TransitionIn", petition: Petition, row, *, user) -> dict:
    """The API body as the step's inputs, by the service's names (the page's form gives the
    same names): ids become records, a missing date is today, a classification left out
    keeps the petition's."""
    from noichinh.org.models import User

    values = payload.dict()
    values["on"] = payload.on or clock.today()
    for name in row.keep:
        values[name] = values.get(name) or getattr(petition, name)
    values["meets_conditions"] = bool(payload.meets_conditions)
    values["in_competence"] = bool(payload.in_competence)
    values["recovered_vnd"] = payload.recovered_vnd or 0
    if "to_agency" in row.args.values():
        values["to_agency"] = (
            get_object_or_404(Agency, pk=payload.to_agency_id) if payload.to_agency_id else None
        )
    if "officer" in row.args.values():
        values["officer"] = (
            get_object_or_404(User, pk=payload.officer_id) if payload.officer_id else None
        )
    if "original" in row.args.values():
        original = get_object_or_404(Petition, pk=payload.original_id)
        if not permissions.can_propose_as_duplicate(user, original):
            raise Http404
        values["original"] = original
    return values


@router.post("/{int:pk}/transition", response=PetitionOut, summary="Chuyển bước xử lý đơn")
def petition_transition(request, pk: RecordId, payload: TransitionIn):
    p = selectors.petition_get_for_user(user=request.auth, pk=pk)
    row = actions.get(payload.action)
    if row is None:
        raise ValidationError(f"Thao tác không hợp lệ: {payload.action}")
    actions.refuse(request.auth, p, row.name)
    p = actions.run(
        row.name,
        actor=request.auth,
        petition=p,
        values=_transition_values(payload, p, row, user=request.auth),
        expected_version=payload.expected_version,
        late_reason=payload.late_reason,
    )
    return _petition_out(p)
