"""Reads of the portal and protection area."""

import dataclasses
import datetime as dt

from django.db.models import Q, QuerySet
from django.http import Http404

from noichinh.core import clock
from noichinh.core.models import AuditEntry, TimeLimitRule
from noichinh.core.text import search_terms
from noichinh.org.models import AGENCY_ORDERING, Agency
from noichinh.petitions import permissions as petitions_permissions
from noichinh.petitions.models import Petition
from noichinh.portal import permissions
from noichinh.portal.models import (
    CitizenFeedback,
    CitizenNotice,
    PortalMessage,
    ProtectionRequest,
    RevealGround,
)

DEFAULT_AGENCY_CODE = "BTCD"
# The audit actions that show a denouncer's identity or files to someone (written by the
# petitions' and the portal's services).
REVEAL_ACTIONS = ("reveal_identity", "reveal_attachment", "forward_identity", "reveal_match")


def portal_agencies() -> QuerySet[Agency]:
    """Agencies a citizen may address through the portal (those in force today)."""
    return Agency.objects.filter(Agency.valid_on_q(clock.today())).order_by(*AGENCY_ORDERING)


def default_agency() -> Agency | None:
    return portal_agencies().filter(code=DEFAULT_AGENCY_CODE).first()


def petition_chain(petition: Petition, limit: int = 10) -> list[Petition]:
    """The petition and the records opened by forwarding it, hop after hop."""
    chain = [petition]
    current = petition
    for _ in range(limit):
        hop = (
            Petition.objects.filter(forwarded_from=current)
            .select_related("agency")
            .order_by("id")
            .first()
        )
        if hop is None:
            break
        chain.append(hop)
        current = hop
    return chain


def current_handler(petition: Petition) -> Petition:
    return petition_chain(petition)[-1]


def answered(chain) -> bool:
    """Whether the sender has had an answer: a written answer through the portal, or the
    handling record resolved."""
    return PortalMessage.objects.filter(
        petition__in=chain, kind=PortalMessage.Kind.ANSWER
    ).exists() or any(p.state == Petition.State.RESOLVED for p in chain)


def messages_for(petitions) -> QuerySet[PortalMessage]:
    return (
        PortalMessage.objects.filter(petition__in=petitions)
        .select_related("agency", "author", "petition")
        .order_by("created_at", "id")
    )


def reveal_log(petitions) -> list[AuditEntry]:
    """Who has seen (or forwarded) the denouncer's identity: entries of the audit chain, each
    with ``ground`` and ``ground_label`` (the legal ground a reveal named; empty before
    grounds were asked for, and for forwarding or opening a file)."""
    ids = [str(p.pk) for p in petitions]
    entries = list(
        AuditEntry.objects.filter(
            model="petitions.petition", object_id__in=ids, action__in=REVEAL_ACTIONS
        )
        .select_related("actor", "actor__agency")
        .order_by("id")
    )
    labels = dict(RevealGround.choices)
    for entry in entries:
        change = (entry.changes or {}).get("ground")
        ground = change[1] if isinstance(change, list) and len(change) == 2 else ""
        entry.ground = ground  # type: ignore[attr-defined]  # for the page, not a field
        entry.ground_label = labels.get(ground, "")  # type: ignore[attr-defined]  # idem
    return entries


@dataclasses.dataclass
class Grant:
    """The change of access that gave a revealer the role they revealed with."""

    at: dt.datetime
    by_username: str
    by: str
    role: str
    role_label: str
    agency_id: int | None
    agency_name: str
    reason: str


def _after(entry: AuditEntry, key: str):
    pair = entry.changes.get(key)
    return pair[1] if isinstance(pair, list) and len(pair) == 2 else None


def with_grants(reveals, petitions) -> list[AuditEntry]:
    """The reveals, each with ``.grant``: the audited change of the revealer's role or agency
    that made the reveal possible (their latest before it, if it gave them a role that may
    reveal at the petition's agency), else None. Access given before the audit chain existed
    (the demo's accounts, say) shows no grant."""
    from noichinh.org.models import User
    from noichinh.org.services import ACCESS_CHANGE

    reveals = list(reveals)
    for e in reveals:
        e.grant = None
    agency_of = {str(p.pk): p.agency_id for p in petitions}
    actor_ids = {str(e.actor_id) for e in reveals if e.actor_id}
    if not actor_ids:
        return reveals
    changes = [
        g
        for g in AuditEntry.objects.filter(
            model="org.user",
            object_id__in=actor_ids,
            action__in=[ACCESS_CHANGE, "create"],
            seq__lt=max(e.seq for e in reveals),
        )
        .select_related("actor")
        .order_by("seq")
        if "role" in g.changes or "agency" in g.changes
    ]
    names = dict(
        Agency.objects.filter(pk__in={_after(g, "agency") for g in changes} - {None}).values_list(
            "pk", "name"
        )
    )
    roles = dict(User.ROLES)
    for e in reveals:
        latest = None
        for g in changes:
            if g.object_id == str(e.actor_id) and g.seq < e.seq:
                latest = g
        if latest is None:
            continue
        role, agency_id = _after(latest, "role"), _after(latest, "agency")
        if role in permissions.REVEALING_ROLES and agency_id == agency_of.get(e.object_id):
            e.grant = Grant(
                at=latest.at,
                by_username=latest.actor_name,
                by=(latest.actor.full_name if latest.actor else "") or latest.actor_name,
                role=role,
                role_label=str(roles.get(role, role)),
                agency_id=agency_id,
                agency_name=names.get(agency_id, ""),
                reason=latest.reason,
            )
    return reveals


def rule_names() -> dict[str, str]:
    # Rules are dated: the latest row's name wins (names do not change with the law).
    return dict(TimeLimitRule.objects.order_by("code", "valid_from").values_list("code", "name"))


@dataclasses.dataclass
class CitizenView:
    petition: Petition
    chain: list
    handler: Petition
    messages: list
    reveals: list
    protection: list
    current_step: object
    step_name: str
    answered: bool = False
    feedback: object = None


def citizen_view(petition_id: int) -> CitizenView:
    """What the sender sees with their receipt code: status, handling agency, legal due
    date, the handlers' answers and questions, who has seen their identity."""
    petition = Petition.objects.select_related("agency").get(pk=petition_id)
    chain = petition_chain(petition)
    handler = chain[-1]
    step = handler.deadlines.filter(done_on__isnull=True).order_by("-id").first()
    return CitizenView(
        petition=petition,
        chain=chain,
        handler=handler,
        messages=list(messages_for(chain)),
        reveals=with_grants(reveal_log(chain), chain) if petition.is_denunciation else [],
        protection=list(
            ProtectionRequest.objects.filter(petition__in=chain).prefetch_related("events")
        ),
        current_step=step,
        step_name=rule_names().get(step.rule, step.rule) if step else "",
        answered=answered(chain),
        feedback=CitizenFeedback.objects.filter(petition__in=chain).first(),
    )


# --- messages to the sender, and their word on the answer --------------------------------------


def notices_for(petition: Petition) -> QuerySet[CitizenNotice]:
    """The messages sent to the sender about this record (no address: see CitizenNotice)."""
    return CitizenNotice.objects.filter(Q(petition=petition) | Q(about=petition)).order_by(
        "created_at", "id"
    )


@dataclasses.dataclass
class FeedbackFilters:
    satisfied: str = "0"  # "0" not satisfied, "1" satisfied, "" all
    agency_id: int | None = None


def feedback_list(*, user, filters: FeedbackFilters) -> QuerySet[CitizenFeedback]:
    """The senders' word on the answers of the petitions ``user`` may see."""
    qs = CitizenFeedback.objects.filter(
        petition__in=petitions_permissions.visible_petitions(user)
    ).select_related("petition", "petition__agency")
    if filters.satisfied in ("0", "1"):
        qs = qs.filter(satisfied=filters.satisfied == "1")
    if filters.agency_id:
        qs = qs.filter(petition__agency_id=filters.agency_id)
    return qs.order_by("-updated_at", "-id")


def unsatisfied_count(*, agency_ids, unit_ids, start, end) -> int:
    """Figure: answers the sender marked "not satisfied", by the day they said so (in the
    period, end inclusive), in the answering agency's register (the list: feedback_list)."""
    qs = CitizenFeedback.objects.filter(satisfied=False)
    if agency_ids is not None:
        qs = qs.filter(petition__agency_id__in=agency_ids)
    if unit_ids is not None:
        qs = qs.filter(petition__unit_id__in=unit_ids)
    if start is not None:
        qs = qs.filter(updated_at__date__gte=start)
    if end is not None:
        qs = qs.filter(updated_at__date__lte=end)
    return qs.count()


# --- protection requests ---------------------------------------------------------------------


@dataclasses.dataclass
class ProtectionFilters:
    q: str = ""
    state: str = ""
    due: str = ""  # overdue | open
    agency_id: int | None = None


def protection_list(*, user, filters: ProtectionFilters) -> QuerySet[ProtectionRequest]:
    qs = permissions.visible_protection_requests(user).select_related(
        "petition", "petition__agency"
    )
    for term in search_terms(filters.q):
        qs = qs.filter(
            Q(petition__receipt_no__icontains=term) | Q(petition__content_folded__contains=term)
        )
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.agency_id:
        qs = qs.filter(petition__agency_id=filters.agency_id)
    today = clock.today()
    if filters.due == "overdue":
        qs = qs.filter(
            Q(state=ProtectionRequest.State.REQUESTED, decision_due__lt=today)
            | Q(state=ProtectionRequest.State.APPLIED, follow_up_due__lt=today)
        )
    elif filters.due == "open":
        qs = qs.filter(
            state__in=[ProtectionRequest.State.REQUESTED, ProtectionRequest.State.APPLIED]
        )
    return qs.order_by("-requested_on", "-id")


def protection_get_for_user(*, user, pk) -> ProtectionRequest:
    try:
        request = (
            ProtectionRequest.objects.select_related("petition", "petition__agency")
            .prefetch_related("events", "events__actor")
            .get(pk=pk)
        )
    except (ProtectionRequest.DoesNotExist, ValueError, TypeError):
        raise Http404
    if not permissions.can_view_protection(user, request):
        raise Http404
    return request


def is_overdue(day: dt.date | None) -> bool:
    return bool(day and day < clock.today())


def petition_get_for_user(*, user, pk) -> Petition:
    """The petition, or 404 when ``user`` may not see it (petitions' own rule)."""
    try:
        petition = Petition.objects.select_related("agency", "assigned_officer").get(pk=pk)
    except (Petition.DoesNotExist, ValueError, TypeError):
        raise Http404
    if not petitions_permissions.can_view_petition(user, petition):
        raise Http404
    return petition
