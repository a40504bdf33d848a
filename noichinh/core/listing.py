"""Pagination for every list page: ?page=N, 25 rows by default, ?per_page up to 200."""

from django.core.paginator import Paginator


def paginate(request, queryset, per_page: int = 25):
    try:
        per_page = max(10, min(200, int(request.GET.get("per_page", per_page))))
    except ValueError:
        pass
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))
