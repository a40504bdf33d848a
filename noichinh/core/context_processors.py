from noichinh.org import permissions
from noichinh.org.selectors import province_settings


def shell(request):
    province = province_settings()
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": [], "province": province}
    return {"nav": permissions.navigation(user), "province": province}
