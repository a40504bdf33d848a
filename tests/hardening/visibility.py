"""What each role gets from the API's list and detail endpoints, checked against that role's
permission predicate in noichinh/org/permissions/ (shared by the fuzz test and the
visibility tests).

A record in a list must satisfy the role's ``can_view_*``; a denunciation's sender or visitor
must come back blank; a detail endpoint answers 200 exactly when the predicate allows it.
"""

from django.test import Client

from noichinh.briefings import permissions as briefings_permissions
from noichinh.cases import permissions as cases_permissions
from noichinh.org import permissions
from noichinh.petitions import permissions as petitions_permissions
from noichinh.portal import permissions as portal_permissions

LIST_LIMIT = 500  # settings.NINJA_PAGINATION_MAX_LIMIT
REFUSED = (403, 404)
IDENTITY_KEYS = {"sender_id_number", "sender_phone", "sender_email", "visitor_id_number"}


def client_for(user) -> Client:
    from noichinh.org.models import ApiToken

    key = ApiToken.issue(user)[1]
    return Client(headers={"Authorization": f"Bearer {key}"})


def fetch_all(client: Client, path: str, **params):
    """Every item of a paginated list (or the status code when refused)."""
    items, offset = [], 0
    while True:
        response = client.get(path, {**params, "limit": LIST_LIMIT, "offset": offset})
        if response.status_code != 200:
            return response.status_code
        page = response.json()
        items += page["items"]
        offset += LIST_LIMIT
        if offset >= page["count"] and not page["more"]:
            return items


def _identity_keys(item):
    keys = IDENTITY_KEYS & set(item)
    return [f"identity fields in the output: {sorted(keys)}"] if keys else []


def _petition_problems(user, items):
    from noichinh.petitions.models import Petition

    records = Petition.objects.in_bulk([i["id"] for i in items])
    for item in items:
        petition, problems = records[item["id"]], _identity_keys(item)
        if not petitions_permissions.can_view_petition(user, petition):
            problems.append("petition of an agency the role may not see")
        if petition.is_denunciation and (item.get("sender_name") or item.get("sender_address")):
            problems.append("denouncer's name or address shown")
        yield item, problems


def _visit_problems(user, items):
    from noichinh.petitions.models import Visit

    records = Visit.objects.in_bulk([i["id"] for i in items])
    for item in items:
        visit, problems = records[item["id"]], _identity_keys(item)
        if not petitions_permissions.can_view_visit(user, visit):
            problems.append("visit of an agency the role may not see")
        if visit.is_denunciation and item.get("visitor_name"):
            problems.append("denouncer's name shown")
        yield item, problems


def _protection_problems(user, items):
    from noichinh.portal.models import ProtectionRequest

    records = ProtectionRequest.objects.select_related("petition").in_bulk([i["id"] for i in items])
    for item in items:
        ok = portal_permissions.can_view_protection(user, records[item["id"]])
        yield item, [] if ok else ["protection request of a petition the role may not see"]


def _case_problems(user, items):
    from noichinh.cases.models import Case

    records = Case.objects.prefetch_related("stages").in_bulk([i["id"] for i in items])
    for item in items:
        ok = cases_permissions.can_view_case(user, records[item["id"]])
        yield item, [] if ok else ["case the role may not see"]


def _task_problems(user, items):
    from noichinh.briefings.models import Task

    records = Task.objects.prefetch_related("coordinators").in_bulk([i["id"] for i in items])
    for item in items:
        ok = briefings_permissions.can_view_task(user, records[item["id"]])
        yield item, [] if ok else ["task the role may not see"]


def _cases_allowed(user):
    return cases_permissions.can_use_cases(user)


# For a role that sees the whole province every record passes the agency predicate: what is
# left to check is the sealed identity, so those roles read the denunciations only (the
# demo's visits run to thousands).
WHOLE_PROVINCE_FILTER = {
    "/api/v1/petitions/": {"type": "denunciation"},
    "/api/v1/petitions/visits": {"type": "denunciation"},
}

# path → (check of the items, who may call the list at all (None: every signed-in user))
LISTS = {
    "/api/v1/petitions/": (_petition_problems, None),
    "/api/v1/petitions/visits": (_visit_problems, None),
    "/api/v1/portal/protection-requests": (_protection_problems, None),
    "/api/v1/cases/": (_case_problems, _cases_allowed),
    "/api/v1/briefings/tasks": (_task_problems, None),
}


def list_problems(user, client=None) -> tuple[list[str], dict[str, int]]:
    """Problems with what ``user`` gets from each list, and how many records each gave."""
    client = client or client_for(user)
    problems, counts = [], {}
    for path, (check, allowed) in LISTS.items():
        params = {}
        if permissions.sees_whole_province(user):
            params = WHOLE_PROVINCE_FILTER.get(path, {})
        got = fetch_all(client, path, **params)
        if isinstance(got, int):
            if allowed is not None and not allowed(user) and got in REFUSED:
                counts[path] = 0
                continue
            problems.append(f"{user.username}: GET {path} answered {got}")
            continue
        if allowed is not None and not allowed(user):
            problems.append(f"{user.username}: GET {path} answered 200 to a role it must refuse")
        counts[path] = len(got)
        for item, found in check(user, got):
            for problem in found:
                problems.append(f"{user.username}: {path} #{item['id']}: {problem}")
    return problems, counts


def assert_lists_show_only_permitted_records(users) -> dict[str, dict[str, int]]:
    problems, counts = [], {}
    for username, user in users.items():
        found, counts[username] = list_problems(user)
        problems += found
    assert not problems, "\n".join(problems[:60])
    return counts
