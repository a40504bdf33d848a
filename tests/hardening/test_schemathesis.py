"""schemathesis over the whole OpenAPI schema, with a bearer token for each role.

For every operation and role: generated requests (a few per operation, bounded) must never
give a 5xx, and every response must conform to the schema (status code declared, body valid).
Runs in-process through the WSGI app, against the demo organisation plus the registers' demo
data when their loaders exist.
"""

import importlib
import os

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance


def status_code_documented_or_refusal(ctx, response, case):
    if response.status_code in GENERIC_REFUSALS:
        return None
    return status_code_conformance(ctx, response, case)


MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "2"))  # FUZZ_MAX_EXAMPLES=50 for a deep run
# Refusals every operation can give through config/api.py's handlers (bad input, no right,
# not found, unknown): allowed even where an operation does not declare them. A 5xx never is.
GENERIC_REFUSALS = {400, 401, 403, 404, 422}
ROLES = ["admin", "thuky", "canbo", "truongdonvi", "lanhdao"]
# Operations that write: fuzzing them with valid tokens would create records; they keep
# their own tests. Reads and validation of bad input are what this pass is for.
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _schema():
    from django.core.wsgi import get_wsgi_application

    from config.api import api

    schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
    schema.app = get_wsgi_application()
    return schema


def _load_register_demos(ctx):
    for app in ["petitions", "portal", "cases", "reports", "briefings"]:
        try:
            module = importlib.import_module(f"noichinh.{app}.demo")
        except ModuleNotFoundError:
            continue
        module.load(ctx, stdout=open(os.devnull, "w"))  # noqa: SIM115


def _checker(operation, headers):
    @hypothesis.settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
    )
    @hypothesis.given(case=operation.as_strategy())
    def check(case):
        case.call_and_validate(
            headers=headers,
            checks=[
                not_a_server_error,
                status_code_documented_or_refusal,
                response_schema_conformance,
            ],
        )

    return check


@pytest.mark.django_db
def test_no_operation_gives_a_server_error_or_breaks_its_schema_for_any_role(org, users):

    from django.core import signals
    from django.db import close_old_connections

    # Calls go straight to the WSGI app: keep its request signals from closing the test's
    # database connection (Django's test client does the same).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        _check_every_read_operation(org, users)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _check_every_read_operation(org, users):
    from noichinh.org.models import ApiToken

    _load_register_demos(org)
    tokens = {role: ApiToken.issue(users[role])[1] for role in ROLES}
    schema = _schema()
    failures, checked = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() in WRITE_METHODS:
            continue
        for role, token in tokens.items():
            headers = {"Authorization": f"Bearer {token}"}

            check = _checker(operation, headers)
            try:
                check()
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as exc:  # schemathesis' FailureGroup; collect them all
                failures.append(f"{operation.method.upper()} {operation.path} as {role}: {exc}")
            checked += 1
    assert checked, "the schema has no read operations"
    assert not failures, "\n\n".join(failures)[:6000]


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
