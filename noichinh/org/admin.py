from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from noichinh.core.admin import AuditedAdmin
from noichinh.org import permissions, services
from noichinh.org.models import (
    Agency,
    ApiToken,
    AreaSuccession,
    AreaUnit,
    Bloc,
    BlocMembership,
    ProvinceSettings,
    User,
)


@admin.register(AreaUnit)
class AreaUnitAdmin(AuditedAdmin):
    list_display = ["code", "official_code", "name", "level", "parent", "valid_from", "valid_to"]
    list_filter = ["level"]
    search_fields = ["code", "official_code", "name", "name_folded"]


@admin.register(AreaSuccession)
class AreaSuccessionAdmin(AuditedAdmin):
    list_display = ["predecessor", "successor", "kind", "effective_date", "is_primary"]


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    list_display = ["code", "official_code", "name", "kind", "area", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "official_code", "name", "name_folded"]


@admin.register(ProvinceSettings)
class ProvinceSettingsAdmin(AuditedAdmin):
    """One row: the province's names on pages and documents."""

    list_display = ["name", "place_name", "province", "updated_at"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not ProvinceSettings.objects.exists()


class MembershipInline(admin.TabularInline):
    model = BlocMembership
    extra = 0


@admin.register(Bloc)
class BlocAdmin(AuditedAdmin):
    list_display = ["code", "name", "kind"]
    inlines = [MembershipInline]


_ACCESS_KEYS = (
    "role",
    "agency",
    "bloc",
    "is_active",
    "is_staff",
    "is_superuser",
    "groups",
    "user_permissions",
)
_PROFILE_KEYS = ("username", "first_name", "last_name", "email", "full_name", "title")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Every change of role, agency or rights goes through org.services (audit entry
    ``access_change``), not through the form's own save. Accounts are deactivated, never
    deleted: their history keeps pointing at them."""

    list_display = ["username", "full_name", "agency", "role", "is_active"]
    list_filter = ["role", "is_active"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Nội chính", {"fields": ["full_name", "title", "agency", "role", "bloc"]}),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        ("Nội chính", {"fields": ["full_name", "title", "role", "agency", "bloc"]}),
    )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and permissions.can_manage_users(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and permissions.can_manage_users(
            request.user
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        actor = request.user

        # The admin builds the form class per request: a dynamic base mypy cannot follow.
        class ServiceCheckedForm(form_class):  # type: ignore[valid-type,misc]
            """Refuses, with the service's message, what the service would refuse."""

            def clean(self):
                cleaned = super().clean()
                new = {k: cleaned[k] for k in _ACCESS_KEYS if k in cleaned}
                try:
                    services.check_access_change(actor=actor, user=obj, new=new)
                except (ValidationError, PermissionDenied) as exc:
                    messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
                    for message in messages:
                        self.add_error(None, message)
                return cleaned

        return ServiceCheckedForm

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            services.user_create(
                actor=request.user,
                user=obj,
                groups=data.get("groups", ()),
                user_permissions=data.get("user_permissions", ()),
            )
            return
        services.user_update_profile(
            actor=request.user, user=obj, **{k: data[k] for k in _PROFILE_KEYS if k in data}
        )
        services.user_change_access(
            actor=request.user, user=obj, **{k: data[k] for k in _ACCESS_KEYS if k in data}
        )
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        # Groups and permissions were set by the service in save_model; no inlines here.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(BaseGroupAdmin):
    """Read-only: Nội chính grants by role; a group's permissions would change its members'
    rights outside org.services and the audit chain."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "prefix", "name", "created_at", "expires_at", "last_used_at", "revoked"]
    readonly_fields = ["prefix", "key_hash", "created_at", "expires_at", "last_used_at"]
