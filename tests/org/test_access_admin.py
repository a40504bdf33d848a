"""The Django admin walks no more around the services (issue 15, §3).

A change of a user's role, agency or permissions, from the admin or anywhere, goes through
``org.services.user_change_access`` and leaves an entry in the signed audit chain; a grant
of a role that may reveal identities shows beside the reveals it made possible; the
registers (petitions, visits, cases), identities and the history are read-only in the
admin, for the superuser too.
"""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError

from noichinh.core.models import AuditEntry
from noichinh.org import services
from noichinh.org.models import User

pytestmark = pytest.mark.django_db

REASON = "Cần liên hệ người tố cáo để làm rõ nội dung tố cáo"
GROUND = "verify"


def _change_form_data(user: User, **overrides) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "full_name": user.full_name,
        "title": user.title,
        "role": user.role,
        "agency": user.agency_id or "",
        "bloc": user.bloc_id or "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "last_login_0": "",
        "last_login_1": "",
    }
    for flag in ("is_active", "is_staff", "is_superuser"):
        if getattr(user, flag):
            data[flag] = "on"
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _admin_change(client, actor, user, **overrides):
    client.force_login(actor)
    return client.post(f"/admin/org/user/{user.pk}/change/", _change_form_data(user, **overrides))


def _access_entries(user):
    return AuditEntry.objects.filter(
        model="org.user", object_id=str(user.pk), action="access_change"
    ).order_by("seq")


# --- every change of role, agency or permissions is audited ----------------------------------


def test_admin_changing_a_users_role_and_agency_in_the_admin_writes_an_audit_entry(
    client, users, agencies
):
    canbo = users["canbo_dv"]
    response = _admin_change(
        client, users["admin"], canbo, role=User.HEAD, agency=agencies["TTT"].pk
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    canbo.refresh_from_db()
    assert (canbo.role, canbo.agency) == (User.HEAD, agencies["TTT"])
    entry = _access_entries(canbo).get()
    assert entry.actor == users["admin"]
    assert entry.changes["role"] == [User.OFFICER, User.HEAD]
    assert entry.changes["agency"] == [agencies["BDV"].pk, agencies["TTT"].pk]


def test_granting_permissions_and_superuser_status_in_the_admin_is_audited(client, users):
    canbo = users["canbo_dv"]
    perm = Permission.objects.get(codename="view_petition")
    response = _admin_change(
        client,
        users["admin"],
        canbo,
        is_staff="on",
        is_superuser="on",
        user_permissions=[perm.pk],
    )
    assert response.status_code == 302
    entry = _access_entries(canbo).get()
    assert entry.changes["is_superuser"] == [False, True]
    assert entry.changes["is_staff"] == [False, True]
    assert entry.changes["user_permissions"] == [[], ["petitions.view_petition"]]


def test_an_admin_change_of_profile_only_writes_no_access_entry_but_is_audited(client, users):
    canbo = users["canbo_dv"]
    response = _admin_change(client, users["admin"], canbo, title="Chuyên viên chính")
    assert response.status_code == 302
    assert not _access_entries(canbo).exists()
    entry = AuditEntry.objects.get(model="org.user", object_id=str(canbo.pk), action="update")
    assert entry.changes == {"title": ["Chuyên viên Ban Dân vận", "Chuyên viên chính"]}


def test_a_user_added_in_the_admin_is_audited_without_the_password_hash(client, users, agencies):
    client.force_login(users["admin"])
    response = client.post(
        "/admin/org/user/add/",
        {
            "username": "canbo_moi",
            "full_name": "Cán Bộ Mới",
            "role": User.OFFICER,
            "agency": agencies["BDV"].pk,
            "password1": "Mot-mat-khau-dai-2026",
            "password2": "Mot-mat-khau-dai-2026",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="canbo_moi")
    entry = AuditEntry.objects.get(model="org.user", object_id=str(user.pk), action="create")
    assert entry.actor == users["admin"]
    assert entry.changes["role"] == [None, User.OFFICER]
    assert entry.changes["agency"] == [None, agencies["BDV"].pk]
    assert "password" not in entry.changes and user.password not in str(entry.changes)


def test_an_invalid_role_change_in_the_admin_is_explained_and_changes_nothing(
    client, users, agencies
):
    canbo = users["canbo_dv"]
    response = _admin_change(client, users["admin"], canbo, role=User.HEAD, agency="")
    assert response.status_code == 200
    assert "phải thuộc một cơ quan" in response.content.decode()
    canbo.refresh_from_db()
    assert (canbo.role, canbo.agency) == (User.OFFICER, agencies["BDV"])
    assert not _access_entries(canbo).exists()


def test_nobody_grants_themselves_a_role_or_an_agency_in_the_admin(client, users, agencies):
    admin = users["admin"]
    response = _admin_change(client, admin, admin, role=User.HEAD, agency=agencies["TTT"].pk)
    assert response.status_code == 200
    assert "chính mình" in response.content.decode()
    admin.refresh_from_db()
    assert (admin.role, admin.agency) == (User.ADMIN, agencies["BNC"])


def test_a_staff_user_who_is_not_superuser_cannot_make_anyone_superuser(client, users):
    staff = users["thuky"]
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    response = _admin_change(client, staff, users["canbo_dv"], is_superuser="on", is_staff="on")
    assert response.status_code in (200, 403)
    users["canbo_dv"].refresh_from_db()
    assert not users["canbo_dv"].is_superuser
    assert not _access_entries(users["canbo_dv"]).exists()


def test_users_are_not_deleted_in_the_admin_but_deactivated(client, users):
    client.force_login(users["admin"])
    canbo = users["canbo_dv"]
    assert client.get(f"/admin/org/user/{canbo.pk}/delete/").status_code == 403
    response = _admin_change(client, users["admin"], canbo, is_active=None)
    assert response.status_code == 302
    assert _access_entries(canbo).get().changes["is_active"] == [True, False]


# --- the service itself ---------------------------------------------------------------------


def test_service_changes_access_with_an_audit_entry_and_a_reason(users, agencies):
    canbo = users["canbo_dv"]
    services.user_change_access(
        actor=users["admin"],
        user=canbo,
        role=User.HEAD,
        agency=agencies["TTT"],
        reason="Quyết định bổ nhiệm số 12/QĐ-UBND",
    )
    entry = _access_entries(canbo).get()
    assert entry.reason == "Quyết định bổ nhiệm số 12/QĐ-UBND"


@pytest.mark.parametrize("username", ["thuky", "canbo", "truongdonvi", "lanhdao"])
def test_only_an_administrator_changes_access(users, agencies, username):
    with pytest.raises(PermissionDenied):
        services.user_change_access(actor=users[username], user=users["canbo_dv"], role=User.HEAD)
    users["canbo_dv"].refresh_from_db()
    assert users["canbo_dv"].role == User.OFFICER


def test_service_refuses_an_inconsistent_role(users):
    with pytest.raises(ValidationError):
        services.user_change_access(
            actor=users["admin"], user=users["canbo_dv"], role=User.SECRETARIAT
        )
    assert not _access_entries(users["canbo_dv"]).exists()


# --- the grant beside the reveal it made possible --------------------------------------------


@pytest.fixture
def portal_denunciation(agencies, users, settings, tmp_path):
    from noichinh.portal import services as portal_services

    settings.MEDIA_ROOT = tmp_path / "private"
    petition, _code = portal_services.portal_submit(
        agency=agencies["TTT"],
        type="denunciation",
        field="land",
        summary="Tố cáo sai phạm đất đai",
        content="Tố cáo cán bộ địa chính xã nhận tiền để hợp thức hóa đất lấn chiếm",
        files=[],
        sender_name="Phạm Thị Bí Mật",
        sender_id_number="036199001234",
        sender_address="Số 7 ngõ Kín Đáo",
    )
    return petition


def test_a_granted_head_role_shows_beside_the_reveal_it_made_possible(
    client, users, agencies, portal_denunciation
):
    from noichinh.portal import services as portal_services

    # Another administrator (a second superuser) makes a colleague head of the inspectorate.
    newhead = users["canbo_dv"]
    services.user_change_access(
        actor=users["admin"], user=newhead, role=User.HEAD, agency=agencies["TTT"]
    )
    newhead.refresh_from_db()
    portal_services.reveal_identity(
        actor=newhead, petition=portal_denunciation, reason=REASON, ground=GROUND
    )
    # The head who was always there reveals too: no grant beside that one.
    portal_services.reveal_identity(
        actor=users["truong_tt"], petition=portal_denunciation, reason=REASON, ground=GROUND
    )

    client.force_login(users["truong_tt"])
    body = client.get(f"/portal/don/{portal_denunciation.pk}/").content.decode()
    assert body.count('data-testid="reveal-grant"') == 1
    grant = body.split('data-testid="reveal-grant"')[1].split("</tr>")[0]
    assert "Quản trị hệ thống" in grant and "thủ trưởng cơ quan" in grant
    assert agencies["TTT"].name in grant

    client.force_login(users["admin"])  # the administrator who audits access sees it too
    body = client.get(f"/portal/don/{portal_denunciation.pk}/").content.decode()
    assert 'data-testid="reveal-grant"' in body


def test_the_reveal_log_api_names_the_grant_behind_a_reveal(
    api_client, users, agencies, portal_denunciation
):
    from noichinh.portal import services as portal_services

    newhead = users["canbo_dv"]
    services.user_change_access(
        actor=users["admin"], user=newhead, role=User.HEAD, agency=agencies["TTT"]
    )
    newhead.refresh_from_db()
    portal_services.reveal_identity(
        actor=newhead, petition=portal_denunciation, reason=REASON, ground=GROUND
    )
    rows = api_client.as_user(users["truong_tt"]).get(
        f"/api/v1/portal/petitions/{portal_denunciation.pk}/reveals"
    )
    assert rows.status_code == 200, rows.content
    (row,) = rows.json()
    assert row["granted_by"] == "admin" and row["granted_at"]
    assert row["granted_role"] == User.HEAD and row["granted_agency_id"] == agencies["TTT"].pk


# --- registers, identities and history are read-only in the admin ----------------------------


def _records(org, users, agencies):
    import datetime as dt

    from noichinh.cases import services as case_services
    from noichinh.cases.models import Case
    from noichinh.core import audit
    from noichinh.portal import services as portal_services
    from tests.petitions.factories import make_petition, make_visit

    petition = make_petition(users["canbo_tcd"], agencies["BTCD"])
    visit = make_visit(users["canbo_tcd"], agencies["BTCD"])
    case = case_services.case_create(
        actor=users["thuky"],
        title="Vụ án thử",
        field=Case.CORRUPTION,
        severity=Case.SERIOUS,
        following_agency=agencies["BNC"],
        followed_from=dt.date(2019, 1, 1),
        arisen_on=dt.date(2019, 1, 1),
    )
    denunciation, _code = portal_services.portal_submit(
        agency=agencies["TTT"],
        type="denunciation",
        field="land",
        summary="Tố cáo",
        content="Tố cáo cán bộ địa chính xã nhận tiền để hợp thức hóa đất lấn chiếm",
        files=[],
        sender_name="Phạm Thị Bí Mật",
        sender_address="Số 7 ngõ Kín Đáo",
    )
    entry = audit.record(actor=users["thuky"], action="update", model="x.y", object_id="1")
    return {
        "petitions/petition": petition,
        "petitions/visit": visit,
        "cases/case": case,
        "portal/portalaccess": denunciation.portal_access,
        "core/auditentry": entry,
    }


READ_ONLY = [
    "petitions/petition",
    "petitions/visit",
    "cases/case",
    "portal/portalaccess",
    "core/auditentry",
]


@pytest.mark.parametrize("model", READ_ONLY)
def test_the_superuser_can_read_but_not_add_change_or_delete_in_the_admin(
    client, org, users, agencies, model, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "private"
    obj = _records(org, users, agencies)[model]
    admin = users["admin"]
    assert admin.is_superuser
    client.force_login(admin)
    base = f"/admin/{model}/"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}{obj.pk}/change/").status_code == 200  # a read-only view
    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}add/", {}).status_code == 403
    assert client.get(f"{base}{obj.pk}/delete/").status_code == 403
    before = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    response = client.post(f"{base}{obj.pk}/change/", {"summary": "sửa qua admin"})
    assert response.status_code == 403
    response = client.post(
        base, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    )
    obj.refresh_from_db()
    assert {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields} == before
    body = client.get(f"{base}{obj.pk}/change/").content.decode()
    assert 'name="_save"' not in body


@pytest.mark.parametrize(
    "model",
    [
        "cases/supervisiondecision",
        "cases/stageextension",
        "cases/progressreport",
        "cases/explanationrequest",
        "portal/protectionrequest",
        "portal/portalmessage",
        "auth/group",
    ],
)
def test_the_superuser_adds_nothing_in_the_admin_that_a_service_or_the_roles_own(
    client, users, model
):
    client.force_login(users["admin"])
    assert client.get(f"/admin/{model}/").status_code == 200
    assert client.get(f"/admin/{model}/add/").status_code == 403


def test_the_denouncer_sees_when_the_revealer_was_given_their_role(
    users, agencies, portal_denunciation
):
    from noichinh.portal import selectors
    from noichinh.portal import services as portal_services

    newhead = users["canbo_dv"]
    services.user_change_access(
        actor=users["admin"], user=newhead, role=User.HEAD, agency=agencies["TTT"]
    )
    newhead.refresh_from_db()
    portal_services.reveal_identity(
        actor=newhead, petition=portal_denunciation, reason=REASON, ground=GROUND
    )
    (reveal,) = selectors.citizen_view(portal_denunciation.pk).reveals
    assert reveal.grant.role == User.HEAD and reveal.grant.agency_id == agencies["TTT"].pk


# --- reference data stays writable in the admin, and every write is audited ------------------


def test_moving_an_agency_in_the_admin_is_audited(client, users, agencies):
    agency = agencies["BDV"]
    client.force_login(users["admin"])
    response = client.post(
        f"/admin/org/agency/{agency.pk}/change/",
        {
            "code": agency.code,
            "name": agency.name,
            "short_name": agency.short_name,
            "kind": agency.kind,
            "area": agency.area_id,
            "parent": agencies["TTT"].pk,  # now sees under the inspectorate's subtree
            "valid_from": "",
            "valid_to": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(model="org.agency", object_id=str(agency.pk))
    assert entry.actor == users["admin"] and entry.action == "update"
    assert entry.changes["parent"] == [agency.parent_id, agencies["TTT"].pk]


def test_a_bloc_membership_added_in_the_admin_is_audited(client, users, org):
    bloc = next(iter(org["blocs"].values()))
    agency = org["agencies"]["VKS"]
    bloc.memberships.filter(agency=agency).delete()
    client.force_login(users["admin"])
    members = list(bloc.memberships.all())
    data = {
        "code": bloc.code,
        "name": bloc.name,
        "kind": bloc.kind,
        "memberships-TOTAL_FORMS": str(len(members) + 1),
        "memberships-INITIAL_FORMS": str(len(members)),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for i, m in enumerate(members):
        data |= {
            f"memberships-{i}-id": m.pk,
            f"memberships-{i}-bloc": bloc.pk,
            f"memberships-{i}-agency": m.agency_id,
            f"memberships-{i}-valid_from": m.valid_from.isoformat() if m.valid_from else "",
            f"memberships-{i}-valid_to": m.valid_to.isoformat() if m.valid_to else "",
        }
        if m.is_standing_body:
            data[f"memberships-{i}-is_standing_body"] = "on"
    n = len(members)
    data |= {
        f"memberships-{n}-bloc": bloc.pk,
        f"memberships-{n}-agency": agency.pk,
        f"memberships-{n}-valid_from": "2026-01-01",
        f"memberships-{n}-valid_to": "",
    }
    response = client.post(f"/admin/org/bloc/{bloc.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = AuditEntry.objects.get(model="org.blocmembership", action="create")
    assert entry.changes["agency"] == [None, agency.pk] and entry.actor == users["admin"]


def test_changing_a_time_limit_rule_in_the_admin_is_audited(client, users, org):
    from noichinh.core.models import TimeLimitRule

    rule = TimeLimitRule.objects.order_by("code").first()
    client.force_login(users["admin"])
    response = client.post(
        f"/admin/core/timelimitrule/{rule.pk}/change/",
        {
            "code": rule.code,
            "name": rule.name,
            "count": rule.count + 5,
            "unit": rule.unit,
            "shift_to_working_day": "on" if rule.shift_to_working_day else "",
            "variants": __import__("json").dumps(rule.variants),
            "source": rule.source,
            "note": rule.note,
            "needs_verification": "on" if rule.needs_verification else "",
            "shift_source": rule.shift_source,
            "max_uses": rule.max_uses or "",
            "valid_from": rule.valid_from.strftime("%d/%m/%Y"),
            "valid_until": rule.valid_until.strftime("%d/%m/%Y") if rule.valid_until else "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(model="core.timelimitrule", object_id=str(rule.pk))
    assert entry.changes["count"] == [rule.count, rule.count + 5]


def test_every_admin_page_still_opens_for_the_superuser(client, users):
    from django.contrib import admin as django_admin

    client.force_login(users["admin"])
    for model, model_admin in django_admin.site._registry.items():
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert client.get(base).status_code == 200, base
        if model_admin.has_add_permission(type("R", (), {"user": users["admin"]})()):
            assert client.get(f"{base}add/").status_code == 200, base
