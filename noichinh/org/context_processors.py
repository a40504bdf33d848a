from django.db import OperationalError, ProgrammingError
from django.utils.functional import SimpleLazyObject

from noichinh.org import permissions
from noichinh.org.models import ProvinceSettings
from noichinh.org.selectors import province_settings


def _province():
    """The province's profile; an empty one where the database has no tables yet (a page
    served before ``migrate``, such as the deploy checks' login page)."""
    try:
        return province_settings()
    except (OperationalError, ProgrammingError):
        return ProvinceSettings(name="", place_name="")


def shell(request):
    province = SimpleLazyObject(_province)
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": [], "nav_groups": [], "province": province}
    groups = permissions.navigation_groups(user)
    return {
        "nav": [i for g in groups for i in g["items"]],
        "nav_groups": groups,
        "province": province,
    }
