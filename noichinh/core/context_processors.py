from noichinh.org import permissions


def shell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": [], "nav_groups": []}
    groups = permissions.navigation_groups(user)
    return {"nav": [i for g in groups for i in g["items"]], "nav_groups": groups}
