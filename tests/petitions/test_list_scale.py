"""List pages stay bounded as the register grows (issue 9): a fixed number of queries per
page whatever the filter, and a total that is counted only up to a cap."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from noichinh.core import listing
from tests.petitions.factories import make_petition, make_visit

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def tt(client, users):
    client.force_login(users["canbo"])
    return client


def _petitions(users, agencies, n, start=dt.date(2026, 5, 4), **kw):
    return [
        make_petition(
            users["canbo"],
            agencies["TTT"],
            received_on=start + dt.timedelta(days=i % 20),
            content=f"Khiếu nại việc thu hồi đất của hộ số {i} ở xã Tân Hòa",
            **kw,
        )
        for i in range(n)
    ]


def _overdue(users, agencies, n):
    """``n`` petitions received in January, left unhandled: past their limit by TODAY."""
    made = _petitions(users, agencies, n, start=dt.date(2026, 1, 5))
    assert all(p.next_due is not None and p.next_due < TODAY for p in made)
    return made


def _rows_on_page(response) -> int:
    return len(response.context["rows"])


@time_machine.travel(TODAY)
@pytest.mark.parametrize("n", [3, 30])
def test_search_list_queries_do_not_grow_with_rows(
    tt, users, agencies, n, django_assert_max_num_queries
):
    _petitions(users, agencies, n)
    with django_assert_max_num_queries(8):
        r = tt.get(reverse("petitions:petition_list"), {"q": "thu hoi dat tan hoa"})
    assert r.status_code == 200
    assert r.context["page_obj"].paginator.count == n
    assert _rows_on_page(r) == min(n, 25)


@time_machine.travel(TODAY)
@pytest.mark.parametrize("n", [3, 30])
def test_overdue_list_queries_do_not_grow_with_rows(
    tt, users, agencies, n, django_assert_max_num_queries
):
    _overdue(users, agencies, n)
    with django_assert_max_num_queries(8):
        r = tt.get(reverse("petitions:petition_list"), {"due": "overdue", "sort": "due"})
    assert r.status_code == 200
    assert r.context["page_obj"].paginator.count == n
    assert all(row["badge"] == "overdue" for row in r.context["rows"])


@time_machine.travel(TODAY)
def test_agency_filter_list_queries_are_bounded(tt, users, agencies, django_assert_max_num_queries):
    _petitions(users, agencies, 30)
    with django_assert_max_num_queries(10):
        r = tt.get(
            reverse("petitions:petition_list"),
            {"agency": agencies["TTT"].pk, "type": "complaint", "sort": "due"},
        )
    assert r.status_code == 200
    assert r.context["page_obj"].paginator.count == 30


@time_machine.travel(TODAY)
def test_visit_list_queries_are_bounded(tt, users, agencies, django_assert_max_num_queries):
    for _ in range(30):
        make_visit(users["canbo"], agencies["TTT"], visited_on=dt.date(2026, 5, 4))
    with django_assert_max_num_queries(7):
        r = tt.get(reverse("petitions:visit_list"), {"from": "01/05/2026", "to": "31/05/2026"})
    assert r.status_code == 200
    assert r.context["page_obj"].paginator.count == 30


@time_machine.travel(TODAY)
def test_total_is_counted_with_a_limit_and_without_sorting(tt, users, agencies):
    _petitions(users, agencies, 3)
    with CaptureQueriesContext(connection) as queries:
        r = tt.get(reverse("petitions:petition_list"), {"q": "thu hoi"})
    assert r.context["page_obj"].paginator.count == 3
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1
    sql = counts[0].upper()
    # A text search counts to its own, lower cap; the other filters to COUNT_CAP.
    assert f"LIMIT {listing.SEARCH_COUNT_CAP + 1}" in sql
    assert "ORDER BY" not in sql
    with CaptureQueriesContext(connection) as queries:
        tt.get(reverse("petitions:petition_list"), {"type": "complaint"})
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1 and f"LIMIT {listing.COUNT_CAP + 1}" in counts[0].upper()


@time_machine.travel(TODAY)
def test_capped_total_shows_more_than_and_pages_reach_the_cap(tt, users, agencies, monkeypatch):
    monkeypatch.setattr(listing, "SEARCH_COUNT_CAP", 15)
    made = _petitions(users, agencies, 17)
    url = reverse("petitions:petition_list")

    r = tt.get(url, {"q": "thu hoi dat", "per_page": 10})
    paginator = r.context["page_obj"].paginator
    assert paginator.capped and paginator.count == 15 and paginator.num_pages == 2
    assert "hơn 15 kết quả" in r.text and "bản ghi" not in r.text
    assert "Trang 1/2" in r.text

    r = tt.get(url, {"q": "thu hoi dat", "per_page": 10, "page": 2})
    assert r.context["page_obj"].number == 2
    assert _rows_on_page(r) == 5
    assert "Trang 2/2" in r.text
    # The newest first: page 2 holds the 11th to 15th of the 17, in the same order.
    newest_first = sorted(made, key=lambda p: (p.received_on, p.pk), reverse=True)
    assert [row["p"].pk for row in r.context["rows"]] == [p.pk for p in newest_first[10:15]]

    # Under the cap the exact total is shown.
    r = tt.get(url, {"q": "thu hoi dat", "from": "04/05/2026", "to": "06/05/2026"})
    assert not r.context["page_obj"].paginator.capped
    assert r.context["page_obj"].paginator.count == 3
    assert "3 bản ghi" in r.text and "hơn" not in r.text


@time_machine.travel(TODAY)
def test_capped_visit_list(tt, users, agencies, monkeypatch):
    monkeypatch.setattr(listing, "COUNT_CAP", 12)
    for _ in range(13):
        make_visit(users["canbo"], agencies["TTT"], visited_on=dt.date(2026, 5, 4))
    r = tt.get(reverse("petitions:visit_list"))
    assert r.context["page_obj"].paginator.capped
    assert "hơn 12 kết quả" in r.text


def test_pager_says_more_than_ten_thousand_at_the_real_cap():
    request = RequestFactory().get("/x/", {"page": "401"})
    page = listing.CappedPaginator(list(range(listing.COUNT_CAP + 1)), 25).get_page(
        request.GET.get("page")
    )
    assert page.paginator.capped and page.paginator.num_pages == 400 and page.number == 400
    html = render_to_string("includes/pagination.html", {"page_obj": page}, request=request)
    assert "hơn 10.000 kết quả" in html
    assert "Trang 400/400" in html

    exact = listing.CappedPaginator(list(range(listing.COUNT_CAP)), 25).get_page(1)
    assert not exact.paginator.capped and exact.paginator.count == listing.COUNT_CAP
    html = render_to_string("includes/pagination.html", {"page_obj": exact}, request=request)
    assert "10000 bản ghi" in html and "hơn" not in html


@time_machine.travel(TODAY)
def test_overdue_and_due_views_leave_out_suspended_petitions(tt, users, agencies):
    """The running-limit filter (one IN list, for the partial index) keeps the old meaning."""
    from noichinh.petitions import selectors, services
    from tests.petitions.factories import accepted_complaint

    u = users["canbo"]
    running = _overdue(users, agencies, 1)[0]
    paused = accepted_complaint(
        u, agencies["TTT"], received_on=dt.date(2026, 1, 5), decided_on=dt.date(2026, 1, 12)
    )
    paused = services.petition_suspend(
        actor=u, petition=paused, on=dt.date(2026, 1, 20), doc_no="5/QĐ", reason="Chờ giám định"
    )
    assert paused.state == "suspended" and paused.next_due is not None
    paused.next_due = dt.date(2026, 2, 2)  # a limit long past: only the state keeps it out
    paused.save(update_fields=["next_due"])

    r = tt.get(reverse("petitions:petition_list"), {"due": "overdue", "sort": "due"})
    assert [row["p"].pk for row in r.context["rows"]] == [running.pk]
    rows = selectors.due_by_agency(user=u, today=TODAY)
    assert sum(row["overdue"] for row in rows) == 1
    r = tt.get(reverse("petitions:petition_list"), {"due": "open"})
    assert {row["p"].pk for row in r.context["rows"]} == {running.pk, paused.pk}


def test_list_indexes_exist():
    """The indexes the list queries rely on (issue 9); the trigram ones on PostgreSQL only."""
    with connection.cursor() as cursor:
        names = set(connection.introspection.get_constraints(cursor, "petitions_petition"))
    assert {"pet_due_id", "pet_running_due", "pet_agency_type_due"} <= names
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            if cursor.fetchone() is not None:
                assert {
                    "petition_content_trgm",
                    "petition_sender_trgm",
                    "petition_receipt_trgm",
                } <= names


@time_machine.travel(TODAY)
@pytest.mark.parametrize("list_name", ["petitions:petition_list", "petitions:visit_list"])
def test_xlsx_export_past_the_cap_says_narrow_the_filter(
    tt, users, agencies, monkeypatch, list_name
):
    from noichinh.petitions import views

    _petitions(users, agencies, 4)
    for _ in range(4):
        make_visit(users["canbo"], agencies["TTT"], visited_on=dt.date(2026, 5, 4))
    monkeypatch.setattr(views, "EXPORT_CAP", 3)
    r = tt.get(reverse(list_name), {"format": "xlsx"})
    assert r.status_code == 200 and r["Content-Type"].startswith("text/html")
    assert "hơn 3 dòng, quá lớn để xuất một tệp Excel" in r.content.decode()
    # A narrower filter, at or under the cap, gives the file.
    monkeypatch.setattr(views, "EXPORT_CAP", 4)
    r = tt.get(reverse(list_name), {"format": "xlsx"})
    assert r.status_code == 200 and "spreadsheetml" in r["Content-Type"]


@time_machine.travel(TODAY)
def test_api_list_count_stops_at_the_cap_and_says_there_are_more(
    api_client, users, agencies, monkeypatch
):
    monkeypatch.setattr(listing, "COUNT_CAP", 4)
    _petitions(users, agencies, 6)
    c = api_client.as_user(users["canbo"])
    with CaptureQueriesContext(connection) as queries:
        page = c.get("/api/v1/petitions/", limit=5).json()
    assert (page["count"], page["more"], len(page["items"])) == (4, True, 5)
    counts = [q["sql"].upper() for q in queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1 and "LIMIT 5" in counts[0] and "ORDER BY" not in counts[0]
    # A client pages on while there are items: the 6th is on the next page.
    page = c.get("/api/v1/petitions/", limit=5, offset=5).json()
    assert len(page["items"]) == 1
    # Under the cap, the exact count and more = false.
    monkeypatch.setattr(listing, "COUNT_CAP", 6)
    page = c.get("/api/v1/petitions/").json()
    assert (page["count"], page["more"]) == (6, False)


def _page_query(queries):
    (sql,) = [q["sql"] for q in queries if q["sql"].startswith('SELECT "petitions_petition"."id"')]
    return sql


@time_machine.travel(TODAY)
def test_list_page_reads_only_the_shown_columns(tt, users, agencies):
    """Issue 21: the page's query joined 4 tables for over 100 columns, a whole duplicate
    petition among them that the page only tests for an id."""
    _petitions(users, agencies, 30)
    with CaptureQueriesContext(connection) as queries:
        r = tt.get(reverse("petitions:petition_list"), {"type": "complaint"})
    assert r.status_code == 200
    sql = _page_query(queries)
    assert 'JOIN "petitions_petition"' not in sql, sql
    assert "org_user" not in sql and "org_areaunit" not in sql
    for unshown in ("sender_address", "sender_id_number", "legal_basis", "content_folded"):
        assert f'"{unshown}"' not in sql
    # And the page still shows what it showed.
    first = r.context["rows"][0]["p"]
    assert first.receipt_no in r.text
    assert f'href="{reverse("petitions:petition_detail", args=[first.pk])}"' in r.text
    assert str(agencies["TTT"]) in r.text


@time_machine.travel(TODAY)
def test_list_page_builds_row_links_without_a_reversal_per_row(tt, users, agencies, monkeypatch):
    import django.urls

    _petitions(users, agencies, 30)
    real = django.urls.reverse
    calls = []

    def counting(*args, **kwargs):
        calls.append(args[0] if args else kwargs.get("viewname"))
        return real(*args, **kwargs)

    monkeypatch.setattr(django.urls, "reverse", counting)
    r = tt.get(real("petitions:petition_list"), {"type": "complaint"})
    assert r.status_code == 200 and len(r.context["rows"]) == 25
    assert calls.count("petitions:petition_detail") <= 1
