"""The handling steps of a petition, in one table that the petition page
(``views.petition_action``) and the API (``api.petition_transition``) both run (issue 22 §3).

Each row names the step's service, the keyword arguments it takes from the step's inputs (by
the service's names; the page's form and the API's body both produce those names), the form
the page shows, and whether a date inside a closed reporting period may be given with a
reason. Who may do the step from which state is the workflow rule in
``permissions.PETITION_ACTIONS``; ``run`` refuses through ``permissions.require_petition_action``
before anything else, so both entrances refuse alike."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from noichinh.petitions import forms, permissions, services
from noichinh.petitions.models import Petition

DOC = ("on", "doc_no", "note")


@dataclass(frozen=True)
class PetitionAction:
    name: str
    service: Callable[..., Petition]
    # Service keyword → input name (the same name unless renamed, e.g. accept's ``decided_on``).
    args: Mapping[str, str]
    # The page's form (prefix = the action's name); None: the step has its own page.
    form: type[forms.ActionForm] | None
    # Takes ``late_reason`` (a dated step, checked against closed reporting periods).
    dated: bool = True
    # Inputs the API fills from the petition when the body leaves them out.
    keep: tuple[str, ...] = field(default=())

    @property
    def label(self) -> str:
        return permissions.PETITION_ACTION_LABELS[self.name]

    def kwargs(self, values: Mapping[str, Any]) -> dict[str, Any]:
        return {kw: values[name] for kw, name in self.args.items() if name in values}


def _args(*names: str, **renamed: str) -> dict[str, str]:
    return {**{n: n for n in names}, **renamed}


_ROWS = [
    PetitionAction(
        "classify",
        services.petition_classify,
        _args(
            "type",
            "field",
            "meets_conditions",
            "in_competence",
            "is_over_level",
            "is_mass",
            "is_complex",
            "is_remote",
            "complaint_round",
        ),
        forms.ClassifyForm,
        dated=False,
        keep=("type", "field"),
    ),
    PetitionAction(
        "accept", services.petition_accept, _args("doc_no", decided_on="on"), forms.DocForm
    ),
    PetitionAction(
        "forward",
        services.petition_forward,
        _args(
            *DOC, "to_agency", "to_name", "include_identity", "identity_reason", "identity_ground"
        ),
        forms.ForwardForm,
    ),
    PetitionAction("guide", services.petition_guide, _args(*DOC), forms.DocForm),
    PetitionAction("return", services.petition_return, _args(*DOC), forms.DocForm),
    PetitionAction("archive", services.petition_archive, _args(*DOC), forms.DocForm),
    PetitionAction(
        "extend", services.petition_extend, _args("on", "doc_no", "variant"), forms.ExtendForm
    ),
    PetitionAction(
        "suspend", services.petition_suspend, _args("on", "doc_no", "reason"), forms.SuspendForm
    ),
    PetitionAction("resume", services.petition_resume, _args(*DOC), forms.DocForm),
    PetitionAction(
        "resolve",
        services.petition_resolve,
        _args(*DOC, "result", "recovered_vnd", "recovered_land_m2", "people_handled"),
        forms.ResolveForm,
    ),
    PetitionAction("close", services.petition_close, _args("on", "note"), forms.DocForm),
    PetitionAction("urge", services.petition_urge, _args(*DOC), forms.DocForm),
    PetitionAction(
        "record_answer", services.petition_record_answer, _args("on", "note"), forms.DocForm
    ),
    PetitionAction(
        "link_duplicate",
        services.petition_link_duplicate,
        _args("original", "as_repeat"),
        None,  # chosen among the proposals: views.petition_link_duplicate
        dated=False,
    ),
    PetitionAction(
        "assign", services.petition_assign, _args("officer"), forms.AssignForm, dated=False
    ),
]
ACTIONS: dict[str, PetitionAction] = {row.name: row for row in _ROWS}


def get(action: str) -> PetitionAction | None:
    return ACTIONS.get(action)


def refuse(user, petition: Petition, action: str) -> None:
    """Raise as the step would be refused (``permissions.require_petition_action``)."""
    permissions.require_petition_action(user, petition, action)


def run(
    action: str,
    *,
    actor,
    petition: Petition,
    values: Mapping[str, Any],
    expected_version: int | None = None,
    late_reason: str = "",
) -> Petition:
    """Do ``action`` on ``petition`` with the step's inputs ``values`` (by the service's
    input names), as ``actor``."""
    row = ACTIONS[action]
    refuse(actor, petition, action)
    kwargs = row.kwargs(values)
    if row.dated:
        kwargs["late_reason"] = late_reason or ""
    return row.service(actor=actor, petition=petition, expected_version=expected_version, **kwargs)
