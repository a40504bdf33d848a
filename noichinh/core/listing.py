"""Pagination for every list page: ?page=N, 25 rows by default, ?per_page up to 200.

The total is counted up to ``COUNT_CAP`` rows only: counting a whole filtered register
(a province-year is a million petitions) costs as much as reading it, and nobody pages
through hundreds of pages. Past the cap the pager says "hơn 10.000 kết quả" and its page
links reach the cap; a narrower filter finds the rest.
"""

from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.utils.functional import cached_property

COUNT_CAP = 10_000
# A text search (?q=) counts up to 1,000 only. Its words are substrings ("thu", "dat") that a
# third of a province-year's petitions contain: counting 10,000 matches read them through
# the trigram indexes in full, a cost that grew with the register (×2.2 from 1e5 to 1e6);
# 1,000 matches are found in the first rows read, at any size. Past that, narrower words or
# a filter find the rest; nobody pages through 40 pages of search results.
SEARCH_COUNT_CAP = 1_000


def count_upto(rows, limit: int) -> int:
    """How many rows, counting no further than ``limit``."""
    if isinstance(rows, QuerySet):
        # SELECT count(*) FROM (SELECT ... LIMIT limit): the database stops after ``limit``
        # matches. Without ORDER BY, which a count does not need and which would make it sort
        # every match first.
        return rows.order_by()[:limit].count()
    return min(len(rows), limit)


class CappedPaginator(Paginator):
    """A paginator whose ``count`` stops at ``cap``; ``capped`` tells that there are more."""

    def __init__(self, object_list, per_page, *args, cap: int | None = None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.cap = COUNT_CAP if cap is None else cap

    @cached_property
    def _counted(self) -> int:
        return count_upto(self.object_list, self.cap + 1)

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @cached_property
    def capped(self) -> bool:
        """True when there are more rows than ``count``: the count stopped at the cap."""
        return self._counted > self.cap


PAGE_SIZES = (10, 25, 50, 100)


def sort_key(request, columns) -> str:
    """The ``?sort=`` asked for when it names a sortable column ("sender" or "-sender"), else ""."""
    value = (request.GET.get("sort") or "").strip()
    return value if value.lstrip("-") in columns else ""


def sort_order(sort: str, columns: dict[str, tuple[str, ...]]) -> list:
    """``order_by`` terms for ``sort`` ("-x" descending), empty values last, then by id."""
    key = sort.lstrip("-")
    if key not in columns:
        return []
    desc = sort.startswith("-")
    terms = [
        F(c).desc(nulls_last=True) if desc else F(c).asc(nulls_last=True) for c in columns[key]
    ]
    return [*terms, "-id" if desc else "id"]


def paginate(request, queryset, per_page: int = 25, cap: int | None = None):
    try:
        per_page = max(10, min(200, int(request.GET.get("per_page", per_page))))
    except ValueError:
        pass
    paginator = CappedPaginator(queryset, per_page, cap=cap)
    return paginator.get_page(request.GET.get("page"))
