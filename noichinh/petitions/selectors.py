"""Reads of the petitions area: lists with filters, access-checked fetches, due views.

Lists and figures share the same filter functions (``petition_filter``, ``visit_filter``),
so a figure always equals the count of the list it links to.
"""

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from noichinh.core import clock, listing
from noichinh.core.selectors import work_calendar
from noichinh.core.text import search_terms
from noichinh.org.selectors import unit_subtree_ids
from noichinh.petitions import permissions
from noichinh.petitions.models import Petition, PetitionType, Visit

if TYPE_CHECKING:
    from noichinh.petitions.duplicates import Candidate

OPEN = Petition.OPEN_STATES
# Open with a running limit (suspension stops the clock). Spelled as one IN list, the same as
# the partial indexes ``pet_running_due`` and ``pet_running_received``, and filtered with
# ``state__in_literal`` (core.lookups), so the overdue and due-soon lists and the overdue
# figure read those indexes on SQLite too.
RUNNING = tuple(s for s in OPEN if s != Petition.State.SUSPENDED)


@dataclasses.dataclass
class PetitionFilters:
    q: str = ""
    agency_ids: set[int] | None = None
    unit_ids: set[int] | None = None
    type: str = ""
    field: str = ""
    state: str = ""
    channel: str = ""
    due: str = ""  # overdue | soon | open | none
    within: int = 5  # working days, for due=soon
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    resolved_from: dt.date | None = None
    resolved_to: dt.date | None = None
    outcome: str = ""
    flag: str = ""  # mass | over_level | duplicate | new_matter | eligible | in_competence
    # | on_time | late | forwarded_in
    result: str = ""
    # The official statistical forms (reports.official_forms) combine these with the above:
    # petitions the agency had in hand at some time from ``in_hand_from`` to ``in_hand_to``
    # (received by its end, not yet processed at its start), processed (outcome recorded) or
    # answered back within dates, by who signed them, new matters only, within competence.
    in_hand_from: dt.date | None = None
    in_hand_to: dt.date | None = None
    outcome_from: dt.date | None = None
    outcome_to: dt.date | None = None
    answer_from: dt.date | None = None
    answer_to: dt.date | None = None
    signers: str = ""  # one | many | other
    matter: str = ""  # new: not a duplicate or repeat
    competence: str = ""  # yes | no
    sort: str = ""  # due | -received | received


def soon_cutoff(within: int, today: dt.date | None = None) -> dt.date:
    """The date ``within`` working days after today (due-within-N-working-days views)."""
    return work_calendar().add_working_days(today or clock.today(), max(0, within), [])


def petition_filter(qs: QuerySet, f: PetitionFilters, today: dt.date | None = None) -> QuerySet:
    today = today or clock.today()
    if f.agency_ids is not None:
        qs = qs.filter(agency_id__in=f.agency_ids)
    if f.unit_ids is not None:
        qs = qs.filter(unit_id__in=f.unit_ids)
    for term in search_terms(f.q):
        qs = qs.filter(
            Q(content_folded__contains=term)
            | Q(receipt_no__icontains=term)
            | Q(sender_folded__contains=term)
        )
    if f.type:
        qs = qs.filter(type=f.type)
    if f.field:
        qs = qs.filter(field=f.field)
    if f.state:
        qs = qs.filter(state=f.state)
    if f.channel:
        qs = qs.filter(channel=f.channel)
    if f.outcome:
        qs = qs.filter(outcome=f.outcome)
    if f.result:
        qs = qs.filter(result=f.result)
    if f.received_from:
        qs = qs.filter(received_on__gte=f.received_from)
    if f.received_to:
        qs = qs.filter(received_on__lte=f.received_to)
    if f.resolved_from:
        qs = qs.filter(resolved_on__gte=f.resolved_from)
    if f.resolved_to:
        qs = qs.filter(resolved_on__lte=f.resolved_to)
    qs = _official_form_filters(qs, f)
    if f.due == "overdue":
        qs = qs.filter(state__in_literal=RUNNING, next_due__lt=today)
    elif f.due == "soon":
        qs = qs.filter(
            state__in_literal=RUNNING,
            next_due__gte=today,
            next_due__lte=soon_cutoff(f.within, today),
        )
    elif f.due == "open":
        qs = qs.filter(state__in=OPEN)
    flag = f.flag
    if flag == "mass":
        qs = qs.filter(is_mass=True)
    elif flag == "over_level":
        qs = qs.filter(is_over_level=True)
    elif flag == "duplicate":
        qs = qs.filter(Q(duplicate_of__isnull=False) | Q(is_repeat=True))
    elif flag == "new_matter":
        qs = qs.filter(duplicate_of__isnull=True, is_repeat=False)
    elif flag == "eligible":
        qs = qs.filter(meets_conditions=True)
    elif flag == "in_competence":
        qs = qs.filter(in_competence=True)
    elif flag == "on_time":
        qs = qs.filter(resolved_on_time=True)
    elif flag == "late":
        qs = qs.filter(resolved_on_time=False)
    elif flag == "to_urge":
        # Forwarded here, no answer yet, and the receiving agency's record is past its limit.
        # The conditions on the forwarded record sit in the subquery, joined by its primary
        # key: the outer query then has no state=? term that SQLite could search by (reading
        # every forwarded record) instead of the few late hops (index pet_forwarded_due).
        late_hops = Petition.objects.filter(
            state__in=OPEN,
            next_due__lt=today,
            forwarded_from__isnull=False,
            forwarded_from__state=Petition.State.FORWARDED,
            forwarded_from__answer_received_on__isnull=True,
        ).values("forwarded_from_id")
        qs = qs.filter(pk__in=late_hops)
    if f.sort in SORTS or f.sort.lstrip("-") in SORTS:
        qs = qs.order_by(*listing.sort_order(f.sort, SORTS))
    else:
        qs = qs.order_by("-received_on", "-id")
    return qs


# The list's columns an officer may sort by (?sort=key, ?sort=-key for the other way).
SORTS: dict[str, tuple[str, ...]] = {
    "number": ("receipt_no",),
    "received": ("received_on",),
    "agency": ("agency__name",),
    "sender": ("sender_name",),
    "type": ("type",),
    "state": ("state",),
    "due": ("next_due",),
}


ONE_SIGNER = Q(is_anonymous=False, sender_kind=Petition.SenderKind.PERSON, co_senders=0)
MANY_SIGNERS = Q(is_anonymous=False, co_senders__gt=0)


def _official_form_filters(qs, f: PetitionFilters):
    if f.in_hand_to:
        qs = qs.filter(received_on__lte=f.in_hand_to)
    if f.in_hand_from:
        qs = qs.filter(Q(outcome_date__isnull=True) | Q(outcome_date__gte=f.in_hand_from))
    if f.outcome_from:
        qs = qs.filter(outcome_date__gte=f.outcome_from)
    if f.outcome_to:
        qs = qs.filter(outcome_date__lte=f.outcome_to)
    if f.answer_from:
        qs = qs.filter(answer_received_on__gte=f.answer_from)
    if f.answer_to:
        qs = qs.filter(answer_received_on__lte=f.answer_to)
    # One person, several people, anything else (anonymous, an organisation): a partition.
    if f.signers == "one":
        qs = qs.filter(ONE_SIGNER)
    elif f.signers == "many":
        qs = qs.filter(MANY_SIGNERS)
    elif f.signers == "other":
        qs = qs.exclude(ONE_SIGNER).exclude(MANY_SIGNERS)
    if f.matter == "new":
        qs = qs.filter(duplicate_of__isnull=True, is_repeat=False)
    if f.competence == "yes":
        qs = qs.filter(in_competence=True)
    elif f.competence == "no":
        qs = qs.filter(in_competence=False)
    return qs


def petition_list(*, user, filters: PetitionFilters) -> QuerySet[Petition]:
    qs = permissions.visible_petitions(user).select_related(
        "agency", "unit", "assigned_officer", "duplicate_of"
    )
    return petition_filter(qs, filters)


# What the register's list page shows (petitions/petition_list.html), and only that: the
# page's query had joined 4 tables for over 100 columns, a whole duplicate petition among
# them that the page only tests for an id (issue 21). A column added to the page goes here.
LIST_PAGE_COLUMNS = (
    "id",
    "receipt_no",
    "received_on",
    "agency_id",
    "agency__name",
    "agency__short_name",
    "type",
    "is_anonymous",
    "sender_name",
    "is_mass",
    "is_over_level",
    "duplicate_of_id",
    "is_repeat",
    "summary",
    "content",
    "state",
    "next_due",
    "next_due_provisional",
)


def petition_list_page(qs: QuerySet[Petition]) -> QuerySet[Petition]:
    """``petition_list``'s rows narrowed to the columns the list page shows."""
    return qs.select_related(None).select_related("agency").only(*LIST_PAGE_COLUMNS)


def petition_get_for_user(*, user, pk) -> Petition:
    try:
        petition = Petition.objects.select_related(
            "agency",
            "unit",
            "visit",
            "duplicate_of",
            "duplicate_of__agency",
            "forwarded_from",
            "forwarded_from__agency",
            "forwarded_to",
            "assigned_officer",
        ).get(pk=pk)
    except (Petition.DoesNotExist, ValueError, TypeError):
        raise Http404
    if not permissions.can_view_petition(user, petition):
        raise Http404
    return petition


@dataclasses.dataclass
class VisitFilters:
    q: str = ""
    agency_ids: set[int] | None = None
    unit_ids: set[int] | None = None
    kind: str = ""
    petition_type: str = ""
    answer: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    flag: str = ""  # mass | new_matter | repeat
    matter: str = ""  # old (a repeat visit) | new; combines with flag=mass (official forms)


def visit_filter(qs: QuerySet, f: VisitFilters) -> QuerySet:
    if f.agency_ids is not None:
        qs = qs.filter(agency_id__in=f.agency_ids)
    if f.unit_ids is not None:
        qs = qs.filter(unit_id__in=f.unit_ids)
    for term in search_terms(f.q):
        qs = qs.filter(content_folded__contains=term)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.petition_type:
        qs = qs.filter(petition_type=f.petition_type)
    if f.answer:
        qs = qs.filter(answer=f.answer)
    if f.date_from:
        qs = qs.filter(visited_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(visited_on__lte=f.date_to)
    if f.flag == "mass":
        qs = qs.filter(is_mass=True)
    elif f.flag == "new_matter":
        qs = qs.filter(repeat_of__isnull=True)
    elif f.flag == "repeat":
        qs = qs.filter(repeat_of__isnull=False)
    if f.matter == "old":
        qs = qs.filter(repeat_of__isnull=False)
    elif f.matter == "new":
        qs = qs.filter(repeat_of__isnull=True)
    return qs.order_by("-visited_on", "-id")


def visit_list(*, user, filters: VisitFilters) -> QuerySet[Visit]:
    qs = permissions.visible_visits(user).select_related("agency", "unit", "officer")
    return visit_filter(qs, filters)


def visit_get_for_user(*, user, pk) -> Visit:
    try:
        visit = Visit.objects.select_related("agency", "unit", "officer", "repeat_of").get(pk=pk)
    except (Visit.DoesNotExist, ValueError, TypeError):
        raise Http404
    if not permissions.can_view_visit(user, visit):
        raise Http404
    return visit


def agency_subtree_filter(agency_id: int | None) -> set[int] | None:
    if not agency_id:
        return None
    return permissions.agency_subtree_ids(int(agency_id))


def unit_filter(unit_id: int | None) -> set[int] | None:
    if not unit_id:
        return None
    return unit_subtree_ids(int(unit_id))


def due_by_agency(*, user, within: int = 5, today: dt.date | None = None) -> list[dict]:
    """Per agency: overdue and due within ``within`` working days (open petitions).

    The petitions due since ``overdue.boundary(today)`` are counted from the records (a
    bounded range of the partial index pet_running_received); those due before it, the
    long-overdue ones that pile up in a register, from the kept per-agency tallies
    (``petitions.overdue``): the page costs what the recent petitions cost (issue 21 §4)."""
    from noichinh.petitions import overdue as tally

    today = today or clock.today()
    cutoff = soon_cutoff(within, today)
    before = tally.boundary(today)
    ids = permissions.base.visible_agency_ids(user)
    agencies = tally.tallies(agency_ids=None if ids is None else set(ids), before=before)
    qs = (
        permissions.visible_petitions(user)
        .filter(state__in_literal=RUNNING, next_due__gte=before, next_due__lte=cutoff)
        .values("agency_id")
        # Counted by next_due (never null where these filters hold), not by id: the query
        # then needs only next_due and agency, which the partial index pet_running_received
        # holds, and PostgreSQL answers from the index alone.
        .annotate(
            overdue=Count("next_due", filter=Q(next_due__lt=today)),
            soon=Count("next_due", filter=Q(next_due__gte=today)),
        )
        .order_by()
    )
    counts = {r["agency_id"]: [r["overdue"], r["soon"]] for r in qs}
    for a, row in agencies.items():
        if row["n"]:
            counts.setdefault(a, [0, 0])[0] += row["n"]
    rows = [
        {
            "agency_id": a,
            "agency": agencies[a]["short_name"] or agencies[a]["name"],
            "overdue": o,
            "soon": s,
        }
        for a, (o, s) in counts.items()
    ]
    rows.sort(key=lambda r: (-r["overdue"], -r["soon"], agencies[r["agency_id"]]["name"]))
    return rows


def days_left(petition: Petition, today: dt.date | None = None) -> int | None:
    if petition.next_due is None or petition.state not in OPEN:
        return None
    return (petition.next_due - (today or clock.today())).days


def badge(petition: Petition, within: int = 5, today: dt.date | None = None) -> str:
    """CSS badge class: overdue / soon / ok / '' (no running limit)."""
    today = today or clock.today()
    left = days_left(petition, today)
    if left is None or petition.state == "suspended":
        return ""
    if left < 0:
        return "overdue"
    if petition.next_due is not None and petition.next_due <= soon_cutoff(within, today):
        return "soon"
    return "ok"


def forward_chain(petition: Petition) -> list[Petition]:
    """The hops of a forwarded petition, from the first record to the last known one."""
    chain: list[Petition] = []
    node = petition
    seen: set[int] = set()
    while node.forwarded_from_id and node.forwarded_from_id not in seen:
        seen.add(node.pk)
        node = Petition.objects.select_related("agency").get(pk=node.forwarded_from_id)
        chain.insert(0, node)
    chain.append(petition)
    frontier = [petition]
    while frontier:
        # No ORDER BY (the model's default is by received date): with a register's statistics
        # SQLite then walked the whole received-date index instead of searching forwarded_from
        # (issue 21). The few hops are put in the model's order here, in Python.
        nxt = sorted(
            Petition.objects.filter(forwarded_from__in=frontier)
            .exclude(pk__in=[p.pk for p in chain])
            .select_related("agency")
            .order_by(),
            key=lambda p: (p.received_on, p.pk),
            reverse=True,
        )
        chain.extend(nxt)
        frontier = nxt
    return chain


def duplicate_proposals(*, user, petition: Petition) -> list["Candidate"]:
    """Earlier petitions that may be the same matter as ``petition``, as ``user`` may be shown
    them (page and API alike): ``duplicates.Candidate``s with ``visible`` set.

    ``petition``'s own sender keys are compared only if ``user`` may match its sender: a
    sealed denunciation's keys would otherwise point at an earlier petition whose sender is
    in plain sight (org.permissions.portal.can_match_sender). A candidate matched through a
    denunciation's sealed keys carries that denunciation in ``sealed_match``: the caller
    records it (``services.record_sealed_matches``), as it tells who the denouncer is."""
    from noichinh.petitions import duplicates

    own_keys = permissions.can_match_sender(user, petition)
    out = []
    for c in duplicates.propose(
        user=user,
        content=petition.content,
        sender_hash=petition.sender_hash if own_keys else "",
        sender_id_hash=petition.sender_id_hash if own_keys else "",
        exclude_pk=petition.pk,
    ):
        other = c.petition
        if other.received_on > petition.received_on or (
            other.received_on == petition.received_on and other.pk > petition.pk
        ):
            continue
        if other.forwarded_from_id == petition.pk or petition.forwarded_from_id == other.pk:
            continue
        c.visible = permissions.can_view_petition(user, other)
        # The denunciation whose sealed identity this match lets ``user`` infer (the sender
        # of the other petition may be in plain sight): showing it is a reveal to record.
        c.sealed_match = None
        if c.same_sender or c.same_id:
            if other.is_denunciation:
                c.sealed_match = other
            elif petition.is_denunciation:
                c.sealed_match = petition
        out.append(c)
    return out


def lodging_check(petition) -> dict | None:
    """Whether a complaint was lodged within the complaint time limit (rule ``complaint.lodge``,
    Law on Complaints 2011 art. 9), counted from the day the decision or act was received or
    known, on the official calendar. None when it does not apply or the day is not entered."""
    from noichinh.core import calendar as core_cal
    from noichinh.core.selectors import due_date as core_due_date

    if petition.type != PetitionType.COMPLAINT or not petition.decision_received_on:
        return None
    try:
        due = core_due_date(rule="complaint.lodge", start=petition.decision_received_on)
    except core_cal.CalendarError:
        return None
    return {
        "due": due.due,
        "in_time": petition.received_on <= due.due,
        "provisional": due.provisional,
        "explanation": due.explain(),
    }
