from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from noichinh.org.models import (
    Agency,
    ApiToken,
    AreaSuccession,
    AreaUnit,
    Bloc,
    BlocMembership,
    User,
)


@admin.register(AreaUnit)
class AreaUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "valid_from", "valid_to"]
    list_filter = ["level"]
    search_fields = ["code", "name", "name_folded"]


@admin.register(AreaSuccession)
class AreaSuccessionAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "successor", "kind", "effective_date", "is_primary"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "area", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "name_folded"]


class MembershipInline(admin.TabularInline):
    model = BlocMembership
    extra = 0


@admin.register(Bloc)
class BlocAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind"]
    inlines = [MembershipInline]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "agency", "role", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = BaseUserAdmin.fieldsets + (
        ("Nội chính", {"fields": ["full_name", "title", "agency", "role", "bloc"]}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "prefix", "name", "created_at", "expires_at", "last_used_at", "revoked"]
    readonly_fields = ["prefix", "key_hash", "created_at", "expires_at", "last_used_at"]
