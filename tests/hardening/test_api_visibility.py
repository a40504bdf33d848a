"""The API shows each role only what org.permissions lets it see.

Every demo user (five roles; officers and heads of several agencies) calls the list endpoints
and the detail endpoints of a sample of records: a listed record satisfies the user's
``can_view_*``, a detail answers 200 exactly when the predicate allows it, a denouncer's
identity is blank everywhere but in the logged reveal, which only ``can_reveal_identity``
opens.
"""

import pytest

from noichinh.cases import permissions as cases_permissions
from noichinh.petitions import permissions as petitions_permissions
from noichinh.portal import permissions as portal_permissions
from tests.hardening import visibility

REFUSED = visibility.REFUSED
REASON = "Xác minh để giải quyết đơn tố cáo theo phân công."


@pytest.fixture
def registers(org):
    from tests.hardening.test_schemathesis import _load_register_demos

    _load_register_demos(org)
    return org


def _sample_petitions(users):
    """For each agency of a demo user and for one agency no user belongs to: its first
    petition and its first denunciation."""
    from noichinh.petitions.models import Petition

    agency_ids = {u.agency_id for u in users.values() if u.agency_id}
    outsider = (
        Petition.objects.exclude(agency_id__in=agency_ids)
        .order_by("pk")
        .values("agency_id")
        .first()
    )
    if outsider:
        agency_ids.add(outsider["agency_id"])
    sample = []
    for agency_id in sorted(agency_ids):
        qs = Petition.objects.filter(agency_id=agency_id).order_by("pk")
        sample += [
            p
            for p in (
                qs.exclude(type="denunciation").first(),
                qs.filter(type="denunciation").first(),
            )
            if p
        ]
    return sample


@pytest.mark.django_db
def test_lists_show_each_role_only_the_records_it_may_see(registers, users):
    from noichinh.petitions.models import Petition, Visit

    counts = visibility.assert_lists_show_only_permitted_records(users)

    # Not vacuous: the admin's lists have records, and an officer's are a strict part of them.
    for path in visibility.LISTS:
        assert counts["admin"][path] > 0, (path, counts["admin"])
    officer = users["canbo"]
    assert 0 < counts["canbo"]["/api/v1/petitions/"] < Petition.objects.count()
    assert 0 < counts["canbo"]["/api/v1/petitions/visits"] < Visit.objects.count()
    # Nor too strict: an officer's list is every record its rule allows.
    assert counts["canbo"]["/api/v1/petitions/"] == (
        petitions_permissions.visible_petitions(officer).count()
    )
    assert counts["canbo"]["/api/v1/petitions/visits"] == (
        petitions_permissions.visible_visits(officer).count()
    )


@pytest.mark.django_db
def test_detail_endpoints_answer_exactly_when_the_role_may_see_the_record(registers, users):
    from noichinh.cases.models import Case
    from noichinh.portal.models import ProtectionRequest

    petitions = _sample_petitions(users)
    assert any(p.is_denunciation for p in petitions) and len(petitions) >= 6
    cases = list(Case.objects.prefetch_related("stages").order_by("pk"))
    protections = list(ProtectionRequest.objects.select_related("petition"))
    assert cases and protections

    problems, allowed, refused = [], 0, 0

    def expect(user, client, path, may):
        nonlocal allowed, refused
        response = client.get(path)
        ok = response.status_code == 200 if may else response.status_code in REFUSED
        if not ok:
            problems.append(f"{user.username}: GET {path} → {response.status_code}, may={may}")
        allowed, refused = allowed + bool(may), refused + (not may)
        return response

    for user in users.values():
        client = visibility.client_for(user)
        for petition in petitions:
            may = petitions_permissions.can_view_petition(user, petition)
            response = expect(user, client, f"/api/v1/petitions/{petition.pk}", may)
            if may and petition.is_denunciation:
                body = response.json()
                if body["sender_name"] or body["sender_address"]:
                    problems.append(f"{user.username}: denouncer shown on #{petition.pk}")
            expect(user, client, f"/api/v1/portal/petitions/{petition.pk}/messages", may)
            expect(
                user,
                client,
                f"/api/v1/portal/petitions/{petition.pk}/reveals",
                portal_permissions.can_view_reveal_log(user, petition),
            )
            if petition.visit_id:
                expect(
                    user,
                    client,
                    f"/api/v1/petitions/visits/{petition.visit_id}",
                    petitions_permissions.can_view_visit(user, petition.visit),
                )
        for case in cases:
            expect(
                user,
                client,
                f"/api/v1/cases/{case.pk}",
                cases_permissions.can_use_cases(user)
                and cases_permissions.can_view_case(user, case),
            )
        for request in protections:
            expect(
                user,
                client,
                f"/api/v1/portal/protection-requests/{request.pk}",
                portal_permissions.can_view_protection(user, request),
            )
    assert not problems, "\n".join(problems[:60])
    assert allowed and refused, (allowed, refused)


@pytest.mark.django_db
def test_the_sealed_identity_is_revealed_only_to_whoever_may_reveal_it(registers, users):
    from noichinh.petitions.models import Petition

    denunciations = [
        p
        for p in Petition.objects.filter(type="denunciation")
        .exclude(sealed_identity="")
        .order_by("agency_id", "pk")
        if p.identity().get("name")
    ]
    by_agency = {}
    for p in denunciations:
        by_agency.setdefault(p.agency_id, p)
    sample = list(by_agency.values())
    assert sample

    problems, revealed = [], 0
    for user in users.values():
        client = visibility.client_for(user)
        for petition in sample:
            may = portal_permissions.can_reveal_identity(user, petition)
            response = client.post(
                f"/api/v1/portal/petitions/{petition.pk}/reveal",
                {"reason": REASON, "ground": "verify"},
                content_type="application/json",
            )
            if may:
                revealed += 1
                if response.status_code != 200:
                    problems.append(
                        f"{user.username}: reveal #{petition.pk} → {response.status_code}"
                    )
                elif response.json()["name"] != petition.identity()["name"]:
                    problems.append(f"{user.username}: reveal #{petition.pk} gave another identity")
            elif response.status_code not in REFUSED or petition.identity()["name"] in (
                response.content.decode()
            ):
                problems.append(
                    f"{user.username}: reveal #{petition.pk} → {response.status_code} "
                    "for a user who may not reveal it"
                )
    assert not problems, "\n".join(problems)
    assert revealed, "no demo user may reveal any sampled denunciation: the test shows nothing"
