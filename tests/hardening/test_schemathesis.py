"""schemathesis over the whole OpenAPI schema, with a bearer token for each role.

For every operation, reads and writes alike, and every role: generated requests (a few per
operation, bounded and derandomized so CI is deterministic) must never give a 5xx, every
response must conform to the schema (status code declared or a generic refusal, body valid),
and no response but the logged reveal may carry a denouncer's sealed identity. Runs
in-process through the WSGI app, inside the test's transaction (writes included), against
the demo organisation plus the registers' demo data. Path parameters and the fields that
name records or choices are sometimes swapped for real ids and real choice values, so the
generated requests reach the services and not only the 404s and validation errors.

After the run, the records each role's list endpoints return are checked against that
role's permission predicate (tests/hardening/visibility.py).
"""

import datetime as dt
import importlib
import json
import os

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.hardening import visibility

MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "5"))  # FUZZ_MAX_EXAMPLES=50 for a deep run
# Refusals every operation can give through config/api.py's handlers (bad input or a
# version conflict, no right, not found) and ninja's own validation (422): allowed even
# where an operation does not declare them. A 5xx never is, nor a 401 with a valid token.
GENERIC_REFUSALS = {400, 403, 404, 422}
ROLES = ["admin", "thuky", "canbo", "truongdonvi", "lanhdao"]
# The one operation whose purpose is to show the sealed identity (with a reason, logged).
REVEAL_PATH_SUFFIX = "/reveal"


def status_code_documented_or_refusal(ctx, response, case):
    if response.status_code in GENERIC_REFUSALS:
        return None
    return status_code_conformance(ctx, response, case)


def _schema():
    from django.core.wsgi import get_wsgi_application

    from config.api import api

    schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
    schema.app = get_wsgi_application()
    return schema


def _load_register_demos(ctx):
    for app in ["petitions", "portal", "cases", "reports", "briefings"]:
        try:
            module = importlib.import_module(f"noichinh.devdata.demo.{app}")
        except ModuleNotFoundError:
            continue
        module.load(ctx, stdout=open(os.devnull, "w"))  # noqa: SIM115


# --- real values the generator may use instead of random ones -------------------------------


def _ids(model, limit=30):
    return list(model.objects.order_by("pk").values_list("pk", flat=True)[:limit])


def _path_ids() -> dict[tuple[str, str], list[int]]:
    """(path fragment, parameter) → ids of existing records for that parameter."""
    from noichinh.briefings.models import Task
    from noichinh.cases.models import Case, CaseStage
    from noichinh.petitions.models import Petition, Visit
    from noichinh.portal.models import ProtectionRequest
    from noichinh.reports.models import Period

    petitions = _ids(Petition)
    return {
        ("/petitions/visits/", "pk"): _ids(Visit),
        ("/petitions/", "pk"): petitions,
        ("/portal/petitions/", "petition_id"): petitions,
        ("/protection-requests/", "request_id"): _ids(ProtectionRequest),
        ("/cases/stages/", "stage_id"): _ids(CaseStage),
        ("/cases/", "case_id"): _ids(Case),
        ("/reports/periods/", "pk"): _ids(Period),
        ("/briefings/tasks/", "task_id"): _ids(Task),
    }


def _choices(*enums):
    values = []
    for enum in enums:
        values += [v for v, _label in getattr(enum, "choices", enum)]
    return values


def _body_values() -> dict[str, list]:
    """Body field → real values (ids of existing records, model choices)."""
    from noichinh.cases.models import Case, CaseStage, SupervisionDecision, SupervisionEntry
    from noichinh.core import clock
    from noichinh.org.models import Agency, AreaUnit, User
    from noichinh.petitions.models import Petition, PetitionField, PetitionType, Visit
    from noichinh.petitions.permissions import PETITION_ACTIONS
    from noichinh.portal.models import PortalMessage, RevealGround

    agencies = _ids(Agency, 60)
    units = _ids(AreaUnit, 60)
    today = clock.today()
    recent = [(today - dt.timedelta(days=n)).isoformat() for n in (0, 1, 7, 45, 400)]
    dates = dict.fromkeys(
        ["received_on", "visited_on", "on", "date", "started_on", "decision_date", "reported_on"],
        recent,
    )
    return {
        **dates,
        "reason": ["Xác minh để giải quyết đơn tố cáo theo phân công."],
        "ground": _choices(RevealGround),
        "agency_id": agencies,
        "to_agency_id": agencies,
        "following_agency_id": agencies,
        "unit_id": units,
        "area_unit_id": units,
        "officer_id": _ids(User),
        "original_id": _ids(Petition),
        "visit_id": _ids(Visit),
        "action": list(PETITION_ACTIONS),
        "type": _choices(PetitionType),
        "petition_type": _choices(PetitionType),
        "field": _choices(PetitionField, Case.FIELDS),
        "kind": _choices(Visit.Kind, Case.KINDS, SupervisionDecision.KINDS, PortalMessage.Kind),
        "channel": _choices(Petition.Channel),
        "sender_kind": _choices(Petition.SenderKind),
        "answer": _choices(Visit.Answer),
        "result": _choices(Petition.Result),
        "severity": _choices(Case.SEVERITIES),
        "stage": _choices(CaseStage.STAGES),
        "category": _choices(SupervisionEntry.CATEGORIES),
    }


def _sealed_identities() -> set[str]:
    """Names, id numbers, phones, e-mails of the denouncers in the demo data."""
    from noichinh.petitions.models import Petition, Visit

    found = set()
    for model in (Petition, Visit):
        for record in model.objects.exclude(sealed_identity=""):
            identity = record.identity()
            found |= {
                str(identity[key])
                for key in ("name", "id_number", "phone", "email")
                if len(str(identity.get(key) or "")) >= 6
            }
    # The demo's names repeat: one that is also the plain sender of a complaint is no secret.
    plain = set()
    for field in ("sender_name", "sender_id_number", "sender_phone", "sender_email"):
        plain |= set(Petition.objects.values_list(field, flat=True))
    for field in ("visitor_name", "visitor_id_number"):
        plain |= set(Visit.objects.values_list(field, flat=True))
    return found - plain


def _no_sealed_identity(sealed):
    def no_sealed_identity(ctx, response, case):
        if case.operation.path.endswith(REVEAL_PATH_SUFFIX):
            return None
        text = response.content.decode("utf-8", "replace")
        try:  # compare with the JSON text as decoded, whatever the escaping
            text = json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            pass
        leaked = sorted(s for s in sealed if s in text)
        if leaked:
            raise AssertionError(f"sealed identity in the response: {leaked}")
        return None

    return no_sealed_identity


def _recorder(seen):
    def record_status(ctx, response, case):
        seen.append((case.operation.method.upper(), case.operation.path, response.status_code))
        return None

    return record_status


def _path_ids_for(operation, path_ids):
    found = {}
    for (fragment, param), ids in path_ids.items():
        if fragment in operation.path and param not in found and ids:
            found[param] = ids
    return found


MOSTLY = st.sampled_from([True, True, True, False])


def _checker(operation, headers, path_ids, body_values, checks):
    ids_for = _path_ids_for(operation, path_ids)

    @hypothesis.settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
    )
    @hypothesis.given(case=operation.as_strategy(), data=st.data())
    def check(case, data):
        # Mostly real values, so that several fields are valid at once and a write gets
        # through to the service; sometimes the generated one, to reach the refusals.
        for param, ids in ids_for.items():
            if case.path_parameters and param in case.path_parameters and data.draw(MOSTLY):
                case.path_parameters[param] = data.draw(st.sampled_from(ids))
        if isinstance(case.body, dict):
            for field in sorted(case.body):
                values = body_values.get(field)
                if values and data.draw(MOSTLY):
                    case.body[field] = data.draw(st.sampled_from(values))
        case.call_and_validate(headers=headers, checks=checks)

    return check


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """Calls go straight to the WSGI app: keep its request signals from closing the test's
    database connection (Django's test client does the same)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Marking one's own notices read changes the reader's inbox, no record of a register: the one
# write leadership (read-only for the registers) may make. Every other write stays refused.
OWN_INBOX = "/api/v1/notifications/"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_operation_gives_a_server_error_or_breaks_its_schema(
    role, org, users, wsgi_keeps_the_test_connection
):
    from noichinh.org.models import ApiToken

    _load_register_demos(org)
    headers = {"Authorization": f"Bearer {ApiToken.issue(users[role])[1]}"}
    sealed = _sealed_identities()
    assert sealed, "the demo data has no denunciation with an identity to keep sealed"
    checks = [
        not_a_server_error,
        status_code_documented_or_refusal,
        response_schema_conformance,
        _no_sealed_identity(sealed),
        _recorder(seen := []),
    ]
    path_ids, body_values = _path_ids(), _body_values()
    schema = _schema()
    failures, methods = [], set()
    for result in schema.get_all_operations():
        operation = result.ok()
        methods.add(operation.method.upper())
        check = _checker(operation, headers, path_ids, body_values, checks)
        try:
            check()
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # schemathesis' FailureGroup; collect them all
            failures.append(f"{operation.method.upper()} {operation.path} as {role}: {exc}")
    assert {"GET", "POST"} <= methods, methods
    writes = [
        (m, p)
        for m, p, status in seen
        if m != "GET" and 200 <= status < 300 and not p.startswith(OWN_INBOX)
    ]
    if role == "admin":  # generated writes get through to the services and create records
        assert any(status == 201 for _m, _p, status in seen), "no generated write created a record"
    if role == "lanhdao":  # leadership only reads
        assert not writes, f"writes accepted from leadership: {sorted(set(writes))}"
    if failures:
        pytest.fail("\n\n".join(failures)[:12000], pytrace=False)
    # What the fuzzed writes left behind is still shown only to those who may see it.
    visibility.assert_lists_show_only_permitted_records(users)


@pytest.mark.django_db
def test_requests_without_a_token_are_refused_not_crashed(client):
    schema = _schema()
    for result in schema.get_all_operations():
        operation = result.ok()
        if "{" in operation.path:
            continue
        response = client.generic(operation.method.upper(), operation.full_path)
        assert response.status_code in (401, 403, 404, 405, 422), (
            operation.full_path,
            response.status_code,
        )
