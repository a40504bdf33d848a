from noichinh.org import permissions
from noichinh.org.selectors import province_settings


def shell(request):
    province = province_settings()
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": [], "nav_groups": [], "province": province}
    groups = permissions.navigation_groups(user)
    return {
        "nav": [i for g in groups for i in g["items"]],
        "nav_groups": groups,
        "province": province,
    }
