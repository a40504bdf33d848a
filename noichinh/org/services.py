"""Write actions on the organisation tree. Each is one transaction with its audit entry."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from noichinh.core import audit
from noichinh.org import permissions
from noichinh.org.models import AreaSuccession, AreaUnit, ProvinceSettings, User


@transaction.atomic
def area_reorganise(
    *,
    actor,
    predecessors: list[AreaUnit],
    effective_date: dt.date,
    kind: str,
    decision: str,
    successor: AreaUnit | None = None,
    successor_code: str = "",
    successor_name: str = "",
    successor_level: str = "",
    successor_parent: AreaUnit | None = None,
) -> AreaUnit:
    """Merge, rename or abolish units from ``effective_date``.

    The predecessors stop being valid on that date; records made before keep their unit and
    are counted under the successor in reports that cross the date.
    """
    if not (permissions.is_admin(actor) or permissions.is_secretariat(actor)):
        permissions.deny()
    if not predecessors:
        raise ValidationError("Chọn ít nhất một đơn vị hành chính bị thay đổi.")
    if kind not in dict(AreaSuccession.KINDS):
        raise ValidationError("Loại thay đổi không hợp lệ.")
    for unit in predecessors:
        if unit.valid_to and unit.valid_to <= effective_date:
            raise ValidationError(f"{unit} đã hết hiệu lực từ {unit.valid_to:%d/%m/%Y}.")
        if unit.valid_from and unit.valid_from >= effective_date:
            raise ValidationError(f"Ngày hiệu lực phải sau ngày {unit} được thành lập.")
    if successor is None:
        if not (successor_code and successor_name and successor_level):
            raise ValidationError("Nhập mã, tên và cấp của đơn vị mới.")
        if AreaUnit.objects.filter(code=successor_code).exists():
            raise ValidationError(f"Mã đơn vị {successor_code} đã tồn tại.")
        successor = AreaUnit.objects.create(
            code=successor_code,
            name=successor_name,
            level=successor_level,
            parent=successor_parent,
            valid_from=effective_date,
        )
        audit.record_create(actor=actor, obj=successor, reason=decision)
    elif successor in predecessors:
        raise ValidationError("Đơn vị kế thừa không thể là một trong các đơn vị bị thay đổi.")
    for unit in predecessors:
        before = audit.snapshot(unit)
        unit.valid_to = effective_date
        unit.save(update_fields=["valid_to"])
        audit.record_update(actor=actor, obj=unit, before=before, reason=decision)
        link = AreaSuccession.objects.create(
            predecessor=unit,
            successor=successor,
            kind=kind,
            effective_date=effective_date,
            decision=decision,
        )
        audit.record_create(actor=actor, obj=link, reason=decision)
    return successor


# -- users: who someone is in the bloc, and what they may do -------------------------------------

ACCESS_CHANGE = "access_change"
# Leave a field as it is (the admin form passes every field, other callers only some).
KEEP = object()
_PROFILE_FIELDS = ("username", "first_name", "last_name", "email", "full_name", "title")
_ACCESS_FIELDS = ("role", "agency", "bloc", "is_active", "is_staff", "is_superuser")
_ADMIN_RIGHTS = ("is_staff", "is_superuser", "groups", "user_permissions")


def _access_state(user: User) -> dict:
    perms = user.user_permissions.values_list("content_type__app_label", "codename")
    return {
        "role": user.role,
        "agency": user.agency_id,
        "bloc": user.bloc_id,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "groups": sorted(user.groups.values_list("name", flat=True)) if user.pk else [],
        "user_permissions": sorted(f"{app}.{code}" for app, code in perms) if user.pk else [],
    }


def _access_changes(before: dict, after: dict) -> dict:
    changes = audit.diff(before, after)
    if "role" in changes or "agency" in changes:
        # Both, always: the reveal history reads what a grant made someone (role at agency).
        for key in ("role", "agency"):
            changes[key] = [before.get(key), after.get(key)]
    return changes


def check_access_change(*, actor, user: User | None, new: dict) -> None:
    """Raise PermissionDenied or ValidationError (with the message to show) if ``actor`` may
    not give ``user`` the access ``new`` (only the keys being set). Nothing is changed."""
    if not permissions.can_manage_users(actor):
        permissions.deny("Chỉ quản trị hệ thống được thay đổi vai trò, cơ quan và quyền.")
    before = _access_state(user) if user is not None and user.pk else {}
    changed = {
        k
        for k, v in new.items()
        if _comparable(k, v) != (before.get(k) if before else _default_access(k))
    }
    if user is not None and user.pk and user.pk == actor.pk and changed:
        raise ValidationError(
            "Không thể tự thay đổi vai trò, cơ quan hoặc quyền của chính mình: một quản trị "
            "viên khác phải làm việc này (để việc cấp quyền luôn có người thứ hai)."
        )
    if changed & set(_ADMIN_RIGHTS) and not permissions.can_grant_admin_rights(actor):
        permissions.deny(
            "Chỉ quản trị viên cấp cao (superuser) được cấp quyền vào trang quản trị, quyền "
            "superuser hoặc quyền chi tiết."
        )


def _default_access(key):
    return {"role": User.OFFICER, "is_active": True, "groups": [], "user_permissions": []}.get(
        key, None if key in ("agency", "bloc") else False
    )


def _comparable(key, value):
    if key in ("agency", "bloc"):
        return getattr(value, "pk", value)
    if key == "groups":
        return sorted(g.name for g in value)
    if key == "user_permissions":
        return sorted(f"{p.content_type.app_label}.{p.codename}" for p in value)
    return value


@transaction.atomic
def user_change_access(
    *,
    actor,
    user: User,
    role=KEEP,
    agency=KEEP,
    bloc=KEEP,
    is_active=KEEP,
    is_staff=KEEP,
    is_superuser=KEEP,
    groups=KEEP,
    user_permissions=KEEP,
    reason: str = "",
) -> User:
    """Change a user's role, agency, bloc, active flag, admin rights or Django permissions,
    with one audit entry (``access_change``) listing each change, before and after."""
    requested = {
        k: v
        for k, v in dict(
            role=role,
            agency=agency,
            bloc=bloc,
            is_active=is_active,
            is_staff=is_staff,
            is_superuser=is_superuser,
            groups=groups,
            user_permissions=user_permissions,
        ).items()
        if v is not KEEP
    }
    user = User.objects.select_for_update().get(pk=user.pk)
    check_access_change(actor=actor, user=user, new=requested)
    before = _access_state(user)
    fields = [k for k in _ACCESS_FIELDS if k in requested]
    for key in fields:
        setattr(user, key, requested[key])
    user.clean()
    if fields:
        user.save(update_fields=fields)
    if "groups" in requested:
        user.groups.set(requested["groups"])
    if "user_permissions" in requested:
        user.user_permissions.set(requested["user_permissions"])
    changes = _access_changes(before, _access_state(user))
    if changes:
        audit.record(actor=actor, action=ACCESS_CHANGE, obj=user, changes=changes, reason=reason)
    return user


@transaction.atomic
def user_update_profile(*, actor, user: User, reason: str = "", **fields) -> User:
    """Change a user's name, title, e-mail or user name (not what they may do)."""
    if not permissions.can_manage_users(actor) and actor.pk != user.pk:
        permissions.deny("Chỉ quản trị hệ thống được sửa thông tin người dùng khác.")
    unknown = set(fields) - set(_PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    user = User.objects.select_for_update().get(pk=user.pk)
    before = audit.snapshot(user)
    for key, value in fields.items():
        setattr(user, key, value)
    user.full_clean(exclude=["password", "date_joined", "last_login"])
    user.save(update_fields=list(fields) or None)
    audit.record_update(actor=actor, obj=user, before=before, reason=reason)
    return user


@transaction.atomic
def user_create(*, actor, user: User, groups=(), user_permissions=(), reason: str = "") -> User:
    """Add an account (``user`` built but not saved, its password already set), with its
    role and agency, audited like any change of access."""
    if user.pk:
        raise ValueError("user_create takes an unsaved user")
    check_access_change(
        actor=actor,
        user=None,
        new={
            **{k: getattr(user, k) for k in _ACCESS_FIELDS},
            "groups": list(groups),
            "user_permissions": list(user_permissions),
        },
    )
    user.clean()
    user.save()
    user.groups.set(groups)
    user.user_permissions.set(user_permissions)
    after = _access_state(user)
    changes = {k: [None, v] for k, v in audit.snapshot(user).items()}
    changes.update({k: [None, after[k]] for k in ("groups", "user_permissions")})
    audit.record(actor=actor, action="create", obj=user, changes=changes, reason=reason)
    return user


def _place_of(name: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


@transaction.atomic
def province_setup(
    *,
    actor,
    rows,
    code: str,
    place_name: str = "",
    signer_title: str = "",
    signer_name: str = "",
    contact_lines: str = "",
    header_lines: str = "",
) -> ProvinceSettings:
    """Set up (or update) the province this instance serves from the official code list:
    its province-level area unit with the official code, and the names on pages and
    documents. Raises ValueError when the code is not a province of the list."""
    from noichinh.org.unit_codes import CodeRow

    code = code.strip().zfill(2)
    row: CodeRow | None = next(
        (r for r in rows if r.level == AreaUnit.PROVINCE and r.code == code), None
    )
    if row is None:
        raise ValueError(f"Mã {code} không phải một tỉnh, thành phố trong danh mục.")
    unit = AreaUnit.objects.filter(level=AreaUnit.PROVINCE, official_code=code).first()
    if unit is None:
        unit = AreaUnit.objects.create(
            code=f"T{code}", official_code=code, name=row.name, level=AreaUnit.PROVINCE
        )
        audit.record_create(actor=actor, obj=unit, reason="thiết lập tỉnh")
    place = place_name.strip() or _place_of(row.name)
    profile = ProvinceSettings.objects.order_by("pk").first()
    created = profile is None
    before = audit.snapshot(profile) if profile is not None else {}
    profile = profile or ProvinceSettings()
    profile.province = unit
    profile.name = row.name
    profile.place_name = place
    kind = "THÀNH ỦY" if row.name.startswith("Thành phố") else "TỈNH ỦY"
    profile.party_committee_line = f"{kind} {place.upper()}"
    profile.portal_title = f"Cổng tiếp nhận đơn trực tuyến {row.name[:1].lower()}{row.name[1:]}"
    profile.signer_title = signer_title
    profile.signer_name = signer_name
    profile.contact_lines = contact_lines
    profile.header_lines = header_lines
    profile.save()
    if created:
        audit.record_create(actor=actor, obj=profile, reason="thiết lập tỉnh")
    else:
        audit.record_update(actor=actor, obj=profile, before=before, reason="thiết lập tỉnh")
    return profile
